"""The page in a real browser: Debian's Chromium, driven by Playwright, against `askofsted serve`.

Marked `browser`: `pytest -m "not browser"` leaves them out. They skip, saying
why, where Playwright or /usr/bin/chromium is missing (`.ci/run` installs
Chromium with apt-get when it can). Playwright's own browser download cannot
work offline, so it drives the system's Chromium through `executable_path`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_web import serving

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("ASKOFSTED_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
QUESTION = "how were missing children handled in 2012?"  # the README's first question
README_SCREENSHOT = REPO / "docs" / "serve-answer.png"
AUTHORITY_SCREENSHOT = REPO / "docs" / "serve-authority.png"

# WCAG 2 contrast of every element's own text against the background it is drawn on.
LOW_CONTRAST = """() => {
  const rgb = text => { const p = text.match(/[\\d.]+/g).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = element => {
    for (let e = element; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const low = [];
  for (const element of document.querySelectorAll("body *")) {
    if (![...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    if (element.closest(".visually-hidden") || !element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    const [light, dark] = [luminance(rgb(style.color)), luminance(background(element))].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    if (ratio < (size >= 24 || (bold && size >= 18.66) ? 3 : 4.5)) {
      low.push(`${element.tagName.toLowerCase()}.${element.className} ${ratio.toFixed(2)}: ${element.textContent.trim().slice(0, 40)}`);
    }
  }
  return low;
}"""


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium); .ci/run does")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(seed_index_dir):
    """`python -m askofsted serve` on the seed index, on a free port, until the tests are done."""
    with serving(seed_index_dir) as served:
        yield served.url


@pytest.fixture
def page(browser, server):
    """A fresh page that checks, once done, what it loaded: only this server's files, all found,
    and no errors in the console (a blocked resource would show there)."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.loaded, tab.console = [], []
    tab.on("response", lambda response: tab.loaded.append((response.url, response.status, response.request.resource_type)))
    tab.on("console", lambda message: tab.console.append(f"{message.type}: {message.text}"))
    yield tab
    context.close()
    outside = [url for url, _, _ in tab.loaded if not url.startswith(server)]
    assert not outside, f"requests outside the local server: {outside}"
    missing = [(url, status) for url, status, kind in tab.loaded if kind != "document" and status >= 400]
    assert not missing, f"files the page needs but did not get: {missing}"
    errors = [m for m in tab.console if m.startswith("error") and "Failed to load resource" not in m]
    assert not errors, errors


def test_ask_see_the_cited_paragraph_and_land_on_it_in_the_report(page, server, seed_index, tmp_path):
    from playwright.sync_api import expect

    first = seed_index.ask(QUESTION).results[0]
    report_id, _, anchor = first.citation.id.partition("#")

    page.goto(server)
    page.get_by_label("Your question").fill(QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=*")
    citation = page.locator("a.cite", has_text=first.citation.id)
    expect(citation).to_be_visible()
    result = page.locator("article.result").first
    expect(result).to_contain_text(first.text[:120])
    expect(result.locator("mark").first).to_have_text(first.highlights[0])
    page.screenshot(path=tmp_path / "answer.png")
    README_SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=README_SCREENSHOT)

    citation.click()
    page.wait_for_url(f"**/report/{report_id}#{anchor}")
    paragraph = page.locator(f'[id="{anchor}"]')
    expect(paragraph).to_be_in_viewport()
    expect(paragraph).to_contain_text(first.text[:120])
    assert paragraph.evaluate("element => element.matches(':target')")
    page.screenshot(path=tmp_path / "report.png")


def test_keyboard_reaches_everything_with_visible_focus(page, server):
    page.goto(server)
    assert page.evaluate("() => document.activeElement.id") == "q", "the home page starts in the question box"
    page.goto(f"{server}?q=care+leavers")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.bounding_box()["x"] >= 0, "the skip link shows when it has focus"
    for _ in range(10):
        if page.evaluate("() => document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "q", "the question box is reachable by Tab"
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") not in ("none", "")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Ask"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("foster carers in Kingston")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=foster+carers+in+Kingston*")
    assert "Searching: Kingston upon Thames" in page.locator("p.understood").inner_text()


def test_text_has_enough_contrast_on_every_page(page, server):
    for path in ("", "?q=care+leavers+in+Kingston&type=ilacs&latest=1", "report/kingston-upon-thames-2024",
                 "report/kingston-upon-thames-2012#28", "reports", "report/missing", "?q=is+Kingston+any+good%3F",
                 "?q=how+has+Kingston+changed+since+2012%3F", "authority/kingston-upon-thames", "grades",
                 "grades?latest=1&sort=overall_effectiveness&order=desc", "grades?as_at=tomorrow", "authority/Nowhere"):
        page.goto(server + path)
        assert page.locator("main").inner_text().strip()
        assert page.evaluate(LOW_CONTRAST) == [], path


def test_an_answer_fits_a_phone_and_prints_its_citations(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    for path in ("authority/kingston-upon-thames", "grades", "?q=is+Kingston+any+good%3F"):
        phone.goto(server + path)
        assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), path
    phone.goto(f"{server}?q=care+leavers+in+Kingston")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    phone.screenshot(path=tmp_path / "phone.png", full_page=True)
    phone.emulate_media(media="print")
    assert phone.locator("form.ask").is_hidden()
    assert phone.locator("a.cite").first.is_visible()
    assert phone.locator("p.citation").first.is_visible()
    context.close()


def test_from_an_answer_to_the_authority_page_and_its_chart(page, server, seed_index, tmp_path):
    from playwright.sync_api import expect

    page.goto(f"{server}?q=is+Kingston+any+good%3F")
    page.locator("p.citation a.authority", has_text="Kingston upon Thames").first.click()
    page.wait_for_url("**/authority/kingston-upon-thames")
    chart = page.get_by_role("img", name="Headline grades of Kingston upon Thames over time")
    expect(chart).to_be_visible()
    strips = chart.locator("g.strip:not(.visits)")
    found = seed_index.history("Kingston upon Thames")
    given = [key for key in ("overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care",
                             "care_leavers") if any(row.headline.get(key) for row in found.inspections)]
    expect(strips).to_have_count(len(given))
    points = chart.locator("circle.point")
    expect(points).to_have_count(sum(1 for row in found.inspections for key in given if row.headline.get(key)))
    box = chart.bounding_box()
    for i in range(points.count()):  # every point drawn inside the chart
        point = points.nth(i).bounding_box()
        assert box["x"] <= point["x"] and point["x"] + point["width"] <= box["x"] + box["width"] + 0.5
    table = page.get_by_role("table", name="The chart's grades, inspection by inspection, each linked to where the "
                                           "report states it")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(len(found.inspections))
    page.screenshot(path=tmp_path / "authority.png", full_page=True)
    AUTHORITY_SCREENSHOT.parent.mkdir(exist_ok=True)
    page.locator("figure.chart").screenshot(path=AUTHORITY_SCREENSHOT)

    # A grade in the table lands on the paragraph stating it.
    row = next(r for r in found.inspections if r.graded and r.headline.get("help_and_protection"))
    table.locator(f'a.grade[href="/report/{row.citation("help_and_protection")}"]').click()
    report_id, _, anchor = row.citation("help_and_protection").partition("#")
    page.wait_for_url(f"**/report/{report_id}#{anchor}")
    expect(page.locator(f'[id="{anchor}"]')).to_be_in_viewport()


def test_the_chart_in_forced_colours_and_in_print(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    tab = context.new_page()
    tab.emulate_media(forced_colors="active")
    tab.goto(f"{server}authority/kingston-upon-thames")
    text, point, background = tab.evaluate("""() => {
        const style = selector => getComputedStyle(document.querySelector(selector));
        return [style("svg.grade-chart text.strip-title").fill, style("svg.grade-chart circle.point").fill,
                style("body").backgroundColor];
    }""")
    assert point == text != background, (point, text, background)  # the system's text colour, on its background
    tab.screenshot(path=tmp_path / "forced-colours.png", full_page=True)
    tab.emulate_media(forced_colors="none", media="print")
    assert tab.locator("svg.grade-chart").is_visible() and tab.locator("table.over-time").is_visible()
    assert tab.evaluate("() => getComputedStyle(document.querySelector('svg.grade-chart circle.point')).fill") \
        == "rgb(0, 0, 0)"
    assert tab.locator("header.site nav").is_hidden()
    context.close()


def test_grades_sort_by_a_column_with_the_keyboard(page, server, seed_index):
    page.goto(f"{server}grades")
    header = page.get_by_role("link", name="Inspected")
    header.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/grades?sort=inspected&order=asc")
    linked = page.locator("tbody tr td:nth-child(3) a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert linked == [f"/report/{r.report_id}" for r in sorted(seed_index.grades(), key=lambda r: r.inspection_start)]
    assert page.locator('th[aria-sort="ascending"]').inner_text().startswith("Inspected")
