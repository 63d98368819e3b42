"""Score binary classifiers with the metrics that matter on imbalanced data, and compare them on
the same cross-validation folds."""

from collections.abc import Mapping

import numpy as np
import pandas as pd
from imblearn.metrics import geometric_mean_score, specificity_score
from scipy import stats
from sklearn.exceptions import NotFittedError
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
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
PROBABILITY_METRICS = ["mean predicted probability", "Brier score", "log loss"]
FOLD_COLUMNS = ["model", "metric", "repeat", "fold", "score", "n_train", "n_test"]
DIFFERENCE_COLUMNS = ["mean", "std_error", "low", "high", "p_value"]
# Differences that agree to this many decimals have no spread: rounding noise is not a spread.
NO_SPREAD = 1e-12


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


def check_models(models: Mapping[str, object], caller: str) -> None:
    """Raise a clear error when ``models`` is not a non-empty ``{name: model}`` dict."""
    if not isinstance(models, Mapping) or not models:
        raise ValueError(
            f"{caller}() needs at least one model, as a dict such as {{'LR baseline': model}}."
        )


def positive_class_scores(model, X) -> np.ndarray:
    """How strongly a fitted model points each row of X to class 1, the positive class.

    ``model.predict_proba(X)[:, 1]`` when the model gives probabilities, else
    ``model.decision_function(X)``: the scores that ROC-AUC and average precision rank.
    """
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
    :func:`positive_class_scores`. Precision is undefined (NaN) when the model raises no alarm.

    A convenience around the libraries' metric functions (``sklearn.metrics``:
    ``accuracy_score``, ``precision_score``, ``recall_score``, ``f1_score``, ``roc_auc_score``,
    ``average_precision_score``, ``confusion_matrix``; ``imblearn.metrics``:
    ``specificity_score``, ``geometric_mean_score``), kept because it gives one flat row per
    model, which :func:`compare` stacks into a table. For class 1, imbalanced-learn's
    ``classification_report_imbalanced(y, model.predict(X), output_dict=True)`` reports the
    same precision, recall, specificity, F1 and G-mean, without accuracy, the two ranking scores
    and the counts.

    Returns
    -------
    dict
        accuracy, precision, recall, specificity, f1, g_mean, roc_auc, average_precision and the
        confusion-matrix counts tn, fp, fn, tp.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> model = DummyClassifier().fit([[0], [1], [2]], [0, 0, 1])
    >>> scores = evaluate(model, [[0], [1], [2]], [0, 0, 1])
    >>> scores["recall"], scores["precision"]
    (0.0, nan)
    """
    y = check_binary_target(y)
    check_same_rows(X, y)
    scores = positive_class_scores(model, X)
    predicted = model.predict(X)
    tn, fp, fn, tp = confusion_matrix(y, predicted, labels=[0, 1]).ravel()
    return {
        "accuracy": accuracy_score(y, predicted),
        "precision": float(precision_score(y, predicted, zero_division=np.nan)),
        "recall": recall_score(y, predicted),
        "specificity": specificity_score(y, predicted),
        "f1": f1_score(y, predicted),
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
    check_models(models, "compare")
    rows = {name: evaluate(model, X, y) for name, model in models.items()}
    return pd.DataFrame.from_dict(rows, orient="index")[METRICS]


def compare_probabilities(models: Mapping[str, object], X, y) -> pd.DataFrame:
    """How good are fitted models' predicted probabilities of class 1 on (X, y)?

    One row per model: the mean predicted probability (compare it with the share of positives,
    ``y.mean()``), the Brier score and the log loss (``sklearn.metrics.brier_score_loss`` and
    ``log_loss``: two proper scoring rules, lower is better). Both scores reward calibration and
    ranking together, so read them against a reference: a constant prediction of the share of
    positives p scores p(1 − p) on Brier and H(p) = −p ln p − (1 − p) ln(1 − p) on log loss
    (:func:`constant_prediction_scores` computes both for ``y``).

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> X, y = [[0], [1], [2], [3]], [0, 0, 0, 1]
    >>> table = compare_probabilities({"prior": DummyClassifier().fit(X, y)}, X, y)
    >>> print(table.round(4).to_string())
           mean predicted probability  Brier score  log loss
    prior                        0.25       0.1875    0.5623
    """
    check_models(models, "compare_probabilities")
    y = check_binary_target(y)
    check_same_rows(X, y)
    rows = {}
    for name, model in models.items():
        if not hasattr(model, "predict_proba"):
            raise TypeError(f"{name!r} has no predict_proba: it gives no probabilities to judge.")
        probability = positive_class_scores(model, X)
        rows[name] = [
            probability.mean(), brier_score_loss(y, probability), log_loss(y, probability)
        ]
    return pd.DataFrame.from_dict(rows, orient="index", columns=PROBABILITY_METRICS)


def constant_prediction_scores(y) -> pd.Series:
    """The reference for :func:`compare_probabilities`: how a model that predicts the share of
    positives p for every row of ``y`` scores.

    Its Brier score is p(1 − p) and its log loss H(p) = −p ln p − (1 − p) ln(1 − p), both
    computed with scikit-learn's functions. A model whose scores come close to these adds little
    beyond knowing p. (``DummyClassifier(strategy="prior")`` predicts the share of its training
    rows, which differs a little from the share in ``y``, and scores a little worse.)

    Returns
    -------
    pandas.Series
        ``mean predicted probability`` (p), ``Brier score``, ``log loss``: the columns of
        :func:`compare_probabilities`, so it can be added to that table as a row.

    Examples
    --------
    >>> constant_prediction_scores([0, 0, 0, 1]).round(4)
    mean predicted probability    0.2500
    Brier score                   0.1875
    log loss                      0.5623
    Name: constant prediction, dtype: float64
    """
    y = check_binary_target(y)
    share = y.mean()
    constant = np.full(len(y), share)
    scores = [share, brier_score_loss(y, constant), log_loss(y, constant)]
    return pd.Series(scores, index=PROBABILITY_METRICS, name="constant prediction")


def summarize_cv(cv_results: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Mean and standard deviation (across folds) of each ``test_*`` score of ``cross_validate``.

    The pandas line ``pd.DataFrame(cv_results).filter(like="test_").agg(["mean", "std"]).T``
    with the ``test_`` prefix removed from the metric names, kept because it is needed after
    every ``cross_validate`` and says clearly when it is given something else.

    Returns
    -------
    pandas.DataFrame
        One row per metric (the ``test_`` prefix removed), columns ``mean`` and ``std``.

    Examples
    --------
    >>> summarize_cv({"fit_time": np.array([0.1, 0.2]), "test_recall": np.array([0.5, 0.7])})
            mean       std
    recall   0.6  0.141421
    """
    scores = {key[5:]: values for key, values in cv_results.items() if key.startswith("test_")}
    if not scores:
        raise ValueError(
            "No test_* scores found: pass the dict that sklearn's cross_validate returns."
        )
    means = [np.mean(values) for values in scores.values()]
    stds = [np.std(values, ddof=1) for values in scores.values()]
    return pd.DataFrame({"mean": means, "std": stds}, index=list(scores))


