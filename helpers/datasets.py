"""The course's data sets: the shipped Pima Indians Diabetes data and a generated problem with
one positive in ten."""

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PIMA_CSV = DATA_DIR / "pima_diabetes.csv"
PIMA_SHA256 = "7819e4b90ab8c60113f1478f00ed283186318dc5b45e4b770bd209711c136f92"
PIMA_TARGET = "diabetes"
RESTORE_ADVICE = (
    "Restore the course's copy with `git checkout -- data/pima_diabetes.csv` "
    "(or download the repository again); data/README.md explains how the file was made."
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_pima() -> tuple[pd.DataFrame, pd.Series]:
    """Load the cleaned Pima Indians Diabetes data shipped in ``data/``.

    Impossible zeros (glucose, blood pressure, skin thickness, insulin, BMI) are missing values
    (NaN), as in mlbench's ``PimaIndiansDiabetes2``: impute them inside your pipeline.

    Returns
    -------
    X : pandas.DataFrame
        768 rows, 8 feature columns.
    y : pandas.Series
        ``diabetes``: 1 for a positive test (268 rows), 0 otherwise (500 rows).

    Raises
    ------
    FileNotFoundError
        If ``data/pima_diabetes.csv`` is missing.
    ValueError
        If the file differs from the course's copy (checked with SHA-256).

    Examples
    --------
    >>> X, y = load_pima()
    >>> X.shape, int(y.sum())
    ((768, 8), 268)
    """
    if not PIMA_CSV.is_file():
        raise FileNotFoundError(f"The Pima data file is missing: {PIMA_CSV}. {RESTORE_ADVICE}")
    if _sha256(PIMA_CSV) != PIMA_SHA256:
        raise ValueError(
            f"The Pima data file {PIMA_CSV} has been changed: its SHA-256 checksum is not the "
            f"course's ({PIMA_SHA256}). {RESTORE_ADVICE}"
        )
    frame = pd.read_csv(PIMA_CSV)
    return frame.drop(columns=PIMA_TARGET), frame[PIMA_TARGET]


def make_imbalanced(
    n_samples: int = 3000,
    minority_share: float = 0.10,
    random_state: int = 42,
) -> tuple[np.ndarray, np.ndarray]:
    """Generate the course's synthetic imbalanced problem: one positive in ten by default.

    A thin wrapper around :func:`sklearn.datasets.make_classification`: 10 features (6
    informative, 2 redundant), 1% of the labels re-drawn at random.

    Parameters
    ----------
    n_samples : int
        Number of rows.
    minority_share : float
        Share of the minority class (label 1) before label noise, strictly between 0 and 0.5.
    random_state : int
        Seed; the default reproduces the course's numbers.

    Returns
    -------
    X : numpy.ndarray of shape (n_samples, 10)
    y : numpy.ndarray of shape (n_samples,), labels 0 (majority) and 1 (minority)

    Examples
    --------
    >>> X, y = make_imbalanced()
    >>> X.shape, int(y.sum())
    ((3000, 10), 307)
    """
    if not 0 < minority_share < 0.5:
        raise ValueError(
            f"minority_share must lie strictly between 0 and 0.5, got {minority_share!r}; "
            "0.10 gives the course's problem, one positive in ten."
        )
    return make_classification(
        n_samples=n_samples,
        n_features=10,
        n_informative=6,
        n_redundant=2,
        weights=[1 - minority_share, minority_share],
        flip_y=0.01,
        random_state=random_state,
    )
