"""A dossier's timeline: every place the letters discuss it, in date order, with the stage claims
of the sentences that name it (read at index time), and the excerpts of the places shown."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from jbz import store
from jbz.cite import official_url
from jbz.dossiers.catalogue import Dossier, names_pattern
from jbz.dossiers.procedures import Procedure, procedure_at, procedures_of
from jbz.fold import fold
from jbz.language.stages import StageClaim
from jbz.sentences import excerpt_around
from jbz.store import words_containing


@dataclass(slots=True)
class Entry:
    """One place a dossier is discussed: a passage of one document of one meeting."""

    meeting_start: str | None
    meeting_end: str | None
    location: str | None
    informal: bool | None
    file: str
    doc_type: str
    kamerstuk: str | None
    letter_date: str | None
    where: str
    item_title: str
    label: str | None
    passage_id: int = 0
    #: The PDF page the place starts on, when the letter was read from a PDF.
    page: int | None = None
    #: Whether the passage's title itself names the dossier, and where.
    title_match: bool = False
    title_hits: list[tuple[int, int]] = field(default_factory=list)
    #: The stage claims of the sentences that speak of the dossier (all of them when the title does).
    claims: list[StageClaim] = field(default_factory=list)
    #: Read only for the entries shown (`load_texts`): the passage, where the names stand in it,
    #: the excerpt around the first and the matches inside the excerpt.
    text: str | None = None
    body_hits: list[tuple[int, int]] = field(default_factory=list)
    excerpt: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)
    #: Filled in by jbz.dossiers.story: the stage claim, the cabinet's position sentences, outcomes linked back.
    stage: dict | None = None
    positions: list[str] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    #: The EU procedure the place speaks of (jbz.dossiers.procedures), where the dossier has any.
    procedure: Procedure | None = None
    #: For a package's timeline: the member file the place is about (None: the package itself).
    member: str | None = None
    #: The letter's identity (its Kamerstuk, else its reading), the same after a re-index.
    letter: str | None = None
    #: Each position sentence with the cabinet's stance and how it stands to the previous meeting's
    #: (jbz.dossiers.story.compare_positions): {"text", "stance", "change"}.
    stances: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        """Return the letter's official page, when its Kamerstuk is known."""
        return official_url(self.kamerstuk)

    def to_json(self) -> dict:
        """Return the entry in the `jbz track --json` shape (its text must have been loaded)."""
        return {k: getattr(self, k) for k in (
            "meeting_start", "meeting_end", "location", "informal", "file", "doc_type", "kamerstuk",
            "letter_date", "where", "item_title", "label", "excerpt", "stage", "positions", "outcomes", "url",
            "page", "stances")} | {"procedure": self.procedure.to_json() if self.procedure else None,
                                   "member": self.member}


def fts_query(db: store.Index, aliases: list[str]) -> str:
    """Return an FTS5 query that finds every passage an alias matches."""
    parts = []
    for alias in aliases:
        words = re.findall(r"\w+", fold(alias))
        if not words:
            continue
        if len(words) == 1 and not (alias.isupper() and len(alias) <= 6):
            # A single name is also found inside compounds: every indexed word containing it.
            parts += ['"' + w + '"' for w in dict.fromkeys([words[0], *words_containing(db, words[0])])]
        else:
            parts.append('"' + " ".join(words) + '"' + ("*" if len(words) > 1 else ""))
    return " OR ".join(parts)


# How many words may stand between the words of a name a reader types ("richtlijn om toegang tot
# financiële informatie" for "Richtlijn financiële informatie").
NEAR_WORDS = 8


def near_query(words: tuple[str | None, list[str]] | None) -> str:
    """Return an FTS5 query for a typed name's head noun and content words near each other, each word
    as a prefix ("financiel" finds "financiële"); "" for a name of fewer than two such words."""
    if words is None:
        return ""
    head, stems = words
    terms = ([head] if head else []) + [stem for stem in stems if stem.isalnum()]
    if len(terms) < 2:
        return ""
    return "NEAR(" + " ".join(f'"{term}"*' for term in terms) + f", {NEAR_WORDS})"


