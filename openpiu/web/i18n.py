"""Interface languages: gettext catalogues (Babel), compiled from the ``.po`` files when first used.

The ``.po`` files under ``locale/`` are the only source; they are compiled in memory, so neither a build
step nor committed ``.mo`` files are needed. English is complete; the other languages cover the main
screens (login, navigation, flights board, flight detail) and fall back to English elsewhere.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from openpiu.pnr import CHANGE_LABELS

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"

# Catalogue name -> the language's own name (shown in the language menu).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "sq": "Shqip",
    "sr_Latn": "Srpski (latinica)",
    "sr_Cyrl": "Српски (ћирилица)",
    "mk": "Македонски",
    "bs": "Bosanski",
}

# The BCP 47 tag of each catalogue, for <html lang>.
HTML_LANG: dict[str, str] = {
    "en": "en",
    "sq": "sq",
    "sr_Latn": "sr-Latn",
    "sr_Cyrl": "sr-Cyrl",
    "mk": "mk",
    "bs": "bs",
}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of ``language`` (English for an unknown one)."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    path = po_path(language)
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language.split("_")[0])
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def supported(language: str) -> bool:
    return language in LANGUAGES


# Messages chosen in Python and translated in templates through a variable (``_(entry.label)``), which
# the template extractor cannot see: listed here so the catalogues and their tests include them.
PYTHON_MESSAGES = (
    # navigation
    "Flights",
    "Search",
    "Watchlists",
    "Audit log",
    "Users and roles",
    "Hits",
    "Criteria",
    # hit states, sources, reason codes and dissemination statuses (openpiu.review), review roles
    "new",
    "in_review",
    "confirmed",
    "dismissed",
    "watchlist",
    "rule",
    "same_person",
    "pattern_corroborated",
    "other_relevant",
    "different_person",
    "data_error",
    "explained_by_context",
    "not_relevant",
    "other_false_positive",
    "requested",
    "approved",
    "refused",
    "sent",
    "system",
    # criteria states (openpiu.screening.rules.RuleState)
    "draft",
    "active",
    "retired",
    "Re-personalisation",
    "Data protection",
    "Statistics",
    "Re-personalisation requests",
    # staff roles (openpiu.model.StaffRole values) and traveller roles (openpiu.model.Role values)
    "analyst",
    "supervisor",
    "dpo",
    "auditor",
    "admin",
    "liaison",
    "authority",
    "passenger",
    "crew",
    # errors and messages of the routers
    "Wrong user name, password or code, or the account is locked. Try again later.",
    "Forbidden",
    "Not found",
    "Method not allowed",
    "Error",
    "Something went wrong",
    "Invalid request",
    "Fill in the search fields.",
    # watchlist categories and alias qualities (openpiu.web.routers.watchlists.LABELS)
    "wanted persons",
    "missing persons",
    "stolen or lost documents",
    "sanctions",
    "national alerts",
    "good alias",
    "weak alias",
    "The file is too large for the form: import it with the command line.",
    # the push history's change labels (openpiu.pnr.CHANGE_LABELS, one per change kind)
    *CHANGE_LABELS.values(),
)

# Templates of the main screens, which every language translates fully (the others may fall back).
MAIN_SCREENS = (
    "base.html",
    "login.html",
    "totp.html",
    "enrol.html",
    "board.html",
    "flight.html",
    "error.html",
)
