"""What one run of one source did: counts by outcome, errors by kind, items skipped on purpose."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawler.errors import CrawlError


@dataclass
class RunStats:
    """What one run of one source did."""

    source: str
    pages: int = 0           # HTTP requests answered (200 or 304), list and article pages
    not_modified: int = 0    # of which 304
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: int = 0         # placeholder / not-found article ids
    errors: int = 0
    error_kinds: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    status: str = "ok"
    message: str = ""

    def error(self, err: CrawlError | Exception) -> None:
        """Count an error by kind."""
        self.errors += 1
        self.error_kinds[getattr(err, "kind", type(err).__name__)] += 1

    @property
    def changed(self) -> bool:
        """True when the run stored new or updated articles (the index has something to apply)."""
        return bool(self.new or self.updated)

    def summary(self) -> str:
        """One line for logs and the CLI."""
        parts = [f"{self.source}: {self.status}", f"{self.pages} pages ({self.not_modified} not modified)",
                 f"{self.new} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.missing:
            parts.append(f"{self.missing} article numbers with no article (removed or not published yet)")
        if self.errors:
            parts.append(f"{self.errors} errors {dict(self.error_kinds)}")
        if self.skipped:
            parts.append(f"skipped {dict(self.skipped)}")
        if self.message:
            parts.append(self.message)
        return ", ".join(parts)
