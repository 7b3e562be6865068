"""Killing `govsearch import` or `reindex` at any moment leaves a store and an index that open
and agree after the next run; a Whoosh lock left by a killed writer is recovered."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.store import Store
from core.paths import index_root, store_path
from indexer import SearchEngine, build_params, rebuild_index, sync_index
from indexer.whoosh_backend import current_generation, open_index
from tests.conftest import CORE_ARTICLES

pytestmark = pytest.mark.slow


def make_corpus(path: Path, copies: int) -> int:
    """Real articles repeated under distinct URLs: enough work for a kill to land mid-run."""
    rows = [json.loads(line) for line in CORE_ARTICLES.read_text(encoding="utf-8").splitlines()]
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for c in range(copies):
            for r in rows:
                f.write(json.dumps({**r, "url": f"{r['url']}?copy={c}", "title": f"{r['title']} ({c})"},
                                   ensure_ascii=False) + "\n")
                n += 1
    return n


def govsearch(data: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "govsearch", "--data-dir", str(data), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            start_new_session=True)  # own group: the kill reaches writer workers too


def kill_after(proc: subprocess.Popen, seconds: float) -> None:
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> None:
    """SIGKILL ``proc`` as soon as ``ready()`` holds (polled), not after a fixed delay that a fast
    machine outruns."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the process ended before it could be killed mid-way"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def indexed_urls(data: Path) -> set[str]:
    ix = open_index(data, create=False)
    with ix.searcher() as s:
        return {f["url"] for f in s.all_stored_fields()}


def assert_consistent(data: Path) -> None:
    with Store(store_path(data)) as store:
        stored = {a.url for a in store.iter_articles()}
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert indexed_urls(data) == stored


def test_kill_import_at_several_moments_then_rerun(tmp_path):
    src = tmp_path / "in.jsonl"
    total = make_corpus(src, 40)
    data = tmp_path / "data"
    for delay in (1.5, 3.0, 5.0, 8.0):
        kill_after(govsearch(data, "import", str(src)), delay)
    proc = govsearch(data, "import", str(src))
    assert proc.wait(timeout=300) == 0
    with Store(store_path(data)) as store:
        assert store.count_articles() == total
    assert_consistent(data)
    assert SearchEngine(data).search(build_params(q="มหาดไทย")).total > 0


def test_kill_reindex_keeps_serving_the_old_index(tmp_path):
    src = tmp_path / "in.jsonl"
    total = make_corpus(src, 25)
    data = tmp_path / "data"
    assert govsearch(data, "import", str(src)).wait(timeout=300) == 0
    live = current_generation(data)
    engine = SearchEngine(data)
    before = engine.search(build_params(q="มหาดไทย")).total
    # Killed while it writes the new generation beside the live one.
    kill_when(govsearch(data, "reindex"), lambda: len(list(index_root(data).glob("gen-*"))) > 1)
    # The killed rebuild never became live: same generation, same answers.
    assert current_generation(data) == live
    assert engine.search(build_params(q="มหาดไทย")).total == before
    assert govsearch(data, "reindex").wait(timeout=300) == 0
    new = current_generation(data)
    assert new != live and not live.exists()
    assert [p.name for p in index_root(data).glob("gen-*")] == [new.name]  # partial folders cleaned up
    assert_consistent(data)
    time.sleep(1.1)  # the engine re-checks the live generation at most once a second
    assert engine.search(build_params(q="มหาดไทย")).total == before
    with Store(store_path(data)) as store:
        assert store.count_articles() == total


def test_stale_whoosh_lock_after_a_killed_writer(writable_data_dir):
    data = writable_data_dir
    gen = current_generation(data)
    # A writer that takes Whoosh's lock and dies without releasing it.
    code = (
        "import os, signal; from whoosh import index; "
        f"ix = index.open_dir({str(gen)!r}); w = ix.writer(); "
        "print('locked', flush=True); os.kill(os.getpid(), signal.SIGKILL)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "locked" in proc.stdout and proc.returncode == -signal.SIGKILL
    with Store(store_path(data)) as store:
        a = store.get_article(next(iter(indexed_urls(data))))
        a.title = "หัวข้อแก้ไขหลังเครื่องล่ม"
        a.content_hash = ""
        a.__post_init__()
        store.upsert_article(a)
    report = sync_index(data)  # must not wait for the dead writer's lock
    assert report.upserts == 1
    assert SearchEngine(data).search(build_params(q="หัวข้อแก้ไขหลังเครื่องล่ม")).total == 1


def test_rebuild_picks_up_deletes(writable_data_dir):
    data = writable_data_dir
    with Store(store_path(data)) as store:
        url = next(store.iter_articles()).url
        store.delete_article(url)
    assert sync_index(data).deletes == 1
    assert url not in indexed_urls(data)
    rebuild_index(data)
    assert_consistent(data)


def test_two_rebuilds_in_the_same_second(writable_data_dir):
    # Generation folders were named by second and process id: a second rebuild collided.
    first = rebuild_index(writable_data_dir)
    second = rebuild_index(writable_data_dir)
    assert first != second and current_generation(writable_data_dir) == second
    assert_consistent(writable_data_dir)
