"""Every exercise passes with its reference solution, fails helpfully on typical wrong answers,
and appears in its notebook with its placeholder still in place."""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline as ImblearnPipeline
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline as SklearnPipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from helpers import feedback, fold_by_fold_difference
from helpers.exercises import (
    notebook_01,
    notebook_02,
    notebook_03,
    notebook_04,
    notebook_05,
    shared,
)

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _baseline(**options):
    """The course's plain logistic regression pipeline (unfitted)."""
    model = LogisticRegression(max_iter=1000, **options)
    return SklearnPipeline([("scale", StandardScaler()), ("model", model)])


MODULES = [notebook_01, notebook_02, notebook_03, notebook_04, notebook_05]
ALL = {
    f"{module.__name__[-2:]}.{name}": exercise
    for module in MODULES
    for name, exercise in vars(module).items()
    if isinstance(exercise, shared.Exercise)
}


NOTEBOOK_VARIABLES = {
    **shared.context(),
    **notebook_01.SCREENING,
    "fold_scores": notebook_04._xgboost_f1_folds(),
}


def notebook_for(key: str) -> Path:
    (path,) = NOTEBOOKS.glob(f"{key[:2]}_*.ipynb")
    return path


@pytest.mark.parametrize("key", ALL)
def test_the_reference_solution_passes(key):
    exercise = ALL[key]
    answers = exercise.reference_answers(NOTEBOOK_VARIABLES)
    assert exercise.feedback_for(*answers).startswith(feedback.RIGHT)


@pytest.mark.parametrize("key", ALL)
def test_the_placeholder_means_not_attempted_and_wrong_arity_is_a_slip(key):
    exercise = ALL[key]
    message = exercise.feedback_for(*[None] * len(exercise.answers))
    assert message.startswith(feedback.NOT_ANSWERED) and ".hint()" in message
    assert exercise.feedback_for().startswith(feedback.SLIP)


@pytest.mark.parametrize("key", ALL)
def test_hint_and_solution_print_something_useful(key, capsys):
    exercise = ALL[key]
    exercise.hint()
    exercise.solution()
    printed = capsys.readouterr().out
    assert "Hint:" in printed and "Where to look:" in printed
    assert "Reference solution" in printed and "return" in printed


@pytest.mark.parametrize("key", ALL)
def test_each_exercise_is_in_its_notebook_unanswered(key):
    notebook = nbformat.read(notebook_for(key), as_version=4)
    question = key.split(".")[1]
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    (cell,) = [source for source in sources if f"ex.{question}.check(" in source]
    for name in ALL[key].answers:
        assert re.search(rf"^{name} = None\b", cell, re.MULTILINE), f"{name} is not a placeholder"


@pytest.mark.parametrize("key", ALL)
def test_where_to_look_names_a_real_section(key):
    notebook = nbformat.read(notebook_for(key), as_version=4)
    headings = {
        line.lstrip("#").strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("#")
    }
    title, section = ALL[key].where
    assert title.startswith(key[:2]) and section in headings


def _forest(**settings):
    return RandomForestClassifier(n_estimators=15, random_state=42, **settings)


def _xgboost_difference(model="XGB + SMOTE", baseline="XGB baseline", **options):
    """The paired difference in F1 of exercise 2 of notebook 04, or a wrong version of it."""
    folds = notebook_04._xgboost_f1_folds()
    return fold_by_fold_difference(folds, model, baseline, "f1", **options)


