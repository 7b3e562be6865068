"""The CLI tells the truth early: a busy port before the demo crawls or a server starts, a bad setting
before a server starts; no library chatter."""
from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys


def test_serve_on_a_busy_port_fails_naming_the_option_not_with_a_traceback(core_data_dir):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        try:
            proc = subprocess.run([sys.executable, "-m", "govsearch", "--data-dir", str(core_data_dir), "serve",
                                   "--port", str(port)], capture_output=True, text=True, timeout=60,
                                  env={**os.environ, "PYTHAINLP_OFFLINE": "1"})
        except subprocess.TimeoutExpired:
            raise AssertionError("serve kept running on a busy port") from None
    assert proc.returncode != 0
    assert "--port" in proc.stderr and str(port) in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_demo_on_a_busy_port_fails_at_once_naming_the_option(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        try:
            proc = subprocess.run([sys.executable, "-m", "govsearch", "--data-dir", str(tmp_path / "d"), "demo",
                                   "--port", str(port)], capture_output=True, text=True, timeout=60,
                                  env={**os.environ, "PYTHAINLP_OFFLINE": "1"})
        except subprocess.TimeoutExpired:
            raise AssertionError("the demo started crawling on a busy port") from None
    assert proc.returncode != 0
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "--port" in lines[0] and str(port) in lines[0], proc.stderr
    assert "crawling" not in proc.stdout and "Traceback" not in proc.stderr


def test_the_scheduler_library_logs_no_info_lines():
    from govsearch.crawl_commands import _logging

    _logging(verbose=False)
    assert not logging.getLogger("apscheduler.scheduler").isEnabledFor(logging.INFO)
    assert not logging.getLogger("apscheduler.executors.default").isEnabledFor(logging.INFO)


def test_a_run_summary_says_what_missing_ids_are():
    from crawler.runstats import RunStats

    text = RunStats("thaigov", missing=55).summary()
    assert "55 article numbers with no article (removed or not published yet)" in text and "missing ids" not in text


def test_serve_with_a_bad_results_cache_setting_stops_at_once_naming_it(core_data_dir):
    proc = subprocess.run([sys.executable, "-m", "govsearch", "--data-dir", str(core_data_dir), "serve", "--port", "0"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHAINLP_OFFLINE": "1", "GOVSEARCH_RESULTS_CACHE": "off"})
    assert proc.returncode != 0
    assert "GOVSEARCH_RESULTS_CACHE" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_help_examples_stand_one_to_a_line():
    """Click rewraps a docstring's paragraph: two examples ran together on one line."""
    from click.testing import CliRunner

    from govsearch.cli import cli

    for command in ("search", "crawl"):
        out = CliRunner().invoke(cli, [command, "--help"], terminal_width=100).output
        lines = [ln.strip() for ln in out.splitlines() if f"govsearch {command} " in ln]
        assert len(lines) == 2 and all(ln.startswith(f"govsearch {command} ") for ln in lines), out
