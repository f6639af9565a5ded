"""Build the whole site into ``site/``: English at the root, Japanese under ``site/ja/``, Traditional
Chinese (Taiwan) under ``site/zh-TW/``, self-hosted Pyodide and our wheel under ``site/pyodide/``.

Each language is a separate strict MkDocs build (its own search index, in its own language).
English goes first because a build empties its ``site_dir``. Then Pyodide and our wheel are vendored,
and ``site/_headers`` (Netlify, Cloudflare Pages) and ``site/_nginx.conf`` (nginx) get the site's
Content Security Policy, security headers and cache lifetimes (``playground/_csp.py``,
``scripts/nginx_config.py``). Last, each file that compresses gets a brotli and a gzip copy beside
it (``X.br``, ``X.gz``: ``scripts/precompress.py``), which nginx and ``playground.server`` send.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
# Each language and where its build goes in the site (its pages' URL prefix). Its configuration is
# mkdocs.<language>.yml, which inherits mkdocs.yml, English's. The tests read the languages here.
LANGUAGES = {"en": "", "ja": "ja/", "zh-TW": "zh-TW/"}


def config_file(lang: str) -> Path:
    """The MkDocs configuration of `lang`'s build."""
    return ROOT / ("mkdocs.yml" if lang == "en" else f"mkdocs.{lang}.yml")


def build_docs(site_dir: Path, generator: str = "mkdocs") -> None:
    """Build every language's pages with ``generator``: MkDocs, or ``properdocs``, its maintained
    fork, which reads the same configuration files (tests/test_properdocs.py compares the two)."""
    for lang, prefix in LANGUAGES.items():
        subprocess.run(
            [
                sys.executable,
                "-m",
                generator,
                "build",
                "--strict",
                "--quiet",
                "--config-file",
                str(config_file(lang)),
                "--site-dir",
                str(site_dir / prefix),
            ],
            cwd=ROOT,
            check=True,
            # Material prints a banner about its successor on every build; it is not a build warning.
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )


def write_headers(site_dir: Path) -> Path:
    """Write the static build's ``_headers``: the policy and the headers ``playground.server`` also sends.

    It hashes the inline scripts of every language's pages, so it runs once both builds are done
    (a MkDocs hook sees one language only).
    """
    import nginx_config  # here: it reads LANGUAGES from this module
    from playground import _csp

    target = site_dir / _csp.HEADERS_FILE
    policy = _csp.site_policy(site_dir)
    target.write_text(_csp.headers_file(policy, nginx_config.hashed_paths(site_dir)), encoding="utf-8")
    nginx_config.write(site_dir)
    return target


def build_site(site_dir: Path) -> None:
    import precompress
    import vendor_pyodide

    build_docs(site_dir)
    vendor_pyodide.vendor(site_dir)
    # After vendoring: the cache lifetimes name the vendored files that are named after their content.
    write_headers(site_dir)
    # Last: every file is final.
    print(precompress.precompress(site_dir))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    build_site(args.site_dir.resolve())
    print(f"built {args.site_dir}")


if __name__ == "__main__":
    main()
