"""Plot widgets."""
