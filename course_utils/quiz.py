"""Multiple-choice quizzes: plain Python data, shown as an accessible HTML quiz or answered in code.

Each quiz is a list of questions in jupyterquiz's format (the course used jupyterquiz before
its own quiz, which keyboard and screen-reader users can answer).  Options keep their
written order (A, B, C, D), so a letter means the same thing in the
interactive quiz and in ``answer_quiz``::

    show_quiz("pipeline_trace")               # interactive, in Jupyter and in the book
    answer_quiz("pipeline_trace", 1, "A")     # the same feedback as text, anywhere

Nothing is loaded from a URL, so quizzes work offline.  The quiz's HTML
element id is derived from its content (not drawn at random), so re-running a
cell gives the same output.
"""

import hashlib
import html
import json

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


QUIZ_CSS = """
.course-quiz { --cq-text: var(--pst-color-text-base, var(--jp-content-font-color1, #1b1f24));
  --cq-bg: var(--pst-color-background, var(--jp-layout-color0, #ffffff));
  --cq-border: #6b7280; --cq-focus: #0b5cd5; --cq-right: #0a6b2d; --cq-wrong: #a4161a;
  --cq-chosen: #e8eefc;
  color: var(--cq-text); background: var(--cq-bg); max-width: 46rem; margin: 1rem 0;
  font-family: inherit; line-height: 1.5; }
html[data-theme="dark"] .course-quiz, body[data-jp-theme-light="false"] .course-quiz {
  --cq-border: #9ca3af; --cq-focus: #8ab4ff; --cq-right: #7ee2a8; --cq-wrong: #ffa3a3; --cq-chosen: #263247; }
.course-quiz__question { border: 1px solid var(--cq-border); border-radius: 0.4rem; padding: 0.75rem 1rem; margin: 0 0 1rem; }
.course-quiz__text { font-weight: 600; margin: 0 0 0.5rem; }
.course-quiz__options { display: flex; flex-direction: column; gap: 0.4rem; }
.course-quiz__option { text-align: left; font: inherit; color: var(--cq-text); background: var(--cq-bg);
  border: 1px solid var(--cq-border); border-radius: 0.3rem; padding: 0.45rem 0.7rem; cursor: pointer; }
.course-quiz__option:hover { border-color: var(--cq-focus); }
.course-quiz__option:focus-visible { outline: 3px solid var(--cq-focus); outline-offset: 2px; }
.course-quiz__option[aria-pressed="true"] { background: var(--cq-chosen); border-width: 2px; }
.course-quiz__feedback { margin: 0.5rem 0 0; min-height: 1.5em; }
.course-quiz__feedback.is-right { color: var(--cq-right); }
.course-quiz__feedback.is-wrong { color: var(--cq-wrong); }
.course-quiz__hint { font-size: 0.9em; margin: 0 0 0.5rem; }
"""

# Answers on click, tap, Enter or Space (the options are buttons); the arrow keys, Home and End
# only move the focus between a question's options. Feedback goes to a live region.
QUIZ_JS = """
(function (root) {
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  var data = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  root.querySelectorAll(".course-quiz__question").forEach(function (question, q) {
    var options = Array.prototype.slice.call(question.querySelectorAll(".course-quiz__option"));
    var feedback = question.querySelector(".course-quiz__feedback");
    options.forEach(function (option, i) {
      option.addEventListener("click", function () {
        var answer = data[q][i];
        options.forEach(function (o) { o.setAttribute("aria-pressed", o === option ? "true" : "false"); });
        feedback.className = "course-quiz__feedback " + (answer.correct ? "is-right" : "is-wrong");
        feedback.textContent = (answer.correct ? "\\u2713 " : "\\u2717 ") + answer.feedback;
      });
      option.addEventListener("keydown", function (event) {
        var next = {ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1,
                    Home: 0, End: options.length - 1}[event.key];
        if (next === undefined) return;
        event.preventDefault();
        options[(next + options.length) % options.length].focus();
      });
    });
  });
})(document.getElementById("QUIZ_ID"));
"""


def quiz_html(quiz):
    """The quiz as one self-contained HTML block (markup, style and script), the same on every run.

    Each question is a labelled group of option buttons; feedback appears in a live region that
    screen readers announce. It works in Jupyter (JupyterLab, Notebook, VS Code, Colab) and in
    the book, in light and dark mode, with the mouse, touch or the keyboard.
    """
    questions = get_quiz(quiz)
    digest = hashlib.sha256(json.dumps(questions, sort_keys=True).encode()).hexdigest()[:12]
    qid = f"course-quiz-{digest}"
    parts = [f'<div class="course-quiz" id="{qid}">', f"<style>{QUIZ_CSS}</style>"]
    parts.append('<p class="course-quiz__hint">Choose an answer to each question: click it, or move with the '
                 "arrow keys and press Enter or Space. You may try again.</p>")
    for n, q in enumerate(questions, start=1):
        label = f"{qid}-q{n}"
        parts.append(f'<div class="course-quiz__question" role="group" aria-labelledby="{label}">')
        parts.append(f'<p class="course-quiz__text" id="{label}">Question {n}. {html.escape(q["question"])}</p>')
        parts.append('<div class="course-quiz__options">')
        for a in q["answers"]:
            parts.append(f'<button type="button" class="course-quiz__option" aria-pressed="false">'
                         f'{html.escape(a["answer"])}</button>')
        parts.append("</div>")
        parts.append('<p class="course-quiz__feedback" role="status" aria-live="polite"></p>')
        parts.append("</div>")
    data = [[{"correct": a["correct"], "feedback": a["feedback"]} for a in q["answers"]] for q in questions]
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    parts.append(f'<script type="application/json">{payload}</script>')
    parts.append(f"<script>{QUIZ_JS.replace('QUIZ_ID', qid)}</script>")
    parts.append("</div>")
    return "\n".join(parts)


def quiz_text(quiz):
    """The quiz as plain text (questions and options), for consoles that cannot show HTML."""
    lines = []
    for n, q in enumerate(get_quiz(quiz), start=1):
        lines.append(f"Question {n}. {q['question']}")
        lines.extend(f"  {a['answer']}" for a in q["answers"])
    lines.append("Answer in code: answer_quiz(quiz, question_number, letter)")
    return "\n".join(lines)


class _Quiz:
    """What ``show_quiz`` displays: HTML where it can be shown, the plain text elsewhere."""

    def __init__(self, quiz):
        self._html, self._text = quiz_html(quiz), quiz_text(quiz)

    def _repr_html_(self):
        return self._html

    def __repr__(self):
        return self._text


def show_quiz(quiz):
    """Show an interactive quiz (choose an option, see right or wrong and why). Returns nothing.

    The quiz is the course's own: plain HTML with a small inline script, the same output on
    every run (no random element ids), nothing loaded from the network. Keyboard users move
    between options with the arrow keys and answer with Enter or Space; the feedback is
    announced to screen readers. Where HTML cannot be shown, the questions print as text and
    ``answer_quiz`` gives the same feedback.
    """
    from IPython.display import display

    display(_Quiz(quiz))


__all__ = ["QUIZZES", "answer_quiz", "correct_letters", "get_quiz", "quiz_html", "quiz_text", "show_quiz"]
