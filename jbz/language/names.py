"""The names the genre prints for EU files, found in a passage's text: read once per passage at index time.

What counts as an EU file (a proposed or adopted verordening, richtlijn or besluit, or a named
legislative package) and what does not ("het voorstel" alone, Council conclusions, mededelingen,
strategies, agencies on their own, national law) follows the genre. The kinds of mention:

- compound: "Terugkeerverordening", "CSAM-Verordening", "Prüm II-verordening", "Eurodac Verordening",
  "Asiel- en migratiebeheerverordening"; an "EU-"/"EG-" prefix and a glued footnote digit are no part of it;
- title: "(het gewijzigd voorstel voor een) verordening betreffende …" up to where the title ends, and
  the telegraphic titles of fiches and headings ("Richtlijn vuurwapens", "verordening handhaving AVG");
- act, com, procedure: "Verordening (EU) 2024/1351", "COM(2016) 723", "2016/0133(COD)";
- system: a system's or body's name (Eurodac, EES, EOM, Europol …) in a passage about legislation (one
  that holds a word such as voorstel, verordening, onderhandelingen: an agenda item's other sentences
  speak of the same file);
- package: GEAS, the asylum and migration pact, "Pakket Slimme Grenzen", "dataprotectie pakket";
- heading: a verslag's item label ("Gegevensbescherming: de Raad bereikte een algemene oriëntatie");
- abbreviation: a name the text defines ("het Europees Openbaar Ministerie (EOM)"), wherever it recurs.

Every pattern is gated by a substring test, as jbz.language.claims does: most passages name no file.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from jbz.fold import fold
from jbz.sentences import sentence_bounds


@dataclass(slots=True)
class Mention:
    """One place a passage names an EU file."""

    #: Offsets into the passage's text; `printed == text[start:end]`.
    start: int
    end: int
    #: The name as printed (line breaks kept).
    printed: str
    #: The identity key of the spelling (see `name_key`): spellings of one name share it.
    key: str
    #: How the name is built: compound, title, act, com, procedure, system, package, heading, abbreviation.
    kind: str


# ---------------------------------------------------------------------------------------------
# Word lists (folded). They are the genre's function words, not names of files.

_DETERMINERS = frozenset("de het een die dit deze dat the".split())
_PREPOSITIONS = frozenset("van voor tot ter over inzake betreffende met op in aan bij te om door tegen naar uit "
                          "onder tussen na per via m.b.t. aangaande houdende omtrent".split())
_CONJUNCTIONS = frozenset("en of maar dan als zoals".split())
# Words that start a clause or are a finite verb: a title never runs on across them.
_CLAUSE_WORDS = frozenset(
    "dat die waarin waarbij waarmee waarop waarvan waardoor welke omdat zodat wanneer indien terwijl hetgeen "
    "wat want doch echter is zijn was waren wordt worden werd werden heeft hebben had hadden zal zullen zou "
    "zouden kan kunnen kon konden moet moeten mag mogen wil willen gaat gaan ging staat staan stond blijft "
    "blijven ligt lag bevat regelt voorziet beoogt biedt geldt treedt trad bereikt bereikte verwelkomt "
    "verwelkomde steunt steunde lijkt vormt omvat kwam komt bleek vond sprak besprak stemde nam neemt krijgt "
    "houdt maakt stelt legt brengt zorgt betreft behelst vergt verplicht introduceert nog al ook niet wel "
    "reeds inmiddels verder daarom nu thans momenteel eerder uiteindelijk vooral tevens alleen zelf tijdig "
    "volledig spoedig snel zo daarbij hierbij daarmee hiermee hierover daarover eveneens hierin daarin "
    "wordt, er aangenomen vastgesteld gepubliceerd gepresenteerd aangekondigd voorgesteld besproken".split())
# Head adjectives that do not make a name ("de nieuwe verordening").
_GENERIC_ADJECTIVES = frozenset(
    "nieuwe nieuw huidige gehele hele totale volledige eerste tweede derde laatste europese europees "
    "gewijzigde herziene genoemde betreffende desbetreffende voorgestelde bestaande andere overige "
    "beide deze die omvangrijke brede grote kleine".split())
# Capitalised words that stand before "verordening" without naming it.
_NOT_A_NAME = frozenset("de het een deze die dit dat in op van voor met over en of als ook bij naar nederland "
                        "raad commissie parlement kamer eu eg eeg unie europese europees nieuwe huidige".split())
# Prefixes that make a compound generic ("ontwerpverordening"), not a name.
_GENERIC_PREFIXES = frozenset("ontwerp uitvoerings basis wijzigings eu eg eeg raads kader nieuwe".split())
_GENERIC_PACKAGE_PREFIXES = frozenset("maatregelen maatregel steun sanctie sancties hulp wetgevings totaal "
                                      "compromis voorjaars najaars herstel kerst".split())
_ABBREVIATIONS = frozenset("m.b.t. nr. o.a. art. bijv. jl. d.d. e.d. i.v.m. resp. mr. drs. dr. z.g.".split())
_NOUNS_LIKE_PARTICIPLES = frozenset("geweld gebied geld gezondheid gedrag gemeenschap gegevens gebruik gezin "
                                    "gezag".split())
# Abbreviations in brackets that name an institution or a language, never a file.
_NOT_FILE_ABBREVIATIONS = frozenset("EU EG EEG EP EC EIB COM JBZ BNC NL VK VS VN LIBE EDPB EDPS EDEO HV RAZ "
                                    "PV COREPER OESO NAVO EVRM HvJ HvJEU".split())

# Words that make a sentence one about a legislative file.
_FILE_WORDS = ("voorstel", "verordening", "richtlijn", "onderhandel", "triloog", "akkoord", "algemene orientatie",
               "algemene benadering", "raadswerkgroep", "herziening", "wijziging", "raadspositie", "compromis",
               "dossier", "wetgev", "pakket", "mandaat")
# Words after an item label that make it the label of a legislative file.
_HEADING_FILE_WORDS = re.compile(
    r"algemene (?:orientatie|benadering)|(?:gedeeltelijk|politiek|voorlopig) akkoord|triloog|raadswerkgroep"
    r"|het voorstel|de verordening|de richtlijn|raadspositie|onderhandelingsmandaat|compromistekst")

_WORD_CHARS = r"[^\W_]"
# Last words of an institution's name: "Europese Raad (ER)" defines no file.
_INSTITUTIONS = frozenset("raad commissie parlement hof rekenkamer bank ombudsman comite".split())


# ---------------------------------------------------------------------------------------------
# Numbers: acts, COM documents, procedures.

_ACT = re.compile(
    r"\b(?:uitvoerings|gedelegeerde\s+)?(?:verordening|richtlijn|kaderbesluit|raadsbesluit|besluit|beschikking"
    r"|uitvoeringsbesluit)(?:en)?\s*(?:(?:\((?:eu|eg|eeg|eu,\s*euratom|jbz)\)\s*(?:nr\.?\s*)?(\d{1,4}/\d{1,4}))"
    r"|(?:nr\.?\s*)(\d{1,4}/\d{4})|(\d{2,4}/\d{1,4})/(?:eu|eg|eeg|jbz)\b)")
_COM = re.compile(r"\bcom\s*\(\s*(\d{4})\s*\)\s*(\d{1,4})\b")
_PROCEDURE = re.compile(r"\b(\d{4})\s*/\s*(\d{4})\s*\(\s*(cod|cns|app|nle|ini|bud|spl|rsp)\s*\)")


def _act_key(match: re.Match) -> str:
    return "act:" + next(group for group in match.groups() if group)


def _com_key(match: re.Match) -> str:
    return f"com:{match.group(1)}/{int(match.group(2))}"


def _procedure_key(match: re.Match) -> str:
    return f"procedure:{match.group(1)}/{match.group(2)}({match.group(3)})"


def _numbers(text: str, folded: str) -> list[Mention]:
    """Return the act, COM and procedure numbers in a passage."""
    found = []
    for slash in _positions(folded, "/"):
        if not (folded[slash - 1:slash].isdigit() and folded[slash + 1:slash + 2].isdigit()):
            continue
        window = max(0, slash - 70)
        for pattern, key, kind in ((_ACT, _act_key, "act"), (_PROCEDURE, _procedure_key, "procedure")):
            for match in pattern.finditer(folded, window, slash + 30):
                if match.start() <= slash < match.end() and (kind == "procedure" or slash < match.end() - 1):
                    found.append(_mention(text, match.start(), match.end(), key(match), kind))
    for position in _positions(folded, "com"):
        match = _COM.match(folded, position)
        if match and (position == 0 or not folded[position - 1].isalnum()):
            found.append(_mention(text, match.start(), match.end(), _com_key(match), "com"))
    return _unique(found)


def _positions(folded: str, literal: str) -> list[int]:
    """Return where `literal` occurs in `folded` (str.find: far faster than a regex scan)."""
    found = []
    position = folded.find(literal)
    while position >= 0:
        found.append(position)
        position = folded.find(literal, position + 1)
    return found


def _unique(found: list[Mention]) -> list[Mention]:
    return list({(m.start, m.end): m for m in found}.values())


# ---------------------------------------------------------------------------------------------
# Compounds: one word (or a name and its head) that names one file.

_HEAD_AT_END = re.compile(r"(?:verordening|richtlijn|kaderbesluit|raadsbesluit)(?:en)?(?![^\W\d_])")
_ROMAN = re.compile(r"(?:[IVX]{1,4}|[ivx]{1,4})(?:[bB]|bis|BIS|ter|TER)?$|\d$")
_ELIDED = re.compile(r"(" + _WORD_CHARS + r"+-\s+(?:en|of)\s+(?:de\s+)?)$")
_PREV_WORD = re.compile(r"(\S+)(\s+)$")
_FOOTNOTE_TAIL = re.compile(r"(?<=[^\W\d_])\d{1,2}$")


def _compounds(text: str, folded: str) -> list[Mention]:
    """Return the compound names: "Terugkeerverordening", "Prüm II-verordening", "Eurodac Verordening"."""
    found = []
    if "verordening" not in folded and "richtlijn" not in folded and "besluit" not in folded:
        return found
    for head_start, head_end in _head_words(folded):
        start = _word_start(text, head_start)
        if start < head_start:
            start = _glued_start(text, start, head_start)
        else:
            start = _name_before(text, start)
        if start is not None and start < head_start:
            found += _compound_mentions(text, start, head_start, head_end)
    return found


def _acts(text: str, folded: str) -> list[Mention]:
    """Return the names of acts whose head is "akte" or "Act": "Kiesakte", "Toegankelijkheidsakte",
    "AI Act", "Digital Services Act". Only as a name: capitalised, and not a sentence's first word
    (where every word is), so that "geboorteakte" and "contact" are none."""
    found = []
    for head, glued in (("akte", True), ("act", False)):
        for position in _positions(folded, head):
            end = position + len(head)
            if folded.startswith("en", end) and glued:
                end += 2
            if folded[end:end + 1].isalpha():
                continue
            if glued:
                start = _word_start(text, position)
                if start == position or not text[start].isupper() or _first_of_sentence(text, start):
                    continue
            else:
                if text[position:position + 3] != "Act" or (position and text[position - 1].isalnum()):
                    continue
                start = _name_before(text, position)
                if start == position:
                    continue
            found.append(_mention(text, start, end, None, "compound"))
    return found


def _first_of_sentence(text: str, start: int) -> bool:
    """Return whether the word at `start` is the first of its sentence (or of the text)."""
    before = text[max(0, start - 3):start].rstrip()
    return not before or before[-1] in ".!?:\n"


# "de procedure- en de opvangrichtlijn": two files sharing a head, each with its own article (where
# "het asiel- en migratiepact", without a second article, is one).
_TWO_ELIDED = re.compile(r"(" + _WORD_CHARS + r"+)-\s+(?:en|of)\s+(?:de|het)\s+")


def _compound_mentions(text: str, start: int, head_start: int, head_end: int) -> list[Mention]:
    """Return the mention of a compound, or of the two files an elided pair with two articles names."""
    pair = _TWO_ELIDED.match(text, start, head_start)
    if pair is None:
        return [_mention(text, start, head_end, None, "compound")]
    first_end = pair.end(1) + 1
    head = text[head_start:head_end]
    return [_mention(text, start, first_end, name_key(pair.group(1) + head), "compound"),
            _mention(text, pair.end(), head_end, None, "compound")]


def _head_words(folded: str) -> list[tuple[int, int]]:
    """Return where "verordening", "richtlijn", "kaderbesluit", "raadsbesluit" (or plural) end a word."""
    found = []
    for head in ("verordening", "richtlijn", "kaderbesluit", "raadsbesluit"):
        for start in _positions(folded, head):
            end = start + len(head)
            if folded.startswith("en", end):
                end += 2
            if not folded[end:end + 1].isalpha():
                found.append((start, end))
    return found


def _word_start(text: str, position: int) -> int:
    """Return where the word (hyphens included) holding `position` starts."""
    start = position
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-’'"):
        start -= 1
    return start


def _glued_start(text: str, start: int, head: int) -> int | None:
    """Return where a glued compound's name starts ("EU-" and generic prefixes dropped), or None."""
    prefix = fold(text[start:head]).rstrip("-")
    for generic in ("eu-", "eg-", "eeg-"):
        if prefix.startswith(generic):
            start += len(generic)
            prefix = prefix[len(generic):]
    if not prefix or prefix in _GENERIC_PREFIXES or prefix.isdigit():
        return None
    if _ROMAN.fullmatch(text[start:head].rstrip("-")):
        # "Prüm II-verordening": the numeral belongs to the name before it.
        before = _name_before(text, start)
        return before if before < start else None
    elided = _ELIDED.search(text, max(0, start - 40), start)
    return elided.start() if elided else start


