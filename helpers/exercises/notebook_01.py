"""The two exercises of notebook 01 · The accuracy trap.

In the notebook: ``from helpers.exercises import notebook_01 as ex``, then ``ex.q1.check(...)``,
``ex.q1.hint()`` and ``ex.q1.solution()`` (the same for ``q2``). Each exercise's reference
solution is the function below that ``solution()`` prints; its checker is the ``_check_...``
function beside it.
"""

from sklearn.base import clone, is_classifier

from .. import feedback
from ..evaluation import evaluate
from ..feedback import near
from .shared import Exercise, context

SCREENING = {"tn": 9310, "fp": 390, "fn": 120, "tp": 180}
WHERE_01_MATRIX = ("01 · The accuracy trap", "3. Reading the confusion matrix")
WHERE_01_TRAP = (
    "01 · The accuracy trap", "2. One positive in ten: high accuracy, many positives missed"
)


def read_the_matrix(tn, fp, fn, tp):
    recall = tp / (tp + fn)
    specificity = tn / (tn + fp)
    precision = tp / (tp + fp)
    return recall, specificity, precision


def _check_read_the_matrix(recall, specificity, precision) -> str:
    where = feedback.where_to_look(*WHERE_01_MATRIX)
    names = ("recall", "specificity", "precision")
    expected = dict(zip(names, read_the_matrix(**SCREENING), strict=True))
    given = dict(zip(names, (recall, specificity, precision), strict=True))
    swapped = near(recall, expected["precision"]) and near(precision, expected["recall"])
    if swapped:
        return feedback.wrong(
            "Recall and precision are swapped. Recall divides by all actual positives "
            "(TP + FN); precision by all predicted positives (TP + FP).",
            where,
        )
    rounded, off = feedback.sort_numbers(given, expected)
    if off:
        return feedback.message(
            feedback.WRONG,
            f"Check {', '.join(off)}. Each metric is a ratio of two counts: recall = TP / "
            "(TP + FN), specificity = TN / (TN + FP), precision = TP / (TP + FP).",
            feedback.too_few_decimals(rounded) if rounded else "",
            where,
        )
    if rounded:
        return feedback.close(feedback.too_few_decimals(rounded), where)
    return feedback.right(
        f"The test finds {expected['recall']:.0%} of the sick and leaves "
        f"{expected['specificity']:.0%} of the healthy alone, yet only "
        f"{expected['precision']:.0%} of its alarms are real: with few positives, even a small "
        "false-positive rate swamps the true positives.",
        where,
    )


def catch_every_positive(y_test):
    from sklearn.dummy import DummyClassifier

    always_positive = DummyClassifier(strategy="constant", constant=1)
    predicted_precision = y_test.mean()  # every row is an alarm: the real ones are the positives
    return always_positive, predicted_precision


def _check_catch_every_positive(always_positive, predicted_precision) -> str:
    where = feedback.where_to_look(*WHERE_01_TRAP)
    if not (hasattr(always_positive, "fit") and is_classifier(always_positive)):
        return feedback.wrong("Assign a scikit-learn classifier, e.g. a DummyClassifier.", where)
    data = context()
    model = clone(always_positive).fit(data["X_train"], data["y_train"])
    scores = evaluate(model, data["X_test"], data["y_test"])
    if scores["recall"] < 1:
        return feedback.wrong(
            f"This model finds {scores['recall']:.0%} of the test positives, not all of them. "
            'DummyClassifier can always predict one class: strategy="constant", constant=1.',
            where,
        )
    if not near(predicted_precision, scores["precision"], tolerance=0.02):
        return feedback.wrong(
            f"The model is right: recall 1.0. But its precision is {scores['precision']:.3f}, not "
            f"{predicted_precision}. It calls every row positive, so its alarms are all the rows, "
            "and the real ones among them are the positives: what share of the rows is that?",
            where,
        )
    return feedback.right(
        f"Recall 1.0, with a precision of {scores['precision']:.3f}, the share of positives, and "
        f"an accuracy of {scores['accuracy']:.3f}. A perfect recall is as easy to fake as a high "
        "accuracy: always read recall together with precision or specificity.",
        where,
    )


q1 = Exercise(
    answers=("recall", "specificity", "precision"),
    checker=_check_read_the_matrix,
    hint_text="Write the four counts in a 2 × 2 table (rows: truth, columns: prediction). "
    "Recall looks only at the true-positive row, specificity only at the true-negative row.",
    reference=read_the_matrix,
    where=WHERE_01_MATRIX,
)

q2 = Exercise(
    answers=("always_positive", "predicted_precision"),
    checker=_check_catch_every_positive,
    hint_text="DummyClassifier ignores the features. Besides most_frequent, it has a "
    "strategy that always predicts a value you choose. For the precision: if every row is "
    "an alarm, which of them are real?",
    reference=catch_every_positive,
    where=WHERE_01_TRAP,
)
