"""HTML → the page's main text: no scripts, styles or menus; blocks become line breaks."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from kg.rules.junk import HtmlChrome

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
HAN = r"\u3400-\u9fff\uf900-\ufaff"
SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{HAN}，。、；：！？“”]) (?=[{HAN}，。、；：！？“”])")
WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")


def _is_chrome(tag: Tag, chrome: HtmlChrome) -> bool:
    if tag.name in chrome.drop_tags:
        return True
    attrs = getattr(tag, "attrs", None) or {}
    words = " ".join([*attrs.get("class", []), str(attrs.get("id", ""))]).lower()
    return bool(words) and any(marker in words for marker in chrome.drop_markers)


def html_to_text(markup: str, chrome: HtmlChrome) -> str:
    """The readable text of an HTML page, one block per line, entities unescaped."""
    soup = BeautifulSoup(markup, "lxml")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in list(soup.find_all(True)):
        if tag.parent is not None and _is_chrome(tag, chrome):
            tag.decompose()
    root = soup.body or soup
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if node.name == "pre":
                    parts.append(str(child))
                else:
                    parts.append(WHITESPACE_RUN.sub(" ", str(child)))
            elif isinstance(child, Tag):
                block = child.name in BLOCK_TAGS
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(root)
    lines = []
    for line in "".join(parts).split("\n"):
        line = SPACE_BETWEEN_HAN.sub("", line.strip())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"
