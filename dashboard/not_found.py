"""Links to pages the app does not have: the overview opens, with a notice in the interface language.

Streamlit falls back to the default page for one unknown segment (/x) but says so in an English pop-up,
and a nested path (/a/b, /explorer/x) loads its scripts relative to the wrong folder: a blank page.
So the HTTP layer answers a browser's request for any such path with a redirect to the overview,
the path in `?not_found=` and the rest of the query kept; the router shows the notice and drops the key.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode

KEY = "not_found"
# Streamlit's own first segments (API and websocket, assets, media, components, login, static serving).
RESERVED = {"_stcore", "static", "media", "component", "auth", "oauth2callback", "app", "~"}


def target(path: str, query: str, pages: set[str]) -> str | None:
    """Where a browser asking for `path?query` goes instead, or None when the path is served as is.

    pages: the url paths of the app's pages; "" is the overview (its name, /overview, is the overview too).
    """
    segments = [s for s in path.split("/") if s]
    if not segments or segments[0] in RESERVED or (len(segments) == 1 and "." in segments[0]):
        return None                          # the app itself, Streamlit's routes, a file at the root
    if len(segments) == 1 and segments[0] in pages:
        return None
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != KEY]
    if segments != ["overview"]:
        kept.append((KEY, "/" + "/".join(segments)))
    return "/" + ("?" + urlencode(kept, quote_via=quote, safe="~.") if kept else "")


class PageNotFound:
    """ASGI middleware: browser navigations to unknown paths are redirected by `target`."""

    def __init__(self, app, pages: set[str]):
        self.app, self.pages = app, set(pages)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            accept = dict(scope.get("headers") or []).get(b"accept", b"")
            root = scope.get("root_path", "")
            path = scope["path"][len(root):] if root and scope["path"].startswith(root) else scope["path"]
            where = target(path, scope.get("query_string", b"").decode("latin-1"), self.pages) \
                if b"text/html" in accept else None
            if where is not None:
                from starlette.responses import RedirectResponse
                await RedirectResponse(root + where, status_code=302,
                                       headers={"Cache-Control": "no-cache"})(scope, receive, send)
                return
        await self.app(scope, receive, send)
