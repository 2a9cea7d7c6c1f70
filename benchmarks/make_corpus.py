#!/usr/bin/env python3
"""Make a synthetic corpus of JBZ-Raad letters for scale tests and benchmarks.

(The project's own copy of the shared generator, reading the seeds and gold file inside the
project, so the benchmark runs from a clone alone; same --docs and --seed give the same bytes.)

    python3 make_corpus.py OUT_DIR --docs 1000 [--seed 7]

The letters are built from the paragraphs, item titles and labels of the
bundled seed documents (../seeds, next to this folder), laid out the way the
seeds are (PDF text: wrapped lines with a trailing space, blank lines, page
breaks, footnotes), with meetings spread over the years before 2026: one
annotated agenda and one report per meeting. Every value the generator chose
is written to OUT_DIR/manifest.json (the letters themselves go to
OUT_DIR/letters/), so a run over the corpus can be checked at scale, not only timed:

    {"documents": [{"file", "kamerstuk", "chamber", "letter_date", "doc_type",
                    "meeting_start", "meeting_end", "location", "informal",
                    "items": [[part, number, title], ...],
                    "mentions_terugkeerverordening": bool}, ...]}

Standard library only; the same --docs and --seed give the same bytes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import random
import re
import subprocess
import textwrap
from pathlib import Path

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december"]
LUXEMBOURG_MONTHS = {4, 6, 10}  # formal Councils sit in Luxembourg in these months
INFORMAL_CITIES = ["Kopenhagen", "Warschau", "Boedapest", "Madrid", "Brussel",
                   "Stockholm", "Praag", "Lissabon", "Valletta", "Nicosia"]
MINISTERS = [("De minister van Justitie en Veiligheid", ["D.M. van Weel", "F. van Oosten", "D. Yesilgöz-Zegerius"]),
             ("De minister van Asiel en Migratie", ["G. van den Brink", "M.C.G. Keijzer"]),
             ("De staatssecretaris van Justitie en Veiligheid", ["K.T. van Bruggen", "A.C.L. Rutte", "E. van der Burg"])]
COVER_TOPICS = ["Kopgroep contraterrorisme ontbijt", "Solidariteitsmechanisme",
                "Compromisvoorstel Digital Travel Credential", "Kopgroep Dublin",
                "Vervolg samenwerking EVRM-brief", "Ministeriële bijeenkomst – Europese Havenalliantie",
                "Voortgang onderhandelingen EU aangaande het EBSP"]
# sentences that frame a letter (its offer, address, date line, headings) stay out of the body pool
LETTER_FRAME = re.compile(r"Hierbij bied|Den Haag,|Aan de Voorzitter|Geannoteerde agenda van|Verslag van de (informele )?bijeenkomst")
LABELS = ["Gedachtewisseling", "Algemene oriëntatie", "Stand van zaken", "Goedkeuring",
          "Aanname", "Politiek akkoord", "Informatie van het Voorzitterschap", None]


def load_pools(seeds: Path, gold: Path):
    """Paragraphs (body text) from the seeds, item titles from the gold file."""
    paragraphs = []
    for f in sorted(seeds.glob("*.txt")):
        for block in re.split(r"\n\s*\n", f.read_text(encoding="utf-8")):
            text = " ".join(line.strip() for line in block.splitlines()).strip()
            if len(text) > 160 and not re.match(r"^(\d+|[IVX]+)\.\s", text) and not LETTER_FRAME.search(text):
                paragraphs.append(text)
    titles = []
    for doc in json.loads(gold.read_text(encoding="utf-8"))["documents"]:
        for part in doc["parts"]:
            titles += [(part["title"], item["title"]) for item in part["items"]]
    return paragraphs, titles


def nl_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def nl_range(a: dt.date, b: dt.date, rng: random.Random) -> str:
    style = rng.choice(["en", "-", "en"])
    return f"{a.day} {style} {b.day} {MONTHS[a.month - 1]} {a.year}" if style == "en" \
        else f"{a.day}-{b.day} {MONTHS[a.month - 1]} {a.year}"


def wrap(text: str, width: int) -> list[str]:
    return [line + " " for line in textwrap.wrap(text, width)]


class Page:
    """Lays lines out as PDF text: page breaks every ~45 lines, footnotes at the page foot."""

    def __init__(self, rng: random.Random):
        self.rng, self.lines, self.on_page, self.notes, self.note_no = rng, [], 0, [], 0
        self.body: list[str] = []
        #: (body lines, footnotes) of every page, for laying the letter out as a PDF.
        self.pages: list[tuple[list[str], list[str]]] = []

    def add(self, lines: list[str]):
        for line in lines:
            self.lines.append(line)
            self.body.append(line)
            self.on_page += 1
            if self.on_page >= 45:
                self.page_break()

    def footnote(self, text: str) -> str:
        self.note_no += 1
        self.notes.append(f"{self.note_no} {text}")
        return str(self.note_no)

    def page_break(self):
        if any(line.strip() for line in self.body) or self.notes:
            self.pages.append((self.body, self.notes))
        if self.notes:
            self.lines += ["", " "] + [n + " " for n in self.notes]
        self.body, self.notes = [], []  # fresh lists: each page keeps its own
        self.lines += ["", "", "", " ", "", " ", ""]
        self.on_page = 0

    def text(self) -> str:
        self.page_break()
        return "\n".join(self.lines) + "\n"


def make_document(kind, meeting, nr, letter_date, pools, rng, mention_rv):
    paragraphs, titles = pools
    start, end, city, informal = meeting
    page = Page(rng)
    width = rng.choice([64, 70, 88])
    where = f" in {city}" if city else ""
    council = "informele bijeenkomst van de Raad" if informal else "bijeenkomst van de Raad"
    if kind == "agenda":
        page.add([" ", "32 317  JBZ-Raad ", f"Nr. {nr}  Brief van de minister van Justitie en Veiligheid en de minister van Asiel en Migratie ", ""])
    else:
        page.add([f" Nr. {nr}  Brief van de ministers van Justitie en Veiligheid en van Asiel en Migratie ", ""])
    page.add(["Aan de Voorzitter van de Tweede Kamer der Staten-Generaal ", "",
              f"Den Haag, {nl_date(letter_date)} ", ""])
    what = "de geannoteerde agenda aan van de" if kind == "agenda" else "het verslag aan van de"
    page.add(wrap(f"Hierbij bieden wij uw Kamer {what} {'informele ' if informal else ''}Raad Justitie en "
                  f"Binnenlandse Zaken (JBZ-Raad) van {nl_range(start, end, rng)}{where}.", width) + [""])
    for topic in rng.sample(COVER_TOPICS, rng.randint(1, 3)):
        page.add([topic + " "] + wrap(rng.choice(paragraphs), width) + [""])
    for role, names in rng.sample(MINISTERS, rng.randint(2, 3)):
        page.add([role + ", ", rng.choice(names) + " ", ""])
    page.page_break()
    heading = "Geannoteerde agenda van de" if kind == "agenda" else "Verslag van de"
    page.add(wrap(f"{heading} {council} Justitie en Binnenlandse Zaken, {nl_range(start, end, rng)}", width) + [""])
    parts = ["Binnenlandse Zaken", "Justitie"]
    if kind == "verslag" and rng.random() < 0.5:
        parts.reverse()
    items = []
    rv_placed = False
    for roman, part in zip(["I", "II"], parts):
        page.add([f"{roman}. {part} ", ""])
        if kind == "verslag":
            page.add(["Belangrijkste resultaten ", ""] + wrap(rng.choice(paragraphs), width) + [""])
        pool = [t for p, t in titles if p == part] or [t for _, t in titles]
        for number in range(1, rng.randint(3, 9)):
            title = rng.choice(pool)
            if mention_rv and not rv_placed and part == "Binnenlandse Zaken":
                title, rv_placed = "Terugkeerverordening", True
            items.append([part, str(number), title])
            page.add(wrap(f"{number}. {title}", width))
            label = rng.choice(LABELS) if kind == "agenda" else None
            page.add(([label + " "] if label else []) + [""])
            for _ in range(rng.randint(1, 4)):
                body = rng.choice(paragraphs)
                if rng.random() < 0.15:
                    ref = page.footnote(f"Kamerstukken II, {start.year - 1}-{start.year % 100:02d}, 32 317, nr. {max(1, nr - rng.randint(1, 20))}.")
                    body = body.rstrip(".") + "." + ref
                page.add(wrap(body, width) + [""])
    text = page.text()
    return text, items, page.pages


def schedule(n_meetings: int, rng: random.Random):
    """Distinct two-day meetings, newest in late 2025, going back in time."""
    day = dt.date(2025, 12, 8)
    out = []
    while len(out) < n_meetings:
        informal = day.month in (1, 7) or rng.random() < 0.1
        if informal:
            city = rng.choice(INFORMAL_CITIES)
        else:
            city = "Luxemburg" if day.month in LUXEMBOURG_MONTHS else "Brussel"
        out.append((day, day + dt.timedelta(days=1), city, informal))
        day -= dt.timedelta(days=rng.randint(2, 3) if n_meetings > 1500 else rng.randint(7, 12) if n_meetings > 400 else rng.randint(20, 45))
    return list(reversed(out))


# -- the letters as PDFs (fpdf2), laid out as the official publications are ----------------------

#: Where Debian, Fedora and Homebrew put DejaVu Sans (`apt-get install fonts-dejavu-core`).
FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf"), Path("/opt/homebrew/share/fonts/DejaVuSans.ttf")]
LINES_PER_PAGE = 45


def pdf_unavailable() -> str | None:
    """Return why the letters cannot be laid out as PDFs here (no fpdf2, no font), or None."""
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return "fpdf2 is not installed (pip install fpdf2)"
    if find_font() is None:
        return "no TrueType font for the letters (apt-get install fonts-dejavu-core)"
    return None


def find_font() -> Path | None:
    """Return a Unicode TrueType font on this machine (DejaVu Sans, else what fontconfig offers)."""
    for font in FONTS:
        if font.exists():
            return font
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", "sans:fontformat=TrueType"], capture_output=True,
                               text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(found) if found.endswith(".ttf") and Path(found).exists() else None


def running_header(nr: int | str, day: dt.date) -> str:
    """Return the Tweede Kamer's running header for Kamerstuk 32317-nr (the page number follows it)."""
    year = day.year if day.month >= 9 else day.year - 1  # the parliamentary year starts in September
    return f"Tweede Kamer, vergaderjaar {year}–{year + 1}, 32 317, nr. {nr}"


