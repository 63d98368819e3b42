"""Exercises with offline feedback, two per notebook.

In a notebook: ``from helpers.exercises import notebook_01 as ex``, then ``ex.q1.check(answer)``,
``ex.q1.hint()`` and ``ex.q1.solution()``. Each exercise keeps its reference solution here, in one
place: ``solution()`` prints that function's source, and ``check`` accepts what it returns.
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
from .datasets import make_imbalanced
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
        """Print the reference solution: the code whose answer ``check`` accepts."""
        source = textwrap.dedent(inspect.getsource(self.reference))
        print(f"Reference solution (it uses your notebook's variables):\n\n{source}")

    def reference_answers(self, notebook_variables: dict) -> tuple:
        """Run the reference solution on the given notebook variables; return its answers."""
        names = inspect.signature(self.reference).parameters
        result = self.reference(**{name: notebook_variables[name] for name in names})
        return result if isinstance(result, tuple) else (result,)


@cache
def context() -> dict:
    """The notebooks' one-in-ten data and its stratified 75/25 split (random_state=42)."""
    X, y = make_imbalanced()
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=42
    )
    return {"X_train": X_train, "X_test": X_test, "y_train": y_train, "y_test": y_test}


def _is_number(answer) -> bool:
    return isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool)


def _close(answer, expected: float, tolerance: float = TOLERANCE) -> bool:
    return _is_number(answer) and abs(answer - expected) <= tolerance


def _shown(answer) -> str:
    """An answer as a message quotes it: numbers to 3 decimals, anything else as written."""
    return f"{answer:.3f}" if _is_number(answer) else repr(answer)


# ---------------------------------------------------------------- 01 · The accuracy trap

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
    if not _close(predicted_precision, scores["precision"], tolerance=0.02):
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
        answers=("always_positive", "predicted_precision"),
        checker=_check_catch_every_positive,
        hint_text="DummyClassifier ignores the features. Besides most_frequent, it has a "
        "strategy that always predicts a value you choose. For the precision: if every row is "
        "an alarm, which of them are real?",
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
    from imblearn.pipeline import Pipeline
    from imblearn.under_sampling import RandomUnderSampler
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    fixed = Pipeline([
        ("scale", StandardScaler()),
        ("undersample", RandomUnderSampler(random_state=42)),
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
    samplers = [name for name, step in steps if hasattr(step, "fit_resample")]
    if not samplers:
        return feedback.wrong(
            "The pipeline has no resampling step: put the under-sampler in it, before the model, "
            "so it resamples each training fold only.",
            where,
        )
    if not is_classifier(steps[-1][1]):
        return feedback.wrong(
            "The last step must be the classifier, with the sampler before it: the sampler "
            "changes the rows the model is trained on.",
            where,
        )
    data = context()
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=42)
    cv_f1 = cross_validate(fixed, data["X_train"], data["y_train"], cv=folds, scoring="f1")
    fitted = clone(fixed).fit(data["X_train"], data["y_train"])
    held_out_f1 = evaluate(fitted, data["X_test"], data["y_test"])["f1"]
    return feedback.right(
        f"The sampler ('{samplers[0]}') now only resamples training folds. Cross-validated F1 "
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
        "pipeline that contains the under-sampler, and the raw X_train, y_train.",
        reference=fix_the_leak,
        where=WHERE_02_PIPELINE,
    ),
)

# ---------------------------------------------------------------- 03 · Logistic regression

NOTEBOOK_03 = "03 · Logistic regression: SMOTE, class weights or a tuned threshold"
WHERE_03_FIXES = (NOTEBOOK_03, "2. Three remedies, written out")
WHERE_03_LAW = (NOTEBOOK_03, "4. How far the intercept moves, predicted")
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
    positive_scores = np.sort(scores[y_train == 1])
    # the highest cut-off that keeps 80% of the positives at or above it
    threshold = positive_scores[int(np.floor(0.2 * len(positive_scores)))]
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
    where = feedback.where_to_look(*WHERE_03_FIXES)
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


def _smote_agreement(threshold: float) -> float:
    """Share of test rows where the baseline cut at ``threshold`` decides like the SMOTE model."""
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import Pipeline
    from sklearn.model_selection import FixedThresholdClassifier

    data = context()
    baseline = _plain_baseline()
    smote = Pipeline([*baseline.steps[:1],
                      ("smote", SMOTE(sampling_strategy=SMOTE_RATIO, random_state=42)),
                      *baseline.steps[1:]])
    train = data["X_train"], data["y_train"]
    cut = FixedThresholdClassifier(baseline, threshold=threshold).fit(*train)
    return float(np.mean(cut.predict(data["X_test"]) == smote.fit(*train).predict(data["X_test"])))


