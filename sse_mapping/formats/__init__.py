"""Corrections to Django's locale formats: digit grouping where Django's module for
the language leaves it out (so 1234567 shows 1.234.567, not 1234567)."""
