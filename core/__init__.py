"""What every layer shares: the article store and its change log, the agency registry, text
normalisation, Thai dates and where the data folder is. Imports nothing of govsearch's own."""
