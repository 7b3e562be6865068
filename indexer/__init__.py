"""Thai text analysis, the Whoosh index and the one search function used by the CLI, API and UI.

Every Whoosh call in the project lives in this package, so that the engine can be swapped for
another (OpenSearch, tantivy) by replacing one module.
"""
