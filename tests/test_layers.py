"""The floors of the package, enforced: imports only go down, and no two modules import each other.

    cli > api                 the top: may use everything (the CLI wraps the API)
    desk                      the analyst's desk (newsfuse serve): web pages and REST API over the store
    scale                     the same pipeline on Apache Spark (newsfuse spark), beside desk
    watch                     feeds polled, stories updated, verdicts kept, alerts (newsfuse watch), beside desk
    output                    briefings, records, reports, renderers
    corpus                    across the articles of a story
    annotate | ingest         per article (neither imports the other)
    knowledge                 names, outlets, parties, periods
    text                      string helpers that know nothing of news
    model, stage, settings, store, the package root

Every ``import`` counts, also one inside a function: a lazy import is still a dependency, and hiding
one there is how floors got crossed before. The checker reads the source with :mod:`ast` (nothing is
imported), so a violation is reported even in a module that would fail at import time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from newsfuse.settings import PACKAGE_DIR

# Floor of each unit (the first dotted part below ``newsfuse``); a module may import units on lower
# floors and its own unit. Units on one floor are strangers to each other.
FLOORS: dict[str, int] = {
    "__main__": 9, "cli": 8, "api": 7,  # the CLI wraps the API
    "desk": 6,  # newsfuse serve: pages and REST API over the store (the API starts it)
    "scale": 6,  # newsfuse spark: the pipeline on Apache Spark (the API starts it)
    "watch": 6,  # newsfuse watch: feeds polled, stories updated, alerts (the API runs it)
    "output": 5,
    "corpus": 4,
    "annotate": 3, "ingest": 3,
    "knowledge": 2,
    "text": 1,
    "model": 0, "stage": 0, "settings": 0, "store": 0, "": 0,  # "": the package root (its version)
}
# Floor 0 is the foundation: its units may use each other (the store reads model records).
SHARED_FLOORS = {0}


def module_names(package_dir: Path, package: str = "newsfuse") -> dict[str, Path]:
    """Dotted name → file, for every module of the package (a package is its ``__init__``)."""
    out = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join([package, *parts])] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """The package's modules that ``name`` imports anywhere in its file, with the line of each import.
    ``from x import y`` counts as importing ``x.y`` when that is a module, else ``x``."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    root = name.split(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name.split(".")[0] == root]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != root:
                continue
            for alias in node.names:
                child = f"{target}.{alias.name}"
                found.append((child if child in known else target, node.lineno))
    return [(t, line) for t, line in found if t != name]


def unit_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def upward_imports(modules: dict[str, Path], floors: dict[str, int] = FLOORS) -> list[str]:
    """One line per import that goes up a floor, across a floor, or into a unit the map does not know."""
    known = set(modules)
    problems = []
    for name, path in modules.items():
        unit = unit_of(name)
        if unit not in floors:
            problems.append(f"{name}: unit {unit!r} has no floor in the layers map")
            continue
        for target, line in imports_of(name, path, known):
            other = unit_of(target)
            if other == unit:
                continue
            if other not in floors:
                problems.append(f"{name}:{line} imports {target}, whose unit {other!r} has no floor")
            elif floors[other] > floors[unit] or (floors[other] == floors[unit] and floors[unit] not in SHARED_FLOORS):
                problems.append(f"{name}:{line} imports {target}: {other} (floor {floors[other]}) "
                                f"is not below {unit} (floor {floors[unit]})")
    return problems


def import_cycles(modules: dict[str, Path]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan's strongly
    connected components; a group of one counts only when it imports itself)."""
    known = set(modules)
    graph = {name: sorted({t for t, _ in imports_of(name, path, known) if t in known}) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph[v]:
                cycles.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return cycles


MODULES = module_names(PACKAGE_DIR)


def test_imports_only_go_down():
    problems = upward_imports(MODULES)
    assert not problems, "imports that cross a floor upwards:\n" + "\n".join(problems)


def test_no_import_cycles():
    cycles = import_cycles(MODULES)
    assert not cycles, "modules that import each other:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_every_unit_has_a_floor():
    assert {unit_of(name) for name in MODULES} <= set(FLOORS)


# --------------------------------------------------------------------------- the checker itself


def _tree(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    root = tmp_path / "newsfuse"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return module_names(root)


@pytest.mark.parametrize("line", [
    "from ..corpus.reuse import ReuseIndex\n",              # per-article code reaching across articles
    "def f():\n    from ..corpus import reuse\n",            # the same, hidden in a function
    "import newsfuse.corpus.reuse\n",                        # the same, absolute
])
def test_the_checker_rejects_an_upward_import(tmp_path, line):
    modules = _tree(tmp_path, {"__init__.py": "", "model.py": "", "annotate/__init__.py": "",
                               "annotate/figures.py": line, "corpus/__init__.py": "", "corpus/reuse.py": ""})
    [problem] = upward_imports(modules)
    assert problem.startswith("newsfuse.annotate.figures:") and "corpus (floor 4) is not below annotate (floor 3)" in problem


def test_the_checker_rejects_siblings_and_unknown_units(tmp_path):
    modules = _tree(tmp_path, {"__init__.py": "", "annotate/__init__.py": "", "ingest/__init__.py": "",
                               "annotate/clean.py": "from ..ingest import reader\n", "ingest/reader.py": "",
                               "web.py": ""})
    problems = upward_imports(modules)
    assert any("imports newsfuse.ingest.reader: ingest (floor 3) is not below annotate" in p for p in problems)
    assert any("unit 'web' has no floor" in p for p in problems)


def test_the_checker_accepts_downward_imports(tmp_path):
    modules = _tree(tmp_path, {"__init__.py": "", "model.py": "", "corpus/__init__.py": "",
                               "corpus/reuse.py": "from ..model import Article\nfrom .. import model\n",
                               "corpus/stories.py": "from .reuse import ReuseIndex\n"})
    assert upward_imports(modules) == []


def test_the_checker_finds_a_cycle_through_a_lazy_import(tmp_path):
    modules = _tree(tmp_path, {"__init__.py": "", "output/__init__.py": "",
                               "output/brief.py": "from .corrected import X\n",
                               "output/corrected.py": "def f():\n    from .brief import build_brief\n",
                               "output/report.py": "from .brief import Y\n"})
    assert import_cycles(modules) == [["newsfuse.output.brief", "newsfuse.output.corrected"]]
