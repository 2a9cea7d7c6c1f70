"""One file, one dossier (jbz.dossiers.identity) over the built-in register (jbz.dossiers.register)."""
from __future__ import annotations

import pytest

from jbz.dossiers.identity import group, resolve
from jbz.dossiers.register import load_register
from jbz.language.names import definitions_in, mentions_in, name_key

KNOWN = [("Terugkeerverordening", ["Return Regulation", "2025/0059(COD)"], True),
         ("Eurodac", ["Eurodac"], False),
         ("Asiel- en migratiepact", ["Migratiepact"], False)]


def names_of(*letters: str) -> list[tuple[str, str, int]]:
    counts: dict[tuple[str, str], int] = {}
    for letter in letters:
        for mention in mentions_in(letter):
            counts[mention.key, mention.printed] = counts.get((mention.key, mention.printed), 0) + 1
    return [(key, printed, count) for (key, printed), count in counts.items()]


def definitions_of(*letters: str) -> list[tuple[str, str]]:
    return [(long.printed, short.printed) for letter in letters for long, short in definitions_in(letter)]


@pytest.fixture(scope="module")
def register():
    return load_register()


def test_the_register_keeps_each_fact_s_source(register):
    assert len(register) == 44
    eurodac = next(entry for entry in register if entry.id == "eurodac-2024")
    assert eurodac.procedure == "2016/0132(COD)" and "procedure" in eurodac.sources
    assert eurodac.dates["adopted"]


def test_eom_and_its_long_name_find_each_other(register):
    letters = ["De Raad sprak over het Europees Openbaar Ministerie (EOM) en de verordening.",
               "Het EOM-verordening is besproken."]
    identities = group(names_of(*letters), definitions_of(*letters), register, KNOWN)
    assert resolve("EOM", identities) is resolve("Europees Openbaar Ministerie", identities) is not None


def test_eurodac_spellings_and_both_registrations_are_one_dossier(register):
    letters = ["De onderhandelingen over de Eurodac Verordening.", "Er is akkoord over de Eurodac-verordening."]
    identities = group(names_of(*letters), [], register, KNOWN)
    eurodac = resolve("Eurodac", identities)
    assert eurodac.name == "Eurodac"
    assert set(eurodac.register_ids) == {"eurodac-2013", "eurodac-2024"}
    assert sum(1 for identity in identities if name_key("Eurodac") in identity.keys) == 1


def test_several_register_entries_under_one_name(register):
    identities = group([], [], register, [])
    assert set(resolve("Europese Grens- en Kustwacht", identities).register_ids) == {"ebcg-2016", "ebcg-2019"}
    assert set(resolve("e-evidence", identities).register_ids) == {"e-evidence-regulation",
                                                                    "e-evidence-directive"}


def test_the_alias_file_name_wins(register):
    identities = group(names_of("Het voorstel voor een Terugkeerverordening."), [], register, KNOWN)
    assert resolve("COM(2025) 101", identities).name == "Terugkeerverordening"


def test_numbers_and_titles_resolve(register):
    identities = group([], [], register, KNOWN)
    assert resolve("Verordening (EU) 2024/1351", identities).name == "Asiel- en migratiebeheerverordening"
    assert resolve("COM(2016)272", identities) is resolve("COM (2016) 272", identities)
    assert resolve("AVG", identities) is resolve("Algemene verordening gegevensbescherming", identities)
    assert resolve("richtlijn inzake de ontneming en confiscatie", identities).name == "Confiscatierichtlijn"
    assert resolve("Schengengrenscode", identities).name == "Schengengrenscode"
    assert resolve("geen bestaand dossier", identities) is None


def test_a_package_member_is_no_alias_of_the_package(register):
    letters = ["Het Asiel- en migratiepact (Asielprocedureverordening) is besproken."]
    identities = group(names_of(*letters), definitions_of(*letters), register, KNOWN)
    pact = resolve("Asiel- en migratiepact", identities)
    assert "Asielprocedureverordening" not in pact.aliases


def test_a_file_only_the_letters_name_is_a_dossier(register):
    letter = "Fiche 2: Verordening digitalisering visumprocedure (Kamerstuk 22 112, nr. 3400)"
    identities = group(names_of(letter), [], register, KNOWN)
    found = resolve("Verordening digitalisering visumprocedure", identities)
    assert found is not None and found.legislative and not found.register_ids


def test_different_files_stay_apart(register):
    identities = group([], [], register, KNOWN)
    assert resolve("Terugkeerrichtlijn", identities) is not resolve("Terugkeerverordening", identities)
    assert resolve("Procedureverordening", identities) is not resolve("EU-lijst veilige landen van herkomst",
                                                                      identities)


@pytest.mark.parametrize("title", [
    "Verordening ter voorkoming van de verspreiding van online terroristische inhoud",
    "verordening inzake de aanpak van terroristische inhoud online",
])
def test_a_title_holding_a_known_file_s_words_in_another_order_is_that_file(register, title):
    letters = [f"De Raad sprak over de {title}. Het voorstel ligt in de Raad."]
    identities = group(names_of(*letters), [], register, KNOWN)
    found = [identity for identity in identities if any(title in alias for alias in [identity.name, *identity.aliases])]
    assert len(found) == 1 and found[0].register_ids == ["tco"]


def test_a_title_holding_the_words_of_no_known_file_stays_a_file_of_its_own(register):
    title = "verordening inzake de verspreiding van gegevens over voertuigen"
    identities = group(names_of(f"De Raad sprak over de {title}."), [], register, KNOWN)
    found = [identity for identity in identities if any(title in alias for alias in [identity.name, *identity.aliases])]
    assert len(found) == 1 and not found[0].register_ids


def test_a_wrong_definition_does_not_chain_two_known_files_into_one(register):
    # Two files named side by side, the second in brackets, read as a definition: refused, both stay.
    identities = group(names_of("De Raad sprak over het EES."), [("Terugkeerverordening", "EES")], register, KNOWN)
    terugkeer = resolve("Terugkeerverordening", identities)
    ees = resolve("EES", identities)
    assert terugkeer is not None and ees is not None and terugkeer is not ees
    assert "com:2025/101" in terugkeer.keys and "com:2025/101" not in ees.keys
