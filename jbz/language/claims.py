"""Reading a sentence's stage claims: what stage of the ladder it says a file reached or plans, of
which words (the scope), and which meeting it speaks of. Done once per passage when a letter is indexed.

A claim is composed from the sentence's parts, not matched against phrases:

1. The sentence is cut into a heading run into it (never part of a claim), a lead-in before a colon
   ("Eurovalsemunterij: de Raad …", the topic when the clause names no file), clauses (at ";",
   ", waarbij …", "… en treedt …"), and a continuation naming what it refers to ("Dit betreft …").
2. In each clause the stage words are found by lemma (jbz.language.lemmas: any tense, participle,
   separable particle "stelde … vast", passive, compounds "Raadspositie").
3. A word's rung can depend on who acts and on its neighbours: the Commission presents, submits or
   publishes a proposal (Commissievoorstel); an adopted act is published (bekendmaking); the
   Council's "akkoord" alone (or a "politiek akkoord op de eerste lezing") is its position
   (algemene oriëntatie), with the Parliament or in the trilogue it is the voorlopig akkoord;
   "van kracht" and "van toepassing worden" are the inwerkingtreding, "van toepassing op" a rule is not.
   A milestone noun claims only with a verb that reaches it ("bereikte een algemene oriëntatie",
   "een meerderheid voor een politiek akkoord") or a plan; merely named it claims nothing.
4. The status comes from the form: past and perfect -> reached; future, modal and intent (zal,
   wil, streeft, beoogt, voornemens, verwacht, waarschijnlijk, mogelijk, a.s., komende, "te komen
   tot") -> planned; a present tense is planned only with a date on or after the letter's own. A
   reached claim about another meeting (a date, "de vorige Raad") is "reported".
5. The scope is what the stage word governs ("drie algemene oriëntaties, namelijk op A, B en C";
   "de voortgang van de onderhandelingen over B"), else its clause.

Not claims: Council conclusions adopted, the Commission's reports, communications and implementing
or delegated acts, a rule "van toepassing op" something, a national bill.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from jbz import dates
from jbz.fold import fold
from jbz.language.lemmas import COMPOUND_HEADS, FORMS, NOUNS, Form, forms_of
from jbz.language.stages import (
    PHASES,
    STAGES,
    MeetingReference,
    StageClaim,
    is_position,
)
from jbz.sentences import sentence_bounds

# -- the words a claim is read from -----------------------------------------------------------------

_WORD = re.compile(r"\w+(?:[-/]\w+)*")
# Every stage word holds one of these: a sentence without any cannot claim a stage.
_GATE = re.compile(r"onderhandel|akkoord|voorstel|pakket|package|fiche|trilo|orien|benadering|positie|mandaat"
                   r"|compromis|overeenstemming|werking|kracht|toepassing|publice|publicatie|presente|lance|dien"
                   r"|bracht|breng|gedaan|deed|voorst|stel|bereik|sloot|sluit|gesloten|nam|neem|genomen|bekrachtig"
                   r"|keur|bekend|debat|discussie|gedachtewissel|bespr|sprak|spreek|gesproken|licht|legd|leg|verw"
                   r"|mee|stem|voortgang|vooruitgang|behandeling|werkgroep|steun|aandacht|aanname|vaststelling"
                   r"|goedkeuring|meerderheid|unanimiteit|consensus|kwam|komt|komen")

_MODAL = {"zal", "zullen", "zou", "zouden", "wil", "willen", "wilde", "wilden", "wou", "streeft", "streven", "beoogt", "beogen", "voornemens",
          "verwacht", "verwachten", "verwachting", "waarschijnlijk", "mogelijk", "hoopt", "hopen", "ambitie", "wenst", "wensen",
          "zodra", "indien", "moet", "moeten", "beoogde", "binnenkort", "kan", "kunnen", "komende", "eerstvolgende"}
_MEETING_WORDS = {"raad", "jbz-raad", "bijeenkomst", "vergadering", "triloog"}
_PAST_AUX = {"is", "zijn", "was", "waren", "werd", "werden", "heeft", "hebben", "had", "hadden"}
_PRESENT_PASSIVE = {"wordt", "worden"}
_FINITE = _PAST_AUX | _PRESENT_PASSIVE | {"zal", "zullen", "kan", "kunnen", "moet", "moeten", "vindt", "vond",
                                          "vonden", "lag", "ligt", "staat", "stond", "blijft", "bleef", "betreft",
                                          "geldt", "gaat", "gaan", "vormen", "vormt", "informeerde", "informeert"}
_DETERMINERS = {"de", "het", "een", "dit", "deze", "dat", "die", "beide", "zijn", "haar", "hun", "twee", "drie",
                "vier", "vijf", "zes"}
_GOVERNING = {"over", "op", "van", "voor", "inzake", "betreffende", "omtrent", "aangaande", "rond", "rondom",
              "tot", "aan"}
_GOVERNING_PHRASES = (("met", "betrekking", "tot"), ("ten", "aanzien", "van"), ("ten", "behoeve", "van"))
_PARTICLES = {"voor", "vast", "aan", "uit", "in", "goed", "toe", "mee", "terug", "op", "bekend"}
_COMMISSION = {"commissie", "commissaris", "eu-commissie"}
_PARLIAMENT = {"parlement", "ep", "europarlement", "conciliatiecomite", "conciliatie"}
_COUNCIL = {"raad", "jbz-raad", "coreper", "lidstaten", "ministers"}
_PROPOSAL_NOUNS = {"voorstel", "wetsvoorstel", "commissievoorstel", "pakket"}
_LEGISLATION = re.compile(r"verordening|richtlijn|besluit|pact\b|regels\b|wetgeving|instrument|\bact\b|pakket"
                          r"|voorstel")
_NOT_A_FILE_ACT = re.compile(r"conclusie|uitvoerings|gedelegeerde|verklaring|mededeling|verslag|rapport|agenda"
                             r"|mandaat|richtsnoer")
_PRESENTING = {"publiceren", "presenteren", "indienen", "uitbrengen", "lanceren", "doen", "komen", "voorstellen"}
_ADOPTING = {"aannemen", "vaststellen", "goedkeuren", "bekrachtigen"}
_REACHING = {"bereiken", "sluiten", "komen", "aannemen", "vaststellen", "goedkeuren", "bekrachtigen", "verwelkomen",
             "instemmen"}
_DISCUSSING = {"bespreken", "spreken", "onderhandelen", "toelichten", "voorleggen", "terugverwijzen", "meegeven",
               "instemmen"}
_PHASE_NOUNS = {"onderhandeling", "triloog", "gedachtewisseling", "debat", "discussie", "bespreking", "behandeling",
                "voortgang", "voortgangsrapport", "raadswerkgroep", "compromisvoorstel"}
_POSITION_NOUNS = {"orientatie", "benadering", "raadspositie", "mandaat", "deelakkoord"}
_AGREEMENT_NOUNS = {"akkoord", "compromis", "overeenstemming", "triloogakkoord"}
_SUPPORT_NOUNS = {"meerderheid", "steun"}
_AIMED_AT = {"komen", "bereiken", "bewerkstelligen", "starten", "hervatten", "afronden", "sluiten", "stemmen"}
# An act that is no file: what is said of it is not the file's stage.
_NOT_A_FILE = re.compile(r"uitvoeringshandeling|uitvoeringsbesluit|uitvoeringsverordening|gedelegeerde handeling"
                         r"|raadsconclusies|\bconclusies\b")
_COUNTS = {"twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "beide"}
# Prepositions that make a definite milestone a point in time ("voor de inwerkingtreding van het Pact").
_TEMPORAL = {"voor", "na", "sinds", "vanaf", "tot", "bij", "tijdens"}


@dataclass(slots=True)
class Word:
    """A word of a sentence: its folded text and where it stands in the sentence."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Term:
    """A stage word found in a clause."""

    index: int
    form: Form


