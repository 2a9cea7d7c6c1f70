"""The EU files the index knows: every name the letters print (stored at index time as mentions),
grouped into one dossier per file with the register and the alias file (jbz.dossiers.identity);
what `jbz dossiers` lists, and the dossier a name typed to `jbz track` stands for."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from jbz import __version__, store
from jbz.dossiers.catalogue import Dossier
from jbz.dossiers.catalogue import resolve as resolve_known
from jbz.dossiers.identity import FileIdentity, group
from jbz.dossiers.identity import resolve as resolve_identity
from jbz.dossiers.register import load_register
from jbz.dossiers.timeline import fts_query
from jbz.fold import fold
from jbz.language.names import content_terms, matches_terms
from jbz.language.stages import STAGES


#: Part of what a derived answer depends on: raise it when grouping or listing returns something else.
DERIVED_FORM = "1"


def _fingerprint(known: list[Dossier]) -> str:
    """Return what the files and their listing depend on besides the letters: this jbz (its register,
    its readers) and the alias file's dossiers."""
    basis = [__version__, DERIVED_FORM, [(d.name, d.aliases, d.legislative, d.members) for d in known]]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False).encode()).hexdigest()


def identities(db: store.Index, known: list[Dossier]) -> list[FileIdentity]:
    """Return one FileIdentity per EU file: the names the letters print and define, the register's
    files and the alias file's dossiers, each file once under all its names.

    Worked out once per change of the letters or the alias file, and kept in the index."""
    return _kept(db, "identities", _fingerprint(known), lambda: _group_files(db, known),
                 lambda found: [(i.name, i.aliases, sorted(i.keys), i.register_ids, i.legislative) for i in found],
                 lambda rows: [FileIdentity(name, aliases, set(keys), ids, legislative)
                               for name, aliases, keys, ids, legislative in rows])


def printed_names(db: store.Index) -> list[tuple[str, str, int]]:
    """Return every (key, printed name, places) the letters hold, worked out once per change of the letters."""
    return _kept(db, "names", "", lambda: db.conn.execute(
        "SELECT key, printed, count(*) FROM mentions GROUP BY key, printed").fetchall(),
        list, lambda rows: [tuple(row) for row in rows])


def _kept(db: store.Index, name: str, fingerprint: str, work_out, to_json, from_json):
    """Return the derived answer `name` as kept in the index for `fingerprint`, else `work_out()`
    (kept for next time as `to_json` of it; read back with `from_json`)."""
    if (kept := store.derived(db, name, fingerprint)) is not None:
        return from_json(json.loads(kept))
    value = work_out()
    store.remember_derived(db, name, fingerprint, json.dumps(to_json(value), ensure_ascii=False))
    return value


def _group_files(db: store.Index, known: list[Dossier]) -> list[FileIdentity]:
    names = printed_names(db)
    definitions = db.conn.execute("SELECT DISTINCT long_printed, short_printed FROM definitions").fetchall()
    return group(names, definitions, load_register(), [(d.name, d.aliases, d.legislative) for d in known])


def resolve(db: store.Index, query: str, known: list[Dossier]) -> Dossier:
    """Return the dossier `query` names: a known file under any of its names (a spelling, an
    abbreviation a letter defines, a formal title, an act, COM or procedure number); else the
    files whose printed names hold the words typed ("Richtlijn mensenhandel" finds "richtlijn inzake
    de voorkoming en bestrijding van mensenhandel"); else a dossier of just what was typed."""
    files = identities(db, known)
    found = resolve_identity(query, files)
    if found is not None:
        # One spelling per name, the file's own first: matching folds case and diacritics anyway.
        spellings: dict[str, str] = {}
        for name in (found.name, query.strip(), *found.aliases):
            spellings.setdefault(fold(name), name)
        names = list(spellings.values())
        # The other spellings of the words typed count too: the letters print a file under titles
        # that no register lists ("richtlijn aanpak mensenhandel", "richtlijn inzake … mensenhandel").
        keys = set(found.keys) | _keys_holding_the_words(db, query)
        members = next((d.members for d in known if d.name == found.name), [])
        return Dossier(found.name, names, found.legislative, keys, register_ids=list(found.register_ids),
                       members=list(members))
    typed = resolve_known(query, known)
    typed.keys = _keys_holding_the_words(db, query)
    if not typed.keys and typed.name == query.strip():
        # Named nowhere as a file: the words typed, near each other, are the letters' way to say it.
        typed.words = content_terms(query)
    return typed


def _keys_holding_the_words(db: store.Index, query: str) -> set[str]:
    """Return the keys of the printed names that hold every content word of `query` (and its head
    noun, "richtlijn", "verordening", where it has one)."""
    terms = content_terms(query)
    if not terms[1]:
        return set()
    # The longest stem is the rarest: a substring test first, then the full test.
    rarest = max(terms[1], key=len)
    return {key for key, printed, _ in printed_names(db) if rarest in fold(printed) and matches_terms(terms, printed)}


