"""`jbz fetch` against a real HTTP server on 127.0.0.1 that answers SRU queries in the documented
shape (../shared/sources/README.md) and serves manifestations made from the bundled letters, with
the faults a real service has: several pages, attachments, an Eerste Kamer letter, a metadata.xml in
windows-1252, a record without the asked-for form, other namespace prefixes, a wrong
numberOfRecords, a nextRecordPosition past the end, 503s, 404s, short bodies, a slow server, an SRU
diagnostic, a hostile identifier, and Ctrl-C in the middle of a download.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from typer.testing import CliRunner

import jbz
from jbz import store
from jbz.cli import app
from jbz.fetch.client import OFFICIAL_SRU_URL, Client, DownloadFailed, Settings
from jbz.fetch.mirror import FetchOptions, fetch
from jbz.index.indexer import bundled_seeds, index_paths
from layouts import html_p_per_paragraph, make_pdf, paragraphs

pytest.importorskip("fpdf", reason="fpdf2 (a test extra) builds the PDFs")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(bundled_seeds().glob("*.txt"))}
FAST = Settings(rate=0, timeout=2, retries=2, backoff=0.01, retry_after_max=0.05)
FAST_ENV = {"JBZ_FETCH_RATE": "0", "JBZ_FETCH_TIMEOUT": "2", "JBZ_FETCH_RETRIES": "2", "JBZ_FETCH_BACKOFF": "0.01",
            "JBZ_FETCH_RETRY_AFTER_MAX": "0.05"}
NS = {"sru": "http://docs.oasis-open.org/ns/search-ws/sruResponse", "gzd": "http://standaarden.overheid.nl/sru",
      "overheidwetgeving": "http://standaarden.overheid.nl/wetgeving/", "dcterms": "http://purl.org/dc/terms/",
      "c": "http://standaarden.overheid.nl/collectie/"}
#: The same namespaces under other prefixes, as another serializer would write them.
OTHER_PREFIXES = {"sru": "srw", "gzd": "g", "overheidwetgeving": "ow", "dcterms": "dc", "c": "col"}
TK, EK = "Tweede Kamer der Staten-Generaal", "Eerste Kamer der Staten-Generaal"


# -- the service --------------------------------------------------------------------------------

@dataclass
class Letter:
    """One record the service lists, and the files it serves for it."""

    identifier: str
    seed: str | None  # the bundled letter whose text it serves; None for an attachment
    ondernummer: str = ""
    creator: str = TK
    modified: str = "2026-01-10"
    issued: str = "2026-01-09"
    datum_brief: str = ""
    forms: tuple[str, ...] = ("pdf", "html", "metadata")
    metadata_encoding: str = "utf-8"
    title: str = "Geannoteerde agenda JBZ-Raad"
    #: An extra form pointing at another host (a record that must not be followed there).
    foreign_url: str | None = None


@dataclass
class Service:
    """A KOOP SRU service on 127.0.0.1: its records, its pages, its files, and the faults to play."""

    letters: list[Letter]
    page_size: int = 3
    #: numberOfRecords as the service claims it (None: the truth).
    claimed_total: int | None = None
    diagnostic: str | None = None
    #: Per URL path, the faults still to play, one per request ("503", "404", "short", "slow", "stall", "redirect").
    faults: dict[str, list[str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    files: dict[str, bytes] = field(default_factory=dict)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sru"

    def path_of(self, letter: Letter, form: str) -> str:
        ident = letter.identifier
        name = "metadata.xml" if form == "metadata" else f"{ident}.{form}"
        return f"/frbr/officielepublicaties/kst/32317/{urllib.parse.quote(ident, safe='')}/1/{form}/{name}"

    def listing_requests(self) -> list[str]:
        return [r for r in self.requests if r.startswith("/sru")]

    def downloads(self) -> list[str]:
        return [r for r in self.requests if r.startswith("/frbr")]


_PDF_CACHE: dict[str, bytes] = {}


def manifestation(letter: Letter, form: str, tmp: Path) -> bytes:
    """Return the bytes the service serves as `form` of `letter`: built from its bundled letter."""
    text = SEEDS[letter.seed]
    if form == "pdf":
        if letter.seed not in _PDF_CACHE:
            made = tmp / f"{letter.seed}.pdf"
            make_pdf(text, made)
            _PDF_CACHE[letter.seed] = made.read_bytes()
        return _PDF_CACHE[letter.seed]
    if form == "html":
        return html_p_per_paragraph(text)
    if form == "metadata":
        return metadata_xml(letter)
    if form == "xml":  # the official XML's shape, a paragraph per <al>
        body = "".join(f"<al>{escape(p)}</al>" for p in paragraphs(text) if p)
        return ('<?xml version="1.0" encoding="utf-8"?><officiele-publicatie><metadata><meta name="x" content="y"/>'
                f"</metadata><kamerstuk><stuk><algemeen>{body}</algemeen></stuk></kamerstuk></officiele-publicatie>"
                ).encode("utf-8")
    raise AssertionError(form)


def metadata_xml(letter: Letter) -> bytes:
    """Return the metadata.xml of a letter, in the encoding its declaration names."""
    rows = {"DC.identifier": letter.identifier, "DC.creator": letter.creator, "DC.type": "Kamerstuk",
            "OVERHEIDop.dossiernummer": "32317", "OVERHEIDop.ondernummer": letter.ondernummer,
            "OVERHEIDop.vergaderjaar": "2025-2026", "OVERHEIDop.documenttitel": letter.title,
            "OVERHEIDop.datumBrief": letter.datum_brief, "DCTERMS.issued": letter.issued}
    body = "".join(f'  <metadata name="{name}" scheme="" content={quoteattr(value)}/>\n'
                   for name, value in rows.items() if value)
    return (f'<?xml version="1.0" encoding="{letter.metadata_encoding}"?>\n<metadata_gegevens>\n{body}'
            "</metadata_gegevens>\n").encode(letter.metadata_encoding)


def record_xml(service: Service, letter: Letter, p: dict[str, str]) -> str:
    """Return one <sru:record> in the documented shape, with the prefixes `p`."""
    base = f"http://127.0.0.1:{service.port}"
    urls = "".join(f'<{p["gzd"]}:itemUrl manifestation="{form}">{escape(base + service.path_of(letter, form))}'
                   f'</{p["gzd"]}:itemUrl>' for form in letter.forms)
    if letter.foreign_url:
        urls = f'<{p["gzd"]}:itemUrl manifestation="pdf">{escape(letter.foreign_url)}</{p["gzd"]}:itemUrl>' + urls
    kind = "Kamerstuk" if letter.seed else "Bijlage"
    ow, dc = p["overheidwetgeving"], p["dcterms"]
    return (f'<{p["sru"]}:record><{p["sru"]}:recordSchema>http://standaarden.overheid.nl/sru/</{p["sru"]}:recordSchema>'
            f'<{p["sru"]}:recordData><{p["gzd"]}:gzd><{p["gzd"]}:originalData><{ow}:meta><{ow}:owmskern>'
            f'<{dc}:identifier>{escape(letter.identifier)}</{dc}:identifier><{dc}:title>{escape(letter.title)}</{dc}:title>'
            f'<{dc}:type scheme="OVERHEIDop.Parlementair">{kind}</{dc}:type>'
            f'<{dc}:creator scheme="OVERHEID.StatenGeneraal">{letter.creator}</{dc}:creator>'
            f'<{dc}:modified>{letter.modified}</{dc}:modified></{ow}:owmskern>'
            f'<{ow}:owmsmantel><{dc}:available>{letter.issued}</{dc}:available><{dc}:issued>{letter.issued}</{dc}:issued>'
            f'</{ow}:owmsmantel><{ow}:tpmeta><{p["c"]}:product-area>officielepublicaties</{p["c"]}:product-area>'
            f'<{ow}:dossiernummer>32317</{ow}:dossiernummer><{ow}:ondernummer>{letter.ondernummer}</{ow}:ondernummer>'
            f'<{ow}:publicatienaam>{kind}</{ow}:publicatienaam></{ow}:tpmeta></{ow}:meta></{p["gzd"]}:originalData>'
            f'<{p["gzd"]}:enrichedData>{urls}</{p["gzd"]}:enrichedData></{p["gzd"]}:gzd></{p["sru"]}:recordData>'
            f'</{p["sru"]}:record>')


def sru_page(service: Service, start: int, size: int) -> bytes:
    """Return the searchRetrieveResponse for records start..start+size-1; the second page and later
    use other prefixes, and the last page points past the end."""
    p = {k: k for k in NS} if start == 1 else OTHER_PREFIXES
    xmlns = " ".join(f'xmlns:{p[k]}="{uri}"' for k, uri in NS.items())
    if service.diagnostic:
        return (f'<?xml version="1.0"?><sru:searchRetrieveResponse {xmlns.replace(p["sru"], "sru", 1)}>'
                '<sru:version>2.0</sru:version><sru:numberOfRecords>0</sru:numberOfRecords>'
                '<sru:diagnostics><diag:diagnostic xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic">'
                '<diag:uri>info:srw/diagnostic/1/10</diag:uri>'
                f'<diag:message>{service.diagnostic}</diag:message><diag:details>w.dossiernummer</diag:details>'
                '</diag:diagnostic></sru:diagnostics></sru:searchRetrieveResponse>').encode()
    size = min(size, service.page_size)
    chosen = service.letters[start - 1:start - 1 + size]
    total = len(service.letters) if service.claimed_total is None else service.claimed_total
    # The documented quirk: the last page still names a next position, past the end.
    following = start + len(chosen) if chosen else None
    records = "".join(record_xml(service, letter, p) for letter in chosen)
    s = p["sru"]
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<{s}:searchRetrieveResponse {xmlns}>'
            f'<{s}:version>2.0</{s}:version><{s}:numberOfRecords>{total}</{s}:numberOfRecords>'
            f'<{s}:records>{records}</{s}:records>'
            + (f'<{s}:nextRecordPosition>{following}</{s}:nextRecordPosition>' if following else "")
            + f'</{s}:searchRetrieveResponse>').encode("utf-8")


def _handler(service: Service):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            service.requests.append(self.path)
            service.agents.add(self.headers.get("User-Agent", ""))
            parsed = urllib.parse.urlsplit(self.path)
            if parsed.path == "/sru":
                query = urllib.parse.parse_qs(parsed.query)
                assert "w.dossiernummer==32317" in query["query"][0]
                self._send(200, sru_page(service, int(query["startRecord"][0]), int(query["maximumRecords"][0])),
                           "text/xml")
                return
            fault = (service.faults.get(parsed.path) or ["ok"])[0]
            if service.faults.get(parsed.path) and fault != "404":
                service.faults[parsed.path].pop(0)
            body = service.files.get(urllib.parse.unquote(parsed.path))
            if body is None or fault == "404":
                self._send(404, b"not found", "text/plain")
            elif fault in ("503", "429"):
                self._send(int(fault), b"busy", "text/plain", {"Retry-After": "3600"})
            elif fault == "redirect":
                self._send(302, b"", "text/plain", {"Location": f"http://localhost:{service.port}{parsed.path}"})
            elif fault == "slow":
                time.sleep(1.0)
                self._send(200, body, "application/octet-stream")
            elif fault in ("short", "stall"):
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                if fault == "stall":
                    service.stalled.set()
                    service.release.wait(20)
                self.close_connection = True
            else:
                self._send(200, body, "application/octet-stream")

        def _send(self, code: int, body: bytes, kind: str, headers: dict | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def the_dossier() -> list[Letter]:
    """The bundled letters as the service would list them, with an attachment between them."""
    return [
        Letter("kst-32317-995", "001", "995", datum_brief="2026-02-26", issued="2026-02-27", modified="2026-02-27",
               forms=("pdf", "html", "xml", "metadata")),
        Letter("blg-1234567", None, forms=("pdf",)),
        Letter("kst-32317-975", "002", "975", datum_brief="2025-11-03", issued="2025-11-04",
               metadata_encoding="windows-1252", title="Verslag van de JBZ-Raad van 13 en 14 oktober 2025 – Luxemburg, België"),
        # Offered as html only: the pdf asked for falls back.
        Letter("kst-32317-978", "003", "978", datum_brief="2025-11-20", issued="2025-11-21", forms=("html", "metadata")),
        # The Eerste Kamer's copy of a letter, numbered with letters; the text prints no Kamerstuk.
        Letter("kst-32317-OO", "004", "OO", creator=EK, datum_brief="2025-07-10", issued="2025-07-11"),
        # A letter whose text prints neither Kamerstuk nor date: the metadata gives both.
        Letter("kst-32317-990", "000", "990", datum_brief="2026-01-12", issued="2026-01-13"),
    ]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A client that gave up (a timeout, Ctrl-C) breaks the pipe; that is the test, not an error.
        pass


@pytest.fixture
def service(tmp_path):
    """Start a service holding the_dossier(); yield it; stop it."""
    made = Service(the_dossier(), claimed_total=2)
    server = _Server(("127.0.0.1", 0), _handler(made))
    made.port = server.server_address[1]
    build = tmp_path / "build"
    build.mkdir()
    for letter in made.letters:
        for form in letter.forms:
            made.files[made.path_of(letter, form)] = (manifestation(letter, form, build) if letter.seed
                                                      else b"%PDF-1.4 attachment")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield made
    made.release.set()
    server.shutdown()
    server.server_close()


def run_fetch(service: Service, dest: Path, db=None, **options):
    """Fetch the service's dossier into `dest` (and index into `db`), quickly; return the report."""
    return fetch(FetchOptions(["32317"], dest, service.url, **options), FAST, None if db is None else lambda: db)


