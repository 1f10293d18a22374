"""CLI and API in parity: every command is a thin wrapper over a function of ``newsfuse.api``, and the
CLI reaches the package only through the API, the model records and the contract's JSON records."""

from __future__ import annotations

import ast

import typer.main

from newsfuse import api, cli
from newsfuse.settings import PACKAGE_DIR

from test_layers import imports_of, module_names

CLI_SOURCE = ast.parse((PACKAGE_DIR / "cli.py").read_text(encoding="utf-8"))
FUNCTIONS = {node.name: node for node in CLI_SOURCE.body if isinstance(node, ast.FunctionDef)}


def api_calls(name: str, seen: set[str] | None = None) -> set[str]:
    """The ``api.*`` functions a CLI function calls, itself or through the CLI's own helpers."""
    seen = seen if seen is not None else set()
    seen.add(name)
    found = set()
    for node in ast.walk(FUNCTIONS[name]):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "api":
            found.add(func.attr)
        elif isinstance(func, ast.Name) and func.id in FUNCTIONS and func.id not in seen:
            found |= api_calls(func.id, seen)
    return found


def commands() -> dict[str, str]:
    """Command path → the name of the function behind it."""
    out = {}

    def walk(group, prefix=""):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")
            else:
                out[prefix + name] = command.callback.__name__

    walk(typer.main.get_command(cli.app))
    return out


def test_every_command_wraps_the_api():
    missing = {path: fn for path, fn in commands().items() if not api_calls(fn)}
    assert not missing, f"commands that do their work outside newsfuse.api: {missing}"
    for fn in commands().values():
        assert all(callable(getattr(api, name, None)) for name in api_calls(fn)), fn


def test_the_cli_reaches_the_package_only_through_the_api():
    modules = module_names(PACKAGE_DIR)
    reached = {target for target, _line in imports_of("newsfuse.cli", modules["newsfuse.cli"], set(modules))}
    assert reached <= {"newsfuse", "newsfuse.api", "newsfuse.model", "newsfuse.output.records"}, reached
