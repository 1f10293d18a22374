"""The hashed locks (.ci/lock) stay installable by stock pip 23.2 and keep the product apart from
the test and evaluation tools; pyproject.toml gives ranges that the locked versions satisfy."""

import re
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {"runtime": "requirements.lock", "test": "requirements-test.lock", "eval": "eval/requirements-eval.lock"}
EVAL_ONLY = {"sumy", "textacy", "quantulum3", "breadability"}
LINE = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)(?P<extras>\[[^\]]+\])?==(?P<version>[^ ;\\]+)( ; [^\\]+)? \\$")


def entries(lock: str) -> list[tuple[str, str, str]]:
    """(name, extras, version) of each requirement line, checked to be pinned and hashed."""
    lines = (ROOT / lock).read_text().splitlines()
    found = []
    for i, line in enumerate(lines):
        if not line or line[0] in " #":
            continue
        m = LINE.match(line)
        assert m, f"{lock}:{i + 1}: not an exact pin: {line}"
        assert lines[i + 1].strip().startswith("--hash=sha256:"), f"{lock}:{i + 1}: no hash"
        found.append((canonicalize_name(m["name"]), m["extras"] or "", m["version"]))
    return found


def pins(lock: str) -> dict[str, str]:
    return {name: version for name, _, version in entries(lock)}


@pytest.mark.parametrize("lock", sorted(LOCKS.values()))
def test_every_line_is_pinned_with_hashes_and_extras_have_a_plain_twin(lock):
    found = entries(lock)
    plain = {(name, version) for name, extras, version in found if not extras}
    twins = [(n, e, v) for n, e, v in found if e and (n, v) not in plain]
    assert not twins, f"{lock}: pip 23.2 needs a plain pin beside each pin with extras: {twins}"


def test_runtime_is_the_product_only_and_each_lock_extends_the_previous():
    runtime, test, evaluation = (pins(LOCKS[k]) for k in ("runtime", "test", "eval"))
    assert not (EVAL_ONLY | {"rouge-score", "pytest"}) & set(runtime)
    assert not EVAL_ONLY & set(test)
    assert EVAL_ONLY <= set(evaluation)
    assert runtime.items() <= test.items() <= evaluation.items()


def test_extras_are_spelled_as_the_packages_that_ask_for_them():
    # pip 23.2 compares extra names unnormalised ('html_clean' is not 'html-clean' there)
    asked = {
        (canonicalize_name(r.name), e)
        for dist in distributions()
        for r in map(Requirement, dist.requires or [])
        for e in r.extras
    }
    for name, extras, _ in entries(LOCKS["test"]):
        for extra in filter(None, extras.strip("[]").split(",")):
            assert (name, extra) in asked, f"{name}[{extra}]: no installed package spells the extra so"


def test_pyproject_gives_ranges_that_the_runtime_lock_satisfies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    locked = pins(LOCKS["runtime"])
    for spec in project["dependencies"]:
        req = Requirement(spec)
        assert "==" not in str(req.specifier), f"{spec}: a library gives a range, not a pin"
        assert req.specifier.contains(locked[canonicalize_name(req.name)]), f"{spec}: lock has {locked[req.name]}"
