"""Standard figures of the course, drawn with one palette so a model keeps its colour everywhere."""

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from sklearn.exceptions import NotFittedError
from sklearn.metrics import (
    ConfusionMatrixDisplay,
    PrecisionRecallDisplay,
    RocCurveDisplay,
    confusion_matrix,
)
from sklearn.utils.validation import check_is_fitted

from .evaluation import check_binary_target, check_same_rows, positive_scores

# Colour-blind-safe hues, one per class.
CLASS_COLORS = {0: "#7f7f7f", 1: "#d55e00"}
CLASS_NAMES = {0: "negative (0)", 1: "positive (1)"}

# One hue per way of handling imbalance, one shade per model family (dark LR, mid RF, light XGB).
MODEL_COLORS = {
    "Do-nothing": "#b0b0b0",
    "LR baseline": "#252525",
    "RF baseline": "#525252",
    "XGB baseline": "#878787",
    "LR + SMOTE": "#08519c",
    "RF + SMOTE": "#3182bd",
    "XGB + SMOTE": "#6baed6",
    "LR class weights": "#a63603",
    "RF class weights": "#e6550d",
    "XGB scale_pos_weight": "#fd8d3c",
    "LR tuned threshold": "#006d2c",
    "RF tuned threshold": "#31a354",
    "XGB tuned threshold": "#74c476",
    "LR + SMOTE recalibrated": "#9ecae1",
    "LR cost-tuned threshold": "#00441b",
    "Balanced RF": "#6a51a3",
}


def model_color(name: str) -> str:
    """The course colour of a model, by the name the notebooks give it (e.g. ``"LR + SMOTE"``)."""
    try:
        return MODEL_COLORS[name]
    except KeyError:
        known = ", ".join(repr(known_name) for known_name in MODEL_COLORS)
        raise KeyError(f"No course colour for model {name!r}. Known names: {known}.") from None


def _axes(ax: Axes | None) -> Axes:
    return plt.subplots(figsize=(5, 3.5))[1] if ax is None else ax


def plot_class_balance(y, ax: Axes | None = None, title: str = "Class balance") -> Axes:
    """Bar chart of how many rows each class has, labelled with counts and shares."""
    y = check_binary_target(y)
    ax = _axes(ax)
    counts = np.bincount(y, minlength=2)
    bars = ax.bar(
        [CLASS_NAMES[0], CLASS_NAMES[1]], counts, color=[CLASS_COLORS[0], CLASS_COLORS[1]]
    )
    labels = [f"{count} ({count / counts.sum():.0%})" for count in counts]
    ax.bar_label(bars, labels=labels, padding=2)
    ax.set_ylim(0, counts.max() * 1.15)
    ax.set(title=title, xlabel="class", ylabel="number of rows")
    return ax


def plot_confusion_matrix(model, X, y, ax: Axes | None = None, title: str = "") -> Axes:
    """Confusion matrix of a fitted model: rows are the true class, columns the predicted one."""
    check_binary_target(y)
    display = ConfusionMatrixDisplay.from_estimator(
        model,
        X,
        y,
        labels=[0, 1],
        display_labels=[CLASS_NAMES[0], CLASS_NAMES[1]],
        cmap="Blues",
        colorbar=False,
        ax=_axes(ax),
    )
    display.ax_.set(title=title, xlabel="predicted class", ylabel="true class")
    return display.ax_


def plot_score_distribution(
    model, X, y, threshold: float = 0.5, ax: Axes | None = None, title: str = ""
) -> Axes:
    """Histograms of a fitted model's predicted probability of class 1, one per true class.

    Each histogram is normalised to its class (its bars add up to 1), so the small class stays
    visible. The dashed line marks the decision threshold: positives left of it are missed.
    """
    y = check_binary_target(y)
    scores = positive_scores(model, X)
    ax = _axes(ax)
    bins = np.linspace(scores.min(), scores.max(), 41)
    for label in (0, 1):
        class_scores = scores[y == label]
        ax.hist(
            class_scores,
            bins=bins,
            weights=np.full(len(class_scores), 1 / len(class_scores)),
            alpha=0.6,
            color=CLASS_COLORS[label],
            label=f"true {CLASS_NAMES[label]}",
        )
    ax.axvline(threshold, color="black", linestyle="--", label=f"threshold {threshold}")
    ax.set(title=title, xlabel="predicted probability of class 1", ylabel="share of the class")
    ax.legend()
    return ax


