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
            "b": "What a model that always says “no fraud” scores, and the confusion matrix: "
            "how many frauds the model actually finds.",
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
        where=(("01_accuracy_trap.ipynb", "2. A 10 : 1 problem: high accuracy, zero recall"),),
    ),
    2: Question(
        topic="SMOTE without leakage",
        text=(
            "A colleague runs SMOTE on the whole training set, then cross-validates a random "
            "forest on the result. The cross-validated F1 is far higher than the F1 on the "
            "untouched test set. Why?"
        ),
        options={
            "a": "The validation folds hold synthetic points made from training rows, and far "
            "more positives than real data: near-copies of what the model learned, at a "
            "flattering share of positives.",
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
        topic="Minority-class scores vs macro averages",
        text=(
            'A draft lesson reports `cross_validate(..., scoring={"recall_min": '
            '"recall_macro"})` as the minority class\'s recall. What does that number measure?'
        ),
        options={
            "a": "The recall of the minority class (label 1), as its name says.",
            "b": "The recall of the majority class.",
            "c": "The lower of the two classes' recalls.",
            "d": "The mean of the two classes' recalls: minority recall and specificity averaged.",
        },
        answer="d",
        why={
            "a": 'That would be `scoring="recall"`, which scores label 1. `_macro` averages over '
            "both classes, so the label `recall_min` is wrong.",
            "b": "The majority class's recall is the specificity; `_macro` averages it with the "
            "minority recall.",
            "c": "No scorer takes the minimum over classes; `_macro` takes the unweighted mean.",
            "d": "A macro average gives each class the same weight: (recall + specificity) / 2, "
            "also known as balanced accuracy. A model that misses half the positives but leaves "
            "every negative alone still scores 0.75.",
        },
        where=(
            ("02_smote_without_leakage.ipynb", "3. The right way: SMOTE inside the pipeline"),
            ("05_metrics_and_curves.ipynb", "2. The toolkit: what each metric says and hides"),
        ),
    ),
    4: Question(
        topic="What SMOTE, class weights and a threshold change",
        text=(
            'On the logistic regression, SMOTE, `class_weight="balanced"` and a tuned decision '
            "threshold all raise the recall. Which statement matches the course's measurements?"
        ),
        options={
            "a": "SMOTE adds new information, so it also raises ROC-AUC clearly; the other two "
            "only move the threshold.",
            "b": "Only a tuned threshold changes the recall on the test set; SMOTE and class "
            "weights only change the training scores.",
            "c": "All three move the operating point and leave the ranking (ROC-AUC) nearly as it "
            "was; SMOTE and class weights also inflate the predicted probabilities, a tuned "
            "threshold leaves them as they were.",
            "d": "A tuned threshold distorts the probabilities most, because it changes the "
            "model's decisions.",
        },
        answer="c",
        why={
            "a": "SMOTE's points are interpolated from the positives already there: the ROC-AUC "
            "of the logistic regression barely moves.",
            "b": "All three change the test recall: SMOTE and class weights change the fitted "
            "model, the threshold changes where `predict` cuts its probabilities.",
            "c": "All three trade precision for recall. SMOTE and class weights do it by shifting "
            "the class balance the model learns from, which pushes every predicted probability "
            "up; a threshold only moves the cut, so `predict_proba` is untouched.",
            "d": "A threshold never touches `predict_proba`: it only changes which probabilities "
            "count as positive. Resampling and reweighting are what distort probabilities.",
        },
        where=(
            ("03_logistic_regression.ipynb", "5. What moves and what stays"),
            ("03_logistic_regression.ipynb", "6. Probabilities: which fixes keep them honest?"),
        ),
    ),
    5: Question(
        topic="ROC-AUC vs average precision",
        text=(
            "Your model scores ROC-AUC 0.93 and average precision 0.40 on data with 1% "
            "positives. A paper reports ROC-AUC 0.93 and average precision 0.70 on data with "
            "10% positives. What can you conclude?"
        ),
        options={
            "a": "The paper's model is better: average precision is the number that counts on "
            "imbalanced data.",
            "b": "Nothing from the average precisions alone: its chance level is the share of "
            "positives (0.01 vs 0.10); ROC-AUC does not move with that share.",
            "c": "Your model ranks positives worse: same ROC-AUC, lower average precision.",
            "d": "Neither number can ever be compared, since both move with the share of "
            "positives.",
        },
        answer="b",
        why={
            "a": "Average precision rises with the share of positives even for the same model: "
            "a random ranking already scores the prevalence, 0.01 for you and 0.10 for the "
            "paper.",
            "b": "Precision and average precision depend on how common positives are; ROC-AUC "
            "does not (recall and the false positive rate are each computed within one class). "
            "Report ROC-AUC and average precision together, with the prevalence.",
            "c": "A lower average precision at a ten times lower prevalence is expected for the "
            "very same model: the two APs measure different situations.",
            "d": "ROC-AUC is built from the recall and the false positive rate, each computed "
            "within one class, so it stays put when the share of positives changes.",
        },
        where=(
            ("05_metrics_and_curves.ipynb", "4. Prevalence: what moves when positives get rarer"),
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
    """Print whether ``answer`` (a letter such as ``"b"``) to ``question`` is right, and why.

    Examples
    --------
    >>> check(5, "d")  # doctest: +ELLIPSIS
    ❌ Not quite. ROC-AUC is built from the recall and the false positive rate, ...
    Where to look: 05 · Metrics and curves → 4. Prevalence: what moves when positives get rarer
    """
    print(answer_feedback(question, answer))


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
        print(_unknown_question(question))
        return None
    return Markdown(question_markdown(question))
