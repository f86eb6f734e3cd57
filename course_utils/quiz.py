"""Multiple-choice quizzes: plain Python data, shown with jupyterquiz or answered in code.

Each quiz is a list of questions in jupyterquiz's format.  Options keep their
written order (A, B, C, D), so a letter means the same thing in the
interactive quiz and in ``answer_quiz``::

    show_quiz("pipeline_trace")               # interactive, in Jupyter and in the book
    answer_quiz("pipeline_trace", 1, "A")     # the same feedback as text, anywhere

Nothing is loaded from a URL, so quizzes work offline.  The quiz's HTML
element id is derived from its content (not drawn at random), so re-running a
cell gives the same output and leaves Python's ``random`` state untouched.
"""

import hashlib
import json
import random

LETTERS = "ABCD"


def _mc(question, options, correct, feedback):
    """One multiple-choice question: ``options`` and ``feedback`` in order A, B, ...; ``correct`` a letter."""
    return {
        "question": question,
        "type": "multiple_choice",
        "answers": [
            {"answer": f"{letter}. {text}", "correct": letter == correct, "feedback": note}
            for letter, text, note in zip(LETTERS, options, feedback)
        ],
    }


QUIZZES = {
    "pipeline_trace": [
        _mc(
            "What does the Flatten layer do to the input image?",
            [
                "Reduces the image size by half",
                "Changes the 2D image into a 1D list of pixels",
                "Adds color channels to the image",
                "Normalizes pixel values between 0 and 1",
            ],
            "B",
            [
                "No: all 784 pixels are still there; only their arrangement changes.",
                "Right: a 28 x 28 grid becomes a row of 784 numbers, the same values in reading order.",
                "No: Flatten adds nothing; the digits stay one grayscale value per pixel.",
                "No: the values pass through unchanged; scaling to 0-1 happened when the data was loaded.",
            ],
        ),
        _mc(
            "A batch of 1,000 images of 28 x 28 pixels goes through Flatten and then Dense(128, ReLU). "
            "What is the shape of the Dense layer's output?",
            ["(1000, 784)", "(1000, 128)", "(128, 784)", "(1000, 28, 128)"],
            "B",
            [
                "No: that is what Flatten gives; the Dense layer then maps 784 numbers to 128.",
                "Right: one row per image, one column per neuron.",
                "No: that is the shape of the weights (transposed), not of the activations.",
                "No: after Flatten there is no grid left, so Dense sees one 784-long vector per image.",
            ],
        ),
        _mc(
            "During training the loss falls and the training accuracy rises every epoch. "
            "What does this show on its own?",
            [
                "The model will be just as accurate on digits it has never seen",
                "The learning rate is too high",
                "The model fits its training digits better and better; held-out digits are needed to judge new data",
                "Only the Flatten layer is learning",
            ],
            "C",
            [
                "No: in this chapter the held-out accuracy stays several points below the training accuracy.",
                "No: a too-high learning rate shows as a loss that jumps or grows, not one that falls steadily.",
                "Right: the training curves show learning; the validation columns show how well it carries over.",
                "No: Flatten has no weights; only the two Dense layers learn.",
            ],
        ),
    ],
}


def get_quiz(quiz):
    """The question list for a quiz key (``"pipeline_trace"``) or a list of questions, validated.

    Raises ``KeyError`` for an unknown key and ``ValueError`` for a malformed
    question (no text, fewer than two options, not exactly one correct
    option, or an option without feedback).
    """
    if isinstance(quiz, str):
        if quiz not in QUIZZES:
            raise KeyError(f"no quiz named {quiz!r}; known quizzes: {', '.join(sorted(QUIZZES))}")
        quiz = QUIZZES[quiz]
    if not isinstance(quiz, list) or not quiz:
        raise ValueError(f"a quiz must be a non-empty list of questions; got {type(quiz).__name__}")
    for n, q in enumerate(quiz, start=1):
        answers = q.get("answers") if isinstance(q, dict) else None
        if not isinstance(q, dict) or not q.get("question") or q.get("type") != "multiple_choice":
            raise ValueError(f"question {n} needs a 'question' text and type 'multiple_choice'")
        if not isinstance(answers, list) or not 2 <= len(answers) <= len(LETTERS):
            raise ValueError(f"question {n} needs 2 to {len(LETTERS)} answers; got {answers!r:.60}")
        if not all(isinstance(a, dict) for a in answers):
            raise ValueError(f"question {n}: every answer must be a dict with 'answer', 'correct' and 'feedback'")
        if sum(a.get("correct") is True for a in answers) != 1:
            raise ValueError(f"question {n} must have exactly one correct answer")
        if not all(a.get("answer") and a.get("feedback") for a in answers):
            raise ValueError(f"question {n}: every answer needs its text and a feedback line")
    return quiz


def correct_letters(quiz):
    """The correct option of each question, as letters: ``["B", "B", "C"]``."""
    return [next(LETTERS[i] for i, a in enumerate(q["answers"]) if a["correct"]) for q in get_quiz(quiz)]


def answer_quiz(quiz, number, letter):
    """Print whether ``letter`` answers question ``number`` (1-based) of ``quiz``, with its feedback.

    Raises ``ValueError`` for a question number or letter that does not exist.
    """
    questions = get_quiz(quiz)
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(questions):
        raise ValueError(f"number must be a question number from 1 to {len(questions)}; got {number!r}")
    answers = questions[number - 1]["answers"]
    options = LETTERS[: len(answers)]
    if not isinstance(letter, str) or letter.strip().upper() not in tuple(options):
        raise ValueError(f"letter must be one of {', '.join(options)}; got {letter!r}")
    choice = answers[options.index(letter.strip().upper())]
    mark = "✅" if choice["correct"] else "❌"
    print(f"{mark} Question {number}, {choice['answer']}\n   {choice['feedback']}")


def show_quiz(quiz):
    """Show an interactive quiz (click an option, see right or wrong and why). Returns nothing.

    Works in Jupyter and in the built book (jupyterquiz's inline script).
    The element id comes from the quiz's content, so the output is the same
    on every run, and Python's ``random`` state is restored afterwards.
    """
    questions = get_quiz(quiz)
    from jupyterquiz import display_quiz

    digest = hashlib.sha256(json.dumps(questions, sort_keys=True).encode()).hexdigest()
    state = random.getstate()
    random.seed(int(digest[:16], 16))  # jupyterquiz draws its element id with random.choice
    try:
        display_quiz(questions, shuffle_answers=False, shuffle_questions=False, max_width=720)
    finally:
        random.setstate(state)


__all__ = ["QUIZZES", "answer_quiz", "correct_letters", "get_quiz", "show_quiz"]
