"""Inventory view: burner phones, recovery bags and handout stock."""
