"""The request as a curl command (bash)."""

from __future__ import annotations

from ._literals import body_json, shell_word
from ._request import CodeRequest

__all__ = ["curl_code"]


def _quoted(text: str) -> str:
    # Always in quotes, even when nothing needs them: a URL or header reads as one word.
    word = shell_word(text)
    return word if word.startswith("'") else f"'{word}'"


def curl_code(request: CodeRequest) -> str:
    """Write the request as one curl command that prints the body, then the status code."""
    lines = ["# " + note for note in request.notes()]
    options: list[str] = []
    if request.method == "HEAD":
        options.append("--head")  # `-X HEAD` would wait for a body that never comes
    elif request.method != "GET":
        options.append(f"-X {request.method}")
    if any(c in request.url for c in "[]{}"):
        options.append("--globoff")  # curl would read brackets and braces as a URL pattern
    command = f"curl -sS {' '.join([*options, _quoted(request.url)])}"
    headers: list[str] = []
    if request.key_source == "env":
        headers.append(f'-H "Authorization: {request.scheme} ${request.env_var}"')
    elif request.key_source == "literal":
        headers.append("-H " + _quoted(f"Authorization: {request.scheme} {request.key}"))
    if request.has_body:
        headers.append("-H 'Content-Type: application/json'")
        headers.append("--data-raw " + _quoted(body_json(request.data)))
    parts = [command, *headers, "-w '\\n%{http_code}\\n'"]
    lines.append(" \\\n  ".join(parts))
    return "\n".join(lines) + "\n"
