.venv/bin/python -m playground.server
