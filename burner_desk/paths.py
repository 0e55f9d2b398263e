"""Where the app keeps its data, settings and logs, and where its shipped resources are, from source or frozen."""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP_NAME = "burner_desk"
DISTRIBUTION = "burner-desk"
LOG_SUBDIR = "logs"


def default_data_dir() -> Path:
    """The platform's per-user data directory (for example ~/.local/share/burner_desk on Linux)."""
    return user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class AppDirs:
    """The vault (data), cosmetic UI settings (config) and the rotating log and crash reports (logs)."""

    data: Path
    config: Path
    logs: Path

    @staticmethod
    def resolve(data_dir: Path | None) -> AppDirs:
        """`--data-dir` overrides all three, so a test, a demo or a second vault never touches the real ones."""
        if data_dir is not None:
            return AppDirs(data=data_dir, config=data_dir, logs=data_dir / LOG_SUBDIR)
        # Windows: %LOCALAPPDATA%\burner_desk\...; macOS: ~/Library/{Application Support,Logs}/burner_desk;
        # Linux: ~/.local/share, ~/.config and ~/.local/state/.../log.
        return AppDirs(
            data=default_data_dir(),
            config=user_config_path(APP_NAME, appauthor=False),
            logs=user_log_path(APP_NAME, appauthor=False),
        )


@functools.cache  # read at --version and in the start-up log line
def app_version() -> str:
    """The version in pyproject.toml, from the installed metadata (the frozen build carries a copy)."""
    return metadata.version(DISTRIBUTION)


def is_frozen() -> bool:
    """True inside the PyInstaller bundle."""
    return getattr(sys, "frozen", False) is True


def resources_root() -> Path:
    # PyInstaller unpacks bundled data under sys._MEIPASS; from source, resources/ sits beside the package.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file shipped in resources/, e.g. resource_path("directory", "sample_resources.json")."""
    return resources_root().joinpath(*parts)
