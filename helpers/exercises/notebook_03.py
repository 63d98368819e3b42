"""The two exercises of notebook 03 · Logistic regression: SMOTE, class weights
or a tuned threshold: the threshold SMOTE amounts to (``q1``, section 9) and a recall target at
the lowest price (``q2``, in "Going further").

In the notebook: ``from helpers.exercises import notebook_03 as ex``, then ``ex.q1.check(...)``,
``ex.q1.hint()`` and ``ex.q1.solution()`` (the same for ``q2``). Each exercise's reference
solution is the function below that ``solution()`` prints; its checker is the ``_check_...``
function beside it.
"""

from functools import cache

import numpy as np
from sklearn.base import is_classifier

from .. import feedback
from ..feedback import near
from .shared import Exercise, context

NOTEBOOK_03 = "03 · Logistic regression: SMOTE, class weights or a tuned threshold"
WHERE_03_THRESHOLD = (NOTEBOOK_03, "5. The threshold they amount to")
WHERE_03_CUT_OFF = (NOTEBOOK_03, "C. How sure is a tuned threshold?")
RECALL_TARGET, TOLERANCE_OF_THE_FOLDS = 0.8, 0.03
# The folds the check judges on: other folds than the learner's cross_val_predict(cv=5).
JUDGING_FOLDS = {"n_splits": 5, "shuffle": True, "random_state": 1}
SMOTE_RATIO = 0.75


def _plain_baseline():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    return Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(max_iter=1000))])


def recall_at_lowest_price(X_train, y_train):
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import FixedThresholdClassifier, cross_val_predict
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    baseline = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(max_iter=1000))])
    scores = cross_val_predict(baseline, X_train, y_train, cv=5, method="predict_proba")[:, 1]
    scores_of_positives = np.sort(scores[y_train == 1])
    # the highest cut-off that keeps 80% of the positives at or above it
    threshold = scores_of_positives[int(np.floor(0.2 * len(scores_of_positives)))]
    high_recall = FixedThresholdClassifier(baseline, threshold=threshold)
    return high_recall


@cache
def _best_price() -> float:
    """Precision of the reference answer, on the judging folds."""
    data = context()
    reference = recall_at_lowest_price(data["X_train"], data["y_train"])
    return _cross_validated(reference)[1]


def _cross_validated(model) -> tuple[float, float]:
    """(recall, precision) of cross-validated predictions on the course's training part, on the
    judging folds (not the folds a learner chose the cut-off on)."""
    from sklearn.metrics import precision_score, recall_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    data = context()
    folds = StratifiedKFold(**JUDGING_FOLDS)
    predicted = cross_val_predict(model, data["X_train"], data["y_train"], cv=folds)
    return (
        recall_score(data["y_train"], predicted),
        precision_score(data["y_train"], predicted, zero_division=0),
    )


def _shifts_the_probabilities(model) -> bool:
    """True when the model resamples or weights the classes: its probabilities are shifted."""
    steps = [model]
    while steps:
        step = steps.pop()
        if hasattr(step, "fit_resample") or getattr(step, "class_weight", None) is not None:
            return True
        steps += [value for value in step.get_params(deep=False).values()
                  if hasattr(value, "get_params")]
        steps += [part for _, part in getattr(step, "steps", [])]
    return False


def _check_recall_at_lowest_price(high_recall) -> str:
    where = feedback.where_to_look(*WHERE_03_CUT_OFF)
    if not (hasattr(high_recall, "fit") and is_classifier(high_recall)):
        return feedback.wrong("Assign an unfitted scikit-learn classifier or pipeline.", where)
    recall, precision = _cross_validated(high_recall)
    best = _best_price()
    if recall < RECALL_TARGET - TOLERANCE_OF_THE_FOLDS:
        return feedback.wrong(
            f"Cross-validated recall is {recall:.3f}, below {RECALL_TARGET}: lower the cut-off. "
            "Choose it from cross_val_predict(..., method=\"predict_proba\") on the training "
            "part, never from the test set.",
            where,
        )
    if precision < best - TOLERANCE_OF_THE_FOLDS:
        return feedback.wrong(
            f"Recall {recall:.3f} is reached, but precision fell to {precision:.3f}, while a "
            f"cut-off on the baseline keeps {best:.3f}: you flag more negatives than needed. Stop "
            "the cut-off just where 80% of the positives are found.",
            where,
        )
    if _shifts_the_probabilities(high_recall):
        why = (
            f"Recall {recall:.3f} at precision {precision:.3f} on the judging folds, the best "
            f"price within {TOLERANCE_OF_THE_FOLDS}. Your model resamples or weights the classes, "
            "so its probabilities are shifted (section 7): a cut-off on the plain baseline gets "
            "the same trade and keeps them honest."
        )
    else:
        why = (
            f"Recall {recall:.3f} at precision {precision:.3f} on the judging folds, the best "
            f"price within {TOLERANCE_OF_THE_FOLDS} (best: {best:.3f}), from the plain model's own "
            "probabilities, which stay calibrated: only the cut-off moved."
        )
    return feedback.right(why, where)