def _name_before(text: str, start: int) -> int:
    """Return where the capitalised name standing before `start` begins ("Europese Grens- en Kustwacht")."""
    words = 0
    begin = start
    while words < 5:
        previous = _PREV_WORD.search(text, max(0, begin - 40), begin)
        if not previous or "\n\n" in previous.group(2):
            break
        word = previous.group(1)
        if not _name_word(word, words):
            break
        begin = previous.start()
        words += 1
    # A name does not start with "en" or a hyphenated half.
    while begin < start and fold(text[begin:start].split()[0]) in _CONJUNCTIONS:
        begin = start if len(text[begin:start].split()) == 1 else begin + text[begin:start].index(" ") + 1
    if begin < start and all(fold(w.rstrip("-")) in _GENERIC_ADJECTIVES for w in text[begin:start].split()):
        return start
    return begin


def _name_word(word: str, position: int) -> bool:
    """Return whether a word before a head can be part of a file's name."""
    folded = fold(word)
    if folded in _NOT_A_NAME and not (position > 0 and folded in ("en", "europese", "europees")):
        return False
    if word[-1] in ".,;:()!?\"”":
        return False
    if folded in ("en", "of") and position > 0:
        return True
    has_capitals = sum(c.isupper() for c in word) >= 2
    return word[0].isupper() or has_capitals


