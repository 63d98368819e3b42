"""Standard figures of the course, in one colour-blind-safe palette (Okabe & Ito).

A model keeps its colour, line style and marker in every figure (:func:`model_style`); within one
figure no two series share a colour, nor a line style and marker (:func:`model_styles`); legends
sit outside the data.

Importing this module (``import helpers`` does) sets the course's figure defaults for every
figure, the course's and yours: drawn 6.6 inches wide, 660 pixels, so that they are shown at the
size they are drawn in a notebook or on a web page; text of 11 points, as large as the small
print next to them; colours that also differ by line style. In Jupyter, figures are images of
twice their resolution, shown at their drawn size: sharp on high-density screens.
"""

import warnings
import zlib
from collections.abc import Iterable, Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.transforms import ScaledTranslation
from sklearn.calibration import CalibrationDisplay
from sklearn.exceptions import NotFittedError
from sklearn.inspection import DecisionBoundaryDisplay
from sklearn.metrics import (
    ConfusionMatrixDisplay,
    PrecisionRecallDisplay,
    RocCurveDisplay,
    confusion_matrix,
)
from sklearn.utils.validation import check_is_fitted

from .evaluation import (
    DIFFERENCE_COLUMNS,
    check_binary_target,
    check_same_rows,
    positive_class_scores,
)

# The Okabe–Ito palette: eight hues told apart with every common colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#e69f00",
    "sky blue": "#56b4e9",
    "bluish green": "#009e73",
    "yellow": "#f0e442",
    "blue": "#0072b2",
    "vermillion": "#d55e00",
    "reddish purple": "#cc79a7",
}
GREY = "#c4c4c4"
CLASS_COLORS = {0: GREY, 1: OKABE_ITO["vermillion"]}
CLASS_NAMES = {0: "negative (0)", 1: "positive (1)"}
# Lines that are no model (chance level, perfect calibration): grey, sparsely dotted.
REFERENCE_LINE = {"color": "#808080", "linestyle": (0, (1, 4)), "linewidth": 1.5}

# The course's figure width: 6.6 inches at 100 dots per inch are 660 pixels, about 670 with the
# margin Jupyter adds: within the website's text column (688 pixels), and JupyterLab and Colab
# show them at that size too.
FIGURE_WIDTH = 6.6
FIGURE_DPI = 100
FONT_SIZE = 11  # points: 15 pixels at 100 dots per inch; the smallest text is 'medium'
# Line styles told apart at a glance, in the order figures use them.
LINESTYLES = ["-", "--", "-.", ":", (0, (8, 2, 1, 2, 1, 2)), (0, (12, 3))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "h", "p", "*"]
COURSE_RC = {
    "figure.figsize": (FIGURE_WIDTH, 4.2),
    "figure.dpi": FIGURE_DPI,
    "figure.constrained_layout.use": True,
    "font.size": FONT_SIZE,
    "legend.fontsize": "medium",
    "legend.title_fontsize": "medium",
    # Lines drawn without a style of their own differ by colour and by dashes (no yellow: too
    # pale for a line on white).
    "axes.prop_cycle": cycler(
        color=[OKABE_ITO[hue] for hue in ("blue", "orange", "bluish green", "vermillion",
                                          "reddish purple", "sky blue")],
        linestyle=LINESTYLES,
    ),
}
# How far below its axes a legend starts: room for the tick labels and the axis label.
LEGEND_GAP_INCHES = 0.62

