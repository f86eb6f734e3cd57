# Two commands matter:  make book  and  make test.  Both create .venv when missing.
# Another Python or environment: make test PYTHON=python3.12 VENV=/tmp/venv312
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed-stamp
# Learners' requirements.txt, then every requirements-*.txt (authors', instructors').
REQUIREMENTS := requirements.txt $(sort $(wildcard requirements-*.txt))
# Parallel workers for the notebook tests (one notebook per worker).
JOBS   ?= 2
export PATH := $(BIN):$(PATH)
export PYTHONHASHSEED := 0

.PHONY: help env book test execute lab clean assignments bench stability release grade instructors-env platforms

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
	@echo "make platforms  check that requirements.txt has wheels for Linux, macOS arm64, Windows x Python 3.11-3.13 (asks PyPI)"

$(STAMP): $(REQUIREMENTS) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; v = sys.version_info[:2]; sys.exit(None if (3, 11) <= v <= (3, 13) else \
		f"The course supports Python 3.11 to 3.13 (TensorFlow 2.21 has no wheels for other versions); $(VENV) has {v[0]}.{v[1]}. Use PYTHON=python3.11 and remove $(VENV).")'
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# tensorflow replaced tensorflow-cpu (same code; wheels for macOS and Windows too): drop an old one first
	$(BIN)/python -m pip uninstall --quiet --yes tensorflow-cpu 2>/dev/null || true
	$(BIN)/python -m pip install --quiet $(addprefix -r ,$(REQUIREMENTS))
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

env: $(STAMP)

book: $(STAMP)
	rm -rf _build/html _build/.doctrees _build/assignments
	$(BIN)/python -m course_utils.assignments _build/assignments
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	cp -r _build/assignments _build/html/assignments
	@echo "Open the book: file://$(CURDIR)/_build/html/index.html"

test: instructors-env
	$(BIN)/python -m pytest -n $(JOBS) --dist loadscope

execute: $(STAMP)
	$(BIN)/python tests/execute_notebooks.py $(NB)

lab: $(STAMP)
	$(BIN)/jupyter lab chapters/

clean:
	rm -rf _build

# Where a student's solution() points: the online book (book) or nowhere (none); BOOK_URL = your site.
SOLUTIONS ?= book
assignments: $(STAMP)
	$(BIN)/python -m course_utils.assignments _build/assignments --solutions $(SOLUTIONS) $(if $(BOOK_URL),--book-url $(BOOK_URL))

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

# Asks the package registry, so it is not part of the offline `make test`.
platforms:
	$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) tests/platforms.py --unsupported

stability: $(STAMP)
	for run in 1 2 3; do $(BIN)/python -m pytest -q -n $(JOBS) --dist loadscope chapters || exit 1; done
	TF_NUM_INTRAOP_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -q -n $(JOBS) --dist loadscope chapters
	TF_NUM_INTRAOP_THREADS=2 OMP_NUM_THREADS=2 $(BIN)/python -m pytest -q -n $(JOBS) --dist loadscope chapters
	TF_ENABLE_ONEDNN_OPTS=1 $(BIN)/python -m pytest -q -n $(JOBS) --dist loadscope chapters
