"""Settings view (supervisors): users, idle lock, languages, stock thresholds, backup and restore."""
