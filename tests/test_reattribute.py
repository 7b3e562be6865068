"""``govsearch reattribute`` (and ``reindex``): stored agencies follow the attribution rules when
they change, through the store's change log, so that the index follows too. Real SQLite store,
real Whoosh index."""
from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from core.paths import store_path
from core.store import Article, Store

# thaigov-86974's shape: the opening line names the minister, the headline only the person. The
# rules before issue 10 credited the ministry of health; the labelling rule says the publisher.
URL = "https://www.thaigov.go.th/news/contents/details/86974"
TITLE = "“สมศักดิ์” ยก 4 กลไก สร้างความมั่นคงด้านวัคซีนฯ รับมือโรคระบาด"
BODY = ("รัฐมนตรีว่าการกระทรวงสาธารณสุข เผย ในการประชุม ASEAN - สหรัฐฯ วาระพิเศษ\n"
        "ไทยได้เสนอ 4 แนวทาง สร้างความมั่นคงด้านวัคซีน ยา และเวชภัณฑ์\n"
        "ในโอกาสนี้ ตนได้ขอบคุณประเทศสหรัฐฯ ที่ให้ความร่วมมือ\n****** 10 สิงหาคม 2567")
# An article whose source said which agency issued it: the claim stands whatever the text says.
HINTED_URL = "https://www.thaigov.go.th/news/contents/details/1"


def _import(tmp_path, data):
    from govsearch.cli import cli

    src = tmp_path / "in.jsonl"
    rows = [{"url": URL, "title": TITLE, "body": BODY, "date": "2024-08-10"},
            {"url": HINTED_URL, "title": "ประชุมคณะกรรมการ", "body": BODY, "date": "2024-08-10", "agency": "moe"}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    res = CliRunner().invoke(cli, ["--data-dir", str(data), "import", str(src)])
    assert res.exit_code == 0, res.output


def _as_if_attributed_by_older_rules(data, url, agency):
    """What a store filled by an older govsearch holds: the agency of the rules of that time."""
    db = sqlite3.connect(store_path(data))
    db.execute("UPDATE articles SET agency=?, story_agency=? WHERE url=?", (agency, agency, url))
    db.commit()
    db.close()


def _agency_hits(data, agency):
    from indexer import SearchEngine, build_params

    return {h.url for h in SearchEngine(data, cache_size=0).search(build_params(q="วัคซีน", agencies=[agency])).hits}


def test_reattribute_moves_stale_agencies_through_the_change_log_and_the_index(tmp_path):
    from govsearch.cli import cli

    data = tmp_path / "d"
    _import(tmp_path, data)
    _as_if_attributed_by_older_rules(data, URL, "moph")
    from indexer import rebuild_index

    rebuild_index(data)  # an index built from that store
    assert URL in _agency_hits(data, "moph")
    with Store(store_path(data)) as s:
        seq_before = s.last_seq()

    res = CliRunner().invoke(cli, ["--data-dir", str(data), "reattribute"])
    assert res.exit_code == 0, res.output
    assert "moph -> thaigov: 1" in res.output
    with Store(store_path(data)) as s:
        art = s.get_article(URL)
        assert (art.agency, art.story_agency) == ("thaigov", "thaigov")
        assert art.seq > seq_before and (art.seq, URL, "upsert") in s.changes_since(seq_before)
        # the content hash follows, so re-importing the same text is "unchanged"
        assert art.content_hash == Article(URL, TITLE, art.body, art.published, "thaigov").content_hash
        assert s.get_article(HINTED_URL).agency == "moe"  # the source's own claim is kept
    assert URL not in _agency_hits(data, "moph") and URL in _agency_hits(data, "thaigov")

    # nothing left to change: a second run writes nothing
    with Store(store_path(data)) as s:
        seq = s.last_seq()
    res = CliRunner().invoke(cli, ["--data-dir", str(data), "reattribute"])
    assert res.exit_code == 0 and "none changed" in res.output
    with Store(store_path(data)) as s:
        assert s.last_seq() == seq


def test_reindex_recomputes_agencies_too(tmp_path):
    from govsearch.cli import cli

    data = tmp_path / "d"
    _import(tmp_path, data)
    _as_if_attributed_by_older_rules(data, URL, "moph")
    res = CliRunner().invoke(cli, ["--data-dir", str(data), "reindex"])
    assert res.exit_code == 0, res.output
    with Store(store_path(data)) as s:
        assert s.get_article(URL).agency == "thaigov"
    assert URL in _agency_hits(data, "thaigov")


def test_reattribute_needs_a_store(tmp_path):
    from govsearch.cli import cli

    res = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "none"), "reattribute"])
    assert res.exit_code != 0 and "no govsearch data" in res.output
    assert not (tmp_path / "none").exists()


def test_a_deleted_article_leaves_no_hint(tmp_path):
    with Store(tmp_path / "s.sqlite3") as s:
        s.upsert_article(Article(HINTED_URL, "t", "b", agency="moe", agency_hint="moe"))
        assert s.agency_hints() == {HINTED_URL: "moe"}
        assert "agency_hint" not in s.get_article(HINTED_URL).to_dict()
        s.delete_article(HINTED_URL)
        assert s.agency_hints() == {}



COPY_URL = "https://www.prd.go.th/th/content/category/detail/id/9/iid/86974"


def test_a_reattributed_copy_stays_in_its_story_group(tmp_path):
    """Settling only the changed article split it out of its group (its copies' edges ignored)."""
    from govsearch.cli import cli

    data = tmp_path / "d"
    src = tmp_path / "in.jsonl"
    rows = [{"url": u, "title": TITLE, "body": BODY, "date": "2024-08-10"} for u in (URL, COPY_URL)]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert CliRunner().invoke(cli, ["--data-dir", str(data), "import", str(src)]).exit_code == 0
    with Store(store_path(data)) as s:
        story = s.get_article(URL).story
        assert story and s.get_article(COPY_URL).story == story  # one release, one group
    _as_if_attributed_by_older_rules(data, URL, "moph")

    res = CliRunner().invoke(cli, ["--data-dir", str(data), "reattribute"])
    assert res.exit_code == 0, res.output
    with Store(store_path(data)) as s:
        a, b = s.get_article(URL), s.get_article(COPY_URL)
        assert a.agency == "thaigov" and a.story == b.story == story
        assert sorted((a.story_rank, b.story_rank)) == [0, 1]


def test_articles_stored_before_claims_were_kept_keep_their_agency_unless_all(tmp_path):
    """Store schema 8 lists the articles stored without a recorded claim (their agency may be one):
    reattribute (and so reindex) leaves them alone; --all recomputes them from the text."""
    from govsearch.cli import cli

    data = tmp_path / "d"
    _import(tmp_path, data)
    db = sqlite3.connect(store_path(data))  # what migration 8 finds in a store filled before step 7
    db.execute("DELETE FROM agency_hints")
    db.execute("INSERT INTO claims_unknown SELECT url FROM articles")
    db.commit()
    db.close()

    assert CliRunner().invoke(cli, ["--data-dir", str(data), "reattribute"]).exit_code == 0
    with Store(store_path(data)) as s:
        assert s.get_article(HINTED_URL).agency == "moe"
    res = CliRunner().invoke(cli, ["--data-dir", str(data), "reattribute", "--all"])
    assert res.exit_code == 0, res.output
    with Store(store_path(data)) as s:
        assert s.get_article(HINTED_URL).agency != "moe"
