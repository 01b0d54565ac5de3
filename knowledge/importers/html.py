"""Plain text from the HTML that stores put in descriptions."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_WS = re.compile(r"\s+")
# Tags whose boundaries separate words: "<li>A</li><li>B</li>" must read "A B", not "AB".
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_SKIP = frozenset({"script", "style", "template", "noscript"})
_BREAK = "\x00"
# A block boundary after text that has no closing punctuation becomes ". ": "<li>drip</li><li>Too sour</li>"
# reads "drip. Too sour", so list items don't run together into one false sentence.
_BREAKS = re.compile(r"\s*\x00[\s\x00]*")


def _join_blocks(text: str) -> str:
    def sep(m: re.Match) -> str:
        before = text[: m.start()].rstrip()
        if not before or m.end() == len(text) or before[-1] in ".!?:;,":
            return " "
        return ". "

    return _BREAKS.sub(sep, text)


class _TextCollector(HTMLParser):
    """Collects text nodes, skipping script/style content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append(_BREAK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append(_BREAK)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


class HtmlText:
    """A reusable HTML-to-text converter: one per import, since building a parser per row is costly."""

    def __init__(self) -> None:
        self._parser = _TextCollector()
        self._seen: dict[str, str] = {}  # variants repeat their product's description

    def __call__(self, text: str) -> str:
        """Text without tags, entities unescaped, script/style dropped, whitespace collapsed to single spaces."""
        if "<" not in text:
            # Fast path: most native catalogs hold plain text; entities may still be there.
            return _WS.sub(" ", unescape(text) if "&" in text else text).strip()
        if text in self._seen:
            return self._seen[text]
        parser = self._parser
        parser.reset()
        parser.parts, parser.skipping = [], 0
        parser.feed(text)
        parser.close()
        result = self._seen[text] = _WS.sub(" ", _join_blocks("".join(parser.parts))).strip()
        return result


def strip_html(text: str) -> str:
    """Text without tags, entities unescaped, script/style dropped, whitespace collapsed to single spaces."""
    return HtmlText()(text)
