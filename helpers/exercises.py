"""Exercises with offline feedback, two or three per notebook.

In a notebook: ``from helpers.exercises import notebook_01 as ex``, then ``ex.q1.check(answer)``,
``ex.q1.hint()`` and ``ex.q1.solution()``. Each exercise keeps its reference solution here, in one
place: ``solution()`` prints that function's source, and the tests run it through ``check``.
Checkers print feedback (see :mod:`helpers.feedback`); a learner's mistake never raises.
"""

import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

import numpy as np
from sklearn.base import clone, is_classifier
from sklearn.model_selection import StratifiedKFold, cross_validate, train_test_split

from . import feedback
from .datasets import load_pima, make_imbalanced
from .evaluation import evaluate

TOLERANCE = 0.005


@dataclass(frozen=True)
class Exercise:
    """One exercise: what to fill in, how to check it, a hint, and the reference solution.

    ``checker`` takes the learner's answers (in the order of ``answers``) and returns a feedback
    message; ``reference`` computes the reference answers from notebook variables named by its
    parameters (see :func:`context`).
    """

    answers: tuple[str, ...]
    checker: Callable[..., str]
    hint_text: str
    reference: Callable[..., object]
    where: tuple[str, str]

    def feedback_for(self, *answers) -> str:
        """The message :meth:`check` prints for these answers."""
        if len(answers) != len(self.answers):
            names = ", ".join(self.answers)
            return feedback.slip(f"check() takes {len(self.answers)} answer(s): {names}.")
        if any(answer is None for answer in answers):
            pairs = zip(self.answers, answers, strict=True)
            missing = [name for name, answer in pairs if answer is None]
            return feedback.not_answered(
                f"Replace None in {', '.join(missing)} with your answer and run the cell again. "
                "Stuck? Run .hint()."
            )
        try:
            return self.checker(*answers)
        except Exception as error:  # a learner's answer may fail in any way: explain, don't raise
            return feedback.wrong(
                f"Your answer raised {type(error).__name__}: {error}",
                feedback.where_to_look(*self.where),
            )

    def check(self, *answers) -> None:
        """Print whether the answers are right, what is off, and where to look."""
        print(self.feedback_for(*answers))

    def hint(self) -> None:
        """Print a hint."""
        print(feedback.message("💡 Hint:", self.hint_text, feedback.where_to_look(*self.where)))

    def solution(self) -> None:
        """Print the reference solution: the very code the tests run."""
        source = textwrap.dedent(inspect.getsource(self.reference))
        print(f"Reference solution (it uses your notebook's variables):\n\n{source}")

    def reference_answers(self, notebook_variables: dict) -> tuple:
        """Run the reference solution on the given notebook variables; return its answers."""
        names = inspect.signature(self.reference).parameters
        result = self.reference(**{name: notebook_variables[name] for name in names})
        return result if isinstance(result, tuple) else (result,)


@cache
def context() -> dict:
    """The notebooks' 10 : 1 data and its stratified 75/25 split (random_state=42)."""
    X, y = make_imbalanced()
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=42
    )
    return {"X_train": X_train, "X_test": X_test, "y_train": y_train, "y_test": y_test}


def _close(answer, expected: float) -> bool:
    return isinstance(answer, (int, float, np.number)) and abs(answer - expected) <= TOLERANCE


# ---------------------------------------------------------------- 01 · The accuracy trap

SCREENING = {"tn": 9310, "fp": 390, "fn": 120, "tp": 180}
WHERE_01_MATRIX = ("01 · The accuracy trap", "3. Reading the confusion matrix")
WHERE_01_TRAP = ("01 · The accuracy trap", "2. A 10 : 1 problem: high accuracy, zero recall")


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
    swapped = _close(recall, expected["precision"]) and _close(precision, expected["recall"])
    if swapped:
        return feedback.wrong(
            "Recall and precision are swapped. Recall divides by all actual positives "
            "(TP + FN); precision by all predicted positives (TP + FP).",
            where,
        )
    off = [name for name, value in given.items() if not _close(value, expected[name])]
    if off:
        return feedback.wrong(
            f"Check {', '.join(off)}. Each metric is a ratio of two counts: recall = TP / "
            "(TP + FN), specificity = TN / (TN + FP), precision = TP / (TP + FP).",
            where,
        )
    return feedback.right(
        f"The test finds {expected['recall']:.0%} of the sick and leaves "
        f"{expected['specificity']:.0%} of the healthy alone, yet only "
        f"{expected['precision']:.0%} of its alarms are real: with few positives, even a small "
        "false-positive rate swamps the true positives.",
        where,
    )


