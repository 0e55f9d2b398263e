"""`python -m burner_desk` starts the GUI."""

from __future__ import annotations

import sys

from burner_desk.app import main

sys.exit(main())
