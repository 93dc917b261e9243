"""A page's Markdown rendered as MkDocs' ``Page.render`` renders it, with less work per page.

Used by the workers of mkdocs_parallel only; MkDocs' own single-process build (``--jobs 1``) is
what the result is compared with, byte for byte (tests/test_parallel_render.py).

Two things MkDocs repeats for every page are done differently here, with the same result:

- One ``markdown.Markdown`` per process, reset between pages, instead of a new one with all its
  extensions for each page (2–3 % of a page's time on our pages).
- Raw HTML is parsed once, not twice. MkDocs feeds the whole page to an HTML parser only to
  collect its ``id`` attributes (for anchor checks), right before ``md_in_html`` parses the same
  text with a parser of the same family to stash the raw HTML: 13 % of a page's time on our
  pages, whose source texts and notes are raw HTML. Here ``md_in_html``'s parser collects the ids
  as it goes. The two parsers differ only where ``md_in_html`` reads a tag as text on purpose:
  comments, declarations and processing instructions (``<!``, ``<?``), and a ``<script>`` or
  ``<style>`` tag inside a paragraph; a page with any of these gets MkDocs' own scan as well,
  so the ids are always the ones MkDocs finds.
"""

from __future__ import annotations

import markdown
from markdown.extensions.md_in_html import HtmlBlockPreprocessor, HTMLExtractorExtra
from markdown.preprocessors import Preprocessor
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

MKDOCS_RAW_HTML_PRIORITY = 21
"""Where MkDocs' raw-HTML scan runs: right before md_in_html's ``html_block`` (20)."""

TEXT_THE_PARSERS_READ_APART = ("<!", "<?")

_markdown_by_extensions: dict[int, markdown.Markdown] = {}


def render_page(page: mkdocs_pages.Page, config, files) -> None:
    """What ``Page.render(config, files)`` does (MkDocs 1.6), sharing one Markdown per process."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = _markdown(config)
    lines_seen = _LinesSeen()
    md.preprocessors.register(lines_seen, "mkdocs_raw_html", MKDOCS_RAW_HTML_PRIORITY)
    raw_html = _HtmlBlockCollectingAnchors(md)
    md.preprocessors.register(raw_html, "html_block", 20)
    extract_anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors._register(md)
    relative_path = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    relative_path._register(md)
    extract_title = mkdocs_pages._ExtractTitleTreeprocessor()
    extract_title._register(md)

    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title.title
    raw_anchor_ids = raw_html.present_anchor_ids
    if raw_html.read_apart or any(text in page.markdown for text in TEXT_THE_PARSERS_READ_APART):
        raw_anchor_ids = _mkdocs_raw_html_anchor_ids(lines_seen.lines)
    page.present_anchor_ids = extract_anchors.present_anchor_ids | raw_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > mkdocs_pages.logging.DEBUG:
        page.links_to_anchors = relative_path.links_to_anchors


def can_render(config) -> bool:
    """Whether ``render_page`` renders as MkDocs does: with md_in_html, whose parser it shares."""
    return "md_in_html" in config.markdown_extensions


def _markdown(config) -> markdown.Markdown:
    key = id(config)
    md = _markdown_by_extensions.get(key)
    if md is None:
        md = _markdown_by_extensions[key] = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
    md.reset()
    return md


def _mkdocs_raw_html_anchor_ids(lines: list[str]) -> set[str]:
    scan = mkdocs_pages._RawHTMLPreprocessor()
    scan.run(lines)
    return scan.present_anchor_ids


class _LinesSeen(Preprocessor):
    """Keeps the lines MkDocs' raw-HTML scan would have read, in case it is needed after all."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def run(self, lines: list[str]) -> list[str]:
        self.lines = lines
        return lines


class _HtmlBlockCollectingAnchors(HtmlBlockPreprocessor):
    """md_in_html's ``html_block``, keeping the ids of every tag its parser reads."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.present_anchor_ids: set[str] = set()
        self.read_apart = False

    def run(self, lines: list[str]) -> list[str]:
        parser = _ExtractorCollectingAnchors(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        self.present_anchor_ids, self.read_apart = parser.present_anchor_ids, parser.read_apart
        return "".join(parser.cleandoc).split("\n")


class _ExtractorCollectingAnchors(HTMLExtractorExtra):
    def reset(self) -> None:
        self.present_anchor_ids: set[str] = set()
        self.read_apart = False
        super().reset()

    def _collect(self, tag: str, attrs) -> None:
        # MkDocs' _HTMLHandler.handle_starttag, which also sees every self-closing tag
        for name, value in attrs:
            if name == "id" or (name == "name" and tag == "a"):
                self.present_anchor_ids.add(value)

    def handle_starttag(self, tag, attrs):
        self._collect(tag, attrs)
        super().handle_starttag(tag, attrs)
        if tag in self.CDATA_CONTENT_ELEMENTS and self.cdata_elem is None:
            # md_in_html reads on after a <script> inside a paragraph; MkDocs' parser skips to </script>
            self.read_apart = True

    def handle_startendtag(self, tag, attrs):
        self._collect(tag, attrs)
        super().handle_startendtag(tag, attrs)