@dataclass(slots=True)
class Clause:
    """A clause of a sentence, with what its words say about every claim in it."""

    start: int
    end: int
    #: The folded text of its words, in order: most of the reading needs no more.
    texts: list[str]
    #: Whether the clause joins the one before without a subject of its own ("… en treedt … in werking").
    dependent: bool
    commission: bool = False
    parliament: bool = False
    council: bool = False
    modal: bool = False
    future_date: bool = False
    has_finite: bool = False
    #: Whether the text ends inside the clause without a full stop (a stored page cut mid-word).
    cut_off: bool = False
    #: The folded sentence it is part of, where its words' offsets are found.
    folded: str = ""
    #: Its words with their offsets, once asked for (only a clause that claims needs them).
    located: list[Word] | None = None
    #: The days it names (jbz.dates.DateRange), once asked for: its status and its meeting read them.
    days: list | None = None
    #: Its stage words, found with the sentence's layout.
    terms: tuple[Term, ...] = ()

    @property
    def words(self) -> list[Word]:
        """Return the clause's words with their offsets in the sentence."""
        if self.located is None:
            self.located = [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(self.folded, self.start,
                                                                                          self.end)]
        return self.located


@dataclass(slots=True)
class Reading:
    """A claim being read: the rung, its status, and the word and span it was read from."""

    name: str
    status: str
    at: int
    scope: tuple[int, int] | None
    clause: Clause


@dataclass(slots=True)
class Layout:
    """Where a sentence's parts are: its body after any heading, a lead-in before a colon, a
    continuation that names what the sentence refers to, and the clauses."""

    body_start: int
    lead: tuple[int, int] | None
    continuation: tuple[int, int] | None
    clauses: list[Clause] = field(default_factory=list)
    aim: bool = False


# -- cutting a sentence into its parts ----------------------------------------------------------------

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_OPENERS = {"de", "het", "een", "bij", "op", "in", "tijdens", "er", "ook", "daarnaast", "dit", "deze", "naar",
            "verder", "tevens", "ten", "met", "voor", "na", "nederland", "wij", "ik", "zoals", "="}
_CONTINUATION = re.compile(r"[.:]\d{0,2}\s+(?:dit|het) (?:betreft|gaat om|gaat over|zijn)\b")
_CLAUSE_CUT = re.compile(r";\s*|,\s+(?=(?:waarbij|waarmee|waarin|waardoor|waarop|waarna|terwijl|want|maar|zodat"
                         r"|omdat|nadat|hoewel|dat|die|wat|welke)\b)")
# From "en" on, so that the search skips to each "en"; the blank before it is checked apart.
_AND_VERB = re.compile(r"en\s+(?=(?:is|zijn|wordt|worden|werd|werden|treedt|treden|heeft|hebben|zal|zullen|was"
                       r"|waren|gaf|stelde|nam|bereikte|presenteerde|publiceerde)\b)")
_DECISION = re.compile(r"\s*=\s")
# An agenda's decision line ("= Beleidsdebat, gedeeltelijke algemene oriëntatie"): each decision is planned.
_DECISION_CUT = re.compile(r"[,;]\s+|\s+en\s+")


def _heading_end(sentence: str, folded: str) -> int:
    """Return where the body starts after a heading run into the sentence (0 without one)."""
    start = 0
    for blank in _BLANK_LINE.finditer(sentence):
        # A heading is followed by a new sentence; a paragraph wrapped with blank lines goes on in
        # lower case ("sprak de ambitie uit om de \n\nvolgende JBZ-Raad …").
        following = sentence[blank.end():blank.end() + 1]
        before = sentence[start:blank.start()]
        if not re.search(r"[.;!?-]\s*$", before) and (following.isupper() or following in "=•") \
                and not _finite_in(folded[start:blank.start()]):
            start = blank.end()
    first_line = sentence.find("\n", start)
    if 0 < first_line - start < 200 and not re.search(r"[.;:,!?]\s*$", sentence[start:first_line]):
        rest = sentence[first_line + 1:].lstrip()
        opener = _WORD.match(folded, len(sentence) - len(rest))
        if rest[:1].isupper() and opener and opener.group() in _OPENERS:
            start = first_line + 1
    return start


def _finite_in(folded: str) -> bool:
    return not _FINITE_WORDS.isdisjoint(_WORD.findall(folded))


def _lead(sentence: str, folded: str, start: int) -> tuple[int, int] | None:
    """Return the span of a topic before a colon at the sentence's start ("Eurovalsemunterij: …")."""
    colon = sentence.find(":", start, start + 160)
    if colon == -1 or folded.startswith(("fiche", "titel voorstel"), start) or _finite_in(folded[start:colon]):
        return None
    if len(folded[start:colon].split()) > 14 or "fiche" in folded[start:colon]:
        return None
    return start, colon


def _layout(sentence: str, folded: str) -> Layout:
    """Return the parts of a sentence: heading cut off, lead-in, continuation, and new clauses (which
    a reading fills in)."""
    body, lead, continuation, aim, clauses = _cut(sentence, folded)
    return Layout(body, lead, continuation, [Clause(start, stop, list(texts), dependent, cut_off=cut_off, folded=folded,
                                                    terms=terms) for start, stop, texts, dependent, cut_off, terms in clauses],
                  aim)


@lru_cache(maxsize=1 << 12)
def _cut(sentence: str, folded: str) -> tuple:
    """Return where a sentence's parts are: (body start, lead-in, continuation, aim, clauses as
    (start, stop, words, dependent, cut off, stage words)). Kept: a dated sentence is laid out again for each letter."""
    body = _heading_end(sentence, folded)
    lead = _lead(sentence, folded, body)
    continuation = None
    end = len(sentence)
    if (match := _CONTINUATION.search(folded, body)) is not None:
        continuation, end = (match.start() + 1, len(sentence)), match.start() + 1
    aim = bool(_DECISION.match(folded, body))
    clause_start = lead[1] + 1 if lead else body
    cuts = [(clause_start, False)]
    for match in (_DECISION_CUT if aim else _CLAUSE_CUT).finditer(folded, clause_start, end):
        cuts.append((match.end(), False))
    if not aim:
        for match in _AND_VERB.finditer(folded, clause_start, end):
            if match.start() > clause_start and folded[match.start() - 1].isspace():
                cuts.append((match.end(), True))
    cuts.sort()
    clauses = []
    for (start, dependent), (stop, _) in zip(cuts, [*cuts[1:], (end, False)]):
        if stop > start:
            words, cut_off = tuple(_WORD.findall(folded, start, stop)), stop == len(folded) and folded[-1:].isalpha()
            clauses.append((start, stop, words, dependent, cut_off, _terms(words, cut_off)))
    return body, lead, continuation, aim, tuple(clauses)


