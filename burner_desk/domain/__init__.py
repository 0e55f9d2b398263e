"""Pure-Python nouns and rules of the burner-phone program. Imports nothing outside the standard library."""