def timeline(db: store.Index, dossier: Dossier, documents: set[int] | None = None) -> list[Entry]:
    """Return every passage mentioning the dossier, in date order (footnotes never count).

    A document about no one meeting (a BNC-fiche letter, a letter on one proposal) stands at its
    letter date among the meetings. The full-text index decides which passages match; their texts
    are not read here (see `load_texts`), only their titles and the stage claims stored with them.
    A dossier whose name does not look legislative is put on the ladder when its letters treat it
    as a proposal (see `_treated_as_a_file`). `documents`: only the places of these letters (row ids).
    """
    query = _dossier_query(db, dossier)
    if not query and not dossier.keys:
        return []
    names = names_pattern(tuple(dossier.aliases))
    _match_once(db, query, dossier.keys)
    if documents is not None:
        _keep_only(db, documents)
    title_hits = _TitleHits(names)
    entries: dict[int, Entry] = {}
    # CROSS JOIN keeps the matches on the outside: one lookup per match, not a scan of every passage.
    # The order is the timeline's: meeting (else the letter's date), letter date, file, the cover letter
    # after the agenda.
    for row in db.conn.execute(
            'SELECT p.id, p."where", p.title, p.label, d.file, d.doc_type, d.kamerstuk, d.letter_date, m.start,'
            ' m."end", m.location, m.informal, p.page, d.identity FROM temp.matched x CROSS JOIN passages p ON p.id = x.id'
            " JOIN documents d ON d.id = p.document_id LEFT JOIN meetings m ON m.id = d.meeting_id"
            " WHERE p.kind != 'footnote'"
            """ ORDER BY coalesce(m.start, d.letter_date, '9999'), coalesce(d.letter_date, ''), d.file,"""
            """ p."where" = 'cover', p."where", p.id"""):
        (passage_id, where, title, label, file, doc_type, kamerstuk, letter_date, start, end, location, informal,
         page, letter) = row
        hits = title_hits[title]
        entries[passage_id] = Entry(start, end, location, None if informal is None else bool(informal), file,
                                    doc_type, kamerstuk, letter_date, where, title, label, passage_id, page,
                                    bool(hits), hits, letter=letter)
    _attach_claims(db, query, dossier, names, entries)
    _assign_procedures(db, dossier, entries)
    if not dossier.legislative:
        dossier.legislative = _treated_as_a_file(entries.values())
    if not dossier.legislative:
        for entry in entries.values():
            entry.claims = []
    return list(entries.values())


# Words that make a sentence about a topic a sentence about a legislative file.
_FILE_WORDS = re.compile(r"\b(?:voorstel|verordening|richtlijn|wetgev|raadswerkgroep|onderhandel|triloog|fiche"
                         r"|stemde(?:n)? in met)", re.I)


def _treated_as_a_file(entries) -> bool:
    """Return whether the letters treat a dossier as an EU proposal: a sentence naming it claims a
    milestone of the ladder, or claims work on it in words that belong to legislation ("het
    voorstel", "de raadswerkgroep"). A topic merely discussed ("de Schengenbarometer") is not."""
    return any(found.milestone or _FILE_WORDS.search(found.evidence)
               for entry in entries for found in entry.claims)


class _TitleHits(dict):
    """Where a dossier's names stand in each title, folded; a title is searched once, however
    many passages carry it (an item's title heads its sub-items and recurs letter after letter)."""

    def __init__(self, names: re.Pattern):
        super().__init__()
        self.names = names

    def __missing__(self, title: str) -> list[tuple[int, int]]:
        hits = self[title] = [match.span() for match in self.names.finditer(fold(title))]
        return hits


def _match_once(db: store.Index, query: str, keys: set[str]) -> None:
    """Put the ids of the passages matching `query`, or naming a file by one of `keys`, in
    temp.matched, so that the passages and their claims are read without running the full-text
    match twice (a temporary table: the index file itself is not written)."""
    db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS matched (id INTEGER PRIMARY KEY)")
    db.conn.execute("DELETE FROM temp.matched")
    if query:
        db.conn.execute("INSERT INTO temp.matched SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?", [query])
    for chunk in _chunks(sorted(keys)):
        db.conn.execute("INSERT OR IGNORE INTO temp.matched SELECT passage_id FROM mentions"
                        f" WHERE key IN ({','.join('?' * len(chunk))})", chunk)