runner = CliRunner()


@pytest.fixture
def fast_env(monkeypatch, tmp_path):
    for name, value in FAST_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("JBZ_DB", raising=False)
    monkeypatch.delenv("JBZ_SRU_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def cli(*args: str):
    return runner.invoke(app, list(args))


KAMERSTUKKEN = {"kst-32317-995", "kst-32317-975", "kst-32317-978", "kst-32317-OO", "kst-32317-990"}


# -- the whole dossier, then nothing -------------------------------------------------------------

def test_fetch_indexes_every_kamerstuk_then_a_second_run_only_lists(service, tmp_path, fast_env):
    db, dest = str(tmp_path / "jbz.db"), tmp_path / "letters"
    result = cli("--db", db, "fetch", "--sru-url", service.url, "--dest", str(dest), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["listed"], report["new"], report["changed"], report["unchanged"]) == (5, 5, 0, 0)
    assert report["skipped"] == [] and report["indexed"] == 5
    assert report["fallbacks"] == [{"identifier": "kst-32317-978", "format": "html"}]
    folder = dest / "32317"
    assert {p.name for p in folder.iterdir() if not p.name.startswith(".")} == (
        {f"{k}.pdf" for k in KAMERSTUKKEN - {"kst-32317-978"}} | {"kst-32317-978.html"}
        | {f"{k}.metadata.xml" for k in KAMERSTUKKEN})
    assert not any(service.path_of(the_dossier()[1], "pdf") in r for r in service.requests)  # the attachment
    # Three records a page, a numberOfRecords of 2, and a last page pointing past the end: all read.
    assert len(service.listing_requests()) == 3

    docs = {d["kamerstuk"]: d for d in json.loads(cli("--db", db, "docs", "--json").stdout)}
    assert set(docs) == {"32317-995", "32317-975", "32317-978", "32317-OO", "32317-990"}
    assert docs["32317-OO"]["chamber"] == "EK"
    assert docs["32317-990"]["evidence"]["kamerstuk"]["source"] == "metadata"
    assert docs["32317-995"]["evidence"]["kamerstuk"]["source"] == "text"
    assert docs["32317-990"]["letter_date"] == "2026-01-12"
    assert docs["32317-975"]["official"]["documenttitel"].endswith("Luxemburg, België")  # windows-1252 honoured

    track = json.loads(cli("--db", db, "track", "Terugkeerverordening", "--json").stdout)
    assert {e["kamerstuk"] for e in track["entries"]} == set(docs)
    shown = cli("--db", db, "docs", "32317-990").stdout
    assert "# official metadata: " in shown and "ondernummer 990" in shown
    assert "kamerstuk\t32317-990\tofficial\tmetadata\tdossiernummer 32317; ondernummer 990" in shown
    assert service.agents == {f"jbz/{jbz.__version__} (JBZ-Raad letters for offline reading; Python urllib)"}

    service.requests.clear()
    again = cli("--db", db, "fetch", "--sru-url", service.url, "--dest", str(dest), "--json")
    assert again.exit_code == 0, again.output
    second = json.loads(again.stdout)
    assert (second["new"], second["changed"], second["unchanged"], second["indexed"]) == (0, 0, 5, 0)
    assert service.downloads() == [] and len(service.listing_requests()) == 3


def test_index_on_the_mirror_reads_the_metadata_beside_each_letter(service, tmp_path):
    run_fetch(service, tmp_path / "letters")
    db = store.open_db(tmp_path / "other.db")
    report = index_paths(db, [tmp_path / "letters"])
    assert report.failed == [] and len(report.indexed) == 5  # no .metadata.xml read as a letter
    by_kamerstuk = {row.kamerstuk: row for row in store.documents(db)}
    assert by_kamerstuk["32317-990"].official["ondernummer"] == "990"
    assert by_kamerstuk["32317-OO"].official["creator"] == EK


def test_a_fetched_letter_and_a_local_copy_are_one_document(service, tmp_path):
    db = store.open_db(tmp_path / "jbz.db")
    index_paths(db, [bundled_seeds()])
    run_fetch(service, tmp_path / "letters", db)
    rows = store.documents(db)
    assert len(rows) == 5
    # The local copy of 000 prints no Kamerstuk: the fetched copy's metadata gives it one document's Kamerstuk.
    joined = next(row for row in rows if any(f.endswith("kst-32317-990.pdf") for f in row.files))
    assert any(f.endswith("000_13a0f7031c7bf738.txt") for f in joined.files)
    assert joined.kamerstuk == "32317-990" and joined.evidence["kamerstuk"]["source"] == "metadata"


def test_a_local_copy_indexed_after_the_fetch_joins_the_fetched_letter(service, tmp_path):
    db = store.open_db(tmp_path / "jbz.db")
    run_fetch(service, tmp_path / "letters", db)
    index_paths(db, [bundled_seeds()])
    assert len(store.documents(db)) == 5


def test_the_text_disagreeing_with_the_metadata_is_a_warning(service, tmp_path):
    service.letters[0].ondernummer = "994"
    service.files[service.path_of(service.letters[0], "metadata")] = metadata_xml(service.letters[0])
    db = store.open_db(tmp_path / "jbz.db")
    run_fetch(service, tmp_path / "letters", db)
    row = store.document_named(db, "kst-32317-995.pdf")
    assert row.kamerstuk == "32317-995"  # as printed
    assert any("32317-994" in w and "metadata" in w for w in row.warnings)


def test_the_official_xml_is_read_as_the_pdf_is(service, tmp_path):
    db = store.open_db(tmp_path / "jbz.db")
    report = run_fetch(service, tmp_path / "letters", db, format="xml")
    assert report.indexed == 5 and [f for i, f in report.fallbacks if i == "kst-32317-995"] == []
    by_pdf = store.open_db(tmp_path / "pdf.db")
    run_fetch(service, tmp_path / "pdf", by_pdf)
    from_xml, from_pdf = (store.document_named(d, "32317-995") for d in (db, by_pdf))
    assert from_xml.file == "kst-32317-995.xml"
    assert (from_xml.kamerstuk, from_xml.letter_date, from_xml.meeting_start, from_xml.location, from_xml.doc_type) == (
        from_pdf.kamerstuk, from_pdf.letter_date, from_pdf.meeting_start, from_pdf.location, from_pdf.doc_type)
    assert from_xml.evidence["kamerstuk"]["source"] == "text"


# -- changes at the service ---------------------------------------------------------------------

def test_a_changed_modified_date_downloads_that_letter_again(service, tmp_path):
    db = store.open_db(tmp_path / "jbz.db")
    run_fetch(service, tmp_path / "letters", db)
    left_by_kill_9 = tmp_path / "letters" / "32317" / ".kst-32317-975.pdf.part-99999"
    left_by_kill_9.write_bytes(b"%PDF-1.4 half")
    service.letters[2].modified = "2026-03-01"
    service.requests.clear()
    report = run_fetch(service, tmp_path / "letters", db)
    assert report.changed == ["kst-32317-975"] and report.new == []
    assert sorted(service.downloads()) == sorted([service.path_of(service.letters[2], "pdf"),
                                                  service.path_of(service.letters[2], "metadata")])
    assert not left_by_kill_9.exists()
    assert len(store.documents(db)) == 5


def test_requests_keep_to_the_rate_limit(service, tmp_path):
    started = time.monotonic()
    report = fetch(FetchOptions(["32317"], tmp_path / "letters", service.url, dry_run=True),
                   Settings(rate=10, timeout=2, retries=0))
    assert report.requests == 3 and time.monotonic() - started >= 0.2


def test_a_withdrawn_letter_is_reported_and_pruned_only_when_asked(service, tmp_path):
    db = store.open_db(tmp_path / "jbz.db")
    dest = tmp_path / "letters"
    run_fetch(service, dest, db)
    service.letters = [letter for letter in service.letters if letter.identifier != "kst-32317-978"]
    report = run_fetch(service, dest, db)
    assert report.withdrawn == ["kst-32317-978"] and report.pruned == []
    assert (dest / "32317" / "kst-32317-978.html").exists()
    report = run_fetch(service, dest, db, prune=True)
    assert report.pruned == ["kst-32317-978"]
    assert not (dest / "32317" / "kst-32317-978.html").exists()
    assert not (dest / "32317" / "kst-32317-978.metadata.xml").exists()
    assert "32317-978" not in {row.kamerstuk for row in store.documents(db)}


def test_since_limits_to_letters_issued_on_or_after_it(service, tmp_path, fast_env):
    result = cli("fetch", "--sru-url", service.url, "--dest", str(tmp_path / "l"), "--since", "november 2025",
                 "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["listed"], report["new"], report["indexed"]) == (4, 4, 0)
    assert service.downloads() == [] and not (tmp_path / "l").exists()  # a dry run writes nothing


# -- faults -------------------------------------------------------------------------------------

def test_a_503_then_success_is_retried_and_a_404_is_skipped_while_the_others_are_fetched(service, tmp_path):
    first, second = service.letters[0], service.letters[2]
    service.faults[service.path_of(first, "pdf")] = ["503"]  # Retry-After: 3600, capped
    service.faults[service.path_of(first, "metadata")] = ["429"]
    service.faults[service.path_of(second, "pdf")] = ["404"]
    started = time.monotonic()
    report = run_fetch(service, tmp_path / "letters")
    assert time.monotonic() - started < 10
    assert [(s.identifier, s.reason) for s in report.skipped] == [("kst-32317-975", "HTTP 404 Not Found")]
    assert sorted(report.new) == sorted(KAMERSTUKKEN - {"kst-32317-975"})
    assert service.requests.count(service.path_of(first, "pdf")) == 2
    assert service.requests.count(service.path_of(first, "metadata")) == 2


def test_a_body_shorter_than_its_content_length_is_never_kept(service, tmp_path):
    letter = service.letters[0]
    service.faults[service.path_of(letter, "pdf")] = ["short"] * 3
    report = run_fetch(service, tmp_path / "letters")
    assert [s.identifier for s in report.skipped] == ["kst-32317-995"]
    assert "ended after" in report.skipped[0].reason
    assert not (tmp_path / "letters" / "32317" / "kst-32317-995.pdf").exists()
    assert not list((tmp_path / "letters" / "32317").glob(".*part*"))


def test_a_slow_server_times_out_and_the_letter_is_skipped(service, tmp_path):
    letter = service.letters[0]
    service.faults[service.path_of(letter, "pdf")] = ["slow"] * 2
    options = FetchOptions(["32317"], tmp_path / "letters", service.url)
    report = fetch(options, Settings(rate=0, timeout=0.3, retries=1, backoff=0.01, retry_after_max=0.05))
    assert [s.identifier for s in report.skipped] == ["kst-32317-995"]
    assert "no answer within 0.3 s" in report.skipped[0].reason
    assert len(report.new) == 4


def test_an_sru_diagnostic_is_one_line_and_exit_2(service, tmp_path, fast_env):
    service.diagnostic = "Query syntax error"
    result = cli("--db", str(tmp_path / "x.db"), "fetch", "--sru-url", service.url, "--dest", str(tmp_path / "l"))
    assert result.exit_code == 2
    assert "Query syntax error" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "l").exists() and not (tmp_path / "x.db").exists()


def test_no_network_says_so_and_changes_nothing(tmp_path, fast_env):
    result = cli("--db", str(tmp_path / "x.db"), "fetch", "--sru-url", "http://127.0.0.1:9/sru",
                 "--dest", str(tmp_path / "l"))
    assert result.exit_code == 2
    assert "cannot connect" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "l").exists() and not (tmp_path / "x.db").exists()


