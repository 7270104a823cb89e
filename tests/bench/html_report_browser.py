"""The HTML evaluation report in a real browser: build a smoking demo project, train a baseline run and a
small learning curve, write the report (compared with the curve's smallest run), and open it in headless
Chromium (Debian's ``chromium`` package) for a screenshot and the parsed DOM.

Checks: Chromium logs no console message for the report (a control page with ``console.error`` shows the
log would catch one); the DOM holds the report's sections and as many images as the file, every one a
PNG data URI, with no script and no outside address; every image decodes (PIL and matplotlib) to a
non-blank picture; the screenshot is not blank; no document id or report text is in the page. The
screenshot is saved to ``docs/screenshots/20-html-report.png``.

    apt-get install -y chromium        # once; sudo where not root
    .venv/bin/python tests/bench/html_report_browser.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshots" / "20-html-report.png"
WINDOW = (1200, 3000)
SECTIONS = ("How to read this", "Run card", "Metrics on the test split", "Confusion matrix", "Calibration",
            "Learning curve", "Comparison with another run", "Errors")  # fmt: skip
CONTROL_PAGE = (
    '<!DOCTYPE html><html><body><p>control</p><script>console.error("medlabel-control-error")</script>'
    "</body></html>"
)


def chromium(browser: str, page: Path, work: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium on ``page`` with its log on stderr; a profile of its own under ``work``."""
    command = [
        browser, "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
        f"--user-data-dir={work / 'profile'}", f"--window-size={WINDOW[0]},{WINDOW[1]}", *args, page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


def console_lines(log: str) -> list[str]:
    """The page's console messages in Chromium's log (``INFO:CONSOLE...`` lines)."""
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def build(work: Path) -> tuple[Path, list[str], list[str]]:
    """(report file, every external id, the test reports' texts) of a fresh demo project."""
    from medlabel.core.demo.project import create_demo_project
    from medlabel.core.documents import iter_export_documents
    from medlabel.core.jobs import RecordingReporter
    from medlabel.ml.curve import run_curve
    from medlabel.ml.eval_report import write_report
    from medlabel.ml.train import run_training

    project = create_demo_project(work / "smoking", "smoking", documents=300, labelled=240, test=60)
    try:
        settings = {"task": "smoking_status", "recipe": "baseline"}
        run_id = run_training(project, settings, RecordingReporter())
        curve = run_curve(project, settings, RecordingReporter(), sizes=[45, 90, 180])
        report = write_report(project, run_id, work / "report.html", compare_with=curve["points"][0]["run"],
                              curve=curve)  # fmt: skip
        docs = list(iter_export_documents(project))
    finally:
        project.close()
    return report, [d.external_id for d in docs], [d.text for d in docs if d.split == "test"]


def check_image(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG that PIL and matplotlib both decode and that is not one flat colour."""
    import numpy as np
    from matplotlib.image import imread
    from PIL import Image

    assert data.startswith(b"\x89PNG\r\n\x1a\n"), "not a PNG"
    Image.open(io.BytesIO(data)).verify()  # checks the chunks and their CRCs
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        size = image.size
    pixels = imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (size[1], size[0]) and float(np.std(pixels)) > 0.05, "blank image"
    return size


def check_screenshot(path: Path) -> tuple[float, float]:
    """(share of non-white pixels, grey-level spread) of the screenshot; fails if it is blank."""
    import numpy as np
    from PIL import Image

    with Image.open(path) as image:
        assert image.size == WINDOW, f"screenshot is {image.size}, expected {WINDOW}"
        grey = np.asarray(image.convert("L"), dtype=float)
    inked, spread = float((grey < 200).mean()), float(grey.std())
    assert inked > 0.02 and spread > 10, f"screenshot looks blank ({inked:.1%} inked, spread {spread:.1f})"
    return inked, spread


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", default="chromium")
    parser.add_argument("--keep", type=Path, help="keep the project, report and logs in this folder")
    parser.add_argument("--screenshot", type=Path, default=SCREENSHOT)
    args = parser.parse_args()
    if shutil.which(args.browser) is None:
        print(f"{args.browser} not found; install it with: apt-get install -y chromium", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="medlabel-html-report-"))
    work.mkdir(parents=True, exist_ok=True)
    version = subprocess.run([args.browser, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"browser: {version.splitlines()[-1] if version else args.browser}")

    # The control: a console message on a page must show up in the log, else "no message" proves nothing.
    control = work / "control.html"
    control.write_text(CONTROL_PAGE, encoding="utf-8")
    caught = console_lines(chromium(args.browser, control, work, "--dump-dom").stderr)
    assert any("medlabel-control-error" in line for line in caught), "the log shows no console messages"
    print("control page: its console.error appears in Chromium's log, so the log check can see one")

    report, ids, texts = build(work)
    page = report.read_text(encoding="utf-8")
    print(f"report: {report} ({len(page.encode()) / 1024:.0f} KiB)")
    shot = work / "screenshot.png"
    shot_run = chromium(args.browser, report, work, f"--screenshot={shot}")
    dom_run = chromium(args.browser, report, work, "--dump-dom")
    (work / "chromium-screenshot.log").write_text(shot_run.stderr, encoding="utf-8")
    (work / "chromium-dom.log").write_text(dom_run.stderr, encoding="utf-8")
    dom = dom_run.stdout

    messages = console_lines(shot_run.stderr) + console_lines(dom_run.stderr)
    assert not messages, f"console messages: {messages}"
    print("console: no message in either run's log")

    missing = [s for s in SECTIONS if f"<h2>{s}" not in dom]
    assert not missing, f"sections missing from the DOM: {missing}"
    file_images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', page)
    dom_images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', dom)
    assert len(dom_images) == len(file_images) == len(re.findall(r"<img\b", dom)) == 3, (
        len(dom_images), len(file_images))  # fmt: skip
    assert "<script" not in dom.lower() and not re.search(r"\b(https?|ftp)://", dom)
    assert not re.search(r'(src|href)="(?!data:image/png;base64,)', dom)
    print(
        f"DOM: {len(SECTIONS)} sections, {len(dom_images)} images, all PNG data URIs; no script, no link out"
    )

    sizes = [check_image(base64.b64decode(data, validate=True)) for data in dom_images]
    print(f"images: all decode with PIL and matplotlib, none blank, sizes {sizes}")

    leaked = [i for i in ids if i in dom or html.escape(i) in dom]
    leaked += [t[:40] for t in texts if html.escape(t[:120]) in dom or t[:120] in dom]
    assert not leaked, f"document ids or texts in the page: {leaked[:5]}"
    print(
        f"privacy: none of the {len(ids)} document ids and none of the {len(texts)} test texts is in the page"
    )

    inked, spread = check_screenshot(shot)
    args.screenshot.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, args.screenshot)
    print(f"screenshot: {WINDOW[0]}x{WINDOW[1]}, {inked:.1%} of pixels inked, grey spread {spread:.0f}; "
          f"saved to {args.screenshot}")  # fmt: skip
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
