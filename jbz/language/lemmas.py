"""The closed set of Dutch words a stage claim is built from, each inflected form mapped to its lemma.

Stage claims hang on a few dozen verbs and nouns, so their forms are generated here by the rules of
Dutch inflection rather than looked up in a general lemmatiser (simplemma's Dutch data takes about
0.4 s and 70 MB to load and knows nothing of separable verbs; this table is built in about a
millisecond). For a verb: the present ("stelt"), the past by 't kofschip ("stelde", "bereikte"), the
participle with or without ge- ("vastgesteld", "bereikt"), the infinitive with its particle joined
("vaststellen") or split by "te" ("vast te stellen"); irregular pasts and participles are listed. A
separable verb's particle ("stelde … vast") is read by the claim reader, which knows the particle
each verb takes. For a noun: singular and plural, and as the head of a compound ("Raadspositie",
"triloogonderhandelingen"), since a Dutch compound ends in its head.

All forms are folded (lower case, no diacritics), as the reader reads folded text.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Form:
    """One inflected form of a stage word."""

    #: The lemma: a verb's infinitive with its particle ("vaststellen"), a noun's singular.
    lemma: str
    #: "present", "past", "participle", "infinitive" (a verb's) or "noun".
    form: str
    #: The separable particle the verb takes when it is split off ("vast"), else "".
    particle: str = ""


@dataclass(frozen=True, slots=True)
class Verb:
    """A stage verb: its stem and what is irregular about it."""

    infinitive: str
    stem: str
    particle: str = ""
    #: Irregular past forms (singular, plural), when not stem + de/te.
    past: tuple[str, str] | None = None
    #: The participle without its particle, when not (ge)stem + d/t.
    participle: str | None = None


# Prefixes that take no ge- in the participle ("bereikt", "onderhandeld", "bekrachtigd").
_NO_GE = ("be", "ge", "ver", "ont", "her", "er", "onder")
# A stem ending in one of these takes -te/-t ('t kofschip), else -de/-d.
_VOICELESS = ("t", "k", "f", "s", "ch", "p", "x")

#: The stage verbs. What each stands for is the claim reader's business; this is only their forms.
VERBS = [
    Verb("voorstellen", "stel", "voor"),
    Verb("vaststellen", "stel", "vast"),
    Verb("publiceren", "publiceer"),
    Verb("presenteren", "presenteer"),
    Verb("lanceren", "lanceer"),
    Verb("indienen", "dien", "in"),
    Verb("uitbrengen", "breng", "uit", past=("bracht", "brachten"), participle="gebracht"),
    Verb("doen", "doe", past=("deed", "deden"), participle="gedaan"),
    Verb("komen", "kom", past=("kwam", "kwamen"), participle="gekomen"),
    Verb("bereiken", "bereik"),
    Verb("sluiten", "sluit", past=("sloot", "sloten"), participle="gesloten"),
    Verb("aannemen", "neem", "aan", past=("nam", "namen"), participle="genomen"),
    Verb("bekrachtigen", "bekrachtig"),
    Verb("goedkeuren", "keur", "goed"),
    Verb("bekendmaken", "maak", "bekend"),
    Verb("treden", "treed", past=("trad", "traden"), participle="getreden"),
    Verb("onderhandelen", "onderhandel"),
    Verb("bespreken", "bespreek", past=("besprak", "bespraken"), participle="besproken"),
    Verb("spreken", "spreek", past=("sprak", "spraken"), participle="gesproken"),
    Verb("toelichten", "licht", "toe"),
    Verb("voorleggen", "leg", "voor", past=("legde", "legden"), participle="gelegd"),
    Verb("terugverwijzen", "verwijs", "terug", past=("verwees", "verwezen"), participle="verwezen"),
    Verb("meegeven", "geef", "mee", past=("gaf", "gaven"), participle="gegeven"),
    Verb("instemmen", "stem", "in"),
    Verb("oppakken", "pak", "op"),
    Verb("verwelkomen", "verwelkom"),
]

#: Stage nouns: lemma -> its forms (singular first). Heads of compounds are matched by `noun_of`.
NOUNS: dict[str, tuple[str, ...]] = {
    "voorstel": ("voorstel", "voorstellen"),
    "wetsvoorstel": ("wetsvoorstel", "wetsvoorstellen"),
    "commissievoorstel": ("commissievoorstel", "commissievoorstellen"),
    "compromisvoorstel": ("compromisvoorstel", "compromisvoorstellen", "compromistekst", "compromisteksten"),
    "pakket": ("pakket", "pakketten", "package"),
    "fiche": ("fiche", "fiches"),
    "bnc-fiche": ("bnc-fiche", "bnc-fiches"),
    "onderhandeling": ("onderhandeling", "onderhandelingen", "onderhandelingsfase"),
    "triloog": ("triloog", "trilogen", "triloogfase", "triloogonderhandelingen"),
    "gedachtewisseling": ("gedachtewisseling", "gedachtewisselingen"),
    "debat": ("debat", "debatten", "beleidsdebat", "beleidsdebatten"),
    "discussie": ("discussie", "discussies"),
    "bespreking": ("bespreking", "besprekingen"),
    "behandeling": ("behandeling",),
    "voortgang": ("voortgang", "vooruitgang"),
    "voortgangsrapport": ("voortgangsrapport", "voortgangsrapportage", "voortgangsverslag", "voortgangsrapporten",
                          "voortgangsrapportages", "voortgangsverslagen"),
    "raadswerkgroep": ("raadswerkgroep", "raadswerkgroepen"),
    "orientatie": ("orientatie", "orientaties"),
    "benadering": ("benadering",),
    "raadspositie": ("raadspositie", "raadsposities", "raadsstandpunt"),
    "mandaat": ("mandaat", "raadsmandaat", "onderhandelingsmandaat"),
    "akkoord": ("akkoord", "akkoorden"),
    "deelakkoord": ("deelakkoord", "deelakkoorden"),
    "triloogakkoord": ("triloogakkoord",),
    "compromis": ("compromis",),
    "overeenstemming": ("overeenstemming",),
    "aanname": ("aanname", "vaststelling", "goedkeuring"),
    "bekendmaking": ("bekendmaking",),
    "publicatieblad": ("publicatieblad",),
    "inwerkingtreding": ("inwerkingtreding",),
    "indiening": ("indiening", "presentatie", "publicatie", "lancering"),
    "steun": ("steun",),
    "aandacht": ("aandacht",),
    "meerderheid": ("meerderheid", "unanimiteit", "consensus"),
}
#: Heads a compound may end in ("raadsonderhandelingen", "wetgevingsvoorstellen", "intelligentie-pakket").
COMPOUND_HEADS = ("onderhandelingen", "onderhandeling", "voorstellen", "voorstel", "akkoorden", "akkoord",
                  "pakket", "fiches", "fiche", "posities", "positie")


def _regular_past(stem: str) -> tuple[str, str]:
    ending = "te" if stem.endswith(_VOICELESS) else "de"
    return stem + ending, stem + ending + "n"


def _regular_participle(verb: Verb) -> str:
    ending = "" if verb.stem.endswith(("t", "d")) else ("t" if verb.stem.endswith(_VOICELESS) else "d")
    prefix = "" if verb.stem.startswith(_NO_GE) else "ge"
    return prefix + verb.stem + ending


def _verb_forms(verb: Verb) -> dict[str, Form]:
    """Return every folded form of one verb, particle joined where Dutch joins it."""
    bare = verb.infinitive[len(verb.particle):]
    past = verb.past or _regular_past(verb.stem)
    participle = verb.participle or _regular_participle(verb)
    present = {verb.stem, verb.stem + ("" if verb.stem.endswith("t") else "t"), bare}
    forms: dict[str, Form] = {}
    for word in present:
        forms[word] = Form(verb.infinitive, "present", verb.particle)
    for word in past:
        forms[word] = Form(verb.infinitive, "past", verb.particle)
    forms[verb.particle + participle] = Form(verb.infinitive, "participle")
    if verb.particle:
        forms[verb.infinitive] = Form(verb.infinitive, "infinitive")
    # An attributive participle takes -e ("het bereikte akkoord", "het gepresenteerde pakket").
    forms[verb.particle + participle + "e"] = Form(verb.infinitive, "participle")
    return forms


def _table() -> dict[str, list[Form]]:
    table: dict[str, list[Form]] = {}
    for verb in VERBS:
        for word, form in _verb_forms(verb).items():
            table.setdefault(word, []).append(form)
    for lemma, words in NOUNS.items():
        for word in words:
            table.setdefault(word, []).append(Form(lemma, "noun"))
    return table


#: Every form of every stage word -> what it may be (a present "stelt" may be voorstellen or vaststellen).
FORMS: dict[str, list[Form]] = _table()


_NOTHING: tuple[Form, ...] = ()


@lru_cache(maxsize=1 << 16)
def forms_of(word: str) -> tuple[Form, ...]:
    """Return what a folded word may be as a stage word: its own forms, else as a compound's head.

    Kept for the words last asked: a letter's vocabulary repeats, and every word of a sentence that
    may hold a stage word is asked.
    """
    found = FORMS.get(word)
    if found is not None:
        return tuple(found)
    if word.endswith("pdf-document"):
        # A link label glued to the word on parliament pages ("het voorstelPDF-document voor …").
        return forms_of(word[:-len("pdf-document")])
    if word.endswith(COMPOUND_HEADS):
        head = next(head for head in COMPOUND_HEADS if word.endswith(head))
        if len(word) > len(head) + 2:
            return tuple(form for form in FORMS.get(head, []) if form.form == "noun")
    return _NOTHING