def test_a_hostile_identifier_and_a_foreign_host_are_refused(service, tmp_path, fast_env):
    service.letters.append(Letter("../../evil", "001", "996"))
    service.letters.append(Letter("kst-32317-997", "001", "997", forms=("metadata",),
                                  foreign_url="https://evil.example/kst-32317-997.pdf"))
    service.letters.append(Letter("kst-32317-998", "001", "998"))
    for letter in service.letters[-3:]:
        for form in letter.forms:
            service.files[service.path_of(letter, form)] = manifestation(letter, form, tmp_path)
    service.faults[service.path_of(service.letters[-1], "pdf")] = ["redirect"]
    result = cli("--db", str(tmp_path / "x.db"), "fetch", "--sru-url", service.url, "--dest",
                 str(tmp_path / "letters" / "d"), "--json")
    assert result.exit_code == 2
    skipped = {s["identifier"]: s["reason"] for s in json.loads(result.stdout)["skipped"]}
    assert set(skipped) == {"../../evil", "kst-32317-997", "kst-32317-998"}
    assert "refused" in skipped["../../evil"] and "evil.example" in skipped["kst-32317-997"]
    assert "another host" in skipped["kst-32317-998"]
    assert not any("evil" in str(p) for p in tmp_path.rglob("*"))
    assert "skipped ../../evil" in result.stderr


