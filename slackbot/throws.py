"""Questions about which API throws which code: "which errors can createPixelMap throw?",
"what throws 62980096?"; and the "Thrown by" line of a code's answer (catalog/api)."""

from __future__ import annotations

import re

from ..catalog.api.index import api_index
from ..catalog.api.render import can_throw, code_title, describe
from .blocks import Reply, escape

MAX_APIS = 5  # APIs in one reply (a name several modules declare)
MAX_THROWN_BY = 10

_API_QUESTION = re.compile(
    r"(?i)\b(?:which|what)\s+(?:error\s*codes?|errors?|codes?|exceptions?)\s+(?:can|does|do|might|may|could|will)\s+"
    r"`?(?P<name>[A-Za-z_$][\w$.:]*)`?(?:\(\))?\s+(?:throw|raise|return)")
_API_QUESTION2 = re.compile(r"(?i)\bwhat\s+(?:can|does)\s+`?(?P<name>[A-Za-z_$][\w$.:]*)`?(?:\(\))?\s+throw\b")
_CODE_QUESTION = re.compile(r"(?i)\b(?:what|which|who)\s+(?:APIs?\s+|functions?\s+|calls?\s+)?(?:can\s+)?throws?\s+`?(?P<code>-?\d{3,})")


def question(text: str) -> tuple[str, str] | None:
    """("api", name) or ("code", digits) when the message asks one of the two questions."""
    m = _API_QUESTION.search(text) or _API_QUESTION2.search(text)
    if m:
        return "api", m.group("name")
    m = _CODE_QUESTION.search(text)
    if m:
        return "code", m.group("code")
    return None


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}}


def api_reply(catalog, name: str) -> Reply:
    apis = api_index(catalog).find(name)
    if not apis:
        msg = (f"No API named `{escape(name)}` is known. The bundled catalog knows Image Kit; "
               "`errcode catalog update` adds every kit.")
        return Reply(text=msg, blocks=[_section(msg)])
    blocks, lines = [], []
    for api in apis[:MAX_APIS]:
        head = escape(describe(api))
        if not api.codes:
            msg = f"*{head}* declares no error codes."
            blocks.append(_section(msg))
            lines.append(msg.replace("*", ""))
            continue
        items = []
        for code, text in api.codes:
            title, _ = code_title(code, text if api.lang != "c" else "", catalog)
            if api.lang == "c" and text:
                title = f"{text}: {title}" if title else text
            items.append(f"• `{code}` {escape(title)}")
        blocks.append(_section(f"*{head}* {can_throw(api)}:\n" + "\n".join(items)))
        lines.append(f"{describe(api)} {can_throw(api)} " + ", ".join(str(c) for c, _ in api.codes))
    if len(apis) > MAX_APIS:
        more = f"and {len(apis) - MAX_APIS} more APIs named {escape(name)}"
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": more}]})
        lines.append(more)
    return Reply(text="\n".join(lines), blocks=blocks)


def thrown_by_line(catalog, code: int) -> str:
    """`Thrown by: a, b, … and N more` (mrkdwn), or "" when no API is known to throw it."""
    names = [n.split(" ", 1)[0] for n in catalog.thrown_by(code)]
    if not names:
        return ""
    shown = ", ".join(f"`{escape(n)}`" for n in names[:MAX_THROWN_BY])
    more = f" and {len(names) - MAX_THROWN_BY} more" if len(names) > MAX_THROWN_BY else ""
    return f"*Thrown by:* {shown}{more}"


def code_reply(catalog, digits: str) -> Reply:
    code = int(digits)
    line = thrown_by_line(catalog, code)
    if not line:
        msg = f"No API is known to throw {code}."
        return Reply(text=msg, blocks=[_section(msg)])
    names = [n.split(" ", 1)[0] for n in catalog.thrown_by(code)]
    return Reply(text=f"{code} is thrown by " + ", ".join(names[:MAX_THROWN_BY])
                 + (f" and {len(names) - MAX_THROWN_BY} more" if len(names) > MAX_THROWN_BY else ""),
                 blocks=[_section(f"*{code}* — {line}")])


def answer(catalog, text: str) -> Reply | None:
    """The reply to a throws question, or None when the message asks something else."""
    q = question(text)
    if q is None:
        return None
    return api_reply(catalog, q[1]) if q[0] == "api" else code_reply(catalog, q[1])
