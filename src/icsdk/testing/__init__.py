"""Testing tools for code that uses icsdk."""
