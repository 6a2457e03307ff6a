# The two commands of the README:  `make course` (set up, then run every notebook on the CPU default)
# and `make test` (set up, then run the test suite). Everything else is a convenience.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup course course-smoke publish test test-fast test-compat compat-setup test-browser gpu-setup gpu-check sglang-setup test-sglang lab lint notebooks-text clean

setup: $(VENV)/.installed $(VENV)/.compiled

# Byte-compiled once, here: where PYTHONDONTWRITEBYTECODE is set (CI images, Docker ones often), Python never
# writes the .pyc files of what it imports, so every kernel, server and test process compiled torch,
# transformers and the rest from source again (imports took 10.8 s per process instead of 4.3). compileall in
# parallel (-j 0) does it in ~30 s of CPU, where pip's own per-package compile takes ~50 (so --no-compile).
# A file that does not compile (a test helper written for a newer Python) is only left uncompiled (|| true).
# Its own step (.compiled), so that a .venv built before it gets compiled too. The packages' own test folders
# (tests/, test/: 3,500 of 20,000 files, never imported by the course) are skipped: 18 s instead of 24.
COMPILE = -m compileall -qq -j 0 -x '/tests?/'
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install --no-compile -r requirements.txt
	$(PY) -m pip install -q -e . --no-deps
	touch $@

$(VENV)/.compiled: $(VENV)/.installed
	$(PY) $(COMPILE) $(VENV)/lib || true
	touch $@

# COURSE_ARGS: e.g. "--from 05", "--only 04 05", "--rerun" (python -m utils.course --help)
course: setup  ## run every notebook (full size) not yet passed or changed since; executed copies and runs/summary.md under runs/
	$(PY) -m utils.course $(COURSE_ARGS)

course-smoke: setup  ## the same at CI's tiny sizes
	$(PY) -m utils.course --smoke $(COURSE_ARGS)

publish: setup  ## after a full `make course`: the executed notebooks, cleaned, to docs/executed/ (the README links them)
	$(PY) -m utils.course.publish

# the main suite runs in TEST_WORKERS processes (pytest-xdist), each given a whole test file at a time, the
# slowest files first (tests/conftest.py); TEST_WORKERS=0 runs it in one process, file after file
TEST_WORKERS ?= 2
PARALLEL := -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test: setup  ## unit tests + every notebook at smoke size, then the same for the GPU track's transformers (test-compat)
	$(PY) -m pytest $(PARALLEL)
	$(MAKE) --no-print-directory test-compat

# The GPU environment gets transformers 5.19.0 (sglang 0.5.23 pins it) while requirements.txt asks for
# 5.20-5.23: test-compat runs the tests of the code that environment runs (utils.serving.qwen3, utils.serving.encoders,
# utils.training.{finetune,train}, utils.serving.gpu_check; notebook 04's recipe on the Qwen3 architecture:
# test_notebook_04_recipe_on_tiny_qwen3) in a second venv that differs only in transformers: a copy of .venv
# (no second download and unpacking of torch and the rest), then requirements.txt with transformers pinned.
COMPAT_VENV ?= .venv-compat
COMPAT_PY := $(COMPAT_VENV)/bin/python
COMPAT_TRANSFORMERS ?= 5.19.0
COMPAT_TESTS ?= tests/test_qwen3.py tests/test_encoders.py tests/test_finetune.py tests/test_finetune_train.py \
	tests/test_gpu_check.py

compat-setup: $(COMPAT_VENV)/.installed

$(COMPAT_VENV)/.installed: requirements.txt pyproject.toml $(VENV)/.compiled
	rm -rf $(COMPAT_VENV)
	cp -a $(VENV) $(COMPAT_VENV)
	rm -f $(COMPAT_VENV)/.installed
	sed 's/^transformers[<>=~!].*/transformers==$(COMPAT_TRANSFORMERS)/' requirements.txt > $(COMPAT_VENV)/requirements.txt
	grep -qx 'transformers==$(COMPAT_TRANSFORMERS)' $(COMPAT_VENV)/requirements.txt
	$(COMPAT_PY) -m pip install --no-compile -r $(COMPAT_VENV)/requirements.txt
	$(COMPAT_PY) -m pip install -q -e . --no-deps
	$(COMPAT_PY) $(COMPILE) $(COMPAT_VENV)/lib || true
	touch $@

test-compat: compat-setup  ## the GPU track's transformers code under transformers 5.19.0 (CPU, .venv-compat)
	$(COMPAT_PY) -c "import transformers as t; assert t.__version__ == '$(COMPAT_TRANSFORMERS)', t.__version__"
	$(COMPAT_PY) -m pytest $(COMPAT_TESTS)

