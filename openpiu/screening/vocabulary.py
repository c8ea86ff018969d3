"""The vocabulary of the candidate index: every name key as an integer id, and the keys near a token.

A traveller's token meets the vocabulary keys one edit away (SymSpell-style deletions over the
*vocabulary*, not over entries), two edits for tokens of five letters or more; tokens of three letters or
fewer only meet keys equal to them, or a four-letter key that contains them (one edit in ``ALI`` is a
different name).

Held compactly: each key of four letters or more, and each of its one-letter deletions, is stored once as
the string's hash in a NumPy multimap (``postings.Postings``) pointing to the key's id; a hash collision
only adds a key to score. A batch of travellers' tokens is looked up in one call, and what was found is
remembered per token (travellers' given names repeat all day).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from openpiu.screening.postings import Postings

# Below this length a token gets no edit neighbourhood (short-token care, see module docstring).
MIN_FUZZY_LENGTH = 4
# From this length a token's neighbourhood reaches two edits.
MIN_WIDE_LENGTH = 5
# Neighbourhoods of this many distinct traveller tokens are remembered before the memory is reset.
NEIGHBOUR_CACHE_SIZE = 200_000
# A key carried by more entries than this is frequent (a given name, a common surname): see ``index``.
FREQUENT_KEY = 64
_LOW = 0xFFFFFFFF


def deletions(token: str) -> set[str]:
    """Every string made by deleting one letter of ``token``."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """The vocabulary keys near one traveller token.

    Attributes:
        ids: the keys' integer ids.
        frequent: the ids of the frequent keys among them (``FREQUENT_KEY``), ascending.
        infrequent: the other ids.
        single: the ids carried by entries with a single-token name.
    """

    ids: frozenset[int]
    frequent: tuple[int, ...]
    infrequent: tuple[int, ...]
    single: tuple[int, ...]


class Vocabulary:
    """Name keys ↔ integer ids, how many entries carry each, and their edit neighbourhoods.

    Keys are added while the index is built (``id_of``, ``counts``); ``freeze`` ends that.

    Attributes:
        keys: the key of each id.
        counts: how many entries carry each key.
        frequent: per key id, 1 when more than ``FREQUENT_KEY`` entries carry it (after ``freeze``).
    """

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.counts: list[int] = []
        self.frequent = bytearray()
        self._ids: dict[str, int] = {}
        self._near_hashes = array("q")
        self._near_ids = array("i")
        self._near = Postings(array("q"), array("i"))
        self._frequent = np.zeros(0, dtype=bool)
        self._single: set[int] = set()
        self._remembered: dict[str, Neighbourhood] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def id_of(self, key: str) -> int:
        """The id of a key, added to the vocabulary when new (while building)."""
        number = self._ids.get(key)
        if number is None:
            number = self._ids[key] = len(self.keys)
            self.keys.append(key)
            self.counts.append(0)
            if len(key) >= MIN_FUZZY_LENGTH:
                for text in (key, *deletions(key)):
                    self._near_hashes.append(hash(text))
                    self._near_ids.append(number)
        return number

    def freeze(self, single: set[int]) -> None:
        """End the build: index the deletions, mark the frequent keys and those of single-token names."""
        self._near = Postings(self._near_hashes, self._near_ids)
        self._near_hashes, self._near_ids = array("q"), array("i")
        self.frequent = bytearray(count > FREQUENT_KEY for count in self.counts)
        self._frequent = np.frombuffer(self.frequent, dtype=np.uint8).astype(bool)
        self._single = single

    def neighbours(self, token: str) -> tuple[str, ...]:
        """Vocabulary keys equal to ``token`` or near it, sorted: one edit for 4+ letters, two for 5+.

        A three-letter token only meets four-letter tokens that contain it (a dropped letter).
        """
        return tuple(sorted(self.keys[i] for i in self.neighbourhoods([token])[0].ids))

    def neighbourhoods(self, tokens: Sequence[str]) -> list[Neighbourhood]:
        """The neighbourhood of each token; remembered per token in a bounded memory. The tokens not
        remembered are looked up together."""
        known = self._remembered
        missing = [token for token in dict.fromkeys(tokens) if token not in known]
        if missing:
            if len(known) + len(missing) > NEIGHBOUR_CACHE_SIZE:
                known.clear()
            # One row ``token number << 32 | key id`` per (token, key near it), sorted and distinct.
            rows = np.unique(self._find(missing))
            frequent = self._frequent[rows & _LOW]
            often, seldom = rows[frequent], rows[~frequent]
            numbers = np.arange(len(missing) + 1, dtype=np.int64) << 32
            often_at = np.searchsorted(often, numbers).tolist()
            seldom_at = np.searchsorted(seldom, numbers).tolist()
            often_keys = (often & _LOW).tolist()
            seldom_keys = (seldom & _LOW).tolist()
            for number, token in enumerate(missing):
                frequent_ids = tuple(often_keys[often_at[number] : often_at[number + 1]])
                other_ids = tuple(seldom_keys[seldom_at[number] : seldom_at[number + 1]])
                ids = frozenset(frequent_ids + other_ids)
                single = tuple(sorted(ids & self._single)) if self._single else ()
                known[token] = Neighbourhood(ids, frequent_ids, other_ids, single)
        return [known[token] for token in tokens]

    def _find(self, tokens: list[str]) -> npt.NDArray[np.int64]:
        """The keys near each token, as ``token number << 32 | key id`` (a pair may repeat).

        The token itself finds a key with one letter more; its deletions find keys with one letter less,
        one letter different or two letters swapped.
        """
        own: list[int] = []
        hashes: list[int] = []
        labels: list[int] = []
        for number, token in enumerate(tokens):
            exact = self._ids.get(token)
            if exact is not None:
                own.append(number << 32 | exact)
            if len(token) < MIN_FUZZY_LENGTH - 1:
                continue
            near = {token}
            size = len(token)
            if size >= MIN_FUZZY_LENGTH:
                near |= deletions(token)
                if size >= MIN_WIDE_LENGTH:
                    # Two edits for longer tokens: a typo inside a respelled digraph (VUCHICH → VUCHIHC)
                    # moves the skeleton two edits. Deleting twice here and once in the vocabulary reaches
                    # those. Each pair of positions once (deleting from the deletions makes each twice).
                    near |= {
                        token[:i] + token[i + 1 : j] + token[j + 1 :]
                        for i in range(size)
                        for j in range(i + 1, size)
                    }
            hashes += map(hash, near)
            labels += [number] * len(near)
        found = np.array(own, dtype=np.int64)
        if hashes:
            ids, owners = self._near.get_labelled(np.array(hashes, dtype=np.int64), np.array(labels))
            found = np.concatenate([found, owners.astype(np.int64) << 32 | ids])
        return found
