"""HTML pages: home, search results, the stored article, status."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, url_for

from werkzeug.datastructures import MultiDict

from indexer import MAX_QUERY_INPUT, ParamError, cut_query, mark, query_words
from webui import charts, results as view, services, status as status_report
from webui.i18n import current_lang, show_date
from webui.notices import notice_views
from webui.urls import article_url, pairs_of, with_args

bp = Blueprint("pages", __name__)
bp.add_app_template_global(with_args, "with_args")
bp.add_app_template_global(article_url, "article_url")
bp.add_app_template_global(charts.map_svg, "map_svg")
bp.add_app_template_global(MAX_QUERY_INPUT, "max_query_input")


@bp.get("/")
def home():
    """One search box and the latest news of the busiest ministries."""
    total, sections = services.home_sections()
    return render_template("home.html", total=total, sections=sections)


@bp.get("/search")
def search():
    """Results with filters, chips and paging; a bad parameter shows the form with a message."""
    args = request.args
    path = url_for("pages.search")
    lang = current_lang()
    try:
        params = services.params_from_args(args, current_app.config["PER_PAGE"], raw=request.query_string)
    except ParamError as e:
        q = cut_query(args.get("q", ""))[0]  # never echo more than the engine would read
        return render_template("search.html", q=q, form=_with_q(args, q), error=str(e), result=None,
                               clear_url=with_args(path, [("q", q)] if q else [])), 400
    # The query as the engine reads it (a long one is cut): every link of the page repeats it.
    q = params.q
    form = _with_q(args, q)
    pairs = pairs_of(form)
    result = services.search(params)
    unfiltered = None
    if result.total == 0 and (params.agencies or params.provinces or params.since or params.until):
        unfiltered = services.count_without_filters(params)
    return render_template(
        "search.html",
        q=q,
        form=form,
        error=None,
        result=result,
        notices=notice_views(result.notices, lang, path, pairs, lambda words: services.count_at_any_date(
            params, words)),
        facets=view.agency_facet(result, path, pairs, lang),
        years=view.year_facet(result, path, pairs, lang),
        chips=view.chips(params, pairs, path, lang, show_date),
        tiles=charts.tiles(result.facets["province"], params.provinces, path, pairs, lang),
        timeline=charts.timeline(result.facets["month"], params.since, params.until, path, pairs, lang),
        pager=view.pager(params, result.total, path, pairs),
        phrase=view.phrase_query(q, result.words),
        suggest_agency=(result.agency_suggestions or [None])[0],
        unfiltered=unfiltered,
        pairs=pairs,
        path=path,
        clear_url=with_args(path, [(k, v) for k, v in pairs if k in ("q", "sort", "lang")], agency=None),
        csv_url=with_args(url_for("api.search"), [(k, v) for k, v in pairs if k not in ("lang", "page", "per_page")],
                          format="csv"),
        feed_url=with_args(url_for("feeds.atom"), [(k, v) for k, v in pairs if k not in ("page", "sort", "per_page")]),
        api_url=with_args(url_for("api.search"), [(k, v) for k, v in pairs if k != "lang"]),
    )


def _with_q(args: MultiDict, q: str) -> MultiDict:
    """The request's arguments with the query replaced by ``q``."""
    form = args.copy()
    if "q" in form:
        form.setlist("q", [q])
    return form


@bp.get("/article")
def article():
    """The stored copy of an article, the query's words highlighted."""
    url = request.args.get("url", "")
    art = services.article(url)
    if art is None:
        abort(404, description="ไม่พบบทความนี้ในคลัง / this article is not in the store")
    q = request.args.get("q", "")
    terms = query_words(q)
    paragraphs = [mark(p, terms) for p in art.body.split("\n") if p.strip()]
    back = with_args(url_for("pages.search"), pairs_of(request.args)) if q else None
    return render_template("article.html", art=art, title_html=mark(art.title, terms), paragraphs=paragraphs,
                           q=q, back_url=back, copies=services.copies(art))


@bp.get("/status")
def status():
    """Crawl sources, counts and the index's size and freshness."""
    return render_template("status.html", st=status_report.current(), every=status_report.every)
