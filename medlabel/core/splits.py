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
    """Pick ``round(test_fraction * len(keys))`` keys, spread over the strata in proportion (largest
    remainders; at least one of each stratum with two or more members), reproducibly for a seed."""
    if not 0 < test_fraction < 1:
        raise ValueError("test_fraction must lie between 0 and 1")
    groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for key, stratum in zip(keys, strata, strict=True):
        groups[stratum].append(key)
    order = sorted(groups, key=str)
    wanted = round(len(keys) * test_fraction)
    quotas = {s: len(groups[s]) * test_fraction for s in order}
    counts = {s: int(quotas[s]) for s in order}
    for s in sorted(order, key=lambda s: quotas[s] - counts[s], reverse=True)[
        : max(0, wanted - sum(counts.values()))
    ]:
        counts[s] += 1
    for s in order:
        if len(groups[s]) >= 2:
            counts[s] = min(max(counts[s], 1), len(groups[s]) - 1)
    rng = random.Random(seed)
    chosen: set[Hashable] = set()
    for s in order:
        members = sorted(groups[s], key=str)
        rng.shuffle(members)
        chosen.update(members[: counts[s]])
    return chosen
