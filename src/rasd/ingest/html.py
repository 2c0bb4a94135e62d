"""HTML → article text: the main text via trafilatura, else a plain strip of the markup.

Hostile or broken markup never raises: trafilatura failures fall back to the stripper, which is a
tolerant stdlib ``html.parser`` walk that drops scripts, styles and page furniture.
"""

from __future__ import annotations

import html as _html
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

log = logging.getLogger("rasd.ingest")

# Pages bigger than this are stripped, not parsed into a tree (trafilatura builds a full DOM).
MAX_TREE_CHARS = 5_000_000

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "iframe", "form"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "h1", "h2", "h3", "h4",
     "h5", "h6", "blockquote", "pre", "header", "aside", "main", "figure", "figcaption", "dd", "dt", "hr"}
)
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"})
_SPACES = re.compile(r"[ \t\u00a0\u200f\u200e]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """The text and metadata found in one HTML page."""

    text: str
    title: str | None = None
    date: str | None = None
    """Publication date as the page states it (ISO ``YYYY-MM-DD`` from trafilatura), if any."""
    sitename: str | None = None
    url: str | None = None


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skip:
            self.parts.append(data)


def strip_html(markup: str) -> HtmlDocument:
    """Plain text of the markup, block elements on their own lines (no tree, bounded memory)."""
    parser = _Stripper()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # pragma: no cover - html.parser is tolerant; belt and braces for hostile input
        return HtmlDocument(text=_tidy(_html.unescape(re.sub(r"<[^>]*>", " ", markup))))
    title = _tidy(" ".join(parser.title)) or None
    return HtmlDocument(text=_tidy("".join(parser.parts)), title=title)


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def html_to_text(markup: str, *, url: str | None = None) -> HtmlDocument:
    """The main text of a page (trafilatura), falling back to :func:`strip_html`."""
    if len(markup) <= MAX_TREE_CHARS and "<" in markup:
        try:
            import trafilatura

            doc = trafilatura.bare_extraction(
                markup, url=url, with_metadata=True, include_comments=False, include_tables=True,
                favor_recall=True, as_dict=False,
            )
        except Exception as err:  # trafilatura must never take a batch down
            log.debug("trafilatura failed on %s: %s", url or "page", err)
            doc = None
        text = getattr(doc, "text", None) if doc is not None else None
        if text and text.strip():
            return HtmlDocument(
                text=_tidy(text),
                title=getattr(doc, "title", None) or None,
                date=getattr(doc, "date", None) or None,
                sitename=getattr(doc, "sitename", None) or None,
                url=url,
            )
    stripped = strip_html(markup)
    return HtmlDocument(text=stripped.text, title=stripped.title, url=url)


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` is markup (used to sniff stdin and unknown extensions)."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p "))


__all__ = ["HtmlDocument", "html_to_text", "strip_html", "looks_like_html"]
