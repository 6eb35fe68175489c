"""Block Kit rendering: pure functions from the core's `Answer`s to Slack blocks plus a text fallback.

Nothing here talks to Slack.  Every piece of text that comes from a message or a page is escaped
(`&`, `<`, `>`), so `<!channel>`, `<!here>` or `<@U123>` typed by someone are shown, never acted on.
Slack's limits are enforced here: 3,000 characters per section text, 150 per header, 50 blocks and
40,000 characters per message, at most `max_codes` codes answered in full, then "and N more".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..catalog.model import Answer, Entry
from ..catalog.render import flags, labels, suggestion_text

MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_URL = 3000
MAX_BLOCKS = 50
MAX_MESSAGE_CHARS = 40_000
MAX_TEXT_FALLBACK = 3000
MAX_MEANINGS = 3  # meanings of one colliding code shown in full
MAX_OTHER_HITS = 4  # extra free-text matches listed after the best one
# Stay well under Slack's 40,000 characters for everything a message carries (blocks + text).
BLOCK_CHAR_BUDGET = 30_000

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

WORDS = {
    "en": {
        "kit": "Kit",
        "open_docs": "Documentation",
        "also": "Other matches",
        "best": "Best match for “{q}”",
        "no_match": "No error code matches “{q}”.",
        "nothing": "I found no error code in that. Try `7700201`, `IMAGE_ALLOC_FAILED`, `IMAGE_RESULT_BASE + 5` "
        "or words such as `shared memory error`.",
        "more": "…and {n} more: {items}. Ask about them separately to see them in full.",
        "more_meanings": "…and {n} more meanings: {items}.",
        "rate": "You are asking faster than I can keep up with. Please wait {s} seconds and ask again.",
        "error": "Sorry, something went wrong while looking that up. Please try again.",
        "meanings": "*{code}* has {n} meanings:",
    },
    "zh-cn": {
        "kit": "Kit",
        "open_docs": "文档",
        "also": "其他匹配",
        "best": "与“{q}”最匹配的错误码",
        "no_match": "没有与“{q}”匹配的错误码。",
        "nothing": "没有找到错误码。请试试 `7700201`、`IMAGE_ALLOC_FAILED`、`IMAGE_RESULT_BASE + 5` 或 `共享内存`。",
        "more": "……另有 {n} 个：{items}。请分别提问以查看完整说明。",
        "more_meanings": "……另有 {n} 种含义：{items}。",
        "rate": "提问太快了，请等待 {s} 秒后再试。",
        "error": "抱歉，查询时出错了，请重试。",
        "meanings": "*{code}* 有 {n} 种含义：",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


@dataclass
class Reply:
    """A message ready for chat.postMessage / respond(): `text` is the plain fallback."""

    text: str
    blocks: list[dict] = field(default_factory=list)

    def as_kwargs(self) -> dict:
        return {"text": self.text, "blocks": self.blocks}


# --------------------------------------------------------------------------- text helpers
def escape(text: str) -> str:
    """Slack's three control characters, so nothing from a message or a page is parsed as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Cut escaped text to `limit` characters with an ellipsis, never inside an `&amp;`-style entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def normalize_incoming(text: str) -> str:
    """Slack's message markup back to what the person typed.

    `<@U123>` mentions and `<!here>`-style commands are dropped, `<url|label>` becomes the label,
    `<#C1|general>` becomes `#general`, then `&lt; &gt; &amp;` are unescaped.
    """

    def link(m: re.Match) -> str:
        target, label = m.group(1), m.group(2)
        if target.startswith(("@", "!")):
            return " "
        if target.startswith("#"):
            return f"#{label}" if label else " "
        return label if label else target

    text = text or ""
    if "<" in text or "&" in text:
        text = html.unescape(_LINK.sub(link, text))
    return text.strip()


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


# --------------------------------------------------------------------------- block builders
def _section(text: str, accessory: dict | None = None) -> dict:
    block = {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}}
    if accessory:
        block["accessory"] = accessory
    return block


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, MAX_SECTION)}]}


def _header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, MAX_HEADER), "emoji": True}}


def _divider() -> dict:
    return {"type": "divider"}


def _button(label: str, url: str, action_id: str) -> dict | None:
    if not url or len(url) > MAX_URL or not url.startswith(("https://", "http://")):
        return None
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(label, MAX_BUTTON_TEXT)},
        "url": url,
        "action_id": action_id,
    }


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join("• " + escape(" ".join(i.split())) for i in items)


def _block_chars(block: dict) -> int:
    n = 0
    for key in ("text",):
        if key in block:
            n += len(block[key].get("text", ""))
    for el in block.get("elements", ()):
        n += len(el.get("text", "")) if isinstance(el.get("text"), str) else len(el.get("text", {}).get("text", ""))
    return n


def entry_title(entry: Entry) -> str:
    return f"{entry.code} {' '.join(entry.title.split())}".strip()


