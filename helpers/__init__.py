"""Shared helpers of the imbalanced-learning course: data sets, evaluation, standard plots."""

from .datasets import load_pima, make_imbalanced
from .evaluation import compare, evaluate, positive_scores
from .plots import (
    CLASS_COLORS,
    MODEL_COLORS,
    model_color,
    plot_class_balance,
    plot_confusion_matrix,
    plot_score_distribution,
)

__all__ = [
    "CLASS_COLORS",
    "MODEL_COLORS",
    "compare",
    "evaluate",
    "load_pima",
    "make_imbalanced",
    "model_color",
    "plot_class_balance",
    "plot_confusion_matrix",
    "plot_score_distribution",
    "positive_scores",
]
