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

Compact, because a million entries must fit in memory beside the entries themselves: keys are interned
as integers (a key's deletions are stored once for the vocabulary, not per entry), the postings are NumPy
multimaps (``postings.Postings``), and each entry's name tokens and keys are rows of flat integer arrays.

Fast, because a given name is carried by thousands of entries and a surname by a handful. A key carried
by more than ``vocabulary.FREQUENT_KEY`` entries is *frequent*; the index also posts every entry under each
pair of frequent keys it carries. An entry hit by two tokens then carries either an infrequent key near one
of them (its postings are short: they are read) or frequent keys near both (the pair postings have it), so
the long postings of a given name are never read for a traveller with two name tokens or more. Every
entry reached is checked against each token's neighbourhood through its own keys, which gives exactly
the entries hit by two tokens. Travellers are looked up a batch at a time (a flight): their postings in
one NumPy call, and the tokens hitting each entry reached are counted in NumPy too. The vocabulary and the
edit neighbourhoods are in ``vocabulary``.

Built from any iterable of entries, so the caller can rebuild it from the database and swap it in.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from openpiu.model.watchlist import EntryKind, WatchlistEntry
from openpiu.screening.documents import document_key
from openpiu.screening.names import token_keys, tokenise
from openpiu.screening.postings import Postings
from openpiu.screening.vocabulary import Neighbourhood, Vocabulary

NameKeys = tuple[tuple[str, ...], ...]
"""Keys of one name: per token, the distinct skeletons of its romanisations."""

Block = int | list[int]
"""Entry positions of one posting block: the position itself when it is the only one."""

# At most this many distinct tokens of a traveller's name are looked up (each is a bit of a mask; real
# names have far fewer).
MAX_TOKENS = 32
# At most this many candidates are scored per traveller: the ones sharing the most tokens win.
MAX_CANDIDATES = 200
# Postings of common tokens per year block are remembered, up to this many entry positions in all.
HIT_CACHE_POSITIONS = 3_000_000
NO_YEAR = 0
# Posting blocks are keyed by key id and year together; years take this many bits (dates end in 9999).
YEAR_BITS = 14
NOT_KEYED = -1

K = TypeVar("K", int, str)


def _add_block(blocks: dict[K, Block], key: K, position: int) -> None:
    """Add an entry position to a posting block (a block of one is the bare position)."""
    block = blocks.get(key)
    if block is None:
        blocks[key] = position
    elif isinstance(block, int):
        blocks[key] = [block, position]
    else:
        block.append(position)


class CandidateIndex:
    """Token, edit-neighbourhood, date-of-birth and document indexes over a list of entries.

    Attributes:
        entries: every entry given, in order; candidates are positions in this list.
        not_screened: entries kept but not matched against travellers (organisations).
    """

    def __init__(self, entries: Iterable[WatchlistEntry]) -> None:
        self.entries: list[WatchlistEntry] = []
        self.not_screened = 0
        self.vocabulary = Vocabulary()
        # Until the build ends, the pairs of the multimaps below, as flat columns.
        build = _Build()
        # ``key id << YEAR_BITS | year of birth`` → entry positions (NO_YEAR: entries without a date).
        self._postings = Postings(array("q"), array("i"))
        # The same for the entries with a single-token name, which one token hit makes a candidate.
        self._single_postings = Postings(array("q"), array("i"))
        # Pairs of frequent keys a < b are posted there too, as the id ``(a + 1) * vocabulary size + b``.
        self._single_keys: set[int] = set()
        self._documents: dict[str, Block] = {}
        # Name tokens as interned alternatives: per token, its keys (strings for alignment, ids for checks).
        self._alternatives: list[tuple[str, ...]] = []
        self._alternative_ids: list[tuple[int, ...]] = []
        # Flat rows: entry → its names (``_entry_names``), name → its tokens (``_name_starts``), token →
        # alternatives id (``_name_tokens``); entry → its distinct key ids (``_entry_key_starts``,
        # ``_entry_keys``).
        self._entry_names = array("i")
        self._name_starts = array("i")
        self._name_tokens = array("i")
        self._entry_key_starts = array("i")
        self._entry_keys = array("i")
        self._hit_cache: dict[tuple[str, tuple[int, ...] | None], frozenset[int]] = {}
        self._hit_cache_positions = 0
        for entry in entries:
            self._add(entry, build)
        self._entry_names.append(len(self._name_starts))
        self._name_starts.append(len(self._name_tokens))
        self._entry_key_starts.append(len(self._entry_keys))
        self._single_postings = Postings(build.single_keys, build.single_positions)
        self.vocabulary.freeze(self._single_keys)
        self._post_pairs(build)
        self._postings = Postings(build.block_keys, build.block_positions)
        self._key_starts = np.frombuffer(self._entry_key_starts, dtype=np.int32).astype(np.int64)
        self._keys_flat = np.frombuffer(self._entry_keys, dtype=np.int32) if self._entry_keys else _NONE

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def vocabulary_size(self) -> int:
        return len(self.vocabulary)

    def _add(self, entry: WatchlistEntry, build: _Build) -> None:
        position = len(self.entries)
        self.entries.append(entry)
        self._entry_names.append(len(self._name_starts))
        self._entry_key_starts.append(len(self._entry_keys))
        if entry.kind is EntryKind.ORGANISATION:
            self.not_screened += 1
            build.entry_years.append(())
            return
        surface, alternative_ids = build.surface, self._alternative_ids
        keys: set[int] = set()
        single = False
        for name in entry.names:
            self._name_starts.append(len(self._name_tokens))
            tokens = []
            for token in tokenise(name.full):
                alternative = surface.get(token)
                if alternative is None:
                    alternative = surface[token] = self._intern(token, build)
                if alternative != NOT_KEYED:
                    tokens.append(alternative)
                    keys.update(alternative_ids[alternative])
            self._name_tokens.extend(tokens)
            single = single or len(tokens) == 1
        self._entry_keys.extend(keys)
        years = build.years(entry)
        build.entry_years.append(years)
        counts = self.vocabulary.counts
        block_keys, block_positions = build.block_keys, build.block_positions
        for key in keys:
            counts[key] += 1
            shifted = key << YEAR_BITS
            for year in years:
                block_keys.append(shifted | year)
                block_positions.append(position)
        if single:
            self._single_keys.update(keys)
            for key in keys:
                for year in years:
                    build.single_keys.append(key << YEAR_BITS | year)
                    build.single_positions.append(position)
        for document in entry.documents:
            number = document_key(document.number)
            if number:
                _add_block(self._documents, number, position)

    def _intern(self, token: str, build: _Build) -> int:
        """The alternatives id of a new surface token (NOT_KEYED when no key can be made)."""
        keys = token_keys(token)
        if not keys:
            return NOT_KEYED
        known = build.alternatives.get(keys)
        if known is not None:
            return known
        ids = tuple(self.vocabulary.id_of(key) for key in keys)
        number = build.alternatives[keys] = len(self._alternatives)
        self._alternatives.append(keys)
        self._alternative_ids.append(ids)
        return number

    def name_keys(self, position: int) -> tuple[NameKeys, ...]:
        """The ``NameKeys`` of each name of the entry at ``position`` (empty for names without keys)."""
        starts, tokens, alternative = self._name_starts, self._name_tokens, self._alternatives.__getitem__
        return tuple(
            tuple(map(alternative, tokens[starts[n] : starts[n + 1]]))
            for n in range(self._entry_names[position], self._entry_names[position + 1])
        )

    def neighbours(self, token: str) -> tuple[str, ...]:
        """Vocabulary keys equal to ``token`` or near it (``Vocabulary.neighbours``)."""
        return self.vocabulary.neighbours(token)

    def _hits(self, token: str, near: Neighbourhood, years: tuple[int, ...] | None) -> frozenset[int]:
        """Entries in these year blocks carrying a neighbour of ``token``, for a traveller with one name
        token; remembered (bounded) because common given names meet the same year blocks over and over."""
        cache_key = (token, years)
        found = self._hit_cache.get(cache_key)
        if found is None:
            shifted = np.fromiter(near.ids, dtype=np.int64, count=len(near.ids)) << YEAR_BITS
            found = frozenset(_read(self._postings, shifted, years))
            if self._hit_cache_positions + len(found) > HIT_CACHE_POSITIONS:
                self._hit_cache.clear()
                self._hit_cache_positions = 0
            self._hit_cache[cache_key] = found
            self._hit_cache_positions += len(found)
        return found

    def document_candidates(self, keys: Iterable[str]) -> set[int]:
        """Entries carrying one of these document keys."""
        found: set[int] = set()
        for key in keys:
            block = self._documents.get(key)
            if block is None:
                continue
            if isinstance(block, int):
                found.add(block)
            else:
                found.update(block)
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
        return self.candidates_of([(keys, born, document_keys)])[0]

    def candidates_of(
        self, travellers: Sequence[tuple[Sequence[str], date | None, Iterable[str]]]
    ) -> list[list[int]]:
        """``candidates`` for each of a batch of travellers (a flight), looked up together."""
        tokens = [list(dict.fromkeys(keys))[:MAX_TOKENS] for keys, _, _ in travellers]
        every = [token for row in tokens for token in row]
        near = iter(self.vocabulary.neighbourhoods(every))
        nears = [[next(near) for _ in row] for row in tokens]
        reached = self._reach(nears, [_years(born) for _, born, _ in travellers])
        found: list[list[int]] = []
        for number, (row, (_, born, documents)) in enumerate(zip(nears, travellers, strict=True)):
            counts: dict[int, int] = {}
            if len(row) == 1:
                counts = dict.fromkeys(self._hits(tokens[number][0], row[0], _years(born)), 1)
            elif row:
                counts = reached[number]
                if any(near.single for near in row):
                    self._add_single(row, _years(born), counts)
            chosen: Iterable[int] = counts
            if len(counts) > MAX_CANDIDATES:
                chosen = sorted(counts, key=lambda i: (-counts[i], i))[:MAX_CANDIDATES]
            by_document = self.document_candidates(documents)
            found.append(list(by_document.union(chosen)) if by_document else list(chosen))
        return found

    def _reach(
        self, nears: list[list[Neighbourhood]], years: list[tuple[int, ...] | None]
    ) -> list[dict[int, int]]:
        """For each traveller with two name tokens or more, the entries two of them hit, each with the
        number of tokens that hit it.

        Such an entry carries a key near one token and a key near another. Either one of the two keys is
        infrequent (its postings are read), or both are frequent: the pair postings have the entries
        carrying both (or, when two tokens share a frequent neighbour, its postings are read). Each
        lookup knows which tokens it stands for; an entry reached through one token's infrequent key is
        then checked for the other tokens' frequent keys among its own keys. All in NumPy, for the batch.
        """
        base = len(self.vocabulary)
        lookups: list[int] = []  # key ids (frequent pairs as pair ids)
        owners: list[int] = []  # the traveller of each lookup
        masks: list[int] = []  # the tokens it stands for, one bit per token of the traveller
        checks: list[int] = []  # ``traveller << 32 | frequent key id`` ...
        check_masks: list[int] = []  # ... and the tokens that key is near
        # Per traveller, up to three year blocks (-1: none); all -1 for a traveller without a date.
        year_columns = np.full((3, len(nears)), -1, dtype=np.int64)
        for number, (row, blocks) in enumerate(zip(nears, years, strict=True)):
            if len(row) < 2:
                continue
            count = len(lookups)
            for i, first in enumerate(row):
                lookups += first.infrequent
                masks += [1 << i] * len(first.infrequent)
                checks += [number << 32 | key for key in first.frequent]
                check_masks += [1 << i] * len(first.frequent)
                for j, second in enumerate(row[i + 1 :], start=i + 1):
                    pairs = [
                        (min(a, b) + 1) * base + max(a, b)
                        for a in first.frequent
                        for b in second.frequent
                        if a != b
                    ]
                    pairs += set(first.frequent).intersection(second.frequent)
                    lookups += pairs
                    masks += [1 << i | 1 << j] * len(pairs)
            owners += [number] * (len(lookups) - count)
            if blocks is not None:
                year_columns[: len(blocks), number] = blocks
        reached: list[dict[int, int]] = [{} for _ in nears]
        if not lookups:
            return reached
        shifted = np.array(lookups, dtype=np.int64) << YEAR_BITS
        owned = np.array(owners, dtype=np.int64)
        rows = np.arange(len(shifted))
        wanted, wanted_rows = [], []
        for column in year_columns:
            year = column[owned]
            present = year >= 0
            wanted.append(shifted[present] | year[present])
            wanted_rows.append(rows[present])
        positions, labels = self._postings.get_labelled(np.concatenate(wanted), np.concatenate(wanted_rows))
        undated = year_columns[0][owned] < 0
        if undated.any():
            low = shifted[undated]
            more, more_labels = self._postings.get_between_labelled(
                low, low + (1 << YEAR_BITS), rows[undated]
            )
            positions, labels = np.concatenate([positions, more]), np.concatenate([labels, more_labels])
        if not len(positions):
            return reached
        # One row per (traveller, entry), with the tokens known to hit it.
        owner = owned[labels]
        pairs, first_of, inverse = np.unique(owner << 32 | positions, return_index=True, return_inverse=True)
        mask = np.zeros(len(pairs), dtype=np.int64)
        np.bitwise_or.at(mask, inverse, np.array(masks, dtype=np.int64)[labels])
        owner = owner[first_of]
        position = pairs & 0xFFFFFFFF
        # Entries known to be hit by one token only: look for the other tokens' frequent keys.
        unsure = np.flatnonzero(_popcount(mask) < 2)
        if len(unsure) and checks:
            table, check_of = np.unique(np.array(checks, dtype=np.int64), return_inverse=True)
            table_masks = np.zeros(len(table), dtype=np.int64)
            np.bitwise_or.at(table_masks, check_of, np.array(check_masks, dtype=np.int64))
            starts = self._key_starts[position[unsure]]
            ends = self._key_starts[position[unsure] + 1]
            lengths = ends - starts
            carried = self._keys_flat[
                np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
            ]
            row_of = np.repeat(unsure, lengths)
            needles = owner[row_of] << 32 | carried
            at = np.searchsorted(table, needles)
            at[at == len(table)] = 0
            hit = table[at] == needles
            np.bitwise_or.at(mask, row_of[hit], table_masks[at[hit]])
        counts = _popcount(mask)
        kept = np.flatnonzero(counts >= 2)
        for number, entry, count in zip(
            owner[kept].tolist(), position[kept].tolist(), counts[kept].tolist(), strict=True
        ):
            reached[number][entry] = count
        return reached

    def _post_pairs(self, build: _Build) -> None:
        """Post every entry under each pair of frequent keys it carries, in each of its year blocks."""
        frequent, base = self.vocabulary.frequent, len(self.vocabulary)
        starts, keys_of = self._entry_key_starts, self._entry_keys
        block_keys, positions = build.block_keys, build.block_positions
        for position, years in enumerate(build.entry_years):
            keys = sorted(k for k in keys_of[starts[position] : starts[position + 1]] if frequent[k])
            for i, first in enumerate(keys):
                for second in keys[i + 1 :]:
                    shifted = ((first + 1) * base + second) << YEAR_BITS
                    for year in years:
                        block_keys.append(shifted | year)
                        positions.append(position)

    def _add_single(
        self, near: list[Neighbourhood], years: tuple[int, ...] | None, counts: dict[int, int]
    ) -> None:
        """Entries with a single-token name need only one hit."""
        for neighbourhood in near:
            if neighbourhood.single:
                shifted = np.array(neighbourhood.single, dtype=np.int64) << YEAR_BITS
                for position in _read(self._single_postings, shifted, years):
                    counts.setdefault(position, 1)


class _Build:
    """Memories used while building only: surface token → alternatives id, interned years, and the
    columns of the index's multimaps."""

    def __init__(self) -> None:
        self.surface: dict[str, int] = {}
        self.alternatives: dict[tuple[str, ...], int] = {}
        self.block_keys = array("q")
        self.block_positions = array("i")
        self.single_keys = array("q")
        self.single_positions = array("i")
        self.entry_years: list[tuple[int, ...]] = []
        self._years: dict[frozenset[int], tuple[int, ...]] = {}

    def years(self, entry: WatchlistEntry) -> tuple[int, ...]:
        """The year blocks of an entry (one tuple object per distinct set of years)."""
        found = frozenset(year for born in entry.dates_of_birth for year in born.years) or frozenset(
            {NO_YEAR}
        )
        years = self._years.get(found)
        if years is None:
            years = self._years[found] = tuple(sorted(found))
        return years


def _read(postings: Postings, shifted: npt.NDArray[np.int64], years: tuple[int, ...] | None) -> list[int]:
    """The values of these keys (shifted left by ``YEAR_BITS``) in these year blocks (every block when
    None)."""
    if years is None:
        values = postings.get_between(shifted, shifted + (1 << YEAR_BITS))
    else:
        values = postings.get(
            shifted if years == (NO_YEAR,) else (shifted[:, None] | np.array(years)).ravel()
        )
    found: list[int] = values.tolist()
    return found


_NONE = np.zeros(0, dtype=np.int32)


def _popcount(masks: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The number of bits set in each (non-negative) mask."""
    bits: npt.NDArray[np.int64] = np.unpackbits(masks.view(np.uint8)).reshape(-1, 64).sum(axis=1)
    return bits


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
