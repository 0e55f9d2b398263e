"""Work that makes many objects (a sync, a print) sets the heap that exists before it aside from Python's
full garbage collections (gc.freeze): each full collection it sets off would otherwise walk the app's whole
heap again, a tenth of a second apiece after a day's work, holding the GIL (the UI stands still for it).

Python has one frozen set and `gc.unfreeze` hands all of it back. Once the app has set its long-lived
objects aside for good (ui.shell: its code, ~154,000 objects), handing the heap back after a sync or a
print handed those back too, and every later full collection walked them again (107 ms of CPU each). So
the heap is handed back only when nothing was frozen before: then the cyclic garbage among the objects
frozen for the work's sake stays uncollected, 63 objects after a whole record-and-print (measured).
"""

from __future__ import annotations

import gc
from collections.abc import Callable


def _nothing() -> None:
    """The app's own frozen heap stays frozen (the module's docstring)."""


def set_aside() -> Callable[[], None]:
    """Freeze the heap as it is now; call what this returns once the work is over, whatever happened."""
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    return _nothing if frozen_before else gc.unfreeze
