"""The web front end: Flask app factory, blueprints for pages, the JSON API and feeds.

``create_app(data_dir, status=collector)`` builds the app; ``govsearch serve`` runs it under waitress. Views are
thin: they validate with :func:`indexer.build_params`, call :mod:`webui.services` (the only
place that talks to the search engine) and render. Every error goes through :mod:`webui.errors`.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from flask import Flask

from core.paths import data_dir as default_data_dir

if TYPE_CHECKING:
    from webui.status import StatusCollector


def create_app(data_dir: str | os.PathLike | None = None, test_config: dict[str, Any] | None = None, *,
               status: "StatusCollector | None" = None) -> Flask:
    """Build the Flask app over one data folder (default: ``$GOVSEARCH_DATA_DIR`` or ``./index``).

    ``test_config`` overrides settings (tests shrink ``PER_PAGE`` to page through a small index).
    ``status`` returns what the status page and ``/api/status`` show (it knows the crawl sources
    in use, which the app does not); without it those two routes answer 404.
    """
    app = Flask(__name__)
    app.config.from_mapping(
        DATA_DIR=str(default_data_dir(data_dir)),
        PER_PAGE=20,            # hits per HTML page (the API takes per_page)
        FEED_ENTRIES=20,        # entries in an Atom feed
        HOME_MINISTRIES=8,      # ministry sections on the home page
        HOME_PER_MINISTRY=3,    # newest articles per section
        HOME_CACHE_SECONDS=30,  # the home page runs many searches; they change slowly
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        MAX_CONTENT_LENGTH=64 * 1024,  # the app only reads query strings
    )
    app.json.ensure_ascii = False  # Thai stays readable in API answers
    app.json.sort_keys = False     # keep the documented key order
    if test_config:
        app.config.from_mapping(test_config)

    from webui import api, errors, feeds, fragments, i18n, pages, security, services, status as status_view

    services.init_app(app)
    app.extensions[status_view.EXTENSION] = status
    i18n.init_app(app)
    fragments.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    return app
