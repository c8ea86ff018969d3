"""PAXLST parse speed: OpenPIU's parser (bytes → ``ApiManifest``) against pydifact's tokenizer alone.

Both read the same synthetic 200-passenger messages (the segments of the digest's annotated example,
about twenty per traveller), in one run, pinned to one core. Reproduce with::

    python -m bench.parse_paxlst
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable

from openpiu import accel
from openpiu.formats.paxlst import parse_paxlst

PASSENGERS = 200
MESSAGES = 5

_SURNAMES = (
    "PETROVIC",
    "HOXHA",
    "KRASNIQI",
    "JOVANOVIC",
    "BEGIC",
    "NIKOLOVSKI",
    "VUKOVIC",
    "MULLER",
    "ROSSI",
)
_GIVEN = ("MARKO", "ELIRA", "ARBEN", "JELENA", "AMIR", "ANA", "DRAGAN", "LEA", "LUCA", "MILICA")
_COUNTRIES = ("SRB", "ALB", "RKS", "BIH", "MKD", "MNE", "DEU", "ITA", "AUT")
_AIRPORTS = ("IST", "VIE", "FRA", "ZRH", "MUC", "FCO", "CDG")


def build_message(passengers: int = PASSENGERS, *, seed: int = 1) -> bytes:
    """A D05B flight-closure passenger list with ``passengers`` fully described travellers."""
    rng = random.Random(seed)
    origin = rng.choice(_AIRPORTS)
    flight = f"JU{rng.randint(100, 999)}"
    lines = [
        "UNA:+.? '",
        f"UNB+UNOA:4+JUAIR:ZZ+RSPIU:ZZ+250314:0815+{seed:09d}++APIS'",
        f"UNG+PAXLST+JUAIR:ZZ+RSPIU:ZZ+250314:0815+{seed}+UN+D:05B'",
        f"UNH+PAX{seed}+PAXLST:D:05B:UN:IATA+{flight}/250314/1030+01:F'",
        "BGM+745+CLOB'",
        f"RFF+TN:{flight}250314:::1'",
        "NAD+MS+++JU OPS CONTROL'",
        "COM+381 11 555 0100:TE+OPS.AT.JUAIR.EXAMPLE:EM'",
        f"TDT+20+{flight}+++JU'",
        f"LOC+125+{origin}'",
        "DTM+189:2503141030:201'",
        "LOC+87+BEG'",
        "DTM+232:2503141125:201'",
    ]
    for n in range(passengers):
        country = rng.choice(_COUNTRIES)
        yy, mm, dd = rng.randint(30, 99), rng.randint(1, 12), rng.randint(1, 28)
        lines += [
            f"NAD+FL+++{rng.choice(_SURNAMES)}:{rng.choice(_GIVEN)}:{rng.choice(_GIVEN)}'",
            f"ATT+2++{rng.choice('MF')}'",
            f"DTM+329:{yy:02d}{mm:02d}{dd:02d}'",
            "MEA+CT++:1'",
            f"MEA+WT++KGM:{rng.randint(5, 32)}'",
            "GEI+4+173'",
            f"FTX+BAG+++JU{rng.randint(100000, 999999)}:1'",
            "LOC+22+BEG'",
            f"LOC+174+{country}'",
            f"LOC+178+{origin}'",
            "LOC+179+BEG'",
            f"LOC+180+:::BEOGRAD {country}'",
            f"NAT+2+{country}'",
            f"RFF+AVF:{rng.randint(100000, 999999):X}'",
            f"RFF+ABO:{flight}{n:04d}'",
            f"RFF+SEA:{rng.randint(1, 30)}{rng.choice('ABCDEF')}'",
            f"DOC+P+{rng.randint(10**8, 10**9 - 1)}'",
            f"DTM+36:{rng.randint(26, 35)}{mm:02d}{dd:02d}'",
            f"LOC+91+{country}'",
        ]
    count = len(lines) - 3 + 2  # UNH..CNT plus UNT
    lines += [f"CNT+42:{passengers}'", f"UNT+{count}+PAX{seed}'", f"UNE+1+{seed}'", f"UNZ+1+{seed:09d}'"]
    return ("\n".join(lines) + "\n").encode("ascii")


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def measure(messages: int = MESSAGES, *, rounds: int = 7) -> dict[str, float]:
    """Travellers per second of both readers on the same messages."""
    from pydifact.control.characters import Characters
    from pydifact.tokenizer import Tokenizer

    batch = [build_message(seed=n + 1) for n in range(messages)]
    travellers = PASSENGERS * messages
    # pydifact's tokenizer takes the text after the UNA string, with its delimiters given separately.
    texts = [m.decode("ascii")[len("UNA:+.? '\n") :] for m in batch]

    def openpiu() -> None:
        for message in batch:
            parse_paxlst(message)

    def pydifact() -> None:
        for text in texts:
            for _token in Tokenizer().get_tokens(text, Characters()):
                pass

    parsed = sum(len(m.travellers) for message in batch for m in parse_paxlst(message))
    assert parsed == travellers, parsed  # noqa: S101 - the benchmark must measure a correct parse
    # The two readers alternate, round after round, so that a busy machine slows both alike; the
    # figures are medians over the rounds.
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours.append(travellers / _seconds(openpiu, repeats=3))
        theirs.append(travellers / _seconds(pydifact, repeats=1))
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    return {
        "openpiu": statistics.median(ours),
        "pydifact": statistics.median(theirs),
        "ratio": statistics.median(ratios),
    }


def _seconds(run: Callable[[], object], *, repeats: int) -> float:
    """Best CPU time of ``repeats`` runs: CPU time of this process (one core), the least disturbed."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    _pin_one_core()
    figures = measure()
    print(
        f"PAXLST parse, {MESSAGES} messages x {PASSENGERS} passengers, one core, CPU time (median); "
        f"readers: {accel.describe()}\n"
    )
    print("| reader | travellers/s |")
    print("|---|---:|")
    print(f"| OpenPIU `parse_paxlst` (bytes → ApiManifest) | {figures['openpiu']:,.0f} |")
    print(f"| pydifact tokenizer alone (str → tokens) | {figures['pydifact']:,.0f} |")
    print(f"| ratio (median of per-round ratios) | {figures['ratio']:.1f}x |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    print("Reproduce: python -m bench.parse_paxlst")


if __name__ == "__main__":
    main()
