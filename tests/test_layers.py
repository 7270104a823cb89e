"""The layer boundary: medlabel.core imports neither Qt nor torch/transformers/peft; medlabel.ml no Qt.

Checked twice: statically (every import statement, including those inside functions) and at run time
(importing every core module pulls none of them in).
"""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import medlabel

ROOT = Path(medlabel.__file__).parent
FORBIDDEN = {
    "core": {
        "PySide6",
        "shiboken6",
        "torch",
        "transformers",
        "peft",
        "accelerate",
        "medlabel.ml",
        "medlabel.gui",
    },
    "ml": {"PySide6", "shiboken6", "medlabel.gui"},
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def _violations(layer: str):
    found = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for line, name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(ROOT.parent)}:{line} imports {name}")
    return found


def test_core_source_imports_no_qt_or_torch():
    assert _violations("core") == []


def test_ml_source_imports_no_qt():
    assert _violations("ml") == []


def test_importing_all_of_core_loads_no_heavy_module():
    modules = [m.name for m in pkgutil.walk_packages([str(ROOT / "core")], "medlabel.core.")]
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in "
        "{'PySide6', 'torch', 'transformers', 'peft'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_checker_catches_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    import torch\n    from PySide6.QtCore import QObject\n")
    names = [name for _, name in _imports(bad)]
    assert names == ["torch", "PySide6.QtCore"]