# A model's colour and marker say how it handles the imbalance; its line style says its family,
# except for a tuned cut-off: its curves are its baseline's, so it is drawn dotted over them.
# Checked in order: the first key found in the model's name wins.
METHOD_STYLES = {
    "recalibrated": (OKABE_ITO["sky blue"], "P"),
    "prior-corrected": (OKABE_ITO["yellow"], "*"),
    "SMOTE": (OKABE_ITO["blue"], "s"),
    "class weights": (OKABE_ITO["reddish purple"], "^"),
    "scale_pos_weight": (OKABE_ITO["reddish purple"], "^"),
    "cost-tuned threshold": (OKABE_ITO["vermillion"], "v"),
    "tuned threshold": (OKABE_ITO["bluish green"], "D"),
    "Balanced RF": (OKABE_ITO["orange"], "p"),
    "baseline": (OKABE_ITO["black"], "o"),
    "Do-nothing": (GREY, "."),
    "Constant": (GREY, "."),
}
FAMILY_LINESTYLES = {"LR": "-", "RF": "--", "Balanced": "--", "XGB": "-."}
# The baselines are dark, one shade per family (the two beyond black keep a distance from every
# course colour with each common colour-vision deficiency), and their marker says the family too.
BASELINE_COLORS = {"LR": OKABE_ITO["black"], "RF": "#654321", "XGB": "#505050"}
BASELINE_MARKERS = {"LR": "o", "RF": "h", "XGB": "X"}
CUT_OFF_METHODS = {"tuned threshold", "cost-tuned threshold"}
# How figures name scikit-learn's scorers.
METRIC_LABELS = {
    "f1": "F1",
    "roc_auc": "ROC-AUC",
    "average_precision": "average precision",
    "neg_brier_score": "Brier score (negated)",
    "neg_log_loss": "log loss (negated)",
}
# Colours for names the course does not know (a learner's own model), picked by the name; and,
# in this order, for a model whose colour another model of the same figure already has.
FALLBACK_COLORS = [OKABE_ITO[hue] for hue in ("orange", "sky blue", "bluish green", "blue",
                                               "vermillion", "reddish purple")]
SPARE_COLORS = [*FALLBACK_COLORS, *BASELINE_COLORS.values()]


