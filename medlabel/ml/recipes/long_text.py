"""Choosing, per project, what the classifier reads of a report (``long_text`` auto).

Whether a label is decided by a few sentences (smoking status) or by the whole report (a diagnosis
pieced together from history, labs and imaging) differs by task, and no fixed choice won on both demo
corpora (docs/benchmarks.md, "Choosing the defaults on validation data"). So auto asks the fast TF-IDF
model, by cross-validation on the training reports only: does it do as well from the evidence
sentences as from the whole report? The run record keeps both scores and the choice.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from medlabel.ml.recipes.evidence import EvidenceSelector
from medlabel.ml.tasks import DocExample

# Evidence is chosen unless it costs more than this in cross-validated macro-F1: it reads a quarter of
# the tokens or less, so a run is several times faster, and scores within this margin are noise on a
# few hundred reports.
MARGIN = 0.03
FOLDS = 5


def choose_long_text(
    examples: Sequence[DocExample], count_tokens: Callable[[str], int], evidence_tokens: int,
    class_weights: bool, seed: int,
) -> tuple[str, dict[str, Any]]:  # fmt: skip
    """``evidence`` or ``head_tail`` for these labelled reports, and the figures behind the choice."""
    import numpy as np
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    from medlabel.ml.recipes.baseline import build_pipeline

    # Every fold cuts the same reports into the same sentences: counting each once halves the time.
    count_tokens = functools.lru_cache(maxsize=None)(count_tokens)
    texts = [e.text for e in examples]
    labels = [str(e.label) for e in examples]
    smallest = min((labels.count(x) for x in set(labels)), default=0)
    folds = min(FOLDS, smallest)
    if folds < 2 or len(set(labels)) < 2:
        return "evidence", {"long_text": "evidence", "reason": "too few reports per label to compare"}
    scores: dict[str, list[float]] = {"evidence": [], "whole": []}
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for fit_idx, test_idx in splitter.split(np.zeros(len(labels)), labels):
        fit_texts = [texts[i] for i in fit_idx]
        fit_labels = [labels[i] for i in fit_idx]
        gold = [labels[i] for i in test_idx]
        selector = EvidenceSelector.fit(fit_texts, fit_labels, class_weights, seed)

        def cut(text: str, selector: EvidenceSelector = selector) -> str:
            return selector.select(text, count_tokens, evidence_tokens)[0]

        for name, read in (("whole", lambda t: t), ("evidence", cut)):
            pipeline = build_pipeline(len(fit_idx), len(set(fit_labels)), class_weights, seed)
            pipeline.fit([read(t) for t in fit_texts], fit_labels)
            predicted = pipeline.predict([read(texts[i]) for i in test_idx])
            scores[name].append(float(f1_score(gold, predicted, average="macro", zero_division=0)))
    evidence, whole = float(np.mean(scores["evidence"])), float(np.mean(scores["whole"]))
    chosen = "evidence" if evidence >= whole - MARGIN else "head_tail"
    reason = (
        f"a TF-IDF model scored macro-F1 {evidence:.3f} from the evidence sentences and {whole:.3f} from "
        f"the whole report ({folds}-fold cross-validation on the training reports); "
        + ("the evidence is enough" if chosen == "evidence" else "the label needs the whole report")
    )
    return chosen, {
        "long_text": chosen, "evidence_cv_macro_f1": round(evidence, 4), "whole_cv_macro_f1": round(whole, 4),
        "folds": folds, "reason": reason,
    }  # fmt: skip
