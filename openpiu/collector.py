"""Fewer passes of Python's cyclic garbage collector while a message is read or a batch is ingested.

Parsing allocates tens of thousands of objects that all live until the caller is done with them (the
model of a message, the row tuples of a batch), none of them in reference cycles. At Python's default
threshold (a young-generation collection every 700 allocations) the collector walks them again and
again: about a tenth of an ingest's CPU time and 15% of a PNRGOV parse's (docs/benchmarks.md). Reference
counting still frees everything as usual; only the cycle search runs less often, and memory stays bounded
by the message or batch.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between two collections of the youngest generation in such a block (Python's default: 700).
# A 100-booking PNRGOV push allocates about 300,000 objects, all alive until the reader returns: at 50,000
# the collector still walked them six times a push (PNRGOV parse ~10% slower, bench/parse_pnrgov.py).
GC_YOUNG_THRESHOLD = 500_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the youngest generation collected every ``GC_YOUNG_THRESHOLD`` allocations.

    The threshold is only ever raised (a collector switched off, or already as lax, is left alone), and
    restored only if it is still the one set here: another thread may have changed it meanwhile, and a
    nested block (a parse inside an ingest batch) leaves the outer one's setting in place.
    """
    young, *older = gc.get_threshold()
    if young == 0 or young >= GC_YOUNG_THRESHOLD:
        yield
        return
    gc.set_threshold(GC_YOUNG_THRESHOLD, *older)
    try:
        yield
    finally:
        if gc.get_threshold()[0] == GC_YOUNG_THRESHOLD:
            gc.set_threshold(young, *older)