def _dossier_query(db: store.Index, dossier: Dossier) -> str:
    """Return the full-text query for a dossier's places: any of its names, or the words typed near each other."""
    return " OR ".join(filter(None, [fts_query(db, dossier.aliases), near_query(dossier.words)]))


def letters_naming(db: store.Index, dossier: Dossier) -> dict[int, str]:
    """Return the letters (row id -> identity) that have a place naming the dossier, as `timeline` finds them."""
    query = _dossier_query(db, dossier)
    if not query and not dossier.keys:
        return {}
    _match_once(db, query, dossier.keys)
    return dict(db.conn.execute("SELECT DISTINCT d.id, d.identity FROM temp.matched x CROSS JOIN passages p ON p.id = x.id"
                                " JOIN documents d ON d.id = p.document_id WHERE p.kind != 'footnote'"))


def _keep_only(db: store.Index, documents: set[int]) -> None:
    """Keep in temp.matched only the passages of these letters."""
    db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id INTEGER PRIMARY KEY)")
    db.conn.execute("DELETE FROM temp.wanted")
    db.conn.executemany("INSERT INTO temp.wanted VALUES (?)", [(document,) for document in documents])
    db.conn.execute("DELETE FROM temp.matched WHERE id NOT IN (SELECT p.id FROM passages p"
                    " WHERE p.document_id IN temp.wanted)")


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[at:at + size] for at in range(0, len(values), size)]


