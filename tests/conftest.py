"""Shared test set-up: a non-interactive plotting backend, and the course root on sys.path."""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
COURSE_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(COURSE_ROOT))
