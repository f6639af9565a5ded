"""Run with a live target: the reader's program reaches the network through urllib3's browser
backend, without the console noise that backend makes in a page like ours.

Imported only during a Run in Pyodide, once requests and urllib3 are loaded (the first Run).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

__all__ = ["quiet_browser_backend"]

# Request headers the Fetch standard forbids a page to set, which requests sends by default: the
# browser sets its own and logs "Refused to set unsafe header" for ours, on every request.
_FORBIDDEN_DEFAULTS = ("connection", "accept-encoding")


@contextlib.contextmanager
def quiet_browser_backend() -> Iterator[None]:
    """While inside, urllib3's browser backend leaves out the headers the browser refuses anyway,
    and does not warn that it cannot stream (a page that is not cross-origin isolated never can:
    it reads each answer whole, which is all a Run needs)."""
    # Imported here: the module needs Pyodide's `js`, so it imports in the page only.
    from urllib3.contrib.emscripten import fetch

    ignored, warned = fetch.HEADERS_TO_IGNORE, fetch._SHOWN_STREAMING_WARNING
    fetch.HEADERS_TO_IGNORE = tuple(dict.fromkeys((*ignored, *_FORBIDDEN_DEFAULTS)))
    fetch._SHOWN_STREAMING_WARNING = True
    try:
        yield
    finally:
        fetch.HEADERS_TO_IGNORE, fetch._SHOWN_STREAMING_WARNING = ignored, warned