def test_only_the_services_host_and_the_official_hosts_over_https_are_fetched():
    client = Client.for_service(OFFICIAL_SRU_URL, FAST)
    assert client.checked_url("http://repository.overheid.nl/frbr/x.pdf") == "https://repository.overheid.nl/frbr/x.pdf"
    local = Client.for_service("http://127.0.0.1:8080/sru", FAST)
    assert local.checked_url("http://127.0.0.1:8080/frbr/x.pdf") == "http://127.0.0.1:8080/frbr/x.pdf"
    for refused in ("http://127.0.0.1:8081/x.pdf", "https://user:pw@repository.overheid.nl/x", "file:///etc/passwd",
                    "https://repository.overheid.nl.evil.example/x", "ftp://repository.overheid.nl/x"):
        with pytest.raises(DownloadFailed):
            local.checked_url(refused)


def test_a_name_instead_of_a_dossier_number_exits_2_with_a_hint(tmp_path, fast_env):
    result = cli("fetch", "Terugkeerverordening", "--dry-run")
    assert result.exit_code == 2
    assert "not a dossier number" in result.stderr and "jbz track Terugkeerverordening" in result.stderr


def test_an_answer_over_the_size_limit_is_cut_off(service, tmp_path):
    options = FetchOptions(["32317"], tmp_path / "letters", service.url)
    report = fetch(options, Settings(rate=0, timeout=2, retries=0, max_bytes=40_000))
    assert report.skipped and all("limit" in s.reason for s in report.skipped)


