"""Cases view: search, case timeline and case actions."""
