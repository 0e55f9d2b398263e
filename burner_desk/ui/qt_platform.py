"""Before the QApplication: can Qt's window-system plugin load on this machine?

On Linux, Qt draws windows through its xcb plugin, which needs X libraries a minimal system may lack
(libxcb-cursor0 since Qt 6.5). Without them Qt aborts the process while creating the QApplication, before
anything of ours can explain, `--self-check` included. Loading the plugin's library first (dlopen, as Qt
itself would) names the missing library, and the person gets the package to install instead of a core dump.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

# Libraries Qt's xcb plugin needs that minimal installs leave out: (Debian/Ubuntu, Fedora) package.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}
_MISSING = re.compile(r"([\w.+-]+\.so[\w.]*): cannot open shared object file")


def xcb_plugin() -> Path:
    import PySide6  # the package only, for where its Qt lives (from source and frozen alike)

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def uses_xcb() -> bool:
    """Whether Qt will start on its xcb plugin: Linux, asked for it or for nothing else, not on Wayland."""
    if not sys.platform.startswith("linux"):
        return False
    wanted = os.environ.get("QT_QPA_PLATFORM", "")
    if wanted:
        return wanted.split(";")[0].split(":")[0] == "xcb"
    return not os.environ.get("WAYLAND_DISPLAY")


def platform_problem(plugin: Path | None = None) -> str | None:
    """None when the window-system plugin Qt will use can load here; else what to do, in plain words."""
    if plugin is None:
        if not uses_xcb():
            return None
        plugin = xcb_plugin()
    if not os.environ.get("DISPLAY"):
        return (
            "Qt has no display to open windows on (DISPLAY is not set). On a machine without a screen, "
            "set QT_QPA_PLATFORM=offscreen."
        )
    if not plugin.exists():
        return None  # a layout this check does not know: Qt reports for itself
    import ctypes  # here, not at import: every start pays for this module, few run this far

    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return missing_libraries_message(_all_missing(plugin) or _MISSING.findall(str(exc)))
    return None


def _all_missing(plugin: Path) -> list[str]:
    """Every library the loader cannot find (dlopen names only the first), so one install command fixes
    all; empty when ldd is not there to ask."""
    import subprocess

    try:
        listed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return list(dict.fromkeys(re.findall(r"^\s*(\S+) => not found", listed, re.MULTILINE)))


def missing_libraries_message(libraries: list[str]) -> str:
    named = ", ".join(libraries) or "a library it needs"
    packages = [XCB_PACKAGES[library] for library in libraries if library in XCB_PACKAGES]
    if packages and len(packages) == len(libraries):
        debian = " ".join(dict.fromkeys(debian for debian, _fedora in packages))
        fedora = " ".join(dict.fromkeys(fedora for _debian, fedora in packages))
        how = f" Install: on Debian or Ubuntu `sudo apt install {debian}`, on Fedora `sudo dnf install {fedora}`."
    else:
        how = " Ask IT to install the X11 libraries Qt 6 needs (README, Prerequisites, lists them)."
    return f"Qt cannot open windows on this machine: missing {named}.{how}"