@dataclass(slots=True)
class FileRow:
    """One row of `jbz dossiers`: a file, where the letters name it, and the stage they claim."""

    dossier: str
    aliases: list[str]
    letters: int
    meetings: int
    first: str | None
    last: str | None
    stage: str | None = None
    stage_since: str | None = None
    procedures: list[dict] = field(default_factory=list)
    #: A package's member files (the alias file's "members").
    members: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the row in the `jbz dossiers --json` shape."""
        return {name: getattr(self, name) for name in self.__slots__}


def listing(db: store.Index, known: list[Dossier] = (), min_letters: int = 1) -> list[FileRow]:
    """Return a row per file that at least `min_letters` letters name, the latest letter first
    (worked out once per change of the letters or the alias file, and kept in the index)."""
    rows = _kept(db, "listing", _fingerprint(known), lambda: _count_files(db, identities(db, known), known),
                 lambda found: [row.to_json() for row in found], lambda kept: [FileRow(**row) for row in kept])
    return [row for row in rows if row.letters >= max(min_letters, 1)]


def remember(db: store.Index, known: list[Dossier]) -> None:
    """Work out the files and their listing now (after indexing), so that the queries find them kept."""
    listing(db, known)


def _count_files(db: store.Index, files: list[FileIdentity], known: list[Dossier]) -> list[FileRow]:
    """Return a row per file that a letter names, the latest letter first.

    A dossier of the alias file that no letter names as a file is found as `jbz track` finds it, by
    the full-text index: a user who names a topic there ("EBSP") sees it listed though it is no
    legislative file. The counting is done by SQLite over the stored mentions (a temporary table
    maps each key to its file; the index file itself is not written)."""
    conn = db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS file_keys (key TEXT PRIMARY KEY, file INTEGER)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS file_documents (file INTEGER, document_id INTEGER)")
    conn.execute("DELETE FROM temp.file_keys")
    conn.execute("DELETE FROM temp.file_documents")
    conn.executemany("INSERT OR IGNORE INTO temp.file_keys VALUES (?, ?)",
                     [(key, index) for index, identity in enumerate(files) for key in identity.keys])
    members: dict[int, list[str]] = {}
    for dossier in known:
        identity = resolve_identity(dossier.name, files)
        index = next((i for i, candidate in enumerate(files) if candidate is identity), None)
        if index is not None and dossier.members:
            members[index] = list(dossier.members)
        if index is None or not (query := fts_query(db, dossier.aliases)):
            continue
        conn.execute("INSERT INTO temp.file_documents SELECT DISTINCT ?, p.document_id FROM passages_fts f"
                     " JOIN passages p INDEXED BY passages_place ON p.id = f.rowid"
                     " WHERE passages_fts MATCH ? AND p.kind != 'footnote'",
                     [index, query])
    letters = _letters_naming(conn)
    stages = _stages_reached(conn)
    register = {entry.id: entry for entry in load_register()}
    rows = []
    for index, (count, meetings, first, last) in letters.items():
        identity = files[index]
        stage, since = stages.get(index, (None, None))
        procedures = [{"procedure": register[i].procedure, "com": register[i].com, "act": register[i].act}
                      for i in identity.register_ids if i in register]
        rows.append(FileRow(identity.name, [a for a in identity.aliases if a != identity.name],
                            count, meetings, first, last, stage, since, procedures, members.get(index, [])))
    rows.sort(key=lambda row: (row.last or "", row.letters), reverse=True)
    return rows


def _letters_naming(conn) -> dict[int, tuple[int, int, str | None, str | None]]:
    """Return per file (temp.file_keys) its letters, meetings, first and last date (the meeting's,
    else the letter's own)."""
    return {row[0]: row[1:] for row in conn.execute(
        "SELECT x.file, count(*), count(DISTINCT d.meeting_id), min(coalesce(m.start, d.letter_date)),"
        " max(coalesce(m.start, d.letter_date)) FROM (SELECT DISTINCT k.file, n.document_id FROM mentions n"
        " JOIN temp.file_keys k ON k.key = n.key UNION SELECT file, document_id FROM temp.file_documents) x"
        " JOIN documents d ON d.id = x.document_id LEFT JOIN meetings m ON m.id = d.meeting_id GROUP BY x.file")}


def _stages_reached(conn) -> dict[int, tuple[str, str | None]]:
    """Return per file the highest rung a letter says it reached, with the latest date a letter says so
    (its meeting's, else its own), from the claims whose own words name the file."""
    best: dict[int, tuple[int, str]] = {}
    for index, stage, day in conn.execute(
            "SELECT k.file, c.stage, max(coalesce(m.start, d.letter_date, '')) FROM claim_files f"
            " JOIN temp.file_keys k ON k.key = f.key JOIN stage_claims c ON c.id = f.claim_id"
            " JOIN passages p ON p.id = c.passage_id JOIN documents d ON d.id = p.document_id"
            " LEFT JOIN meetings m ON m.id = d.meeting_id WHERE c.status != 'planned' GROUP BY k.file, c.stage"):
        if stage in STAGES and (rank := (STAGES.index(stage), day)) > best.get(index, (-1, "")):
            best[index] = rank
    return {index: (STAGES[rank], day or None) for index, (rank, day) in best.items()}