def entry_blocks(entry: Entry, action_id: str = "open_docs") -> list[dict]:
    """One code in full: header, kit line, error message (+ documentation button), causes, solution."""
    lab = labels(entry.language)
    w = words(entry.language)
    blocks: list[dict] = [_header(escape(entry_title(entry)))]
    meta = [escape(entry.kit_name or entry.kit)]
    meta += [escape(f) for f in flags(entry, entry.language)]
    if entry.since:
        meta.append(f"API {escape(entry.since)}")
    if entry.symbols:
        meta.append(", ".join(f"`{escape(s)}`" for s in entry.symbols[:4]))
    blocks.append(_context(" · ".join(meta)))
    button = _button(w["open_docs"], entry.url, action_id)
    message = " ".join(entry.message.split()) or " ".join(entry.description.split())
    label = lab["message"] if entry.message else lab["description"]
    if message:
        blocks.append(_section(f"*{label}*\n{escape(message)}", button))
        button = None
    if entry.causes:
        blocks.append(_section(f"*{lab['causes']}*\n{_bullets(entry.causes)}", button))
        button = None
    if entry.solutions:
        blocks.append(_section(f"*{lab['solutions']}*\n{_bullets(entry.solutions)}", button))
        button = None
    for conflict in entry.conflicts[:2]:
        blocks.append(_context(f"⚠ {lab['conflict']}: {escape(conflict)}"))
    if button:  # no text section to hang it on
        blocks.append({"type": "actions", "elements": [button]})
    return blocks


def entry_line(entry: Entry) -> str:
    """Compact one-liner for lists: `*7700201* Unsupported Memory Allocation Type (Image Kit)`."""
    title = escape(" ".join(entry.title.split()))
    return f"*{entry.code}* {title} ({escape(entry.kit_name or entry.kit)})".replace(" ()", "")


def _fallback_line(entry: Entry) -> str:
    msg = " ".join(entry.message.split())
    line = f"{entry_title(entry)} ({entry.kit_name or entry.kit})"
    return escape(f"{line}: {msg}" if msg else line)


def _unknown_text(answer: Answer, lang: str) -> str:
    """`Unknown error code 7700210 — did you mean 7700201 (Unsupported Memory Allocation Type)?`"""
    lab = labels(lang)
    what = answer.query if answer.code is None else str(answer.code)
    if answer.kind == "symbol" and answer.code is None:
        text = ("未知常量名 " if lang == "zh-cn" else "Unknown name ") + what
    else:
        text = lab["unknown"].format(code=what)
    if answer.suggestions:
        if answer.kind == "symbol":
            items = " or ".join(f"{s.symbols[0] if s.symbols else s.code} = {s.code}" for s in answer.suggestions)
        else:
            items = suggestion_text(answer.suggestions, lang)
        text += " — " + lab["did_you_mean"].format(items=items)
    return text


def _answer_label(answer: Answer) -> str:
    return answer.query if answer.code is None or answer.kind != "code" else str(answer.code)


def answer_blocks(answer: Answer, lang: str, index: int, thrown_by=None) -> tuple[list[dict], list[str]]:
    """Blocks and fallback lines for one answer (one code, one name, or one free-text question)."""
    w = words(lang)
    aid = f"open_docs_{index}"
    if answer.kind == "text":
        q = escape(clip(" ".join(answer.query.split()), 80))
        if not answer.entries:
            msg = w["no_match"].format(q=q)
            return [_section(msg)], [msg]
        best, others = answer.entries[0], answer.entries[1 : 1 + MAX_OTHER_HITS]
        blocks = [_context(w["best"].format(q=q))] + entry_blocks(best, f"{aid}_0")
        lines = [_fallback_line(best)]
        if others:
            blocks.append(_section(f"*{w['also']}*\n" + "\n".join("• " + entry_line(e) for e in others)))
            lines += [_fallback_line(e) for e in others]
        return blocks, lines
    if not answer.entries:
        msg = escape(_unknown_text(answer, lang))
        return [_section(msg)], [msg]
    entries = answer.entries
    blocks: list[dict] = []
    lines: list[str] = []
    if len(entries) > 1:
        blocks.append(_section(w["meanings"].format(code=answer.code, n=len(entries))))
    for i, e in enumerate(entries[:MAX_MEANINGS]):
        blocks += entry_blocks(e, f"{aid}_{i}")
        lines.append(_fallback_line(e))
    rest = entries[MAX_MEANINGS:]
    if rest:
        items = ", ".join(escape(e.kit_name or e.kit) for e in rest[:20])
        msg = w["more_meanings"].format(n=len(rest), items=items)
        blocks.append(_context(msg))
        lines.append(msg)
    line = thrown_by(answer.code) if thrown_by is not None and answer.code is not None else ""
    if line:  # the APIs that throw the code (slackbot/throws.py)
        blocks.append(_context(line))
        lines.append(line.replace("*", "").replace("`", ""))
    return blocks, lines


