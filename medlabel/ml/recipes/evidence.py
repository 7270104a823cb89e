"""Evidence selection for long reports (``long_text="evidence"``): the classifier reads the report's
opening and the sentences that a bag-of-n-grams model, fitted on the same training reports, weighs most.

A report may decide its label in one sentence out of forty. Read whole, that sentence is a small part
of the averaged vector the classifier's head sees. The selector is a TF-IDF over character 3–5-grams
within words (so "smoker", "smokes" and "nonsmoker" share weight) and a logistic regression fitted
on the training reports' labels. A sentence's score is the summed absolute weight of its n-grams over
all labels: high for sentences with words that speak for or against any label. (Word 1–2-grams
scored by the spread of the label logits kept every smoking sentence of a demo report at 192 tokens in
75–78 % of reports; these character n-grams in 91–93 %, over four training splits.) The report's opening
is always kept, because the date and the setting there can decide what a sentence means ("quit in
March" is recent or not by the admission date).

What it scored on the smoking demo, and at which budget (tests/bench/ml_quality.py): see the comment
on ``ClassifierSettings.long_text``. The fitted selector is saved as plain data (``evidence.npz``, see
``linear_store``), so opening a run folder cannot run code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.ml.recipes.linear_store import load_selector, save_selector

SELECTOR_FILE = "evidence.npz"
# What medlabel saved before: a pickle, refused by name and never opened.
LEGACY_SELECTOR_FILE = "evidence.joblib"
# Tokens of the report's first sentences that are always kept (a header and its dates fit).
OPENING_TOKENS = 32
SENTENCE_BREAK = re.compile(r"(?<=[.;!?])\s+|\s*\n\s*")


def sentences(text: str) -> list[str]:
    """``text`` cut after ``.``, ``;``, ``!`` or ``?`` and at line breaks, without empty pieces."""
    return [s.strip() for s in SENTENCE_BREAK.split(text) if s.strip()]


def split_long(pieces: Sequence[str], count_tokens: Callable[[str], int], longest: int) -> list[str]:
    """``pieces``, with those longer than ``longest`` tokens cut into runs of words that fit: a report
    written as one unpunctuated line would otherwise be one sentence too long to keep."""
    result: list[str] = []
    for piece in pieces:
        if count_tokens(piece) <= longest:
            result.append(piece)
            continue
        run: list[str] = []
        used = 0
        for word in piece.split():
            size = count_tokens(word)
            if run and used + size > longest:
                result.append(" ".join(run))
                run, used = [], 0
            run.append(word)
            used += size
        if run:
            result.append(" ".join(run))
    return result


class EvidenceSelector:
    """Scores sentences by how much a bag-of-n-grams classifier of the same labels weighs them."""

    def __init__(self, vectorizer: Any, weights: Any) -> None:
        self.vectorizer = vectorizer
        self.weights = weights

    @classmethod
    def fit(
        cls, texts: Sequence[str], labels: Sequence[str], class_weights: bool = True, seed: int = 13
    ) -> EvidenceSelector:
        """Fit on training reports and their labels (at least two different labels)."""
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        if len(set(labels)) < 2:
            raise MedlabelError(
                "long_text 'evidence' learns which sentences matter from reports of at least two labels; "
                f"the training reports only have {', '.join(sorted(set(labels))) or 'none'}. "
                "Label more reports or use long_text head_tail"
            )
        vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            sublinear_tf=True,
            min_df=2 if len(texts) >= 100 else 1,  # as the baseline: rare cues count in small sets
            strip_accents="unicode",
            lowercase=True,
        )
        features = vectorizer.fit_transform(texts)
        # C=10 as the baseline (baseline.py); lbfgs fits all labels jointly, also for two.
        model = LogisticRegression(
            C=10.0, class_weight="balanced" if class_weights else None, max_iter=5000, random_state=seed
        ).fit(features, list(labels))
        return cls(vectorizer, np.abs(model.coef_).sum(axis=0))

    def scores(self, pieces: Sequence[str]) -> Any:
        """One score per sentence (a numpy array)."""
        import numpy as np

        return np.asarray(self.vectorizer.transform(pieces) @ self.weights).ravel()

    def select(self, text: str, count_tokens: Callable[[str], int], budget: int) -> tuple[str, bool]:
        """``text`` cut to at most ``budget`` tokens, and whether it was cut: its opening sentences up to
        ``OPENING_TOKENS`` (at most half the budget), then the best-scored sentences that still fit, in
        the report's order."""
        if count_tokens(text) <= budget:
            return text, False
        pieces = split_long(sentences(text), count_tokens, max(1, budget // 2))
        lengths = [count_tokens(p) for p in pieces]
        kept: set[int] = set()
        used = 0
        for index, length in enumerate(lengths):
            if used + length > min(OPENING_TOKENS, budget // 2):
                break
            kept.add(index)
            used += length
        for index in sorted(range(len(pieces)), key=self.scores(pieces).__getitem__, reverse=True):
            if index not in kept and used + lengths[index] <= budget:
                kept.add(index)
                used += lengths[index]
        if not kept:  # only words longer than the budget: let the model's own truncation cut
            return text, True
        return "\n".join(pieces[i] for i in sorted(kept)), True

    def save(self, path: Path) -> None:
        save_selector(self.vectorizer, self.weights, Path(path))

    @classmethod
    def load(cls, path: Path) -> EvidenceSelector:
        """The selector ``save`` wrote at ``path``; an older run's pickle beside it is refused, not opened."""
        path = Path(path)
        return cls(*load_selector(path, "evidence selector", legacy=path.with_name(LEGACY_SELECTOR_FILE)))


def token_counter(tokenizer: Any) -> Callable[[str], int]:
    """The number of tokens ``tokenizer`` makes of a text, without special tokens."""
    return lambda text: len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])
