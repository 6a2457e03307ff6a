# The two commands of the README:  `make course` (set up, then run every notebook on the CPU default)
# and `make test` (set up, then run the test suite). Everything else is a convenience.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup course course-smoke test test-browser lab lint clean

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

test-browser: setup  ## notebook 02 in JupyterLab in headless Chromium (apt-get install -y chromium fonts-noto-cjk); screenshots in runs/browser/
	$(PY) -m pytest -m browser tests/test_browser.py

lab: setup  ## open the notebooks in JupyterLab
	$(PY) -m jupyter lab notebooks/

lint: setup
	$(PY) -m ruff check utils tests notebooks

clean:
	rm -rf runs .pytest_cache .ruff_cache
