"""Run by `make test-platforms` only: see conftest.py."""
