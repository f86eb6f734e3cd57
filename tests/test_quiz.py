"""The quiz data (right answers, feedback) and the quiz helpers of course_utils.quiz."""

import copy

import pytest

from course_utils import quiz
from course_utils.quiz import QUIZZES, answer_quiz, correct_letters, get_quiz, show_quiz


def test_pipeline_trace_quiz_has_the_intended_answers():
    questions = QUIZZES["pipeline_trace"]
    assert len(questions) == 3
    assert correct_letters("pipeline_trace") == ["B", "B", "C"]
    right = [next(a["answer"] for a in q["answers"] if a["correct"]) for q in questions]
    assert right == [
        "B. Changes the 2D image into a 1D list of pixels",
        "B. (1000, 128)",
        "C. The model fits its training digits better and better; held-out digits are needed to judge new data",
    ]


def test_first_question_is_the_documents_with_options_a_to_d():
    first = QUIZZES["pipeline_trace"][0]
    assert first["question"] == "What does the Flatten layer do to the input image?"
    assert [a["answer"][:2] for a in first["answers"]] == ["A.", "B.", "C.", "D."]


@pytest.mark.parametrize("key", sorted(QUIZZES))
def test_every_quiz_is_well_formed(key):
    assert get_quiz(key) is QUIZZES[key]
    for q in QUIZZES[key]:
        assert sum(a["correct"] for a in q["answers"]) == 1
        assert all(a["feedback"].startswith("Right" if a["correct"] else "No") for a in q["answers"])


def test_answer_quiz_prints_right_or_wrong_with_feedback(capsys):
    answer_quiz("pipeline_trace", 1, "b")
    out = capsys.readouterr().out
    assert out.startswith("✅ Question 1, B. Changes the 2D image")
    assert "784" in out
    answer_quiz("pipeline_trace", 2, " A ")
    assert capsys.readouterr().out.startswith("❌ Question 2, A. (1000, 784)\n   No: that is what Flatten gives")


@pytest.mark.parametrize(
    "number, letter, message",
    [
        (0, "A", "number must be a question number from 1 to 3; got 0"),
        (4, "A", "number must be a question number from 1 to 3; got 4"),
        (True, "A", "number must be a question number from 1 to 3; got True"),
        (1, "E", "letter must be one of A, B, C, D; got 'E'"),
        (1, 2, "letter must be one of A, B, C, D; got 2"),
    ],
)
def test_answer_quiz_rejects_bad_question_or_letter(number, letter, message):
    with pytest.raises(ValueError, match=message):
        answer_quiz("pipeline_trace", number, letter)


def test_unknown_quiz_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="no quiz named 'nope'; known quizzes: pipeline_trace"):
        get_quiz("nope")


def _broken(change):
    questions = copy.deepcopy(QUIZZES["pipeline_trace"])
    change(questions[1])
    return questions


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda q: q.update(question=""), "question 2 needs a 'question' text and type 'multiple_choice'"),
        (lambda q: q.update(type="numeric"), "question 2 needs a 'question' text and type 'multiple_choice'"),
        (lambda q: q.update(answers=q["answers"][:1]), "question 2 needs 2 to 4 answers"),
        (lambda q: q["answers"][0].update(correct=True), "question 2 must have exactly one correct answer"),
        (lambda q: q["answers"][1].update(correct=False), "question 2 must have exactly one correct answer"),
        (lambda q: q["answers"][2].update(feedback=""), "question 2: every answer needs its text and a feedback line"),
    ],
)
def test_malformed_questions_are_rejected(change, message):
    with pytest.raises(ValueError, match=message):
        get_quiz(_broken(change))


def test_empty_quiz_is_rejected():
    with pytest.raises(ValueError, match="a quiz must be a non-empty list of questions; got list"):
        get_quiz([])


def test_show_quiz_is_repeatable_self_contained_and_accessible(monkeypatch):
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    show_quiz("pipeline_trace")
    show_quiz(QUIZZES["pipeline_trace"])
    assert len(shown) == 2 and shown[0]._repr_html_() == shown[1]._repr_html_()  # same output on every run
    page = shown[0]._repr_html_()
    assert "http" not in page  # nothing fetched: works offline
    assert "Changes the 2D image into a 1D list of pixels" in page
    assert page.count('role="group" aria-labelledby=') == 3  # each question labels its options
    assert page.count('aria-live="polite"') == 3  # feedback is announced
    assert page.count('<button type="button" class="course-quiz__option"') == 12  # options are buttons
    assert ":focus-visible" in page and 'html[data-theme="dark"]' in page
    assert repr(shown[0]).startswith("Question 1. What does the Flatten layer do to the input image?\n  A. Reduces")


def test_quiz_html_escapes_question_and_answer_text():
    questions = copy.deepcopy(QUIZZES["pipeline_trace"][:1])
    questions[0]["question"] = "Is <b>bold</b> & </script> safe?"
    questions[0]["answers"][0]["feedback"] = "No </script><script>alert(1)</script>"
    page = quiz.quiz_html(questions)
    assert "Is &lt;b&gt;bold&lt;/b&gt; &amp; &lt;/script&gt; safe?" in page
    assert "alert(1)</script>" not in page


def test_module_lists_its_public_api():
    assert set(quiz.__all__) == {"QUIZZES", "answer_quiz", "correct_letters", "get_quiz", "quiz_html", "quiz_text", "show_quiz"}