def _check_smote_equivalent_threshold(smote_threshold) -> str:
    where = feedback.where_to_look(*WHERE_03_LAW)
    n_negative, n_positive = np.bincount(context()["y_train"])
    factor = int(SMOTE_RATIO * n_negative) / n_positive
    expected = 1 / (1 + factor)
    if _close(smote_threshold, 1 / (1 + n_negative / n_positive)):
        return feedback.wrong(
            "That is the class weights' cut-off: their factor is negatives per positive. SMOTE "
            "multiplies the odds by (positives after SMOTE) / (positives before).",
            where,
        )
    if _close(smote_threshold, factor / (1 + factor)):
        return feedback.wrong("Upside down: the cut-off is 1 / (1 + factor), below 0.5.", where)
    if not _close(smote_threshold, expected):
        return feedback.wrong(
            "Count the positives before SMOTE and after it (0.75 per negative, rounded down); "
            "their ratio is the factor, and the cut-off is 1 / (1 + factor).",
            where,
        )
    agreement = _smote_agreement(expected)
    return feedback.right(
        f"1 / (1 + {factor:.2f}) = {expected:.3f}. The baseline cut there decides like the SMOTE "
        f"model on {agreement:.1%} of the test rows: SMOTE is, nearly, a lower threshold.",
        where,
    )


notebook_03 = SimpleNamespace(
    q1=Exercise(
        answers=("high_recall",),
        checker=_check_recall_at_lowest_price,
        hint_text="Get cross-validated probabilities of the baseline with cross_val_predict(..., "
        'cv=5, method="predict_proba"), find the highest cut-off that keeps 80% of the training '
        "positives above it, and wrap the baseline in FixedThresholdClassifier with it.",
        reference=recall_at_lowest_price,
        where=WHERE_03_FIXES,
    ),
    q2=Exercise(
        answers=("smote_threshold",),
        checker=_check_smote_equivalent_threshold,
        hint_text="np.bincount(y_train) gives the counts. After SMOTE(0.75) there are "
        "int(0.75 × negatives) positives; the factor is that over the positives before, and "
        "the equivalent cut-off is 1 / (1 + factor).",
        reference=smote_equivalent_threshold,
        where=WHERE_03_LAW,
    ),
)

# ---------------------------------------------------------------- 04 · Trees

NOTEBOOK_04 = "04 · Trees: Random Forest and XGBoost"
WHERE_04_PROBABILITIES = (NOTEBOOK_04, "6. What the remedies do to the probabilities")
WHERE_04_FOLDS = (NOTEBOOK_04, "4. Compared on the same folds")


def repair_the_forest():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import RandomForestClassifier

    forest = RandomForestClassifier(n_estimators=50, random_state=42)
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

    return _test_probability_scores(RandomForestClassifier(n_estimators=50, random_state=42))


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
                "RandomForestClassifier(n_estimators=50, random_state=42).")
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
def _xgboost_f1_folds() -> tuple[tuple[float, ...], tuple[float, ...]]:
    """F1 of XGB + SMOTE and XGB baseline on the folds of notebook 04, section 4."""
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    from xgboost import XGBClassifier

    from .evaluation import cross_validate_models

    data = context()
    booster = XGBClassifier(n_estimators=150, learning_rate=0.1, n_jobs=1, random_state=42)
    models = {
        "XGB baseline": booster,
        "XGB + SMOTE": Pipeline([("scale", StandardScaler()),
                                 ("smote", SMOTE(sampling_strategy=0.75, random_state=42)),
                                 ("model", clone(booster))]),
    }
    scores = cross_validate_models(models, data["X_train"], data["y_train"], n_repeats=1,
                                   scoring=["f1"])
    by_model = scores.pivot(index="fold", columns="model", values="score")
    return tuple(by_model["XGB + SMOTE"]), tuple(by_model["XGB baseline"])


def read_a_paired_difference(fold_scores, y_train):
    from helpers import paired_difference

    f1 = fold_scores[fold_scores["metric"] == "f1"].pivot(
        index=["repeat", "fold"], columns="model", values="score"
    )
    n_train, n_test = len(y_train) * 4 // 5, len(y_train) // 5
    difference = paired_difference(
        f1["XGB + SMOTE"], f1["XGB baseline"], n_train=n_train, n_test=n_test
    )
    excludes_zero = bool(difference["low"] > 0 or difference["high"] < 0)
    return difference, excludes_zero


