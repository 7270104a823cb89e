"""How long ``long_text`` auto takes to choose, and what it chooses, on a demo corpus's training reports.

.venv/bin/python tests/bench/long_text_choice.py --corpus dyspnea --reports 300 [--evidence-tokens 32]
"""

from __future__ import annotations

import argparse
import importlib
import time

from medlabel.ml.models import load_tokenizer, resolve_model
from medlabel.ml.recipes.evidence import token_counter
from medlabel.ml.recipes.long_text import choose_long_text
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.tasks import DocExample

LABEL_SETS = {"smoking": "smoking_status", "dyspnea": "principal_diagnosis"}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=sorted(LABEL_SETS), default="dyspnea")
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--evidence-tokens", type=int, default=ClassifierSettings.evidence_tokens)
    args = parser.parse_args()
    batch = importlib.import_module(f"medlabel.core.demo.{args.corpus}").generate(args.reports, seed=1)
    examples = [
        DocExample(i, d.text, d.labels[LABEL_SETS[args.corpus]]) for i, d in enumerate(batch.documents)
    ]
    count = token_counter(load_tokenizer(resolve_model("minilm")))
    t0 = time.perf_counter()
    chosen, why = choose_long_text(examples, count, args.evidence_tokens, True, args.seed)
    seconds = time.perf_counter() - t0
    print(f"{args.corpus}, {len(examples)} reports: {chosen} in {seconds:.1f} s — {why['reason']}")


if __name__ == "__main__":
    main()
