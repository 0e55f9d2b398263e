"""Where the app keeps its data, settings and logs, and where its shipped resources are, from source or frozen."""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "burner_desk"
DISTRIBUTION = "burner-desk"
LOG_SUBDIR = "logs"
# Where an install (wheel, editable or PyInstaller's copy_metadata) keeps the core metadata, by sys.path entry.
METADATA_FILES = (f"{APP_NAME}-*.dist-info/METADATA", f"{APP_NAME}.egg-info/PKG-INFO")
# Vaults, backups and logs are for their owner alone (on Windows the per-user profile folders do this and
# chmod only sets the read-only flag, which these modes leave off).
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


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


def private_dir(path: Path) -> Path:
    """Make `path` (and missing parents) a folder only its owner can enter, tightening one that exists."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    make_private(path, PRIVATE_DIR_MODE)
    return path


def make_private(path: Path, mode: int = PRIVATE_FILE_MODE) -> None:
    """Owner-only permissions on an existing file (or folder, with PRIVATE_DIR_MODE); a file that is gone
    or belongs to someone else is left as it is."""
    try:
        if os.stat(path).st_mode & 0o777 != mode:
            os.chmod(path, mode)
    except OSError:
        pass


def create_private_file(path: Path) -> int:
    """A new file readable by its owner only, whatever the umask; returns its descriptor for writing."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)


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
