"""The request as a Python program with the OpenAI SDK, for an API that answers as OpenAI's does.

The SDK sends chat completions with `client.chat.completions.create(...)`, always with a key and a
JSON object holding "model" and "messages". For any other request the tab says so, and points to
the requests program, instead of writing code that would send something else.
"""

from __future__ import annotations

from ._literals import has_lone_surrogate, py_literal, py_string
from ._request import CodeRequest

__all__ = ["CREATE_PARAMETERS", "openai_code", "offers_openai"]

# The keyword parameters of `client.chat.completions.create` (openai 3.60) that a body's field
# becomes; the others go in `extra_body`. Streaming ones too: `create` would return a stream.
CREATE_PARAMETERS = frozenset(
    {
        "audio",
        "frequency_penalty",
        "function_call",
        "functions",
        "logit_bias",
        "logprobs",
        "max_completion_tokens",
        "max_tokens",
        "messages",
        "metadata",
        "modalities",
        "model",
        "n",
        "parallel_tool_calls",
        "prediction",
        "presence_penalty",
        "prompt_cache_key",
        "reasoning_effort",
        "response_format",
        "safety_identifier",
        "seed",
        "service_tier",
        "stop",
        "store",
        "temperature",
        "tool_choice",
        "tools",
        "top_logprobs",
        "top_p",
        "user",
        "verbosity",
        "web_search_options",
    }
)


def offers_openai(request: CodeRequest) -> bool:
    """Whether the API answers as OpenAI's does (its profile has an `openai_base_path`)."""
    return request.profile.openai_base_path is not None


def _why_not(request: CodeRequest, base_url: str) -> str | None:
    if request.method != "POST" or request.url != base_url + "/chat/completions":
        return "openai_other"
    if request.key_source == "none":
        return "openai_no_key"
    data = request.data
    if not (isinstance(data, dict) and "model" in data and "messages" in data):
        return "openai_fields"
    if has_lone_surrogate(data):
        return "openai_surrogate"  # the SDK writes its JSON as UTF-8, which fails on it
    return None


def openai_code(request: CodeRequest) -> str:
    """Write a chat completion as a Python program with the OpenAI SDK that prints the status
    code, then the body; for any other request, comments that say why there is none."""
    base_url = request.origin_url + str(request.profile.openai_base_path)
    reason = _why_not(request, base_url)
    if reason is not None:
        return f"# {request.comment(reason)}\n# {request.comment('use_python_tab')}\n"
    lines = ["import os", ""] if request.key_source == "env" else []
    lines += ["from openai import APIStatusError, OpenAI", ""]
    lines += ["# " + note for note in request.notes()]
    key = f"os.environ[{py_string(request.env_var)}]" if request.key_source == "env" else py_string(request.key)
    lines += ["client = OpenAI(", f"    base_url={py_string(base_url)},", f"    api_key={key},", ")", ""]
    data = request.data
    named = {"model": data["model"], "messages": data["messages"]}
    named.update((k, v) for k, v in data.items() if k in CREATE_PARAMETERS and k not in named)
    extra = {k: v for k, v in data.items() if k not in CREATE_PARAMETERS}
    arguments = [f"{name}={py_literal(value, 8)}" for name, value in named.items()]
    if extra:
        lines.append("# " + request.comment("extra_body"))
        arguments.append(f"extra_body={py_literal(extra, 8)}")
    lines += ["# " + request.comment("parse"), "try:"]
    lines.append("    response = client.chat.completions.with_raw_response.create(")
    lines += [f"        {argument}," for argument in arguments]
    lines += ["    )", "except APIStatusError as error:", "    response = error.response"]
    lines += ["print(response.status_code)", "print(response.text)"]
    return "\n".join(lines) + "\n"
