"""HTML fragments a results page repeats a hundred times or more, built in Python.

A facet link (agency, department, year, province) appears ~150 times on a results page; as a
Jinja macro it was the page's most expensive piece of template (a macro call costs several times
the string it returns). Templates call these as globals, exactly like the macro they replace.
"""
from __future__ import annotations

import functools

from flask import url_for
from markupsafe import Markup, escape

from webui.i18n import agency_name, gettext, show_date, show_year
from webui.urls import Pairs, article_url


def _escaped(text) -> str:
    """``escape(text)``, remembered for plain strings: facets repeat the same few hundred names
    and codes on every page. (Markup is not cached: it equals the plain string it holds.)"""
    return _escape_str(text) if type(text) is str else str(escape(text))


@functools.lru_cache(maxsize=4096)
def _escape_str(text: str) -> str:
    return str(escape(text))


def facet_link(item, label: str, data_name: str = "", data_value: str = "", partial: bool = False) -> Markup:
    """One facet value as a link that toggles its filter: tick box, name, count and, for screen
    readers, whether it is selected (or, for a year the date range covers in part, partly selected).
    ``item`` has ``url``, ``selected`` and ``count``."""
    selected = item.selected
    state = " selected" if selected else " partial" if partial else ""
    data = f' data-{_escaped(data_name)}="{_escaped(data_value)}"' if data_name else ""
    current = 'aria-current="true"' if selected else ""
    box = "✓" if selected else "–" if partial else ""
    hidden = (f'<span class="visually-hidden">({escape(gettext("selected"))})</span>' if selected else
              f'<span class="visually-hidden">({escape(gettext("partly_selected"))})</span>' if partial else "")
    return Markup(
        f'<a href="{escape(item.url)}" class="facet-link{state}"{data} {current}>\n'
        f'  <span class="box" aria-hidden="true">{box}</span>\n'
        f'  <span class="name">{_escaped(label)}</span> <span class="count">{item.count:,}</span>\n'
        f"  {hidden}\n</a>")


def agency_items(facets) -> Markup:
    """The agency facet's list items: each ministry's link, then its departments folded under it
    (``webui.results.agency_facet``). Built here, not in a Jinja loop: ~70 links a page."""
    departments = escape(gettext("departments"))
    out = []
    for m in facets:
        out.append(f'\n        <li class="facet-ministry">\n          {facet_link(m, m.name, "agency", m.id)}\n          ')
        if m.children:
            links = "".join(f'\n              <li>{facet_link(c, c.name, "agency", c.id)}</li>\n              '
                            for c in m.children)
            out.append(f'\n          <details {"open" if m.open else ""}>\n            <summary>{departments} '
                       f'({len(m.children)})</summary>\n            <ul>\n              {links}\n            </ul>\n'
                       f'          </details>\n          ')
        out.append("\n        </li>\n        ")
    return Markup("".join(out))


def year_items(years) -> Markup:
    """The year facet's list items (``webui.results.year_facet``)."""
    return Markup("".join(f"\n        <li>{facet_link(y, show_year(y.year), partial=y.partial)}</li>\n        "
                          for y in years))


def hit_list(hits, pairs: Pairs) -> Markup:
    """The items of the results list (``<li class="hit">`` each): title, agency, date, the stored
    copy's link carrying the search, snippet and the release's other copies. Twenty per page of a
    dozen escaped values each: a Jinja macro made them a fifth of the page's template time."""
    article_path = url_for("pages.article")
    stored = escape(gettext("stored_copy"))
    out = []
    for hit in hits:
        when = (f'· <time datetime="{escape(hit.date)}">{escape(show_date(hit.date))}</time>'
                if hit.date else "")
        out.append(
            f'\n<li class="hit">\n  <article>\n    <h3 class="hit-title"><a href="{escape(hit.url)}" '
            f'rel="noopener noreferrer">{hit.title_html}</a></h3>\n    <p class="hit-meta">\n'
            f'      <span class="agency">{escape(agency_name(hit.agency))}</span>\n      {when}\n'
            f'      · <a class="stored" href="{escape(article_url(article_path, hit.url, pairs))}">{stored}</a>\n'
            f'    </p>\n    {f"""<p class="snippet">{hit.snippet}</p>""" if hit.snippet else ""}\n    ')
        if hit.copies:
            last = len(hit.copies) - 1
            copies = "".join(
                f'<span class="copy"><a href="{escape(c["url"])}" rel="noopener noreferrer" '
                f'title="{escape(c["title"])}">{escape(c["publisher"] or c["url"])}</a>\n'
                f'        (<a class="stored" href="{escape(url_for("pages.article", url=c["url"]))}">{stored}</a>)'
                f'{", " if i < last else ""}</span>' for i, c in enumerate(hit.copies))
            out.append(f'\n    <p class="copies">{escape(gettext("also_published"))}\n      {copies}\n'
                       f'      {escape(gettext("more_places").format(n=len(hit.copies)))}</p>\n    ')
        out.append("\n  </article>\n</li>\n")
    return Markup("".join(out))


def province_list(tiles) -> Markup:
    """The province facet's list items: provinces with hits, and selected ones, by count."""
    return Markup("".join(f"\n      <li>{facet_link(t, t.name, 'province', t.code)}</li>\n      "
                          for t in sorted(tiles, key=lambda t: t.count, reverse=True) if t.count or t.selected))


def province_summary(tiles) -> tuple[int, bool]:
    """How many provinces have hits, and whether any is selected (whether to show the facet)."""
    return sum(1 for t in tiles if t.count), any(t.selected for t in tiles)


def timeline_bars_svg(bars, w: int) -> Markup:
    """The timeline's bars (``webui.charts.timeline``) as SVG links ``w`` units wide, 70 high."""
    out = []
    for i, b in enumerate(bars):
        label, n = escape(b.label), f"{b.count:,}"
        height = round(b.height * 66, 1)
        out.append(
            f'\n    <a href="{escape(b.url)}" class="bar{" selected" if b.selected else ""}" data-count="{b.count}"\n'
            f'       aria-label="{label}: {n}">\n      <title>{label}: {n}</title>\n'
            f'      <rect class="hitbox" x="{i * w}" y="0" width="{w}" height="70"></rect>\n'
            f'      <rect x="{i * w + 1}" y="{70 - height}" width="{w - 2}"\n'
            f'            height="{height if b.count else 0}"></rect>\n    </a>\n    ')
    return Markup("".join(out))


def init_app(app) -> None:
    """Make the fragments template globals."""
    app.jinja_env.globals.update(facet_link=facet_link, agency_items=agency_items, year_items=year_items,
                                 hit_list=hit_list, province_list=province_list,
                                 province_summary=province_summary, timeline_bars_svg=timeline_bars_svg)
