"""The course's data sets: the shipped Pima Indians Diabetes data and Lending Club loan book, and a
generated problem with one positive in ten."""

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PIMA_CSV = DATA_DIR / "pima_diabetes.csv"
PIMA_SHA256 = "7819e4b90ab8c60113f1478f00ed283186318dc5b45e4b770bd209711c136f92"
PIMA_TARGET = "diabetes"
LENDING_CLUB_CSV = DATA_DIR / "lending_club.csv"
LENDING_CLUB_SHA256 = "25ec1a4ff3a8a19db25ce8c30fb0e510b1eba6f9c2c83ad383bc095463c15d9c"
LENDING_CLUB_TARGET = "bad"
LENDING_CLUB_CATEGORIES = ["term", "sub_grade", "addr_state", "verification_status", "emp_length"]
YEARS_OF_TERM = {"term_36": 3, "term_60": 5}


def restore_advice(path: Path) -> str:
    """How to get the course's copy of a data file back."""
    return (
        f"Restore the course's copy with `git checkout -- data/{path.name}` (or download the "
        "repository again); data/README.md explains how the file was made."
    )


def checked_csv(path: Path, sha256: str, name: str) -> pd.DataFrame:
    """Read a shipped data file after checking that it is there and unchanged."""
    if not path.is_file():
        raise FileNotFoundError(f"The {name} data file is missing: {path}. {restore_advice(path)}")
    if hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        raise ValueError(
            f"The {name} data file {path} has been changed: its SHA-256 checksum is not the "
            f"course's ({sha256}). {restore_advice(path)}"
        )
    return pd.read_csv(path)


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
    frame = checked_csv(PIMA_CSV, PIMA_SHA256, "Pima")
    return frame.drop(columns=PIMA_TARGET), frame[PIMA_TARGET]


def load_lending_club() -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Load the Lending Club loan book shipped in ``data/``: 9,857 loans, 517 of them bad.

    Loans issued in the first quarter of 2016, as sampled by the R package modeldata
    (``lending_club``); data/README.md describes every column.

    Returns
    -------
    X : pandas.DataFrame
        9,857 rows, 22 columns known when the loan was granted: 17 numbers and 5 pandas
        categoricals (``term``, ``sub_grade``, ``addr_state``, ``verification_status``,
        ``emp_length``).
    y : pandas.Series
        ``bad``: 1 for a loan charged off, in default or 21–120 days late (517 rows), 0 for one
        paid back or on time (9,340 rows).
    money : pandas.DataFrame
        Per loan, the amounts a lender's gains and losses are made of: ``amount`` (dollars lent),
        ``interest_rate`` (per year, as a fraction: 0.1399 for 13.99%) and ``years`` (the term,
        3 or 5).

    Raises
    ------
    FileNotFoundError
        If ``data/lending_club.csv`` is missing.
    ValueError
        If the file differs from the course's copy (checked with SHA-256).

    Examples
    --------
    >>> X, y, money = load_lending_club()
    >>> X.shape, int(y.sum()), list(money.columns)
    ((9857, 22), 517, ['amount', 'interest_rate', 'years'])
    """
    frame = checked_csv(LENDING_CLUB_CSV, LENDING_CLUB_SHA256, "Lending Club")
    frame[LENDING_CLUB_CATEGORIES] = frame[LENDING_CLUB_CATEGORIES].astype("category")
    money = pd.DataFrame({
        "amount": frame["funded_amnt"],
        "interest_rate": frame["int_rate"] / 100,
        "years": frame["term"].map(YEARS_OF_TERM).astype(int),
    })
    return frame.drop(columns=LENDING_CLUB_TARGET), frame[LENDING_CLUB_TARGET], money


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
