"""The offences a PIU may process PNR for: Annex II of the PNR Directive (EU) 2016/681, as a reference table.

Every pre-determined criterion, request and case is tagged with one of these categories (standards digest
§5.1; CJEU C-817/19: purposes are exhaustive, only terrorism and serious crime with an objective link, even
indirect, to air travel). Terrorist offences (Art 3(8), Directive (EU) 2017/541) are not in Annex II but are
the Directive's other purpose, so they are listed first.

The Annex II wording is paraphrased (the digest marks the list as unverified); the codes are ours and are
stored, so never rename one.
"""

from __future__ import annotations

from enum import StrEnum


class OffenceCategory(StrEnum):
    """A purpose a PNR assessment may serve: terrorism or one of the 26 Annex II offences."""

    TERRORISM = "terrorism"
    CRIMINAL_ORGANISATION = "criminal_organisation"
    HUMAN_TRAFFICKING = "human_trafficking"
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation"
    DRUG_TRAFFICKING = "drug_trafficking"
    WEAPONS_TRAFFICKING = "weapons_trafficking"
    CORRUPTION = "corruption"
    FRAUD = "fraud"
    MONEY_LAUNDERING_COUNTERFEIT_CURRENCY = "money_laundering_counterfeit_currency"
    CYBERCRIME = "cybercrime"
    ENVIRONMENTAL_CRIME = "environmental_crime"
    FACILITATION_UNAUTHORISED_ENTRY = "facilitation_unauthorised_entry"
    MURDER_GRIEVOUS_BODILY_INJURY = "murder_grievous_bodily_injury"
    ORGAN_TRAFFICKING = "organ_trafficking"
    KIDNAPPING_HOSTAGE_TAKING = "kidnapping_hostage_taking"
    ORGANISED_ARMED_ROBBERY = "organised_armed_robbery"
    CULTURAL_GOODS_TRAFFICKING = "cultural_goods_trafficking"
    PRODUCT_COUNTERFEITING = "product_counterfeiting"
    DOCUMENT_FORGERY = "document_forgery"
    HORMONAL_SUBSTANCES_TRAFFICKING = "hormonal_substances_trafficking"
    NUCLEAR_MATERIALS_TRAFFICKING = "nuclear_materials_trafficking"
    RAPE = "rape"
    ICC_CRIMES = "icc_crimes"
    AIRCRAFT_SHIP_SEIZURE = "aircraft_ship_seizure"
    SABOTAGE = "sabotage"
    STOLEN_VEHICLES_TRAFFICKING = "stolen_vehicles_trafficking"
    INDUSTRIAL_ESPIONAGE = "industrial_espionage"

    @property
    def label(self) -> str:
        """The category as a person reads it (Annex II wording, paraphrased)."""
        return OFFENCE_LABELS[self]


OFFENCE_LABELS: dict[OffenceCategory, str] = {
    OffenceCategory.TERRORISM: "terrorist offences (Directive (EU) 2017/541)",
    OffenceCategory.CRIMINAL_ORGANISATION: "participation in a criminal organisation",
    OffenceCategory.HUMAN_TRAFFICKING: "trafficking in human beings",
    OffenceCategory.CHILD_SEXUAL_EXPLOITATION: "sexual exploitation of children and child pornography",
    OffenceCategory.DRUG_TRAFFICKING: "illicit trafficking in narcotic drugs and psychotropic substances",
    OffenceCategory.WEAPONS_TRAFFICKING: "illicit trafficking in weapons, munitions and explosives",
    OffenceCategory.CORRUPTION: "corruption",
    OffenceCategory.FRAUD: "fraud, including fraud against the financial interests of the Union",
    OffenceCategory.MONEY_LAUNDERING_COUNTERFEIT_CURRENCY: (
        "laundering of the proceeds of crime and counterfeiting of currency, including the euro"
    ),
    OffenceCategory.CYBERCRIME: "computer-related crime / cybercrime",
    OffenceCategory.ENVIRONMENTAL_CRIME: "environmental crime, including trafficking in endangered species",
    OffenceCategory.FACILITATION_UNAUTHORISED_ENTRY: "facilitation of unauthorised entry and residence",
    OffenceCategory.MURDER_GRIEVOUS_BODILY_INJURY: "murder, grievous bodily injury",
    OffenceCategory.ORGAN_TRAFFICKING: "illicit trade in human organs and tissue",
    OffenceCategory.KIDNAPPING_HOSTAGE_TAKING: "kidnapping, illegal restraint and hostage-taking",
    OffenceCategory.ORGANISED_ARMED_ROBBERY: "organised and armed robbery",
    OffenceCategory.CULTURAL_GOODS_TRAFFICKING: "illicit trafficking in cultural goods",
    OffenceCategory.PRODUCT_COUNTERFEITING: "counterfeiting and piracy of products",
    OffenceCategory.DOCUMENT_FORGERY: "forgery of administrative documents and trafficking therein",
    OffenceCategory.HORMONAL_SUBSTANCES_TRAFFICKING: (
        "illicit trafficking in hormonal substances and other growth promoters"
    ),
    OffenceCategory.NUCLEAR_MATERIALS_TRAFFICKING: "illicit trafficking in nuclear or radioactive materials",
    OffenceCategory.RAPE: "rape",
    OffenceCategory.ICC_CRIMES: "crimes within the jurisdiction of the International Criminal Court",
    OffenceCategory.AIRCRAFT_SHIP_SEIZURE: "unlawful seizure of aircraft or ships",
    OffenceCategory.SABOTAGE: "sabotage",
    OffenceCategory.STOLEN_VEHICLES_TRAFFICKING: "trafficking in stolen vehicles",
    OffenceCategory.INDUSTRIAL_ESPIONAGE: "industrial espionage",
}
