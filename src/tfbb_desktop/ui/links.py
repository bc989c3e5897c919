"""Which links the app opens: only web, e-mail and phone links, after their scheme is checked."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_allowed_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return bool(parts.netloc)
    return scheme in ("mailto", "tel") and bool(parts.path)
