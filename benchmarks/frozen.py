"""The frozen build (`make package`): its start to the unlock window against the app run from source, and
its size on disk. Both need dist/burner-desk/; without it the report says "not built" instead."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

from benchmarks.timing import Row, bench_setup, p50, seconds, start_env
from burner_desk.services import access
from burner_desk.storage.keyslots import KdfParams

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "burner-desk"
FROZEN_APP = BUNDLE / ("burner-desk.exe" if sys.platform == "win32" else "burner-desk")
START_ROW = "Frozen app start to the unlock window"
SIZE_ROW = "Frozen bundle size on disk"
NOT_BUILT = "not built (run make package)"


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def _start_to_unlock_window(command: list[str], vault: Path, png: Path) -> float:
    """Process start to the unlock window drawn (--screenshot renders it, then exits)."""
    env = start_env(vault.parent) | {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return seconds(
        lambda: subprocess.run(
            [*command, "--data-dir", str(vault), "--screenshot", str(png)],
            env=env,
            check=True,
            capture_output=True,
        )
    )


def run(workdir: Path, repeats: int) -> tuple[list[Row], list[str]]:
    """Rows for the table, and the "not built" lines printed under it when there is no bundle."""
    if not FROZEN_APP.exists():
        return [], [f"{START_ROW}: {NOT_BUILT}", f"{SIZE_ROW}: {NOT_BUILT}"]
    vault = workdir / "frozen-start"
    access.lock(
        access.first_run_setup(vault, bench_setup("frozen.start"), kdf=KdfParams(time_cost=1)), "manual"
    )
    png = workdir / "unlock.png"
    frozen: list[float] = []
    source: list[float] = []
    _start_to_unlock_window([sys.executable, "-m", "burner_desk"], vault, png)  # untimed: fills the cache
    for _ in range(repeats):  # interleaved, so a busy moment on the machine hits both sides alike
        frozen.append(_start_to_unlock_window([str(FROZEN_APP)], vault, png))
        source.append(_start_to_unlock_window([sys.executable, "-m", "burner_desk"], vault, png))
    start_ratio = p50(frozen) / p50(source)
    bundle = _folder_bytes(BUNDLE)
    site_packages = _folder_bytes(Path(sysconfig.get_paths()["purelib"]))
    size_ratio = bundle / site_packages
    return [
        Row(
            START_ROW,
            f"p50 {p50(frozen):.2f} s",
            f"from source p50 {p50(source):.2f} s",
            start_ratio,
            "<= 1.5x",
            start_ratio <= 1.5,
        ),
        Row(
            SIZE_ROW,
            f"{bundle / 1e6:.0f} MB",
            f"venv site-packages {site_packages / 1e6:.0f} MB",
            size_ratio,
            "<= 1.0x",
            size_ratio <= 1.0,
        ),
    ], []
