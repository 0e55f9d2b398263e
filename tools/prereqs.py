"""`make test` checks what it needs from the machine before it starts, and says how to get what is missing.

Python packages come from requirements.lock into .venv; these are the system's parts: a PostgreSQL server
for central's tests, and (as root) `runuser` to start it as an unprivileged account.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from the checkout

from tools import pgcluster


def missing_for_tests() -> list[str]:
    missing = []
    if problem := pgcluster.missing_binaries():
        missing.append(problem)
    if os.name != "posix":
        missing.append("The test suite runs on Linux or macOS (it starts PostgreSQL as a POSIX user).")
    elif os.geteuid() == 0 and shutil.which("runuser") is None:
        missing.append(
            "Running as root, the tests start PostgreSQL through runuser (util-linux): install it."
        )
    return missing


def main() -> int:
    missing = missing_for_tests()
    for line in missing:
        print(f"make test needs: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
