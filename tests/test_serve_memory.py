"""`govsearch serve` caps glibc's malloc arenas (issue 15: a worker's RSS at most 300 MB) and
leaves what its warm-up loaded out of the garbage collector's passes."""
from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from web_fixtures import make_app, web_data_dir  # noqa: F401  (fixtures)

REPO = Path(__file__).resolve().parents[1]

# Eight threads allocate at once, as a worker's request threads do, then glibc reports its arenas.
_PROBE = """
import ctypes, sys, threading
if sys.argv[1] == "capped":
    from govsearch.web_commands import limit_malloc_arenas
    assert limit_malloc_arenas()
barrier = threading.Barrier(8)
def work():
    barrier.wait()
    keep = [bytearray(200_000) for _ in range(20)] + [bytes(1000) for _ in range(2000)]
threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
ctypes.CDLL(None).malloc_stats()
"""


def _arenas(mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run([sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, env=env,
                          timeout=60, check=True)
    return sum(1 for line in proc.stderr.splitlines() if line.startswith("Arena "))


@pytest.mark.skipif(not (ctypes.util.find_library("c") or "").startswith("libc.so"), reason="glibc only")
def test_threads_of_a_served_process_share_two_malloc_arenas():
    assert _arenas("free") > 2  # what the cap is for: glibc gives concurrent threads arenas of their own
    assert _arenas("capped") == 2


def test_an_explicit_malloc_arena_max_is_left_to_rule(monkeypatch):
    from govsearch.web_commands import limit_malloc_arenas

    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False


def test_the_warm_up_searches_then_freezes_what_it_loaded(web_data_dir):  # noqa: F811
    import gc

    from webui import services

    app = make_app(web_data_dir)
    engine = app.extensions["govsearch"]["engine"]
    gc.unfreeze()
    try:
        services.warm_up(app)
        assert engine.runs >= 1  # the first user does not pay for loading the dictionary and tables
        assert gc.get_freeze_count() > 0
        assert all(o is not engine for o in gc.get_objects())  # frozen objects are not scanned (nor listed)
    finally:
        gc.unfreeze()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc")
def test_the_warm_up_leaves_no_index_file_open(writable_data_dir, monkeypatch):
    """The warm-up's thread serves no request: a searcher or store connection left open there
    would keep the first index version's files (and the store) open for the process's life."""
    import gc

    from webui import services

    def open_under(folder: Path) -> list[str]:
        links = []
        for fd in Path("/proc/self/fd").iterdir():
            try:
                links.append(os.readlink(fd))
            except OSError:  # closed between listing and reading
                pass
        # The posting arrays' memory maps (.gsp) belong to the index version, not to a thread:
        # they go with the version when a re-index replaces it.
        return [p for p in links if p.startswith(str(folder.resolve())) and not p.endswith(".gsp")]

    app = make_app(writable_data_dir)
    # The warm-up's search starts the backend's version watcher, whose thread opens a searcher of
    # its own half a second later (and follows new versions with it, closing the old). On a busy
    # machine the warm-up outlasts that half second, so the watcher's files would be counted here:
    # it is kept asleep, this test is about the warm-up's thread.
    monkeypatch.setattr(app.extensions["govsearch"]["engine"].backend.watcher, "_interval", 3600.0)
    try:
        services.warm_up(app)
        assert app.extensions["govsearch"]["engine"].runs >= 1
        assert open_under(writable_data_dir) == []
    finally:
        gc.unfreeze()
