"""A toy document task whose label is one keyword among filler words: learnable in seconds."""

from __future__ import annotations

import random

from medlabel.ml.tasks import DocExample

LABELS = ["cat", "dog", "bird"]
FILLER = "the patient was seen today in clinic and reports feeling well with".split()


def toy_examples(n: int, seed: int, words: int = 6, distinct: bool = False) -> list[DocExample]:
    """``n`` examples cycling through LABELS; ``distinct`` draws filler words without repeats."""
    rng = random.Random(seed)
    examples = []
    for i in range(n):
        label = LABELS[i % 3]
        text = rng.sample(FILLER, words) if distinct else [rng.choice(FILLER) for _ in range(words)]
        text.insert(rng.randrange(len(text) + 1), label)
        examples.append(DocExample(i, " ".join(text), label))
    return examples
