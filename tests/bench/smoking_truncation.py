"""How much of the smoking demo's evidence the classifier's truncation cuts off.

    .venv/bin/python tests/bench/smoking_truncation.py            # the ml_quality.py --test 300 corpus

Prints the reports' token lengths under the MiniLM tokenizer and, per label, how many reports lose
every smoking word (smok-, tobacco, tob, cig-, pack-year, ppd, pk, nicotine) when cut to 512 tokens by
head and tail (``long_text=head_tail``) or by the head alone. UNKNOWN reports are left
out: their only smoking words are distractors (a relative's smoking). If few reports lose their
evidence, truncation is not why the classifier errs.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from medlabel.core.demo.smoking import generate
from medlabel.ml.models import load_tokenizer, resolve_model
from medlabel.ml.recipes.hf_data import head_tail, special_frame

EVIDENCE = re.compile(r"smok|tobb?acco|\btob\b|cig|pack-year|\bppd\b|\bpk\b|nicotine", re.IGNORECASE)


def main() -> None:
    tokenizer = load_tokenizer(resolve_model("minilm"))
    prefix, suffix = special_frame(tokenizer)
    budget = 512 - len(prefix) - len(suffix)
    docs = generate(800, 0).documents[:600]  # the labelled reports of ml_quality.py --test 300
    lengths, total, lost = [], Counter(), {"head_tail": Counter(), "head": Counter()}
    for doc in docs:
        label = doc.labels["smoking_status"]
        if label == "UNKNOWN":
            continue
        offsets = tokenizer(doc.text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)[
            "offset_mapping"
        ]
        lengths.append(len(offsets))
        total[label] += 1
        if len(offsets) <= budget:
            continue
        # The classifier's own cut, applied to token positions, so that it is measured, not re-derived.
        kept = {"head_tail": set(head_tail(range(len(offsets)), budget)), "head": set(range(budget))}
        mentions = [
            [i for i, (start, end) in enumerate(offsets) if start < m.end() and end > m.start()]
            for m in EVIDENCE.finditer(doc.text)
        ]
        for mode, positions in kept.items():
            if mentions and not any(all(i in positions for i in tokens) for tokens in mentions):
                lost[mode][label] += 1
    lengths.sort()
    n = len(lengths)
    longer = sum(x > budget for x in lengths) / n
    print(
        f"{n} reports naming a smoking status, tokens: median {lengths[n // 2]}, 90th percentile "
        f"{lengths[int(n * 0.9)]}, max {lengths[-1]}; {longer:.0%} longer than {budget}"
    )
    for mode, counts in lost.items():
        per_label = ", ".join(f"{label} {counts[label]} of {total[label]}" for label in total)
        print(f"every smoking word cut off by {mode}: {per_label}")


if __name__ == "__main__":
    main()
