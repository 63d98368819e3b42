"""The two exercises of notebook 04 · Trees: Random Forest and XGBoost.

In the notebook: ``from helpers.exercises import notebook_04 as ex``, then ``ex.q1.check(...)``,
``ex.q1.hint()`` and ``ex.q1.solution()`` (the same for ``q2``). Each exercise's reference
solution is the function below that ``solution()`` prints; its checker is the ``_check_...``
function beside it.
"""

from functools import cache

import numpy as np
from sklearn.base import clone, is_classifier

from .. import feedback
from ..feedback import near
from .shared import Exercise, context

NOTEBOOK_04 = "04 · Trees: Random Forest and XGBoost"
WHERE_04_PROBABILITIES = (NOTEBOOK_04, "5. What the remedies do to the probabilities")
WHERE_04_FOLDS = (NOTEBOOK_04, "4. Compared on the same folds")


def repair_the_forest():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import RandomForestClassifier

    forest = RandomForestClassifier(n_estimators=15, random_state=42)
    repaired = CalibratedClassifierCV(forest, method="sigmoid", cv=5)
    return repaired


def _test_probability_scores(model) -> tuple[float, float]:
    """(Brier score, log loss) on the course's test set of a model fitted on its training part."""
    from sklearn.metrics import brier_score_loss, log_loss

    data = context()
    fitted = clone(model).fit(data["X_train"], data["y_train"])
    probability = fitted.predict_proba(data["X_test"])[:, 1]
    return brier_score_loss(data["y_test"], probability), log_loss(data["y_test"], probability)


@cache
def _plain_forest_scores() -> tuple[float, float]:
    from sklearn.ensemble import RandomForestClassifier

    return _test_probability_scores(RandomForestClassifier(n_estimators=15, random_state=42))


def _not_a_recalibrated_plain_forest(repaired) -> str | None:
    """What keeps ``repaired`` from being the plain forest recalibrated on held-out folds."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import RandomForestClassifier

    if not isinstance(repaired, CalibratedClassifierCV):
        return ("Wrap the plain forest in CalibratedClassifierCV(forest, cv=5): it fits the forest "
                "on part of the rows and remaps its probabilities on the rows it left out.")
    inner = repaired.estimator
    if type(inner).__name__ == "FrozenEstimator":
        return ("A frozen forest is remapped on the rows it was fitted on, which its leaves know "
                "by heart. Give CalibratedClassifierCV the unfitted forest and cv=5.")
    steps = getattr(inner, "steps", [("model", inner)])
    if any(hasattr(step, "fit_resample") for _, step in steps):
        return ("Recalibrate the plain forest, without a sampler: re-balancing is what shifted "
                "the probabilities in the first place.")
    forest = steps[-1][1]
    if type(forest) is not RandomForestClassifier:
        return ("Recalibrate the plain random forest itself: "
                "RandomForestClassifier(n_estimators=15, random_state=42).")
    if forest.get_params()["class_weight"] is not None:
        return "Recalibrate the plain forest, without class weights."
    return None


def _check_repair_the_forest(repaired) -> str:
    where = feedback.where_to_look(*WHERE_04_PROBABILITIES)
    if not (hasattr(repaired, "fit") and is_classifier(repaired)):
        return feedback.wrong("Assign an unfitted classifier, e.g. CalibratedClassifierCV(...).",
                              where)
    problem = _not_a_recalibrated_plain_forest(repaired)
    if problem:
        return feedback.wrong(problem, where)
    brier, loss = _test_probability_scores(repaired)
    plain_brier, plain_loss = _plain_forest_scores()
    if brier >= plain_brier or loss >= plain_loss:
        return feedback.wrong(
            f"Brier {brier:.4f} and log loss {loss:.3f}, against the plain forest's "
            f"{plain_brier:.4f} and {plain_loss:.3f}: not better on both. Recalibrate the plain "
            "forest (no re-balancing) with CalibratedClassifierCV(forest, cv=5).",
            where,
        )
    return feedback.right(
        f"Brier score {plain_brier:.4f} → {brier:.4f}, log loss {plain_loss:.3f} → {loss:.3f}. "
        "Each of the five forests is fitted on four fifths of the training rows and its "
        "probabilities remapped on the fifth it never saw: a plain model, checked and repaired, "
        "is the way to probabilities you can use.",
        where,
    )


@cache
def _xgboost_f1_folds():
    """F1 of XGB + SMOTE and XGB baseline on the folds of section 4, as cross_validate_models
    returns them: the rows of the notebook's ``fold_scores`` that exercise 2 reads."""
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    from xgboost import XGBClassifier

    from ..evaluation import cross_validate_models

    data = context()
    booster = XGBClassifier(n_estimators=30, learning_rate=0.3, tree_method="hist", max_bin=64,
                            n_jobs=1, random_state=42)
    models = {
        "XGB baseline": booster,
        "XGB + SMOTE": Pipeline([("scale", StandardScaler()),
                                 ("smote", SMOTE(sampling_strategy=0.75, random_state=42)),
                                 ("model", clone(booster))]),
    }
    return cross_validate_models(models, data["X_train"], data["y_train"], n_repeats=1,
                                 scoring=["f1"])


