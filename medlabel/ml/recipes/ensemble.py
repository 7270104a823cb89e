"""Ensembles of classifiers (``settings.ensemble``): several models, one prediction from their mean.

On a few hundred reports one fine-tuning run depends much on its seed (start, batch order, and which
reports validate it; docs/benchmarks.md, "Ensemble vs single model"), so ``--preset thorough`` averages
three models. Every member trains as a run of its own seed would: the first with the run's seed and
validation split, member k with seed ``seed + 1000 k`` and a validation split drawn with that seed from
the same training reports. Prediction averages the members' probabilities.

The first member is saved where a single model is (the run folder), the others in ``model-2``,
``model-3``, ... below it, so a run of one model and the first member of an ensemble look the same.
"""

from __future__ import annotations

from pathlib import Path

from medlabel.ml.data import split_validation, stratified_order
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.tasks import DocExample

MEMBER_SEED_STEP = 1000


def member_folder(out_dir: Path, index: int) -> Path:
    """Where member ``index`` (from 0) of a run saved in ``out_dir`` lives."""
    return Path(out_dir) if index == 0 else Path(out_dir) / f"model-{index + 1}"


def member_splits(
    train: list[DocExample], val: list[DocExample], config: ClassifierSettings
) -> list[tuple[int, list[DocExample], list[DocExample]]]:
    """(seed, training reports, validation reports) of every member of ``config.ensemble``."""
    members = [(config.seed, train, val)]
    pool = train + val
    for index in range(1, max(1, config.ensemble)):
        seed = config.seed + MEMBER_SEED_STEP * index
        if val:  # as run_training splits for a run of this seed
            fit, held_out = split_validation(stratified_order(pool, seed), config.val_fraction, seed)
        else:  # no validation asked for: every member trains on everything
            fit, held_out = list(pool), []
        members.append((seed, fit, held_out))
    return members