def cross_validate_models(
    models: Mapping[str, object],
    X,
    y,
    n_repeats: int = 3,
    scoring: list[str] | None = None,
    random_state: int = 42,
    n_jobs: int | None = None,
    n_splits: int = 5,
) -> pd.DataFrame:
    """Score every model on the same folds: repeated stratified k-fold cross-validation.

    The same protocol as ``cross_validate(model, X, y, cv=RepeatedStratifiedKFold(
    n_splits=n_splits, n_repeats=n_repeats, random_state=random_state), scoring=scoring,
    error_score="raise")``, run for each model (unfitted; pipelines welcome, resamplers inside
    them), keeping every fold's score and size so that models can be compared fold by fold
    (:func:`fold_by_fold_difference`, :func:`paired_differences`). A fold whose fit fails stops
    with the model's own error, never a silent NaN.

    ``n_jobs=-1`` fits the ``len(models) * n_splits * n_repeats`` models in parallel, one per
    CPU core: worth it for tree ensembles (then give the models ``n_jobs=1``), not for small
    logistic regressions. The scores are the same either way.

    Returns
    -------
    pandas.DataFrame
        The fold scores, one row per model, metric and fold: columns ``model``, ``metric``,
        ``repeat`` (0, 1, ...), ``fold`` (0 to n_splits − 1), ``score``, and the fold's size,
        ``n_train`` and ``n_test`` (rows fitted on, rows scored). :func:`summarize_folds` turns
        it into mean ± std per model.
    """
    check_models(models, "cross_validate_models")
    y = check_binary_target(y)
    scoring = scoring or CV_SCORING
    splitter = RepeatedStratifiedKFold(
        n_splits=n_splits, n_repeats=n_repeats, random_state=random_state
    )
    splits = list(splitter.split(X, y))
    one_fold_results = Parallel(n_jobs=n_jobs, prefer="threads")(
        delayed(cross_validate)(model, X, y, cv=[split], scoring=scoring, error_score="raise")
        for model in models.values()
        for split in splits
    )
    rows = []
    for position, name in enumerate(models):
        folds = one_fold_results[position * len(splits) : (position + 1) * len(splits)]
        for number, (result, (train, test)) in enumerate(zip(folds, splits, strict=True)):
            repeat, fold = divmod(number, n_splits)
            rows += [
                (name, metric, repeat, fold, result[f"test_{metric}"][0], len(train), len(test))
                for metric in scoring
            ]
    return pd.DataFrame(rows, columns=FOLD_COLUMNS)


