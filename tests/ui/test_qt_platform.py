"""Qt aborts the whole process when its window-system plugin cannot load (a Linux without the X libraries
Qt 6 needs, or no display); the app and its self-check say what to install instead."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from burner_desk.ui import qt_platform

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")


def _plugin_needing(tmp_path: Path, *libraries: str) -> Path:
    """A shared library linked against `libraries`, which are then removed: the loader cannot find them,
    as it cannot find libxcb-cursor0 on a minimal system."""
    if shutil.which("gcc") is None:
        pytest.skip("gcc builds the stand-in plugin")
    (tmp_path / "empty.c").write_text("void nothing(void) {}\n")
    links = []
    for library in libraries:
        built = tmp_path / library
        subprocess.run(
            [
                "gcc",
                "-shared",
                "-fPIC",
                f"-Wl,-soname,{library}",
                "-o",
                str(built),
                str(tmp_path / "empty.c"),
            ],
            check=True,
        )
        links.append(str(built))
    plugin = tmp_path / "plugins" / "libqxcb.so"
    plugin.parent.mkdir()
    subprocess.run(
        [
            "gcc",
            "-shared",
            "-fPIC",
            "-Wl,--no-as-needed",
            "-o",
            str(plugin),
            str(tmp_path / "empty.c"),
            *links,
        ],
        check=True,
    )
    for library in libraries:
        (tmp_path / library).unlink()
    return plugin


@LINUX
def test_every_missing_library_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    plugin = _plugin_needing(tmp_path, "libbd-absent-a.so.1", "libbd-absent-b.so.2")

    problem = qt_platform.platform_problem(plugin)

    assert problem is not None
    assert "libbd-absent-a.so.1" in problem and "libbd-absent-b.so.2" in problem


@LINUX
def test_a_plugin_that_loads_is_no_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    assert qt_platform.platform_problem(_plugin_needing(tmp_path)) is None


def test_known_libraries_come_with_the_packages_to_install() -> None:
    message = qt_platform.missing_libraries_message(["libxcb-cursor.so.0", "libxcb-icccm.so.4"])
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in message
    assert "sudo dnf install xcb-util-cursor xcb-util-wm" in message


@LINUX
def test_no_display_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    problem = qt_platform.platform_problem(_plugin_needing(tmp_path))
    assert problem is not None and "QT_QPA_PLATFORM=offscreen" in problem


def test_offscreen_and_wayland_need_no_xcb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not qt_platform.uses_xcb()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert not qt_platform.uses_xcb()


SELF_CHECK_WITH = """
import sys
from pathlib import Path
from burner_desk.ui import qt_platform
qt_platform.xcb_plugin = lambda: Path(sys.argv[1])
from burner_desk import app
sys.exit(app.main(["--self-check"]))
"""


@LINUX
def test_the_self_check_reports_a_plugin_that_cannot_load_instead_of_aborting(tmp_path: Path) -> None:
    plugin = _plugin_needing(tmp_path, "libbd-absent-c.so.0")
    environment = os.environ | {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}
    ran = subprocess.run(
        [sys.executable, "-c", SELF_CHECK_WITH, str(plugin)], env=environment, capture_output=True, text=True
    )
    assert ran.returncode == 1
    assert "FAIL  Qt platform plugin" in ran.stdout and "libbd-absent-c.so.0" in ran.stdout
    assert "self-check FAILED" in ran.stdout
