# The two commands of the README:  `make course` (set up, then run every notebook on the CPU default)
# and `make test` (set up, then run the test suite). Everything else is a convenience.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup course course-smoke test test-fast lab lint notebooks-text clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -r requirements.txt
	$(PY) -m pip install -q -e . --no-deps
	touch $@

course: setup  ## run every notebook (full size); executed copies and runs/summary.md under runs/
	$(PY) -m utils.course

course-smoke: setup  ## the same at CI's tiny sizes
	$(PY) -m utils.course --smoke

test: setup  ## unit tests + every notebook at smoke size
	$(PY) -m pytest

test-fast: setup  ## the unit tier only (no notebook executions, no browser): about a minute
	$(PY) -m pytest -m "not notebooks and not browser"

lab: setup  ## open the notebooks in JupyterLab
	$(PY) -m jupyter lab notebooks/

notebooks-text: setup  ## percent-format .py copies of the notebooks under runs/text/ (read or diff them as text)
	$(PY) -m utils.course --notebooks-text runs/text

lint: setup
	$(PY) -m ruff check utils tests notebooks data

clean:
	rm -rf runs .pytest_cache .ruff_cache
