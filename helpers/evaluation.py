"""Evaluate fitted binary classifiers with the metrics that matter on imbalanced data."""

from collections.abc import Mapping

import numpy as np
import pandas as pd
from imblearn.metrics import geometric_mean_score, specificity_score
from sklearn.exceptions import NotFittedError
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    confusion_matrix,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import check_is_fitted

# Scorer names that score the positive (minority) class, label 1, plus two ranking metrics.
CV_SCORING = ["recall", "precision", "f1", "average_precision", "roc_auc"]

METRICS = [
    "accuracy",
    "precision",
    "recall",
    "specificity",
    "f1",
    "g_mean",
    "roc_auc",
    "average_precision",
    "tn",
    "fp",
    "fn",
    "tp",
]


def check_binary_target(y) -> np.ndarray:
    """Return ``y`` as an array after checking it holds both labels 0 and 1 and nothing else."""
    y = np.asarray(y)
    labels = set(np.unique(y).tolist())
    if not labels <= {0, 1}:
        raise ValueError(
            f"y must hold the labels 0 (negative) and 1 (positive), got {sorted(labels, key=str)}. "
            "Encode the class you want to detect as 1, e.g. y = (y == 'pos').astype(int)."
        )
    if len(labels) < 2:
        raise ValueError(
            f"y holds only the label {labels.pop()}: every metric here needs both classes. "
            "Use a stratified split (stratify=y) so each part keeps some positives and negatives."
        )
    return y


def check_same_rows(X, y) -> None:
    """Raise a clear error when the features and the labels do not describe the same rows."""
    if len(X) != len(y):
        raise ValueError(
            f"X has {len(X)} rows but y has {len(y)} labels: pass the features and the labels of "
            "the same rows (e.g. X_test with y_test)."
        )


def positive_scores(model, X) -> np.ndarray:
    """Scores for the positive class: ``predict_proba(X)[:, 1]``, else ``decision_function(X)``."""
    try:
        check_is_fitted(model)
    except NotFittedError:
        raise NotFittedError(
            f"{type(model).__name__} is not fitted yet: call model.fit(X_train, y_train) first."
        ) from None
    if hasattr(model, "predict_proba"):
        return model.predict_proba(X)[:, 1]
    if hasattr(model, "decision_function"):
        return model.decision_function(X)
    raise TypeError(
        f"{type(model).__name__} has neither predict_proba nor decision_function, so ROC-AUC and "
        "average precision cannot be computed. Use a classifier that scores its predictions."
    )


def evaluate(model, X, y) -> dict[str, float]:
    """Score a fitted binary classifier on (X, y); class 1 is the positive (minority) class.

    Threshold metrics use ``model.predict``; ROC-AUC and average precision use the scores of
    :func:`positive_scores`. Precision is 0 when the model predicts no positive at all.

    Returns
    -------
    dict
        accuracy, precision, recall, specificity, f1, g_mean, roc_auc, average_precision and the
        confusion-matrix counts tn, fp, fn, tp.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> model = DummyClassifier().fit([[0], [1], [2]], [0, 0, 1])
    >>> evaluate(model, [[0], [1], [2]], [0, 0, 1])["recall"]
    0.0
    """
    y = check_binary_target(y)
    check_same_rows(X, y)
    scores = positive_scores(model, X)
    predicted = model.predict(X)
    tn, fp, fn, tp = confusion_matrix(y, predicted, labels=[0, 1]).ravel()
    return {
        "accuracy": accuracy_score(y, predicted),
        "precision": precision_score(y, predicted, zero_division=0),
        "recall": recall_score(y, predicted),
        "specificity": specificity_score(y, predicted),
        "f1": f1_score(y, predicted, zero_division=0),
        "g_mean": geometric_mean_score(y, predicted),
        "roc_auc": roc_auc_score(y, scores),
        "average_precision": average_precision_score(y, scores),
        "tn": int(tn),
        "fp": int(fp),
        "fn": int(fn),
        "tp": int(tp),
    }