def _sharp_figures_in_jupyter() -> None:
    """In IPython's inline backend (Jupyter, Colab), draw figures as PNG images of twice their
    resolution, shown at their drawn size (``%config InlineBackend.figure_formats = {'retina'}``).
    Outside IPython, nothing changes."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib_inline.backend_inline import InlineBackend

    InlineBackend.instance(parent=shell).figure_formats = {"retina"}


mpl.rcParams.update(COURSE_RC)
_sharp_figures_in_jupyter()


def model_style(name: str) -> dict[str, str]:
    """Colour, line style and marker of a model, from the name the notebooks give it.

    The colour and marker follow how the model handles the imbalance (``"SMOTE"``,
    ``"class weights"``, ``"tuned threshold"``, ``"baseline"``, ...), the line style its family
    (``"LR"`` solid, ``"RF"`` dashed, ``"XGB"`` dash-dotted), except that a tuned threshold is
    dotted: its curves are its baseline's. The baselines are dark, a shade and a marker per family.
    A name the course does not know gets a colour from a fallback cycle (always the same for
    the same name) and a solid line. :func:`model_styles` gives the styles of one figure's models.

    Examples
    --------
    >>> model_style("RF + SMOTE")
    {'color': '#0072b2', 'linestyle': '--', 'marker': 's'}
    >>> model_style("my own model")["linestyle"]
    '-'
    """
    method = next((key for key in METHOD_STYLES if key in name), None)
    family = name.split()[0] if name.split() else ""
    if method is None:
        color = FALLBACK_COLORS[zlib.crc32(name.encode()) % len(FALLBACK_COLORS)]
        marker = "o"
    elif method == "baseline":
        color = BASELINE_COLORS.get(family, OKABE_ITO["black"])
        marker = BASELINE_MARKERS.get(family, METHOD_STYLES[method][1])
    else:
        color, marker = METHOD_STYLES[method]
    linestyle = ":" if method in CUT_OFF_METHODS else FAMILY_LINESTYLES.get(family, "-")
    return {"color": color, "linestyle": linestyle, "marker": marker}


def _look(style: dict, markers_shown: bool):
    return (style["linestyle"], style["marker"]) if markers_shown else style["linestyle"]


def model_styles(names: Iterable[str], markers_shown: bool = True) -> dict[str, dict]:
    """The styles of the models drawn in one figure, so that every two of them differ in colour
    and in line style or marker.

    Each model gets its :func:`model_style`, unless a model listed before it already has that
    colour (then it gets the first colour that no model of the figure has) or that line style
    and marker (then it gets the first free marker, or, when ``markers_shown`` is False because
    the figure draws lines without markers, the first free line style). There are six line
    styles and nine colours: a figure with more lines than that repeats them.

    Examples
    --------
    >>> styles = model_styles(["LR baseline", "LR + SMOTE"], markers_shown=False)
    >>> [style["linestyle"] for style in styles.values()]
    ['-', '--']
    """
    names = list(dict.fromkeys(names))
    course = {name: model_style(name) for name in names}
    styles: dict[str, dict] = {}
    for index, name in enumerate(names):
        style = dict(course[name])
        later = [course[other] for other in names[index + 1:]]
        colors = {drawn["color"] for drawn in styles.values()}
        if style["color"] in colors:
            reserved = colors | {other["color"] for other in later}
            free = [c for c in SPARE_COLORS if c not in reserved] or [
                c for c in SPARE_COLORS if c not in colors] or [style["color"]]
            style["color"] = free[0]
        looks = {_look(drawn, markers_shown) for drawn in styles.values()}
        if _look(style, markers_shown) in looks:
            reserved = looks | {_look(other, markers_shown) for other in later}
            key, choices = ("marker", MARKERS) if markers_shown else ("linestyle", LINESTYLES)
            free = [choice for choice in choices if _look({**style, key: choice}, markers_shown)
                    not in reserved]
            style[key] = free[0] if free else style[key]
        styles[name] = style
    return styles


def model_color(name: str) -> str:
    """The course colour of a model, by the name the notebooks give it (see :func:`model_style`)."""
    return model_style(name)["color"]


def metric_label(metric: str) -> str:
    """How figures name a scorer, e.g. ``"ROC-AUC"`` for ``"roc_auc"``."""
    return METRIC_LABELS.get(metric, metric.replace("_", " "))


def _axes(ax: Axes | None, figsize=(5, 3.5)) -> Axes:
    return plt.subplots(figsize=figsize, layout="constrained")[1] if ax is None else ax


def _legend_below(ax: Axes, **legend_options) -> Legend:
    """``ax``'s legend under its x-axis label, centred, outside the data."""
    below = ax.transAxes + ScaledTranslation(0, -LEGEND_GAP_INCHES, ax.figure.dpi_scale_trans)
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below,
                     **legend_options)


