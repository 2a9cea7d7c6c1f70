"""Dossiers (EU files and recurring topics): their names and aliases, and their timelines."""
from __future__ import annotations

import difflib
from functools import lru_cache
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


from jbz import store
from jbz.fold import fold
from jbz.sentences import excerpt_around
from jbz.store import words_containing

BUILTIN_ALIASES = Path(__file__).with_name("dossiers.toml")


class UnknownDossier(Exception):
    """No passage mentions the dossier; `suggestions` are the closest known names."""

    def __init__(self, query: str, suggestions: list[str]):
        super().__init__(query)
        self.query, self.suggestions = query, suggestions


class AliasFileError(Exception):
    """A user's alias file cannot be read; the message says which and why."""


@dataclass(slots=True)
class Dossier:
    """A dossier's name and every name it is known by."""

    name: str
    aliases: list[str] = field(default_factory=list)
    #: Whether the dossier is an EU legislative file (it then has stages on the ladder).
    legislative: bool = False


def user_alias_file() -> Path:
    """Return where a user's own dossier names live (~/.config/jbz/dossiers.toml)."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "jbz" / "dossiers.toml"


def load_dossiers(extra: Path | None = None) -> list[Dossier]:
    """Return the built-in dossiers, extended or overridden by the user's file and `extra`."""
    table = _read_toml(BUILTIN_ALIASES)
    for path in (user_alias_file(), extra):
        if path is not None and (path == extra or path.exists()):
            table.update(_read_toml(path))
    dossiers = []
    for name, entry in table.items():
        aliases = list(dict.fromkeys([name, *entry.get("aliases", [])]))
        legislative = entry.get("legislative", any(_looks_legislative(a) for a in aliases))
        dossiers.append(Dossier(name, aliases, bool(legislative)))
    return dossiers


def _looks_legislative(name: str) -> bool:
    """Return whether a name is that of a proposed EU act (a regulation, a directive, a COD file)."""
    return bool(re.search(r"verordening|richtlijn|\(cod\)|com\(\d{4}\)", fold(name)))


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AliasFileError(f"cannot read the alias file {path}: {exc}") from None


def resolve(query: str, dossiers: list[Dossier]) -> Dossier:
    """Return the dossier `query` names (by name or alias, folded), or an ad-hoc one of just `query`."""
    wanted = fold(query.strip())
    for dossier in dossiers:
        if any(fold(alias) == wanted for alias in dossier.aliases):
            return dossier
    for dossier in dossiers:
        if any(wanted in fold(alias) for alias in dossier.aliases if len(wanted) >= 6):
            return dossier
    # "Verordening veilige landen van herkomst" is the dossier known as "veilige landen van herkomst".
    for dossier in dossiers:
        if any(len(alias) >= 12 and fold(alias) in wanted for alias in dossier.aliases):
            return Dossier(dossier.name, list(dict.fromkeys([*dossier.aliases, query.strip()])),
                           dossier.legislative)
    return Dossier(query.strip(), [query.strip()], _looks_legislative(query))


@lru_cache(maxsize=1024)
def alias_pattern(alias: str) -> re.Pattern:
    """Return the folded regex an alias is found by.

    Abbreviations ("EES", "DTC") must stand as words; other names are found inside compounds
    and across the hyphen a PDF broke them at.
    """
    folded = fold(alias.strip())
    if alias.isupper() and len(alias) <= 6:
        return re.compile(rf"(?<![\w-]){re.escape(folded)}(?![\w])")
    words = [re.escape(w) for w in folded.split()]
    return re.compile(r"[\s-]+".join(words))


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
    excerpt: str
    #: (start, end) offsets of the matched names inside `excerpt`.
    highlights: list[tuple[int, int]] = field(default_factory=list)
    #: The whole passage, and whether its title itself names the dossier.
    text: str = ""
    title_match: bool = False
    #: Where the names stand in the text and in the title; the excerpt is cut from them when shown.
    body_hits: list[tuple[int, int]] = field(default_factory=list)
    title_hits: list[tuple[int, int]] = field(default_factory=list)
    #: The text folded (lower case, no accents), offsets equal to the text's.
    folded_text: str = ""
    #: Filled in by jbz.story: the stage claim, the cabinet's position sentences, outcomes linked back.
    stage: dict | None = None
    positions: list[str] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)

    def fill_excerpt(self) -> "Entry":
        """Cut the one to three sentences around the first hit (or the title) out of the text; return self.

        Done only for the entries shown, as a long timeline may be capped.
        """
        if self.body_hits:
            self.excerpt, self.highlights = excerpt_around(self.text, self.body_hits)
        else:
            self.excerpt, self.highlights = self.item_title or self.text[:240], self.title_hits
        return self

    def to_json(self) -> dict:
        """Return the entry in the `jbz track --json` shape."""
        if not self.excerpt:
            self.fill_excerpt()
        return {k: getattr(self, k) for k in (
            "meeting_start", "meeting_end", "location", "informal", "file", "doc_type", "kamerstuk",
            "letter_date", "where", "item_title", "label", "excerpt", "stage", "positions", "outcomes")}


def _fts_query(db: store.Index, aliases: list[str]) -> str:
    """Return an FTS5 query that finds every passage an alias could match (confirmed afterwards)."""
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


