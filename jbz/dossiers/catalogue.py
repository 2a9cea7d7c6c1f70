"""The dossiers jbz knows (EU files and recurring topics): the alias file, a name resolved to its
dossier, the patterns its names are found by, and the names the letters themselves use."""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jbz import store
from jbz.fold import fold

BUILTIN_ALIASES = Path(__file__).with_name("dossiers.toml")


class AliasFileError(Exception):
    """A user's alias file cannot be read; the message says which and why."""


@dataclass(slots=True)
class Dossier:
    """A dossier's name and every name it is known by."""

    name: str
    aliases: list[str] = field(default_factory=list)
    #: Whether the dossier is an EU legislative file (it then has stages on the ladder).
    legislative: bool = False
    #: The identity keys of its names (jbz.language.names.name_key): the passages whose stored
    #: mentions carry one of them name it, whatever the spelling.
    keys: set[str] = field(default_factory=set)
    #: For a name no file is known by: its head noun and content words ("Richtlijn financiële
    #: informatie" -> richtlijn, financiel, informatie), found near each other in a passage.
    words: tuple[str | None, list[str]] | None = None
    #: The built-in register's files it holds (jbz.dossiers.register): its EU procedures.
    register_ids: list[str] = field(default_factory=list)
    #: A package's member files, by any name `jbz track` understands ("members" in the alias file).
    members: list[str] = field(default_factory=list)
    #: The identity keys of the members' names: a claim about a member is not the package's.
    member_keys: set[str] = field(default_factory=set)


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
        members = [str(member) for member in entry.get("members", [])]
        dossiers.append(Dossier(name, aliases, bool(legislative), members=members))
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
    # "lijst van veilige landen" is part of a name of "Veilige landen van herkomst": the letters that
    # print only the part the user typed are that dossier's too.
    for dossier in dossiers:
        if any(wanted in fold(alias) for alias in dossier.aliases if len(wanted) >= 6):
            return Dossier(dossier.name, list(dict.fromkeys([*dossier.aliases, query.strip()])),
                           dossier.legislative)
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


@lru_cache(maxsize=64)
def names_pattern(aliases: tuple[str, ...]) -> re.Pattern:
    """Return one folded regex for all of a dossier's names (one pass over a text, not one per name)."""
    return re.compile("|".join(f"(?:{alias_pattern(alias).pattern})" for alias in aliases))


def suggestions(db: store.Index, query: str, dossiers: list[Dossier]) -> list[str]:
    """Return the dossier and item names closest to `query`, for an unknown name."""
    names = [d.name for d in dossiers]
    names += [row[0] for row in db.conn.execute("SELECT DISTINCT title FROM items WHERE length(title) < 60")]
    # The query's own name is no suggestion: it was just looked up and found nowhere.
    by_fold = {fold(n): n for n in names if fold(n) != fold(query)}
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
        # The pattern needs one of these words, and a name never spans white space: so only the
        # words holding one are searched, the same names 2.4 times faster than the whole text.
        if "erordening" in text or "ichtlijn" in text:
            names += [name[0].upper() + name[1:] for word in text.split()
                      if "erordening" in word or "ichtlijn" in word for name in _COMPOUND_ACT.findall(word)]
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
