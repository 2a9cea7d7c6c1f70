"""The legislative ladder every EU file climbs, and what a stage claim about a file is.

Ordinary legislative procedure: Commissievoorstel -> BNC-fiche (the Dutch cabinet's assessment)
-> onderhandelingen in de Raad -> (gedeeltelijke) algemene oriëntatie (the Council's mandate)
-> onderhandelingen met het Europees Parlement (trilogen) -> voorlopig / politiek akkoord ->
formele aanname / bekrachtiging -> bekendmaking -> inwerkingtreding / van toepassing.
Reading claims off sentences is jbz.language.claims (at index time); this module is what queries need.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from jbz.fold import fold

#: The ladder, lowest first. Phases are stretches of work; the others are milestones a file reaches.
STAGES = [
    "Commissievoorstel",
    "BNC-fiche",
    "onderhandelingen in de Raad",
    "algemene oriëntatie",
    "onderhandelingen met het Europees Parlement",
    "voorlopig akkoord",
    "formele aanname",
    "bekendmaking",
    "inwerkingtreding",
]
PHASES = {"onderhandelingen in de Raad", "onderhandelingen met het Europees Parlement"}


@dataclass(slots=True)
class MeetingReference:
    """A meeting other than the letter's own that a sentence speaks of."""

    #: "previous", "next", "date" (an explicit day: the meeting held on it, or just the day),
    #: or "month" ("de JBZ-Raad van juni 2025").
    kind: str
    day: dt.date | None = None
    month: int | None = None
    year: int | None = None


@dataclass(slots=True)
class StageClaim:
    """A sentence's claim about where a file stands. The claims of a repeated sentence are read once
    and shared by every passage that holds it: never change one. (Not frozen: a frozen dataclass
    unpickles through Python, and every claim crosses the pipe from the worker that read it.)"""

    name: str
    status: str  # "planned" | "reached" | "reported"
    evidence: str
    refers_to: MeetingReference | None = None
    #: Character offsets into `evidence` of the words the claim is about: what its stage word governs
    #: ("drie algemene oriëntaties, namelijk op A, B en C" -> "A, B en C"), else its own clause; never
    #: a heading run into the sentence. None when not known (a claim read back from an old index).
    scope: tuple[int, int] | None = None

    @property
    def rank(self) -> int:
        """Return the stage's rung on the ladder (0 = Commissievoorstel)."""
        return STAGES.index(self.name)

    @property
    def milestone(self) -> bool:
        """Return whether the stage is a milestone (reached once) rather than a phase of work."""
        return self.name not in PHASES


def stage_from_label(label: str | None) -> str | None:
    """Return the stage an agenda label sets out to reach ("Algemene oriëntatie"), or None."""
    if not label:
        return None
    folded = fold(label)
    if "algemene orientatie" in folded:
        return "algemene oriëntatie"
    return None


_ACTOR = re.compile(r"\b(?:het\s+(?:nederlandse\s+)?kabinet|nederland)\b", re.I)
# A word right before "Nederland" that makes it an object or a place, not the one who speaks.
_NOT_SUBJECT = {"in", "naar", "uit", "aan", "met", "van", "door", "tegen", "bij", "zoals", "dat", "op", "om", "over"}


def is_position(sentence: str) -> bool:
    """Return whether the cabinet or the Netherlands is the subject of a sentence.

    "Het kabinet steunt …", "Nederland kan instemmen …", "Daarbij zal het kabinet …",
    "Volgens Nederland …", "Voor Nederland is het cruciaal …"; not "terugkeer naar Nederland".
    """
    head = " ".join(sentence.split()[:7])
    lowered = head.lower()
    if "kabinet" not in lowered and "nederland" not in lowered:
        return False
    match = _ACTOR.search(head)
    if not match:
        return False
    before = head[:match.start()].split()
    return not before or before[-1].lower() not in _NOT_SUBJECT
