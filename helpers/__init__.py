"""Shared helpers of the imbalanced-learning course: data sets, evaluation, standard plots."""

from .datasets import load_pima, make_imbalanced
from .evaluation import (
    CV_SCORING,
    compare,
    cross_validate_models,
    evaluate,
    format_mean_std,
    positive_scores,
    summarize_cv,
)
from .plots import (
    CLASS_COLORS,
    MODEL_COLORS,
    model_color,
    plot_class_balance,
    plot_confusion_matrix,
    plot_cv_comparison,
    plot_decision_boundaries,
    plot_mean_probability,
    plot_points,
    plot_roc_pr,
    plot_score_distribution,
)

__all__ = [
    "CLASS_COLORS",
    "CV_SCORING",
    "MODEL_COLORS",
    "compare",
    "cross_validate_models",
    "evaluate",
    "format_mean_std",
    "load_pima",
    "make_imbalanced",
    "model_color",
    "plot_class_balance",
    "plot_confusion_matrix",
    "plot_cv_comparison",
    "plot_decision_boundaries",
    "plot_mean_probability",
    "plot_points",
    "plot_roc_pr",
    "plot_score_distribution",
    "positive_scores",
    "summarize_cv",
]