def _legend_right(ax: Axes, **legend_options) -> Legend:
    """``ax``'s legend to the right of its data, top-aligned."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), **legend_options)


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
    """Confusion matrix of a fitted model, read row by row.

    Rows are the true class, columns the predicted one. Each cell shows its count and its share
    of the row (of the true negatives, or of the true positives), and is shaded by that share,
    so the small positive row is as visible as the large negative one.
    """
    y = check_binary_target(y)
    check_same_rows(X, y)
    counts = confusion_matrix(y, model.predict(X), labels=[0, 1])
    display = ConfusionMatrixDisplay.from_estimator(
        model, X, y, labels=[0, 1], display_labels=[CLASS_NAMES[0], CLASS_NAMES[1]],
        normalize="true", cmap="Blues", colorbar=False, ax=_axes(ax), im_kw={"vmin": 0, "vmax": 1},
    )
    shares = display.confusion_matrix
    for (row, column), text in np.ndenumerate(display.text_):
        text.set_text(f"{counts[row, column]}\n({shares[row, column]:.0%} of row)")
    display.ax_.set(title=title, xlabel="predicted class", ylabel="true class")
    return display.ax_


def plot_score_distribution(
    model, X, y, threshold: float = 0.5, ax: Axes | None = None, title: str = "", bins: int = 20
) -> Axes:
    """Histograms of a fitted model's predicted probability of class 1, one per true class.

    Each histogram is normalised to its class (its bars add up to 1), so the small class stays
    visible; the positives are drawn as an outline over the negatives. The dashed line marks the
    decision threshold: positives left of it are missed.
    """
    y = check_binary_target(y)
    check_same_rows(X, y)
    scores = positive_class_scores(model, X)
    ax = _axes(ax, figsize=(FIGURE_WIDTH, 3.8))
    edges = np.linspace(0, 1, bins + 1)
    for label, style in ((0, {"alpha": 0.5}), (1, {"histtype": "step", "linewidth": 2.5})):
        class_scores = scores[y == label]
        ax.hist(
            class_scores, bins=edges, weights=np.full(len(class_scores), 1 / len(class_scores)),
            color=CLASS_COLORS[label], label=f"actual {CLASS_NAMES[label]}", **style,
        )
    ax.axvline(threshold, color="black", linestyle="--", label=f"threshold {threshold}")
    ax.set(title=title, xlabel="predicted probability of class 1", ylabel="share of the class")
    _legend_below(ax, ncols=3)
    return ax


def _interval_key() -> list[Line2D]:
    """Legend entries that say what a filled and a hollow dot mean."""
    dot = {"marker": "o", "linestyle": "none", "color": "black", "markersize": 7}
    return [Line2D([], [], **dot, label="interval excludes 0"),
            Line2D([], [], **dot, markerfacecolor="white", label="interval contains 0")]


def plot_paired_differences(
    differences: pd.DataFrame, metrics: list[str] | None = None, title: str = ""
) -> np.ndarray:
    """Did a remedy change anything? One panel per metric, two panels a row, one line per
    remedy: the mean fold-by-fold difference from its baseline (dot) and its confidence interval
    (bar), against zero.

    ``differences`` is what :func:`helpers.paired_differences` returns. A filled dot marks an
    interval that excludes zero; a hollow one, an interval that contains it. The panels share
    their scale, so a change that looks small is small.

    Returns
    -------
    numpy.ndarray of Axes, one per metric.
    """
    if not isinstance(differences, pd.DataFrame) or list(differences.columns) != DIFFERENCE_COLUMNS:
        raise ValueError("Pass the table that helpers.paired_differences returns.")
    models = list(dict.fromkeys(differences.index.get_level_values("model")))
    if metrics is None:
        metrics = list(dict.fromkeys(differences.index.get_level_values("metric")))
    columns = min(2, len(metrics))
    rows_of_panels = -(-len(metrics) // columns)
    figure, grid = plt.subplots(
        rows_of_panels, columns, figsize=(FIGURE_WIDTH, rows_of_panels * (0.26 * len(models) + 1)
                                          + 0.9),
        sharex=True, sharey=True, layout="constrained", squeeze=False,
    )
    axes, spare = grid.flat[:len(metrics)], grid.flat[len(metrics):]
    rows = np.arange(len(models))
    for ax, metric in zip(axes, metrics, strict=True):
        table = differences.xs(metric, level="metric").loc[models]
        excludes_zero = (table["low"] > 0) | (table["high"] < 0)
        ax.axvline(0, color=GREY, linewidth=1)
        ax.hlines(rows, table["low"], table["high"], color="black", linewidth=2)
        ax.scatter(table["mean"], rows, s=45, zorder=3, edgecolors="black",
                   facecolors=np.where(excludes_zero, "black", "white"))
        ax.set_title(metric_label(metric))
        ax.tick_params(labelbottom=True)
    axes[0].set_yticks(rows, models)
    axes[0].set_ylim(len(models) - 0.5, -0.5)  # first remedy on top; half a row of room
    figure.supxlabel("difference from the baseline")
    for unused in spare:
        unused.axis("off")
    if len(spare):  # the key in the empty panel
        spare[0].legend(handles=_interval_key(), loc="center")
    else:
        figure.legend(handles=_interval_key(), loc="outside upper center", ncols=2)
    if title:
        figure.suptitle(title)
    return np.asarray(axes)


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
    ax = _axes(ax, figsize=(FIGURE_WIDTH, 4.6))
    for label, marker in ((0, "o"), (1, "^")):
        ax.scatter(*X[y == label].T, s=18, marker=marker, color=CLASS_COLORS[label],
                   label=CLASS_NAMES[label])
    if synthetic is not None and len(synthetic):
        ax.scatter(
            *np.asarray(synthetic).T, s=30, marker="^", facecolors="none",
            edgecolors=CLASS_COLORS[1], label="synthetic (1)",
        )
    ax.set(title=title, xlabel=feature_names[0], ylabel=feature_names[1])
    _legend_below(ax, ncols=2)
    return ax


def _check_fitted_models(models: Mapping[str, object], caller: str) -> None:
    if not models:
        raise ValueError(f"{caller}() needs at least one fitted model: {{'LR baseline': model}}.")
    for name, model in models.items():
        try:
            check_is_fitted(model)
        except NotFittedError:
            raise NotFittedError(
                f"Model {name!r} is not fitted yet: call model.fit(X_train, y_train) before "
                "drawing it."
            ) from None


def plot_roc_pr(
    models: Mapping[str, object],
    X,
    y,
    axes: Sequence[Axes] | None = None,
    mark_predictions: bool = True,
) -> np.ndarray:
    """ROC curves (left) and precision-recall curves (right) of fitted models, side by side.

    For each model, scikit-learn's ``RocCurveDisplay.from_estimator`` and
    ``PrecisionRecallDisplay.from_estimator``, drawn in the model's course style (see
    :func:`model_styles`: every curve has a colour and a line style of its own) and labelled
    with its ROC-AUC or average precision, plus the chance levels (``plot_chance_level=True``):
    the diagonal for ROC, the share of positives in ``y`` for precision-recall. A marker shows
    each model's operating point: where its ``predict`` cuts the scores.

    Parameters
    ----------
    models : dict
        ``{model name: fitted classifier}``.
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
    y = check_binary_target(y)
    check_same_rows(X, y)
    _check_fitted_models(models, "plot_roc_pr")
    if axes is None:
        axes = plt.subplots(1, 2, figsize=(FIGURE_WIDTH, 4.6 + 0.22 * len(models)),
                            layout="constrained")[1]
    axes = np.asarray(axes).ravel()
    if len(axes) != 2:
        raise ValueError(f"axes must be two Axes (ROC, precision-recall), got {len(axes)}.")
    last = list(models)[-1]
    styles = model_styles(models, markers_shown=False)
    for name, model in models.items():
        style = styles[name]
        for display_class, ax in ((RocCurveDisplay, axes[0]), (PrecisionRecallDisplay, axes[1])):
            display = display_class.from_estimator(
                model, X, y, name=name, ax=ax, plot_chance_level=name == last,
                chance_level_kw=REFERENCE_LINE,
            )
            display.line_.set(color=style["color"], linestyle=style["linestyle"])
            if mark_predictions:  # the legend shows the marker, the curve does not
                display.line_.set(marker=style["marker"], markevery=[])
        if mark_predictions:
            _mark_operating_point(model, X, y, style, axes)
    if mark_predictions:
        for ax in axes:
            ax.plot([], [], "o", color=GREY, label="where predict cuts")
    axes[0].set(
        title="ROC curves",
        xlabel="false positive rate (1 − specificity)",
        ylabel="true positive rate (recall)",
    )
    axes[1].set(title="Precision-recall curves", xlabel="recall", ylabel="precision")
    for ax in axes:
        _legend_below(ax, handlelength=3)
    return axes