def catch_every_positive():
    from sklearn.dummy import DummyClassifier

    always_positive = DummyClassifier(strategy="constant", constant=1)
    return always_positive


def _check_catch_every_positive(always_positive) -> str:
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
    return feedback.right(
        f"Recall 1.0, with a precision of {scores['precision']:.3f}, the share of positives, and "
        f"an accuracy of {scores['accuracy']:.3f}. A perfect recall is as easy to fake as a high "
        "accuracy: always read recall together with precision or specificity.",
        where,
    )


notebook_01 = SimpleNamespace(
    q1=Exercise(
        answers=("recall", "specificity", "precision"),
        checker=_check_read_the_matrix,
        hint_text="Write the four counts in a 2 × 2 table (rows: truth, columns: prediction). "
        "Recall looks only at the true-positive row, specificity only at the true-negative row.",
        reference=read_the_matrix,
        where=WHERE_01_MATRIX,
    ),
    q2=Exercise(
        answers=("always_positive",),
        checker=_check_catch_every_positive,
        hint_text="DummyClassifier ignores the features. Besides most_frequent, it has a "
        "strategy that always predicts a value you choose.",
        reference=catch_every_positive,
        where=WHERE_01_TRAP,
    ),
)

# ---------------------------------------------------------------- 02 · SMOTE without leakage

WHERE_02_RATIO = ("02 · SMOTE without leakage", "1. How SMOTE makes a point")
WHERE_02_PIPELINE = ("02 · SMOTE without leakage", "3. The right way: SMOTE inside the pipeline")


def points_smote_adds(y_train):
    n_negative, n_positive = np.bincount(y_train)
    added = int(n_negative * 0.75 - n_positive)  # SMOTE rounds down, and adds positives only
    return added


def _check_points_smote_adds(added) -> str:
    where = feedback.where_to_look(*WHERE_02_RATIO)
    n_negative, n_positive = np.bincount(context()["y_train"])
    expected = int(n_negative * 0.75 - n_positive)
    if added == expected:
        return feedback.right(
            f"SMOTE adds {expected} points, so that {n_positive + expected} positives stand "
            f"against the {n_negative} negatives it leaves untouched: a ratio of 0.75.",
            where,
        )
    if added == int(n_negative * 0.75):
        return feedback.wrong(
            "That is the number of positives after resampling; subtract the ones already there.",
            where,
        )
    return feedback.wrong(
        "A float sampling_strategy is the minority/majority ratio AFTER resampling, and SMOTE "
        "never touches the majority: count the negatives and positives in y_train first.",
        where,
    )


def fix_the_leak():
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import Pipeline
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    fixed = Pipeline([
        ("scale", StandardScaler()),
        ("smote", SMOTE(random_state=42)),
        ("model", LogisticRegression(max_iter=1000)),
    ])
    return fixed


def _check_fix_the_leak(fixed) -> str:
    where = feedback.where_to_look(*WHERE_02_PIPELINE)
    steps = getattr(fixed, "steps", None)
    if steps is None:
        return feedback.wrong("Assign a pipeline: imblearn.pipeline.Pipeline([...]).", where)
    if type(fixed).__module__.startswith("sklearn."):
        return feedback.wrong(
            "This is scikit-learn's Pipeline, which refuses samplers. Import Pipeline from "
            "imblearn.pipeline instead.",
            where,
        )
    samplers = [name for name, step in steps[:-1] if hasattr(step, "fit_resample")]
    if not samplers:
        return feedback.wrong(
            "The pipeline has no resampling step: put SMOTE in it, before the model, so it "
            "resamples each training fold.",
            where,
        )
    if not is_classifier(steps[-1][1]):
        return feedback.wrong("The last step must be the classifier.", where)
    data = context()
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=42)
    cv_f1 = cross_validate(fixed, data["X_train"], data["y_train"], cv=folds, scoring="f1")
    fitted = clone(fixed).fit(data["X_train"], data["y_train"])
    held_out_f1 = evaluate(fitted, data["X_test"], data["y_test"])["f1"]
    gap = cv_f1["test_score"].mean() - held_out_f1
    if abs(gap) > 0.1:
        return feedback.wrong(
            f"Cross-validated F1 {cv_f1['test_score'].mean():.3f} is far from the held-out "
            f"{held_out_f1:.3f}: something still leaks.",
            where,
        )
    return feedback.right(
        f"SMOTE ('{samplers[0]}') now only resamples training folds. Cross-validated F1 "
        f"{cv_f1['test_score'].mean():.3f} vs held-out {held_out_f1:.3f}: the estimate is honest.",
        where,
    )