def test_ctrl_c_mid_download_leaves_no_partial_file_and_the_next_run_completes(service, tmp_path):
    stalled = service.path_of(service.letters[4], "pdf")  # kst-32317-OO, after three letters are in
    service.faults[stalled] = ["stall"]
    dest, db = tmp_path / "letters", tmp_path / "jbz.db"
    env = {**os.environ, **FAST_ENV, "PYTHONPATH": str(ROOT)}
    env.pop("JBZ_DB", None)
    process = subprocess.Popen([sys.executable, "-m", "jbz", "--db", str(db), "fetch", "--sru-url", service.url,
                                "--dest", str(dest)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert service.stalled.wait(30), "the download never started"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        service.release.set()
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    folder = dest / "32317"
    assert not (folder / "kst-32317-OO.pdf").exists()
    assert not list(folder.glob(".*part*"))
    state = json.loads((folder / ".jbz-fetch.json").read_text())
    assert "kst-32317-OO" not in state and "kst-32317-995" in state

    report = run_fetch(service, dest, store.open_db(db))
    assert report.skipped == [] and "kst-32317-OO" in report.new
    assert (folder / "kst-32317-OO.pdf").read_bytes() == service.files[stalled]
    assert len(store.documents(store.open_db(db))) == 5


def test_fetch_ends_by_saying_what_is_new_for_the_files_you_follow(service, tmp_path, fast_env):
    quiet = cli("--db", str(tmp_path / "first.db"), "fetch", "--sru-url", service.url, "--dest", str(tmp_path / "a"))
    assert quiet.exit_code == 0 and "new for" not in quiet.output  # no summary while you follow nothing
    db = str(tmp_path / "jbz.db")
    assert cli("--db", db, "follow", "Terugkeerverordening").exit_code == 0
    fetched = cli("--db", db, "fetch", "--sru-url", service.url, "--dest", str(tmp_path / "b"))
    assert fetched.exit_code == 0, fetched.output
    assert "new for Terugkeerverordening: 5 letters" in fetched.output
    assert len(json.loads(cli("--db", db, "news", "--json").stdout)["dossiers"][0]["letters"]) == 5  # only said
