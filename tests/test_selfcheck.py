"""`burner-desk --self-check` reports every part and passes only when all work (issue 6, deliverable 1).

The frozen bundle runs the same check in `make package-check`.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from burner_desk import paths, selfcheck
from burner_desk.logs import LOG_FILE
from burner_desk.storage.vault import NO_KEYRING_WARNING
from tests.cli.conftest import run
from tests.conftest import MemoryKeyring

CHECK_NAMES = ["Qt platform plugin", "keyring", "vault", "PDF", "QtPdf render", "languages"]


def _report(out: io.StringIO) -> list[str]:
    return out.getvalue().splitlines()


def test_every_check_passes_here_and_leaves_nothing_in_the_keyring(
    qapp: QApplication, memory_keyring: MemoryKeyring
) -> None:
    out = io.StringIO()
    assert selfcheck.main(out) == 0, out.getvalue()
    lines = _report(out)
    assert lines[0].startswith(f"Burner Desk {paths.app_version()} self-check (from source")
    for name in CHECK_NAMES:
        assert sum(line.startswith(f"ok    {name}: ") for line in lines) == 1, (name, lines)
    assert "OS keyring: tests.conftest.MemoryKeyring" in out.getvalue()
    assert lines[-1].startswith("self-check passed: 6 checks")
    assert memory_keyring.entries == {}  # the throwaway vault's device secret is gone


@pytest.mark.usefixtures("no_keyring")
def test_no_keyring_names_the_passphrase_only_fallback(qapp: QApplication) -> None:
    out = io.StringIO()
    assert selfcheck.main(out) == 0, out.getvalue()
    assert f"ok    keyring: no OS keyring, passphrase-only fallback ({NO_KEYRING_WARNING})" in _report(out)


def test_a_missing_platform_plugin_fails_the_check_and_the_rest_still_report(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selfcheck, "NATIVE_PLATFORM", "qnosuchplatform")
    out = io.StringIO()
    assert selfcheck.main(out) == 1
    lines = _report(out)
    [failed] = [line for line in lines if line.startswith("FAIL")]
    assert failed.startswith("FAIL  Qt platform plugin:") and "qnosuchplatform" in failed
    assert sum(line.startswith("ok    ") for line in lines) == len(CHECK_NAMES) - 1
    assert lines[-1].startswith("self-check FAILED: Qt platform plugin")


def test_the_command_line_self_check_exits_0_and_logs_under_the_data_dir(tmp_path: Path) -> None:
    ran = run("--data-dir", str(tmp_path / "data"), "--self-check", module="burner_desk", timeout=120)
    assert ran.code == 0, ran.out + ran.err
    assert "self-check passed" in ran.out
    # --data-dir moves the log too, so a test or a second vault never writes to the platform's log folder.
    assert "starting" in (tmp_path / "data" / "logs" / LOG_FILE).read_text(encoding="utf-8")


def test_data_dir_overrides_every_folder_and_the_defaults_are_apart(tmp_path: Path) -> None:
    given = paths.AppDirs.resolve(tmp_path)
    assert given.data == tmp_path and given.config == tmp_path and given.logs == tmp_path / "logs"
    default = paths.AppDirs.resolve(None)
    assert default.data == paths.default_data_dir()
    assert default.logs not in (default.data, default.config)  # config may equal data (Windows, macOS)
    assert all(paths.APP_NAME in str(folder) for folder in (default.data, default.config, default.logs))
