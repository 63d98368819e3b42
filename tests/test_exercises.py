"""Every exercise passes with its reference solution, fails helpfully on typical wrong answers,
and appears in its notebook with its placeholder still in place."""

import re
from pathlib import Path

import nbformat
import pytest
from imblearn.over_sampling import SMOTE
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline as SklearnPipeline
from sklearn.preprocessing import StandardScaler

from helpers import exercises, feedback, load_pima

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _baseline(**options):
    """The course's plain logistic regression pipeline (unfitted)."""
    model = LogisticRegression(max_iter=1000, **options)
    return SklearnPipeline([("scale", StandardScaler()), ("model", model)])
ALL = {
    f"{namespace[-2:]}.{name}": exercise
    for namespace, exercises_of_notebook in vars(exercises).items()
    if namespace.startswith("notebook_")
    for name, exercise in vars(exercises_of_notebook).items()
}
NOTEBOOK_VARIABLES = {
    **exercises.context(),
    **exercises.SCREENING,
    "lr_baseline": exercises.fitted_lr_baseline(),
    "y_pima": load_pima()[1].to_numpy(),
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


WRONG_ANSWERS = {
    "01.q1": [((0.3158, 0.9598, 0.6), "swapped"), ((0.6, 0.5, 0.3158), "Check specificity")],
    "01.q2": [
        ((DummyClassifier(strategy="most_frequent"),), "finds 0%"),
        (("always 1",), "Assign a scikit-learn classifier"),
    ],
    "02.q1": [((1515,), "after resampling"), ((1285.5,), "count the negatives")],
    "02.q2": [
        ((SklearnPipeline([("smote", SMOTE()), ("model", LogisticRegression())]),), "imblearn"),
        ((exercises.fix_the_leak().set_params(smote="passthrough"),), "no resampling step"),
        ((StandardScaler(),), "Assign a pipeline"),
    ],
    "03.q1": [
        ((_baseline(),), "below 0.8"),
        ((_baseline(class_weight="balanced"),), "precision fell"),
        (("a model",), "Assign an unfitted"),
    ],
    "03.q2": [((500 / 268,), "how many times"), ((4.891,), "n_samples / (n_classes")],
    "04.q1": [((268 / 500,), "Upside down"), ((8.78,), "sum(negative instances)")],
    "04.q2": [
        ((lambda mean_a, std_a, mean_b, std_b: mean_a - mean_b > std_a + std_b,), "should be True"),
        ((lambda mean_a, std_a, mean_b, std_b: abs(mean_a - mean_b) > std_a,), "should be"),
        ((0.09,), "Assign a function"),
    ],
    "05.q1": [
        ((5 / 7, 0.3), "swapped"),
        ((0.5, 0.3), "Solve for p"),
        ((2 / 7, 0.0), "check the cost at the default threshold"),
    ],
    "05.q2": [((0.5,), "chance level of ROC-AUC"), ((0.1,), "share of positives")],
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
    message = ALL["02.q2"].feedback_for(exercises.fix_the_leak().set_params(model="oops"))
    assert message.startswith(feedback.WRONG)


def test_points_smote_adds_matches_what_smote_does():
    data = exercises.context()
    _, y_resampled = SMOTE(sampling_strategy=0.75, random_state=42).fit_resample(
        data["X_train"], data["y_train"]
    )
    expected = len(y_resampled) - len(data["y_train"])
    assert exercises.points_smote_adds(data["y_train"]) == expected
