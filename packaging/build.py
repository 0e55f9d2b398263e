"""`make package`: the one-folder build in dist/burner-desk/, and how long it took and how big it is."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "burner-desk"


def bundle_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main() -> int:
    started = time.perf_counter()
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)  # a stale file from an older build must not ship
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={DIST}",
            f"--workpath={ROOT / 'build' / 'pyinstaller'}",
            str(ROOT / "packaging" / "burner_desk.spec"),
        ],
        cwd=ROOT,
        check=False,
    )
    if built.returncode != 0:
        return built.returncode
    elapsed = time.perf_counter() - started
    print(f"built {BUNDLE} in {elapsed:.0f} s, {bundle_size(BUNDLE) / 1e6:.0f} MB on disk")
    return 0


if __name__ == "__main__":
    sys.exit(main())