WRONG_ANSWERS = {
    "01.q1": [((0.3158, 0.9598, 0.6), "swapped"), ((0.6, 0.5, 0.3158), "Check specificity")],
    "01.q2": [
        ((DummyClassifier(strategy="most_frequent"), 0.1), "finds 0%"),
        (("always 1", 0.1), "Assign a scikit-learn classifier"),
        ((DummyClassifier(strategy="constant", constant=1), 1.0), "what share of the rows"),
    ],
    "02.q1": [
        ((SklearnPipeline([("smote", SMOTE()), ("model", LogisticRegression())]),), "imblearn"),
        ((notebook_02.fix_the_leak().set_params(undersample="passthrough"),), "no resampling step"),
        ((StandardScaler(),), "Assign a pipeline"),
        ((ImblearnPipeline([("model", LogisticRegression()), ("sampler", SMOTE())]),),
         "sampler before it"),
    ],
    "02.q2": [((1515,), "after resampling"), ((1285.5,), "count the negatives")],
    "03.q1": [((1 / (1 + 2020 / 230),), "class weights' cut-off"), ((0.868,), "Upside down"),
              ((0.2,), "Count the positives")],
    "03.q2": [
        ((_baseline(),), "below 0.8"),
        ((_baseline(class_weight="balanced"),), "precision fell"),
        (("a model",), "Assign an unfitted"),
    ],
    "04.q1": [
        ((RandomForestClassifier(n_estimators=15, random_state=42),), "Wrap the plain forest"),
        ((LinearSVC(),), "Wrap the plain forest"),
        (("forest",), "Assign an unfitted"),
        ((CalibratedClassifierCV(_forest(max_depth=1), cv=5),), "not better on both"),
        ((CalibratedClassifierCV(LogisticRegression(), cv=5),), "plain random forest itself"),
        ((CalibratedClassifierCV(_forest(class_weight="balanced")),), "without class weights"),
        ((CalibratedClassifierCV(ImblearnPipeline([("smote", SMOTE()), ("model", _forest())])),),
         "without a sampler"),
        ((CalibratedClassifierCV(FrozenEstimator(_forest().fit([[0], [1]], [0, 1]))),), "frozen"),
    ],
    "04.q2": [
        ((_xgboost_difference(), True), "does it hold zero"),
        ((_xgboost_difference("XGB baseline", "XGB + SMOTE"), False), "Upside down"),
        ((_xgboost_difference(confidence=0.9), False), "keep the default 95%"),
        ((0.02, False), "Assign the Series"),
    ],
    "05.q1": [
        (([2220, 8000, 4596], [True, True, True]), "a quarter of the interest"),  # all of it
        (([150, 1125, -300], [True, True, False]), "weight it by 1 − p"),
        (([100, 500, -400], [True, True, False]), "Expected money = (1 − p) · gain"),
        (([105, 500, -426], [True, False, True]), "one cut-off on p"),
        (([105, 500, -426], [True, True, True]), "approve exactly the loans"),
    ],
    "05.q2": [((0.5, 0.5), "chance level of ROC-AUC"), ((0.1, 0.2), "near 0.02"),
              ((0.9806313, 0.8), "not 0.981:"), (("0.02", 0.2), "not '0.02':")],
}


@pytest.mark.parametrize(
    ("key", "answers", "advice"),
    [(key, answers, advice) for key, cases in WRONG_ANSWERS.items() for answers, advice in cases],
)
def test_typical_wrong_answers_get_advice_and_a_place_to_look(key, answers, advice):
    message = ALL[key].feedback_for(*answers)
    assert message.startswith(feedback.WRONG)
    assert advice in message and "Where to look:" in message


def test_every_exercise_has_wrong_answers_tested():
    assert set(WRONG_ANSWERS) == set(ALL)


def test_an_answer_that_crashes_is_explained_not_raised():
    message = ALL["02.q1"].feedback_for(notebook_02.fix_the_leak().set_params(model="oops"))
    assert message.startswith(feedback.WRONG)


def test_a_weighted_model_passes_the_price_check_but_is_told_its_probabilities_shift():
    from sklearn.model_selection import FixedThresholdClassifier

    data = shared.context()
    reference = notebook_03.recall_at_lowest_price(data["X_train"], data["y_train"])
    weighted = FixedThresholdClassifier(_baseline(class_weight={0: 1, 1: 1}),
                                        threshold=reference.threshold)
    message = ALL["03.q2"].feedback_for(weighted)
    assert message.startswith(feedback.RIGHT) and "probabilities are shifted" in message


def test_the_smote_threshold_makes_the_baseline_decide_like_smote():
    threshold = notebook_03.smote_equivalent_threshold(shared.context()["y_train"])
    assert notebook_03._smote_agreement(threshold) > 0.95