def smote_equivalent_threshold(y_train):
    n_negative, n_positive = np.bincount(y_train)
    positives_after = int(0.75 * n_negative)  # SMOTE(sampling_strategy=0.75) keeps the negatives
    odds_factor = positives_after / n_positive  # the training odds grow by this factor
    smote_threshold = 1 / (1 + odds_factor)
    return smote_threshold


def _smote_pipeline():
    """The SMOTE pipeline of section 2: scale, SMOTE to 0.75 positives per negative, then fit."""
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import Pipeline

    baseline = _plain_baseline()
    return Pipeline([*baseline.steps[:1],
                     ("smote", SMOTE(sampling_strategy=SMOTE_RATIO, random_state=42)),
                     *baseline.steps[1:]])


def _smote_agreement(threshold: float) -> float:
    """Share of test rows where the baseline cut at ``threshold`` decides like the SMOTE model."""
    from sklearn.model_selection import FixedThresholdClassifier

    data = context()
    train = data["X_train"], data["y_train"]
    cut = FixedThresholdClassifier(_plain_baseline(), threshold=threshold).fit(*train)
    smote = _smote_pipeline().fit(*train)
    return float(np.mean(cut.predict(data["X_test"]) == smote.predict(data["X_test"])))


def _cut_off_of_smote_shift() -> float:
    """The cut-off SMOTE's own intercept shift implies, 1 / (1 + e^shift): the law's cut-off
    with the observed shift in place of log(factor)."""
    data = context()
    train = data["X_train"], data["y_train"]
    shift = (_smote_pipeline().fit(*train)[-1].intercept_[0]
             - _plain_baseline().fit(*train)[-1].intercept_[0])
    return float(1 / (1 + np.exp(shift)))


def _check_smote_equivalent_threshold(smote_threshold) -> str:
    where = feedback.where_to_look(*WHERE_03_THRESHOLD)
    n_negative, n_positive = np.bincount(context()["y_train"])
    factor = int(SMOTE_RATIO * n_negative) / n_positive
    expected = 1 / (1 + factor)
    if feedback.rounded_too_early(smote_threshold, expected):
        return feedback.close(feedback.too_few_decimals(["smote_threshold"]), where)
    if near(smote_threshold, 1 / (1 + n_negative / n_positive)):
        return feedback.wrong(
            "That is the class weights' cut-off: their factor is negatives per positive. SMOTE "
            "multiplies the odds by (positives after SMOTE) / (positives before).",
            where,
        )
    if near(smote_threshold, factor / (1 + factor)):
        return feedback.wrong("Upside down: the cut-off is 1 / (1 + factor), below 0.5.", where)
    if not near(smote_threshold, expected):
        return feedback.wrong(
            "Count the positives before SMOTE and after it (0.75 per negative, rounded down); "
            "their ratio is the factor, and the cut-off is 1 / (1 + factor).",
            where,
        )
    agreement = _smote_agreement(expected)
    observed = _cut_off_of_smote_shift()
    return feedback.right(
        f"1 / (1 + {factor:.2f}) = {expected:.3f}. The baseline cut there decides like the SMOTE "
        f"model on {agreement:.1%} of the test rows: SMOTE is, nearly, a lower threshold. It "
        f"follows the law only roughly (section 4): its own intercept shift implies a cut-off of "
        f"{observed:.3f}, which agrees on {_smote_agreement(observed):.1%}.",
        where,
    )


q1 = Exercise(
    answers=("smote_threshold",),
    checker=_check_smote_equivalent_threshold,
    hint_text="np.bincount(y_train) gives the counts. After SMOTE(0.75) there are "
    "int(0.75 × negatives) positives; the factor is that over the positives before, and "
    "the equivalent cut-off is 1 / (1 + factor).",
    reference=smote_equivalent_threshold,
    where=WHERE_03_THRESHOLD,
)

q2 = Exercise(
    answers=("high_recall",),
    checker=_check_recall_at_lowest_price,
    hint_text="Get cross-validated probabilities of the baseline with cross_val_predict(..., "
    'cv=5, method="predict_proba"), find the highest cut-off that keeps 80% of the training '
    "positives above it, and wrap the baseline in FixedThresholdClassifier with it.",
    reference=recall_at_lowest_price,
    where=WHERE_03_CUT_OFF,
)
