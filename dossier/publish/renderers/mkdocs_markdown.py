"""A page's Markdown rendered as MkDocs' ``Page.render`` renders it, with less work per page.

Used by the workers of mkdocs_parallel only; MkDocs' own single-process build (``--jobs 1``) is
what the result is compared with, byte for byte (tests/publish/test_parallel_render.py).

Three things MkDocs repeats are done differently here, with the same result:

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
- Each file a page links to is found once per page, not at every link to it (see
  _RelativePathsRemembered): link rewriting was 9 % of a page's time, and our pages link to the
  same file many times.
- An inline pattern whose regular expression finds nothing in a text is passed over without
  Python-Markdown's per-pattern bookkeeping (see _InlineSkippingUnmatched): trying each of the
  16 patterns on each text of a page was a third of its time, and most texts match none.
"""

from __future__ import annotations

from urllib.parse import unquote as urlunquote
from urllib.parse import urlsplit, urlunsplit

import markdown
from markdown.extensions.md_in_html import HtmlBlockPreprocessor, HTMLExtractorExtra
from markdown.inlinepatterns import InlineProcessor as NewStylePattern
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString
from markdown.util import AMP_SUBSTITUTE
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

MKDOCS_RAW_HTML_PRIORITY = 21
"""Where MkDocs' raw-HTML scan runs: right before md_in_html's ``html_block`` (20)."""

INLINE_PRIORITY = 20
"""Where Python-Markdown runs its inline patterns (``build_treeprocessors``)."""

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
    relative_path = _RelativePathsRemembered(page.file, files, config)
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
        if all(isinstance(pattern, NewStylePattern) for pattern in md.inlinePatterns):
            md.treeprocessors.register(_InlineSkippingUnmatched(md), "inline", INLINE_PRIORITY)
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


class _RelativePathsRemembered(mkdocs_pages._RelativePathTreeprocessor):
    """MkDocs' link rewriting, finding each linked file once per page: a page links to the same
    file many times (a source's title and each of its paragraphs), and finding the file and its
    relative address is most of the work. Links that MkDocs would warn about, or that lead
    out of the documentation, go through MkDocs' own method every time."""

    def __init__(self, file: File, files, config) -> None:
        super().__init__(file, files, config)
        self._found: dict[str, tuple[File, str]] = {}

    def path_to_url(self, url: str) -> str:
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or not path or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url:
            return super().path_to_url(url)
        found = self._found.get(path)
        if found is None:
            target = self.files.get_file_from_path(self._target_uri(self.file.src_uri, urlunquote(path)))
            if target is None or target.inclusion.is_excluded():
                return super().path_to_url(url)
            found = self._found[path] = (target, get_relative_url(target.url, self.file.url))
        target, relative = found
        if anchor:
            self.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
        return urlunsplit(("", "", relative, query, anchor))


class _InlineSkippingUnmatched(InlineProcessor):
    """Python-Markdown's inline processor, passing over a pattern that cannot match at once.

    For each text, Python-Markdown tries every pattern in turn (``__applyPattern``): it checks the
    pattern's excluded ancestors, then looks for a match from ``start``; without one the text is
    left as it is and the next pattern is tried from the text's beginning. Where the pattern's
    regular expression finds nothing from ``start`` that is what happens, so here the search
    alone decides it; a pattern that may match goes through Python-Markdown's own method.
    Only for new-style patterns (``InlineProcessor``), which all of ours are."""

    def run(self, tree, ancestors=None):
        self._patterns = list(self.inlinePatterns)  # in priority order, as the registry gives them
        self._searches = [pattern.getCompiledRegExp().search for pattern in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 — replaces the private method
        if isinstance(data, AtomicString):
            return data
        patterns, searches, start = self._patterns, self._searches, 0
        while patternIndex < len(patterns):
            if searches[patternIndex](data, start) is None:
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data