def test_the_smote_answer_is_told_the_cut_off_that_smote_own_shift_implies():
    data = shared.context()
    train = data["X_train"], data["y_train"]
    smote = ImblearnPipeline([("scale", StandardScaler()),
                              ("smote", SMOTE(sampling_strategy=0.75, random_state=42)),
                              ("model", LogisticRegression(max_iter=1000))])
    shift = smote.fit(*train)[-1].intercept_[0] - _baseline().fit(*train)[-1].intercept_[0]
    message = ALL["03.q1"].feedback_for(notebook_03.smote_equivalent_threshold(train[1]))
    assert message.startswith(feedback.RIGHT)
    assert f"implies a cut-off of {1 / (1 + np.exp(shift)):.3f}" in message


def test_points_smote_adds_matches_what_smote_does():
    data = shared.context()
    _, y_resampled = SMOTE(sampling_strategy=0.75, random_state=42).fit_resample(
        data["X_train"], data["y_train"]
    )
    expected = len(y_resampled) - len(data["y_train"])
    assert notebook_02.points_smote_adds(data["y_train"]) == expected


def test_a_numpy_bool_is_a_fine_answer_to_the_paired_reading():
    difference = _xgboost_difference()
    excludes_zero = difference["low"] > 0 or difference["high"] < 0
    assert type(excludes_zero).__module__ == "numpy"
    assert ALL["04.q2"].feedback_for(difference, excludes_zero).startswith(feedback.RIGHT)


def test_each_notebook_has_its_own_module_with_two_exercises():
    for module in MODULES:
        assert [name for name in ALL if name[:2] == module.__name__[-2:]] == [
            f"{module.__name__[-2:]}.q1", f"{module.__name__[-2:]}.q2"
        ]
        assert module.q1.where[0].startswith(module.__name__[-2:])  # about that notebook only


NEAR_ANSWERS = {  # the right values, rounded or cut to too few decimals
    "01.q1": (0.6, 0.96, 0.31),  # precision 0.316 cut to 2 decimals
    "03.q1": (0.1,),  # 0.132 rounded to 1 decimal
}


@pytest.mark.parametrize("key", NEAR_ANSWERS)
def test_a_near_answer_is_told_it_is_close_and_how_many_decimals_to_give(key):
    message = ALL[key].feedback_for(*NEAR_ANSWERS[key])
    assert message.startswith(feedback.CLOSE)
    assert "at least 3 decimals" in message and "Where to look:" in message
    assert feedback.WRONG not in message and "Check" not in message  # the method is not blamed


def test_three_loans_are_decided_by_their_own_break_even_not_one_cut_off():
    expected_money, approve = notebook_05.three_applications()
    gain, loss, p_bad = notebook_05._gain_loss_and_risk()
    assert list(approve) == list(p_bad < gain / (gain + loss)) == [True, True, False]
    assert not any(list(p_bad < cut) == list(approve) for cut in np.linspace(0, 1, 1001))
    assert ALL["05.q1"].feedback_for(list(expected_money), [1, 1, 0]).startswith(feedback.SLIP)


def test_a_wrong_answer_next_to_a_near_one_gets_the_formula_for_the_wrong_one_only():
    message = ALL["01.q1"].feedback_for(0.6, 0.95, 0.4)
    assert message.startswith(feedback.WRONG)
    assert "Check precision. Each metric is a ratio of two counts" in message
    assert "specificity looks right but rounded or cut too early" in message


def printed_lines(capsys, action) -> list[str]:
    action()
    printed = capsys.readouterr()
    assert printed.err == ""
    return printed.out.splitlines()


@pytest.mark.parametrize("key", ALL)
def test_every_printed_line_of_feedback_fits_a_narrow_column(key, capsys):
    exercise = ALL[key]
    answers = [exercise.reference_answers(NOTEBOOK_VARIABLES), [None] * len(exercise.answers),
               *[wrong for wrong, _ in WRONG_ANSWERS[key]]]
    lines = printed_lines(capsys, exercise.hint)
    for given in answers:
        lines += printed_lines(capsys, lambda given=given: exercise.check(*given))
    too_long = [line for line in lines if len(line) > feedback.LINE_WIDTH]
    assert not too_long
