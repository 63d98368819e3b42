"""Run by `make test-browser` only: see conftest.py."""
