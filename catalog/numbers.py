"""Reading a number as a user or a source writes it, and the numbers a mistyped code could be."""

from __future__ import annotations

MAX_NUMBER_CHARS = 40  # a number written longer than this (separators included) is no code


def near_misses(a: str) -> dict[str, int]:
    """Every number that is `a` mistyped, with its rank: 0 one digit wrong, 1 two digits swapped,
    2 a digit missing or extra.  A few hundred strings to look up, whatever the catalog's size."""
    out: dict[str, int] = {}
    n = len(a)
    for i in range(n):
        for d in "0123456789":
            if d != a[i]:
                out[a[:i] + d + a[i + 1:]] = 0
    for i in range(n):
        for j in range(i + 1, n):
            if a[i] != a[j]:
                out.setdefault(a[:i] + a[j] + a[i + 1:j] + a[i] + a[j + 1:], 1)
    for i in range(n):
        out.setdefault(a[:i] + a[i + 1:], 2)
    for i in range(n + 1):
        for d in "0123456789":
            out.setdefault(a[:i] + d + a[i:], 2)
    out.pop(a, None)
    return out


def parse_number(text: str) -> int | None:
    """`7700201`, `-62980096`, `0x3C10000`, `007700201`, `62_980_096`, `7'700'201`, `62,980,096` -> int."""
    t = text.strip().replace("_", "").replace("'", "").replace("’", "").replace(",", "")
    neg = t.startswith("-")
    t = t.lstrip("+-")
    if len(t) > MAX_NUMBER_CHARS:  # no code is that long (and int() refuses over 4,300 digits)
        return None
    try:
        value = int(t, 16) if t[:2].lower() == "0x" else int(t, 10)
    except ValueError:
        return None
    return -value if neg else value
