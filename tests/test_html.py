"""The HTML pages of `jbz track --html` and `jbz meeting --html`, looked at in a real browser:
headless Chromium (Debian's `chromium`) driven by Playwright, every network request aborted."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz.cli import app
from jbz.language.stages import STAGES

runner = CliRunner()
CHROMIUM = Path("/usr/bin/chromium")
OFFICIAL = "https://zoek.officielebekendmakingen.nl/kst-{}.html"
#: The printable width of an A4 page with the page's own margins (14 mm a side), in CSS pixels.
A4_CONTENT_PX = (210 - 2 * 14) / 25.4 * 96


def _jbz(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def track_page(seeds_db_path, tmp_path_factory):
    """Return (the page's path, track --json) for the Terugkeerverordening on the seeds."""
    path = tmp_path_factory.mktemp("html") / "t.html"
    written = _jbz("--db", seeds_db_path, "track", "Terugkeerverordening", "--html", str(path))
    assert written.stderr == f"wrote {path}\n" and written.stdout == ""
    data = json.loads(_jbz("--db", seeds_db_path, "track", "Terugkeerverordening", "--json").stdout)
    return path, data


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no system Chromium at /usr/bin/chromium (Debian: apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (a test extra) drives the browser")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Visit:
    """A page opened with every request but the page's own file aborted, and what it tried."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": 1000, "height": 1400})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)

    def _route(self, route) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(path: Path) -> Visit:
        opened.append(Visit(browser, path))
        return opened[-1]
    yield open_page
    for page in opened:
        page.close()


def _text(value: str) -> str:
    return " ".join(value.split())


def test_the_track_page_shows_every_entry_the_meetings_and_the_official_links(track_page, visit, tmp_path):
    path, data = track_page
    seen = visit(path)
    page = seen.page
    page.screenshot(path=str(tmp_path / "track.png"), full_page=True)
    assert (tmp_path / "track.png").stat().st_size > 10_000
    for entry in data["entries"]:
        shown = page.locator(f".entry[data-file=\"{entry['file']}\"][data-where=\"{entry['where']}\"]")
        assert shown.count() == 1, entry["where"]
        assert _text(entry["excerpt"]) in _text(shown.inner_text())
    meetings = page.locator("section.meeting").evaluate_all("sections => sections.map(s => s.dataset.start)")
    assert meetings == ["2025-07-22", "2025-10-13", "2025-12-08", "2026-01-22", "2026-03-05"]
    assert page.locator("table.overview tr.row").count() == 5
    for kamerstuk in ("32317-995", "32317-978", "32317-975"):
        assert page.locator(f"a[href=\"{OFFICIAL.format(kamerstuk)}\"]").count() >= 1, kamerstuk
    assert page.locator("script, img, link, iframe, object").count() == 0
    assert seen.requests == [] and seen.errors == []


def test_the_chart_has_one_mark_per_staged_entry_placed_by_date_and_rung(track_page, visit):
    path, data = track_page
    page = visit(path).page
    staged = [e for e in data["entries"] if e["stage"]]
    marks = page.locator("svg.chart circle.mark[data-entry]").evaluate_all(
        """marks => marks.map(m => { const box = m.getBoundingClientRect();
             return {entry: m.dataset.entry, date: m.dataset.date, rung: +m.dataset.rung, status: m.dataset.status,
                     x: box.x + box.width / 2, y: box.y + box.height / 2, fill: getComputedStyle(m).fill}; })""")
    assert len(marks) == len(staged)
    entries = page.locator(".entry").evaluate_all("es => es.map(e => [e.id, e.dataset.file, e.dataset.where])")
    by_id = {id_: (file, where) for id_, file, where in entries}
    expected = sorted((e["meeting_start"], STAGES.index(e["stage"]["name"]), e["stage"]["status"], e["file"], e["where"])
                      for e in staged)
    drawn = sorted((m["date"], m["rung"], m["status"], *by_id[m["entry"]]) for m in marks)
    assert drawn == expected
    # Placed by date along x and by rung along y (higher rung higher up), in the rendered page.
    for a in marks:
        for b in marks:
            assert (a["date"] < b["date"]) == (a["x"] < b["x"] - 0.5)
            assert (a["rung"] > b["rung"]) == (a["y"] < b["y"] - 0.5)
    # Planned hollow, reached filled: told apart by shape, not colour alone.
    white = "rgb(255, 255, 255)"
    assert all((m["fill"] == white) == (m["status"] == "planned") for m in marks)
    # The general approach a later letter reports for December links to that letter.
    outcomes = page.locator("svg.chart a path.outcome").count()
    assert outcomes >= 1


def test_the_eu_record_is_drawn_apart_from_the_letters_and_said_in_the_status(track_page, visit):
    path, data = track_page
    page = visit(path).page
    record = {d["field"]: d for d in data["eu_record"][0]["dates"]}
    squares = page.locator("svg.chart rect.eu[data-date]").evaluate_all(
        """marks => marks.map(m => { const box = m.getBoundingClientRect();
             return {date: m.dataset.date, rung: +m.dataset.rung, x: box.x + box.width / 2, y: box.y + box.height / 2,
                     fill: getComputedStyle(m).fill, href: m.parentElement.getAttribute("href")}; })""")
    assert sorted((m["date"], m["rung"]) for m in squares) == sorted(
        (d["date"], STAGES.index(d["stage"])) for d in record.values() if d["stage"])
    circles = page.locator("svg.chart circle.mark[data-entry]").evaluate_all(
        "marks => marks.map(m => { const box = m.getBoundingClientRect();"
        " return {date: m.dataset.date, rung: +m.dataset.rung, x: box.x + box.width / 2, y: box.y + box.height / 2}; })")
    # One time axis and one ladder for both: an EU date and a letter's mark of one day and rung coincide.
    for square in squares:
        for circle in circles:
            assert (square["date"] < circle["date"]) == (square["x"] < circle["x"] - 0.5)
            assert (square["rung"] > circle["rung"]) == (square["y"] < circle["y"] - 0.5)
    assert all(m["fill"] == "none" and m["href"].startswith("http") for m in squares)  # a hollow square, cited
    status = _text(page.locator("dl.status").inner_text())
    assert "COM(2025) 101" in status and "proposal 2025-03-11" in status and "general approach 2025-12-08" in status


def test_the_track_page_prints_on_a4_without_running_off_the_paper(track_page, visit, tmp_path):
    path, _ = track_page
    page = visit(path).page
    page.emulate_media(media="print")
    page.set_viewport_size({"width": int(A4_CONTENT_PX), "height": 1100})
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    widest = page.evaluate("Math.max(...[...document.body.querySelectorAll('*')]"
                           ".map(e => e.getBoundingClientRect().right))")
    assert widest <= width + 0.5
    pdf = tmp_path / "track.pdf"
    page.pdf(path=str(pdf), format="A4")
    from pypdf import PdfReader
    pages = PdfReader(str(pdf)).pages
    assert pages and all(abs(float(p.mediabox.width) - 595.9) < 1 and abs(float(p.mediabox.height) - 842.9) < 1
                         for p in pages)
    printed = " ".join(p.extract_text() for p in pages)
    assert all(day in printed for day in ("2025-07-22", "2025-10-13", "2025-12-08", "2026-01-22", "2026-03-05"))


def test_the_meeting_page_shows_the_month_and_links_its_letters(seeds_db_path, visit, tmp_path):
    path = tmp_path / "december.html"
    _jbz("--db", seeds_db_path, "meeting", "december 2025", "--html", str(path))
    seen = visit(path)
    page = seen.page
    assert page.locator("section.meeting").evaluate_all("s => s.map(x => x.dataset.start)") == ["2025-12-08"]
    assert page.locator(f"a[href=\"{OFFICIAL.format('32317-978')}\"]").count() == 1
    assert "Terugkeerverordening" in page.locator("[data-where=\"Binnenlandse Zaken.1\"]").inner_text()
    assert seen.requests == [] and seen.errors == []


def test_html_to_stdout_is_the_page_alone(seeds_db_path):
    result = _jbz("--db", seeds_db_path, "track", "Terugkeerverordening", "--html", "-")
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    assert result.stderr == ""


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


def test_a_letters_markup_is_shown_as_text_never_run(tmp_path):
    """Letters are untrusted: a title or excerpt holding markup reaches the page as text."""
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes"'
    folder = tmp_path / "letters"
    folder.mkdir()
    seed = Path(__file__).resolve().parent.parent / "seeds" / "003_15903c3f800c1725.txt"
    (folder / "hostile.txt").write_text(seed.read_text(encoding="utf-8").replace(
        "1. Terugkeerverordening", f"1. Terugkeerverordening {hostile}"), encoding="utf-8")
    db = str(tmp_path / "x.db")
    _jbz("--db", db, "index", str(folder))
    page = _jbz("--db", db, "track", "Terugkeerverordening", "--html", "-").stdout
    tags = _Tags()
    tags.feed(page)
    assert "script" not in tags.tags and "img" not in tags.tags
    assert not any(name.startswith("on") for name, _ in tags.attributes)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    meeting = _jbz("--db", db, "meeting", "2025-12-08", "--html", "-").stdout
    assert "<script>" not in meeting and "&lt;script&gt;" in meeting


def test_an_unwritable_html_file_is_one_line_and_exit_2(seeds_db_path, tmp_path):
    result = runner.invoke(app, ["--db", seeds_db_path, "track", "Terugkeerverordening", "--html",
                                 str(tmp_path / "no" / "such" / "folder" / "t.html")])
    assert result.exit_code == 2 and result.stderr.startswith("error: cannot write") and result.stderr.count("\n") == 1
