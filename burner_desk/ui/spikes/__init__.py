"""Spike alerts: the banner on Today, acknowledging, the Spike Response checklist, thresholds."""
