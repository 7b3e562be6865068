"""Where govsearch keeps its data: one data folder holding the store and the index."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = "index"
ENV_DATA_DIR = "GOVSEARCH_DATA_DIR"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data folder: the explicit one, else ``$GOVSEARCH_DATA_DIR``, else ``./index``."""
    return Path(explicit or os.environ.get(ENV_DATA_DIR) or DEFAULT_DATA_DIR)


def store_path(data: Path) -> Path:
    """The SQLite article store inside a data folder."""
    return data / "store.sqlite3"


def index_root(data: Path) -> Path:
    """The folder holding the Whoosh index generations and the CURRENT pointer."""
    return data / "whoosh"