def plot_cv_comparison(
    table, metrics: list[str] | None = None, ax: Axes | None = None, title: str = ""
) -> Axes:
    """Grouped bars of cross-validated scores, one colour per model, error bars = one std.

    ``table`` is what :func:`helpers.cross_validate_models` returns; model names must be course
    names (see ``MODEL_COLORS``) so each model keeps its colour.
    """
    metrics = list(table.columns.get_level_values(0).unique()) if metrics is None else metrics
    ax = plt.subplots(figsize=(9, 3.8))[1] if ax is None else ax
    width = 0.8 / len(table)
    positions = np.arange(len(metrics))
    for offset, (name, row) in enumerate(table.iterrows()):
        ax.bar(
            positions + (offset - (len(table) - 1) / 2) * width,
            [row[metric, "mean"] for metric in metrics],
            width,
            yerr=[row[metric, "std"] for metric in metrics],
            capsize=3,
            color=model_color(name),
            label=name,
        )
    ax.set_xticks(positions, metrics)
    ax.set(title=title, ylabel="cross-validated score (mean ± std)", ylim=(0, 1.05))
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    return ax


def plot_points(
    X, y, synthetic=None, ax: Axes | None = None, title: str = "", feature_names=("x1", "x2")
) -> Axes:
    """Scatter plot of a two-feature data set, coloured by class.

    ``synthetic`` (optional, an array of shape (n, 2)) adds generated minority points, e.g. the
    rows SMOTE appended, as hollow markers.
    """
    X = np.asarray(X)
    y = check_binary_target(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"plot_points draws 2 features; X has shape {X.shape}: pick 2 columns.")
    ax = _axes(ax)
    for label in (0, 1):
        ax.scatter(*X[y == label].T, s=18, color=CLASS_COLORS[label], label=CLASS_NAMES[label])
    if synthetic is not None and len(synthetic):
        ax.scatter(
            *np.asarray(synthetic).T,
            s=30,
            facecolors="none",
            edgecolors=CLASS_COLORS[1],
            label="synthetic (1)",
        )
    ax.set(title=title, xlabel=feature_names[0], ylabel=feature_names[1])
    ax.legend()
    return ax


def plot_roc_pr(
    models: Mapping[str, object],
    X,
    y,
    axes: Sequence[Axes] | None = None,
    mark_predictions: bool = True,
) -> np.ndarray:
    """ROC curves (left) and precision-recall curves (right) of fitted models, side by side.

    Each model is drawn in its course colour (``MODEL_COLORS``), labelled with its ROC-AUC or
    average precision. Both panels show the chance level: the diagonal for ROC, and the share of
    positives in ``y`` (the prevalence) for precision-recall. A dot marks each model's operating
    point: where its ``predict`` cuts the scores.

    Parameters
    ----------
    models : dict
        ``{course model name: fitted classifier}``; names as in ``MODEL_COLORS``.
    X, y
        The data to score, usually the held-out test set; ``y`` holds labels 0 and 1.
    axes : pair of matplotlib Axes, optional
        Where to draw; by default a new figure with two panels.
    mark_predictions : bool
        Mark the operating point of ``model.predict`` on each curve.

    Returns
    -------
    numpy.ndarray of two Axes: the ROC panel and the precision-recall panel.
    """
    if not models:
        raise ValueError("plot_roc_pr() needs at least one model: pass {'LR baseline': model}.")
    y = check_binary_target(y)
    check_same_rows(X, y)
    colors = {name: model_color(name) for name in models}
    for model in models.values():
        positive_scores(model, X[:1])  # a clear error for an unfitted model, before drawing
    if axes is None:
        axes = plt.subplots(1, 2, figsize=(10, 6), layout="constrained")[1]
    axes = np.asarray(axes).ravel()
    if len(axes) != 2:
        raise ValueError(f"axes must be two Axes (ROC, precision-recall), got {len(axes)}.")
    last = list(models)[-1]
    for name, model in models.items():
        for display_class, ax in ((RocCurveDisplay, axes[0]), (PrecisionRecallDisplay, axes[1])):
            display = display_class.from_estimator(
                model, X, y, name=name, ax=ax, plot_chance_level=name == last
            )
            display.line_.set_color(colors[name])
        if mark_predictions:
            tn, fp, fn, tp = confusion_matrix(y, model.predict(X), labels=[0, 1]).ravel()
            point = {"color": colors[name], "markeredgecolor": "white", "zorder": 3}
            axes[0].plot(fp / (fp + tn), tp / (tp + fn), "o", **point)
            precision = tp / (tp + fp) if tp + fp else 1.0  # no alarm: where the curve starts
            axes[1].plot(tp / (tp + fn), precision, "o", **point)
    if mark_predictions:
        for ax in axes:
            ax.plot([], [], "o", color="grey", label="where predict cuts")
    axes[0].set(
        title="ROC curves",
        xlabel="false positive rate (1 − specificity)",
        ylabel="true positive rate (recall)",
    )
    axes[1].set(title="Precision-recall curves", xlabel="recall", ylabel="precision")
    for ax in axes:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, fontsize="small")
    return axes


