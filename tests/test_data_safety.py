"""A mistyped data folder is an error, not an empty index; a damaged index is a 503 that says
what to do; a sync and a rebuild racing never write into a retired generation."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from core.paths import index_root, store_path
from core.store import Article, Store
from indexer import SearchEngine, build_params, rebuild_index, sync_index
from indexer.whoosh_backend import current_generation
from web_fixtures import make_app


@pytest.mark.parametrize("args", [["serve", "--port", "0"], ["search", "มหาดไทย"], ["status"]])
def test_read_only_commands_refuse_a_folder_without_a_store(tmp_path, args):
    typo = tmp_path / "TYPO"
    try:  # a real process: before the fix, serve started serving an empty folder and never returned
        proc = subprocess.run([sys.executable, "-m", "govsearch", "--data-dir", str(typo), *args],
                              capture_output=True, text=True, timeout=60,
                              env={**os.environ, "PYTHAINLP_OFFLINE": "1"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"`govsearch {args[0]}` on a folder with no store kept running")
    assert proc.returncode != 0
    assert f"no govsearch data in {typo}" in proc.stderr and "Traceback" not in proc.stderr
    assert not typo.exists()  # nothing created


def test_an_app_over_a_folder_without_an_index_creates_nothing(tmp_path):
    empty = tmp_path / "empty"
    client = make_app(empty).test_client()
    for path in ("/api/search?q=x", "/healthz", "/search?q=x", "/feed.atom"):
        assert client.get(path).status_code == 503, path
    assert client.get("/api/status").status_code == 200
    assert not index_root(empty).exists() and not store_path(empty).exists()


def _break(data: Path, how: str) -> None:
    gen = current_generation(data)
    if how == "missing generation":
        shutil.rmtree(gen)
    elif how == "no toc":
        for p in gen.glob("*.toc"):
            p.unlink()
    elif how == "no segment files":
        for p in list(gen.glob("*.pst")) + list(gen.glob("*.trm")):
            p.unlink()
    else:
        for p in gen.iterdir():
            p.unlink()


@pytest.mark.parametrize("how", ["missing generation", "no toc", "no segment files", "every file"])
@pytest.mark.parametrize("path", ["/api/search?q=มหาดไทย", "/healthz", "/search?q=มหาดไทย", "/"])
def test_a_damaged_index_is_a_503_asking_for_reindex(writable_data_dir, how, path):
    _break(writable_data_dir, how)
    gens_before = sorted(p.name for p in index_root(writable_data_dir).glob("gen-*"))
    resp = make_app(writable_data_dir, {"HOME_CACHE_SECONDS": 0}).test_client().get(path)
    assert resp.status_code == 503, resp.get_data(as_text=True)[:300]
    assert "govsearch reindex" in resp.get_data(as_text=True)
    # No empty index quietly put in its place.
    assert sorted(p.name for p in index_root(writable_data_dir).glob("gen-*")) == gens_before


def test_reindex_repairs_a_damaged_index(writable_data_dir):
    _break(writable_data_dir, "missing generation")
    rebuild_index(writable_data_dir)
    assert SearchEngine(writable_data_dir, cache_size=0).search(build_params(q="มหาดไทย")).total > 0


def test_sync_racing_rebuilds_never_writes_into_a_retired_generation(writable_data_dir):
    """Syncs run back to back while rebuilds swap generations: before the sync took its lock
    first, a sync could open the old generation, wait for the lock, and write into a folder the
    rebuild then deleted (an error, or a half-recreated folder)."""
    data = writable_data_dir
    errors: list[BaseException] = []
    stop = threading.Event()

    def syncing() -> None:
        n = 0
        with Store(store_path(data)) as store:
            while not stop.is_set():
                n += 1
                store.upsert_article(Article(url=f"https://race.example/{n}", title=f"ข่าวแข่ง {n}",
                                             body="ทดสอบ", published="2024-01-01", agency="thaigov"))
                try:
                    sync_index(data)
                except BaseException as e:  # noqa: BLE001 - any failure is the finding
                    errors.append(e)
                    return

    worker = threading.Thread(target=syncing)
    worker.start()
    try:
        for _ in range(12):
            rebuild_index(data)
            if errors:
                break
    finally:
        stop.set()
        worker.join()
    assert not errors, repr(errors[0])
    sync_index(data)
    live = current_generation(data)
    assert [p for p in index_root(data).glob("gen-*") if p != live] == []  # no retired folder brought back
    with Store(store_path(data)) as store:
        stored = store.count_articles()
    from indexer.whoosh_backend import open_index

    assert open_index(data).doc_count() == stored


@pytest.mark.parametrize("flag, raised, idle", [([], 10, True), (["--no-nice"], 0, False)])
def test_reindex_runs_at_low_cpu_priority(writable_data_dir, flag, raised, idle):
    """A rebuild keeps every core busy for minutes; a server beside it must keep answering. The
    command runs in its own process (niceness is per process and inherited by its workers). Its
    workers run in the idle class; the process itself, which holds the store's and the index's
    locks, only at nice 10, so a crawl waiting on those locks is not starved with it."""
    if not hasattr(os, "SCHED_IDLE"):
        pytest.skip("no idle scheduling class on this OS")
    code = ("import os, sys, multiprocessing; from click.testing import CliRunner; from govsearch.cli import cli; "
            "from core.priority import in_idle_class, worker_started; "
            "before = os.nice(0); "
            f"r = CliRunner().invoke(cli, ['--data-dir', sys.argv[1], 'reindex', *{flag!r}]); "
            "assert r.exit_code == 0, r.output; "
            "pool = multiprocessing.get_context('spawn').Pool(1, initializer=worker_started); "
            "print(int(in_idle_class()), int(pool.apply(in_idle_class)), before, os.nice(0)); pool.close()")
    proc = subprocess.run([sys.executable, "-c", code, str(writable_data_dir)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHAINLP_OFFLINE": "1"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    parent_idle, worker_idle, before, after = map(int, proc.stdout.split()[-4:])
    assert parent_idle == 0
    assert worker_idle == int(idle)
    if before >= 19:
        pytest.skip("pytest already runs at the lowest CPU priority: nothing to lower")
    assert after == min(19, before + raised)
