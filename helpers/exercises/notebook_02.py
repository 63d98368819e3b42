"""The two exercises of notebook 02 · SMOTE without leakage: ``q1`` fixes a leak (section 5),
``q2`` counts the points SMOTE adds ("Going further").

In the notebook: ``from helpers.exercises import notebook_02 as ex``, then ``ex.q1.check(...)``,
``ex.q1.hint()`` and ``ex.q1.solution()`` (the same for ``q2``). Each exercise's reference
solution is the function below that ``solution()`` prints; its checker is the ``_check_...``
function beside it.
"""

import numpy as np
from sklearn.base import clone, is_classifier
from sklearn.model_selection import StratifiedKFold, cross_validate

from .. import feedback
from ..evaluation import evaluate
from .shared import Exercise, context

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
    cv_f1 = cross_validate(fixed, data["X_train"], data["y_train"], cv=folds, scoring="f1",
                           error_score="raise")
    fitted = clone(fixed).fit(data["X_train"], data["y_train"])
    held_out_f1 = evaluate(fitted, data["X_test"], data["y_test"])["f1"]
    return feedback.right(
        f"The sampler ('{samplers[0]}') now only resamples training folds. Cross-validated F1 "
        f"{cv_f1['test_score'].mean():.3f} vs held-out {held_out_f1:.3f}: the estimate is honest.",
        where,
    )


q1 = Exercise(
    answers=("fixed",),
    checker=_check_fix_the_leak,
    hint_text="cross_validate fits whatever you give it on each training fold. Give it a "
    "pipeline that contains the under-sampler, and the raw X_train, y_train.",
    reference=fix_the_leak,
    where=WHERE_02_PIPELINE,
)

q2 = Exercise(
    answers=("added",),
    checker=_check_points_smote_adds,
    hint_text="Count the classes with np.bincount(y_train). After resampling, "
    "positives / negatives = 0.75, and the negatives keep their number.",
    reference=points_smote_adds,
    where=WHERE_02_RATIO,
)