# -- what a clause says about every claim in it -----------------------------------------------------

def _describe(clause: Clause, sentence: str, folded: str, letter_date: dt.date | None) -> None:
    """Fill in who acts in a clause and whether it plans: modal words, a coming date."""
    texts = clause.texts
    words = set(texts)
    text = folded[clause.start:clause.end]
    clause.commission = bool(words & _COMMISSION)
    clause.parliament = bool(words & _PARLIAMENT) or "europees parlement" in text
    clause.council = bool(words & _COUNCIL) or "raad" in text and any(t.endswith("raad") for t in words)
    clause.modal = bool(words & _MODAL) or "a.s." in text or _next_meeting(texts) or _aim_infinitive(texts)
    clause.has_finite = _has_finite(words, text)
    clause.future_date = _has_future_date(clause, sentence, folded, letter_date)


# The words that are a finite verb, as such or as a stage verb's past or present ("stelde", "bereikt").
_FINITE_WORDS = frozenset(_FINITE | {word for word, forms in FORMS.items() if any(f.form in ("past", "present")
                                                                                  for f in forms)})


def _has_finite(words: set[str], text: str) -> bool:
    """Return whether a clause's words (`text`: the clause folded) hold a finite verb."""
    if not _FINITE_WORDS.isdisjoint(words):
        return True
    # A link label glued to a verb ("bereiktPDF-document") hides it from the table.
    return "pdf-document" in text and any(f.form in ("past", "present") for t in words for f in forms_of(t))


def _next_meeting(texts: list[str]) -> bool:
    return "volgende" in texts and any(a == "volgende" and b in _MEETING_WORDS for a, b in zip(texts, texts[1:]))


def _aim_infinitive(texts: list[str]) -> bool:
    """Return whether the clause aims at something ("om … te komen tot", "vast te stellen")."""
    if "te" not in texts:
        return False
    for te, verb in zip(texts, texts[1:]):
        if te == "te" and (verb in _AIMED_AT or any(f.form == "present" and f.lemma in _REACHING | _PRESENTING
                                                    for f in FORMS.get(verb, ()))):
            return True
    return False


def _has_future_date(clause: Clause, sentence: str, folded: str, letter_date: dt.date | None) -> bool:
    """Return whether a clause names a day on or after the letter's own (not one "sinds" a day)."""
    if letter_date is None:
        return False
    text = folded[clause.start:clause.end]
    for found in _days(clause, sentence, letter_date):
        if found.start > letter_date and not text[max(0, found.pos - 8):found.pos].rstrip().endswith("sinds"):
            return True
    return False


def _days(clause: Clause, sentence: str, letter_date: dt.date | None) -> list:
    """Return the days a clause names (jbz.dates.DateRange, offsets in the clause), found once."""
    if clause.days is None:
        text = sentence[clause.start:clause.end]
        clause.days = dates.find_date_ranges(text, letter_date) if _NAMES_A_DAY.search(text) else []
    return clause.days


# -- the stage words of a clause and what each claims ------------------------------------------------

def _terms(words: tuple[str, ...], cut_off: bool) -> tuple[Term, ...]:
    """Return the stage words among a clause's `words` (`cut_off`: see Clause)."""
    found = []
    last = len(words) - 1
    for index, forms in enumerate(map(forms_of, words)):
        if not forms:
            if index < last or not cut_off:
                continue
            forms = _cut_off(words[index])
        if any(f.form == "noun" for f in forms) and not (index > 0 and words[index - 1] == "te"
                                                         or index == last):
            # "een pakket voorstellen": a noun, unless "te voorstellen" or last in its clause.
            forms = [f for f in forms if f.form == "noun"]
        for form in forms:
            found.append(Term(index, form))
    return tuple(found)


def _cut_off(word: str) -> list[Form]:
    """Return the noun a clause's last word, cut off by the end of a stored page, begins ("algemene
    oriën"), if any."""
    if len(word) < 4:
        return []
    return next(([Form(lemma, "noun")] for lemma, forms in NOUNS.items() if any(
        form.startswith(word) and form != word for form in forms)), [])


def _particle_after(clause: Clause, index: int, particle: str) -> bool:
    """Return whether a split-off particle ("stelde … vast") stands later in the clause."""
    words = clause.texts
    for at in range(index + 1, len(words)):
        if words[at] == particle:
            following = words[at + 1] if at + 1 < len(words) else ""
            if particle == "in" and following == "werking":
                continue
            if following not in _DETERMINERS and not following[:1].isdigit() and following not in dates.MONTH_NAMES_NL:
                return True
    return False


def _verb_lemma(clause: Clause, term: Term) -> str | None:
    """Return the verb a form is in this clause: a split particle decides between "stelt (voor/vast)"."""
    form = term.form
    if form.form == "noun":
        return None
    if not form.particle:
        return form.lemma
    words = clause.texts
    # "vast te stellen", "aan te nemen": the particle joined by "te".
    if term.index >= 2 and words[term.index - 1] == "te" and words[term.index - 2] == form.particle:
        return form.lemma
    return form.lemma if _particle_after(clause, term.index, form.particle) else None


def _verb_status(clause: Clause, term: Term, change: bool = False) -> str:
    """Return "reached" or "planned" for a verb form in its clause: past and perfect reach, future and
    modal plan, a present plans only with a coming date (or, for a change "treedt in werking", without one)."""
    words = clause.texts
    form = term.form.form
    infinitive = form == "infinitive" or (form == "present" and term.index > 0 and words[term.index - 1] == "te")
    if form == "past":
        return "reached"
    if form == "participle":
        if words[term.index].endswith("e") and not words[term.index].endswith("ee"):
            return "reached"
        auxes = set(words) & (_PAST_AUX | _PRESENT_PASSIVE)
        if clause.modal and not (auxes & {"werd", "werden", "was", "waren", "had", "hadden"}):
            return "planned"
        if auxes & _PAST_AUX or not auxes:
            return "reached"
        return "planned" if clause.future_date or change else "reached"
    if infinitive or clause.modal:
        return "planned"
    return "planned" if clause.future_date or change else "reached"


def _noun_status(clause: Clause) -> str:
    return "planned" if clause.modal or clause.future_date else "reached"


def _read(clause: Clause, terms: list[Term], folded: str, aim: bool) -> list[Reading]:
    """Return the claims one clause makes, given its stage words."""
    words = clause.texts
    readings: list[Reading] = []
    verbs = [(t, lemma) for t in terms if (lemma := _verb_lemma(clause, t))]
    nouns = [t for t in terms if t.form.form == "noun"]
    reach = _reaching(clause, verbs, nouns)
    for term in nouns:
        reading = _noun_claim(clause, term, words, reach, folded, aim)
        if reading is not None:
            readings.append(reading)
    for term, lemma in verbs:
        reading = _verb_claim(clause, term, lemma, words, nouns, folded, aim)
        if reading is not None:
            readings.append(reading)
    readings += _fixed_phrases(clause, words, folded, aim)
    return readings


def _reaching(clause: Clause, verbs: list[tuple[Term, str]], nouns: list[Term]) -> str | None:
    """Return the status a verb (or support noun) that reaches a milestone gives it, or None."""
    for term, lemma in verbs:
        if lemma in _REACHING:
            if lemma == "komen" and not _word_after(clause, term.index, "tot", 6):
                continue
            return _verb_status(clause, term)
    for term in nouns:
        if term.form.lemma in _SUPPORT_NOUNS | {"meerderheid"}:
            return _noun_status(clause)
    words = clause.texts
    if "sprake" in words:
        return _noun_status(clause)
    return None