# ---------------------------------------------------------------------------------------------
# Titles: "(het voorstel voor een) verordening betreffende …" and "Richtlijn vuurwapens".

_TITLE_HEAD_WORDS = frozenset("verordening verordeningen richtlijn richtlijnen kaderbesluit kaderbesluiten raadsbesluit "
                              "raadsbesluiten besluit richtlijnvoorstel verordeningsvoorstel wetgevingsvoorstel "
                              "wetgevingsvoorstellen".split())
_TITLE_PREFIX = re.compile(
    r"(?<![\w-])(?:(?:herziene?|gewijzigde?)\s+)?(?:(?:voorstel(?:len)?|richtlijnvoorstel|verordeningsvoorstel)\s+"
    r"(?:voor|tot)\s+(?:een\s+|de\s+|het\s+)?(?:(?:aanpassing|wijziging|herziening|herschikking)\s+van\s+"
    r"(?:de|het)\s+|(?:nieuwe\s+)?)|(?:herziene?|gewijzigde?)\s+)$")
_FORMAL_AUTHORS = re.compile(r"\s+van\s+(?:het\s+europees\s+parlement\s+en\s+(?:de\s+)?raad|de\s+raad|de\s+commissie)"
                             r"(?![^\W\d_])")
_CONNECTOR = re.compile(r"\s+(met betrekking tot|m\.b\.t\.|betreffende|inzake|tot|over|ter|voor|van|aangaande"
                        r"|houdende|om)\s+")
_BLANKS = re.compile(r"\s*")
_TOKEN = re.compile(r"\S+")
_PARTICIPLE = re.compile(r"^[a-z]{0,6}?ge[a-z]{2,}(?:d|t|de|te)$")


def _titles(text: str, folded: str) -> list[Mention]:
    """Return the titled names: a head noun with the title that follows it."""
    found = []
    if "verordening" not in folded and "richtlijn" not in folded and "besluit" not in folded \
            and "voorstel" not in folded:
        return found
    for head_start, head_end in _title_heads(folded):
        start = head_start
        prefix = _TITLE_PREFIX.search(folded, max(0, head_start - 60), head_start)
        if prefix:
            start = prefix.start()
        title = _title_after(text, folded, start, head_start, head_end)
        if title is not None:
            found.append(_mention(text, start, title, None, "title"))
    return found


def _title_heads(folded: str) -> list[tuple[int, int]]:
    """Return where the head nouns of titles stand: whole words only ("besluit", not "raadsbesluit")."""
    found = []
    for literal in ("verordening", "richtlijn", "besluit", "voorstel"):
        for start in _positions(folded, literal):
            word_start = start
            while word_start and folded[word_start - 1].isalpha():
                word_start -= 1
            end = start + len(literal)
            while folded[end:end + 1].isalpha():
                end += 1
            if folded[word_start:end] in _TITLE_HEAD_WORDS:
                found.append((word_start, end))
    return sorted(set(found))


def _title_after(text: str, folded: str, start: int, head_start: int, head_end: int) -> int | None:
    """Return where the title that follows a head noun ends, or None when no title follows."""
    noun = folded[head_start:head_end]
    if noun.endswith("en") and _word_before(folded, head_start) in _GENERIC_ADJECTIVES | _QUANTIFIERS:
        return None  # "de overige verordeningen van het pact": several files spoken of together, no name
    position = head_end
    authors = _FORMAL_AUTHORS.match(folded, position)
    if authors:
        position = authors.end()
    connector = _CONNECTOR.match(folded, position)
    proposal = "voorstel" in folded[start:head_start]
    if noun == "besluit" and not (proposal or authors):
        return None
    if connector:
        word = connector.group(1)
        if word == "om" and not text[head_start].isupper():
            return None
        if word == "van" and folded.startswith(("van toepassing", "van kracht"), connector.start(1)):
            return None
        return _title_end(text, folded, connector.end(), 25)
    if authors or noun.startswith("wetgevingsvoorstel") or not _opens_name(text, folded, position):
        return None
    return _title_end(text, folded, position, 10)


# Numbers and quantifiers before a plural head: "twee verordeningen", "alle richtlijnen".
_QUANTIFIERS = frozenset("alle twee drie vier vijf zes zeven acht negen tien enkele diverse verschillende "
                         "meerdere vele sommige".split())
# The head noun as the object of an infinitive: "de verordening versneld toe te passen".
_INFINITIVE_AFTER = re.compile(r"(?:\s+[a-z]+){1,3}?\s+te\s+[a-z]+en\b")
_WORD_BEFORE = re.compile(r"([a-z]+)\s+$")


def _word_before(folded: str, position: int) -> str:
    """Return the word just before `position` (folded), or ""."""
    match = _WORD_BEFORE.search(folded, max(0, position - 30), position)
    return match.group(1) if match else ""


def _opens_name(text: str, folded: str, position: int) -> bool:
    """Return whether the word after a head noun begins a telegraphic name ("Richtlijn vuurwapens")."""
    if _INFINITIVE_AFTER.match(folded, position):
        return False
    # The next word after the white space, found without copying the rest of the text (a letter may
    # be megabytes long, and this runs at every head noun).
    token = _TOKEN.match(folded, _BLANKS.match(folded, position).end())
    if not token or folded[position:token.start()].count("\n") > 1:
        return False
    word = token.group().rstrip(".,;:!?)")
    printed = text[token.start():token.start() + len(word)]
    if len(word) < 3 or not word[0].isalpha():
        return False
    if word in _DETERMINERS or word in _PREPOSITIONS or word in _CONJUNCTIONS or word in _CLAUSE_WORDS:
        return False
    if word in _GENERIC_ADJECTIVES:
        return False
    if _PARTICIPLE.match(word) and word not in _NOUNS_LIKE_PARTICIPLES and not _in_name_position(text, position):
        return False
    # A lower-case word in -t after the head is a verb ("de verordening zorgt"); a name is capitalised.
    return printed[0].isupper() or not word.endswith("t")