def read_a_paired_difference(fold_scores):
    from helpers import fold_by_fold_difference

    difference = fold_by_fold_difference(fold_scores, "XGB + SMOTE", "XGB baseline", metric="f1")
    excludes_zero = bool(difference["low"] > 0 or difference["high"] < 0)
    return difference, excludes_zero


def _check_read_a_paired_difference(difference, excludes_zero) -> str:
    from ..evaluation import DIFFERENCE_COLUMNS, fold_by_fold_difference

    where = feedback.where_to_look(*WHERE_04_FOLDS)
    expected = fold_by_fold_difference(_xgboost_f1_folds(), "XGB + SMOTE", "XGB baseline", "f1")
    if not hasattr(difference, "index") or list(difference.index) != DIFFERENCE_COLUMNS:
        return feedback.wrong("Assign the Series that fold_by_fold_difference(...) returns.",
                              where)
    if near(float(difference["mean"]), -expected["mean"]):
        return feedback.wrong(
            "Upside down: name the remedy first, then the baseline (remedy − baseline).", where
        )
    if not near(float(difference["mean"]), expected["mean"], tolerance=1e-6):
        return feedback.wrong(
            f"Mean difference {float(difference['mean']):+.4f}, expected "
            f'{expected["mean"]:+.4f}: compare "XGB + SMOTE" with "XGB baseline" on the metric '
            '"f1". The check uses section 4\'s models and 5 folds: if you changed them (a '
            "Try-it), undo the change, then restart the kernel and run all cells.",
            where,
        )
    interval = difference[["low", "high"]].astype(float)
    if not np.allclose(interval, expected[["low", "high"]], rtol=0, atol=1e-6):
        return feedback.wrong(
            "The mean is right, the interval is not: keep the default 95% confidence.", where
        )
    clear = bool(expected["low"] > 0 or expected["high"] < 0)
    if not isinstance(excludes_zero, (bool, np.bool_)) or excludes_zero != clear:
        return feedback.wrong(
            f"The interval runs from {expected['low']:+.3f} to {expected['high']:+.3f}: does it "
            "hold zero? Answer True or False.",
            where,
        )
    reading = ("clearly changed F1" if clear else
               "did not change F1 clearly: the interval holds zero, so this is 'not shown', "
               "not 'shown to be zero'")
    return feedback.right(
        f"{expected['mean']:+.3f} [{expected['low']:+.3f}, {expected['high']:+.3f}]: SMOTE "
        f"{reading}. Five folds give four degrees of freedom, hence the wide interval.",
        where,
    )


q1 = Exercise(
    answers=("repaired",),
    checker=_check_repair_the_forest,
    hint_text="CalibratedClassifierCV(RandomForestClassifier(n_estimators=15, "
    'random_state=42), method="sigmoid", cv=5): it fits the forest on part of the training '
    "rows and learns the map from its scores to probabilities on the rest.",
    reference=repair_the_forest,
    where=WHERE_04_PROBABILITIES,
)

q2 = Exercise(
    answers=("difference", "excludes_zero"),
    checker=_check_read_a_paired_difference,
    hint_text="fold_by_fold_difference(fold_scores, remedy, baseline, metric=...) compares two "
    "models of fold_scores on one metric, fold by fold: the remedy minus the baseline. Its "
    "interval runs from low to high.",
    reference=read_a_paired_difference,
    where=WHERE_04_FOLDS,
)
