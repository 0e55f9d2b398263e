"""Runtime hook: a windowed build (Windows, macOS) starts with sys.stdout and sys.stderr set to None.

print() and the `--self-check` report would then raise; send them to the null device instead. The exit
code still tells IT whether the self-check passed (`start /wait burner-desk.exe --self-check`).
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the app)
