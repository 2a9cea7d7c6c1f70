"""A dossier's story across its timeline: the stage at each entry, outcomes linked back to the
meeting they happened at, the cabinet's positions, and where the file stands now."""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from jbz.cite import official_url
from jbz.dossiers.catalogue import Dossier
from jbz.dossiers.procedures import Procedure, eu_record
from jbz.dossiers.timeline import Entry
from jbz.sentences import sentence_spans
from jbz.language.stages import PHASES, STAGES, StageClaim, is_position, stage_from_label
from jbz.language.stances import NEUTRAL, RESERVATION, SUPPORT, PRIORITY, point_of, same_point, stance_of


@dataclass(slots=True)
class Status:
    """Where the file stands: the highest milestone reached, when, the last meeting, the next step."""

    stage: str | None = None
    since: str | None = None
    last_meeting: str | None = None
    next: dict | None = None
    #: The EU procedure it speaks of (the newest of the dossier's), where the dossier has any.
    procedure: Procedure | None = None
    #: The register's record of each of the dossier's procedures, newest first (`eu_record` of
    #: `jbz track --json`): numbers, key dates with sources, and where the letters differ.
    record: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the status in the `jbz track --json` shape."""
        return {"stage": self.stage, "since": self.since, "last_meeting": self.last_meeting, "next": self.next,
                "procedure": self.procedure.to_json() if self.procedure else None}


def positions(entry: Entry) -> list[str]:
    """Return the sentences of an entry that speak of the dossier (all of them if its title does)
    and state the cabinet's or the Netherlands' position. The entry's text must be loaded."""
    text = entry.text or ""
    spans = sentence_spans(text)
    if not entry.title_match:
        hits = [start for start, _ in entry.body_hits]
        spans = [(a, b) for a, b in spans if any(a <= h < b for h in hits)]
    return [sentence for a, b in spans if is_position(sentence := text[a:b].strip())]


def tell(entries: list[Entry], procedures: list[Procedure] = ()) -> Status:
    """Link each entry's outcomes back to the meeting they happened at; return the dossier's status,
    with the register's record of its `procedures` (oldest first) beside the letters' claims."""
    # A package's members each tell their own story: outcomes link within one file's places.
    for member in dict.fromkeys(entry.member for entry in entries):
        _link_outcomes([entry for entry in entries if entry.member == member])
    entries = [entry for entry in entries if entry.member is None]
    status = _status(entries)
    status.record = [eu_record(procedure, letters_reached(entries, procedure)) for procedure in reversed(procedures)]
    return status


def stage_entries(dossier: Dossier, entries: list[Entry]) -> None:
    """Fill in each entry's stage and the other rungs its sentence names (no text needed)."""
    for entry in entries:
        entry.stage = _entry_stage(entry, dossier.legislative)
        entry.outcomes += _also_claimed(entry)


def describe(dossier: Dossier, entries: list[Entry], staged: bool = False) -> None:
    """Fill in the stage, the other rungs its sentence names, and the cabinet's positions of the
    entries to be shown (texts loaded); `staged`: `stage_entries` has already run on them."""
    if not staged:
        stage_entries(dossier, entries)
    for entry in entries:
        entry.positions = positions(entry)


_RUNG = {name: rung for rung, name in enumerate(STAGES)}

#: How the overview draws a rung: reached (filled), planned (hollow), not yet. Shapes, not colours.
REACHED_GLYPH, PLANNED_GLYPH, OPEN_GLYPH = "●", "○", "·"


