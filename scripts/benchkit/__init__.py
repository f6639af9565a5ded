"""The parts of scripts/bench.py and scripts/bench_ab.py, one module each:

- ``harness``: the browser (Debian's Chromium, fresh or kept profiles), one timed page load, and
  the quiet-CPU wait before each counted load;
- ``pages``: the site under test, built or copied, and the pages the benchmark adds to it (the
  floor, the floor on Pyodide as shipped, the floor on our own page);
- ``peer``: markdown-exec's ``pyodide`` fence, its site, its CDN mirror and the routes to it;
- ``figures``: what is measured, and the rounds that fill each figure, paired ratios included;
- ``report``: the Markdown table, the notes, the JSON and the maintainers' latest-run section;
- ``budget``: issue 23's bars, each pass or FAIL from a run's figures.

Their names are re-exported here (each module's ``__all__``), as httpx's ``__init__`` does.
"""

# Star imports of modules that each declare __all__: the one list of names is theirs.
from .budget import *  # noqa: F403
from .budget import __all__ as _budget
from .figures import *  # noqa: F403
from .figures import __all__ as _figures
from .harness import *  # noqa: F403
from .harness import __all__ as _harness
from .pages import *  # noqa: F403
from .pages import __all__ as _pages
from .peer import *  # noqa: F403
from .peer import __all__ as _peer
from .report import *  # noqa: F403
from .report import __all__ as _report

__all__ = [*_budget, *_figures, *_harness, *_pages, *_peer, *_report]
