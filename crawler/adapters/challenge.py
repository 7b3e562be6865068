"""Firewall and bot-challenge pages: recognised by their markers, so they are reported, not stored.

The markers are the ones these products put in every block page (Imperva/Incapsula's incident ID and
resource path, Cloudflare's challenge platform and "Just a moment…" interstitial, F5 BIG-IP ASM's
"request rejected" support ID). The crawler never tries to get past them.
"""
from __future__ import annotations

import re

_MARKERS: tuple[tuple[str, re.Pattern], ...] = (
    ("Incapsula", re.compile(r"_Incapsula_Resource|Incapsula incident ID|incap_ses_|visid_incap_", re.I)),
    ("Cloudflare", re.compile(r"cdn-cgi/challenge-platform|cf-browser-verification|__cf_chl_|"
                              r"<title>\s*(?:Just a moment\.\.\.|Attention Required! \| Cloudflare)", re.I)),
    ("F5 ASM", re.compile(r"The requested URL was rejected\. Please consult with your administrator", re.I)),
    ("bot challenge", re.compile(r"<title>\s*(?:Access Denied|Request Rejected|Security Check)\s*</title>", re.I)),
)


def challenge_of(page: str | bytes) -> str | None:
    """The firewall whose block or challenge page this is (e.g. ``"Incapsula"``), or None."""
    head = page[:60_000]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    for name, pattern in _MARKERS:
        if pattern.search(head):
            return name
    return None