def _mark_operating_point(model, X, y, style: dict, axes: np.ndarray) -> None:
    """A marker at the model's operating point on its ROC curve and precision-recall curve."""
    tn, fp, fn, tp = confusion_matrix(y, model.predict(X), labels=[0, 1]).ravel()
    point = {"color": style["color"], "marker": style["marker"], "linestyle": "none",
             "markeredgecolor": "white", "markersize": 8, "zorder": 3}
    axes[0].plot(fp / (fp + tn), tp / (tp + fn), **point)
    precision = tp / (tp + fp) if tp + fp else 1.0  # no alarm: where the curve starts
    axes[1].plot(tp / (tp + fn), precision, **point)


def plot_reliability_curves(
    models: Mapping[str, object],
    X,
    y,
    ax: Axes | None = None,
    n_bins: int = 10,
    strategy: str = "quantile",
    title: str = "Reliability curves",
) -> Axes:
    """Reliability curves of fitted models: ``CalibrationDisplay.from_estimator`` for each, in
    its course style (see :func:`model_styles`). Points on the diagonal are calibrated: among
    rows given p, a share p is positive. ``strategy="quantile"`` puts as many rows in every bin,
    so that the few rows with high predicted probabilities still get bins of their own.
    """
    y = check_binary_target(y)
    check_same_rows(X, y)
    _check_fitted_models(models, "plot_reliability_curves")
    ax = _axes(ax, figsize=(FIGURE_WIDTH, 4.4))
    styles = model_styles(models)
    for name, model in models.items():
        display = CalibrationDisplay.from_estimator(
            model, X, y, n_bins=n_bins, strategy=strategy, name=name, ax=ax
        )
        display.line_.set(**styles[name])
    for line in ax.get_lines():
        if line.get_label() == "Perfectly calibrated":
            line.set(**REFERENCE_LINE)
    ax.set(title=title, xlabel="mean predicted probability (per bin)",
           ylabel="share of positives (per bin)")
    _legend_right(ax, handlelength=3)
    return ax


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
    switches between 0 and 1 (its decision boundary), in the model's course colour; the lines
    of one plot differ by their dashes too (see :func:`model_styles`), and the legend names them.

    Each line is scikit-learn's ``DecisionBoundaryDisplay.from_estimator(model, X,
    response_method="predict", plot_method="contour")``. It follows ``predict``, so a model with
    a tuned decision threshold (e.g. ``TunedThresholdClassifierCV``) shows its tuned boundary.

    Parameters
    ----------
    models : dict
        ``{model name: fitted classifier}``, each fitted on these two features.
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
    points = np.asarray(X, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(
            f"Decision boundaries can be drawn for 2 features; X has shape {points.shape}. Fit "
            "the models on two columns (e.g. sklearn's SelectKBest(k=2)) and pass those."
        )
    check_same_rows(points, y)
    _check_fitted_models(models, "plot_decision_boundaries")
    ax = plot_points(points, y, ax=ax, title=title, feature_names=feature_names)
    low, high = points.min(axis=0), points.max(axis=0)
    handles = ax.get_legend_handles_labels()[0]
    styles = model_styles(models, markers_shown=False)
    for name, model in models.items():
        color, dashes = styles[name]["color"], styles[name]["linestyle"]
        with warnings.catch_warnings():  # a model that predicts one class has no line to draw
            warnings.filterwarnings("ignore", message="No contour levels were found")
            display = DecisionBoundaryDisplay.from_estimator(
                model, X, response_method="predict", plot_method="contour", ax=ax,
                grid_resolution=grid_resolution, eps=0.05 * (high - low).max(), levels=[0.5],
                colors=[color], linestyles=[dashes], linewidths=2.5,
            )
        label = name
        if display.response.min() == display.response.max():
            display.surface_.remove()  # an empty line
            label = f"{name} (predicts {display.response.flat[0]:.0f} everywhere shown)"
        handles.append(Line2D([], [], color=color, linestyle=dashes, linewidth=2.5, label=label))
    ax.set(xlabel=feature_names[0], ylabel=feature_names[1])
    _legend_below(ax, handles=handles, ncols=2, handlelength=3)
    return ax
