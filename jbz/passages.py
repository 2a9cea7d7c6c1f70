"""Document -> passages: the stretches of a letter that are searched and tracked, each with the
stage claims its sentences make. Read once, with the letter, so that `jbz track` never has to."""
from __future__ import annotations

from jbz.claims import claims_in
from jbz.model import Document, Passage


def passages_of(doc: Document) -> list[Passage]:
    """Return the passages of a letter in reading order, their stage claims read."""
    passages = _cover_passages(doc) + _agenda_passages(doc)
    # A claim's date words ("op 8 december jl.") count from the letter's date, else the meeting's.
    letter_date = doc.letter_date or (doc.meeting.start if doc.meeting else None)
    for passage in passages:
        passage.claims = claims_in(passage.text, letter_date)
    return passages


def _cover_passages(doc: Document) -> list[Passage]:
    # One passage per cover topic (so a topic titled after a dossier counts whole), and the opening.
    first_topic = doc.cover_text.find(doc.cover_topics[0].title) if doc.cover_topics else -1
    opening = doc.cover_text[:first_topic] if first_topic > 0 else "" if doc.cover_topics else doc.cover_text
    passages = [Passage("cover", "cover", "", None, opening.strip())] if opening.strip() else []
    return passages + [Passage("cover", "cover", topic.title, None, topic.body) for topic in doc.cover_topics]


def _agenda_passages(doc: Document) -> list[Passage]:
    passages = []
    for part in doc.parts:
        if part.intro:
            passages.append(Passage("part", part.title, part.title, None, part.intro))
        for item in part.items:
            where = f"{part.title}.{item.number}" if part.title else item.number
            passages.append(Passage("item", where, item.title, item.label, item.body, item))
            passages += [Passage("subitem", f"{where}.{sub.number}", sub.title, sub.label, sub.body, sub)
                         for sub in item.subitems]
    return passages