notebook_02 = SimpleNamespace(
    q1=Exercise(
        answers=("added",),
        checker=_check_points_smote_adds,
        hint_text="Count the classes with np.bincount(y_train). After resampling, "
        "positives / negatives = 0.75, and the negatives keep their number.",
        reference=points_smote_adds,
        where=WHERE_02_RATIO,
    ),
    q2=Exercise(
        answers=("fixed",),
        checker=_check_fix_the_leak,
        hint_text="cross_validate fits whatever you give it on each training fold. Give it a "
        "pipeline that contains SMOTE, and the raw X_train, y_train.",
        reference=fix_the_leak,
        where=WHERE_02_PIPELINE,
    ),
)

# ---------------------------------------------------------------- 03 · Logistic regression

WHERE_03_FIXES = ("03 · Logistic regression: SMOTE, class weights or a tuned threshold",
                  "2. Three fixes, written out")
WHERE_03_MOVES = ("03 · Logistic regression: SMOTE, class weights or a tuned threshold",
                  "5. What moves and what stays")
RECALL_TARGET, PRECISION_FLOOR = 0.8, 0.5


def recall_by_threshold(X_train, y_train):
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import FixedThresholdClassifier, cross_val_predict
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    baseline = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(max_iter=1000))])
    scores = cross_val_predict(baseline, X_train, y_train, cv=5, method="predict_proba")[:, 1]
    threshold = np.quantile(scores[y_train == 1], 0.2)  # 80% of the positives score above it
    high_recall = FixedThresholdClassifier(baseline, threshold=threshold)
    return high_recall


def _check_recall_by_threshold(high_recall) -> str:
    where = feedback.where_to_look(*WHERE_03_MOVES)
    if not (hasattr(high_recall, "fit") and is_classifier(high_recall)):
        return feedback.wrong("Assign an unfitted scikit-learn classifier or pipeline.", where)
    data = context()
    fitted = clone(high_recall).fit(data["X_train"], data["y_train"])
    scores = evaluate(fitted, data["X_test"], data["y_test"])
    recall, precision = scores["recall"], scores["precision"]
    if recall < RECALL_TARGET:
        return feedback.wrong(
            f"Recall on the test set is {recall:.3f}, below {RECALL_TARGET}: lower the threshold "
            "further (or choose it from cross-validated scores).",
            where,
        )
    if precision < PRECISION_FLOOR:
        return feedback.wrong(
            f"Recall {recall:.3f} is reached, but precision fell to {precision:.3f}: more than "
            "needed. A threshold on the plain model can stop just past the target; class "
            "weights and very low thresholds flag far more negatives.",
            where,
        )
    return feedback.right(
        f"Recall {recall:.3f} with precision {precision:.3f}, from the plain model's own "
        "probabilities, which stay calibrated: only the cut-off moved.",
        where,
    )


def balanced_positive_weight(y_pima):
    n_rows, n_positive = len(y_pima), np.sum(y_pima == 1)
    weight = n_rows / (2 * n_positive)  # class_weight="balanced": n_samples / (n_classes * n_c)
    return weight


def _check_balanced_positive_weight(weight) -> str:
    where = feedback.where_to_look(*WHERE_03_FIXES)
    y_pima = load_pima()[1].to_numpy()
    n_negative, n_positive = np.bincount(y_pima)
    expected = len(y_pima) / (2 * n_positive)
    if _close(weight, n_negative / n_positive):
        return feedback.wrong(
            "That is how many times a positive outweighs a negative, not the weight itself. "
            'The docs define "balanced" as n_samples / (n_classes * np.bincount(y)).',
            where,
        )
    if not _close(weight, expected):
        return feedback.wrong(
            '"balanced" gives each class the weight n_samples / (n_classes * n_in_class): both '
            "classes then carry the same total weight.",
            where,
        )
    return feedback.right(
        f"Each positive row weighs {expected:.3f} and each negative "
        f"{len(y_pima) / (2 * n_negative):.3f}: both classes now carry half of the total weight.",
        where,
    )


