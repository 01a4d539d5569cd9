"""Short, plain text from the spec's Markdown descriptions (for option help and tables)."""

from __future__ import annotations

import html
import re

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")  # [text](url) -> text
_TAG = re.compile(r"<[^>]+>")  # <br/>, <strong> ...
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
# A sentence ends at ". " / "! " / "? " unless the word before is an abbreviation like "e.g.".
_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bNo)[.!?](?=\s|$)")
MAX_LEN = 200


def plain(text: str) -> str:
    """Markdown reduced to one line of plain text: links to their words, tags and emphasis dropped."""
    text = _LINK.sub(r"\1", text or "")
    text = _TAG.sub(" ", text)
    text = html.unescape(_EMPHASIS.sub(r"\2", text))
    return " ".join(text.split())


_BREAK = re.compile(r"<br\s*/?>|</p>|</li>|</h\d>|</tr>", re.I)
_ITEM = re.compile(r"<li[^>]*>", re.I)


def paragraphs(text: str) -> str:
    """Markdown/HTML reduced to plain text that keeps its line and paragraph breaks (for CLI help)."""
    text = _LINK.sub(r"\1", text or "")
    text = _ITEM.sub("\n- ", _BREAK.sub("\n", text))
    text = html.unescape(_EMPHASIS.sub(r"\2", _TAG.sub("", text)))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def first_sentence(text: str) -> str:
    """The first sentence of a description, as plain text, at most MAX_LEN characters."""
    line = plain(text)
    found = _END.search(line)
    sentence = line[: found.end()] if found else line
    if len(sentence) > MAX_LEN:
        cut = sentence[: MAX_LEN - 1].rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;:") + "…"
    return sentence
