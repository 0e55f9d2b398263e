"""What a piece of work changed: the kinds of record its committed transactions wrote.

A change is named by its kind of record, the wire name ("encounter", "follow_up", "burner_phone"), or
for local bookkeeping its table ("outbox", "setting", "sync_state", "sync_conflict", "parked_row",
"draft"). Only kinds, never ids or values: views ask for what they show again, as Anki's OpChanges do.

The unit of work reports each commit here (storage/uow.py); whoever runs the work (the UI's DB executor,
ui/tasks.py) records around it and announces the set once the work is done. Reads write audit events
only, which are left out: a read changes nothing a view shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Changed = frozenset[str]  # kinds of record written; empty for a pure read
NOTHING: Changed = frozenset()

# Per thread (a context variable): the DB executor's thread records its task, the network thread its own.
_recorders: ContextVar[tuple[set[str], ...]] = ContextVar("burner_desk_change_recorders", default=())


@contextmanager
def recording() -> Iterator[set[str]]:
    """The kinds of record committed inside the block on this thread; blocks may nest (each sees all)."""
    written: set[str] = set()
    token = _recorders.set((*_recorders.get(), written))
    try:
        yield written
    finally:
        _recorders.reset(token)


def committed(kinds: Iterable[str]) -> None:
    """Note kinds of record just committed (or, from another thread's step, written for this one)."""
    noted = set(kinds)
    for written in _recorders.get():
        written.update(noted)
