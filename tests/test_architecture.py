"""The core (model, dates, citations, file formats) never imports Qt."""

import ast
import subprocess
import sys
from pathlib import Path

import timeline_app

PACKAGE = Path(timeline_app.__file__).parent
QT_FREE = ["core", "io", "commands"]


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [f"{path.name}:{node.lineno} {n}" for n in names
                  if n.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")]
    return found


def test_qt_free_packages_have_no_qt_import_statements() -> None:
    offenders = [hit for package in QT_FREE for path in (PACKAGE / package).rglob("*.py")
                 for hit in _qt_imports(path)]
    assert offenders == []


def test_importing_the_core_loads_no_qt_module() -> None:
    modules = sorted(
        "timeline_app." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for package in QT_FREE for p in (PACKAGE / package).rglob("*.py")
    )
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "import timeline_app.cli\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(leaked)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]", result.stdout
