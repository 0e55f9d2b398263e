"""Where the app finds its version and its shipped files, from source or frozen."""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from burner_desk import paths

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_is_the_one_in_pyproject_and_in_the_installed_metadata() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert paths.app_version() == pyproject["project"]["version"] == metadata.version(paths.DISTRIBUTION)


def test_the_version_is_read_from_the_metadata_file_on_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in the frozen bundle: a copied dist-info folder, found on sys.path."""
    dist_info = tmp_path / f"{paths.APP_NAME}-9.8.7.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.4\nName: burner-desk\nVersion: 9.8.7\n\nVersion: not a header, the description\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    paths.app_version.cache_clear()
    try:
        assert paths.app_version() == "9.8.7"
    finally:
        paths.app_version.cache_clear()


def test_data_dir_overrides_every_platform_folder(tmp_path: Path) -> None:
    dirs = paths.AppDirs.resolve(tmp_path)
    assert (dirs.data, dirs.config, dirs.logs) == (tmp_path, tmp_path, tmp_path / paths.LOG_SUBDIR)
    assert paths.AppDirs.resolve(None).data == paths.default_data_dir()
