"""Reading tables and writing exports: pandas and the standard library only, no Qt."""