def plot_decision_boundaries(
    models: Mapping[str, object],
    X,
    y,
    ax: Axes | None = None,
    title: str = "",
    feature_names=("x1", "x2"),
    grid_resolution: int = 300,
) -> Axes:
    """Two-feature data coloured by class, with the line where each fitted model's ``predict``
    switches between 0 and 1 (its decision boundary), drawn in the model's course colour.

    The line follows ``predict``, so a model with a tuned decision threshold (e.g. sklearn's
    ``TunedThresholdClassifierCV``) shows its tuned boundary, not the 0.5 one.

    Parameters
    ----------
    models : dict
        ``{course model name: fitted classifier}``, each fitted on these two features; names as
        in ``MODEL_COLORS``.
    X : array-like of shape (n_samples, 2)
        The points to draw; the boundaries are drawn over their range (plus 5% on each side).
    y : array-like of shape (n_samples,)
        Labels 0 and 1.
    grid_resolution : int
        Grid points per axis on which ``predict`` is evaluated.

    Returns
    -------
    matplotlib Axes
    """
    if not models:
        raise ValueError(
            "plot_decision_boundaries() needs at least one fitted model: {'LR baseline': model}."
        )
    points = np.asarray(X, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(
            f"Decision boundaries can be drawn for 2 features; X has shape {points.shape}. Fit "
            "the models on two columns (e.g. sklearn's SelectKBest(k=2)) and pass those."
        )
    if len(points) != len(y):
        raise ValueError(f"X has {len(points)} rows but y has {len(y)} labels: pass matching rows.")
    colors = {name: model_color(name) for name in models}
    for name, model in models.items():
        try:
            check_is_fitted(model)
        except NotFittedError:
            raise NotFittedError(
                f"Model {name!r} is not fitted yet: call model.fit(X_2d, y) before drawing it."
            ) from None
    ax = plot_points(points, y, ax=ax, title=title, feature_names=feature_names)
    low, high = points.min(axis=0), points.max(axis=0)
    low, high = low - 0.05 * (high - low), high + 0.05 * (high - low)
    grid_x1, grid_x2 = np.meshgrid(
        np.linspace(low[0], high[0], grid_resolution), np.linspace(low[1], high[1], grid_resolution)
    )
    grid = np.column_stack([grid_x1.ravel(), grid_x2.ravel()])
    if hasattr(X, "columns"):  # keep the feature names the models were fitted with
        grid = type(X)(grid, columns=X.columns)
    handles = ax.get_legend_handles_labels()[0]
    for name, model in models.items():
        predicted = np.asarray(model.predict(grid)).reshape(grid_x1.shape)
        label = name
        if predicted.min() == predicted.max():
            label = f"{name} (predicts {predicted.flat[0]} everywhere shown)"
        else:
            ax.contour(grid_x1, grid_x2, predicted, levels=[0.5], colors=colors[name], linewidths=2)
        handles.append(Line2D([], [], color=colors[name], linewidth=2, label=label))
    ax.set(xlim=(low[0], high[0]), ylim=(low[1], high[1]))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1))
    return ax


def plot_mean_probability(
    mean_probability: Mapping[str, float],
    prevalence: float,
    ax: Axes | None = None,
    title: str = "Mean predicted probability of class 1",
) -> Axes:
    """One bar per model: its mean predicted probability of class 1, in its course colour, against
    the share of positives in the same data (dashed line). Honest probabilities end near the line.

    Parameters
    ----------
    mean_probability : dict or pandas.Series
        ``{course model name: mean of predict_proba(X)[:, 1]}``.
    prevalence : float
        The share of positives in the data the probabilities were computed on, e.g. ``y.mean()``.
    """
    if not len(mean_probability):
        raise ValueError("plot_mean_probability() needs at least one {'model name': probability}.")
    values = {name: float(value) for name, value in dict(mean_probability).items()}
    if not all(0 <= value <= 1 for value in [*values.values(), prevalence]):
        raise ValueError(
            f"Probabilities and the prevalence must lie between 0 and 1; got {values} and "
            f"prevalence {prevalence}. Pass the mean of predict_proba(X)[:, 1] and y.mean()."
        )
    colors = [model_color(name) for name in values]
    if ax is None:
        ax = plt.subplots(figsize=(8, 0.4 * len(values) + 1.4), layout="constrained")[1]
    ax.barh(list(values), list(values.values()), color=colors)
    ax.axvline(prevalence, color="black", linestyle="--", label="share of positives (the truth)")
    ax.invert_yaxis()
    ax.set(title=title, xlabel="probability")
    ax.legend(loc="lower right")
    return ax