notebook_03 = SimpleNamespace(
    q1=Exercise(
        answers=("high_recall",),
        checker=_check_recall_by_threshold,
        hint_text="Wrap the baseline pipeline in FixedThresholdClassifier(baseline, threshold=t). "
        "Choose t from cross-validated probabilities of the training positives "
        "(cross_val_predict), not from the test set.",
        reference=recall_by_threshold,
        where=WHERE_03_MOVES,
    ),
    q2=Exercise(
        answers=("weight",),
        checker=_check_balanced_positive_weight,
        hint_text="Look up class_weight in LogisticRegression's documentation, or compute it with "
        'sklearn.utils.class_weight.compute_class_weight("balanced", classes=[0, 1], y=y_pima).',
        reference=balanced_positive_weight,
        where=WHERE_03_FIXES,
    ),
)

# ---------------------------------------------------------------- 04 · Trees

WHERE_04_XGB = ("04 · Trees: Random Forest and XGBoost", "3. XGBoost: four ways to boost")
WHERE_04_SPREAD = ("04 · Trees: Random Forest and XGBoost",
                   "Which differences are larger than the spread?")


def xgboost_positive_weight(y_pima):
    pima_weight = np.sum(y_pima == 0) / np.sum(y_pima == 1)
    return pima_weight


def _check_xgboost_positive_weight(pima_weight) -> str:
    where = feedback.where_to_look(*WHERE_04_XGB)
    n_negative, n_positive = np.bincount(load_pima()[1])
    if _close(pima_weight, n_positive / n_negative):
        return feedback.wrong("Upside down: it is negatives per positive, above 1 here.", where)
    if not _close(pima_weight, n_negative / n_positive):
        return feedback.wrong(
            "XGBoost's docs suggest sum(negative instances) / sum(positive instances), counted "
            "in the training labels.",
            where,
        )
    return feedback.right(
        f"{n_negative} / {n_positive} = {n_negative / n_positive:.2f}: each positive counts that "
        "many times in the loss, far less than on the 10 : 1 data. The docs call it a typical "
        "value to consider, not a rule, and warn that rebalancing distorts probabilities.",
        where,
    )


def larger_than_spread_rule():
    def clearly_different(mean_a, std_a, mean_b, std_b):
        return abs(mean_a - mean_b) > std_a + std_b

    return clearly_different


SPREAD_CASES = [
    ((0.740, 0.038, 0.763, 0.038), False),
    ((0.622, 0.047, 0.813, 0.040), True),
    ((0.813, 0.040, 0.622, 0.047), True),
    ((0.960, 0.009, 0.952, 0.013), False),
    ((0.700, 0.030, 0.750, 0.030), False),
    ((0.500, 0.000, 0.500, 0.000), False),
]


def _check_larger_than_spread(clearly_different) -> str:
    where = feedback.where_to_look(*WHERE_04_SPREAD)
    if not callable(clearly_different):
        return feedback.wrong("Assign a function of (mean_a, std_a, mean_b, std_b).", where)
    for arguments, expected in SPREAD_CASES:
        if bool(clearly_different(*arguments)) != expected:
            return feedback.wrong(
                f"clearly_different{arguments} should be {expected}: compare the size of the "
                "difference, in either direction, with the two standard deviations added.",
                where,
            )
    return feedback.right(
        "Only differences that clear both spreads count; the rest may be the luck of the folds.",
        where,
    )


notebook_04 = SimpleNamespace(
    q1=Exercise(
        answers=("pima_weight",),
        checker=_check_xgboost_positive_weight,
        hint_text="Count the negatives and the positives in y_pima.",
        reference=xgboost_positive_weight,
        where=WHERE_04_XGB,
    ),
    q2=Exercise(
        answers=("clearly_different",),
        checker=_check_larger_than_spread,
        hint_text="Use abs() for the size of the difference, and add the two standard deviations.",
        reference=larger_than_spread_rule,
        where=WHERE_04_SPREAD,
    ),
)

