"""Security headers on every response, and a Content-Security-Policy the pages really pass.

The pages load only same-origin CSS and JS (no inline script or style, no CDN), so the policy
can be strict. The API and feed are read-only and public, so any origin may read them.
"""
from __future__ import annotations

from flask import Flask, request

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def init_app(app: Flask) -> None:
    """Add the headers after every request."""

    @app.after_request
    def _headers(response):
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        if request.path.startswith(("/api/", "/feed.atom", "/healthz")):
            response.headers.setdefault("Access-Control-Allow-Origin", "*")
        if request.path.startswith("/api/") or request.path == "/healthz":
            response.headers.setdefault("Cache-Control", "no-store" if request.path == "/healthz" else "public, max-age=30")
        return response
