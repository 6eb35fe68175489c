"""Which switch a `case` belongs to (catalog/api/c_returns.py `switch_operand_before`): the
innermost `switch (…) {` still open, however far above and whatever blocks open inside it."""

from __future__ import annotations

from ohos_errcode.catalog.api.c_returns import switch_operand_before


def test_the_innermost_open_switch_names_the_operand():
    assert switch_operand_before("switch (rc) {\n    case ") == "rc"
    assert switch_operand_before("switch (OH_X(src, &pm)) {\n case 1: break;\n case ") == "OH_X(src, &pm)"
    inner = "switch (a) {\n case 1: {\n  switch (b) {\n   case 2: { int x; }\n   case "
    assert switch_operand_before(inner) == "b"
    assert switch_operand_before(inner + "3: break;\n  }\n  break;\n }\n case ") == "a"  # b's body closed


def test_a_block_inside_a_case_is_looked_through_and_a_closed_switch_is_none():
    assert switch_operand_before("switch (rc) {\n case 1: {\n  if (x) { y(); }\n  ") == "rc"
    assert switch_operand_before("switch (rc) { case 1: break; }\nif (x) {\n  ") is None
    assert switch_operand_before("if (x) {\n  case ") is None
    assert switch_operand_before("") is None


def test_a_switch_hundreds_of_lines_above():
    cases = "".join(f"    case {i}:\n        Handle{i}();\n        break;\n" for i in range(300))
    assert switch_operand_before("switch (errCode) {\n" + cases + "    case ") == "errCode"
