"""Browser-test set-up: Debian's Chromium, the app under uvicorn in a thread, a seeded store.

Chromium is installed with apt-get when /usr/bin/chromium is missing (the
tests run as root on a fresh machine, as CI does); Playwright drives it
through its Python client, so no browser is ever downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-test-token"
XSS_ARTICLE = {
    "id": "xss-browser",
    "title": "<img src=x onerror=\"document.title='pwned-title'\"> Iran warns",
    "text": ("Iran warned Israel on Monday <script>document.title='pwned-script'</script> "
             "against any strike. "
             "Israel said <img src=x onerror=\"document.title='pwned-img'\"> it would respond."),
    "published": "2014-05-05",
    "url": "javascript:document.title='pwned-link'",
}


def _install_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's) driven by Playwright."""
    _install_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on any script error or blocked request."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory, pipeline):
    """The app on 127.0.0.1 (uvicorn in a thread) over a store with synthetic events and the XSS article."""
    import uvicorn

    from eventcoder.store.db import Store
    from eventcoder.web.app import create_app
    from eventcoder.web.synthetic import fill_store

    db = tmp_path_factory.mktemp("browser") / "events.duckdb"
    with Store(db) as store:
        fill_store(store, 2000, seed=5)
    app = create_app(db, token=TOKEN, pipeline=pipeline, allowed_hosts=["127.0.0.1", "localhost"])
    svc = app.state.service
    from eventcoder.model import Article

    xss = Article(text=XSS_ARTICLE["text"], id=XSS_ARTICLE["id"], title=XSS_ARTICLE["title"],
                  url=XSS_ARTICLE["url"])
    coded = svc.code([xss])
    xss_id = svc.write(coded).stored[0]
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    svc.wait_for_index(60)
    yield {"base": f"http://127.0.0.1:{port}", "xss_id": xss_id, "app": app}
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def seed_text() -> dict:
    return json.loads((ROOT / "examples" / "nk-talks-2013-06-16.json").read_text(encoding="utf-8"))