def check_fold_scores(fold_scores: pd.DataFrame) -> None:
    """Raise a clear error when ``fold_scores`` is not a table of :func:`cross_validate_models`."""
    if not isinstance(fold_scores, pd.DataFrame) or list(fold_scores.columns) != FOLD_COLUMNS:
        raise ValueError(
            f"Expected the fold scores of cross_validate_models (columns {FOLD_COLUMNS}); pass "
            "that table as it is, or rows of it (e.g. fold_scores[fold_scores.metric == 'f1'])."
        )


def summarize_folds(fold_scores: pd.DataFrame) -> pd.DataFrame:
    """Mean and standard deviation across folds, per model and metric.

    Returns
    -------
    pandas.DataFrame
        One row per model (in the order of the fold scores); columns are (metric, ``mean`` |
        ``std``) pairs. :func:`format_mean_std` makes it readable.
    """
    check_fold_scores(fold_scores)
    models = list(dict.fromkeys(fold_scores["model"]))
    metrics = list(dict.fromkeys(fold_scores["metric"]))
    summary = fold_scores.groupby(["model", "metric"], sort=False)["score"].agg(["mean", "std"])
    table = summary.unstack("metric").swaplevel(axis=1)
    columns = pd.MultiIndex.from_product([metrics, ["mean", "std"]])
    return table.loc[models, columns].rename_axis(index=None, columns=[None, None])


