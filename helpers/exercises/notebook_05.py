"""The two exercises of notebook 05 · Metrics and curves.

In the notebook: ``from helpers.exercises import notebook_05 as ex``, then ``ex.q1.check(...)``,
``ex.q1.hint()`` and ``ex.q1.solution()`` (the same for ``q2``). Each exercise's reference
solution is the function below that ``solution()`` prints; its checker is the ``_check_...``
function beside it.
"""

from functools import cache

import numpy as np

from .. import feedback
from ..feedback import near, shown
from .shared import Exercise, context

WHERE_05_COSTS = ("05 · Metrics and curves", "6. A threshold from costs")
WHERE_05_PREVALENCE = (
    "05 · Metrics and curves",
    "4. Prevalence: what moves when positives get rarer",
)
NEW_COST_FN, NEW_COST_FP = 5, 2
OLD_COST_FN, OLD_COST_FP = 10, 1


@cache
def fitted_lr_baseline():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    data = context()
    baseline = Pipeline([
        ("scale", StandardScaler()),
        ("model", LogisticRegression(max_iter=1000)),
    ])
    return baseline.fit(data["X_train"], data["y_train"])


def threshold_from_new_costs(lr_baseline, X_test, y_test):
    threshold = 2 / (2 + 5)  # C_FP / (C_FP + C_FN), for calibrated probabilities
    predicted = lr_baseline.predict(X_test)  # the default cut-off, 0.5
    missed = np.sum((y_test == 1) & (predicted == 0))
    false_alarms = np.sum((y_test == 0) & (predicted == 1))
    cost_at_default = (5 * missed + 2 * false_alarms) / len(y_test)
    return threshold, cost_at_default


def _cost_per_case(predicted, cost_fn: float, cost_fp: float) -> float:
    y_test = context()["y_test"]
    missed = np.sum((y_test == 1) & (predicted == 0))
    false_alarms = np.sum((y_test == 0) & (predicted == 1))
    return (cost_fn * missed + cost_fp * false_alarms) / len(y_test)


def _check_threshold_from_new_costs(threshold, cost_at_default) -> str:
    where = feedback.where_to_look(*WHERE_05_COSTS)
    expected = NEW_COST_FP / (NEW_COST_FP + NEW_COST_FN)
    if feedback.rounded_too_early(threshold, expected):
        return feedback.close(feedback.too_few_decimals(["threshold"]), where)
    if near(threshold, OLD_COST_FP / (OLD_COST_FP + OLD_COST_FN)):
        return feedback.wrong(
            "That is the cut-off for the old prices (a miss 10, a false alarm 1). Use the new "
            "ones: a miss 5, a false alarm 2.",
            where,
        )
    if near(threshold, NEW_COST_FN / (NEW_COST_FP + NEW_COST_FN)):
        return feedback.wrong(
            "The costs are swapped: predicting positive pays off when p · C_FN > (1 − p) · C_FP, "
            "that is when p > C_FP / (C_FP + C_FN).",
            where,
        )
    if not near(threshold, expected):
        return feedback.wrong(
            "Say yes when the expected cost of saying no, p · C_FN, exceeds that of saying yes, "
            "(1 − p) · C_FP. Solve for p.",
            where,
        )
    scores = fitted_lr_baseline().predict_proba(context()["X_test"])[:, 1]
    default = (scores >= 0.5).astype(int)
    default_cost = _cost_per_case(default, NEW_COST_FN, NEW_COST_FP)
    if feedback.rounded_too_early(cost_at_default, default_cost):
        return feedback.close(
            "The cut-off is right. " + feedback.too_few_decimals(["cost_at_default"]), where
        )
    if near(cost_at_default, _cost_per_case(default, OLD_COST_FN, OLD_COST_FP)):
        return feedback.wrong(
            "The cut-off is right; the cost is at the old prices. Call cost_per_case with "
            "cost_fn=5, cost_fp=2.",
            where,
        )
    if not near(cost_at_default, default_cost):
        return feedback.wrong(
            "The cut-off is right; check the cost at the default cut-off: "
            "(5 · FN + 2 · FP) / number of test rows, with lr_baseline.predict(X_test).",
            where,
        )
    tuned_cost = _cost_per_case((scores >= expected).astype(int), NEW_COST_FN, NEW_COST_FP)
    return feedback.right(
        f"The cut-off {expected:.3f} lowers the baseline's cost per case from "
        f"{default_cost:.3f} at 0.5 to {tuned_cost:.3f} on the test set. The costs, not a "
        "metric, decide where to cut.",
        where,
    )


def chance_average_precision():
    from sklearn.metrics import average_precision_score

    rng = np.random.default_rng(0)
    labels_at_2, labels_at_20 = rng.random(10_000) < 0.02, rng.random(10_000) < 0.2
    average_precision_at_2 = average_precision_score(labels_at_2, rng.random(10_000))
    average_precision_at_20 = average_precision_score(labels_at_20, rng.random(10_000))
    return average_precision_at_2, average_precision_at_20


def _check_chance_average_precision(average_precision_at_2, average_precision_at_20) -> str:
    where = feedback.where_to_look(*WHERE_05_PREVALENCE)
    answers = {0.02: average_precision_at_2, 0.2: average_precision_at_20}
    if any(near(answer, 0.5, tolerance=0.05) for answer in answers.values()):
        return feedback.wrong(
            "0.5 is the chance level of ROC-AUC, which does not depend on the share of "
            "positives. Compute average_precision_score(labels, scores) on the random scores.",
            where,
        )
    for share, answer in answers.items():
        if not near(answer, share, tolerance=max(0.01, share / 5)):
            return feedback.wrong(
                f"With {share:.0%} positives, random scores give an average precision near "
                f"{share}, not {shown(answer)}: draw the labels with "
                f"rng.random(10_000) < {share}, the scores with rng.random(10_000), and pass both "
                "to average_precision_score.",
                where,
            )
    return feedback.right(
        f"{average_precision_at_2:.3f} and {average_precision_at_20:.3f}: at random, every "
        "cut-off's alarms are a random sample of the rows, so the precision is the share of "
        "positives at every recall. An AP of 0.40 is twenty times chance at 2% positives and "
        "barely above it at 30%: always report AP with the prevalence.",
        where,
    )


q1 = Exercise(
    answers=("threshold", "cost_at_default"),
    checker=_check_threshold_from_new_costs,
    hint_text="With calibrated probabilities, predict positive when p · C_FN > (1 − p) · C_FP. "
    "For the cost at the default cut-off: cost_per_case(y_test, lr_baseline.predict(X_test), "
    "cost_fn=5, cost_fp=2).",
    reference=threshold_from_new_costs,
    where=WHERE_05_COSTS,
)

q2 = Exercise(
    answers=("average_precision_at_2", "average_precision_at_20"),
    checker=_check_chance_average_precision,
    hint_text="rng = np.random.default_rng(0); labels = rng.random(10_000) < 0.02; "
    "scores = rng.random(10_000); average_precision_score(labels, scores). Then 0.2.",
    reference=chance_average_precision,
    where=WHERE_05_PREVALENCE,
)