def compare(models: Mapping[str, object], X, y) -> pd.DataFrame:
    """Evaluate several fitted models on the same data: one row per model, one column per metric.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> X, y = [[0], [1], [2], [3]], [0, 0, 1, 1]
    >>> table = compare({"do-nothing": DummyClassifier().fit(X, y)}, X, y)
    >>> table.loc["do-nothing", "accuracy"]
    np.float64(0.5)
    """
    if not models:
        raise ValueError("compare() needs at least one model: pass a dict such as {'name': model}.")
    rows = {name: evaluate(model, X, y) for name, model in models.items()}
    return pd.DataFrame.from_dict(rows, orient="index")[METRICS]


def summarize_cv(cv_results: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Mean and standard deviation of each ``test_*`` score returned by ``cross_validate``.

    Returns
    -------
    pandas.DataFrame
        One row per metric (the ``test_`` prefix removed), columns ``mean`` and ``std``.

    Examples
    --------
    >>> summarize_cv({"fit_time": np.array([0.1, 0.2]), "test_recall": np.array([0.5, 0.7])})
            mean  std
    recall   0.6  0.1
    """
    scores = {key[5:]: values for key, values in cv_results.items() if key.startswith("test_")}
    if not scores:
        raise ValueError(
            "No test_* scores found: pass the dict that sklearn's cross_validate returns."
        )
    means = [np.mean(values) for values in scores.values()]
    stds = [np.std(values) for values in scores.values()]
    return pd.DataFrame({"mean": means, "std": stds}, index=list(scores))


def cross_validate_models(
    models: Mapping[str, object],
    X,
    y,
    n_repeats: int = 3,
    scoring: list[str] | None = None,
    random_state: int = 42,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """The course's comparison protocol: repeated stratified 5-fold cross-validation.

    Every model (unfitted; pipelines welcome, resamplers inside them) is scored on the same
    folds with the positive-class metrics of ``CV_SCORING``.

    The ``len(models) * 5 * n_repeats`` fits run one after another, or, with ``n_jobs=-1``, in
    threads, one per CPU core. Threads pay off for models whose fitting runs in compiled code
    that releases Python's lock (tree ensembles), not for small logistic regressions. Each fit
    is seeded by its model's own ``random_state``, so the table is the same either way. With
    ``n_jobs=-1``, give the models ``n_jobs=1``: threads started inside these threads would
    compete for the same cores.

    Returns
    -------
    pandas.DataFrame
        One row per model; columns are (metric, ``mean`` | ``std``) pairs over the
        ``5 * n_repeats`` test folds.
    """
    if not models:
        raise ValueError("cross_validate_models() needs at least one model: {'name': model}.")
    y = check_binary_target(y)
    splitter = RepeatedStratifiedKFold(n_splits=5, n_repeats=n_repeats, random_state=random_state)
    splits = list(splitter.split(X, y))
    one_fold_results = Parallel(n_jobs=n_jobs, prefer="threads")(
        delayed(cross_validate)(model, X, y, cv=[split], scoring=scoring or CV_SCORING)
        for model in models.values()
        for split in splits
    )
    rows = {}
    for position, name in enumerate(models):
        folds = one_fold_results[position * len(splits) : (position + 1) * len(splits)]
        scores = {key: np.concatenate([fold[key] for fold in folds]) for key in folds[0]}
        rows[name] = summarize_cv(scores).stack()
    return pd.DataFrame(rows).T


def format_mean_std(table: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """Turn a :func:`cross_validate_models` table into readable "mean ± std" text, one per metric.

    Examples
    --------
    >>> columns = pd.MultiIndex.from_tuples([("recall", "mean"), ("recall", "std")])
    >>> format_mean_std(pd.DataFrame([[0.51234, 0.0456]], index=["LR"], columns=columns))
               recall
    LR  0.512 ± 0.046
    """
    metrics = table.columns.get_level_values(0).unique()
    return pd.DataFrame(
        {
            metric: [
                f"{mean:.{digits}f} ± {std:.{digits}f}"
                for mean, std in zip(table[metric, "mean"], table[metric, "std"], strict=True)
            ]
            for metric in metrics
        },
        index=table.index,
    )
