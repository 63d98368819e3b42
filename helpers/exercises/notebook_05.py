"""The two exercises of notebook 05 · Metrics and curves: three loan applications decided by
their expected money (core), and the chance level of average precision (Going further).

In the notebook: ``from helpers.exercises import notebook_05 as ex``, then ``ex.q1.check(...)``,
``ex.q1.hint()`` and ``ex.q1.solution()`` (the same for ``q2``). Each exercise's reference
solution is the function below that ``solution()`` prints; its checker is the ``_check_...``
function beside it.
"""

import numpy as np

from .. import feedback
from ..feedback import near, shown
from .shared import Exercise

WHERE_05_DECISIONS = ("05 · Metrics and curves", "6. A decision for every loan")
WHERE_05_PREVALENCE = (
    "05 · Metrics and curves",
    "C. Prevalence: what moves when positives get rarer",
)
# Exercise 1's three applications, A, B and C: amount ($), yearly rate, years, p(bad).
APPLICATIONS = [(10_000, 0.10, 3, 0.06), (10_000, 0.25, 5, 0.20), (30_000, 0.08, 3, 0.07)]
SHARE_KEPT, SHARE_LOST = 0.25, 1.0  # section 4's shares: a quarter of the interest, all the amount
DOLLARS = 1.0  # an expected amount within a dollar of the right one counts as right


def three_applications():
    amount = np.array([10_000, 10_000, 30_000])
    rate = np.array([0.10, 0.25, 0.08])
    years = np.array([3, 5, 3])
    p_bad = np.array([0.06, 0.20, 0.07])
    gain = 0.25 * amount * rate * years  # a quarter of the interest, if the loan stays good
    loss = 1.0 * amount  # the whole amount, if it goes bad
    expected_money = (1 - p_bad) * gain - p_bad * loss
    approve = expected_money > 0  # the same as p_bad < gain / (gain + loss)
    return expected_money, approve


def _gain_loss_and_risk() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each application's gain if good, loss if bad, and probability of going bad."""
    amount, rate, years, p_bad = np.array(APPLICATIONS, dtype=float).T
    return SHARE_KEPT * amount * rate * years, SHARE_LOST * amount, p_bad


def _all_near(given: list, expected: np.ndarray) -> bool:
    return all(near(answer, value, DOLLARS) for answer, value in zip(given, expected, strict=True))


def _as_three(answer, kind) -> list | None:
    """The answer as a list of three values of ``kind`` ('number' or 'bool'), else None."""
    try:
        values = list(answer)
    except TypeError:
        return None
    ok = feedback.is_number if kind == "number" else (lambda v: isinstance(v, (bool, np.bool_)))
    return values if len(values) == 3 and all(ok(value) for value in values) else None


def _check_three_applications(expected_money, approve) -> str:
    where = feedback.where_to_look(*WHERE_05_DECISIONS)
    money, decisions = _as_three(expected_money, "number"), _as_three(approve, "bool")
    if money is None or decisions is None:
        return feedback.slip("Give expected_money as three numbers (dollars, for A, B and C) and "
                             "approve as three True/False values, e.g. [True, False, True].")
    gain, loss, p_bad = _gain_loss_and_risk()
    expected = (1 - p_bad) * gain - p_bad * loss
    if _all_near(money, (1 - p_bad) * gain / SHARE_KEPT - p_bad * loss):
        return feedback.wrong("The lender keeps a quarter of the interest, not all of it: "
                              "gain = 0.25 × amount × rate × years.", where)
    if _all_near(money, gain - p_bad * loss):
        return feedback.wrong("The gain comes only if the loan stays good: weight it by 1 − p, "
                              "as the loss is weighted by p.", where)
    if not _all_near(money, expected):
        return feedback.wrong("Expected money = (1 − p) · gain − p · loss, with gain = 0.25 × "
                              "amount × rate × years and loss = the amount.", where)
    if list(map(bool, decisions)) == [bool(value > 0) for value in expected]:
        return feedback.right(
            f"On average A earns ${expected[0]:.0f}, B ${expected[1]:.0f}, and C loses "
            f"${-expected[2]:.0f}: approve A and B, refuse C. B is the riskiest loan (p = 0.20) "
            "and pays for it with its rate; C looks safe (p = 0.07) but its thin margin does "
            "not cover the risk. No single cut-off on p makes those three decisions.", where)
    if list(map(bool, decisions)) == [bool(p < 0.1) for p in p_bad]:
        return feedback.wrong("Those are the decisions of one cut-off on p. Approve exactly the "
                              "loans whose expected money is positive.", where)
    return feedback.wrong("The expected money is right; approve exactly the loans where it is "
                          "positive, i.e. where p < gain / (gain + loss).", where)



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
        "only twice chance at 20%: always report AP with the prevalence.",
        where,
    )


q1 = Exercise(
    answers=("expected_money", "approve"),
    checker=_check_three_applications,
    hint_text="For each loan: gain = 0.25 × amount × rate × years, loss = amount, expected money "
    "= (1 − p) · gain − p · loss. Approve when it is positive. numpy arrays do all three at once.",
    reference=three_applications,
    where=WHERE_05_DECISIONS,
)

q2 = Exercise(
    answers=("average_precision_at_2", "average_precision_at_20"),
    checker=_check_chance_average_precision,
    hint_text="rng = np.random.default_rng(0); labels = rng.random(10_000) < 0.02; "
    "scores = rng.random(10_000); average_precision_score(labels, scores). Then 0.2.",
    reference=chance_average_precision,
    where=WHERE_05_PREVALENCE,
)