def _word_after(clause: Clause, index: int, word: str, within: int) -> bool:
    return word in clause.texts[index + 1:index + 1 + within]


def _word_before(clause: Clause, index: int, choices: set[str], within: int) -> bool:
    return not choices.isdisjoint(clause.texts[max(0, index - within):index])


def _noun_claim(clause: Clause, term: Term, words: list[str], reach: str | None, folded: str,
                aim: bool) -> Reading | None:
    lemma, at = term.form.lemma, term.index
    word = words[at]
    if lemma == "fiche":
        if word.startswith("bnc") or "bnc-" in word:
            return _reading(clause, "BNC-fiche", "planned" if aim else _noun_status(clause), at, folded)
        following = clause.words[at + 1] if at + 1 < len(words) else None
        title = following is not None and (folded[clause.words[at].end:following.start].startswith(":")
                                           or (following.text.isdigit() and folded[following.end:following.end + 1] == ":"))
        return _reading(clause, "BNC-fiche", "reached", at, folded) if title else None
    if lemma == "bnc-fiche":
        return _reading(clause, "BNC-fiche", "planned" if aim else _noun_status(clause), at, folded)
    if lemma == "voorstel" and word == "voorstel" and at > 0 and words[at - 1] == "titel":
        return _reading(clause, "Commissievoorstel", "reached", at, folded)
    if lemma in _PHASE_NOUNS:
        return _phase_claim(clause, term, words, folded, aim)
    if lemma in ("aandacht", "steun") and _word_after(clause, at, "voor", 1) and _said_in_the_room(clause, at) \
            and not is_position(
            folded[clause.start:clause.end]) and not any(_milestone_of_noun(clause, Term(i, f), words, folded)
                                                         for i, w in enumerate(words) for f in forms_of(w)
                                                         if f.form == "noun" and f.lemma not in ("aandacht", "steun")):
        return _reading(clause, "onderhandelingen in de Raad", "planned" if aim else _noun_status(clause), at, folded)
    if lemma == "indiening" and clause.commission and set(words) & _PROPOSAL_NOUNS | _proposal_compounds(words):
        return _reading(clause, "Commissievoorstel", _noun_status(clause), at, folded)
    if lemma == "indiening" and word == "publicatie" and "publicatieblad" in words and not _temporal(clause, at):
        return _reading(clause, "bekendmaking", _noun_status(clause), at, folded)
    name = _milestone_of_noun(clause, term, words, folded)
    if name is None or _temporal(clause, at) or _NOT_A_FILE.search(folded, clause.start, clause.end):
        return None
    if lemma in _AGREEMENT_NOUNS and (at > 0 and words[at - 1] == "in" or _word_after(clause, at, "gaan", 1)
                                      or at + 1 < len(words) and words[at + 1] in ("gaat", "ging", "gingen")):
        return None  # "in overeenstemming met" (in accordance with), "akkoord gaan met" (agree to).
    if aim:
        return _reading(clause, name, "planned", at, folded)
    if reach is not None:
        status = "planned" if clause.modal and reach == "reached" and not _past_in(words) else reach
        return _reading(clause, name, status, at, folded)
    if clause.modal:
        return _reading(clause, name, "planned", at, folded)
    if at > 0 and words[at - 1] in _COUNTS or at > 1 and words[at - 2] in _COUNTS:
        # Counted ("drie algemene oriëntaties, namelijk op …"): instances that exist.
        return _reading(clause, name, "reached", at, folded)
    if not clause.has_finite and at <= 1:
        # A headline ("Akkoord Europese jaarbegroting 2026"): the news is that it happened.
        return _reading(clause, name, "reached", at, folded)
    return None


def _said_in_the_room(clause: Clause, at: int) -> bool:
    """Return whether "steun" or "aandacht" is the meeting's ("er was brede politieke steun voor"),
    not aid ("steun voor opvang in de regio") or what someone asks for ("aandacht vragen voor")."""
    before = set(clause.texts[max(0, at - 4):at])
    return bool(before & {"er", "politieke", "brede", "ruime", "unanieme"}) and not _word_after(clause, at, "vragen", 1)


def _past_in(words: list[str]) -> bool:
    return any(w in ("werd", "werden", "was", "waren") or any(f.form == "past" for f in FORMS.get(w, ()))
               for w in words)


def _proposal_compounds(words: list[str]) -> set[str]:
    return {w for w in words if w.endswith(("voorstel", "voorstellen", "pakket")) or w.startswith("voorstelpdf")}


def _temporal(clause: Clause, at: int) -> bool:
    """Return whether a milestone noun is a point in time ("voor de inwerkingtreding van …")."""
    words = clause.texts
    if at >= 1 and words[at - 1] in _TEMPORAL - {"tot", "voor"}:
        return True
    return at >= 2 and words[at - 1] in ("de", "het") and words[at - 2] in _TEMPORAL and not (
        at >= 3 and words[at - 3] in ("betrekking", "aanzien", "behoeve"))


def _milestone_of_noun(clause: Clause, term: Term, words: list[str], folded: str) -> str | None:
    """Return the milestone a noun names in its clause, or None."""
    lemma, at = term.form.lemma, term.index
    word = words[at]
    before = words[at - 1] if at > 0 else ""
    if lemma == "orientatie":
        return "algemene oriëntatie" if before.startswith("algemene") or before.startswith("gedeeltelijke") else None
    if lemma == "benadering":
        return "algemene oriëntatie" if before == "algemene" else None
    if lemma == "raadspositie" or lemma == "deelakkoord":
        return "algemene oriëntatie"
    if lemma == "mandaat":
        if word == "mandaat" and not _word_after(clause, at, "onderhandelingen", 3) and not _word_after(
                clause, at, "triloog", 3) and not _word_after(clause, at, "trilogen", 3):
            return None
        if clause.parliament and not any(w.endswith("raad") for w in words[:at]):
            return None  # The Parliament's mandate, not the Council's position.
        after = " ".join(words[at + 1:at + 5])
        return None if re.match(r"(?:voor |aan )?(?:de |het )?(?:europese )?commissie", after) else "algemene oriëntatie"
    if lemma in _AGREEMENT_NOUNS:
        return _agreement(clause, at, words, folded)
    if lemma == "aanname":
        return "formele aanname" if before in ("formele", "definitieve", "officiele") else None
    if lemma == "inwerkingtreding":
        return "inwerkingtreding"
    if lemma == "bekendmaking":
        return "bekendmaking"
    return None