# ---------------------------------------------------------------- 05 · Metrics and curves

WHERE_05_COSTS = ("05 · Metrics and curves", "6. A threshold from costs")
WHERE_05_PREVALENCE = (
    "05 · Metrics and curves",
    "4. Prevalence: what moves when positives get rarer",
)
NEW_COST_FN, NEW_COST_FP = 5, 2


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
    predicted = lr_baseline.predict(X_test)  # the default threshold, 0.5
    missed = np.sum((y_test == 1) & (predicted == 0))
    false_alarms = np.sum((y_test == 0) & (predicted == 1))
    cost_at_default = (5 * missed + 2 * false_alarms) / len(y_test)
    return threshold, cost_at_default


def _cost_per_case(predicted) -> float:
    y_test = context()["y_test"]
    missed = np.sum((y_test == 1) & (predicted == 0))
    false_alarms = np.sum((y_test == 0) & (predicted == 1))
    return (NEW_COST_FN * missed + NEW_COST_FP * false_alarms) / len(y_test)


def _check_threshold_from_new_costs(threshold, cost_at_default) -> str:
    where = feedback.where_to_look(*WHERE_05_COSTS)
    expected = NEW_COST_FP / (NEW_COST_FP + NEW_COST_FN)
    if _close(threshold, NEW_COST_FN / (NEW_COST_FP + NEW_COST_FN)):
        return feedback.wrong(
            "The costs are swapped: predicting positive pays off when p · C_FN > (1 − p) · C_FP, "
            "that is when p > C_FP / (C_FP + C_FN).",
            where,
        )
    if not _close(threshold, expected):
        return feedback.wrong(
            "Say yes when the expected cost of saying no, p · C_FN, exceeds that of saying yes, "
            "(1 − p) · C_FP. Solve for p.",
            where,
        )
    scores = fitted_lr_baseline().predict_proba(context()["X_test"])[:, 1]
    default_cost = _cost_per_case((scores >= 0.5).astype(int))
    if not _close(cost_at_default, default_cost):
        return feedback.wrong(
            "The threshold is right; check the cost at the default threshold: "
            "(5 · FN + 2 · FP) / number of test rows, with lr_baseline.predict(X_test).",
            where,
        )
    tuned_cost = _cost_per_case((scores >= expected).astype(int))
    return feedback.right(
        f"The threshold {expected:.3f} lowers the baseline's cost per case from "
        f"{default_cost:.3f} at 0.5 to {tuned_cost:.3f} on the test set. The costs, not a "
        "metric, decide where to cut.",
        where,
    )


def chance_average_precision():
    average_precision = 0.02  # a random ranking: precision = prevalence at every recall
    return average_precision


def _check_chance_average_precision(average_precision) -> str:
    where = feedback.where_to_look(*WHERE_05_PREVALENCE)
    if _close(average_precision, 0.5):
        return feedback.wrong(
            "0.5 is the chance level of ROC-AUC, which does not depend on the share of "
            "positives. Average precision does: what is a random model's precision?",
            where,
        )
    if not (isinstance(average_precision, (int, float)) and abs(average_precision - 0.02) < 0.01):
        return feedback.wrong(
            "At random, every threshold's alarms are a random sample of the rows, so the "
            "precision is the share of positives, at every recall.",
            where,
        )
    return feedback.right(
        "About 0.02, the prevalence: an AP of 0.40 on such data is 20 times chance, while the "
        "same 0.40 at 30% positives would be barely above it. Always report AP with the "
        "prevalence.",
        where,
    )


notebook_05 = SimpleNamespace(
    q1=Exercise(
        answers=("threshold", "cost_at_default"),
        checker=_check_threshold_from_new_costs,
        hint_text="With calibrated probabilities, predict positive when p · C_FN > (1 − p) · C_FP. "
        "For the cost at the default threshold, count FN and FP of lr_baseline.predict(X_test).",
        reference=threshold_from_new_costs,
        where=WHERE_05_COSTS,
    ),
    q2=Exercise(
        answers=("average_precision",),
        checker=_check_chance_average_precision,
        hint_text="Average precision averages the precision over the recall levels. What is the "
        "precision of alarms raised at random?",
        reference=chance_average_precision,
        where=WHERE_05_PREVALENCE,
    ),
)
