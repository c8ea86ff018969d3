"""Settings: the PIU's own state (OPENPIU_PIU_COUNTRY)."""

from __future__ import annotations

import pytest

from openpiu.errors import ConfigError
from openpiu.settings import DEFAULT_PIU_COUNTRY, load


@pytest.mark.parametrize(
    ("value", "country"),
    [
        ("", "SRB"),
        ("SRB", "SRB"),
        ("rs", "SRB"),
        (" mk ", "MKD"),
        ("ALB", "ALB"),
        ("XK", "RKS"),
        ("rks", "RKS"),
    ],
)
def test_piu_country_is_kept_as_alpha_3(value: str, country: str) -> None:
    assert load({"OPENPIU_PIU_COUNTRY": value}).piu_country == country


def test_the_default_is_the_demo_piu() -> None:
    assert load({}).piu_country == DEFAULT_PIU_COUNTRY == "SRB"


@pytest.mark.parametrize("value", ["Serbia", "ZZ", "ZZZ", "S", "12", "UNO"])
def test_a_malformed_piu_country_is_one_line_naming_the_variable(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load({"OPENPIU_PIU_COUNTRY": value})
    message = str(raised.value)
    assert message.startswith(f"OPENPIU_PIU_COUNTRY={value!r}:") and "\n" not in message