def write_pdf(pages: list[tuple[list[str], list[str]]], header: str | None, path: Path) -> None:
    """Write the pages (body lines, footnotes) as an A4 PDF: the running header with the page number
    on top, the body below it, a page's footnotes in small type at its foot."""
    import fpdf
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=str(find_font()))
    for number, (body, notes) in enumerate(pages, 1):
        pdf.add_page()
        if header:
            pdf.set_font("DejaVu", size=7.5)
            pdf.text(18, 13, f"{header} {number}")
        pdf.set_font("DejaVu", size=8.5)
        y = 23.0
        for line in body:
            if line.strip():
                pdf.text(18, y, line.strip())
                y += 4.2
            else:
                y += 1.6
        pdf.set_font("DejaVu", size=6.5)
        y = 285.0 - 3.2 * len(notes)
        if notes:
            pdf.line(18, y - 1.5, 70, y - 1.5)
        for note in notes:
            pdf.text(18, y, note.strip())
            y += 3.2
    pdf.output(str(path))


def seed_pages(text: str) -> list[tuple[list[str], list[str]]]:
    """Return a seed letter's lines flowed onto pages: its text is a PDF's, a line and a blank line
    by turns, and a line of one space where a paragraph ends; footnotes stay where the text has them."""
    pages: list[tuple[list[str], list[str]]] = [([], [])]
    for line in text.split("\n"):
        if line == "":
            continue
        if len(pages[-1][0]) >= LINES_PER_PAGE:
            pages.append(([], []))
        # The Symbol font's private-use bullet, which DejaVu lacks, is drawn as the bullet it shows.
        pages[-1][0].append(line.replace("\uf0b7", "•"))
    return [page for page in pages if any(line.strip() for line in page[0])]


