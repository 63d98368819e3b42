"""Standard figures of the course, drawn with one palette so a model keeps its colour everywhere."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from sklearn.metrics import ConfusionMatrixDisplay

from .evaluation import check_binary_target, positive_scores

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
