"""The ODMAP export, as a dialog supervisors open from the Reports menu."""
