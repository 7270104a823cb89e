"""Benchmark: import a 100,000-row CSV of ~2 KB reports, then reopen the project.

Prints seconds and peak RSS of each step, each in its own process so that the figures are those a
user would see. Targets on the 2-core reference machine: import < 15 s, open < 1.5 s.

    .venv/bin/python tests/bench/import_100k.py [--rows 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "patient admitted with chest pain shortness of breath history of hypertension diabetes mellitus "
    "echocardiogram showed preserved ejection fraction no wall motion abnormality troponin negative "
    "discharged home on aspirin metoprolol atorvastatin follow up in clinic two weeks denies tobacco "
    "alcohol occasionally lives with wife retired teacher blood pressure heart rate creatinine"
).split()
LABELS = ["CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"]

STEP = """
import resource, sys, time, json
t0 = time.perf_counter()
{body}
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_rss_mb": peak}}))
"""

IMPORT = """
from medlabel.cli import main
rc = main(["import", sys.argv[1], sys.argv[2], "--label-column", "label=smoking_status"])
assert rc == 0, rc
"""
OPEN = """
from medlabel.core.project import open_project
from medlabel.core.documents import document_count
project = open_project(sys.argv[1])
n = document_count(project)
assert n == int(sys.argv[2]), n
"""
INFO = """
from medlabel.core.project import open_project
from medlabel.core.stats import project_info
project = open_project(sys.argv[1])
info = project_info(project)
"""


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(0)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "text", "label"])
        for i in range(rows):
            text = " ".join(rng.choice(WORDS) for _ in range(300))  # ~2 KB
            out.writerow([f"r{i:06d}", text, rng.choice(LABELS) if i % 3 == 0 else ""])


def run_step(body: str, *args: str) -> dict:
    import json

    out = subprocess.run(
        [sys.executable, "-c", STEP.format(body=body), *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        csv_path, project = base / "reports.csv", base / "project"
        t0 = time.perf_counter()
        write_csv(csv_path, args.rows)
        size_mb = csv_path.stat().st_size / 2**20
        print(f"generated {args.rows} rows, {size_mb:.0f} MB in {time.perf_counter() - t0:.1f} s")
        imp = run_step(IMPORT, str(project), str(csv_path))
        opened = [run_step(OPEN, str(project), str(args.rows)) for _ in range(3)]
        info = run_step(INFO, str(project))
        best_open = min(o["seconds"] for o in opened)
        print(f"import: {imp['seconds']:.2f} s, peak RSS {imp['peak_rss_mb']:.0f} MB (target < 15 s)")
        print(
            f"open + count: {best_open:.3f} s (best of 3), peak RSS {opened[0]['peak_rss_mb']:.0f} MB "
            "(target < 1.5 s)"
        )
        print(f"open + full info (label counts per split): {info['seconds']:.3f} s")
        db = project / "project.sqlite"
        print(f"database size: {db.stat().st_size / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
