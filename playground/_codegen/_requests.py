"""The request as a Python program with requests."""

from __future__ import annotations

from ._literals import py_literal, py_string
from ._request import CodeRequest

__all__ = ["requests_code"]


def requests_code(request: CodeRequest) -> str:
    """Write the request as a Python program that prints the status code, then the body."""
    lines = ["import os", ""] if request.key_source == "env" else []
    lines += ["import requests", ""]
    lines += ["# " + note for note in request.notes()]
    if request.key_source == "env":
        lines += [f"API_KEY = os.environ[{py_string(request.env_var)}]", ""]
    elif request.key_source == "literal":
        lines += [f"API_KEY = {py_string(request.key)}", ""]
    arguments = [py_string(request.url)]
    if request.key_source != "none":
        arguments.append(f'headers={{"Authorization": f"{request.scheme} {{API_KEY}}"}}')
    if request.has_body:
        arguments.append("json=" + py_literal(request.data, 4))
    arguments.append("timeout=30")
    lines.append(f"response = requests.{request.method.lower()}(")
    lines += [f"    {argument}," for argument in arguments]
    lines += [")", "print(response.status_code, response.reason)", "print(response.text)"]
    return "\n".join(lines) + "\n"
