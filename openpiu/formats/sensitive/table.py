"""THE reviewed table of PNR elements removed on receipt, with the category and the reason for each.

Legal basis: PNR Directive (EU) 2016/681 Art 6(1) (data not listed in Annex I are deleted on receipt),
Art 13(4) (data revealing racial or ethnic origin, political opinions, religion or philosophical beliefs,
trade-union membership, health, sex life or sexual orientation are not processed and are deleted
immediately), and CJEU C-817/19 (Annex I read strictly: "general remarks" = unaccompanied-minor
information only). Standards digest §5.2, §5.5, §6.

Rules of this table:

- An SSR code listed here is always removed, whatever its free text says.
- Meal requests are not an Annex I category at all; each meal code is listed with the most sensitive
  category it can reveal (religious meals → religion; medical diets → health; vegetarian and vegan
  meals → philosophical belief, which Art 13(4) names with religion), else ``not_in_annex_i``.
- Medical, mobility and sensory-assistance SSRs reveal health or disability.
- Free text (OSI, SSR free text of codes not listed, history lines) is matched against the word
  patterns below; OSI lines that are neither contact data (Annex I item 5) nor unaccompanied-minor
  information (item 12) are removed as ``not_in_annex_i``.
- Structured Annex I SSRs (DOCS, DOCO, DOCA, CTCx, FQTV, SEAT, TKNE, INFT, UMNR...) are never removed.

Changing an entry is a data-protection decision: record who reviewed it in docs/decisions.md.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Category(StrEnum):
    """Why an element was removed. Only this is logged and stored, never the element itself."""

    RELIGION_OR_BELIEF = "religion_or_belief"
    HEALTH = "health"
    ETHNIC_ORIGIN = "ethnic_origin"
    POLITICAL_OPINION = "political_opinion"
    TRADE_UNION = "trade_union"
    SEX_LIFE_OR_ORIENTATION = "sex_life_or_orientation"
    NOT_IN_ANNEX_I = "not_in_annex_i"


_R = Category.RELIGION_OR_BELIEF
_H = Category.HEALTH
_N = Category.NOT_IN_ANNEX_I

# SSR code → (category, reason). AIRIMP / IATA RP 1708 codes.
SSR_CODES: dict[str, tuple[Category, str]] = {
    # Meals revealing religion or belief (Art 13(4)).
    "MOML": (_R, "Muslim (halal) meal reveals religion"),
    "KSML": (_R, "kosher meal reveals religion"),
    "HNML": (_R, "Hindu meal reveals religion"),
    "VJML": (_R, "vegetarian Jain meal reveals religion"),
    "AVML": (_R, "Asian (Indian) vegetarian meal is requested for Hindu and Jain observance"),
    "VGML": (_R, "vegan meal may reveal a philosophical belief"),
    "VLML": (_R, "lacto-ovo vegetarian meal may reveal a philosophical belief"),
    "VOML": (_R, "oriental vegetarian meal may reveal a religious or philosophical belief"),
    "RVML": (_R, "raw vegetarian meal may reveal a philosophical belief"),
    # Meals revealing health (Art 13(4)).
    "DBML": (_H, "diabetic meal reveals diabetes"),
    "GFML": (_H, "gluten-free meal reveals coeliac disease or intolerance"),
    "NLML": (_H, "lactose-free meal reveals an intolerance"),
    "LSML": (_H, "low-salt meal reveals a cardiovascular or renal condition"),
    "LFML": (_H, "low-fat/cholesterol meal reveals a medical diet"),
    "LCML": (_H, "low-calorie meal reveals a medical diet"),
    "LPML": (_H, "low-protein meal reveals a renal condition"),
    "PRML": (_H, "low-purine meal reveals gout or a renal condition"),
    "HFML": (_H, "high-fibre meal reveals a medical diet"),
    "BLML": (_H, "bland meal reveals a gastric condition"),
    "SPML": (_H, "special meal with free text, used for medical (and religious) diets"),
    # Meals that reveal no sensitive category but are not Annex I data (Art 6(1)).
    "CHML": (_N, "child meal: not an Annex I category"),
    "BBML": (_N, "baby meal: not an Annex I category"),
    "FPML": (_N, "fruit platter: not an Annex I category"),
    "SFML": (_N, "seafood meal: not an Annex I category"),
    "ORML": (_N, "oriental meal: not an Annex I category"),
    "JPML": (_N, "Japanese meal: not an Annex I category"),
    # Medical assistance, mobility and sensory disability (health, Art 13(4)).
    "MEDA": (_H, "medical case (MEDIF clearance)"),
    "WCHR": (_H, "wheelchair to the aircraft door: reduced mobility"),
    "WCHS": (_H, "wheelchair up and down steps: reduced mobility"),
    "WCHC": (_H, "wheelchair to the seat: immobile passenger"),
    "WCMP": (_H, "own manual wheelchair: reduced mobility"),
    "WCBD": (_H, "own dry-cell battery wheelchair: reduced mobility"),
    "WCBW": (_H, "own wet-cell battery wheelchair: reduced mobility"),
    "WCLB": (_H, "own lithium-battery wheelchair: reduced mobility"),
    "WCOB": (_H, "on-board wheelchair: reduced mobility"),
    "BLND": (_H, "blind or partially sighted passenger"),
    "DEAF": (_H, "deaf or hard-of-hearing passenger"),
    "DPNA": (_H, "disabled passenger with intellectual or developmental disability needing assistance"),
    "OXYG": (_H, "medical oxygen on board"),
    "POXY": (_H, "passenger's own medical oxygen"),
    "PPOC": (_H, "portable oxygen concentrator"),
    "STCR": (_H, "stretcher passenger"),
    "LEGL": (_H, "left leg in a cast or needing rest"),
    "LEGR": (_H, "right leg in a cast or needing rest"),
    "ESAN": (_H, "emotional support animal reveals a mental-health condition"),
    "SVAN": (_H, "service animal reveals a disability"),
    "MAAS": (_N, "meet-and-assist handling request: not an Annex I category, often given for disability"),
    "PETC": (_N, "pet in cabin: not an Annex I category"),
    "AVIH": (_N, "animal in hold: not an Annex I category"),
}

# Free-text words → category. Upper case (EDIFACT level A/B traffic), matched as whole words.
TEXT_PATTERNS: tuple[tuple[Category, re.Pattern[str], str], ...] = (
    (
        _H,
        re.compile(
            r"\b(?:WHEEL ?CHAIR\w*|MEDIF|MEDICAL\w*|MEDICATION|OXYGEN|STRETCHER|BLIND|DEAF|PREGNAN\w*|"
            r"DIABET\w*|ALLERG\w*|EPILEP\w*|DIALYSIS|HIV|CANCER|ILLNESS|DISABLED|DISABILITY|AUTIS\w*|"
            r"DEMENTIA|INSULIN|CRUTCH\w*|PACEMAKER|COELIAC|CELIAC)\b"
        ),
        "medical condition, disability or assistance named in free text",
    ),
    (
        _R,
        re.compile(
            # Not CHRISTIAN or CHURCH: common given and family names, and names appear in remarks.
            r"\b(?:HALAL|KOSHER|MUSLIM|MOSLEM|ISLAM\w*|JEWISH|HINDU|SIKH|BUDDHIST|CATHOLIC|"
            r"ORTHODOX|PROTESTANT|MOSQUE|SYNAGOGUE|PRAYER|RAMADAN|PILGRIM\w*|HAJJ|UMRAH)\b"
        ),
        "religion named in free text",
    ),
    (Category.ETHNIC_ORIGIN, re.compile(r"\b(?:ETHNIC\w*|RACIAL)\b"), "ethnic origin"),
    (Category.POLITICAL_OPINION, re.compile(r"\bPOLITICAL\w*\b"), "political opinion"),
    (Category.TRADE_UNION, re.compile(r"\b(?:TRADE UNION|UNION MEMBER\w*)\b"), "trade-union membership"),
    (
        Category.SEX_LIFE_OR_ORIENTATION,
        re.compile(r"\b(?:GAY|LESBIAN|LGBT\w*|HOMOSEXUAL|BISEXUAL|TRANSGENDER|SAME SEX)\b"),
        "sex life or sexual orientation",
    ),
)

# A listed SSR code quoted inside free text: a word of its own (``OSI ... KSML``) or glued to the carrier,
# status and count as history lines write it (``SSR MOMLDLHK1``); not the start of a word (``MEDARD``).
CODE_IN_TEXT = re.compile(r"\b(" + "|".join(sorted(SSR_CODES)) + r")(?:\b|(?=[A-Z0-9]{2}[A-Z]{2}\d))")

# SSR codes whose content is Annex I data: never removed, their free text is not scanned.
STRUCTURED_SSRS = frozenset(
    {"DOCS", "DOCO", "DOCA", "CTCE", "CTCM", "CTCH", "CTCB", "CTCP", "CTCR", "FQTV", "SEAT", "NSST", "RQST"}
    | {"NSSA", "NSSW", "NSSB", "TKNE", "TKNA", "INFT", "UMNR", "CHLD", "GRPS", "FOID", "PCTC"}
)

# OSI lines that hold Annex I data: contact (item 5) and unaccompanied minors (item 12).
OSI_KEPT = re.compile(r"^(?:CTC|UM\b|UMNR|UNACCOMPANIED|MINOR)")


def classify_text(text: str) -> Category | None:
    """The category a free text reveals (a sensitive one first; ``not_in_annex_i`` for a quoted non-Annex
    SSR code such as a pet), or None."""
    upper = text.upper()
    found: Category | None = None
    for match in CODE_IN_TEXT.finditer(upper):
        found = SSR_CODES[match.group(1)][0]
        if found is not _N:
            return found
    for category, pattern, _reason in TEXT_PATTERNS:
        if pattern.search(upper):
            return category
    return found
