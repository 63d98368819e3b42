"""Run by `make test-site` only (after `make site`): see tests/conftest.py."""