@dataclass(slots=True)
class OverviewRow:
    """One meeting of a dossier's timeline (or one letter about no meeting, at its date), in a line."""

    start: str | None
    end: str | None
    location: str | None
    informal: bool | None
    #: Whether the row is a letter about no one meeting (a BNC-fiche letter), dated by the letter.
    dated_letter: bool
    #: The letters that speak of it: {"doc_type", "kamerstuk", "file", "letter_date", "url"}.
    letters: list[dict]
    #: The highest stage its own letters give it: {"name", "status", "rung"}, or None.
    stage: dict | None
    #: The highest rung reached by then, by this row's letters and the ones before (None: none yet).
    reached: str | None
    #: A higher rung this row's letters plan, if any.
    planned: str | None
    #: What a later letter reports happened there: an outcome of `jbz track --json`, or None.
    outcome: dict | None
    #: The EU procedure its places speak of; its ladder is that procedure's.
    procedure: Procedure | None = None
    #: The cabinet's stance on the file at this meeting (`compare_positions`; None where not read),
    #: how it moved from the meeting before ("reservation → support"), and the positions of the
    #: meeting before that its letters did not repeat.
    stance: str | None = None
    stance_moved: str | None = None
    dropped: list[str] = field(default_factory=list)
    #: What groups its places (`_meeting_key`): the meeting, or the letter about no meeting.
    key: tuple = ()

    def ladder(self) -> str:
        """Return the ladder as a row of glyphs, lowest rung first: reached, planned, not yet."""
        reached = STAGES.index(self.reached) if self.reached else -1
        planned = STAGES.index(self.planned) if self.planned else -1
        return "".join(REACHED_GLYPH if rung <= reached else PLANNED_GLYPH if rung <= planned else OPEN_GLYPH
                       for rung in range(len(STAGES)))

    def to_json(self) -> dict:
        """Return the row in the `overview` shape of `jbz track --json`."""
        return {"start": self.start, "end": self.end, "location": self.location, "informal": self.informal,
                "dated_letter": self.dated_letter, "letters": self.letters, "stage": self.stage,
                "reached": self.reached, "planned": self.planned, "ladder": self.ladder(), "outcome": self.outcome,
                "procedure": self.procedure.to_json() if self.procedure else None, "stance": self.stance,
                "stance_moved": self.stance_moved, "dropped": self.dropped}


def _meeting_key(entry: Entry) -> tuple:
    """Return what groups an entry into an overview row: its meeting, else its letter (a letter about no meeting)."""
    return (entry.meeting_start,) if entry.meeting_start else ("letter", entry.letter_date, entry.file)