def _check_read_a_paired_difference(difference, excludes_zero) -> str:
    from .evaluation import DIFFERENCE_COLUMNS, paired_difference

    where = feedback.where_to_look(*WHERE_04_FOLDS)
    n_train = len(context()["y_train"]) * 4 // 5
    smote, baseline = _xgboost_f1_folds()
    expected = paired_difference(smote, baseline, n_train=n_train, n_test=n_train // 4)
    if not hasattr(difference, "index") or list(difference.index) != DIFFERENCE_COLUMNS:
        return feedback.wrong("Assign the Series that paired_difference(...) returns.", where)
    if _close(float(difference["mean"]), -expected["mean"]):
        return feedback.wrong("Upside down: pass the fix first, then the baseline (a − b).", where)
    if not _close(float(difference["mean"]), expected["mean"], tolerance=1e-6):
        return feedback.wrong(
            f"Mean difference {float(difference['mean']):+.4f}, expected "
            f"{expected['mean']:+.4f}: take the F1 rows of fold_scores, one column per model "
            "(pivot on repeat and fold), and pass n_train and n_test of one fold (4/5 and 1/5 "
            "of the training rows). The check uses section 4's models and 5 folds: if you changed "
            "them (a Try-it), undo the change, then restart the kernel and run all cells.",
            where,
        )
    if not _close(float(difference["std_error"]), expected["std_error"], tolerance=1e-6):
        return feedback.wrong("The mean is right; check n_train and n_test (rows per fold).", where)
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


notebook_04 = SimpleNamespace(
    q1=Exercise(
        answers=("repaired",),
        checker=_check_repair_the_forest,
        hint_text="CalibratedClassifierCV(RandomForestClassifier(n_estimators=50, "
        'random_state=42), method="sigmoid", cv=5): it fits the forest on part of the training '
        "rows and learns the map from its scores to probabilities on the rest.",
        reference=repair_the_forest,
        where=WHERE_04_PROBABILITIES,
    ),
    q2=Exercise(
        answers=("difference", "excludes_zero"),
        checker=_check_read_a_paired_difference,
        hint_text='f1 = fold_scores[fold_scores["metric"] == "f1"].pivot(index=["repeat", '
        '"fold"], columns="model", values="score") puts the folds in rows and the models in '
        "columns; then paired_difference(f1[fix], f1[baseline], n_train=..., n_test=...).",
        reference=read_a_paired_difference,
        where=WHERE_04_FOLDS,
    ),
)

# ---------------------------------------------------------------- 05 · Metrics and curves

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
    if _close(threshold, OLD_COST_FP / (OLD_COST_FP + OLD_COST_FN)):
        return feedback.wrong(
            "That is the cut-off for the old prices (a miss 10, a false alarm 1). Use the new "
            "ones: a miss 5, a false alarm 2.",
            where,
        )
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
    default = (scores >= 0.5).astype(int)
    default_cost = _cost_per_case(default, NEW_COST_FN, NEW_COST_FP)
    if _close(cost_at_default, _cost_per_case(default, OLD_COST_FN, OLD_COST_FP)):
        return feedback.wrong(
            "The cut-off is right; the cost is at the old prices. Call cost_per_case with "
            "cost_fn=5, cost_fp=2.",
            where,
        )
    if not _close(cost_at_default, default_cost):
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
    if any(_close(answer, 0.5, tolerance=0.05) for answer in answers.values()):
        return feedback.wrong(
            "0.5 is the chance level of ROC-AUC, which does not depend on the share of "
            "positives. Compute average_precision_score(labels, scores) on the random scores.",
            where,
        )
    for share, answer in answers.items():
        if not _close(answer, share, tolerance=max(0.01, share / 5)):
            return feedback.wrong(
                f"With {share:.0%} positives, random scores give an average precision near "
                f"{share}, not {_shown(answer)}: draw the labels with "
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


notebook_05 = SimpleNamespace(
    q1=Exercise(
        answers=("threshold", "cost_at_default"),
        checker=_check_threshold_from_new_costs,
        hint_text="With calibrated probabilities, predict positive when p · C_FN > (1 − p) · C_FP. "
        "For the cost at the default cut-off: cost_per_case(y_test, lr_baseline.predict(X_test), "
        "cost_fn=5, cost_fp=2).",
        reference=threshold_from_new_costs,
        where=WHERE_05_COSTS,
    ),
    q2=Exercise(
        answers=("average_precision_at_2", "average_precision_at_20"),
        checker=_check_chance_average_precision,
        hint_text="rng = np.random.default_rng(0); labels = rng.random(10_000) < 0.02; "
        "scores = rng.random(10_000); average_precision_score(labels, scores). Then 0.2.",
        reference=chance_average_precision,
        where=WHERE_05_PREVALENCE,
    ),
)