def _in_name_position(text: str, head_end: int) -> bool:
    """Return whether the head noun ending at `head_end` opens a line or a fiche's title ("Fiche 7: verordening
    gearomatiseerde wijnbouwproducten"), where a name, not a sentence, follows it."""
    line_start = text.rfind("\n", max(0, head_end - 400), head_end) + 1
    before = text[line_start:head_end]
    return bool(re.match(r"\s*(?:(?:fiche|\d{1,2}\.)[^:\n]{0,12}:?\s*)?(?:wijziging\s+)?\S+$", before, re.I))


def _title_end(text: str, folded: str, position: int, most_words: int) -> int | None:
    """Return where a title starting at `position` ends (see the module docstring), or None if empty."""
    limit = min(len(text), position + 400)
    end = None
    content = False
    fixed_until = -1
    previous = ""
    for count, token in enumerate(_TOKEN.finditer(folded, position, limit)):
        gap = folded[(end or position):token.start()]
        if count >= most_words or gap.count("\n") > 1:
            break
        if ("\n" in gap and _opens_new_line(text, token.start(), previous)) or \
                _opens_sentence(text, folded, token, previous):
            break
        previous = text[token.start():token.end()]
        raw = token.group()
        if raw.startswith("("):
            bracket = re.match(r"\([A-Z][\w-]*\)", text[token.start():token.end()])
            if bracket and content:
                end = token.start() + bracket.end()
            break
        word = raw.rstrip(".,;:!?)”\"'")
        word = _FOOTNOTE_TAIL.sub("", word) if word not in _ABBREVIATIONS else word
        if token.start() < fixed_until:
            pass
        elif word == "dat" and folded.endswith("recht ", 0, token.start()) and \
                (applicable := _APPLICABLE_LAW.match(folded, token.end())):
            fixed_until = applicable.end()  # "het recht dat van toepassing is op …" belongs to the title
        elif word in _CLAUSE_WORDS or (word in ("en", "of") and _ends_title_at_conjunction(folded, token.end())):
            break
        if raw.startswith(("“", '"', "‘")) or not word:
            break
        end = token.start() + len(word)
        if len(word) >= 4 and word not in _PREPOSITIONS and word not in _DETERMINERS and not word.isdigit():
            content = True
        tail = raw[len(word):]
        if tail and tail[0] in ";:!?" or (tail.startswith(".") and raw not in _ABBREVIATIONS):
            break
        if tail.startswith(",") and (not _LIST_GOES_ON.match(folded, token.end(), token.end() + 60)
                                     or _CAPITALISED_NEXT.match(text, token.end())):
            break  # a title's own enumeration is in lower case; a capitalised name after the comma is the next file
    if end is None or not content:
        return None
    return _trim_function_words(text, folded, position, end)


_LIST_GOES_ON = re.compile(r"\s*\w+(?:\s+\w+)?\s+en\s")
_CAPITALISED_NEXT = re.compile(r"\s*[A-Z]")


# After "en", a title's own second noun phrase: a nominalisation with its complement ("… van
# mensenhandel en de bescherming van slachtoffers"), as the genre's formal titles coordinate them.
_COORDINATED_NOUN = re.compile(r"\s+(?:de |het )?[a-z]+(?:ing|ingen|heid|tie|ties|sie) (?:van|voor|tegen|op|aan|tot)\b")


# The titles of private international law name "het recht dat van toepassing is op …" (Rome I to III,
# successions, property regimes): a relative clause that belongs to the title.
_APPLICABLE_LAW = re.compile(r"\s+van\s+toepassing\s+(?:is|zijn)\s+op\b")


def _ends_title_at_conjunction(folded: str, after: int) -> bool:
    """Return whether "en"/"of" ending at `after` closes a title: a new noun phrase or prepositional
    phrase of the sentence follows ("… en de Raad", "… en over het akkoord"), not the title's own
    coordinated noun ("… en de bescherming van slachtoffers")."""
    if _COORDINATED_NOUN.match(folded, after):
        return False
    following = _next_word(folded, after)
    if following in ("tot", "ter"):
        return False  # a formal title's second purpose: "… tot vaststelling van X en tot wijziging van Y"
    return following in ("de", "het", "een", "die", "dat", "deze") or following in _PREPOSITIONS


def _opens_sentence(text: str, folded: str, token: re.Match, previous: str) -> bool:
    """Return whether a word opens a new sentence whose full stop went missing: a capitalised function
    word ("Het", "In", "Zoals") after a lower-case word ("… het veilig derde Het Voorzitterschap …"),
    as Dutch capitalises names, not the words between them."""
    if not previous or not text[token.start():token.start() + 1].isupper() or previous[:1].isupper():
        return False
    word = folded[token.start():token.end()].rstrip(".,;:")
    return word in _DETERMINERS or word in _PREPOSITIONS or word in _CONJUNCTIONS or word in _CLAUSE_WORDS \
        or word in _SENTENCE_OPENERS


# Capitalised words that open a sentence in the genre, besides the function words.
_SENTENCE_OPENERS = frozenset("nederland zoals tijdens voorafgaand daarnaast verder tevens ook hierbij gedurende "
                              "informatie gedachtewisseling".split())
_FOOTNOTE_LINE = re.compile(r"\d{1,2}\s+\S")


def _opens_new_line(text: str, start: int, previous: str) -> bool:
    """Return whether a capitalised word opening a line starts something new (the next sentence, a
    label) rather than going on with a name: the line before ended on a word that neither leaves the
    phrase open ("van", "de", "en") nor is itself part of a capitalised name ("Europese\nUnie")."""
    if _FOOTNOTE_LINE.match(text, start):
        return True  # a footnote's number opening the line: its text follows, not the name's
    if not text[start:start + 1].isupper() or not previous:
        return False
    last = fold(previous.rstrip(".,;:"))
    return not previous[:1].isupper() and last not in _PREPOSITIONS and last not in _DETERMINERS \
        and last not in _CONJUNCTIONS


def _next_word(folded: str, position: int) -> str:
    match = _TOKEN.search(folded, position, position + 40)
    return match.group().rstrip(".,;:") if match else ""


def _trim_function_words(text: str, folded: str, start: int, end: int) -> int:
    """Return `end` moved back over trailing function words ("… van de")."""
    while end > start:
        last = folded.rfind(" ", start, end)
        last = max(last, folded.rfind("\n", start, end))
        word = folded[last + 1:end]
        if word in _DETERMINERS or word in _PREPOSITIONS or word in _CONJUNCTIONS:
            end = len(text[:last].rstrip()) if last > start else start
        else:
            break
    return end


# ---------------------------------------------------------------------------------------------
# Systems, bodies and packages.

