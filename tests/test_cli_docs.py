"""Every CLI command is documented in the README, and the README's test command is what CI runs."""

import re
from pathlib import Path

import typer.main

from newsfuse.cli import app

ROOT = Path(__file__).resolve().parents[1]


def command_paths(group, prefix=""):
    click_group = typer.main.get_command(group) if not hasattr(group, "commands") else group
    for name, command in click_group.commands.items():
        if hasattr(command, "commands"):
            yield from command_paths(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}"


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    commands = sorted(command_paths(app))
    assert {"analyze", "annotate", "extract"} <= set(commands)
    missing = [c for c in commands if f"newsfuse {c}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    block = re.search(r"\*\*\(b\)[^\n]*\n+```bash\n(.+?)\n```", readme, re.S)
    assert block, "README must show command (b) in a bash block"
    assert block.group(1).strip() in ci
