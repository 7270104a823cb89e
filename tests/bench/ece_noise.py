"""How large an ECE a perfectly calibrated model shows on a small test split by chance alone.

For each completed run of each project given, it takes the confidences stored for the test split's
reports (the calibrated ones) and draws, 2,000 times, whether each report is right with exactly that
probability; the ECE of those draws is what calibration noise alone produces. A measured test ECE
inside that range says nothing about calibration. Projects are opened read-only.

    .venv/bin/python tests/bench/ece_noise.py /tmp/stack/*/
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import numpy as np

from medlabel.ml.calibration import expected_calibration_error

TEST_CONFIDENCES = """
    SELECT p.confidence FROM predictions p JOIN documents d ON d.id = p.document_id
    WHERE p.run_id = ? AND d.split = 'test' AND p.confidence IS NOT NULL
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("projects", nargs="+", type=Path)
    parser.add_argument("--draws", type=int, default=2000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(
        f"{'project':<40} {'run':>3} {'reports':>7} {'mean conf':>9} {'chance ECE median':>17} "
        f"{'90th pct':>8}"
    )
    for folder in args.projects:
        # Read-only by URI: the store's own opener would take the project's write lock.
        con = sqlite3.connect(f"file:{folder / 'project.sqlite'}?mode=ro", uri=True)
        runs = [r for (r,) in con.execute("SELECT id FROM runs WHERE status = 'completed' ORDER BY id")]
        for run in runs:
            conf = np.array([c for (c,) in con.execute(TEST_CONFIDENCES, (run,))])
            if not conf.size:
                continue
            draws = (rng.random(conf.size) < conf for _ in range(args.draws))
            chance = [expected_calibration_error(conf, hit) for hit in draws]
            print(
                f"{folder.name:<40} {run:>3} {conf.size:>7} {conf.mean():>9.3f} "
                f"{np.median(chance):>17.3f} {np.percentile(chance, 90):>8.3f}"
            )
        con.close()


if __name__ == "__main__":
    main()
