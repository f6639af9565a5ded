# Run by tests/pyodide/run.mjs: pytest inside Pyodide, against the wheel the page imports.
import os
import sys

import pytest

import playground

os.chdir("/project")
# The package must come from the wheel, not from the mounted source checkout.
assert ".whl/playground/" in playground.__file__, playground.__file__
print("Python", sys.version.split()[0], "on", sys.platform, "- playground from", playground.__file__)
int(pytest.main(list(args)))  # noqa: F821  (args is set by run.mjs)