def _agreement(clause: Clause, at: int, words: list[str], folded: str) -> str | None:
    """Return the rung of an "akkoord": the Council's own position, or its deal with the Parliament."""
    word = words[at]
    window = words[max(0, at - 3):at]
    if word == "triloogakkoord" or "voorlopig" in window or "voorlopige" in window:
        return "voorlopig akkoord"
    if "formeel" in window or "formele" in window:
        return "formele aanname"
    if "gedeeltelijk" in window or "gedeeltelijke" in window:
        return "algemene oriëntatie"
    text = folded[clause.start:clause.end]
    if "eerste lezing" in text:
        return "algemene oriëntatie"
    with_parliament = clause.parliament or "triloog" in text or "trilogen" in text or re.search(
        r"\bmet de raad\b|\btussen (?:de )?raad en\b", text)
    if with_parliament:
        return "voorlopig akkoord"
    if ("politiek" in window or "politieke" in window) and not (word == "overeenstemming" and clause.council):
        # "politiek akkoord" is the genre's name for the deal; the Council's "politieke
        # overeenstemming" is agreement among its members.
        return "voorlopig akkoord"
    if word in ("compromis", "overeenstemming") and not clause.council:
        return None
    return "algemene oriëntatie"


def _phase_claim(clause: Clause, term: Term, words: list[str], folded: str, aim: bool) -> Reading | None:
    lemma, at = term.form.lemma, term.index
    word = words[at]
    if lemma == "debat" and word == "debat" and not _word_after(clause, at, "over", 1):
        return None
    if lemma == "behandeling" and not (at + 1 < len(words) and words[at + 1] == "van"):
        return None
    if lemma == "voortgang" and any(f.lemma in _PHASE_NOUNS for w in words[at + 1:at + 4] for f in forms_of(w)):
        return None  # "de voortgang van de trilogen": the phase it is the progress of claims.
    if lemma == "raadswerkgroep" or lemma == "compromisvoorstel":
        name = "onderhandelingen in de Raad"
    elif lemma == "triloog" or word.startswith("trilo") or lemma == "onderhandeling" and _with_parliament(clause, at, words):
        name = "onderhandelingen met het Europees Parlement"
    else:
        name = "onderhandelingen in de Raad"
    if aim:
        return _reading(clause, name, "planned", at, folded)
    status = _noun_status(clause)
    ongoing = at > 0 and words[at - 1] == "lopende"
    if name != "onderhandelingen in de Raad" and _word_before(clause, at, {"voortgang", "vooruitgang", "stand"}, 4):
        ongoing = True
    return _reading(clause, name, "reached" if ongoing else status, at, folded)


def _with_parliament(clause: Clause, at: int, words: list[str]) -> bool:
    if at > 0 and words[at - 1] == "interinstitutionele":
        return True
    if "raad" in words[at] or (at + 3 < len(words) and words[at + 1:at + 3] == ["in", "de"]
                               and words[at + 3].startswith("raad")):
        return False
    return bool(re.search(r"\b(?:met|en) (?:het )?(?:europees )?(?:parlement|ep)\b", " ".join(words)))


def _verb_claim(clause: Clause, term: Term, lemma: str, words: list[str], nouns: list[Term], folded: str,
                aim: bool) -> Reading | None:
    at = term.index
    noun_lemmas = {n.form.lemma for n in nouns}
    milestone_nouns = [n for n in nouns if _milestone_of_noun(clause, n, words, folded)]
    if lemma in _PRESENTING:
        return _presenting(clause, term, lemma, words, folded)
    if lemma == "bekendmaken":
        return _reading(clause, "bekendmaking", _verb_status(clause, term), at, folded)
    if lemma == "treden" and _in_werking(words, at):
        return _reading(clause, "inwerkingtreding", _verb_status(clause, term, change=True), at, folded)
    if lemma in _ADOPTING and not milestone_nouns:
        return _adopting(clause, term, lemma, words, folded)
    if lemma in _DISCUSSING and not milestone_nouns:
        if lemma == "spreken" and not _word_after(clause, at, "over", 3):
            return None
        if lemma == "meegeven" and "richting" not in words:
            return None
        if lemma == "voorleggen" and "vragen" not in words:
            return None
        if lemma == "instemmen" and (is_position(folded[clause.start:clause.end]) or not _word_after(clause, at, "met", 6)):
            return None
        if noun_lemmas & _PHASE_NOUNS or _NOT_A_FILE.search(folded, clause.start, clause.end):
            return None
        name = "onderhandelingen met het Europees Parlement" if lemma == "onderhandelen" and clause.parliament \
            else "onderhandelingen in de Raad"
        return _reading(clause, name, "planned" if aim else _verb_status(clause, term), at, folded)
    return None


def _in_werking(words: list[str], at: int) -> bool:
    near = words[max(0, at - 3):at + 8]
    return any(a == "in" and b == "werking" for a, b in zip(near, near[1:]))


def _presenting(clause: Clause, term: Term, lemma: str, words: list[str], folded: str) -> Reading | None:
    """Return the Commission's proposal (or an act's publication) a presenting verb claims."""
    at = term.index
    proposals = {f.lemma for w in words for f in forms_of(w) if f.form == "noun"} & _PROPOSAL_NOUNS \
        | _proposal_compounds(words)
    legislation = _any_legislation(words)
    if lemma == "publiceren" and ("publicatieblad" in words or not clause.commission):
        if "publicatieblad" in words or (legislation or _named_subject(clause, folded)) and not any(
                _NOT_A_FILE_ACT.search(w) for w in words):
            return _reading(clause, "bekendmaking", _verb_status(clause, term), at, folded)
        return None
    if not clause.commission:
        return None
    if lemma == "voorstellen" and term.form.form != "participle":
        pass  # "De Commissie stelde voor …": proposing needs no proposal noun.
    elif lemma == "komen" and not _word_after(clause, at, "met", 3):
        return None
    elif not (proposals or legislation and lemma != "doen" and "door" in words):
        # Without a proposal noun, only an act the Commission is said to have published ("De
        # AI-verordening is … door de Europese Commissie gepubliceerd"), not a strategy or report.
        return None
    if not proposals and any(_NOT_A_FILE_ACT.search(w) for w in words):
        return None
    scope = None
    word = words[at]
    if term.form.form == "participle" and word.endswith("e") and at + 1 < len(words):
        scope = _phrase(clause, folded, at + 1)
    return _reading(clause, "Commissievoorstel", _verb_status(clause, term), at, folded, scope)


def _any_legislation(words: list[str]) -> bool:
    """Return whether a word of a clause is a word for legislation ("verordening", "pakket")."""
    # One search over the words joined: no pattern spans a blank, and a blank is a word boundary.
    return _LEGISLATION.search(" ".join(words)) is not None


# The Dutch chambers as the ones who act: the agent of a passive, or the subject next to its verb.
_CHAMBER_ACTS = re.compile(r"\bdoor (?:de )?(?:tweede|eerste) kamer\b|\b(?:tweede|eerste) kamer (?:heeft|hebben|had|nam"
                           r"|stemde|stemt|neemt|aanvaardde|verwierp)\b|\b(?:heeft|nam|stemde) de (?:tweede|eerste) kamer\b")


def _national(words: list[str]) -> bool:
    """Return whether a clause is about a national bill ("het wetsvoorstel is door de Tweede Kamer
    aangenomen"): the Dutch chambers act, or a "wetsvoorstel" with no EU act beside it. A chamber only
    named (the addressee of a letter run into its first sentence) does not make a clause national."""
    if _CHAMBER_ACTS.search(" ".join(words)):
        return True
    return "wetsvoorstel" in words and not any(w.endswith(("verordening", "richtlijn")) for w in words)


def _named_subject(clause: Clause, folded: str) -> bool:
    """Return whether the clause opens with a name (an act's short name: "De DSA is … gepubliceerd")."""
    return bool(re.match(r"\s*(?:de |het )?[a-z0-9]{2,}(?:-\w+)? (?:is|werd|wordt)\b", folded[clause.start:clause.end]))