def timeline(db: store.Index, dossier: Dossier, limit: int | None = None) -> list[Entry]:
    """Return every passage mentioning the dossier, in meeting-date order (footnotes never count)."""
    patterns = [alias_pattern(a) for a in dossier.aliases]
    candidates = _candidate_rows(db, dossier.aliases)
    entries = []
    for row in candidates:
        folded = fold(f"{row['title']}\n{row['text']}")
        hits = [m for p in patterns for m in p.finditer(folded)]
        if not hits:
            continue
        title_len = len(row["title"]) + 1
        entries.append(_entry(row, hits, title_len, folded[title_len:]))
    entries.sort(key=lambda e: (e.meeting_start or "9999", e.letter_date or "", e.file, _where_key(e.where)))
    return entries[:limit] if limit else entries


def _candidate_rows(db: store.Index, aliases: list[str]) -> list[dict]:
    query = _fts_query(db, aliases)
    if not query:
        return []
    sql = ('SELECT p.id, p."where", p.title, p.label, p.text, p.kind, d.file, d.doc_type, d.kamerstuk,'
           ' d.letter_date, m.start, m."end", m.location, m.informal FROM passages p'
           " JOIN documents d ON d.id = p.document_id LEFT JOIN meetings m ON m.id = d.meeting_id"
           " WHERE p.id IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)")
    columns = ["id", "where", "title", "label", "text", "kind", "file", "doc_type", "kamerstuk",
               "letter_date", "start", "end", "location", "informal"]
    return [dict(zip(columns, row)) for row in db.conn.execute(sql, [query])]


def _where_key(where: str) -> tuple:
    return (where == "cover", where)


def _entry(row: dict, hits: list[re.Match], title_len: int, folded_text: str) -> Entry:
    body_hits = [(m.start() - title_len, m.end() - title_len) for m in hits if m.start() >= title_len]
    title_hits = [(m.start(), m.end()) for m in hits if m.end() <= title_len - 1]
    return Entry(row["start"], row["end"], row["location"],
                 None if row["informal"] is None else bool(row["informal"]), row["file"], row["doc_type"],
                 row["kamerstuk"], row["letter_date"], row["where"], row["title"], row["label"], "", [],
                 text=row["text"], title_match=bool(title_hits), body_hits=body_hits, title_hits=title_hits,
                 folded_text=folded_text)


def suggestions(db: store.Index, query: str, dossiers: list[Dossier]) -> list[str]:
    """Return the dossier and item names closest to `query`, for an unknown name."""
    names = [d.name for d in dossiers]
    names += [row[0] for row in db.conn.execute("SELECT DISTINCT title FROM items WHERE length(title) < 60")]
    by_fold = {fold(n): n for n in names}
    close = difflib.get_close_matches(fold(query), list(by_fold), n=5, cutoff=0.5)
    return [by_fold[c] for c in close]


_COMPOUND_ACT = re.compile(r"\b([A-Z][\w]+-?(?:[Vv]erordening|[Rr]ichtlijn))\b")
_ABBREVIATION = re.compile(r"\(([A-Z][A-Z0-9]{1,6})\)")


def discover(db: store.Index, known: list[Dossier]) -> list[Dossier]:
    """Return the known dossiers plus the EU files the letters themselves name.

    Found: titles of items, sub-items and cover topics that begin "Verordening …"/"Richtlijn …",
    short names like "Terugkeerverordening" or "CSAM-Verordening" anywhere in the text, and
    abbreviations printed in brackets in a title ("(UCPM)"). A found name that is another name of
    a known dossier is not listed twice.
    """
    found: dict[str, str] = {}
    titles = [r[0] for r in db.conn.execute(
        "SELECT title FROM items UNION SELECT title FROM cover_topics")]
    names = [title for title in titles if re.match(r"(Verordening|Richtlijn)\b", title) and len(title) <= 90]
    names += [abbreviation for title in titles for abbreviation in _ABBREVIATION.findall(title)]
    for (text,) in db.conn.execute("SELECT text FROM passages"):
        names += [name[0].upper() + name[1:] for name in _COMPOUND_ACT.findall(text)]
    for name in names:
        # "Dublin-verordening" and "Dublinverordening" are one name.
        found.setdefault(fold(name).replace("-", ""), name)
    spellings: dict[str, list[str]] = {}
    for name in names:
        spellings.setdefault(fold(name).replace("-", ""), []).append(name)
    dossiers = list(known)
    for key, name in sorted(found.items()):
        if not any(_same_file(key, fold(alias)) for d in dossiers for alias in d.aliases):
            aliases = list(dict.fromkeys(spellings[key]))
            dossiers.append(Dossier(name, aliases, _looks_legislative(name)))
    return dossiers


def _same_file(found: str, alias: str) -> bool:
    """Return whether a name found in the letters is (a variant of) a known alias, both folded."""
    alias_key = alias.replace("-", "")
    if found == alias_key or (len(alias) >= 8 and alias_key in found) or (len(found) >= 8 and found in alias_key):
        return True
    # "UCPM-Verordening" is the UCPM's.
    return len(alias) <= 6 and found.startswith(alias_key) and found[len(alias_key):] in ("verordening", "richtlijn")
