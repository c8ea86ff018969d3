"""Frozen integer multimaps for the candidate index: sorted 64-bit keys, each with a run of 32-bit values.

A million-entry index held as Python dicts of lists costs hundreds of megabytes of objects, and reading
it is a chain of pointer hops, one cache miss after another. Here a multimap is three NumPy arrays
(compressed sparse rows): the sorted distinct keys, where each key's run starts, and the values. Looking
up all the keys a traveller needs is one ``searchsorted`` call, and gathering their values one fancy
index, whatever their number.

Built once from two parallel ``array`` columns (``key``, ``value``) appended to while reading the list.
"""

from __future__ import annotations

from array import array

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]


class Postings:
    """A multimap from 64-bit integer keys to runs of 32-bit integer values.

    Args:
        keys: one key per pair (``array("q")``).
        values: the value of each pair (``array("i")``), in the order the runs keep.
    """

    def __init__(self, keys: array[int], values: array[int]) -> None:
        every = np.frombuffer(keys, dtype=np.int64) if len(keys) else np.zeros(0, dtype=np.int64)
        order = np.argsort(every, kind="stable")
        ordered = every[order]
        self.keys, first = np.unique(ordered, return_index=True)
        self.starts: Ints = np.append(first, len(ordered)).astype(np.int64)
        values_in = np.frombuffer(values, dtype=np.int32) if len(values) else np.zeros(0, dtype=np.int32)
        self.values = values_in[order]

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, wanted: Ints) -> Ints:
        """Indexes (into ``keys``) of the wanted keys that are present."""
        if not len(self.keys):
            return np.zeros(0, dtype=np.int64)
        wanted = np.sort(wanted)
        found: Ints = np.searchsorted(self.keys, wanted)
        found[found == len(self.keys)] = 0
        present: Ints = found[self.keys[found] == wanted]
        return present

    def get_labelled(self, wanted: Ints, labels: Ints) -> tuple[npt.NDArray[np.int32], Ints]:
        """``get`` for the keys of many lookups at once: every value, and the label of the key it came
        from (labels run parallel to ``wanted``)."""
        if not len(self.keys):
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
        # Sorted needles search an order of magnitude faster: each search starts where the last ended.
        order = np.argsort(wanted)
        wanted, labels = wanted[order], labels[order]
        found: Ints = np.searchsorted(self.keys, wanted)
        found[found == len(self.keys)] = 0
        present = self.keys[found] == wanted
        found = found[present]
        starts, ends = self.starts[found], self.starts[found + 1]
        return self._gather(starts, ends), np.repeat(labels[present], ends - starts)

    def get_between_labelled(self, low: Ints, high: Ints, labels: Ints) -> tuple[npt.NDArray[np.int32], Ints]:
        """``get_between`` for many lookups at once, with the label of each range a value came from."""
        order = np.argsort(low)
        low, high, labels = low[order], high[order], labels[order]
        starts = self.starts[np.searchsorted(self.keys, low)]
        ends = self.starts[np.searchsorted(self.keys, high)]
        return self._gather(starts, ends), np.repeat(labels, ends - starts)

    def get(self, wanted: Ints) -> npt.NDArray[np.int32]:
        """Every value of every wanted key that is present (a value may repeat across keys)."""
        found = self.find(wanted)
        return self._gather(self.starts[found], self.starts[found + 1])

    def get_between(self, low: Ints, high: Ints) -> npt.NDArray[np.int32]:
        """Every value of every key ``k`` with ``low[i] <= k < high[i]`` for some ``i``."""
        first = np.searchsorted(self.keys, low)
        last = np.searchsorted(self.keys, high)
        return self._gather(self.starts[first], self.starts[last])

    def _gather(self, starts: Ints, ends: Ints) -> npt.NDArray[np.int32]:
        lengths = ends - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int32)
        if len(lengths) == 1:
            return self.values[int(starts[0]) : int(ends[0])]
        # One index per value: each run's start, then counting up within the run.
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return self.values[offsets + np.arange(total)]
