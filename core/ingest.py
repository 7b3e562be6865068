"""Turn a raw record (an import line or an extracted page) into a stored article.

Import and crawl both come through here, so normalisation, date reading and agency attribution
are the same for both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.attribution import attribute
from core.dedupe import lead_text, signatures
from core.provinces import extract as extract_provinces
from core.store import Article, Store, utcnow
from core.normalize import normalize, normalize_line
from core.thaidates import DateError, find_date, parse_date


class RecordError(ValueError):
    """A record that cannot become an article; the message says why."""


@dataclass
class Record:
    """What a source gives us about one article, before normalisation."""

    url: str
    title: str = ""
    body: str = ""
    date: str | date | None = None
    agency: str | None = None
    publisher: str | None = None
    category: str = ""
    lang: str | None = None


def _read_date(value: str | date | None, title: str, body: str) -> tuple[str | None, list[str]]:
    """ISO date from the given value, else from the text; and any warnings."""
    warnings: list[str] = []
    if isinstance(value, date):
        return value.isoformat(), warnings
    if value:
        try:
            d = parse_date(str(value))
        except DateError:
            d = find_date(str(value))
            if d is None:
                warnings.append(f"unreadable date {str(value)[:40]!r}; taken from the text instead")
        if d:
            return d.isoformat(), warnings
    d = find_date(body[:300]) or find_date(title)
    if d is None:
        warnings.append("no date")
    return (d.isoformat() if d else None), warnings


_NOT_THAI = re.compile("[^\u0e00-\u0e7f]+")


def _guess_lang(text: str) -> str:
    """"th" when more than 30% of the letters (str.isalpha) of the first 2,000 characters are in
    the Thai block (marks included), else "en"."""
    head = text[:2000]
    thai = len(_NOT_THAI.sub("", head))
    # Letters are at most all the characters: when Thai is 30% of the characters, the per-character
    # count (a tenth of an import's time) is not needed.
    if thai > 0.3 * len(head) and any(map(str.isalpha, head)):
        return "th"
    letters = sum(map(str.isalpha, head))
    return "th" if letters and thai / letters > 0.3 else "en"


def make_article(rec: Record, sign: bool = True) -> tuple[Article, list[str]]:
    """Normalise a record into an Article; returns it with warnings (never fatal ones). Without
    ``sign``, the lead's MinHash is left for the caller (:func:`sign_articles`, many at once).

    Raises RecordError when there is nothing to store (no URL, or neither title nor body).
    """
    for name in ("url", "agency", "publisher", "lang"):  # stored as given (title, body: normalised)
        value = getattr(rec, name)
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise RecordError(f"{name} holds a lone surrogate (an invalid \\u escape): {value!r}") from None
    url = (rec.url or "").strip()
    if not url or not url.lower().startswith(("http://", "https://")):
        raise RecordError(f"url must be an absolute http(s) URL, got {rec.url!r}")
    title = normalize_line(rec.title)
    body = normalize(rec.body)
    if not title and not body:
        raise RecordError("empty article: no title and no body")
    warnings: list[str] = []
    if not body:
        warnings.append("empty body")
    published, date_warnings = _read_date(rec.date, title, body)
    warnings += date_warnings
    attribution = attribute(title, body, url=url, hint=rec.agency, publisher=rec.publisher)
    if rec.agency and attribution.method != "hint":
        warnings.append(f"unknown agency {rec.agency!r}; attributed to {attribution.agency!r} from the text")
    article = Article(
        url=url,
        title=title,
        body=body,
        published=published,
        agency=attribution.agency,
        publisher=(rec.publisher or "").strip() or _publisher_of(url),
        category=normalize_line(rec.category),
        lang=(rec.lang or "").strip().lower() or _guess_lang(title + " " + body),
        fetched_at=utcnow(),
        provinces=" ".join(extract_provinces(title, body)),
        agency_hint=attribution.agency if attribution.method == "hint" else "",
    )
    if sign:
        sign_articles([article])
    return article, warnings


def sign_articles(articles: list[Article]) -> None:
    """Set each article's lead MinHash, all in one go (a batch is several times cheaper than one
    at a time). Computed by the importing process or its workers; the store groups copies with it."""
    for article, sig in zip(articles, signatures([lead_text(a.title, a.body) for a in articles])):
        article.minhash = sig


def refresh_provinces(store: Store, batch: int = 500) -> int:
    """Recompute every stored article's provinces (after the rules or the gazetteer change);
    returns how many changed. ``govsearch reindex`` runs it before rebuilding."""
    changed: dict[str, str] = {}
    count = 0
    for art in store.iter_articles():
        value = " ".join(extract_provinces(art.title, art.body))
        if value != art.provinces:
            changed[art.url] = value
        if len(changed) >= batch:
            store.set_provinces(changed)
            count += len(changed)
            changed = {}
    store.set_provinces(changed)
    return count + len(changed)


def reattribute(store: Store, batch: int = 500, progress=None,
                everything: bool = False) -> dict[tuple[str, str], int]:
    """Attribute every stored article again with today's rules and registry (after they change),
    writing the agencies that differ through the store so that the index re-reads them.

    The source's own claim, when one was recorded, still wins (it is passed as the hint). An
    article stored before claims were kept (:meth:`Store.claims_unknown`) keeps its agency, which
    may be its source's claim, unless ``everything``. Returns the counts of ``(old agency, new
    agency)`` moves. ``govsearch reattribute`` and ``reindex`` run it.
    """
    hints = store.agency_hints()
    unknown = set() if everything else store.claims_unknown()
    moves: dict[tuple[str, str], int] = {}
    changed: dict[str, str] = {}
    for art in store.iter_articles():
        if art.url in unknown:
            if progress:
                progress(1)
            continue
        new = attribute(art.title, art.body, url=art.url, hint=hints.get(art.url),
                        publisher=art.publisher).agency
        if new != art.agency:
            changed[art.url] = new
            moves[(art.agency, new)] = moves.get((art.agency, new), 0) + 1
        if len(changed) >= batch:
            store.set_agencies(changed)
            changed = {}
        if progress:
            progress(1)
    store.set_agencies(changed)
    return moves


def _publisher_of(url: str) -> str:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
