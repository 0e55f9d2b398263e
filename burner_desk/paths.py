"""Where the app keeps its data, and where its shipped resources are, from source or frozen."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "burner_desk"


def default_data_dir() -> Path:
    """The platform's per-user data directory (for example ~/.local/share/burner_desk on Linux)."""
    return user_data_path(APP_NAME, appauthor=False)


def resources_root() -> Path:
    # PyInstaller unpacks bundled data under sys._MEIPASS; from source, resources/ sits beside the package.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file shipped in resources/, e.g. resource_path("directory", "sample_resources.json")."""
    return resources_root().joinpath(*parts)
