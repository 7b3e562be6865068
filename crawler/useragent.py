"""The crawler's User-Agent: the software, and how the site's operators reach whoever runs it.

The contact is the operator's (``--contact``, ``$GOVSEARCH_CONTACT`` or ``contact`` in
sources.toml): a web page about the crawl or an email address. Without one the header names no
address at all; an address nobody answers would be worse than none.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.errors import ConfigError

PRODUCT = "govsearch/0.1"
ABOUT = "Thai government news search"
_EMAIL = re.compile(r"^(mailto:)?[^@\s;()]+@[^@\s;()]+\.[^@\s;()]+$")


def check_contact(value: str | None) -> str:
    """``value`` stripped if it is an http(s) URL or an email address ("" for none); else ConfigError."""
    contact = (value or "").strip()
    if not contact:
        return ""
    parts = urlsplit(contact)
    if parts.scheme in ("http", "https") and parts.hostname and not re.search(r"[\s;()]", contact):
        return contact
    if _EMAIL.match(contact):
        return contact.removeprefix("mailto:")
    raise ConfigError(f"the contact (--contact, $GOVSEARCH_CONTACT or sources.toml) must be a web address "
                      f"(https://…) or an email address, got {value!r}")


def user_agent(contact: str = "", product: str = PRODUCT) -> str:
    """``govsearch/0.1 (+https://…; Thai government news search)``, the contact left out when unset."""
    if not contact:
        return f"{product} ({ABOUT})"
    return f"{product} ({'' if '@' in contact else '+'}{contact}; {ABOUT})"
