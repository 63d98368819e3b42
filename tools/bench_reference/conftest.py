"""The reference notebooks are a workload for tools/benchmark.py, not tests: pytest never collects
them, not even when this folder or the whole repository is named on its command line (pyproject's
testpaths already leave tools/ out of a plain `pytest`)."""

collect_ignore_glob = ["*.ipynb"]
