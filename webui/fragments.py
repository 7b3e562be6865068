"""HTML fragments a results page repeats a hundred times or more, built in Python.

A facet link (agency, department, year, province) appears ~150 times on a results page; as a
Jinja macro it was the page's most expensive piece of template (a macro call costs several times
the string it returns). Templates call these as globals, exactly like the macro they replace.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from webui.i18n import gettext


def facet_link(item, label: str, data_name: str = "", data_value: str = "", partial: bool = False) -> Markup:
    """One facet value as a link that toggles its filter: tick box, name, count and, for screen
    readers, whether it is selected (or, for a year the date range covers in part, partly selected).
    ``item`` has ``url``, ``selected`` and ``count``."""
    selected = item.selected
    state = " selected" if selected else " partial" if partial else ""
    data = f' data-{escape(data_name)}="{escape(data_value)}"' if data_name else ""
    current = 'aria-current="true"' if selected else ""
    box = "✓" if selected else "–" if partial else ""
    hidden = (f'<span class="visually-hidden">({escape(gettext("selected"))})</span>' if selected else
              f'<span class="visually-hidden">({escape(gettext("partly_selected"))})</span>' if partial else "")
    return Markup(
        f'<a href="{escape(item.url)}" class="facet-link{state}"{data} {current}>\n'
        f'  <span class="box" aria-hidden="true">{box}</span>\n'
        f'  <span class="name">{escape(label)}</span> <span class="count">{item.count:,}</span>\n'
        f"  {hidden}\n</a>")


def init_app(app) -> None:
    """Make the fragments template globals."""
    app.jinja_env.globals.update(facet_link=facet_link)