def _adopting(clause: Clause, term: Term, lemma: str, words: list[str], folded: str) -> Reading | None:
    """Return the formal adoption an adopting verb claims, when it is said of the file."""
    text = folded[clause.start:clause.end]
    # What is adopted stands near the verb: "conclusies aangenomen", not a report's title before it.
    if any(_NOT_A_FILE_ACT.search(w) for w in words[max(0, term.index - 8):term.index + 8]):
        return None
    if clause.commission and not clause.council and not clause.parliament:
        return None
    if _national(words):
        return None
    formal = bool(set(words) & {"formeel", "definitief", "officieel"}) or lemma == "bekrachtigen"
    if not formal and not _any_legislation(words):
        return None
    if not formal and "aangenomen" not in text and "vastgesteld" not in text and lemma != "goedkeuren":
        return None
    return _reading(clause, "formele aanname", _verb_status(clause, term), term.index, folded)


def _fixed_phrases(clause: Clause, words: list[str], folded: str, aim: bool) -> list[Reading]:
    """Return the inwerkingtreding "van kracht" and "van toepassing worden" claim."""
    found = []
    if "kracht" not in folded[clause.start:clause.end] and "toepassing" not in folded[clause.start:clause.end]:
        return found
    for at, (a, b) in enumerate(zip(words, words[1:])):
        if a != "van" or b not in ("kracht", "toepassing"):
            continue
        following = words[at + 2] if at + 2 < len(words) else ""
        dated = bool(re.search(r"\b(?:met ingang van|vanaf|sinds|per|op) \d", folded[clause.start:clause.end]))
        near = set(words[max(0, at - 6):at + 4])
        change = bool(near & {"wordt", "worden", "werd", "werden", "geworden", "gaat", "gaan", "treedt"})
        if b == "toepassing" and not dated and (not change or (following == "op" and not _digit_after(words, at + 3))):
            continue
        status = "planned" if clause.modal or clause.future_date or (change and not dated and not _past_in(words)) \
            else "reached"
        if {"werd", "werden", "geworden"} & near:
            status = "reached"
        found.append(_reading(clause, "inwerkingtreding", "planned" if aim else status, at, folded))
    return found[:1]


def _digit_after(words: list[str], at: int) -> bool:
    return at < len(words) and words[at][:1].isdigit()


# -- scope: the words a claim is about --------------------------------------------------------------

def _reading(clause: Clause, name: str, status: str, at: int, folded: str,
             scope: tuple[int, int] | None = None) -> Reading:
    if scope is None:
        word = clause.texts[at]
        if word in FORMS and FORMS[word][0].form == "noun" or forms_of(word) and forms_of(word)[0].form == "noun":
            scope = _complement(clause, folded, at)
    return Reading(name, status, at, scope, clause)


def _complement(clause: Clause, folded: str, at: int) -> tuple[int, int] | None:
    """Return the span a stage noun governs ("akkoord over A", "oriëntaties, namelijk op A, B en C")."""
    words = clause.words
    index = at + 1
    listing = False
    gap = folded[words[at].end:words[index].start] if index < len(words) else ""
    if ":" in gap:
        listing = True
    elif index < len(words) and words[index].text in ("namelijk", "waaronder"):
        listing, index = True, index + 1
    elif index + 1 < len(words) and (words[index].text, words[index + 1].text) == ("te", "weten"):
        listing, index = True, index + 2
    if index >= len(words):
        return None
    for phrase in _GOVERNING_PHRASES:
        if tuple(w.text for w in words[index:index + len(phrase)]) == phrase:
            index += len(phrase)
            break
    else:
        if words[index].text in _GOVERNING:
            index += 1
        elif not listing:
            return None
    if index >= len(words):
        return None
    counted = at > 0 and words[at - 1].text in _COUNTS
    return _phrase(clause, folded, index, listing or counted)


def _phrase(clause: Clause, folded: str, index: int, listing: bool = False) -> tuple[int, int]:
    """Return the span of the noun phrase (and the list it heads) that starts at word `index`."""
    words = clause.words
    start = words[index].start
    end = clause.end
    for at in range(index, len(words)):
        if at > index and _ends_phrase(words, at, folded, listing):
            end = words[at - 1].end
            break
    return start, _trim(folded, start, end)


def _ends_phrase(words: list[Word], at: int, folded: str, listing: bool) -> bool:
    word = words[at].text
    if word in _FINITE or any(f.form in ("participle", "past") for f in FORMS.get(word, ())) and not \
            any(f.form == "noun" for f in FORMS.get(word, ())):
        return True
    gap = folded[words[at - 1].end:words[at].start]
    if "," in gap and not listing and word in ("de", "het"):
        return True
    if word == "en" and at + 3 < len(words) and words[at + 1].text in ("de", "het") and \
            words[at + 3].text in ("van", "over") and (words[at + 2].text in _OTHER_TOPICS
                                                       or any(f.form == "noun" for f in forms_of(words[at + 2].text))):
        return True
    return False


def _trim(folded: str, start: int, end: int) -> int:
    while end > start and folded[end - 1] in " \n\t,;":
        end -= 1
    return end


# Nouns that open a topic of their own in a list ("de evaluatie van A en de voortgang van …").
_OTHER_TOPICS = {"evaluatie", "stand", "uitkomst", "resultaat", "resultaten", "toekomst", "situatie", "uitvoering"}
_INSTITUTIONS = {"de", "het", "een", "raad", "jbz-raad", "commissie", "europese", "europees", "parlement", "ep",
                 "voorzitterschap", "coreper", "kamer", "unie", "eu", "nederland", "nederlandse", "minister",
                 "commissaris", "lidstaten", "bnc", "com", "jbz", "pdf", "hierna", "op", "in", "tijdens", "er",
                 "ten", "ook", "daarnaast", "tevens", "verder", "dit", "deze", "bij", "uw", "wij", "ik"}
_GENERIC = {"voorstel", "voorstellen", "verordening", "richtlijn", "dossier", "dossiers", "tekst", "pakket",
            "wetgevingsvoorstel", "wetgevingsvoorstellen", "verordeningen", "richtlijnen", "het", "de", "dit", "deze",
            "beide", "die", "dat"}


def names_a_file(text: str) -> bool:
    """Return whether a span names something a file could be: a capitalised name that is no
    institution, an acronym, or an act with more than its generic noun ("verordening inzake …")."""
    words = _WORD.findall(text)
    for index, word in enumerate(words):
        lowered = word.lower()
        if lowered in _INSTITUTIONS or lowered in dates.MONTH_NAMES_NL or forms_of(lowered):
            continue
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if following == "voorzitterschap":
            continue
        if word[:1].isupper() and index > 0 or (len(word) >= 2 and word.isupper() and not word.isdigit()):
            return True
        if _LEGISLATION.search(lowered) and (lowered not in _GENERIC or following not in _GENERIC | {"", "en"}
                                             and following not in ("is", "zijn", "werd", "wordt")):
            if lowered not in _GENERIC or following in ("inzake", "betreffende", "voor", "tot", "ter", "over"):
                return True
    return False