# The genre's systems and bodies: a file when a sentence speaks of legislation.
_SYSTEMS = re.compile(
    r"(?<![\w-])(?:eurodac|etias|ecris-tcn|e-evidence|eom|europees openbaar ministerie|europol|eurojust|frontex"
    r"|easo|euaa|eu-lisa|cepol|prum|europese grens- en kustwacht|(?:in|inreis)- en uitreissysteem"
    r"|interoperabiliteit|ees|sis(?: ii)?|vis|pnr|api|ecris)(?=\d{0,2}(?![\w]))")
_UPPERCASE_ONLY = frozenset("ees sis vis pnr api eom ecris".split())
_SYSTEM_NAMES = ("ecris-tcn", "eurodac", "etias", "e-evidence", "europees openbaar ministerie", "europol", "eurojust",
                 "frontex", "easo", "euaa", "eu-lisa", "cepol", "prum", "europese grens- en kustwacht",
                 "inreis- en uitreissysteem", "in- en uitreissysteem", "interoperabiliteit", "sis ii", "ees", "sis",
                 "vis", "pnr", "api", "eom", "ecris")
# Each name where it starts a word: "ees" is in most Dutch sentences, but seldom at a word's start.
# (The boundary is checked after the name, so that the search runs on the name's letters.)
_SYSTEM_STARTS = tuple((name, re.compile(re.escape(name) + rf"(?<!(?:[^\W_]|-){re.escape(name)})"))
                       for name in _SYSTEM_NAMES)
# The genre's named packages and codes: files whenever they are named.
_PACKAGES = re.compile(
    r"(?<![\w-])(?:geas|gemeenschappelijke?\s+europe(?:es|se)\s+asielstelsel|(?:asiel|migratie)-?\s+(?:en\s+)?"
    r"(?:migratie|asiel)\w*pact|migratiepact|asielpact|pact\s+(?:on|inzake|over)\s+migrat\w+\s+(?:and|en)\s+"
    r"(?:asylum|asiel)|eu-code\s+voor\s+politiele\s+samenwerking|(?:schengen)?grenscode|visumcode)(?![\w])")
# Each literal every match holds, and how far before it a match may start.
_PACKAGE_GATE = (("geas", 0), ("asielstelsel", 50), ("pact", 50), ("eu-code", 0), ("grenscode", 10),
                 ("visumcode", 0))


def _systems(text: str, folded: str, about: bool) -> list[Mention]:
    """Return the systems and bodies named in a passage `about` legislation."""
    found = []
    if not about:
        return found
    for name, at_word_start in _SYSTEM_STARTS:
        if name not in folded:
            continue
        for match in at_word_start.finditer(folded):
            start = match.start()
            end = start + len(name)
            while folded[end:end + 1].isdigit() and end - start - len(name) < 2:
                end += 1
            if (start and (folded[start - 1].isalnum() or folded[start - 1] == "-")) or folded[end:end + 1].isalnum() \
                    or folded[end:end + 1] == "-":
                continue  # inside a word, or part of a compound ("EES-verordening"), read as one
            if name in _UPPERCASE_ONLY and not text[start:start + len(name)].isupper():
                continue
            found.append(_mention(text, start, start + len(name), None, "system"))
    return found


def _packages(text: str, folded: str) -> list[Mention]:
    """Return the named packages and codes: GEAS, the pact, "Pakket Slimme Grenzen", "dataprotectie pakket"."""
    found = []
    for literal, back in _PACKAGE_GATE:
        for position in _positions(folded, literal):
            for match in _PACKAGES.finditer(folded, max(0, position - back), position + 70):
                if match.start() <= position < match.end():
                    if match.group() == "geas" and not text[match.start():match.end()].isupper():
                        continue
                    found.append(_mention(text, match.start(), match.end(), None, "package"))
    found = _unique(found)
    if "pakket" in folded:
        found += _pakket_names(text, folded)
    if "mechanisme" in folded:
        found += _mechanisms(text, folded)
    return found


def _pakket_names(text: str, folded: str) -> list[Mention]:
    """Return "Pakket Slimme Grenzen", "dataprotectie pakket", "e-evidencepakket" (not "het pakket")."""
    found = []
    for position in _positions(folded, "pakket"):
        end = position + len("pakket")
        if folded[end:end + 1].isalpha():
            continue
        start = _word_start(text, position)
        prefix = folded[start:position].rstrip("-")
        if not prefix:
            previous = _PREV_WORD.search(text, max(0, position - 40), position)
            if previous and "\n" not in previous.group(2) and previous.group(1).isalpha():
                start, prefix = previous.start(), fold(previous.group(1))
        if prefix and prefix.isalpha() and prefix not in _GENERIC_PACKAGE_PREFIXES \
                and prefix not in _GENERIC_ADJECTIVES and prefix not in _DETERMINERS \
                and prefix not in _PREPOSITIONS and prefix not in _CONJUNCTIONS and prefix not in _CLAUSE_WORDS \
                and not prefix.endswith(("ige", "lijke", "ele", "ale")) and len(prefix) >= 3:
            if start < _word_start(text, position):
                start = _name_before(text, start + len(prefix)) if text[start].isupper() else start
            found.append(_mention(text, start, end, None, "package"))
        elif not prefix and text[position] == "P":
            title = _title_end(text, folded, end + 1, 6)
            if title is not None and _opens_name(text, folded, end):
                found.append(_mention(text, position, title, None, "package"))
    return found


def _mechanisms(text: str, folded: str) -> list[Mention]:
    """Return the mechanisms a regulation sets up ("Civiele Beschermingsmechanisme"), in a sentence about
    legislation."""
    found = []
    for position in _positions(folded, "mechanisme"):
        end = position + len("mechanisme")
        start = _word_start(text, position)
        if folded[end:end + 1].isalpha() or position - start < 5:
            continue
        elided = _ELIDED.search(text, max(0, start - 40), start)
        if elided:
            start = elided.start()
        previous = _PREV_WORD.search(text, max(0, start - 30), start)
        if previous and fold(previous.group(1)) in ("civiele", "civiel", "permanent", "permanente"):
            start = previous.start()
        if _about_legislation(_sentence_of(text, folded, position)):
            found.append(_mention(text, start, end, None, "compound"))
    return found


# ---------------------------------------------------------------------------------------------
# Item labels of a verslag: "Gegevensbescherming: de Raad bereikte een algemene oriëntatie".

_HEADING = re.compile(r"(?:\d{1,2}\.\s+)?([A-Z][^\n:.;]{2,70}?)(\s*\([A-Z][\w-]*\))?:\s+(?=\S)")
# Words that open or join a sentence's clauses, never a subject label's.
_CONNECTIVES = frozenset("daarnaast verder tevens ook bovendien voorts echter daarom dus tot slot ten slotte "
                         "geldt gelden betekent luidt volgt stelt zegt".split())
