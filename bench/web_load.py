"""Load test of `GET /api/events`: a store of 100,000 events, driven from another process.

Builds a store of synthetic coded events (`eventcoder.web.synthetic`, seeded,
so every run builds the same store), starts `eventcoder serve` on it in a
child process on 127.0.0.1, waits until the server's event index is ready,
then sends filtered, sorted, paginated requests from this process over
keep-alive connections, bounded in count and in time, and prints requests
per second and the latency percentiles. Every request draws its filters,
sort and page at random, so repeated requests are not the norm.

    python bench/web_load.py [--events 100000] [--requests 4000] [--seconds 60] [--clients 8]

Target (issue 7): at least 200 requests/s with p99 under 200 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

FILTERS = [
    {}, {"country": "PRK"}, {"country": "USA", "factuality": "asserted"},
    {"source": "PRK", "target": "USA", "symmetric": "true"}, {"source": "CHN"}, {"target": "KORGOV"},
    {"actor": "RUSMIL"}, {"type": "THREATEN"}, {"cameo": "19"}, {"factuality": "negated"},
    {"since": "2012-06-01", "until": "2012-08-31"}, {"country": "IRN", "since": "2013-01-01"},
    {"actor": "ISR", "type": "COERCE", "until": "2013-06-30"}, {"source": "USAGOV", "cameo": "03"},
]
SORTS = ["date", "goldstein", "source", "target", "cameo", "type", "mentions"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def build_store(path: Path, n_events: int) -> float:
    from eventcoder.store.db import Store
    from eventcoder.web.synthetic import fill_store

    t0 = time.perf_counter()
    with Store(path) as store:
        fill_store(store, n_events)
    return time.perf_counter() - t0


def wait_ready(base: str, proc: subprocess.Popen, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"web_load: the server exited with status {proc.returncode}")
        try:
            status = httpx.get(f"{base}/api/status", timeout=5).json()
            if status.get("index") == "ready":
                return status
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit(f"web_load: the server was not ready within {timeout:.0f} s")


def random_params(rng: random.Random) -> dict[str, str]:
    params = dict(rng.choice(FILTERS))
    params["sort"] = rng.choice(SORTS)
    params["order"] = rng.choice(["asc", "desc"])
    params["page"] = str(rng.randint(1, 20))
    params["per_page"] = str(rng.choice([25, 50, 100]))
    return params


def drive(base: str, n_requests: int, seconds: float, clients: int,
          seed: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(n_requests))
    deadline = time.monotonic() + seconds

    host, port = urlsplit(base).hostname, urlsplit(base).port

    def worker(k: int) -> None:
        # http.client on a keep-alive connection: the lightest client in the standard library, so the
        # client takes as little of the machine's CPU from the server as it can.
        nonlocal errors
        rng = random.Random(seed + k)
        conn = http.client.HTTPConnection(host, port, timeout=10)
        try:
            while time.monotonic() < deadline:
                with lock:
                    if next(counter, None) is None:
                        return
                path = "/api/events?" + urlencode(random_params(rng))
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path)
                    resp = conn.getresponse()
                    ok = resp.status == 200 and bool(resp.read())
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=10)
                dt_ = time.perf_counter() - t0
                with lock:
                    latencies.append(dt_)
                    errors += not ok
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=4000, help="at most this many requests")
    ap.add_argument("--seconds", type=float, default=60.0, help="stop after this long")
    ap.add_argument("--clients", type=int, default=8, help="concurrent keep-alive connections")
    ap.add_argument("--db", help="reuse (or create) this store instead of a temporary one")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "load.duckdb"
        if not db.exists():
            print(f"building a store of {args.events:,} synthetic events ...", flush=True)
            print(f"  built in {build_store(db, args.events):.1f} s", flush=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "EVENTCODER_TOKEN": "web-load-bench"}
        proc = subprocess.Popen([sys.executable, "-m", "eventcoder.web.cli", "--db", str(db), "--port",
                                 str(port), "--read-only", "--no-preload"], env=env)
        try:
            status = wait_ready(base, proc, timeout=180)
            print(f"server ready: {status['events']:,} events, {status['articles']:,} articles", flush=True)
            drive(base, 200, 10, args.clients, args.seed + 1000)  # warm-up, not counted
            server_cpu0 = process_cpu(proc.pid)
            client_cpu0 = time.process_time()
            lat, errors, wall = drive(base, args.requests, args.seconds, args.clients, args.seed)
            server_cpu = process_cpu(proc.pid) - server_cpu0
            client_cpu = time.process_time() - client_cpu0
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    lat.sort()
    n = len(lat)
    p50 = statistics.median(lat) * 1000
    p99 = lat[min(n - 1, int(n * 0.99))] * 1000
    rate = n / wall
    print(f"GET /api/events: {n} requests by {args.clients} clients in {wall:.1f} s: {rate:.0f} req/s, "
          f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {lat[-1] * 1000:.1f} ms, {errors} errors")
    print(f"CPU during the run: server {server_cpu:.1f} s ({server_cpu / n * 1000:.2f} ms/request), "
          f"client {client_cpu:.1f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = rate >= 200 and p99 < 200 and errors == 0
    print("target (>= 200 req/s, p99 < 200 ms, no errors):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