def _write_pdf_job(job: tuple[list[tuple[list[str], list[str]]], str | None, Path]) -> None:
    write_pdf(*job)


def write_pdfs(jobs: list[tuple[list, str | None, Path]]) -> None:
    """Write every (pages, header, path) as a PDF, on every core (fpdf2 takes ~50 ms a letter)."""
    with multiprocessing.Pool() as pool:
        for _ in pool.imap_unordered(_write_pdf_job, jobs, chunksize=8):
            pass


def write_seed_pdfs(seeds: Path, gold: Path, folder: Path) -> list[dict]:
    """Write the seed letters as PDFs into `folder`; return their manifest entries (from the gold file)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries, jobs = [], []
    for want in json.loads(gold.read_text(encoding="utf-8"))["documents"]:
        meeting, kamerstuk = want["meeting"], want["kamerstuk"]
        start = dt.date.fromisoformat(meeting["start"])
        header = running_header(kamerstuk.split("-")[1], start) if kamerstuk else None
        name = Path(want["file"]).with_suffix(".pdf").name
        jobs.append((seed_pages((seeds / want["file"]).read_text(encoding="utf-8")), header, folder / name))
        entries.append({"file": name, "kamerstuk": kamerstuk, "doc_type": want["doc_type"],
                        "letter_date": want["letter_date"], "meeting_start": meeting["start"],
                        "meeting_end": meeting["end"], "location": meeting["location"],
                        "informal": meeting["informal"]})
    write_pdfs(jobs)
    return entries


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=1000, help="number of documents (two per meeting)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pdf", action="store_true", help="also lay every letter out as a PDF (needs fpdf2)")
    args = ap.parse_args()
    if args.pdf and (why := pdf_unavailable()):
        raise SystemExit(f"cannot make PDFs: {why}")
    here = Path(__file__).resolve().parent
    pools = load_pools(here.parent / "seeds", here.parent / "tests" / "data" / "gold_seeds.json")
    rng = random.Random(args.seed)
    letters = args.out / "letters"
    letters.mkdir(parents=True, exist_ok=True)
    manifest, nr, pdf_jobs = [], 100, []
    pdf_letters = args.out / "pdf" / "letters"
    if args.pdf:
        pdf_letters.mkdir(parents=True, exist_ok=True)
    for m_no, meeting in enumerate(schedule((args.docs + 1) // 2, rng)):
        mention_rv = rng.random() < 0.1
        for kind in ("agenda", "verslag"):
            if len(manifest) >= args.docs:
                break
            nr += 1
            start, end, city, informal = meeting
            letter = start - dt.timedelta(days=rng.randint(7, 16)) if kind == "agenda" \
                else end + dt.timedelta(days=rng.randint(7, 25))
            text, items, pages = make_document(kind, meeting, nr, letter, pools, rng, mention_rv)
            name = f"{len(manifest):06d}_kst-32317-{nr}.txt"
            (letters / name).write_text(text, encoding="utf-8")
            if args.pdf:
                pdf_jobs.append((pages, running_header(nr, letter), pdf_letters / Path(name).with_suffix(".pdf").name))
                if len(pdf_jobs) >= 500:  # a batch at a time: 10,000 letters' pages would not fit in memory
                    write_pdfs(pdf_jobs)
                    pdf_jobs = []
            manifest.append({"file": name, "kamerstuk": f"32317-{nr}", "chamber": "TK",
                             "letter_date": letter.isoformat(), "doc_type": kind,
                             "meeting_start": start.isoformat(), "meeting_end": end.isoformat(),
                             "location": city, "informal": informal, "items": items,
                             "mentions_terugkeerverordening": "terugkeerverordening" in text.lower()})
    (args.out / "manifest.json").write_text(json.dumps({"documents": manifest}, ensure_ascii=False, indent=1),
                                            encoding="utf-8")
    size = sum(f.stat().st_size for f in letters.glob("*.txt"))
    print(f"{len(manifest)} documents, {size / 1e6:.1f} MB in {letters}")
    if args.pdf:
        write_pdfs(pdf_jobs)
        seeds = write_seed_pdfs(here.parent / "seeds", here.parent / "tests" / "data" / "gold_seeds.json",
                                args.out / "pdf" / "seeds")
        (args.out / "pdf" / "seeds.json").write_text(json.dumps({"documents": seeds}, ensure_ascii=False, indent=1),
                                                     encoding="utf-8")
        size = sum(f.stat().st_size for f in pdf_letters.glob("*.pdf"))
        print(f"{len(manifest)} letters as PDFs, {size / 1e6:.1f} MB in {pdf_letters}; {len(seeds)} seeds as PDFs")


if __name__ == "__main__":
    main()
