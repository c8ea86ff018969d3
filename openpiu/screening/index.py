"""The in-memory candidate index: which watchlist entries are worth scoring for one traveller.

Scoring every entry for every traveller is what makes brute-force screening slow (GTAS scans the whole
list per traveller). The index narrows a million entries to a handful in three ways:

* **token keys**: every skeleton (``names.skeleton``) of every romanisation of every name token points to
  the entries that carry it;
* **edit neighbourhood**: SymSpell-style single deletions over the token *vocabulary* (not over entries),
  so a traveller token one edit away (a typo, a dropped letter, a swap) still finds its key. Tokens of
  three letters or fewer match only exactly: one edit in ``ALI`` is a different name;
* **date-of-birth blocking**: postings are split by year of birth; a traveller born in 1985 only meets
  entries born (or possibly born, for approximate and ranged dates) in 1985, plus entries without a date.

An entry is a candidate when at least two of the traveller's name tokens hit it (one when either name has
a single token). Document numbers have their own exact index (``documents.document_key``): a document hit
is a candidate whatever the name says.

Built from any iterable of entries, so the caller can rebuild it from the database and swap it in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from openpiu.model.watchlist import EntryKind, WatchlistEntry
from openpiu.screening.documents import document_key
from openpiu.screening.names import entry_keys

NameKeys = tuple[tuple[str, ...], ...]
"""Keys of one name: per token, the distinct skeletons of its romanisations."""

# Below this length a token gets no edit neighbourhood (short-token care, see module docstring).
MIN_FUZZY_LENGTH = 4
# From this length a token's neighbourhood reaches two edits.
MIN_WIDE_LENGTH = 5
# At most this many candidates are scored per traveller: the ones sharing the most tokens win.
MAX_CANDIDATES = 200
# Neighbourhoods of this many distinct traveller tokens are remembered before the memory is reset.
NEIGHBOUR_CACHE_SIZE = 200_000
# Entry sets of this many (token, year block) pairs are remembered before that memory is reset.
HIT_CACHE_SIZE = 100_000
NO_YEAR = 0


def deletions(token: str) -> set[str]:
    """Every string made by deleting one letter of ``token``."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


