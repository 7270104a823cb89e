"""Choosing a frozen, stratified test split.

The test split is chosen once and stored with the documents, so that every run of every recipe is
measured on the same held-out reports and none of them is ever trained on.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Sequence


def stratified_test_split(
    keys: Sequence[Hashable], strata: Sequence[Hashable], test_fraction: float, seed: int = 0
) -> set[Hashable]:
    """Pick ``test_fraction`` of ``keys`` per stratum (at least one of each stratum with two or more
    members), reproducibly for a given seed; returns the chosen keys."""
    if not 0 < test_fraction < 1:
        raise ValueError("test_fraction must lie between 0 and 1")
    groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for key, stratum in zip(keys, strata, strict=True):
        groups[stratum].append(key)
    rng = random.Random(seed)
    chosen: set[Hashable] = set()
    for stratum in sorted(groups, key=str):
        members = sorted(groups[stratum], key=str)
        rng.shuffle(members)
        n = round(len(members) * test_fraction)
        if len(members) >= 2:
            n = min(max(n, 1), len(members) - 1)
        chosen.update(members[:n])
    return chosen
