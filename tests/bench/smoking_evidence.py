"""What the MiniLM classifier reaches on the smoking demo when it is handed only the evidence.

    .venv/bin/python tests/bench/smoking_evidence.py --test 300 --seeds 13   # any ml_quality.py option
    .venv/bin/python tests/bench/smoking_evidence.py --show                  # the snippets of 12 reports

A diagnostic, not a recipe: it runs ``ml_quality.py smoking`` unchanged except that every report, in
training and prediction, is cut down to the admission-date line and the sentences with a smoking-related
word (the ``KEYWORDS`` below, written for this corpus; distractors such as a relative's smoking or
"quit taking aspirin" stay in). The full reports are about 470 tokens, these snippets about 40 (at
most 106). The baseline it prints beside them still reads the full reports (it does not go through the
cut). If the classifier does much better here, finding the evidence in a long report is what it
misses; if it does little better, reading the evidence is.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import medlabel.ml.recipes.classifier as classifier  # noqa: E402

KEYWORDS = re.compile(
    r"smok|tobacco|cigar|\bcigs?\b|pack|nicotin|\bpipe|chew|vap|ppd|\bpk|quit|stopped|former|\bex-", re.I
)
# A quit "since March 2011" is recent or not by the admission date, so that line stays.
ADMISSION = re.compile(r"admi\w*( date)?:?\s*\d", re.I)


def snippet(text: str) -> str:
    kept = []
    for line in text.splitlines():
        if ADMISSION.search(line):
            kept.append(line.strip())
            continue
        kept += [s.strip() for s in re.split(r"(?<=[.;])\s+", line) if KEYWORDS.search(s)]
    return "\n".join(kept)


def main() -> None:
    if "--show" in sys.argv:
        from medlabel.core.demo.smoking import generate

        for doc in generate(12, seed=5).documents:
            print(doc.labels["smoking_status"], "\n" + snippet(doc.text), "\n---")
        return
    encode = classifier.encode_windows
    classifier.encode_windows = lambda tokenizer, text, *rest: encode(tokenizer, snippet(text), *rest)
    spec = importlib.util.spec_from_file_location("ml_quality", HERE / "ml_quality.py")
    assert spec and spec.loader
    ml_quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ml_quality)
    # As measured: one model reading the (cut) report whole, not the evidence sentences long_text auto may
    # choose (nor the thorough preset's ensemble).
    pinned = ["--set", "long_text=head_tail", "--set", "ensemble=1"]
    sys.argv = [str(HERE / "ml_quality.py"), "smoking", *pinned, *sys.argv[1:]]
    ml_quality.main()


if __name__ == "__main__":
    main()
