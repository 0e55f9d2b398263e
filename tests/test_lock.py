"""requirements.lock pins what pyproject.toml asks for: `make` installs from the lock alone (with hashes),
so a dependency added to pyproject.toml and not locked would be missing from every fresh install."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", line)
        if match:
            pins[_normalised(match.group(1))] = match.group(2)
    return pins


def test_every_dependency_in_pyproject_is_locked_at_its_version_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _pins([*project["dependencies"], *project["optional-dependencies"]["dev"]])
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    locked = _pins(lock.splitlines())

    assert {name: locked.get(name) for name in wanted} == wanted, "run `make lock`"
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2])
    assert all("--hash=sha256:" in entry for entry in entries if "==" in entry)
