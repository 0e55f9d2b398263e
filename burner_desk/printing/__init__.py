"""Printouts (reportlab): build(data, lang) -> PDF bytes. Documents arrive with the printing issue."""
