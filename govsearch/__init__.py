"""govsearch: full-text search over Thai government news (command line and shared settings)."""
