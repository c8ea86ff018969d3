"""Name tables per tradition and nationality, feminine surname forms."""
# ruff: noqa: RUF001 -- Cyrillic and Turkish letters in the tables are meant

from __future__ import annotations

import pytest

from openpiu.synth.names import NATIONALITY_ORIGINS, TABLES, Feminine, Origin, feminine_surname


@pytest.mark.parametrize("origin", list(Origin))
def test_every_tradition_has_names_of_both_sexes_and_surnames(origin: Origin) -> None:
    table = TABLES[origin]
    assert len(table.male) >= 15 and len(table.female) >= 15 and len(table.surnames) >= 20
    assert len(set(table.surnames)) == len(table.surnames)
    assert all(name == name.strip() and name for name in table.male + table.female + table.surnames)


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        (Origin.SERBIAN, {"Đorđević", "Živković", "Ćirić", "Đorđe", "Anđela"}),
        (Origin.ALBANIAN, {"Hoxha", "Krasniqi", "Berisha", "Çela", "Xhevat", "Gëzim"}),
        (Origin.BOSNIAN, {"Hadžić", "Dževad", "Čaušević", "Šejla"}),
        (Origin.MACEDONIAN, {"Стојановски", "Ѓорѓиевски", "Џамбазов", "Фросина"}),
        (Origin.MONTENEGRIN, {"Šćekić", "Vujošević", "Balša"}),
        (Origin.GERMAN, {"Müller", "Schröder", "Jürgen"}),
        (Origin.TURKISH, {"Yılmaz", "Şahin", "Çağrı"}),
        (Origin.BRITISH, {"O'Brien", "Fraser-Smith"}),
    ],
)
def test_tables_keep_their_own_spelling(origin: Origin, expected: set[str]) -> None:
    table = TABLES[origin]
    assert expected <= set(table.male + table.female + table.surnames)


def test_nationalities_draw_from_known_traditions_with_weights_summing_to_one() -> None:
    for nationality, pairs in NATIONALITY_ORIGINS.items():
        assert len(nationality) == 3
        assert {origin for origin, _ in pairs} <= set(TABLES)
        assert sum(weight for _, weight in pairs) == pytest.approx(1.0), nationality
    assert NATIONALITY_ORIGINS["RKS"][0][0] is Origin.ALBANIAN
    assert NATIONALITY_ORIGINS["MKD"][1][0] is Origin.ALBANIAN
    assert {o for o, _ in NATIONALITY_ORIGINS["BIH"]} == {Origin.BOSNIAN, Origin.SERBIAN, Origin.CROATIAN}


@pytest.mark.parametrize(
    ("surname", "rule", "female"),
    [
        ("Стојановски", Feminine.MACEDONIAN, "Стојановска"),
        ("Јованов", Feminine.MACEDONIAN, "Јованова"),
        ("Ќурчиев", Feminine.MACEDONIAN, "Ќурчиева"),
        ("Papadopoulos", Feminine.GREEK, "Papadopoulou"),
        ("Nikolaidis", Feminine.GREEK, "Nikolaidi"),
        ("Georgiou", Feminine.GREEK, "Georgiou"),
        ("Đorđević", Feminine.SAME, "Đorđević"),
        ("Hoxha", Feminine.SAME, "Hoxha"),
    ],
)
def test_feminine_surnames(surname: str, rule: Feminine, female: str) -> None:
    assert feminine_surname(surname, rule) == female
