"""Run by `make test-colab` only: see conftest.py."""