_NOT_A_HEADING = re.compile(
    r"(?:titel|datum|nr|fiche|behandelingstraject|eerstverantwoordelijk|essentie|nederlandse|inzet|stand"
    r"|belangrijkste|conclusie|toelichting|agenda|verslag|mededeling|raadsconclusies|conclusies|rapport"
    r"|strategie|actieplan|lunch|diner|aob|diversen|werkprogramma|voorzitterschap|den haag|aan|bijlage"
    r"|kamerstuk|onderwerp|besluit|stemming|doel|samenvatting|overig|de |het |een |in |op |bij |met )")


def _headings(text: str, folded: str) -> list[Mention]:
    """Return the item labels of a verslag that head a sentence about a legislative file."""
    found = []
    if ":" not in text:
        return found
    for colon in _positions(text, ":"):
        line_start = text.rfind("\n", max(0, colon - 400), colon) + 1
        # A label run into the paragraph before it ("… rol te geven. Eurovalsemunterij: de Raad …")
        # starts where the sentence before it ends.
        sentence_end = text.rfind(". ", line_start, colon)
        if sentence_end >= 0:
            line_start = sentence_end + 2
        if colon - line_start > 90:
            continue
        match = _HEADING.match(text, line_start)
        if not match or match.end(2 if match.group(2) else 1) + 1 < colon - 1 and text[colon - 1] != ")":
            continue
        label = fold(match.group(1))
        words = label.split()
        # A label names a subject: no verb and no connective of a sentence ("Daarnaast geldt:").
        if _NOT_A_HEADING.match(label) or len(words) > 6 or any(w in _CLAUSE_WORDS or w in _CONNECTIVES
                                                                  for w in words):
            continue
        sentence_end = min(len(folded), match.end() + 300)
        if _HEADING_FILE_WORDS.search(folded, match.end(), sentence_end):
            found.append(_mention(text, match.start(1), match.end(2) if match.group(2) else match.end(1),
                                  None, "heading"))
    return _unique(found)


# ---------------------------------------------------------------------------------------------
# Defined names.

_BRACKET = re.compile(r"\(\s*(?:hierna(?: te noemen)?\s*:?\s*)?[‘'\"“]?(?:de |het )?([^()\n]{2,40}?)[’'\"”]?\s*\)")
_ABBREVIATION = re.compile(r"[A-Z][A-Za-z0-9]*(?:[-–][A-Z0-9][A-Za-z0-9]*)*$")
_TWIN_ABBREVIATION = re.compile(r"\(([A-Z]{2,8})\)\s*[–-]\s*(\w+)\s*\(([A-Z]{2,8})\)")
_SO_CALLED = re.compile(r"\b(?:de|het)\s+(?:zogenoemde|zogenaamde|zogeheten)\s+[‘'\"“]?([^\s’'\"”,.;:()]+"
                        r"(?:[ -][A-Z][^\s’'\"”,.;:()]*)*)")


def definitions_in(text: str) -> list[tuple[Mention, Mention]]:
    """Return the (long, short) name pairs a passage defines: "het Europees Openbaar Ministerie (EOM)",
    "… (hierna: de Crisisverordening)", "de zogenoemde …" (only where the defined thing is an EU file)."""
    return names_in(text)[1]


def _definitions(text: str, folded: str, found: list[Mention]) -> list[tuple[Mention, Mention]]:
    pairs = []
    if "(" in text:
        pairs += _bracket_definitions(text, folded, found)
        pairs += _twin_definitions(text, folded)
    if "zoge" in folded:
        pairs += _so_called(text, folded, found)
    return pairs


