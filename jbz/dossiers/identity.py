"""One file, one dossier: the names the letters print, the names they define, the register and the alias
file brought together, so that every spelling, abbreviation, title and number of a file finds it.

Pure: no database. The integrator passes what it stored at index time (names with their keys and
counts, definitions learned from the corpus) and gets the dossiers back.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from jbz.fold import fold
from jbz.language.names import content_terms, matches_terms, name_key


@dataclass(slots=True)
class FileIdentity:
    """One EU file (or named package) under every name it goes by."""

    #: The name the letters use for it (the register's short name, or the alias file's).
    name: str
    #: Its other names as printed or registered (never a package's members).
    aliases: list[str] = field(default_factory=list)
    #: The identity keys of all its names (see jbz.language.names.name_key).
    keys: set[str] = field(default_factory=set)
    #: The register entries it holds (several where one name covered several procedures).
    register_ids: list[str] = field(default_factory=list)
    #: Whether it is a legislative file (it then has stages on the ladder).
    legislative: bool = False


@dataclass(slots=True)
class _Name:
    """One name in the grouping, with where it came from."""

    printed: str
    key: str
    count: int = 0
    register_id: str | None = None
    known: str | None = None
    legislative: bool = False


class _Groups:
    """Union-find over identity keys, which never makes two known files one.

    Each group remembers the register files and alias-file dossiers it holds: a join the letters
    suggest (a definition, a title's words) that would put two different known files in one group is
    refused, so that one wrong reading cannot chain files into one (a sentence naming two files
    side by side is no definition of either)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.known: dict[str, frozenset] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def mark(self, key: str, source: tuple[str, str]) -> None:
        """Record that `key`'s group holds a known file (("register", id) or ("known", name))."""
        root = self.find(key)
        self.known[root] = self.known.get(root, frozenset()) | {source}

    def join(self, first: str, second: str, force: bool = False) -> None:
        """Join two keys' groups, unless (without `force`) they hold different known files."""
        a, b = self.find(first), self.find(second)
        if a == b:
            return
        known_a, known_b = self.known.get(a, frozenset()), self.known.get(b, frozenset())
        if not force and known_a and known_b and not known_a & known_b:
            return
        self.parent[a] = b
        self.known[b] = known_a | known_b


def group(names: Iterable[tuple[str, str, int]], definitions: Iterable[tuple[str, str]],
          register: list, known: Iterable[tuple[str, list[str], bool]]) -> list[FileIdentity]:
    """Return one FileIdentity per file: `names` (key, printed, count) from the letters, `definitions`
    (long, short) learned from them, the register's files and the alias file's (name, aliases, legislative)."""
    entries = _register_names(register) + _known_names(known) + _letter_names(names)
    groups = _Groups()
    for entry in entries:
        groups.find(entry.key)
    _join_sources(groups, entries)
    for long, short in definitions:
        _join_definition(groups, name_key(long), name_key(short), long, short)
    _join_printed_with_known(groups, entries)
    members: dict[str, list[_Name]] = {}
    for entry in entries:
        members.setdefault(groups.find(entry.key), []).append(entry)
    for long, short in definitions:
        # A defined pair the letters print nowhere else still belongs to its group.
        for printed in (long, short):
            members.setdefault(groups.find(name_key(printed)), []).append(_Name(printed, name_key(printed)))
    keys_of: dict[str, set[str]] = {}
    for key in list(groups.parent):
        keys_of.setdefault(groups.find(key), set()).add(key)
    identities = [_identity(group_names, keys_of.get(root, set())) for root, group_names in members.items()]
    return sorted(identities, key=lambda identity: fold(identity.name))


def _register_names(register: list) -> list[_Name]:
    """Return every name and number of every register file."""
    return [_Name(name, name_key(name), register_id=entry.id, legislative=True)
            for entry in register for name in entry.names()]


def _known_names(known: Iterable[tuple[str, list[str], bool]]) -> list[_Name]:
    """Return the alias file's names, each marked with its dossier's name."""
    return [_Name(alias, name_key(alias), known=name, legislative=legislative)
            for name, aliases, legislative in known for alias in dict.fromkeys([name, *aliases])]


def _letter_names(names: Iterable[tuple[str, str, int]]) -> list[_Name]:
    """Return the names the letters print, with how often (an elided half, "procedure-" of "de procedure-
    en de opvangrichtlijn", under the whole word its key spells: "procedurerichtlijn")."""
    return [_Name(_whole(printed, key), key, count) for key, printed, count in names if key]


def _whole(printed: str, key: str) -> str:
    stem = fold(printed[:-1])
    return printed[:-1] + key[len(stem):] if printed.endswith("-") and key.startswith(stem) else printed


def _join_sources(groups: _Groups, entries: list[_Name]) -> None:
    """Join the names of one register file, and of one alias-file dossier."""
    first_of: dict[tuple[str, str], str] = {}
    for entry in entries:
        source = ("register", entry.register_id) if entry.register_id else ("known", entry.known) \
            if entry.known else None
        if source is None:
            continue
        if source in first_of:
            groups.join(entry.key, first_of[source], force=True)
        else:
            first_of[source] = entry.key
        groups.mark(entry.key, source)


_TRAILING_BRACKET = re.compile(r"\(([^()]{2,60})\)\s*$")


def _join_printed_with_known(groups: _Groups, entries: list[_Name]) -> None:
    """Join a printed title to the file it names in its own words: "verordening ter oprichting van een
    Europees openbaar ministerie (EOM)" is the EOM's (its closing bracket is a name of the file), and
    "voorstel voor een verordening inzake het vaststellen van een EU-lijst veilige landen van herkomst"
    is the file the register or alias file knows as "EU-lijst veilige landen van herkomst" (a known
    name of some length inside it)."""
    known_keys = sorted({e.key for e in entries if (e.register_id or e.known) and len(e.key) >= 16},
                        key=len, reverse=True)
    worded_names = _known_wordings(entries)
    for entry in entries:
        if entry.register_id or entry.known:
            continue
        bracket = _TRAILING_BRACKET.search(entry.printed)
        if bracket and (inner := name_key(bracket.group(1))) and inner in groups.parent:
            groups.join(entry.key, inner)
            continue
        inside = next((key for key in known_keys if key in entry.key and key != entry.key), None)
        if inside is not None and not _is_package(entry.printed):
            groups.join(entry.key, inside)
            continue
        worded = _worded_as(entry, worded_names)
        if worded is not None:
            groups.join(entry.key, worded)


def _known_wordings(entries: list[_Name]) -> list[tuple[tuple[str, list[str]], str]]:
    """Return the content words of each register or alias-file name that has a head noun and at least
    two words of its own ("verordening terroristische online-inhoud"), with its key; longest first."""
    worded = []
    for entry in entries:
        if entry.register_id or entry.known:
            terms = content_terms(entry.printed)
            if terms[0] in ("verordening", "richtlijn", "besluit") and len(terms[1]) >= 2:
                worded.append((terms, entry.key))
    return sorted(worded, key=lambda item: -len(item[1]))


def _worded_as(entry: _Name, worded_names: list[tuple[tuple[str, list[str]], str]]) -> str | None:
    """Return the key of the one known file whose words a printed title holds, in any order ("Verordening
    ter voorkoming van de verspreiding van online terroristische inhoud" holds "verordening
    terroristische online-inhoud"); None when it holds none, or the words of several files."""
    if len(entry.printed.split()) < 3:
        return None
    folded = fold(entry.printed)
    found = {key for terms, key in worded_names if max(terms[1], key=len) in folded and matches_terms(terms, entry.printed)}
    return found.pop() if len(found) == 1 else None


def _join_definition(groups: _Groups, long_key: str, short_key: str, long: str, short: str) -> None:
    """Join a defined pair, unless it would make a package's member an alias of the package."""
    if not long_key or not short_key:
        return
    if _is_package(long) != _is_package(short) and (content_terms(long)[0] or content_terms(short)[0]):
        return
    groups.join(long_key, short_key)


def _is_package(name: str) -> bool:
    folded = fold(name)
    return "pakket" in folded or folded.endswith("pact") or "asielstelsel" in folded or folded == "geas"


def _identity(group_names: list[_Name], keys: set[str]) -> FileIdentity:
    """Return the FileIdentity of one group of names."""
    name = _chosen_name(group_names)
    aliases = list(dict.fromkeys(n.printed for n in sorted(group_names, key=lambda n: -n.count)
                                 if n.printed != name))
    register_ids = list(dict.fromkeys(n.register_id for n in group_names if n.register_id))
    legislative = any(n.legislative for n in group_names) or any(_looks_legislative(n.printed)
                                                                 for n in group_names)
    return FileIdentity(name, aliases, keys, register_ids, legislative)


def _chosen_name(group_names: list[_Name]) -> str:
    """Return the name the letters use: the alias file's, else the register's short, else the most printed."""
    known = [n.known for n in group_names if n.known]
    if known:
        return known[0]
    register_ids = list(dict.fromkeys(n.register_id for n in group_names if n.register_id))
    if register_ids:
        return _register_name(group_names, register_ids)
    printed = sorted(group_names, key=lambda n: (-n.count, len(n.printed)))
    return printed[0].printed


def _register_name(group_names: list[_Name], register_ids: list[str]) -> str:
    """Return the short name of a group's register files; for several, the one they share."""
    shorts = [next(n.printed for n in group_names if n.register_id == rid) for rid in register_ids]
    plain = list(dict.fromkeys(re.sub(r"\s*\([^()]*\)$", "", short) for short in shorts))
    plain = [p for p in plain if not re.match(r"(?i)(herziening|wijziging)\b", p)] or plain
    if len(plain) == 1:
        # "Wijziging Schengengrenscode" is the Schengengrenscode the letters name.
        rest = re.sub(r"(?i)^(herziening|wijziging)\s+(van\s+)?(de\s+)?", "", plain[0])
        printed = {n.printed.lower(): n.printed for n in group_names}
        return printed.get(rest.lower(), plain[0])
    by_entry = [{n.printed for n in group_names if n.register_id == rid} for rid in register_ids]
    shared = set.intersection(*by_entry)
    if shared:
        return min(shared, key=len)
    return min(plain, key=len)


def _looks_legislative(name: str) -> bool:
    """Return whether a name is that of an EU act (a regulation, directive, decision, or its number)."""
    key = name_key(name)
    return key.startswith(("act:", "com:", "procedure:")) or content_terms(name)[0] in (
        "verordening", "richtlijn", "besluit")


def resolve(query: str, identities: list[FileIdentity]) -> FileIdentity | None:
    """Return the file `query` names (by any name, key, COM, procedure or act number, folded), or None."""
    wanted = fold(query.strip())
    if not wanted:
        return None
    for identity in identities:
        if fold(identity.name) == wanted or any(fold(alias) == wanted for alias in identity.aliases):
            return identity
    key = name_key(query)
    for identity in identities:
        if key in identity.keys:
            return identity
    terms = content_terms(query)
    if terms[1]:
        for identity in identities:
            if any(matches_terms(terms, alias) for alias in [identity.name, *identity.aliases]):
                return identity
    return None