def compare_positions(entries: list[Entry]) -> dict[tuple, dict]:
    """Give the position sentences of each entry (texts loaded, `describe`d) a stance and how it stands
    to the previous meeting's: new, repeated (the same point, whatever the wording: `same_point`), or
    "stance changed from …". Return per meeting (`_meeting_key`) the cabinet's stance there, how it
    moved, and the previous meeting's positions not repeated. A meeting whose letters state no position
    leaves the comparison where it was; a package's members are compared among their own."""
    marks: dict[tuple, dict] = {}
    previous: list[tuple[str, str, frozenset]] = []
    before: str | None = None
    groups: dict[tuple, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(_meeting_key(entry), []).append(entry)
    for key, group in groups.items():
        current = []
        for entry in group:
            entry.stances = []
            if entry.member is not None:
                continue
            for sentence in entry.positions:
                stance, point = stance_of(sentence), point_of(sentence)
                match = next((p for p in previous if same_point(p[2], point)), None)
                change = "new" if match is None else "repeated" if match[1] == stance \
                    else f"stance changed from {match[1]}"
                entry.stances.append({"text": sentence, "stance": stance, "change": change})
                current.append((sentence, stance, point))
        if not current:
            continue
        stance = _meeting_stance([c[1] for c in current])
        marks[key] = {"stance": stance, "moved": f"{before} → {stance}" if before and before != stance else None,
                      "dropped": [p[0] for p in previous if not any(same_point(p[2], c[2]) for c in current)]}
        previous, before = current, stance
    return marks


def _meeting_stance(stances: list[str]) -> str:
    """Return the stance a meeting's positions take on the whole: the most stated one other than
    neutral (of equals: reservation, then support, then priority)."""
    order = (RESERVATION, SUPPORT, PRIORITY)
    counted = Counter(stance for stance in stances if stance != NEUTRAL)
    if not counted:
        return NEUTRAL
    return max(order, key=lambda stance: (counted[stance], -order.index(stance)))


def mark_rows(rows: list["OverviewRow"], marks: dict[tuple, dict]) -> None:
    """Put the stance per meeting (`compare_positions`) on the overview rows."""
    for row in rows:
        mark = marks.get(row.key)
        if mark:
            row.stance, row.stance_moved, row.dropped = mark["stance"], mark["moved"], mark["dropped"]


def overview(entries: list[Entry]) -> list[OverviewRow]:
    """Return one row per meeting of the timeline, and per letter about no meeting, in its order
    (entries staged: `stage_entries`). Each procedure climbs its own ladder: a new one starts again
    at its proposal."""
    groups: dict[tuple, list[Entry]] = {}
    kamerstukken = {entry.file: entry.kamerstuk for entry in entries}
    for entry in entries:
        groups.setdefault(_meeting_key(entry), []).append(entry)
    rows, climbed = [], {}
    for key, group in groups.items():
        first = group[0]
        procedure = _procedure_of(group)
        reached = climbed.get(procedure and procedure.register_id, -1)
        by_file: dict[str, dict] = {}
        for e in group:
            if e.file not in by_file:
                by_file[e.file] = {"doc_type": e.doc_type, "kamerstuk": e.kamerstuk, "file": e.file,
                                   "letter_date": e.letter_date, "url": e.url}
        letters = list(by_file.values())
        stages = [e.stage for e in group if e.stage and e.member is None]  # a member's stage is its own
        done = [_RUNG[st["name"]] for st in stages if st["status"] != "planned"]
        reached = climbed[procedure and procedure.register_id] = max([reached, *done])
        planned = max((_RUNG[st["name"]] for st in stages if st["status"] == "planned"), default=-1)
        own = max(stages, key=lambda st: (_RUNG[st["name"]], st["status"] != "planned"), default=None)
        rows.append(OverviewRow(
            first.meeting_start or first.letter_date, first.meeting_end if first.meeting_start else None,
            first.location, first.informal, not first.meeting_start, letters,
            own and {"name": own["name"], "status": own["status"], "rung": _RUNG[own["name"]]},
            STAGES[reached] if reached >= 0 else None, STAGES[planned] if planned > reached else None,
            _later_outcome(group, {letter["file"] for letter in letters}, kamerstukken), procedure, key=key))
    return rows


def _procedure_of(group: list[Entry]) -> Procedure | None:
    """Return the procedure most of a meeting's places speak of (of equals, the newest)."""
    group = [entry for entry in group if entry.member is None]
    counts = Counter(entry.procedure.register_id for entry in group if entry.procedure)
    if not counts:
        return None
    procedures = {entry.procedure.register_id: entry.procedure for entry in group if entry.procedure}
    return max(procedures.values(), key=lambda p: (counts[p.register_id], p.opened))


def current_procedure(entries: list[Entry]) -> Procedure | None:
    """Return the newest procedure the timeline's places speak of, or None for a dossier of none."""
    return max((entry.procedure for entry in entries if entry.procedure and entry.member is None),
               key=lambda p: p.opened, default=None)


def letters_reached(entries: list[Entry], procedure: Procedure) -> dict[str, str]:
    """Return, per milestone, the earliest day the letters say a procedure reached it."""
    found: dict[str, str] = {}
    for entry in entries:
        if entry.member is not None or entry.procedure is None or entry.procedure.register_id != procedure.register_id:
            continue
        days = [(c.name, _when_reached(c, entry)) for c in entry.claims if c.status != "planned" and c.milestone]
        days += [(o["name"], entry.meeting_start) for o in entry.outcomes
                 if o["status"] == "reached" and o["name"] not in PHASES]
        for name, day in days:
            if day and (name not in found or day < found[name]):
                found[name] = day
    return found


def _later_outcome(group: list[Entry], own_files: set[str], kamerstukken: dict[str, str | None]) -> dict | None:
    """Return the highest stage another letter reports reached at this meeting, with that letter's
    Kamerstuk and official page, or None."""
    reported = [o for e in group if e.member is None for o in e.outcomes
                if o["status"] == "reached" and o["source_file"] not in own_files]
    best = max(reported, key=lambda o: _RUNG[o["name"]], default=None)
    if best is None:
        return None
    kamerstuk = kamerstukken.get(best["source_file"])
    return {**best, "kamerstuk": kamerstuk, "url": official_url(kamerstuk)}


def _also_claimed(entry: Entry) -> list[dict]:
    """Return the other rungs the sentence of an entry's stage claims, citing the entry's letter:
    "er is voortgang geboekt …; het streven is om … een Raadspositie te bewerkstelligen" is
    negotiations under way and a general approach planned."""
    if entry.stage is None:
        return []
    also: list[dict] = []
    for found in entry.claims:
        if found.evidence != entry.stage["evidence"] or found.name == entry.stage["name"]:
            continue
        if found.refers_to is not None and found.refers_to.kind in ("previous", "month"):
            continue  # linked to that meeting, not this one
        outcome = {**_as_json(found, entry, _own_status(found, entry)), "reported_in": entry.letter_date}
        if all(o["name"] != outcome["name"] for o in [*entry.outcomes, *also]):
            also.append(outcome)
    return also


def _own_status(found: StageClaim, entry: Entry) -> str:
    """Return a claim's status at its own entry: a date within the entry's own meeting (a report
    that repeats its heading, "3 en 4 juni 2010") is no earlier meeting."""
    ref = found.refers_to
    if found.status == "reported" and ref is not None and ref.kind == "date" and ref.day is not None \
            and entry.meeting_start and entry.meeting_start <= ref.day.isoformat() <= (entry.meeting_end or
                                                                                     entry.meeting_start):
        return "reached"
    return found.status


def _as_json(found: StageClaim, entry: Entry, status: str | None = None) -> dict:
    return {"name": found.name, "status": status or found.status, "evidence": found.evidence,
            "source_file": entry.file}


def _entry_stage(entry: Entry, legislative: bool) -> dict | None:
    """Return an entry's own stage: the agenda label's aim, else the highest claim about this meeting."""
    if not legislative:
        return None
    claims = entry.claims
    label_stage = stage_from_label(entry.label)
    if label_stage:
        status = "planned" if entry.doc_type == "agenda" else "reached"
        evidence = next((c.evidence for c in claims if c.name == label_stage), f"{entry.item_title}: {entry.label}")
        return {"name": label_stage, "status": status, "evidence": evidence, "source_file": entry.file}
    own = [c for c in claims if not (c.refers_to and c.refers_to.kind == "next")]
    for wanted in (lambda c: c.status != "planned" and c.milestone, lambda c: c.status != "planned",
                   lambda c: c.status == "planned"):
        chosen = [c for c in own if wanted(c)]
        if chosen:
            best = max(chosen, key=lambda c: c.rank)
            return _as_json(best, entry, _own_status(best, entry))
    return None


def _meeting_starts(entries: list[Entry]) -> list[str]:
    return sorted({e.meeting_start for e in entries if e.meeting_start})


def _target_meeting(found: StageClaim, entry: Entry, starts: list[str], ends: dict[str, str]) -> str | None:
    """Return the start of the earlier (or coming) meeting a claim speaks of, if it is in the timeline.

    `starts` is sorted, so each look-up is a binary search, not a walk over every meeting.
    """
    ref, own = found.refers_to, entry.meeting_start
    if ref is None or own is None:
        return None
    if ref.kind == "month":
        month = f"{ref.year:04d}-{ref.month:02d}"
        index = bisect.bisect_left(starts, month)
        hit = [s for s in starts[index:index + 8] if s.startswith(month) and s != own]
        return hit[0] if hit else None
    if ref.kind == "previous":
        index = bisect.bisect_left(starts, own)
        earlier = [s for s in reversed(starts[max(0, index - 400):index])
                   if ref.month is None or int(s[5:7]) == ref.month]
        return earlier[0] if earlier else None
    if ref.day is not None:
        day = ref.day.isoformat()
        index = bisect.bisect_right(starts, day)
        hit = [s for s in starts[max(0, index - 1):index] if day <= ends.get(s, s) and s != own]
        return hit[0] if hit else None
    if ref.kind == "next":
        index = bisect.bisect_right(starts, own)
        return starts[index] if index < len(starts) else None
    return None


def _link_outcomes(entries: list[Entry]) -> None:
    """Attach what a letter says about another meeting to that meeting's entries, citing the letter."""
    starts = _meeting_starts(entries)
    ends = {e.meeting_start: e.meeting_end or e.meeting_start for e in entries if e.meeting_start}
    by_meeting: dict[str, list[Entry]] = {}
    for entry in entries:
        by_meeting.setdefault(entry.meeting_start, []).append(entry)
    for entry in entries:
        for found in entry.claims:
            if found.refers_to is None:
                continue
            target = _target_meeting(found, entry, starts, ends)
            if target is None:
                continue
            status = "planned" if found.status == "planned" else "reached"
            outcome = {**_as_json(found, entry, status), "reported_in": entry.letter_date}
            first = by_meeting[target][0]
            if outcome not in first.outcomes:
                first.outcomes.append(outcome)


def _status(entries: list[Entry]) -> Status:
    procedure = current_procedure(entries)
    if procedure is not None:
        entries = [entry for entry in entries if entry.procedure and entry.procedure.register_id == procedure.register_id]
    status = Status(last_meeting=max(_meeting_starts(entries), default=None), procedure=procedure)
    best: tuple[int, str] | None = None
    for entry in entries:
        for found in entry.claims:
            if found.status == "planned" or not found.milestone:
                continue
            when = _when_reached(found, entry)
            if best is None or (found.rank, when or "") > best:
                best = (found.rank, when or "")
                status.stage, status.since = found.name, when
        for outcome in entry.outcomes:
            rank = STAGES.index(outcome["name"])
            if outcome["status"] == "reached" and outcome["name"] not in PHASES:
                if best is None or (rank, entry.meeting_start or "") > best:
                    best = (rank, entry.meeting_start or "")
                    status.stage, status.since = outcome["name"], entry.meeting_start
    status.next = _next_step(entries, best[0] if best else -1)
    return status


def _when_reached(found: StageClaim, entry: Entry) -> str | None:
    """Return when a reached stage happened: its own date, this meeting, or unknown (linked back)."""
    ref = found.refers_to
    if ref is not None and ref.kind == "month":
        return f"{ref.year:04d}-{ref.month:02d}"
    if ref is not None and ref.kind in ("previous", "date"):
        return ref.day.isoformat() if ref.day is not None else None
    return entry.meeting_start or entry.letter_date


def _next_step(entries: list[Entry], reached_rank: int) -> dict | None:
    """Return the step the latest letters plan beyond what has been reached."""
    def beyond(entry: Entry) -> list[StageClaim]:
        return [c for c in entry.claims if c.status == "planned" and c.rank > reached_rank]

    planning = [e for e in entries if e.claims and beyond(e)]
    if not planning:
        return None
    # The latest letter; of letters of one day, the first in the timeline.
    entry = max(planning, key=lambda e: e.letter_date or e.meeting_start or "")
    step = min(beyond(entry), key=lambda c: c.rank)
    out = _as_json(step, entry)
    out["date"] = step.refers_to.day.isoformat() if step.refers_to and step.refers_to.day else None
    return out
