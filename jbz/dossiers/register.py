"""The built-in register of EU Justice and Home Affairs files (data: register.json beside this module).

Each entry is one legislative file as EU sources record it: its Dutch short name, other names,
procedure, COM and act numbers, key dates, and for each fact the public page it was read on.
Read by query commands, so only the standard library's json is imported.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REGISTER_FILE = Path(__file__).with_name("register.json")

#: The register's date facts, in the order a file passes them.
DATE_FIELDS = ("proposal_date", "general_approach", "provisional_agreement", "adopted", "entry_into_force",
               "applies_from")


@dataclass(slots=True)
class RegisterFile:
    """One EU legislative file of the register."""

    #: The register's own identifier ("eurodac-2024").
    id: str
    #: The Dutch name the letters use ("Eurodacverordening").
    short: str
    #: Other Dutch and English names and abbreviations.
    aliases: list[str] = field(default_factory=list)
    #: The interinstitutional procedure number ("2016/0132(COD)"), when known.
    procedure: str | None = None
    #: The Commission proposal's number ("COM(2016) 272"), when known.
    com: str | None = None
    #: The adopted act ("Verordening (EU) 2024/1358"), when adopted.
    act: str | None = None
    #: The key dates known (keys from DATE_FIELDS), ISO 8601 or "YYYY-MM".
    dates: dict[str, str] = field(default_factory=dict)
    #: For each fact's key, the public page(s) it was read on.
    sources: dict[str, str] = field(default_factory=dict)
    #: The procedure (or entry) this file replaces, and the one that replaced it.
    replaces: str | None = None
    replaced_by: str | None = None
    #: The Eerste Kamer's dossier number ("E090124"), when known.
    e_dossier: str | None = None
    notes: str | None = None

    def names(self) -> list[str]:
        """Return every name and number the file is known by: short, aliases, procedure, COM, act."""
        found = [self.short, *self.aliases, self.procedure, self.com, self.act]
        return list(dict.fromkeys(name for name in found if name))


def _from_entry(entry: dict) -> RegisterFile:
    """Return the RegisterFile of one entry of register.json."""
    return RegisterFile(
        id=entry["id"], short=entry["short"], aliases=list(entry.get("aliases", [])),
        procedure=entry.get("procedure"), com=entry.get("com"), act=entry.get("act"),
        dates={key: entry[key] for key in DATE_FIELDS if entry.get(key)},
        sources=dict(entry.get("sources", {})), replaces=entry.get("replaces"),
        replaced_by=entry.get("replaced_by"), e_dossier=entry.get("e_dossier"), notes=entry.get("notes"))


@lru_cache(maxsize=1)
def _load(path: str) -> tuple[RegisterFile, ...]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return tuple(_from_entry(entry) for entry in data["entries"])


def load_register(path: Path | None = None) -> list[RegisterFile]:
    """Return the register's files (read once per process; the list is a fresh copy each call)."""
    return list(_load(str(path or REGISTER_FILE)))
