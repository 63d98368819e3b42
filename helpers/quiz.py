"""The course's five-question quiz ("Five questions. Pencil down."), answered in code.

Show a question with ``quiz.show(1)``, answer it with ``quiz.check(1, "b")``. The answer says
right or wrong, why, and which section of which notebook explains it, as JupyterLab's table of
contents names it. Learner slips (an unknown question or option) get a message, not a traceback.
"""

from dataclasses import dataclass

from . import feedback

NOTEBOOK_TITLES = {
    "01_accuracy_trap.ipynb": "01 · The accuracy trap",
    "02_smote_without_leakage.ipynb": "02 · SMOTE without leakage",
    "03_logistic_regression.ipynb": (
        "03 · Logistic regression: SMOTE, class weights or a tuned threshold"
    ),
    "04_tree_models.ipynb": "04 · Trees: Random Forest and XGBoost",
    "05_metrics_and_curves.ipynb": "05 · Metrics and curves",
}


@dataclass(frozen=True)
class Question:
    """One multiple-choice question: its options, the right one, and why each option is or isn't.

    ``where`` lists (notebook file, section heading) pairs; a test checks that each heading exists.
    """

    topic: str
    text: str
    options: dict[str, str]
    answer: str
    why: dict[str, str]
    where: tuple[tuple[str, str], ...]