class CandidateIndex:
    """Token, edit-neighbourhood, date-of-birth and document indexes over a list of entries.

    Attributes:
        entries: every entry given, in order; candidates are positions in this list.
        keys: per entry, the ``NameKeys`` of each of its names (empty for names that cannot be keyed).
        not_screened: entries kept but not matched against travellers (organisations).
    """

    def __init__(self, entries: Iterable[WatchlistEntry]) -> None:
        self.entries: list[WatchlistEntry] = []
        self.keys: list[tuple[NameKeys, ...]] = []
        self.not_screened = 0
        self._single: set[int] = set()
        self._postings: dict[str, dict[int, list[int]]] = {}
        self._deletes: dict[str, list[str]] = {}
        self._documents: dict[str, list[int]] = {}
        self._neighbours: dict[str, tuple[str, ...]] = {}
        self._hit_cache: dict[tuple[str, tuple[int, ...] | None], frozenset[int]] = {}
        for entry in entries:
            self._add(entry)
        self._neighbours.clear()

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def vocabulary_size(self) -> int:
        return len(self._postings)

    def _add(self, entry: WatchlistEntry) -> None:
        position = len(self.entries)
        self.entries.append(entry)
        screened = entry.kind is not EntryKind.ORGANISATION
        names = tuple(entry_keys(name.full) for name in entry.names) if screened else ()
        self.keys.append(names)
        self.not_screened += not screened
        if any(len(keys) == 1 for keys in names):
            self._single.add(position)
        years = {year for born in entry.dates_of_birth for year in born.years} or {NO_YEAR}
        tokens = {key for keys in names for alternatives in keys for key in alternatives}
        for token in tokens:
            by_year = self._postings.get(token)
            if by_year is None:
                by_year = self._postings[token] = {}
                self._add_to_vocabulary(token)
            for year in years:
                postings = by_year.get(year)
                if postings is None:
                    by_year[year] = [position]
                else:
                    postings.append(position)
        if screened:
            for document in entry.documents:
                key = document_key(document.number)
                if key:
                    self._documents.setdefault(key, []).append(position)

    def _add_to_vocabulary(self, token: str) -> None:
        if len(token) < MIN_FUZZY_LENGTH:
            return
        for deleted in deletions(token):
            self._deletes.setdefault(deleted, []).append(token)

    def neighbours(self, token: str) -> tuple[str, ...]:
        """Vocabulary tokens equal to ``token`` or near it: one edit for 4+ letters, two for 5+ letters.

        A three-letter token only meets four-letter tokens that contain it (a dropped letter).

        Remembered per token (travellers' names repeat a lot); the memory is bounded.
        """
        found = self._neighbours.get(token)
        if found is None:
            if len(self._neighbours) >= NEIGHBOUR_CACHE_SIZE:
                self._neighbours.clear()
            found = self._neighbours[token] = tuple(self._find_neighbours(token))
        return found

    def _find_neighbours(self, token: str) -> set[str]:
        postings, deletes = self._postings, self._deletes
        found = {token} if token in postings else set()
        if len(token) < MIN_FUZZY_LENGTH - 1:
            return found
        found.update(deletes.get(token, ()))  # a vocabulary token with one letter more
        if len(token) < MIN_FUZZY_LENGTH:
            return found
        once = deletions(token)
        for deleted in once:
            if len(deleted) >= MIN_FUZZY_LENGTH and deleted in postings:
                found.add(deleted)  # one letter less
            found.update(deletes.get(deleted, ()))  # one letter different, or two swapped
        if len(token) >= MIN_WIDE_LENGTH:
            # Two edits for longer tokens: a typo inside a respelled digraph (VUCHICH → VUCHIHC) moves the
            # skeleton two edits. Deleting twice here and once in the vocabulary reaches those.
            for deleted in once:
                for twice in deletions(deleted):
                    if len(twice) >= MIN_FUZZY_LENGTH and twice in postings:
                        found.add(twice)  # two letters less
                    found.update(deletes.get(twice, ()))
        return found

    def _hits(self, key: str, years: tuple[int, ...] | None) -> frozenset[int]:
        """Entries in these year blocks carrying a neighbour of ``key``; remembered (bounded) because
        common given names meet the same year blocks over and over."""
        cache_key = (key, years)
        found = self._hit_cache.get(cache_key)
        if found is not None:
            return found
        hits: set[int] = set()
        postings = self._postings
        for token in self.neighbours(key):
            by_year = postings[token]
            if years is None:
                for every_year in by_year.values():
                    hits.update(every_year)
                continue
            for year in years:
                block = by_year.get(year)
                if block is not None:
                    hits.update(block)
        if len(self._hit_cache) >= HIT_CACHE_SIZE:
            self._hit_cache.clear()
        found = self._hit_cache[cache_key] = frozenset(hits)
        return found

    def document_candidates(self, keys: Iterable[str]) -> set[int]:
        """Entries carrying one of these document keys."""
        found: set[int] = set()
        for key in keys:
            found.update(self._documents.get(key, ()))
        return found

    def candidates(
        self, keys: Sequence[str], born: date | None, document_keys: Iterable[str] = ()
    ) -> list[int]:
        """Entries worth scoring for a traveller with these name keys, date of birth and documents.

        Args:
            keys: skeletons of the traveller's name tokens (``names.query_keys``).
            born: the traveller's date of birth; None searches every year.
            document_keys: ``documents.document_key`` of the traveller's documents.
        """
        years = _years(born)
        per_key = [self._hits(key, years) for key in dict.fromkeys(keys)]
        found = _in_two(per_key)
        if self._single:
            # Entries whose name has a single token need only one hit (and any entry, when the traveller
            # gave a single token).
            every = set().union(*per_key)
            found |= every & self._single if len(per_key) > 1 else every
        if len(found) > MAX_CANDIDATES:
            counts = {i: sum(i in hits for hits in per_key) for i in found}
            found = set(sorted(found, key=counts.__getitem__, reverse=True)[:MAX_CANDIDATES])
        documents = self.document_candidates(document_keys)
        return list(found | documents if documents else found)


def _in_two(sets: list[frozenset[int]]) -> set[int]:
    """Members of at least two of the sets (of all of them when there is only one)."""
    if len(sets) == 1:
        return set(sets[0])
    found: set[int] = set()
    for i, first in enumerate(sets):
        for second in sets[i + 1 :]:
            found |= first & second
    return found


def _years(born: date | None) -> tuple[int, ...] | None:
    """Year blocks to read: the year of birth and entries without a date; a neighbour year at New Year
    (a date one day off may fall in the previous or next year)."""
    if born is None:
        return None
    if born.month == 1 and born.day == 1:
        return (born.year, born.year - 1, NO_YEAR)
    if born.month == 12 and born.day == 31:
        return (born.year, born.year + 1, NO_YEAR)
    return (born.year, NO_YEAR)
