"""A killed ingest loses nothing it committed, and a rerun finishes without duplicates.

Runs the real command (with two worker processes) in a subprocess, SIGKILLs
it right after its first committed batch, checks that its workers die with
it, then reruns it (in one process) to the end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventcoder.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "nk-talks-2013-06-16.json"
N = 20


def command(src: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "eventcoder.store.cli", "ingest", str(src), "--db", str(db),
            "--batch-size", "2", "--workers", str(workers)]


def children(pid: int) -> list[int]:
    """The process ids of `pid`'s children (Linux)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigkill_mid_run_then_rerun_loses_and_duplicates_nothing(tmp_path):
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    src = tmp_path / "news"
    src.mkdir()
    lead = "\n".join(seed["text"].split("\n")[:6])  # the first paragraphs: a short real article
    for i in range(N):  # twenty distinct articles
        obj = {**seed, "text": lead, "id": f"copy-{i:02d}",
               "url": f"https://news.example.com/nk-talks/{i}"}
        (src / f"a{i:02d}.json").write_text(json.dumps(obj), encoding="utf-8")
    db = tmp_path / "events.duckdb"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command(src, db, 2), stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    workers: list[int] = []
    try:
        for line in proc.stderr:  # the first progress line is printed after the first commit
            if "ingest:" in line:
                workers = children(proc.pid)
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)  # the workers die with their parent
    with Store(db, read_only=True) as s:
        committed = s.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    assert 2 <= committed < N  # it was killed mid-run, after at least one batch

    rerun = subprocess.run(command(src, db, 1), capture_output=True, text=True, env=env, cwd=ROOT,
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N - committed} new article(s) stored, {committed} already stored" in rerun.stderr
    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT doc_id, seq FROM articles ORDER BY seq").fetchall()
        orphans = s.con.execute("SELECT count(*) FROM events e ANTI JOIN articles a USING (article_id)")
        assert orphans.fetchall() == [(0,)]
    assert sorted(r[0] for r in rows) == [f"copy-{i:02d}" for i in range(N)]
    assert [r[1] for r in rows] == list(range(1, N + 1))