def _anaphoric(text: str) -> bool:
    """Return whether a phrase only points back ("het voorstel", "deze verordening")."""
    return all(word.lower() in _GENERIC or word.lower() in _DETERMINERS for word in _WORD.findall(text))


def _scope(reading: Reading, layout: Layout, sentence: str) -> tuple[int, int]:
    """Return the span a claim is about: what its word governs, else its clause; a clause that names
    no file is widened to the clause it hangs on ("…, waarbij …", "… en treedt …"), then to the
    lead-in before a colon and the continuation ("Dit betreft …")."""
    if reading.scope is not None and names_a_file(sentence[reading.scope[0]:reading.scope[1]]):
        return reading.scope
    clause = reading.clause
    start, end = clause.start, _trim(sentence, clause.start, clause.end)
    if names_a_file(sentence[start:end]):
        return start, end
    body = layout.lead[1] + 1 if layout.lead else layout.body_start
    opener = clause.texts[0] if clause.texts else ""
    if (clause.dependent or opener.startswith("waar") or opener in ("dat", "die")) and \
            names_a_file(sentence[body:end]):
        return body, end
    if layout.lead and not _anaphoric(sentence[layout.lead[0]:layout.lead[1]]):
        return layout.lead[0], end
    if layout.continuation and names_a_file(sentence[layout.continuation[0]:layout.continuation[1]]):
        return layout.continuation
    return start, end


# Words that only accompany a claim ("de Commissie presenteerde een voorstel"): alone they make none.
_COMPANIONS = {"voorstel", "wetsvoorstel", "commissievoorstel", "pakket", "publicatieblad", "meerderheid", "doen"}


@lru_cache(maxsize=1 << 16)
def _triggers(word: str) -> str | None:
    """Return "" when a folded word can make a claim on its own, the particle it needs when it can
    only with its split-off particle ("stelde … vast"), or None when it cannot (it only accompanies)."""
    particles = [form.particle for form in forms_of(word) if form.lemma not in _COMPANIONS]
    if not particles:
        return None
    return "" if "" in particles else particles[0]


#: The forms that can make a claim (alone or with their particle): a sentence holding none of them,
#: nor a compound or link label ending in one, cannot claim, and is not read further.
_TRIGGER_FORMS = frozenset(word for word in FORMS if _triggers(word) is not None)
# Words whose stage word is at their end: a compound's head ("triloogakkoord"), a glued link label.
_TAILS = (*COMPOUND_HEADS, "pdf-document")
_TAIL_LITERALS = ("onderhandeling", "akkoord", "fiche", "pdf-document")


@lru_cache(maxsize=1 << 14)
def _may_claim(folded: str) -> bool:
    """Return whether a folded text holds a word that can make a claim (the gate before the full
    reading: most sentences hold none, and are not read further). Kept for the sentences last asked."""
    if "kracht" in folded or "toepassing" in folded or "titel voorstel" in folded:
        return True
    words = set(_WORD.findall(folded))
    candidates = words & _TRIGGER_FORMS
    if any(literal in folded for literal in _TAIL_LITERALS):
        candidates |= {word for word in words if word.endswith(_TAILS)}
    needed = {particle for word in candidates if (particle := _triggers(word)) is not None}
    if not ("" in needed or needed & words):
        return False
    # The stage word must also hold one of the gate's stems (a sentence with only "trad" or
    # "presentatie" has never been read as a claim).
    return any(_GATE.search(word) for word in candidates) or bool(_GATE.search(folded))


# -- sentences ---------------------------------------------------------------------------------------

def claims_of(sentence: str, letter_date: dt.date | None, folded: str | None = None,
              gated: bool = False) -> list[StageClaim]:
    """Return the stage claims of one sentence, one per clause and rung, each with the whole sentence
    as evidence and the span of the words it is about as `scope`. `gated`: the caller has already
    found a word in it that can make a claim."""
    folded = folded if folded is not None else fold(sentence)
    if not gated and not _may_claim(folded):
        return []
    return _claims_laid_out(sentence, folded, _layout(sentence, folded), letter_date)


def _claims_laid_out(sentence: str, folded: str, layout: Layout, letter_date: dt.date | None) -> list[StageClaim]:
    """Return `claims_of` a sentence whose parts are `layout`."""
    readings: list[Reading] = []
    for clause in layout.clauses:
        if not _is_read(clause, folded):
            continue
        _describe(clause, sentence, folded, letter_date)
        readings += _settled(_read(clause, clause.terms, folded, layout.aim))
    found: list[StageClaim] = []
    seen = set()
    for reading in readings:
        scope = _scope(reading, layout, sentence)
        key = (reading.name, reading.status, scope)
        if key in seen or any((c.name, c.status) == key[:2] and c.scope and c.scope[0] <= scope[0] and
                              scope[1] <= c.scope[1] for c in found):
            continue
        seen.add(key)
        clause = reading.clause
        near = clause.words[reading.at].start - clause.start
        reference = meeting_reference(sentence[clause.start:clause.end], letter_date,
                                      folded[clause.start:clause.end], near, _days(clause, sentence, letter_date))
        status = reading.status
        if status == "reached" and reference is not None and reference.kind in ("previous", "date", "month"):
            status = "reported"
        found.append(StageClaim(reading.name, status, sentence, reference, scope))
    return found


def _is_read(clause: Clause, folded: str) -> bool:
    """Return whether a clause of the sentence `folded` may claim: it holds a stage word, or the
    sentence a "van kracht" or "van toepassing"."""
    return bool(clause.terms) or "kracht" in folded or "toepassing" in folded


def _settled(readings: list[Reading]) -> list[Reading]:
    """Return a clause's claims without the phase that is only the setting of a milestone reached in
    it ("het in de triloog bereikte akkoord", "waar over onderhandeld is en … is aangenomen")."""
    milestones = [r for r in readings if r.name not in PHASES and r.status == "reached"]
    if not milestones:
        return readings
    top = max(STAGES.index(r.name) for r in milestones)
    return [r for r in readings if not (r.name in PHASES and r.status == "reached" and STAGES.index(r.name) < top)]


def claim(sentence: str, letter_date: dt.date | None, folded: str | None = None) -> StageClaim | None:
    """Return the first stage claim a sentence makes, with its status and the meeting it refers to.

    A milestone counts as reached only when the sentence says so ("werd … aangenomen", "bereikte een
    algemene oriëntatie"); merely naming one ("voor de inwerkingtreding van het Pact") claims nothing.
    A phase of work is under way unless the sentence plans it.
    """
    found = claims_of(sentence, letter_date, folded)
    return found[0] if found else None


_PREVIOUS = re.compile(r"\b(?:vorige|afgelopen|laatste)\s+(?:informele\s+)?(?:jbz-raad|raad|bijeenkomst)"
                       r"(?:\s+(?:in|van)\s+([a-z]+))?")
_NEXT = re.compile(r"\b(?:volgende|komende|eerstvolgende)\s+(?:informele\s+)?(?:jbz-raad|raad|bijeenkomst)")
_DIGIT = re.compile(r"\d")
# A day as jbz.dates reads one ("8 december", "8-9 dec."): a digit, blanks, a month's name or
# abbreviation, each of which opens with one of these (Dutch and English, as dates knows them).
_NAMES_A_DAY = re.compile(r"\d\s+(?:jan|feb|maa|mar|mrt|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)", re.IGNORECASE)
_COUNCIL_OF_MONTH = re.compile(r"\b(?:jbz-raad|raad|bijeenkomst)\s+(?:van|in)\s+(" + "|".join(dates.MONTH_NAMES_NL)
                               + r")\s+(\d{4})\b")


