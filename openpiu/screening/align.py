"""Name alignment: pair the tokens of a traveller's name with the tokens of a watchlist name.

Order does not matter (surname-first and surname-last agree), a missing middle name costs little, and
short tokens are handled with care: an initial matches the first letter of a name, three letters or fewer
must agree exactly, one edit in a long name is a typo. Tokens are compared as skeletons
(``names.skeleton``), so transliteration differences already score 1.0 here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA

from openpiu.screening.index import NameKeys

# Pairs below this similarity are not aligned at all.
MIN_TOKEN_SIMILARITY = 0.6
# A single-letter token against a name that starts with it.
INITIAL_SIMILARITY = 0.75
# A three-letter token that is a four-letter name with one letter dropped.
DROPPED_LETTER_SIMILARITY = 0.75
# Tokens weigh by length up to this many letters: a long surname says more than a short given name.
MAX_TOKEN_WEIGHT = 8
# When fewer than two tokens agree (and both names have two or more) the name score is capped here.
ONE_TOKEN_CAP = 0.5


@dataclass(frozen=True, slots=True)
class Alignment:
    """Result of aligning a traveller's name with one watchlist name.

    Attributes:
        score: 0..1, the mean of how much of each name is covered by aligned tokens.
        pairs: ``(query position, entry position, entry key, similarity)`` for each aligned token pair.
        capped: True when the score was capped because only one token agreed.
    """

    score: float
    pairs: tuple[tuple[int, int, str, float], ...]
    capped: bool


def token_similarity(query: str, entry: str) -> float:
    """Similarity of two skeleton tokens, 0..1 (see the module docstring for short tokens)."""
    if query == entry:
        return 1.0
    shorter = min(len(query), len(entry))
    if shorter == 1:
        return INITIAL_SIMILARITY if query[0] == entry[0] else 0.0
    if shorter <= 3:
        # Three letters: only a dropped letter from a four-letter name (AMIR → AIR) is forgiven.
        if abs(len(query) - len(entry)) == 1 and OSA.distance(query, entry) == 1:
            return DROPPED_LETTER_SIMILARITY
        return 0.0
    return OSA.normalized_similarity(query, entry)


def align(query: tuple[str, ...], entry: NameKeys) -> Alignment:
    """Greedy best-first alignment of query tokens with entry tokens (each used at most once)."""
    scored = []
    similar = OSA.normalized_similarity
    for i, q in enumerate(query):
        long_query = len(q) > 3
        for j, alternatives in enumerate(entry):
            best, best_key = 0.0, alternatives[0]
            for key in alternatives:
                if q == key:
                    best, best_key = 1.0, key
                    break
                # Inlined ``token_similarity`` for the common case of two long tokens (a hot loop).
                similarity = similar(q, key) if long_query and len(key) > 3 else token_similarity(q, key)
                if similarity > best:
                    best, best_key = similarity, key
            if best >= MIN_TOKEN_SIMILARITY:
                scored.append((best, i, j, best_key))
    scored.sort(reverse=True)
    used_q = used_e = 0  # bit sets of the positions already aligned
    pairs = []
    query_cover = entry_cover = 0.0
    for similarity, i, j, key in scored:
        if used_q >> i & 1 or used_e >> j & 1:
            continue
        used_q |= 1 << i
        used_e |= 1 << j
        pairs.append((i, j, key, similarity))
        query_cover += similarity * min(len(query[i]), MAX_TOKEN_WEIGHT)
        entry_cover += similarity * min(len(key), MAX_TOKEN_WEIGHT)
    query_weight = sum(min(len(q), MAX_TOKEN_WEIGHT) for q in query) or 1
    entry_weight = sum(min(len(alts[0]), MAX_TOKEN_WEIGHT) for alts in entry) or 1
    query_cover /= query_weight
    entry_cover /= entry_weight
    score = (query_cover + entry_cover) / 2
    capped = len(pairs) < min(2, len(query), len(entry))
    if capped:
        score = min(score, ONE_TOKEN_CAP)
    return Alignment(score, tuple(pairs), capped)
