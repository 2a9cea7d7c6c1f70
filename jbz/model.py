"""The typed reading of one JBZ-Raad letter, shared by the parser, the store and the queries.

A *JBZ-Raad* is the EU Council of Justice and Home Affairs ministers. Before each meeting the
Dutch ministers send parliament a *geannoteerde agenda* (annotated agenda); afterwards a
*verslag* (report). Each letter is a *Kamerstuk*: a numbered parliamentary paper of dossier
32317 ("32317-995").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Footnote:
    """A footnote, kept apart from the body text it annotates."""

    number: int
    text: str
    #: Kamerstukken the footnote cites, as "32317-975".
    references: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SubItem:
    """A lettered point under an agenda item ("a. Schengen barometer")."""

    number: str
    title: str
    #: The decision-type line printed under the title (Gedachtewisseling, Aanname, ...).
    label: str | None = None
    body: str = ""


@dataclass(slots=True)
class AgendaItem:
    """A numbered agenda item inside a part."""

    number: str
    title: str
    label: str | None = None
    body: str = ""
    subitems: list[SubItem] = field(default_factory=list)


@dataclass(slots=True)
class Part:
    """A part of the agenda, printed "I. Binnenlandse Zaken" or as a bare heading."""

    title: str
    #: Text between the part heading and its first item ("Belangrijkste resultaten" in a verslag).
    intro: str = ""
    items: list[AgendaItem] = field(default_factory=list)


@dataclass(slots=True)
class CoverTopic:
    """A subject the cover letter itself raises: a heading and the text under it."""

    title: str
    body: str = ""


@dataclass(slots=True)
class Meeting:
    """The Council meeting a letter is about."""

    start: dt.date
    end: dt.date
    location: str | None = None
    informal: bool = False


@dataclass(slots=True)
class Passage:
    """A searchable stretch of a letter: the text of an item or sub-item, a part's introduction, a
    cover topic, or the cover letter's opening."""

    kind: str  # "item" | "subitem" | "part" | "cover" | "section" | "letter" | "footnote"
    #: Where in the letter: "Migratie.3.b", a part's title, "cover", a section heading, "letter"
    #: (text the structure does not place), or "footnote 3".
    where: str
    title: str
    label: str | None
    text: str
    #: The agenda item or sub-item whose text this is (None for cover letters and part introductions).
    item: AgendaItem | SubItem | None = None
    #: The stage claims its sentences make (jbz.language.stages.StageClaim), read with the letter.
    claims: list = field(default_factory=list)
    #: The page of the PDF it starts on (1 = the first), for a letter read from a PDF; else None.
    page: int | None = None
    #: The EU files it names (jbz.language.names.Mention: where, as printed, their identity key).
    mentions: list = field(default_factory=list)
    #: The EU files its title names (offsets into the title), for a section or cover topic.
    title_mentions: list = field(default_factory=list)
    #: The names it defines, as (long, short) Mention pairs ("het Europees Openbaar Ministerie (EOM)").
    definitions: list = field(default_factory=list)
    #: For each of `claims`, the identity keys of the files named in the claim's own scope (its clause,
    #: or the names its stage noun governs); empty where the claim names no file ("het voorstel").
    claim_files: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class Evidence:
    """Where a value of a Document was read: the span of text that decided it."""

    #: The deciding span, a substring of the letter's text with white space collapsed (≤ 200 characters).
    text: str
    #: "text" (the letter itself), "pdf header" (a PDF's running header) or "metadata" (a metadata file).
    source: str = "text"


@dataclass(slots=True)
class Document:
    """Everything jbz reads off one letter."""

    #: "32317-995"; an Eerste Kamer letter number ("32317-OO") is kept as printed.
    kamerstuk: str | None = None
    #: "TK" (Tweede Kamer) or "EK" (Eerste Kamer).
    chamber: str | None = None
    letter_date: dt.date | None = None
    #: "agenda" (geannoteerde agenda), "verslag" (report of a meeting held) or "other".
    doc_type: str = "other"
    meeting: Meeting | None = None
    signatories: list[str] = field(default_factory=list)
    cover_text: str = ""
    cover_topics: list[CoverTopic] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    #: Headed stretches outside the cover letter and the agenda: an `other` document's sections,
    #: a report's "Onderwerp: tekst" paragraphs.
    sections: list[CoverTopic] = field(default_factory=list)
    #: The text no item, topic or section holds: header, heading, signatures, a report's preamble.
    letter_text: str = ""
    footnotes: list[Footnote] = field(default_factory=list)
    #: Things a reader should know: a heading that contradicts the cover letter, a scan, ...
    warnings: list[str] = field(default_factory=list)
    #: For every field with a value ("kamerstuk", "letter_date", "meeting_start", ...), the text it came from.
    evidence: dict[str, Evidence] = field(default_factory=dict)
    #: The fields worked out rather than printed: a year taken from the letter date, "jl." resolved.
    inferred: list[str] = field(default_factory=list)
    #: Other meetings the document names (a committee report lists the Councils its letters were about).
    mentioned_meetings: list[Meeting] = field(default_factory=list)
    #: The searchable passages with their stage claims (jbz.parse.passages); None until they are read.
    passages: list[Passage] | None = None
    #: What the publisher's metadata.xml says (dossiernummer, ondernummer, vergaderjaar, documenttitel,
    #: datumBrief, creator), for a fetched letter; empty for others.
    official: dict[str, str] = field(default_factory=dict)
    #: The text's fingerprint (jbz.parse.fingerprint) of a letter with official metadata, by which a
    #: copy of it that prints no Kamerstuk is known as the same letter.
    fingerprint: str | None = None
