import shutil

import numpy as np
import pandas as pd
import pytest

from helpers import datasets, load_lending_club, load_pima, make_imbalanced


def test_load_pima_has_the_documented_shape_and_classes():
    X, y = load_pima()
    assert X.shape == (768, 8)
    assert sorted(y.unique()) == [0, 1]
    assert (y == 1).sum() == 268 and (y == 0).sum() == 500


def test_load_pima_records_impossible_zeros_as_missing():
    X, _ = load_pima()
    expected_missing = {
        "glucose": 5, "blood_pressure": 35, "skin_thickness": 227, "insulin": 374, "bmi": 11
    }
    assert X.isna().sum()[X.isna().sum() > 0].to_dict() == expected_missing
    assert (X[list(expected_missing)] == 0).sum().sum() == 0


@pytest.fixture
def pima_copy(tmp_path, monkeypatch):
    """Point load_pima at a private copy of the data file that a test may damage."""
    copy = tmp_path / "pima_diabetes.csv"
    shutil.copy(datasets.PIMA_CSV, copy)
    monkeypatch.setattr(datasets, "PIMA_CSV", copy)
    return copy


def test_load_pima_names_the_missing_file_and_how_to_restore_it(pima_copy):
    pima_copy.unlink()
    with pytest.raises(FileNotFoundError, match="pima_diabetes.csv.*git checkout"):
        load_pima()


def test_load_pima_refuses_an_altered_file(pima_copy):
    pima_copy.write_text(pima_copy.read_text().replace("33.6", "63.3", 1))
    with pytest.raises(ValueError, match="has been changed.*git checkout"):
        load_pima()


def test_load_lending_club_has_the_documented_loans_columns_and_types():
    X, y, money = load_lending_club()
    assert X.shape == (9857, 22) and len(y) == len(money) == 9857
    assert int(y.sum()) == 517 and int((y == 0).sum()) == 9340
    categories = X.select_dtypes("category").columns.tolist()
    assert categories == ["term", "sub_grade", "addr_state", "verification_status", "emp_length"]
    numbers = X.drop(columns=categories)
    assert numbers.shape[1] == 17
    assert all(pd.api.types.is_numeric_dtype(dtype) for dtype in numbers.dtypes)
    assert not X.isna().any().any()


def test_load_lending_club_money_comes_from_the_loan_columns():
    X, _, money = load_lending_club()
    first = X.iloc[0]
    assert (first.funded_amnt, first.int_rate, first.term) == (16100, 13.99, "term_36")
    assert money.iloc[0].tolist() == [16100, 0.1399, 3]
    assert set(money.years) == {3, 5}
    assert (money.years == 5).sum() == (X.term == "term_60").sum()


@pytest.fixture
def lending_copy(tmp_path, monkeypatch):
    """Point load_lending_club at a private copy of the data file that a test may damage."""
    copy = tmp_path / "lending_club.csv"
    shutil.copy(datasets.LENDING_CLUB_CSV, copy)
    monkeypatch.setattr(datasets, "LENDING_CLUB_CSV", copy)
    return copy


def test_load_lending_club_names_the_missing_file_and_how_to_restore_it(lending_copy):
    lending_copy.unlink()
    with pytest.raises(FileNotFoundError, match="lending_club.csv.*git checkout"):
        load_lending_club()


def test_load_lending_club_refuses_an_altered_file(lending_copy):
    lending_copy.write_text(lending_copy.read_text().replace("16100,", "61100,", 1))
    with pytest.raises(ValueError, match="has been changed.*git checkout -- data/lending_club"):
        load_lending_club()


def test_make_imbalanced_gives_about_one_positive_in_ten():
    X, y = make_imbalanced()
    assert X.shape == (3000, 10)
    assert 0.09 < y.mean() < 0.11


def test_make_imbalanced_is_reproducible_and_follows_the_share():
    X_first, y_first = make_imbalanced(n_samples=500, minority_share=0.2)
    X_again, y_again = make_imbalanced(n_samples=500, minority_share=0.2)
    assert np.array_equal(X_first, X_again) and np.array_equal(y_first, y_again)
    assert 0.17 < y_first.mean() < 0.23


@pytest.mark.parametrize("share", [0, 0.5, 0.9, -0.1])
def test_make_imbalanced_rejects_a_share_that_is_not_a_minority(share):
    with pytest.raises(ValueError, match="minority_share must lie strictly between 0 and 0.5"):
        make_imbalanced(minority_share=share)