def _attach_claims(db: store.Index, query: str, dossier: Dossier, names, entries: dict[int, Entry]) -> None:
    """Give each entry the stored claims that are about the dossier.

    A claim whose own words (its clause, or the names its stage noun governs) name files is about
    those files: it counts when one of them is the dossier, by key or by a name of it printed in
    that span. A claim that names no file ("het voorstel werd aangenomen") counts when its sentence
    names the dossier inside the claim's own words, or, where the sentence does not name it at all,
    when the passage's title does.
    """
    conn = db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS named (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.named")
    if query:
        conn.execute("INSERT INTO temp.named SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?", [query])
    for passage_id, claim_id, *claim, scope_start, scope_end, files, named in conn.execute(
            f"SELECT c.passage_id, c.id, {store.CLAIM_COLUMNS}, c.scope_start, c.scope_end,"
            " (SELECT group_concat(f.key, '|') FROM claim_files f WHERE f.claim_id = c.id),"
            " c.id IN temp.named FROM temp.matched x CROSS JOIN stage_claims c ON c.passage_id = x.id ORDER BY c.id"):
        entry = entries.get(passage_id)
        if entry is None:  # a footnote's
            continue
        sentence = claim[0]
        start, end = (scope_start, scope_end) if scope_start is not None else (0, len(sentence))
        if files:
            named = files.split("|")
            if dossier.member_keys.intersection(named):
                continue  # its members' claim ("een mandaat over de Screening- en Eurodacverordening, twee onderdelen van het Pact")
            about = dossier.keys.intersection(named) or names.search(fold(sentence)[start:end])
        elif named:
            # The sentence names the dossier: the claim is its only where its own words do.
            about = names.search(fold(sentence)[start:end])
        else:
            about = entry.title_match
        if about:
            entry.claims.append(store.claim_from_row(*claim))


def package_timeline(db: store.Index, package: Dossier, members: list[Dossier],
                     documents: set[int] | None = None) -> list[Entry]:
    """Return a package's timeline: its own places and its members' (each labelled with its member,
    its claims the member's), in date order. A place that names the package is the package's; where
    it also claims a stage for a member, the member's place stands beside it."""
    package.member_keys = set().union(*(member.keys for member in members))
    entries = timeline(db, package, documents)
    own = {entry.passage_id for entry in entries}
    for member in members:
        for entry in timeline(db, member, documents):
            if entry.passage_id not in own or entry.claims:
                entry.member = member.name
                entries.append(entry)
    return sorted(entries, key=_timeline_order)


def _timeline_order(entry: Entry) -> tuple:
    """Return an entry's place in a timeline, as `timeline` orders its query."""
    return (entry.meeting_start or entry.letter_date or "9999", entry.letter_date or "", entry.file,
            entry.where == "cover", entry.where, entry.passage_id)


def _assign_procedures(db: store.Index, dossier: Dossier, entries: dict[int, Entry]) -> None:
    """Give each entry the procedure it speaks of: the one whose number its passage prints, else the
    latest opened by its date (see jbz.dossiers.procedures.procedure_at). A dossier the register
    does not know has the procedure its letters print beside its name, where they print one."""
    procedures = procedures_of(dossier.register_ids)
    numbers: dict[int, set[str]] = {}
    beside: list[tuple[str, str, str]] = []  # (kind, key, printed) of the numbers printed right after the name
    previous: tuple[int, int, str] | None = None
    for passage_id, start, end, key, kind, printed in db.conn.execute(
            "SELECT m.passage_id, m.start, m.\"end\", m.key, m.kind, m.printed FROM temp.matched x"
            " CROSS JOIN mentions m ON m.passage_id = x.id WHERE m.in_title = 0 ORDER BY m.passage_id, m.start"):
        if kind in ("act", "com", "procedure"):
            numbers.setdefault(passage_id, set()).add(key)
            if previous and previous[0] == passage_id and previous[2] in dossier.keys and start - previous[1] <= _BESIDE:
                beside.append((kind, key, printed))
        previous = (passage_id, end, key)
    if not procedures:
        procedures = _printed_procedure(dossier, beside)
    if not procedures:
        return
    for passage_id, entry in entries.items():
        entry.procedure = procedure_at(procedures, numbers.get(passage_id, set()),
                                       entry.meeting_start or entry.letter_date)


#: How far after a file's name a number may stand and still be its number: "(COM(2022) 209)", ", 2022/0155 (COD)".
_BESIDE = 6


def _printed_procedure(dossier: Dossier, beside: list[tuple[str, str, str]]) -> list[Procedure]:
    """Return the one procedure the letters print beside a dossier's name (a COM number, a procedure
    number, or both), or none where they print none or several of a kind (an amended proposal, another
    file's number: the evidence does not say which)."""
    by_kind: dict[str, dict[str, str]] = {}
    for kind, key, printed in beside:
        by_kind.setdefault(kind, {}).setdefault(key, printed)
    if not by_kind or any(len(found) > 1 for found in by_kind.values()):
        return []
    printed = {kind: next(iter(found.values())) for kind, found in by_kind.items()}
    keys = frozenset(key for found in by_kind.values() for key in found)
    return [Procedure(f"letters:{min(keys)}", dossier.name, printed.get("procedure"), printed.get("com"),
                      printed.get("act"), keys=keys)]


def load_texts(db: store.Index, dossier: Dossier, entries: list[Entry]) -> None:
    """Read the passages of `entries` (the ones to be shown): the text, where the dossier's names
    stand in it, and the excerpt around the first."""
    names = names_pattern(tuple(dossier.aliases))
    wanted = [e for e in entries if e.text is None]
    texts: dict[int, str] = {}
    for chunk in range(0, len(wanted), 500):
        ids = [e.passage_id for e in wanted[chunk:chunk + 500]]
        texts.update(db.conn.execute(f"SELECT id, text FROM passages WHERE id IN ({','.join('?' * len(ids))})", ids))
    for entry in wanted:
        entry.text = texts.get(entry.passage_id, "")
        entry.body_hits = [match.span() for match in names.finditer(fold(entry.text))]
        if entry.body_hits:
            entry.excerpt, entry.highlights = excerpt_around(entry.text, entry.body_hits)
        else:
            entry.excerpt, entry.highlights = entry.item_title or entry.text[:240], entry.title_hits