QUESTIONS = {
    1: Question(
        topic="The accuracy trap",
        text=(
            "A fraud model scores 91% accuracy on a test set in which 10% of the transactions "
            "are fraud. What do you check first?"
        ),
        options={
            "a": "Nothing more: 91% is far above the 50% of guessing, so the model works.",
            "b": "What a model that always says “no fraud” scores, and how many frauds the "
            "model finds (the confusion matrix).",
            "c": "Its accuracy on the training set, to rule out overfitting.",
            "d": "Whether 91% beats the 88% accuracy of last year's model.",
        },
        answer="b",
        why={
            "a": "50% is the floor only when both classes are equally common. Here a model that "
            "always says “no fraud” is right on 90% of the rows and catches no fraud at all.",
            "b": "A do-nothing model scores 90% here, so 91% may mean almost nothing. Recall, "
            "read off the confusion matrix, says how many frauds the model finds.",
            "c": "Overfitting is a separate question: a model that generalises perfectly can still "
            "reach 91% while missing most frauds.",
            "d": "Both accuracies are dominated by the 90% of honest transactions: the comparison "
            "says little about which model catches more fraud.",
        },
        where=((
            "01_accuracy_trap.ipynb", "2. One positive in ten: high accuracy, many positives missed"
        ),),
    ),
    2: Question(
        topic="SMOTE without leakage",
        text=(
            "A colleague runs SMOTE on the whole training set, then cross-validates a random "
            "forest on the result. Its cross-validated F1 is far above its test F1. Why?"
        ),
        options={
            "a": "The validation folds hold synthetic near-copies of training rows, and a far "
            "higher share of positives than real data.",
            "b": "Random forests overfit; a logistic regression would show no gap at all.",
            "c": "Bad luck: one test split is one draw, and the next split will agree with CV.",
            "d": "The test set was not resampled: apply SMOTE to it too and the gap closes.",
        },
        answer="a",
        why={
            "a": "Resampling before cross-validation causes both leaks: every validation fold is "
            "rebalanced (precision and F1 rise with the share of positives), and the forest "
            "recognises validation rows whose synthetic neighbours it was trained on. Put SMOTE "
            "inside an imblearn Pipeline so it only ever touches the training folds.",
            "b": "The forest leaks most because it memorises synthetic neighbours, but a linear "
            "model leaks too: its validation folds are just as rebalanced, which inflates "
            "precision and F1.",
            "c": "The gap is built into the procedure, not luck: validation folds made after "
            "SMOTE hold synthetic points and too many positives, in every fold and repetition.",
            "d": "The test set must look like the data the model will meet. Resampling it would "
            "make the test as flattering as the cross-validation: hiding the problem, not "
            "fixing it.",
        },
        where=(("02_smote_without_leakage.ipynb", "2. The wrong way, measured"),),
    ),
    3: Question(
        topic="What class weights really change",
        text=(
            'A logistic regression trained with `class_weight="balanced"` on data with 9 '
            "negatives per positive flags far more positives than without weights. What is "
            "it, in effect?"
        ),
        options={
            "a": "A better model: the weights teach it to separate the classes, so ROC-AUC and "
            "average precision rise clearly.",
            "b": "The same model with the same probabilities, trained faster because the "
            "weights balance the gradients.",
            "c": "A model that ignores the negatives in its loss and flags nearly every row.",
            "d": "Nearly the unweighted model cut at about 1 / (1 + 9) = 0.1, with inflated "
            "probabilities: its intercept rose by about ln 9 ≈ 2.2.",
        },
        answer="d",
        why={
            "a": "The weights barely change the ranking: ROC-AUC and average precision stay "
            "within the folds' noise. What moves is the operating point.",
            "b": "The probabilities change a lot: the mean predicted probability more than "
            "doubles, and the Brier score gets worse.",
            "c": "It still leaves most negatives alone: the weights shift the cut-off, they do "
            "not remove the negatives from the loss.",
            "d": "Weighting the positives 9 times raises the intercept by about ln 9, which "
            "multiplies every odds by 9: the same decisions as cutting the plain model at "
            "1 / (1 + 9), but with probabilities about nine times too high in odds. A "
            "threshold on the plain model gets the same trade and keeps them honest.",
        },
        where=(
            ("03_logistic_regression.ipynb", "4. How far the intercept moves, predicted"),
            ("03_logistic_regression.ipynb", "7. Probabilities: which remedies keep them honest?"),
        ),
    ),
    4: Question(
        topic="Trees and class weights",
        text=(
            'A random forest with `class_weight="balanced_subsample"` and default settings '
            "finds no more positives than the same forest without weights. Why?"
        ),
        options={
            "a": '"balanced_subsample" resamples each bootstrap sample and loses positives.',
            "b": "Random forests ignore `class_weight`: only boosting models use weights.",
            "c": "Its trees grow until every leaf is pure: the weights change which splits are "
            "chosen, not how a pure leaf votes.",
            "d": "15 trees are too few for the weights to show; a few hundred would.",
        },
        answer="c",
        why={
            "a": '"balanced_subsample" keeps the bootstrap rows and reweights them: the first '
            "tree of the weighted forest drew the very same rows as the plain one.",
            "b": "Every tree of the forest accepts the weights: at its root the positives carry "
            "half of the weight.",
            "c": "A leaf that holds one class votes for it whatever its rows weigh. Weights can "
            "change the splits, not the votes: no substitute for a cut-off. For a tree, keep "
            "the plain model and choose the cut-off for your costs.",
            "d": "More trees make the votes smoother but do not change what each pure leaf "
            "votes.",
        },
        where=(
            ("04_tree_models.ipynb", "Why class weights don't help a fully grown forest"),
            ("04_tree_models.ipynb", "2. Random Forest: four ways to see the data"),
            ("04_tree_models.ipynb", "A. What the first tree of each forest saw"),
        ),
    ),
    5: Question(
        topic="Decisions with money",
        text=(
            "A lender approves a loan when its probability of going bad is below the loan's "
            "break-even, gain / (gain + loss). Its model was trained with "
            '`class_weight="balanced"` on loans of which 5% went bad. What happens?'
        ),
        options={
            "a": "Nothing changes: class weights keep the ranking, and the rule needs only that.",
            "b": "Far too many loans are refused: the model learned as if half were bad. Correct "
            "its probabilities to the real rate first, or train without weights.",
            "c": "Far too many loans are approved: class weights favour the majority class.",
            "d": "It works if the model's ROC-AUC is high: a good ranking makes good decisions.",
        },
        answer="b",
        why={
            "a": "The rule compares p itself with each loan's break-even, so it needs honest "
            "probabilities, not only a ranking. Class weights keep the ranking and inflate p.",
            "b": "On the loan book, class-weighted probabilities used as if honest refused most "
            "loans and lost most of the money; the prior correction brought them back next to "
            "the plain model. One tuned cut-off could hide the inflation; a per-loan rule "
            "cannot.",
            "c": "Balanced weights push the model towards the rare class: its probabilities of "
            "going bad are far too high, so it refuses, not approves.",
            "d": "ROC-AUC measures ranking only; the same ranking with inflated probabilities "
            "refuses far too many loans.",
        },
        where=(
            ("05_metrics_and_curves.ipynb", "6. A decision for every loan"),
            ("05_metrics_and_curves.ipynb",
             "5. Ranking and probabilities: plain or class weights?"),
        ),
    ),
}


