"""Catalogues: English complete, the other languages complete for the main screens, placeholders intact."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment

from openpiu.pnr import CHANGE_LABELS
from openpiu.web.i18n import LANGUAGES, MAIN_SCREENS, PYTHON_MESSAGES, po_path, translations
from openpiu.web.rendering import TEMPLATES

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def _messages(names: tuple[str, ...] | None = None) -> set[str]:
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    found = set(PYTHON_MESSAGES)
    for path in TEMPLATES.glob("*.html"):
        if names is not None and path.name not in names:
            continue
        for _, _, message in env.extract_translations(path.read_text(encoding="utf-8")):
            text = message[0] if isinstance(message, tuple) else message
            if text is not None:
                found.add(text)
    return found


def _catalogue(language: str) -> dict[str, str]:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle)
    out = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        value = message.string[0] if isinstance(message.string, tuple) else message.string
        out[key] = value
    return out


def test_english_is_complete() -> None:
    english = _catalogue("en")
    assert _messages() - {k for k, v in english.items() if v} == set()


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_main_screens_are_translated(language: str) -> None:
    catalogue = _catalogue(language)
    missing = {m for m in _messages(MAIN_SCREENS) if not catalogue.get(m)}
    assert missing == set()
    for msgid, text in catalogue.items():
        assert PLACEHOLDER.findall(msgid) == PLACEHOLDER.findall(text), (language, msgid)


def test_serbian_cyrillic_is_cyrillic() -> None:
    text = translations("sr_Cyrl").gettext("Departures")
    assert text == "Одласци"
    assert translations("sr_Latn").gettext("Departures") == "Odlasci"


def test_unknown_language_falls_back_to_english() -> None:
    assert translations("xx").gettext("Flights") == "Flights"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_push_history_labels_are_in_every_catalogue(language: str) -> None:
    # The analysts of every PIU read the booking's changes in their language, not as codes.
    catalogue = _catalogue(language)
    assert {label for label in CHANGE_LABELS.values() if not catalogue.get(label)} == set()
    if language != "en":
        assert catalogue["traveller added"] != "traveller added"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_the_traveller_count_of_a_booking_created_is_in_every_catalogue(language: str) -> None:
    # The push history says "3 travellers" around a stored count: the words are the catalogue's, with
    # the language's plural forms (Serbian and Bosnian have three).
    catalogue = translations(language)
    said = {
        n: catalogue.ngettext("%(num)d traveller", "%(num)d travellers", n) % {"num": n} for n in (1, 3, 5)
    }
    assert all(text.startswith(f"{n} ") and "traveller" not in text for n, text in said.items()), said
