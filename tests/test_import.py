"""`govsearch import`: JSON Lines in, bad lines reported and skipped, everything else kept."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from click.testing import CliRunner

from core.importer import import_files
from core.store import Store
from govsearch.cli import cli
from core.paths import store_path
from indexer import SearchEngine, build_params
from tests.conftest import DATA

RAW = DATA / "raw"


def run(data: Path, *args: str):
    return CliRunner().invoke(cli, ["--data-dir", str(data), *args], catch_exceptions=False)


def raw_page_to_record(text: str) -> dict:
    """A raw thaigov page as text -> an import line (title line, body, source URL)."""
    lines = [ln.strip() for ln in text.lstrip("\ufeff").splitlines()]
    title = lines[0].removeprefix("รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-").removeprefix("รัฐบาลไทย-")
    url = next((m.group(1) for ln in lines if (m := re.match(r"ที่มา\s*:\s*(\S+)", ln))), "")
    body_lines = [ln for ln in lines[1:] if ln and not ln.startswith("ที่มา") and ln != "พิมพ์"]
    date_line = body_lines.pop(0) if body_lines and body_lines[0].startswith("วัน") else ""
    if body_lines and re.fullmatch(r"\d{2}/\d{2}/\d{4}", body_lines[0]):
        body_lines.pop(0)
    return {"url": url, "title": title, "body": "\n".join(body_lines), "date": date_line}


def test_import_raw_corpus_samples(tmp_path):
    src = tmp_path / "raw.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for path in sorted(RAW.glob("*.txt")):
            f.write(json.dumps(raw_page_to_record(path.read_text(encoding="utf-8")), ensure_ascii=False) + "\n")
    res = run(tmp_path / "d", "import", str(src))
    assert res.exit_code == 0, res.output
    # 7 real articles; the empty placeholder page has neither title nor body and is skipped.
    assert "7 new" in res.output and "1 skipped" in res.output
    assert "empty article" in res.output
    with Store(store_path(tmp_path / "d")) as store:
        moi = store.get_article("http://www.thaigov.go.th/news/contents/details/7948")
        assert moi.published == "2017-11-09" and moi.agency.startswith("moi")
        english = [a for a in store.iter_articles() if a.lang == "en"]
        assert len(english) == 1 and english[0].published == "2024-05-01"
    r = SearchEngine(tmp_path / "d").search(build_params(q="สมเด็จพระสังฆราช"))
    assert r.total == 1


def test_bad_lines_are_reported_and_skipped(tmp_path):
    src = tmp_path / "mixed.jsonl.gz"
    good = {"url": "https://www.moi.go.th/a/1", "title": "มหาดไทยประชุม", "body": "ข่าว", "date": "4 มี.ค. 2564"}
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "ไม่มี url"}, ensure_ascii=False),
        json.dumps({"url": "https://www.moi.go.th/a/2", "title": "", "body": ""}),
        json.dumps({"url": "https://www.moi.go.th/a/3", "title": 5}),
        "[1, 2]",
        "",
        json.dumps({"url": "https://www.moi.go.th/a/4", "title": "วันที่แปลก", "body": "ข่าว", "date": "31/02/2564"},
                   ensure_ascii=False),
        json.dumps({"url": "https://www.moi.go.th/a/5", "title": "หน่วยงานแปลก", "body": "ข่าว", "agency": "ไม่มีจริง"},
                   ensure_ascii=False),
        json.dumps({"url": "https://www.moi.go.th/a/6", "title": "ไม่มีเนื้อหา"}, ensure_ascii=False),
    ]
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    res = run(tmp_path / "d", "import", str(src))
    assert res.exit_code == 0
    out = res.output
    assert f"{src}:2: not valid JSON" in out
    assert f"{src}:3: url must be an absolute" in out
    assert f"{src}:4: empty article" in out
    assert f"{src}:5: fields must be strings: title" in out
    assert f"{src}:6: not a JSON object" in out
    assert "4 new" in out and "5 skipped" in out
    with Store(store_path(tmp_path / "d")) as store:
        assert store.get_article("https://www.moi.go.th/a/1").published == "2021-03-04"
        assert store.get_article("https://www.moi.go.th/a/4").published is None  # unreadable date: kept, undated
        assert store.get_article("https://www.moi.go.th/a/5").agency == "moi"  # unknown name: from the URL
        assert store.get_article("https://www.moi.go.th/a/6").body == ""


def test_lone_surrogates_neither_crash_nor_reach_the_store(tmp_path):
    """JSON can escape half a character ("\\ud800"); no UTF-8 text holds one. In a title or body it is
    dropped like a zero-width character; in a field stored as given the line is skipped, and the
    rest of the file is imported (it used to stop the whole import with UnicodeEncodeError)."""
    src = tmp_path / "surrogates.jsonl"
    lines = [
        '{"url": "https://www.moi.go.th/s/1", "title": "ข่าว ab\\ud800cd ทดสอบ", "body": "เนื้อหา\\udfff ข่าว"}',
        '{"url": "https://www.moi.go.th/s/2\\ud800", "title": "ข่าวสอง", "body": "เนื้อหา"}',
        '{"url": "https://www.moi.go.th/s/3", "title": "ข่าวสาม", "body": "เนื้อหา", "publisher": "x\\udc00"}',
        '{"url": "https://www.moi.go.th/s/4", "title": "ข่าวสี่", "body": "เนื้อหา"}',
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run(tmp_path / "d", "import", str(src))
    assert res.exit_code == 0, res.output
    assert f"{src}:2: url holds a lone surrogate" in res.output
    assert f"{src}:3: publisher holds a lone surrogate" in res.output
    with Store(store_path(tmp_path / "d")) as store:
        first = store.get_article("https://www.moi.go.th/s/1")
        assert (first.title, first.body) == ("ข่าว abcd ทดสอบ", "เนื้อหา ข่าว")
        assert store.get_article("https://www.moi.go.th/s/4") is not None
        assert store.count_articles() == 2


def test_reimport_upserts_by_url(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"url": "https://www.moi.go.th/x", "title": "เดิม", "body": "ข่าว"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    assert "1 new" in run(tmp_path / "d", "import", str(src)).output
    assert "1 unchanged" in run(tmp_path / "d", "import", str(src)).output
    src.write_text(json.dumps({"url": "https://www.moi.go.th/x", "title": "ใหม่", "body": "ข่าว"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    assert "1 updated" in run(tmp_path / "d", "import", str(src)).output
    eng = SearchEngine(tmp_path / "d")
    assert eng.search(build_params(q="ใหม่")).total == 1
    assert eng.search(build_params(q="เดิม")).total == 0


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    src = tmp_path / "cut.jsonl.gz"
    body = "".join(json.dumps({"url": f"https://www.moi.go.th/c/{i}", "title": f"ข่าวที่ {i}", "body": "ข่าว" * 50},
                              ensure_ascii=False) + "\n" for i in range(200))
    data = gzip.compress(body.encode("utf-8"))
    src.write_bytes(data[: len(data) // 2])
    res = run(tmp_path / "d", "import", str(src))
    assert res.exit_code == 0 and "unreadable from here on" in res.output
    with Store(store_path(tmp_path / "d")) as store:
        assert 0 < store.count_articles() < 200


def test_search_cli_json_matches_api_shape(core_data_dir):
    res = run(core_data_dir, "search", "มหาดไทย", "--json", "--per-page", "3")
    doc = json.loads(res.output)
    assert set(doc) >= {"query", "total", "page", "per_page", "hits", "facets"}
    assert doc["query"] == "มหาดไทย" and len(doc["hits"]) == 3 and doc["total"] >= 3


def test_search_cli_bad_parameter_is_a_message(core_data_dir):
    res = CliRunner().invoke(cli, ["--data-dir", str(core_data_dir), "search", "x", "--since", "31/02/2564"])
    assert res.exit_code != 0 and "no such date" in res.output and "Traceback" not in res.output


def test_search_cli_says_what_the_page_offers(core_data_dir):
    """The did-you-mean, the agency named in the query and a page past the last, as the web page
    says them; an exclusion is a word of the query, not an unknown option."""
    assert "did you mean: มหาดไทย" in run(core_data_dir, "search", ",skfwmp").output
    assert "--agency moi" in run(core_data_dir, "search", "มท.").output
    total = json.loads(run(core_data_dir, "search", "มหาดไทย", "--json").output)["total"]
    assert "past the last page" in run(core_data_dir, "search", "มหาดไทย", "--page", str(total + 1),
                                       "--per-page", "1").output
    excluded = json.loads(run(core_data_dir, "search", "มหาดไทย", "-ปลัดกระทรวง", "--json").output)
    assert excluded["query"] == "มหาดไทย -ปลัดกระทรวง" and excluded["total"] < total
    res = CliRunner().invoke(cli, ["--data-dir", str(core_data_dir), "search", "x", "--json", "--format", "csv"])
    assert res.exit_code != 0 and "choose one" in res.output
    res = CliRunner().invoke(cli, ["--data-dir", str(core_data_dir), "search", "มหาดไทย", "--per-pgae", "3"])
    assert res.exit_code != 0 and "no such option: --per-pgae" in res.output


def test_status_reports_counts(core_data_dir):
    doc = json.loads(run(core_data_dir, "status", "--json").output)
    assert doc["articles"] == 40 and doc["index"]["documents"] == 40 and doc["index"]["behind"] == 0
    text = run(core_data_dir, "status").output  # for a person: a few lines, not the whole document
    assert "articles: 40 · index: 40 documents" in text and "up to date" in text and len(text.splitlines()) < 40


def _lang_by_counting(text: str) -> str:
    """The language rule counted character by character, as it was first written."""
    thai = sum(1 for ch in text[:2000] if "\u0e00" <= ch <= "\u0e7f")
    letters = sum(1 for ch in text[:2000] if ch.isalpha())
    return "th" if letters and thai / letters > 0.3 else "en"


def test_language_guess_equals_the_counting_rule():
    from core.ingest import _guess_lang

    texts = [json.loads(line)["title"] + " " + json.loads(line)["body"]
             for line in (DATA / "sample_articles.jsonl").read_text(encoding="utf-8").splitlines()]
    # Edge cases: marks only (no letters), English with a Thai name, a third Thai, digits and dates.
    texts += ["", "\u0e48\u0e49", "The Minister นายอนุทิน met", "ab กขค " * 3, "abcdefg กข", "abcdefgh กขค", "2564 12 ๑๒",
              "ผู้ว่าฯ" + " x" * 5000, "x " * 3000 + "ไทย"]
    for text in texts:
        assert _guess_lang(text) == _lang_by_counting(text), text[:40]
    assert {_guess_lang(t) for t in texts} == {"th", "en"}


def test_lines_end_as_in_a_text_file(tmp_path):
    """Lines end at \\n, \\r\\n or a lone \\r, and a line of (any) spaces is blank, as when the file
    was read as text: line numbers in the messages and the counts stay the same."""
    src = tmp_path / "ends.jsonl"
    src.write_bytes('{"url": "https://www.moi.go.th/e/1", "title": "หนึ่ง"}\r\n\r\n'
                    '{"url": "https://www.moi.go.th/e/2", "title": "สอง"}\r[1]\n'
                    '\u3000\u00a0\n{bad\r\n{"url": "https://www.moi.go.th/e/3", "title": "สาม"}'.encode("utf-8"))
    with Store(store_path(tmp_path / "d")) as store:
        report = import_files(store, [src], workers=1)
        assert store.count_articles() == 3
    assert report.lines == 5 and report.new == 3
    assert [(line, reason[:12]) for _f, line, reason in report.skipped] == [(4, "not a JSON o"), (6, "not valid JS")]


def test_every_warning_is_listed_with_its_line(tmp_path):
    """The summary said "3 with warnings (e.g. no date)" and showed only the first, with no line."""
    src = tmp_path / "w.jsonl"
    rows = [{"url": f"https://www.moi.go.th/w/{i}", "title": f"ข่าวที่ {i}", "body": "ข่าวประชาสัมพันธ์"}
            for i in range(3)]  # no date anywhere: each line warns
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    res = run(tmp_path / "d", "import", str(src), "--no-index")
    assert res.exit_code == 0 and "3 with warnings (listed above)" in res.output
    assert all(f"warning {src}:{n}: no date" in res.output for n in (1, 2, 3)), res.output
