"""The request as JavaScript with `fetch`: in the browser, and in Node.js (its global `fetch`)."""

from __future__ import annotations

from ._literals import body_json, js_is_exact, js_literal, py_string
from ._request import CodeRequest

__all__ = ["fetch_code"]

# A browser page cannot read environment variables: the key goes in this placeholder, which the
# reader replaces while trying the code.
BROWSER_KEY_PLACEHOLDER = "YOUR_API_KEY"


def fetch_code(request: CodeRequest, *, node: bool) -> str:
    """Write the request as a JavaScript module that logs the status code, then the body.

    Parameters:
        request: The request.
        node: Node.js (the key from `process.env`) rather than the browser (a placeholder constant).
    """
    lines = ["// " + note for note in request.notes()]
    if request.key_source == "env":
        if node:
            lines.append(f"const apiKey = process.env.{request.env_var};")
        else:
            never_commit = request.comment("never_commit")
            lines.append(f"const apiKey = {py_string(BROWSER_KEY_PLACEHOLDER)}; // {never_commit}")
    elif request.key_source == "literal":
        lines.append(f"const apiKey = {py_string(request.key)};")
    if request.key_source != "none":
        lines.append("")
    options = []
    if request.method != "GET":
        options.append(f"method: {py_string(request.method)},")
    headers = []
    if request.key_source != "none":
        headers.append(f"Authorization: `{request.scheme} ${{apiKey}}`")
    if request.has_body:
        headers.append('"Content-Type": "application/json"')
    if headers:
        options.append(f"headers: {{ {', '.join(headers)} }},")
    if request.has_body:
        if js_is_exact(request.data):
            options.append(f"body: JSON.stringify({js_literal(request.data, 2)}),")
        else:
            # As JSON text: a JavaScript value would change it (a long integer, a "__proto__" key).
            options.append(f"body: {py_string(body_json(request.data, None))},")
    url = py_string(request.url)
    if options:
        lines.append(f"const response = await fetch({url}, {{")
        lines += [f"  {option}" for option in options]
        lines.append("});")
    else:
        lines.append(f"const response = await fetch({url});")
    lines += ["console.log(response.status, response.statusText);", "console.log(await response.text());"]
    return "\n".join(lines) + "\n"
