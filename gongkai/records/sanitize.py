"""Record bodies are rich text from editors (often pasted from Word): keep structure, drop the rest.

nh3 (Rust's ammonia) parses the HTML and keeps only allow-listed tags and
attributes, so scripts, event handlers, styles and javascript: links never
reach the portal.
"""

import html as html_module
import re

import nh3

from gongkai.privacy.detectors import drop_invisible

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """Allow-listed markup only; invisible characters that split numbers are dropped too."""
    return nh3.clean(
        drop_invisible(html or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def html_text(html: str) -> str:
    """The text a reader sees (tags removed, block ends as line breaks), for the privacy scan."""
    text = re.sub(r"(?i)<br\s*/?>|</(p|h\d|li|tr|td|th|blockquote)>", "\n", html or "")
    return html_module.unescape(re.sub(r"<[^>]+>", "", text))
