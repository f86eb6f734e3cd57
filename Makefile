# Two commands matter:  make book  and  make test.  Both create .venv when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Parallel workers for the notebook tests (one notebook per worker).
JOBS   ?= 2
export PATH := $(BIN):$(PATH)
export PYTHONHASHSEED := 0

.PHONY: help env book test execute lab clean assignments bench stability release grade instructors-env

help:
	@echo "make book     build the HTML book into _build/html (creates .venv when missing)"
	@echo "make test     run every test: unit tests and nbval over every chapter"
	@echo "make execute  re-execute every notebook in place (NB=chapters/x.ipynb for one)"
	@echo "make lab      open JupyterLab on the chapters"
	@echo "make assignments  write the student edition of every chapter into _build/assignments (SOLUTIONS=book|none)"
	@echo "make release  nbgrader source and release layout of every chapter in _build/nbgrader (instructors)"
	@echo "make grade SUBMISSIONS=DIR  autograde DIR/<student>/*.ipynb into _build/grades (instructors)"
	@echo "make bench    measure notebook, test-suite and book-build times into _build/bench.json"
	@echo "make stability  run the notebook tests 3 times, with 1 and 2 threads, and with oneDNN on"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

env: $(STAMP)

book: $(STAMP)
	rm -rf _build/html _build/.doctrees
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	@echo "Open the book: file://$(CURDIR)/_build/html/index.html"

test: instructors-env
	$(BIN)/python -m pytest -n $(JOBS) --dist loadscope

execute: $(STAMP)
	$(BIN)/python tests/execute_notebooks.py $(NB)

lab: $(STAMP)
	$(BIN)/jupyter lab chapters/

clean:
	rm -rf _build

# Where a student's solution() points: the online book (book) or nowhere (none).
SOLUTIONS ?= book
assignments: $(STAMP)
	$(BIN)/python -m course_utils.assignments _build/assignments --solutions $(SOLUTIONS)

# Instructors: nbgrader (requirements-instructors.txt), offline, no server.
NOTEBOOK_TIMEOUT ?= 900
instructors-env: $(STAMP)
	$(BIN)/python -c "import nbgrader" 2>/dev/null || $(BIN)/python -m pip install --quiet -r requirements-instructors.txt

release: instructors-env
	$(BIN)/python -m course_utils.grading release

grade: instructors-env
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=DIR (one folder per student)"; exit 2; }
	$(BIN)/python -m course_utils.grading grade "$(SUBMISSIONS)" --notebook-timeout $(NOTEBOOK_TIMEOUT)

bench: $(STAMP)
	$(BIN)/python tests/bench.py

stability: $(STAMP)
	for run in 1 2 3; do $(BIN)/python -m pytest -q -n $(JOBS) --dist loadscope chapters || exit 1; done
	TF_NUM_INTRAOP_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -q -n $(JOBS) --dist loadscope chapters
	TF_NUM_INTRAOP_THREADS=2 OMP_NUM_THREADS=2 $(BIN)/python -m pytest -q -n $(JOBS) --dist loadscope chapters
	TF_ENABLE_ONEDNN_OPTS=1 $(BIN)/python -m pytest -q -n $(JOBS) --dist loadscope chapters
