"""Faults the mirror can serve instead of a page, so tests can see what the crawler does with them."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from devtools.mirror.handler import Handler

_MALFORMED = ("<html><head><title>x</title><body><div class='border-normal clearfix'><p>"
              "<b>ข่าว<i>ไม่ปิด <table><tr><td>แท็ก")


@dataclass
class Fault:
    """A fault injected on one path: ``kind`` with parameters, for ``times`` requests (None = always)."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    times: int | None = None


def serve(h: "Handler", fault: Fault, root: str) -> bool:
    """Answer a request with a fault; False when the fault only delays and the normal page follows."""
    p = fault.params
    if fault.kind == "status":
        h.send(int(p.get("code", 500)), b"<html><body>error</body></html>")
    elif fault.kind == "retry_after":
        h.send(int(p.get("code", 429)), b"busy", headers={"Retry-After": str(p.get("seconds", 1))})
    elif fault.kind == "slow":
        time.sleep(float(p.get("seconds", 5)))
        return False
    elif fault.kind == "redirect":
        to = str(p["to"])
        h.send(int(p.get("code", 302)), b"", headers={"Location": to if "://" in to else root + to})
    elif fault.kind == "huge":
        _huge(h, int(p.get("size", 20 * 1024 * 1024)), bool(p.get("declared", False)))
    elif fault.kind == "garbage":
        h.send(200, bytes(range(256)) * 64, "text/html")
    elif fault.kind == "malformed":
        h.send(200, str(p.get("html", _MALFORMED)).encode("utf-8"))
    else:
        raise ValueError(f"unknown fault {fault.kind!r}")
    return True


def _huge(h: "Handler", size: int, declared: bool) -> None:
    """Stream ``size`` bytes of Thai HTML, with or without a Content-Length saying so."""
    h.record(200)
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    if declared:
        h.send_header("Content-Length", str(size))
    else:
        h.send_header("Connection", "close")  # no length: the end of the body is the close
        h.close_connection = True
    h.end_headers()
    chunk = ("<p>" + "ข่าว" * 1000 + "</p>\n").encode("utf-8")
    sent = 0
    try:
        while sent < size:
            h.wfile.write(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
