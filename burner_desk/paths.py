"""Where the app keeps its data, settings and logs, and where its shipped resources are, from source or frozen."""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "burner_desk"
DISTRIBUTION = "burner-desk"
LOG_SUBDIR = "logs"
# Where an install (wheel, editable or PyInstaller's copy_metadata) keeps the core metadata, by sys.path entry.
METADATA_FILES = (f"{APP_NAME}-*.dist-info/METADATA", f"{APP_NAME}.egg-info/PKG-INFO")


def default_data_dir() -> Path:
    """The platform's per-user data directory (for example ~/.local/share/burner_desk on Linux)."""
    from platformdirs import user_data_path  # only without --data-dir: kept off the cold start's path

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
        from platformdirs import user_config_path, user_log_path

        return AppDirs(
            data=default_data_dir(),
            config=user_config_path(APP_NAME, appauthor=False),
            logs=user_log_path(APP_NAME, appauthor=False),
        )


@functools.cache  # read at --version and in the start-up log line
def app_version() -> str:
    """The version in pyproject.toml, from the installed metadata (the frozen build carries a copy).

    The metadata file is read here directly, in sys.path order as importlib.metadata searches:
    importing importlib.metadata pulls in the email package, ~20 ms on the way to the unlock window.
    """
    for entry in sys.path:
        for pattern in METADATA_FILES:
            for metadata_file in Path(entry or ".").glob(pattern):
                version = _version_field(metadata_file)
                if version is not None:
                    return version
    from importlib import metadata  # an install laid out some other way (a zip, a custom finder)

    return metadata.version(DISTRIBUTION)


def _version_field(metadata_file: Path) -> str | None:
    """The Version header of a core metadata file (RFC 822 style: headers, a blank line, the description)."""
    try:
        with metadata_file.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    break
                name, _, value = line.partition(":")
                if name == "Version":
                    return value.strip()
    except OSError:
        return None
    return None


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