def _valid_questions() -> str:
    return ", ".join(str(number) for number in QUESTIONS)


def _lookup(question) -> Question | None:
    if isinstance(question, bool) or not isinstance(question, int) or question not in QUESTIONS:
        return None
    return QUESTIONS[question]


def _unknown_question(question) -> str:
    return feedback.slip(
        f"There is no question {question!r}. The questions are numbered {_valid_questions()}."
    )


def answer_feedback(question: int, answer: str | None) -> str:
    """The message :func:`check` prints for ``answer`` to ``question``.

    Examples
    --------
    >>> print(answer_feedback(1, None).splitlines()[0])  # doctest: +ELLIPSIS
    ✏️ Not answered yet. Replace None with the letter of your answer in quotes, e.g. ...
    """
    entry = _lookup(question)
    if entry is None:
        return _unknown_question(question)
    letters = ", ".join(f'"{letter}"' for letter in entry.options)
    if answer is None:
        return feedback.not_answered(
            f"Replace None with the letter of your answer in quotes, e.g. "
            f'quiz.check({question}, "a"), and run the cell again. Options: {letters}.'
        )
    choice = answer.strip().lower().rstrip(")") if isinstance(answer, str) else None
    if choice not in entry.options:
        return feedback.slip(
            f"{answer!r} is not an option of question {question}. Answer with one of {letters} "
            "(a letter in quotes)."
        )
    where = "\n".join(
        feedback.where_to_look(NOTEBOOK_TITLES[notebook], section)
        for notebook, section in entry.where
    )
    if choice == entry.answer:
        return feedback.right(entry.why[choice], where)
    return feedback.wrong(entry.why[choice], where)


def check(question: int, answer: str | None) -> None:
    """Print whether ``answer`` (a letter such as ``"b"``) to ``question`` is right, and why, in
    short lines.

    Examples
    --------
    >>> check(5, "c")
    ❌ Not quite. Balanced weights push the model towards the rare class: its
    probabilities of going bad are far too high, so it refuses, not approves.
    Where to look: 05 · Metrics and curves → 6. A decision for every loan
    Where to look: 05 · Metrics and curves → 5. Ranking and probabilities: plain
    or class weights?
    """
    feedback.show(answer_feedback(question, answer))


def question_markdown(question: int) -> str:
    """A question and its options as Markdown text."""
    entry = _lookup(question)
    if entry is None:
        raise ValueError(f"There is no question {question!r}: they are {_valid_questions()}.")
    options = "\n".join(f"- **{letter})** {text}" for letter, text in entry.options.items())
    return f"**Question {question} · {entry.topic}.** {entry.text}\n\n{options}"


def show(question: int):
    """Display a question and its options, rendered as Markdown in the notebook.

    Returns an ``IPython.display.Markdown`` object (shown when it ends a cell), or ``None`` after
    printing a message if there is no such question.
    """
    from IPython.display import Markdown

    if _lookup(question) is None:
        feedback.show(_unknown_question(question))
        return None
    return Markdown(question_markdown(question))