def _bracket_definitions(text: str, folded: str, found: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Return the pairs of a name and the bracket after it: "(EOM)", "(hierna: de Crisisverordening)"."""
    pairs = []
    ends = {m.end: m for m in found}
    for match in _BRACKET.finditer(text):
        short = match.group(1).strip()
        is_hierna = "hierna" in fold(match.group())
        is_abbreviation = bool(_ABBREVIATION.match(short)) and sum(c.isupper() for c in short) >= 2
        if short in _NOT_FILE_ABBREVIATIONS or fold(short) in _INSTITUTIONS or not (is_hierna or is_abbreviation):
            continue  # "(hierna: Commissie)" names a body of the Union, no file
        short_mention = _mention(text, match.start(1), match.start(1) + len(short), None,
                                 "abbreviation" if is_abbreviation else "compound")
        long = _long_before(text, folded, match.start(), ends, short, is_hierna)
        if long is not None:
            pairs.append((long, short_mention))
    return pairs


def _long_before(text, folded, bracket, ends, short, is_hierna) -> Mention | None:
    """Return the name a bracket defines: the mention just before it, else the words whose initials spell
    the abbreviation (then only in a sentence about legislation)."""
    before = bracket
    while before > 0 and text[before - 1].isspace():
        before -= 1
    if before in ends:
        named = ends[before]
        # "Europees Openbaar Ministerie (EOM)": an abbreviation spells its name; a bracket that does
        # not is a name of something else standing next to it ("… het migratiepact (VWP)").
        return named if is_hierna or _spells(short, named.printed) else None
    if is_hierna:
        return None  # "(hierna: …)" names the words just before it, and those are no file's name
    start = _initials_start(text, folded, before, short)
    if start is not None and folded[start:before].split()[-1] in _INSTITUTIONS:
        return None
    if start is None or not _about_legislation(_sentence_of(text, folded, bracket)):
        return None
    return _mention(text, start, before, None, "system")


def _spells(abbreviation: str, name: str) -> bool:
    """Return whether an abbreviation's letters stand in a name, in order, the first as its first letter
    ("EES" in "Entry/Exit System", "APR" in "asielprocedureverordening", not "VWP" in "migratiepact")."""
    letters = [c for c in fold(abbreviation) if c.isalpha()]
    folded = fold(name)
    if not letters or not folded.startswith(letters[0]):
        return False
    at = 0
    for letter in letters:
        at = folded.find(letter, at) + 1
        if at == 0:
            return False
    return True


_INITIAL_WORD = re.compile(r"[^\W\d_][\w-]*")
_FUNCTION_WORDS = _PREPOSITIONS | _DETERMINERS | _CONJUNCTIONS



def _initials_start(text: str, folded: str, end: int, abbreviation: str) -> int | None:
    """Return where the up to eight words before `end` whose initials spell `abbreviation` start, or None."""
    letters = fold("".join(c for c in abbreviation if c.isalpha()))
    words = [match.span() for match in _INITIAL_WORD.finditer(text, max(0, end - 120), end)]
    initials = ""
    # From the last word back: each word before the ones chosen adds its initial in front.
    for start, stop in reversed(words[-8:]):
        if folded[start:stop] not in _FUNCTION_WORDS:
            initials = folded[start] + initials
        if initials == letters and text[start].isupper():
            return start
        if len(initials) > len(letters):
            break
    return None


def _twin_definitions(text: str, folded: str) -> list[tuple[Mention, Mention]]:
    """Return "Europees strafregister (ECRIS) – derdelanders (TCN)" as the long name of "ECRIS-TCN"."""
    pairs = []
    for match in _TWIN_ABBREVIATION.finditer(text):
        start = _phrase_before(text, match.start())
        long = _mention(text, start, match.end(), None, "system")
        # The short name is printed in two halves: its offsets span both, its key is the joined name's.
        short = Mention(match.start(1), match.end(3), text[match.start(1):match.end(3)],
                        name_key(f"{match.group(1)}-{match.group(3)}"), "abbreviation")
        pairs.append((long, short))
    return pairs


def _phrase_before(text: str, end: int) -> int:
    """Return where the up to three content words before `end` begin ("Europees strafregister")."""
    begin = end
    for _ in range(3):
        previous = _PREV_WORD.search(text, max(0, begin - 40), begin)
        if not previous or not previous.group(1).isalpha():
            break
        word = fold(previous.group(1))
        if word in _DETERMINERS or word in _PREPOSITIONS or word in _CONJUNCTIONS or word in _CLAUSE_WORDS:
            break
        begin = previous.start()
    return begin


def _so_called(text: str, folded: str, found: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Return "…, de zogenoemde X" paired with the name just before it, when X names a file."""
    pairs = []
    for position in _positions(folded, "zoge"):
        match = _SO_CALLED.search(text, max(0, position - 5), position + 80)
        if not match:
            continue
        short = _mention(text, match.start(1), match.end(1), None, "compound")
        if not _HEAD_AT_END.search(fold(short.printed)) and not short.printed.isupper() \
                and "pakket" not in fold(short.printed):
            continue
        before = [m for m in found if m.end <= match.start() and match.start() - m.end <= 4]
        if before:
            pairs.append((before[-1], short))
    return pairs


# ---------------------------------------------------------------------------------------------
# The whole passage.

def mentions_in(text: str) -> list[Mention]:
    """Return the EU files a passage names, in text order, none overlapping another (the longest kept)."""
    return names_in(text)[0]


def names_in(text: str, folded: str | None = None) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """Return a passage's mentions (as `mentions_in`) and the (long, short) names it defines (as
    `definitions_in`), read in one pass. `folded`: the text folded, when the caller has it."""
    folded = fold(text) if folded is None else folded
    found: list[Mention] = []
    pairs: list[tuple[Mention, Mention]] = []
    # Its sentences are read a run at a time, kept: letters repeat their sentences far more than
    # their passages (1,000 synthetic letters: 121,501 sentences, 11,035 different).
    about = _about_legislation(folded)
    for start, end in _runs(text):
        mentions, defined = _run_names(text[start:end], about)
        if mentions:
            found += [_shifted(mention, start) for mention in mentions]
        if defined:
            pairs += [(_shifted(long, start), _shifted(short, start)) for long, short in defined]
    # A label looks 300 characters ahead for its file; an abbreviation recurs anywhere in the passage.
    found += _headings(text, folded)
    found += _recurring(text, [short for _, short in pairs if short.kind == "abbreviation"])
    return _without_overlaps(found), pairs


# A sure sentence end, where no name runs on: a word of five lower-case letters or more, its full
# stop, then a capital ("nr. 767/2008", "o.a. De" and "2024. De" are not). The pattern opens with the
# full stop, which the search skips to, and only there looks back at the word.
_RUN_END = re.compile(r"\.(?<=[a-zß-öø-ÿ]{5}\.)\s+(?=[A-Z])")


def _runs(text: str) -> list[tuple[int, int]]:
    """Return the spans of `text` between sure sentence ends (see _RUN_END), each with its blanks."""
    starts = [0, *(match.end() for match in _RUN_END.finditer(text))]
    return list(zip(starts, [*starts[1:], len(text)]))


@lru_cache(maxsize=1 << 13)
def _run_names(text: str, about: bool) -> tuple[tuple[Mention, ...], tuple[tuple[Mention, Mention], ...]]:
    """Return the mentions (overlaps included) and definitions of a run of sentences of a passage
    `about` legislation or not, kept for the runs last read."""
    folded = fold(text)
    found = _plain_mentions(text, folded, about)
    pairs = _definitions(text, folded, found)
    for long, short in pairs:
        found += [long, short]
    return tuple(found), tuple(pairs)


def _shifted(mention: Mention, offset: int) -> Mention:
    """Return `mention` as offsets into a text that holds its own at `offset`."""
    if not offset:
        return mention
    return Mention(mention.start + offset, mention.end + offset, mention.printed, mention.key, mention.kind)


def _plain_mentions(text: str, folded: str, about: bool) -> list[Mention]:
    """Return every mention a run of sentences makes by the patterns, overlaps included (a verslag's
    labels, which look further, are read on the whole passage)."""
    return [*_numbers(text, folded), *_titles(text, folded), *_compounds(text, folded), *_acts(text, folded),
            *_systems(text, folded, about), *_packages(text, folded), *_listed_abbreviations(text, folded)]


# "de EU-fondsen op het terrein van migratie en veiligheid (BMVI, AMF en ISF)": the files a bracket lists.
_ABBREVIATION_LIST = re.compile(r"\(\s*([A-Z][A-Z0-9-]{2,9}(?:\s*,\s*[A-Z][A-Z0-9-]{2,9})*"
                                r"(?:\s*,?\s+(?:en|of)\s+[A-Z][A-Z0-9-]{2,9}|\s*,\s*[A-Z][A-Z0-9-]{2,9}))\s*\)")
_LISTED = re.compile(r"[A-Z][A-Z0-9-]{2,9}")


def _listed_abbreviations(text: str, folded: str) -> list[Mention]:
    """Return each abbreviation of a bracketed list of two or more, in a sentence about legislation."""
    found = []
    if "(" not in text:
        return found
    for match in _ABBREVIATION_LIST.finditer(text):
        if not _about_legislation(_sentence_of(text, folded, match.start())):
            continue
        for item in _LISTED.finditer(text, match.start(1), match.end(1)):
            if item.group() not in _NOT_FILE_ABBREVIATIONS:
                found.append(_mention(text, item.start(), item.end(), None, "abbreviation"))
    return found


def _recurring(text: str, shorts: list[Mention]) -> list[Mention]:
    """Return the other places an abbreviation the passage defines recurs."""
    found = []
    for short in {s.printed: s for s in shorts}.values():
        name = short.printed
        for start in _positions(text, name):
            end = start + len(name)
            tail = end
            while text[tail:tail + 1].isdigit() and tail - end < 2:
                tail += 1
            if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or text[tail:tail + 1].isalnum():
                continue
            found.append(_mention(text, start, end, short.key, "abbreviation"))
    return found


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    """Return the mentions that overlap no longer one, in text order."""
    taken: list[tuple[int, int]] = []
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        index = bisect.bisect_left(taken, (mention.start, mention.end))
        if index > 0 and taken[index - 1][1] > mention.start:
            continue
        if index < len(taken) and taken[index][0] < mention.end:
            continue
        taken.insert(index, (mention.start, mention.end))
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _mention(text: str, start: int, end: int, key: str | None, kind: str) -> Mention:
    """Return a mention of text[start:end] without a glued footnote digit or trailing blank."""
    printed = text[start:end].rstrip()
    if kind not in ("act", "com", "procedure"):
        printed = _FOOTNOTE_TAIL.sub("", printed)
    return Mention(start, start + len(printed), printed, key or name_key(printed), kind)


def _sentence_start(folded: str, position: int) -> int:
    # Looked for a bounded way back: a search to the text's start at every name would make a
    # megabyte letter quadratic, and no sentence of the genre runs to 2,000 characters.
    floor = max(0, position - 2000)
    start = max(folded.rfind(". ", floor, position), folded.rfind(".\n", floor, position),
                folded.rfind("\n\n", floor, position), floor - 1 if floor else -1)
    return start + 2 if start >= 0 else 0


def _sentence_of(text: str, folded: str, position: int) -> str:
    """Return the sentence of `text` holding `position`, folded (a sentence starts at a capital,
    which only `text` still has)."""
    bounds = sentence_bounds(text)
    index = bisect.bisect_right(bounds, position) - 1
    return folded[bounds[max(index, 0)]:bounds[min(index + 1, len(bounds) - 1)]]


def _about_legislation(sentence: str) -> bool:
    """Return whether a folded sentence holds a word that makes it one about a legislative file."""
    # Substring tests: a regex alternation of these words is several times slower on a sentence.
    return any(word in sentence for word in _FILE_WORDS)


# ---------------------------------------------------------------------------------------------
# Identity keys and the words of a name.

_LEADING = re.compile(
    r"^(?:(?:de|het|een|the|nieuwe|herziene?|gewijzigde?|herschikte)\s+"
    r"|(?:voorstel(?:len)?|richtlijnvoorstel|verordeningsvoorstel)\s+(?:voor|tot)\s+(?:een|de|het)?\s*"
    r"|(?:herziening|wijziging|herschikking)\s+(?:van\s+)?(?:de\s+|het\s+)?"
    r"|(?:eu|eg|eeg)[- ](?=\w))")
_HEAD_REVISION = re.compile(r"^(verordening|richtlijn)(?:en)? (?:tot|ter) (?:herziening|wijziging) van (?:de |het )?")
_FORMAL_AUTHORS_KEY = re.compile(r"^(verordening|richtlijn|besluit)(?:en)? van (?:het europees parlement en (?:de )?raad"
                                 r"|de raad|de commissie) ")
_SUFFIX = re.compile(r"^(.+?)[- ]?verordening(?:en)?$")
_PREFIX = re.compile(r"^verordening(?:en)? (?!(?:tot|ter|van|voor|over|inzake|betreffende|met|om|houdende)\b)(.+)$")


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """Return the identity key of a spelling: spellings of one name share it ("Eurodac", "EURODAC" and
    "Eurodac-verordening"; "COM(2016) 723" and "COM(2016)723"), "Dublin III-verordening" keeps its numeral.

    Kept for the spellings last asked: a letter names its files again and again."""
    folded = re.sub(r"\s+", " ", fold(name.strip()))
    number = _number_key(folded)
    if number:
        return number
    # "(2016)", "(herschikking)", "(EOM)" say nothing of which file; "(veilige landen van herkomst)" does.
    folded = re.sub(r"\s*\((?:\d{4}|herschikking|[^()\s]{2,30})\)$", "", folded)
    folded = _FOOTNOTE_TAIL.sub("", folded.rstrip(".,;: "))
    previous = None
    while previous != folded:
        previous = folded
        folded = _LEADING.sub("", folded)
    folded = _FORMAL_AUTHORS_KEY.sub(r"\1 ", folded)
    folded = _HEAD_REVISION.sub("", folded)
    folded = re.sub(r"\b(verordening|richtlijn)en\b", r"\1", folded)
    suffix = _SUFFIX.match(folded)
    if suffix:
        folded = suffix.group(1)
    prefix = _PREFIX.match(folded)
    if prefix:
        folded = prefix.group(1)
    return re.sub(r"[\s\-–’'.,;:]", "", folded)


def _number_key(folded: str) -> str | None:
    """Return the key of an act, COM or procedure number that is the whole of a name, or None."""
    for pattern, key in ((_COM, _com_key), (_PROCEDURE, _procedure_key), (_ACT, _act_key)):
        match = pattern.search(folded)
        if match and len(folded) - (match.end() - match.start()) <= 4:
            return key(match)
    bare = re.fullmatch(r"\(?(?:eu|eg)\)?\s*(?:nr\.?\s*)?(\d{1,4}/\d{1,4})", folded)
    return f"act:{bare.group(1)}" if bare else None


_HEAD_KINDS = (("verordeningen", "verordening"), ("verordening", "verordening"), ("richtlijnen", "richtlijn"),
               ("richtlijn", "richtlijn"), ("kaderbesluit", "besluit"), ("raadsbesluit", "besluit"),
               ("besluit", "besluit"), ("pakket", "pakket"), ("pact", "pakket"))
_TERM_STOPWORDS = _DETERMINERS | _PREPOSITIONS | _CONJUNCTIONS | frozenset(
    "eu eg europese europees voorstel herziening wijziging nieuwe inzake".split())


def content_terms(name: str) -> tuple[str | None, list[str]]:
    """Return a name's head kind (verordening, richtlijn, besluit, pakket or None) and the stems of its
    content words: "Confiscatierichtlijn" -> ("richtlijn", ["confiscatie"])."""
    head = None
    stems = []
    for word in re.findall(r"[a-z0-9]+", fold(name)):
        for suffix, kind in _HEAD_KINDS:
            if word.endswith(suffix) and (suffix != "pact" or len(word) == 4 or word.endswith("migratiepact")):
                head = head or kind
                word = word[:-len(suffix)]
                break
        if len(word) >= 3 and word not in _TERM_STOPWORDS:
            stems.append(_stem(word))
    return head, list(dict.fromkeys(stems))


def _stem(word: str) -> str:
    """Return a crude Dutch stem: "civiele" and "civiel" share one, so do "sancties" and "sanctie"."""
    if word.endswith("ies") or (word.endswith("es") and len(word) > 6):
        return word[:-1]
    if word.endswith("en") and len(word) > 6 and word[-3] not in "aeiou":
        return word[:-2]
    if word.endswith("e") and len(word) > 5 and word[-2] not in "aeiou":
        return word[:-1]
    return word


def matches_terms(terms: tuple[str | None, list[str]], mention_printed: str) -> bool:
    """Return whether a printed name holds a typed name's head and every stem of its content words."""
    head, stems = terms
    if not stems:
        return False
    printed = fold(mention_printed)
    if head is not None:
        heads = [suffix for suffix, kind in _HEAD_KINDS if kind == head]
        if not any(h in printed for h in heads):
            return False
    return all(_has_stem(printed, stem) for stem in stems)


def _has_stem(printed: str, stem: str) -> bool:
    if len(stem) >= 5:
        return stem in printed
    return re.search(rf"(?<![a-z]){re.escape(stem)}", printed) is not None