# The GPU environment (README, "The GPU track", step 1). milvus-lite requires faiss-cpu, which writes the same
# `faiss/` package as faiss-gpu-cu12, and pip installs it last: the last step puts the GPU build back on top
# (faiss-cpu stays registered, so milvus-lite's requirement holds; its files are the GPU build's).
GPU_VENV ?= .venv-gpu
GPU_PY := $(GPU_VENV)/bin/python
gpu-setup: $(GPU_VENV)/.installed  ## on a GPU machine: the GPU environment (.venv-gpu) from requirements-gpu.txt

$(GPU_VENV)/.installed: requirements-gpu.txt pyproject.toml
	$(PYTHON) -m venv $(GPU_VENV)
	$(GPU_PY) -m pip install -q --upgrade pip
	$(GPU_PY) -m pip install -r requirements-gpu.txt
	$(GPU_PY) -m pip install --force-reinstall --no-deps "$$(grep -o '^faiss-gpu-cu12[^ ]*' requirements-gpu.txt)"
	$(GPU_PY) -m pip install -q -e . --no-deps
	touch $@

# On a GPU machine with the GPU environment: start SGLang and check it.
# MODEL=DIR (default below) or MODEL=tiny (a tiny random Qwen3, no download); RERANKER=DIR adds the
# reranker; GPU_CHECK_ARGS=--help lists the options. Without a GPU it stops with exit code 2. It runs only
# in the GPU environment (the CPU one has no sglang and a CPU torch).
MODEL ?= models/Qwen3-Embedding-0.6B
gpu-check:  ## on a GPU: start SGLang with the course's command and check it (table + runs/gpu_check/*.json)
	@test -x $(GPU_PY) || { echo "$(GPU_PY) not found: create the GPU environment first with \`make gpu-setup\` (README, 'The GPU track', step 1)" >&2; exit 2; }
	$(GPU_PY) -m utils.serving.gpu_check $(if $(filter tiny,$(MODEL)),--tiny,--model $(MODEL)) $(if $(RERANKER),--reranker $(RERANKER)) $(GPU_CHECK_ARGS)

# The SGLang tier: the real sglang 0.5.23 server on a CPU (tests/sglang/; README, "Tests and CI"). Its own
# environment from requirements-sglang.txt (sglang's CPU-capable dependencies, with requirements-gpu.txt's
# pins); sglang itself --no-deps, since its GPU kernels do not install or import here. pip's cache is reused.
SGLANG_VENV ?= .venv-sglang
SGLANG_PY := $(SGLANG_VENV)/bin/python
sglang-setup: $(SGLANG_VENV)/.installed

$(SGLANG_VENV)/.installed: requirements-sglang.txt requirements-gpu.txt pyproject.toml
	$(PYTHON) -m venv $(SGLANG_VENV)
	$(SGLANG_PY) -m pip install -q --upgrade pip
	$(SGLANG_PY) -m pip install --no-deps "$$(grep -o '^sglang==[^ ]*' requirements-gpu.txt)"
	$(SGLANG_PY) -m pip install -r requirements-sglang.txt
	$(SGLANG_PY) -m pip install -q -e . --no-deps
	$(SGLANG_PY) $(COMPILE) $(SGLANG_VENV)/lib || true
	touch $@

test-sglang: sglang-setup  ## SGLang 0.5.23 itself on the CPU: gpu_check's rows, notebooks 00-01, the CLIs, the reranker
	$(SGLANG_PY) -m pytest tests/sglang tests/test_launch_commands.py

test-fast: setup  ## the unit tier only (no notebook executions, no browser)
	$(PY) -m pytest $(PARALLEL) -m "not notebooks and not browser"

test-browser: setup  ## notebook 02 in JupyterLab in headless Chromium (apt-get install -y chromium fonts-noto-cjk); screenshots in runs/browser/
	$(PY) -m pytest -m browser tests/test_browser.py

# JupyterLab runs each kernel in notebooks/: a relative EMB_MODEL is made absolute against this directory first;
# its kernels get IPC sockets and CurveZMQ keys where the system and the installed Jupyter can (utils/course/kernels.py)
lab: setup  ## open the notebooks in JupyterLab
	$(if $(EMB_MODEL),EMB_MODEL="$(abspath $(EMB_MODEL))") $(PY) -m jupyter lab $$($(PY) -m utils.course.kernels --lab-args) notebooks/

notebooks-text: setup  ## percent-format .py copies of the notebooks under runs/text/ (read or diff them as text)
	$(PY) -m utils.course --notebooks-text runs/text

lint: setup
	$(PY) -m ruff check utils tests notebooks data

clean:
	rm -rf runs .pytest_cache .ruff_cache