def meeting_reference(sentence: str, letter_date: dt.date | None, folded: str | None = None, near: int = 0,
                      days: list | None = None) -> MeetingReference | None:
    """Return the other meeting a clause speaks of: the previous, the next, or one on a date (of
    several, the one nearest offset `near`, where the stage is named). `days`: the dates the clause
    names, when the caller has found them already."""
    folded = folded if folded is not None else fold(sentence)
    if ("vorige" in folded or "afgelopen" in folded or "laatste" in folded) and (match := _PREVIOUS.search(folded)):
        month = dates.MONTH_NAMES_NL.index(match.group(1)) + 1 if match.group(1) in dates.MONTH_NAMES_NL else None
        return MeetingReference("previous", month=month)
    has_digit = _DIGIT.search(sentence) is not None
    if days is None:
        days = dates.find_date_ranges(sentence, letter_date) if has_digit else []
    ranges = sorted(days, key=lambda r: abs(r.pos - near))
    if ("volgende" in folded or "komende" in folded) and _NEXT.search(folded):
        return MeetingReference("next", day=ranges[0].start if ranges else None)
    if ranges:
        return MeetingReference("date", day=ranges[0].start)
    if has_digit and (match := _COUNCIL_OF_MONTH.search(folded)):
        return MeetingReference("month", month=dates.MONTH_NAMES_NL.index(match.group(1)) + 1,
                                year=int(match.group(2)))
    return None


# -- passages ----------------------------------------------------------------------------------------

# A BNC letter lists its fiches in one run without full stops ("Fiche 2: Verordening … (Kamerstuk
# 22 112, nr. 1237) Fiche 3: …"); a report lists what the Council adopted as bullets under one
# lead-in ("heeft de Raad de volgende instrumenten aangenomen: • … (algemene oriëntatie); • …").
_FICHE = re.compile(r"\bfiche(?: \d+)?:")
_FICHE_END = re.compile(r"\(kamerstuk[^)]{0,40}\)")
_BULLET = re.compile(r"\s*[•▪●]\s*")


def _segments(sentence: str, folded: str) -> list[tuple[str, str]]:
    """Return the parts of a sentence that claim on their own: each listed fiche, each bullet with its
    lead-in; else the sentence itself. Each as (text, folded text)."""
    fiches = [match.start() for match in _FICHE.finditer(folded)] if "fiche" in folded else []
    if fiches:
        parts = [(0, fiches[0])] if folded[:fiches[0]].strip() else []
        for start, end in zip(fiches, [*fiches[1:], len(folded)]):
            closing = _FICHE_END.search(folded, start, end)
            parts.append((start, closing.end() if closing else end))
        return [(sentence[a:b].strip(), folded[a:b].strip()) for a, b in parts]
    bullets = list(_BULLET.finditer(folded)) if "•" in folded or "▪" in folded or "●" in folded else []
    if len(bullets) >= 2 or (bullets and bullets[0].start() > 0):
        lead = sentence[:bullets[0].start()].strip()
        ends = [b.start() for b in bullets[1:]] + [len(folded)]
        return [(f"{lead} {sentence[b.end():end].strip()}".strip(), f"{fold(lead)} {folded[b.end():end].strip()}".strip())
                for b, end in zip(bullets, ends)]
    return [(sentence, folded)]


_NUMBER_ABBREVIATION = re.compile(r"\bnr\.\s*$")
_CONTINUES = re.compile(r"(?:dit|het) (?:betreft|gaat om|gaat over|zijn)\b")


def _claim_bounds(text: str, folded: str) -> list[int]:
    """Return the sentence bounds of a text, without the false end after "nr." ("(Kamerstuk 22 112,
    nr. 1237)") and before a sentence that only names what the one before refers to ("Dit betreft …")."""
    bounds = list(sentence_bounds(text))
    false_ends = set()
    at = text.find("nr.")
    while at != -1:
        for index in range(bisect.bisect_left(bounds, at + 3, 1, len(bounds) - 1),
                           bisect.bisect_right(bounds, at + 8, 1, len(bounds) - 1)):
            if _NUMBER_ABBREVIATION.search(text, max(0, bounds[index] - 8), bounds[index]):
                false_ends.add(index)
        at = text.find("nr.", at + 1)
    false_ends.update(index for index in range(1, len(bounds) - 1) if _CONTINUES.match(folded, bounds[index]))
    for index in sorted(false_ends, reverse=True):
        del bounds[index]
    return bounds


@lru_cache(maxsize=1 << 14)
def _claims_of_kept(sentence: str, letter_date: dt.date | None, folded: str, gated: bool) -> tuple[StageClaim, ...]:
    """Return `claims_of` of a sentence, kept for the sentences last read: letters repeat their
    sentences (a report copies its agenda's, every letter of a series its standard lines).
    `letter_date`: None where the sentence names no day, so that it is kept for every letter."""
    if letter_date is None or (not gated and not _may_claim(folded)):
        return tuple(claims_of(sentence, letter_date, folded, gated))
    return _dated_claims(sentence, letter_date, folded)


# A dated sentence's claims by what its dates are to the letter (see `_dated_claims`). Emptied when full.
_BY_DAYS: dict[tuple, tuple[StageClaim, ...]] = {}
_BY_DAYS_SIZE = 1 << 14


def _dated_claims(sentence: str, letter_date: dt.date, folded: str) -> tuple[StageClaim, ...]:
    """Return `claims_of` a sentence that names a day, kept by the days its clauses name and
    whether each is after `letter_date`: all a claim reads of the letter's date. So "op 19
    november jl." is read once for all the letters it is the same day to, before their own."""
    layout = _layout(sentence, folded)
    days = tuple(tuple((day.start, day.pos, day.start > letter_date) for day in _days(clause, sentence, letter_date))
                 if _is_read(clause, folded) else None for clause in layout.clauses)
    key = (sentence, folded, days)
    found = _BY_DAYS.get(key)
    if found is None:
        if len(_BY_DAYS) >= _BY_DAYS_SIZE:
            _BY_DAYS.clear()
        found = _BY_DAYS[key] = tuple(_claims_laid_out(sentence, folded, layout, letter_date))
    return found


def claims_in(text: str, letter_date: dt.date | None, folded: str | None = None) -> list[StageClaim]:
    """Return the stage claims the sentences of a passage make, in order (each with its sentence as
    evidence and its scope as offsets into that sentence). `folded`: the text folded, when the caller has it."""
    folded = fold(text) if folded is None else folded
    if not _GATE.search(folded):
        return []
    bounds = _claim_bounds(text, folded)
    found = []
    for start, end in zip(bounds, bounds[1:]):
        # Only sentences holding a stage word get the full reading.
        if not _may_claim(folded[start:end]):
            continue
        sentence, folded_sentence = text[start:end].strip(), folded[start:end].strip()
        segments = _segments(sentence, folded_sentence)
        for segment, folded_segment in segments:
            # Without a day of its own the letter's date cannot change what a sentence claims.
            day = letter_date if _NAMES_A_DAY.search(segment) else None
            found += _claims_of_kept(segment, day, folded_segment, len(segments) == 1)
    return found