def render_answers(answers: list[Answer], lang: str = "en", max_codes: int = 5, thrown_by=None) -> Reply:
    """The reply to one question: at most `max_codes` answers in full, then "and N more"."""
    w = words(lang)
    if not answers:
        return Reply(text=w["nothing"], blocks=[_section(w["nothing"])])
    blocks: list[dict] = []
    lines: list[str] = []
    chars = 0
    shown = 0
    rest: list[Answer] = []
    reserve = 2  # divider + "and N more"
    for i, answer in enumerate(answers):
        if shown >= max_codes:
            rest.extend(answers[i:])
            break
        part, part_lines = answer_blocks(answer, lang, i, thrown_by)
        part_chars = sum(_block_chars(b) for b in part)
        extra = 1 if blocks else 0
        if shown and (len(blocks) + extra + len(part) + reserve > MAX_BLOCKS or chars + part_chars > BLOCK_CHAR_BUDGET):
            rest.extend(answers[i:])
            break
        if len(part) + reserve > MAX_BLOCKS:  # a single answer never exceeds the limit
            part = part[: MAX_BLOCKS - reserve]
        if blocks:
            blocks.append(_divider())
        blocks += part
        lines += part_lines
        chars += part_chars
        shown += 1
    if rest:
        names = [escape(clip(_answer_label(a), 40)) for a in rest[:20]]
        items = ", ".join(names) + (", …" if len(rest) > 20 else "")
        msg = w["more"].format(n=len(rest), items=items)
        blocks.append(_divider())
        blocks.append(_context(msg))
        lines.append(msg)
    text = clip("\n".join(lines), MAX_TEXT_FALLBACK)
    return Reply(text=text, blocks=blocks[:MAX_BLOCKS])


def render_notice(key: str, lang: str = "en", **fmt) -> Reply:
    """Short notices (`rate`, `error`, `nothing`) as a one-section reply."""
    msg = words(lang)[key].format(**fmt)
    return Reply(text=msg, blocks=[_section(msg)])


# --------------------------------------------------------------------------- Home tab
def home_view(*, codes: int = 0, kits: list[str] | None = None, languages: list[str] | None = None,
              max_codes: int = 5) -> dict:
    """The App Home tab: what the bot does, where to ask, examples."""
    kits = kits or []
    languages = languages or ["en"]
    examples = [
        "`@errcode what is 7700201?`",
        "`/errcode 62980096 401`",
        "`/errcode share IMAGE_ALLOC_FAILED`",
        "`/errcode IMAGE_RESULT_BASE + 5`",
        "`/errcode shared memory error`",
        "`/errcode 共享内存`",
    ]
    where = [
        "• *Mention me* in a channel: `@errcode what is 7700201?` (I answer in a thread)",
        "• *Message me* here in the Messages tab",
        "• *`/errcode <codes or words>`* anywhere (only you see the answer); "
        "`/errcode share …` posts it in the channel",
        "• *Explain error codes* in a message's ⋮ menu: explains every code in a pasted log or stack trace",
    ]
    blocks = [
        _header("errcode: OpenHarmony error codes explained"),
        _section(
            "Ask about an error code, a constant name or a few words, and I answer with the cause, "
            "the fix and a link to the documentation."
        ),
        _section("*Where to ask*\n" + "\n".join(where)),
        _section("*Examples*\n" + "\n".join("• " + e for e in examples)),
        _divider(),
        _context(
            escape(f"{codes} codes from {len(kits)} kits loaded · answers in {', '.join(languages)}")
            + f" · at most {max_codes} codes in full per message"
        ),
    ]
    return {"type": "home", "blocks": blocks}


# --------------------------------------------------------------------------- plain rendering
def blocks_to_text(blocks: list[dict]) -> str:
    """What Slack would show, as plain terminal text (console mode)."""
    out: list[str] = []
    for b in blocks or ():
        t = b.get("type")
        if t == "header":
            title = html.unescape(b["text"]["text"])
            out += ["", title, "=" * min(len(title), 60)]
        elif t == "section":
            out.append(_plain(b["text"]["text"]))
            acc = b.get("accessory")
            if acc and acc.get("url"):
                out.append(f"  {acc['text']['text']}: {acc['url']}")
        elif t == "context":
            out.append(" ".join(_plain(e.get("text", "")) for e in b.get("elements", ())))
        elif t == "actions":
            out += [f"  {e['text']['text']}: {e.get('url', '')}" for e in b.get("elements", ())]
        elif t == "divider":
            out.append("-" * 40)
    return "\n".join(out).strip("\n")


def _plain(mrkdwn: str) -> str:
    text = re.sub(r"\*([^*\n]+)\*", r"\1", mrkdwn)
    return html.unescape(text)
