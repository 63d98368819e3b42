"""Shared helpers of the imbalanced-learning course: data sets, evaluation, standard plots, and
``claim``, which checks a statement of the text against the numbers a notebook just computed."""

import os

# The course's data sets are small: one thread per numerical library is quicker, on one CPU or
# many. This only takes effect when helpers is imported before numpy, as the notebooks' first
# cell does; set the variables yourself to choose otherwise.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from .claims import claim  # noqa: E402
from .datasets import load_lending_club, load_pima, make_imbalanced
from .evaluation import (
    CV_SCORING,
    compare,
    compare_probabilities,
    constant_prediction_scores,
    cross_validate_models,
    evaluate,
    fold_by_fold_difference,
    format_mean_std,
    paired_differences,
    positive_class_scores,
    summarize_cv,
    summarize_folds,
)
from .plots import (
    CLASS_COLORS,
    OKABE_ITO,
    model_color,
    model_style,
    model_styles,
    plot_class_balance,
    plot_confusion_matrix,
    plot_decision_boundaries,
    plot_paired_differences,
    plot_points,
    plot_reliability_curves,
    plot_roc_pr,
    plot_score_distribution,
)

__all__ = [
    "CLASS_COLORS",
    "CV_SCORING",
    "OKABE_ITO",
    "claim",
    "compare",
    "compare_probabilities",
    "constant_prediction_scores",
    "cross_validate_models",
    "evaluate",
    "fold_by_fold_difference",
    "format_mean_std",
    "load_lending_club",
    "load_pima",
    "make_imbalanced",
    "model_color",
    "model_style",
    "model_styles",
    "paired_differences",
    "plot_class_balance",
    "plot_confusion_matrix",
    "plot_decision_boundaries",
    "plot_paired_differences",
    "plot_points",
    "plot_reliability_curves",
    "plot_roc_pr",
    "plot_score_distribution",
    "positive_class_scores",
    "summarize_cv",
    "summarize_folds",
]
