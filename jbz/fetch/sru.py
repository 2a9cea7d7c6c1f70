"""The KOOP SRU listing of a dossier's Kamerstukken, read tolerantly.

Elements are matched by their local name, so another namespace prefix (or a namespace URI with or
without its trailing slash) reads the same; `numberOfRecords` is taken as the estimate it may be,
and paging stops at the last record, not at a `nextRecordPosition` past the end.
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from typing import Iterator

from jbz.fetch.client import Client, DownloadFailed, FetchError
from jbz.untrusted import UnsafeXml, parse_xml
from jbz.untrusted import printable as _clean

#: Records asked for per page (the service allows up to 1000; smaller pages fail cheaper).
PAGE_SIZE = 100
#: A listing never takes more pages than this, whatever the service answers.
_MAX_PAGES = 1000


@dataclass(slots=True)
class Record:
    """One record of the listing: a Kamerstuk (kst-…) or an attachment (blg-…)."""

    identifier: str
    title: str = ""
    #: "Kamerstuk" for a Kamerstuk (dcterms:type, or overheidwetgeving:publicatienaam).
    doc_type: str = ""
    creator: str = ""
    #: dcterms:modified: a new date means a new version of the publication.
    modified: str = ""
    #: dcterms:issued, the date of publication (`--since` reads it).
    issued: str = ""
    dossiernummer: str = ""
    ondernummer: str = ""
    #: The download URL of each form the record offers, by manifestation ("pdf", "html", "xml", "metadata").
    manifestations: dict[str, str] = field(default_factory=dict)

    @property
    def is_kamerstuk(self) -> bool:
        """Return whether this is a Kamerstuk, not an attachment (blg-…) or another publication."""
        if self.identifier.startswith("kst-"):
            return True
        return not self.identifier.startswith("blg-") and "kamerstuk" in self.doc_type.lower()


def query_for(dossier: str) -> str:
    """Return the CQL query for every Kamerstuk of one dossier."""
    return f"(c.product-area=officielepublicaties AND w.dossiernummer=={dossier} AND w.publicatienaam=Kamerstuk)"


def page_url(base_url: str, dossier: str, start: int, size: int = PAGE_SIZE) -> str:
    """Return the searchRetrieve URL of the page starting at record `start` (1-based)."""
    params = urllib.parse.urlencode({"operation": "searchRetrieve", "version": "2.0", "recordSchema": "gzd",
                                     "startRecord": start, "maximumRecords": size, "query": query_for(dossier)})
    return f"{base_url}{'&' if '?' in base_url else '?'}{params}"


def list_records(client: Client, base_url: str, dossier: str) -> Iterator[Record]:
    """Yield every record the service lists for the dossier, page after page; raise FetchError
    when the service cannot be reached or answers with a diagnostic."""
    start = 1
    for _ in range(_MAX_PAGES):
        url = page_url(base_url, dossier, start)
        try:
            body = client.get(url)
        except DownloadFailed as exc:
            raise FetchError(f"cannot list dossier {dossier} at {base_url}: {exc}") from None
        page = read_page(body)
        yield from page.records
        # A next position past the end answers an empty page; one that does not move on would loop.
        if not page.records or page.next_position is None or page.next_position <= start:
            return
        start = page.next_position


@dataclass(slots=True)
class Page:
    """One searchRetrieve answer: its records, where the next page starts, the total it claims."""

    records: list[Record]
    next_position: int | None
    number_of_records: int | None


def read_page(body: bytes) -> Page:
    """Return the records of one SRU answer; raise FetchError for a diagnostic or an answer that is no SRU."""
    try:
        root = parse_xml(body)
    except UnsafeXml as exc:
        raise FetchError(f"the SRU service's answer cannot be read: {exc}") from None
    if _local(root.tag) != "searchRetrieveResponse":
        raise FetchError(f"the SRU service answered with <{_local(root.tag)}>, not a searchRetrieveResponse")
    diagnostics = [el for el in root.iter() if _local(el.tag) == "diagnostic"]
    if diagnostics:
        raise FetchError("the SRU service answered with a diagnostic: " + "; ".join(map(_diagnostic, diagnostics)))
    records = [_record(el) for el in root.iter() if _local(el.tag) == "record"]
    return Page([r for r in records if r.identifier], _int(_child_text(root, "nextRecordPosition")),
                _int(_child_text(root, "numberOfRecords")))


def _record(element) -> Record:
    texts: dict[str, str] = {}
    manifestations: dict[str, str] = {}
    for el in element.iter():
        name = _local(el.tag)
        text = _clean(el.text)
        if name == "itemUrl" and el.get("manifestation") and text:
            manifestations.setdefault(el.get("manifestation").strip().lower(), text)
        elif text and name not in texts:
            texts[name] = text
    return Record(identifier=texts.get("identifier", ""), title=texts.get("title", ""),
                  doc_type=" ".join(filter(None, (texts.get("type", ""), texts.get("publicatienaam", "")))),
                  creator=texts.get("creator", ""), modified=texts.get("modified", ""),
                  issued=texts.get("issued") or texts.get("date") or texts.get("available", ""),
                  dossiernummer=texts.get("dossiernummer", ""), ondernummer=texts.get("ondernummer", ""),
                  manifestations=manifestations)


def _diagnostic(element) -> str:
    parts = {_local(el.tag): _clean(el.text) for el in element.iter() if _clean(el.text)}
    message = parts.get("message") or "no message"
    details = f" ({parts['details']})" if parts.get("details") else ""
    uri = f" [{parts['uri']}]" if parts.get("uri") else ""
    return f"{message}{details}{uri}"


def _child_text(root, name: str) -> str | None:
    # Only the answer's own elements: a record may hold elements of the same local name.
    return next((_clean(el.text) for el in root if _local(el.tag) == name), None)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None
