"""The mirror's HTTP request handler: robots.txt, faults, pages with ETag and Last-Modified, and 304s."""
from __future__ import annotations

import email.utils
import hashlib
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from devtools.mirror import faults

if TYPE_CHECKING:
    from devtools.mirror.server import Mirror


class Handler(BaseHTTPRequestHandler):
    """Answers one request from the :class:`~devtools.mirror.server.Mirror` it is served by."""

    protocol_version = "HTTP/1.1"
    server_version = "govsearch-mirror/0.1"
    # Headers and body in one segment: without these, Nagle + delayed ACK add ~40 ms per keep-alive request.
    disable_nagle_algorithm = True
    wbufsize = 64 * 1024

    @property
    def mirror(self) -> "Mirror":
        return self.server.mirror  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read mirror.log instead
        pass

    def record(self, status: int) -> None:
        """Add this request, answered with ``status``, to the mirror's request log."""
        self.mirror.log_request(self.path, status, self.headers.get("User-Agent", ""),
                                bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")))

    def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        """Log and send a whole response (no body for HEAD and 304)."""
        self.record(status)
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        m = self.mirror
        parts = urlsplit(self.path)
        path = parts.path
        root = f"http://{self.headers.get('Host') or m.base_url[7:]}"
        try:
            if path == "/robots.txt":
                return self.send(m.robots_status, m.robots.encode("utf-8"), "text/plain; charset=utf-8")
            fault = m.take_fault(path + (f"?{parts.query}" if parts.query else ""))
            if fault is not None and faults.serve(self, fault, root):
                return
            page = m.render(path, parse_qs(parts.query), root, getattr(self.server, "site", None))
            if page is None:
                return self.send(404, b"<html><body><h1>404 Not Found</h1></body></html>")
            status, body, ctype, modified = page
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            headers = {"ETag": etag}
            if modified:
                headers["Last-Modified"] = email.utils.formatdate(modified, usegmt=True)
            if self._not_modified(etag, modified):
                return self.send(304, headers=headers)
            self.send(status, body, ctype, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or a size limit in a test): nothing to answer

    def _not_modified(self, etag: str, modified: float) -> bool:
        # An If-None-Match decides alone; If-Modified-Since counts only without one (RFC 9110 13.2.2).
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")]
        ims = self.headers.get("If-Modified-Since")
        if not (ims and modified):
            return False
        try:
            since = email.utils.parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            since = 0
        return int(modified) <= since
