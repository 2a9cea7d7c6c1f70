"""A dossier's EU procedures: which one each place of its timeline speaks of, and the EU's own
record of each (the built-in register's dates, with their sources) beside what the letters claim.

One name often covers several procedures over the years (Eurodac: the recast adopted in 2013 and the
proposal of 4 May 2016, adopted in 2024). A place belongs to the procedure whose number, COM number
or act its passage prints; else to the latest procedure opened by its date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jbz.dossiers.register import DATE_FIELDS, RegisterFile, load_register
from jbz.language.names import name_key

#: The rung of the ladder each of the register's dates stands for ("applies_from" is none: a file
#: applies after it entered into force, and the ladder ends there).
RUNG_OF_DATE = {"proposal_date": "Commissievoorstel", "general_approach": "algemene oriëntatie",
                "provisional_agreement": "voorlopig akkoord", "adopted": "formele aanname",
                "entry_into_force": "inwerkingtreding"}
#: How far the letters' date of a rung may lie from the register's before a check is raised.
AGREEMENT_DAYS = 31


@dataclass(slots=True)
class Procedure:
    """One EU procedure of a dossier, as the register records it."""

    register_id: str
    name: str
    number: str | None = None
    com: str | None = None
    act: str | None = None
    dates: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    #: The identity keys of its numbers ("com:2016/272", "procedure:2016/0132(cod)", "act:2024/1358").
    keys: frozenset[str] = frozenset()

    @property
    def opened(self) -> str:
        """Return the day it opened: the Commission's proposal, else its earliest known date ("" if none)."""
        return self.dates.get("proposal_date") or min(self.dates.values(), default="")

    def to_json(self) -> dict:
        """Return the procedure as `jbz track --json` names it: number, COM and act (None where not known)."""
        return {"procedure": self.number, "com": self.com, "act": self.act}

    def label(self) -> str:
        """Return the procedure in a line: "2016/0132(COD) · COM(2016) 272 · Verordening (EU) 2024/1358"."""
        return " · ".join(part for part in (self.number, self.com, self.act) if part) or self.name

    def matches(self, typed: str) -> bool:
        """Return whether `typed` is one of its numbers, as printed or as a reader types it."""
        return name_key(typed) in self.keys or typed.strip().lower() == self.register_id


def procedures_of(register_ids: list[str]) -> list[Procedure]:
    """Return the procedures of the register files a dossier holds, the oldest first."""
    register = {entry.id: entry for entry in load_register()}
    found = [_procedure(register[i]) for i in register_ids if i in register]
    return sorted(found, key=lambda procedure: procedure.opened)


def _procedure(entry: RegisterFile) -> Procedure:
    numbers = [n for n in (entry.procedure, entry.com, entry.act) if n]
    return Procedure(entry.id, entry.short, entry.procedure, entry.com, entry.act, dict(entry.dates),
                     dict(entry.sources), frozenset(name_key(n) for n in numbers))


def procedure_at(procedures: list[Procedure], numbers: set[str], day: str | None) -> Procedure | None:
    """Return the procedure a place speaks of: the one whose number it prints, else the latest one
    opened by its `day` (the oldest for a place before them all); None for a dossier of none, and
    where the date cannot tell (two procedures opened the same day: a package's files, such as the
    e-evidence regulation and directive)."""
    if not procedures:
        return None
    printed = [procedure for procedure in procedures if procedure.keys & numbers]
    if printed:
        return printed[-1]
    opened = [procedure for procedure in procedures if procedure.opened and day and procedure.opened <= day]
    chosen = opened[-1] if opened else procedures[0]
    if sum(procedure.opened == chosen.opened for procedure in procedures) > 1:
        return None
    return chosen


def eu_record(procedure: Procedure, letters_reached: dict[str, str]) -> dict:
    """Return the register's record of a procedure in the `eu_record` shape of `jbz track --json`: its
    numbers, its key dates with their sources, and a check wherever the letters' own date of a rung
    (`letters_reached`: rung -> the earliest day the letters say it was reached) lies more than a
    month from the register's."""
    dates, checks = [], []
    for key in DATE_FIELDS:
        if key not in procedure.dates:
            continue
        rung = RUNG_OF_DATE.get(key)
        dates.append({"field": key, "stage": rung, "date": procedure.dates[key], "source": procedure.sources.get(key)})
        letters = letters_reached.get(rung) if rung else None
        if letters and _days_apart(letters, procedure.dates[key]) > AGREEMENT_DAYS:
            checks.append({"stage": rung, "register": procedure.dates[key], "letters": letters,
                           "source": procedure.sources.get(key)})
    return {"name": procedure.name, **procedure.to_json(), "dates": dates, "checks": checks}


def _days_apart(first: str, second: str) -> int:
    """Return the days between two ISO dates, either perhaps only a month ("2022-02": its first day)."""
    return abs((_day(first) - _day(second)).days)


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value if len(value) == 10 else f"{value[:7]}-01")
