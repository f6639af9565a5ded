"""The package's shape: its public names, a pure standard-library core, docstrings."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import playground

PACKAGE = Path(playground.__file__).parent
# Adapters allowed to import outside the standard library, and what they may import.
# Modules that adapt the package to a third-party library, imported only where it is there: the
# server, and Run's sandbox and live targets (requests, which the page loads on the first Run).
ADAPTERS = {
    "server.py": {"starlette", "uvicorn", "h11"},
    "_run_sandbox.py": {"requests", "urllib3"},
    "_run_network.py": {"urllib3"},
}
LAZY_IMPORTS = {"_transports/fetch.py": {"pyodide"}}

PUBLIC = {
    "AIGNE_HUB",
    "AIGNE_HUB_DEMO_KEY",
    "AUTH_SCHEMES",
    "DIAGNOSIS_CODES",
    "EXAMPLES",
    "MAIAGENT",
    "MAIAGENT_DEMO_KEY",
    "MAIAGENT_READONLY_KEY",
    "MAX_BODY_BYTES",
    "PROFILES",
    "SANDBOX_ROUTES",
    "SERVER_ERROR_PATH",
    "ApiProfile",
    "AsyncBaseTransport",
    "AuthHeader",
    "AuthScheme",
    "BaseTransport",
    "Client",
    "ConnectError",
    "DocumentedExample",
    "DocumentedStatus",
    "ExampleRequest",
    "FetchTransport",
    "Finding",
    "HTTPTransport",
    "Headers",
    "InvalidRequestError",
    "LocalizedText",
    "NetworkError",
    "PlaygroundError",
    "RedirectError",
    "Request",
    "Response",
    "ResponseTooLargeError",
    "SandboxRoute",
    "SandboxTransport",
    "TimeoutException",
    "TransportError",
    "UnknownApiError",
    "UnknownExampleError",
    "build_auth_header",
    "get_example",
    "get_profile",
    "handle",
    "openapi_document",
}


def test_exported_names() -> None:
    assert set(playground.__all__) == PUBLIC
    assert len(playground.__all__) == len(PUBLIC)
    for name in PUBLIC:
        assert getattr(playground, name) is not None


def test_every_private_module_declares_all_and_defines_it() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        module_name = "playground." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        module_name = module_name.removesuffix(".__init__")
        module = importlib.import_module(module_name)
        assert hasattr(module, "__all__"), module_name
        for name in module.__all__:
            assert hasattr(module, name), (module_name, name)


def _imports(tree: ast.AST, top_level_only: bool) -> set[str]:
    names: set[str] = set()
    nodes = tree.body if top_level_only and isinstance(tree, ast.Module) else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_imports_only_the_standard_library() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        outside = {name for name in _imports(tree, top_level_only=False) if name not in sys.stdlib_module_names}
        allowed = ADAPTERS.get(relative, set()) | LAZY_IMPORTS.get(relative, set())
        assert outside <= allowed, (relative, outside - allowed)
        if relative in LAZY_IMPORTS:
            assert not (_imports(tree, top_level_only=True) & LAZY_IMPORTS[relative]), relative


def test_importing_the_package_loads_no_third_party_module() -> None:
    # -S: no site-packages at all, as in a bare Pyodide; the package must import and work.
    code = (
        "import sys, playground; from playground import Client; Client('maiagent', 'x').get('chatbots/');"
        "playground.openapi_document(); playground.FetchTransport();"
        "extra = {m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names);"
        "print(sorted(extra - {'playground', '__main__'}))"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", code], cwd=PACKAGE.parent, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_public_callables_have_google_style_docstrings() -> None:
    for name in playground.__all__:
        obj = getattr(playground, name)
        if inspect.isfunction(obj):
            doc = inspect.getdoc(obj) or ""
            assert "Returns:" in doc, name
            if inspect.signature(obj).parameters:
                assert "Parameters:" in doc, name
        elif inspect.isclass(obj):
            assert inspect.getdoc(obj), name


def test_no_todo_left() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "TODO" not in text and "FIXME" not in text, path