def format_mean_std(table: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """Turn a :func:`summarize_folds` table into readable "mean ± std" text, one per metric.

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


def fold_by_fold_difference(
    fold_scores: pd.DataFrame, model: str, baseline: str, metric: str, *, confidence: float = 0.95
) -> pd.Series:
    """How much better (or worse) ``model`` scored than ``baseline`` on the same folds, with a
    corrected confidence interval.

    Fold by fold, ``d = score of model − score of baseline``, for one metric. Folds share most
    of their training rows, so the differences are not independent and their plain standard
    error is too small. Nadeau and Bengio's correction (Machine Learning, 2003; the corrected
    resampled t-test) widens it: ``std_error = sqrt((1/J + n_test/n_train) · s²)``, with J
    folds, s² the sample variance of d (ddof=1), and n_test/n_train read from the fold table
    (its mean over the folds, which differ by a row or two at most). For repeated k-fold
    cross-validation (J = k · repeats), this is the corrected repeated k-fold test of Bouckaert
    and Frank (PAKDD, 2004). The interval is ``mean ± t · std_error`` with Student's t at J − 1
    degrees of freedom; ``p_value`` is the two-sided p-value of "no difference". With
    overlapping folds J − 1 degrees of freedom is a heuristic, not an exact result: read the
    interval as approximate.

    Parameters
    ----------
    fold_scores : pandas.DataFrame
        What :func:`cross_validate_models` returns, both models scored on the same folds.
    model, baseline : str
        The two models compared, as named in ``fold_scores``: the difference is model − baseline.
    metric : str
        One of the metrics in ``fold_scores``, e.g. ``"recall"``.
    confidence : float
        The interval's coverage, strictly between 0 and 1.

    Returns
    -------
    pandas.Series
        ``mean``, ``std_error``, ``low``, ``high``, ``p_value``.

    Examples
    --------
    >>> folds = pd.DataFrame(
    ...     [(name, "recall", 0, fold, score, 80, 20)
    ...      for name, scores in [("a", [0.8, 0.7, 0.9]), ("b", [0.6, 0.6, 0.7])]
    ...      for fold, score in enumerate(scores)],
    ...     columns=FOLD_COLUMNS,
    ... )
    >>> fold_by_fold_difference(folds, "a", "b", "recall").round(3)
    mean         0.167
    std_error    0.044
    low         -0.023
    high         0.356
    p_value      0.063
    dtype: float64
    """
    check_fold_scores(fold_scores)
    check_known(fold_scores, "model", [model, baseline])
    check_known(fold_scores, "metric", [metric])
    if not 0 < confidence < 1:
        raise ValueError(f"confidence is a probability, e.g. 0.95; got {confidence}.")
    rows = fold_scores[(fold_scores["metric"] == metric)
                       & fold_scores["model"].isin([model, baseline])]
    by_model = rows.pivot(index=["repeat", "fold"], columns="model", values="score")
    sizes = rows[["repeat", "fold", "n_train", "n_test"]].drop_duplicates()
    if by_model.isna().any(axis=None) or sizes.duplicated(["repeat", "fold"]).any():
        raise ValueError(
            f"{model!r} and {baseline!r} were not scored on the same folds: score both with one "
            "call of cross_validate_models."
        )
    differences = (by_model[model] - by_model[baseline]).to_numpy()
    test_to_train = (sizes["n_test"] / sizes["n_train"]).mean()
    return corrected_paired_interval(differences, test_to_train, confidence)


def check_known(fold_scores: pd.DataFrame, column: str, names: list[str]) -> None:
    """Raise a clear error naming the ``names`` that are not in ``fold_scores[column]``."""
    known = sorted(set(fold_scores[column]))
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ValueError(f"Unknown {column}: {unknown}. The fold scores hold {known}.")


def corrected_paired_interval(
    differences: np.ndarray, test_to_train: float, confidence: float
) -> pd.Series:
    """Mean, corrected standard error, interval and p-value of paired fold differences (see
    :func:`fold_by_fold_difference`); ``test_to_train`` is n_test / n_train of one fold."""
    folds = len(differences)
    if folds < 2:
        raise ValueError(f"A spread needs at least two folds; got {folds}.")
    mean = differences.mean()
    if np.ptp(differences) <= NO_SPREAD:  # the same difference on every fold, up to rounding
        p_value = 1.0 if abs(mean) <= NO_SPREAD else 0.0
        return pd.Series([mean, 0.0, mean, mean, p_value], index=DIFFERENCE_COLUMNS)
    std_error = np.sqrt((1 / folds + test_to_train) * differences.var(ddof=1))
    t_quantile = stats.t.ppf((1 + confidence) / 2, df=folds - 1)
    p_value = 2 * stats.t.sf(abs(mean) / std_error, df=folds - 1)
    values = [mean, std_error, mean - t_quantile * std_error, mean + t_quantile * std_error]
    return pd.Series([*values, p_value], index=DIFFERENCE_COLUMNS)


def paired_differences(
    fold_scores: pd.DataFrame, baseline_of: Mapping[str, str], *, confidence: float = 0.95
) -> pd.DataFrame:
    """:func:`fold_by_fold_difference` of each model against its baseline, for every metric.

    Parameters
    ----------
    fold_scores : pandas.DataFrame
        What :func:`cross_validate_models` returns.
    baseline_of : dict
        ``{model: the baseline it is compared with}``, e.g. ``{"LR + SMOTE": "LR baseline"}``.
    confidence : float
        Each interval's coverage, strictly between 0 and 1.

    Returns
    -------
    pandas.DataFrame
        One row per (model, metric), columns ``mean``, ``std_error``, ``low``, ``high``,
        ``p_value``; :func:`helpers.plot_paired_differences` draws it.
    """
    check_fold_scores(fold_scores)
    if not baseline_of:
        raise ValueError(
            "baseline_of must map models of the fold scores to their baselines, e.g. "
            f"{{'LR + SMOTE': 'LR baseline'}}; none given. Known models: "
            f"{sorted(set(fold_scores['model']))}."
        )
    check_known(fold_scores, "model", [*baseline_of, *baseline_of.values()])
    metrics = list(dict.fromkeys(fold_scores["metric"]))
    rows = {
        (model, metric): fold_by_fold_difference(
            fold_scores, model, baseline, metric, confidence=confidence
        )
        for model, baseline in baseline_of.items()
        for metric in metrics
    }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["model", "metric"])
    return table
