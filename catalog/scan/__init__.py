"""Finding error-code literals (and the names that stand for codes) in ArkTS/TS/JS and C/C++ source.

The path of a source file, one module per step (see docs/architecture.md):

- `languages`: which lexer a file gets, the limits every step shares;
- `lexer`: the lexer's states as a table of rows and the one driver that reads a line from the state
  the line before left (`lex_line`; `lex_lines` for a whole file), lines cut (`split_lines`);
- `literals`: the numbers a line holds, as written and as values (`Literal`, `NameRef`);
- `rules`: the error-context rules as a table (is the number where an error code is expected, and why);
- `context`: the patterns and operand tests those rules are made of;
- `names`: definitions, expressions, code names, file-wide facts;
- `plausible`: which numbers can count as codes (`counts_as_code`);
- `relevant`: the whole-file pass that lexes only the lines that can hold a finding;
- `incremental`: `IncrementalScanner`, a document kept up to date across edits (`reads`: which
  lines a verdict read).

Positions are (0-based line, code-point column); lines end at `\\r\\n`, `\\r` or `\\n` as in LSP.
"""

from __future__ import annotations

from . import native

native.install()  # before the modules are imported: the compiled ones when a fresh build is present

from .incremental import IncrementalScanner, scan, scan_names
from .languages import ARKTS, C, CONTEXT_AFTER, CONTEXT_BEFORE, MAX_LINE, language_of, norm_lang
from .lexer import START, lex_line, lex_lines, split_lines
from .literals import Literal, NameRef
from .names import file_facts, kit_hint
from .plausible import counts_as_code
from .relevant import DIGIT_RUNS, lex_relevant, relevant_pattern

__all__ = [
    "Literal",
    "NameRef",
    "IncrementalScanner",
    "language_of",
    "scan",
    "scan_names",
    "kit_hint",
    "split_lines",
    "counts_as_code",
    # the steps' own public names, for the analysis and for tests
    "ARKTS",
    "C",
    "CONTEXT_AFTER",
    "CONTEXT_BEFORE",
    "MAX_LINE",
    "norm_lang",
    "START",
    "lex_line",
    "lex_lines",
    "file_facts",
    "DIGIT_RUNS",
    "lex_relevant",
    "relevant_pattern",
]
