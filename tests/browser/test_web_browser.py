"""The real pages in headless Chromium: coding the seed article, the events table, a relationship
chart, the network, and an article full of script that must stay text.

Each test saves a screenshot under artifacts/ and fails on any script error or
Content-Security-Policy violation reported by the browser console.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under artifacts/ (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def no_errors(page) -> None:
    assert page.errors == [], page.errors


def test_browser_seed_article_is_highlighted(page, server, seed_text):
    page.goto(server["base"] + "/")
    page.fill("textarea[name=text]", seed_text["text"])
    page.fill("input[name=title]", seed_text["title"])
    page.fill("input[name=published]", "2013-06-16")
    page.click("#code-button")
    page.wait_for_selector("li.card", timeout=60_000)
    text = page.locator("#article-text")
    assert "North Korea proposed its first talks" in text.inner_text()
    assert page.locator("li.card").count() >= 10
    # events (triggers), actors, quotes and time expressions are highlighted in place
    assert text.locator(".trg").count() >= 10
    assert text.locator(".ac").count() >= 30
    assert text.locator(".tm").count() >= 10
    quoted = text.locator(".qt").evaluate_all("els => els.map(e => e.textContent).join('')")
    assert "quite a bit of alignment" in quoted
    # the first card is North Korea proposing talks to the U.S.; hovering lights up its evidence
    first = page.locator("li.card").first
    assert "PRK" in first.get_attribute("data-actors") and "USA" in first.get_attribute("data-actors")
    first.hover()
    assert text.locator(".hlx").count() >= 2
    lit = text.locator(".hlx").evaluate_all("els => els.map(e => e.textContent).join(' ')")
    assert "North Korea" in lit and "proposed" in lit
    # clicking an actor keeps only its events
    total = page.locator("li.card").count()
    page.locator(".actor-list .actor-filter[data-actor=KOR]").click()
    visible = page.locator("li.card:visible")
    assert 0 < visible.count() < total
    assert all("KOR" in a.split() for a in visible.evaluate_all("els => els.map(e => e.dataset.actors)"))
    assert page.locator("#card-count").inner_text() == str(visible.count())
    screenshot(page, "code-seed-article")
    page.click("#actor-filter-clear")
    assert page.locator("li.card:visible").count() == total
    no_errors(page)


def test_browser_events_table_filters(page, server):
    page.goto(server["base"] + "/events")
    all_events = int(page.locator("#total").inner_text().replace(",", ""))
    page.fill("input[name=country]", "PRK")
    page.select_option("select[name=factuality]", "asserted")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/events?*country=PRK*")
    query = parse_qs(urlsplit(page.url).query)
    assert query["country"] == ["PRK"] and query["factuality"] == ["asserted"]
    shown = int(page.locator("#total").inner_text().replace(",", ""))
    assert 0 < shown < all_events
    rows = page.locator("#events-table tbody tr")
    assert rows.count() > 0
    for cells in rows.evaluate_all("trs => trs.map(tr => [tr.cells[1].innerText, tr.cells[2].innerText, "
                                   "tr.cells[6].innerText])"):
        assert "PRK" in cells[0] + cells[1] and cells[2] == "asserted"
    page.click("#events-table thead a:has-text('Goldstein')")
    page.wait_for_url("**sort=goldstein**")
    scores = [float(s) for s in page.locator("#events-table tbody td.num:nth-child(6)").all_inner_texts()]
    assert scores == sorted(scores, reverse=True)
    assert "country=PRK" in page.url  # the filters survive sorting
    screenshot(page, "events-table")
    no_errors(page)


def test_browser_relationship_chart_is_drawn(page, server):
    page.goto(server["base"] + "/relationship/PRK/USA")
    page.wait_for_selector("#series-chart[data-ready='1']")
    painted = page.evaluate("""() => {
        const c = document.getElementById('series-chart');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n; }""")
    assert painted > 2000
    months = page.evaluate("window.eventcoderChart.data.labels.length")
    assert months >= 3
    bar = page.evaluate("""() => { const ch = window.eventcoderChart;
        for (let ds = 0; ds < 4; ds++) { const m = ch.getDatasetMeta(ds);
          for (const el of m.data) if (el.height > 2) return {x: el.x, y: el.y + el.height / 2}; }
        return null; }""")
    box = page.locator("#series-chart").bounding_box()
    page.mouse.click(box["x"] + bar["x"], box["y"] + bar["y"])
    page.wait_for_selector("#month-panel:not([hidden])")
    rows = page.locator("#month-events tbody tr")
    assert rows.count() == int(page.locator("#month-count").inner_text()) > 0
    for src, tgt in rows.evaluate_all("trs => trs.map(tr => [tr.cells[1].innerText, tr.cells[2].innerText])"):
        assert {src[:3], tgt[:3]} == {"PRK", "USA"}
    assert page.locator("ol.timeline li").count() > 0
    screenshot(page, "relationship-PRK-USA")
    no_errors(page)


def test_browser_network_is_drawn(page, server):
    page.goto(server["base"] + "/network")
    assert page.locator("svg#network circle").count() >= 10
    assert page.locator("svg#network path[d^='M']").count() >= 10
    screenshot(page, "network")
    no_errors(page)


def test_browser_xss_article_renders_inert(page, server):
    page.goto(server["base"] + f"/articles/{server['xss_id']}")
    page.wait_for_selector("#article-text")
    assert not page.title().startswith("pwned")  # an executed payload would have set the title
    text = page.locator("#article-text")
    assert "<script>document.title='pwned-script'</script>" in text.inner_text()
    assert text.locator("script, img").count() == 0
    assert page.locator("main img, main script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert "<img src=x" in page.locator("h1.title").inner_text()
    screenshot(page, "xss-article")
    # pasted into the form, the same text stays text too
    page.goto(server["base"] + "/")
    page.fill("textarea[name=text]",
              "Iran warned Israel <img src=x onerror=\"document.title='pwned'\"> again.")
    page.click("#code-button")
    page.wait_for_selector("#article-text")
    assert not page.title().startswith("pwned")
    assert page.locator("#article-text img").count() == 0
    no_errors(page)
