"""The tantivy + nlpo3 row of bench/bench_core.py: the practical limit for building and serving
the same index.

Same articles, same normalisation and agency attribution, same segmentation (govsearch's own
:func:`indexer.thai.iter_text`: words, the marked parts of compounds and bridges, in a pool of
one process per core, so its cost is in the row), fed to tantivy as space-joined tokens with its
whitespace tokenizer. Same queries, and the same full page: 20 hits with a snippet each, and
agency and year facet counts (tantivy terms aggregations).

tantivy is a bench-only dependency (``pip install -e '.[bench]'``); without it the row is skipped.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path


def available() -> bool:
    """True when the tantivy package can be imported."""
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def _prepare(d: dict) -> tuple:
    """One article as tantivy will take it: normalised, attributed and segmented (a pool task)."""
    from core.attribution import attribute
    from core.normalize import normalize, normalize_line
    from indexer.thai import iter_spans, iter_text

    title, body = normalize_line(d.get("title")), normalize(d.get("body"))
    day = int((d.get("date") or "0").replace("-", "") or 0)
    agency = attribute(title, body, d["url"]).agency
    title_tokens = " ".join(w for w, _s, _e in iter_spans(title))
    text_tokens = " ".join(t for t, _s, _e, _p in iter_text(f"{title}\n{body}"))
    return d["url"], title, title_tokens, text_tokens, day, agency


def _warm() -> None:
    """Load the dictionary and the agency tables once, before the pool forks and shares them."""
    _prepare({"url": "https://www.thaigov.go.th/news/contents/details/1", "title": "กระทรวงมหาดไทย",
              "body": "นายกรัฐมนตรี ประชุม"})


def build(docs: list[dict], folder: Path):
    """Import ``docs`` into a new tantivy index in ``folder``; returns the index."""
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("url", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True, index_option="basic")  # shown, not searched
    sb.add_text_field("title_t", tokenizer_name="whitespace")
    sb.add_text_field("text", stored=True, tokenizer_name="whitespace")  # searched and snippeted
    sb.add_text_field("agency", stored=True, fast=True, tokenizer_name="raw")
    sb.add_integer_field("day", stored=True, indexed=True, fast=True)
    sb.add_integer_field("year", fast=True)
    schema = sb.build()
    folder.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema, path=str(folder))
    procs = os.cpu_count() or 1
    writer = index.writer(heap_size=256_000_000, num_threads=procs)
    _warm()
    with multiprocessing.get_context("fork").Pool(procs) as pool:
        for url, title, title_t, text, day, agency in pool.imap(_prepare, docs, chunksize=64):
            writer.add_document(tantivy.Document(url=url, title=title, title_t=title_t, text=text,
                                                 agency=agency, day=day, year=day // 10000))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


def _page(index, schema, q: str, f: dict, reg) -> int:
    import tantivy
    from core.normalize import normalize_line
    from core.thaidates import parse_range
    from indexer.thai import PART_MARK, iter_spans

    Occur, Query = tantivy.Occur, tantivy.Query
    must = []
    for w, _s, _e in iter_spans(normalize_line(q)):
        forms = [Query.term_query(schema, "text", w), Query.term_query(schema, "text", PART_MARK + w),
                 Query.term_query(schema, "title_t", w)]
        must.append((Occur.Must, Query.boolean_query([(Occur.Should, x) for x in forms])))
    if "agency" in f:
        ids = sorted(reg.descendants(reg.resolve(f["agency"])))
        must.append((Occur.Must, Query.term_set_query(schema, "agency", ids)))
    if "since" in f or "until" in f:
        lo = int(parse_range(f["since"])[0].strftime("%Y%m%d")) if "since" in f else 0
        hi = int(parse_range(f["until"])[1].strftime("%Y%m%d")) if "until" in f else 99991231
        must.append((Occur.Must, Query.range_query(schema, "day", tantivy.FieldType.Integer, lo, hi)))
    query = Query.boolean_query(must) if must else Query.all_query()
    searcher = index.searcher()
    newest = f.get("sort") == "newest"
    result = searcher.search(query, 20, count=True, order_by_field="day" if newest else None)
    snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
    for _score, address in result.hits:
        doc = searcher.doc(address)
        snippets.snippet_from_doc(doc).to_html()
    searcher.aggregate(query, {"agency": {"terms": {"field": "agency", "size": 1000}},
                               "year": {"terms": {"field": "year", "size": 100}}})
    return result.count


def run(docs: list[dict], folder: Path, queries, repeat: int) -> dict:
    """Build, then time the full page for each query; a dict like bench_core's other rows."""
    from bench.bench_core import cpu_s, dir_size, pct
    from core.agencies import registry

    t0, c0 = time.perf_counter(), cpu_s()
    index = build(docs, folder)
    t_index, c_index = time.perf_counter() - t0, cpu_s() - c0
    schema, reg = index.schema, registry()
    times, totals = [], {}
    for _ in range(repeat):
        for q, f in queries:
            t = time.perf_counter()
            totals[q + json.dumps(f)] = _page(index, schema, q, f, reg)
            times.append((time.perf_counter() - t) * 1000)
    return {"index_s": t_index, "cpu_s": c_index, "disk_mb": dir_size(folder) / 1e6, "p50": pct(times, 50),
            "p95": pct(times, 95), "max": max(times), "totals": totals}
