"""The code-only text of a file's lines: strings and comments blanked with the scanner's segments
(`scan.lex_lines`), a string that is a whole number kept (without its quotes); each line keeps its
length, so offsets are those of the file."""

from __future__ import annotations

from itertools import islice


def masked_lines(lines: list[str], segments) -> list[str]:
    """Each line with only its code kept (a string that is a whole number kept too, without quotes)."""
    out = []
    for i, line in enumerate(lines):
        segs = segments(i)
        if len(segs) == 1 and segs[0][0] == 0 and segs[0][1] == len(line) and segs[0][2] == "code":
            out.append(line)
            continue
        parts = []
        pos = 0
        for s, e, ctx in segs:
            if ctx in ("code", "preprocessor") or (ctx == "string" and line[s:e].isdigit()):
                parts.append(" " * (s - pos))
                parts.append(line[s:e])
                pos = e
        parts.append(" " * (len(line) - pos))
        out.append("".join(parts))
    return out


def lexed_segments(lines: list[str], language: str):
    """`segments(i)` for lines not held by a scanner: the lines up to `i` lexed once each with
    `scan.lex_lines`, when first asked (a file whose imports name no known module is never lexed)."""
    from ..scan import lex_lines

    segs: list = []
    lexed = lex_lines(lines, language, cand_only=True, literals=False)

    def segments(i: int):
        if i >= len(segs):
            segs.extend(s for _, s, _ in islice(lexed, i + 1 - len(segs)))
        return segs[i]

    return segments
