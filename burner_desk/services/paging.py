"""A page of a list that grows with history (phones, bags): the view loads the next page when it scrolls
to the end, so a list costs the same to open at 100 rows or 100,000.

Pages are keyset pages: the next one starts after the last row shown (by a unique, indexed key such as an
asset tag), so a row added or changed meanwhile neither repeats nor skips one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

PAGE_SIZE = 100  # a few screens of rows: one page fills any table, the next comes while scrolling


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: tuple[T, ...]
    more: bool  # rows follow the last of these
