"""The lookup core: no pygls, no slack, no I/O beyond reading docs."""

from .catalog import Catalog
from .model import Answer, Entry, Finding, Fix, LoadError, Position, Range, SearchHit, Severity

__all__ = [
    "Answer",
    "Catalog",
    "Entry",
    "Finding",
    "Fix",
    "LoadError",
    "Position",
    "Range",
    "SearchHit",
    "Severity",
]
