import re
from html import unescape


def visible_text(html: str) -> str:
    """The page's text with tags removed and white space collapsed, as a reader would see it."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
