# The course's commands. `make lab` opens the course; `make test` runs the tests of the pinned
# environment. CI (.ci/run) also runs `make test-browser`, `make test-colab`, `make test-site`,
# `make test-workshop`, `make test-platforms` and `make test-without-make`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# The browser test: Playwright in .venv, driving Debian's Chromium.
BROWSER_INSTALLED := $(VENV)/.browser-installed
CHROMIUM ?= /usr/bin/chromium
# The Colab floor: Python 3.13 with Colab's library versions, in a venv of its own.
COLAB_VENV := .venv-colab
COLAB_INSTALLED := $(COLAB_VENV)/.installed
COLAB_PYTHON ?=
# The website: Sphinx with MyST-NB (requirements-site.txt), in a venv of its own.
SITE_VENV := .venv-site
SITE_INSTALLED := $(SITE_VENV)/.installed
# The platform check: a pinned pip, in a venv of its own, resolves for other platforms.
PLATFORMS_VENV := .venv-platforms
PLATFORMS_INSTALLED := $(PLATFORMS_VENV)/.installed
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: lab test lint unit notebooks outputs bench clean test-browser test-colab learner-copies \
	site test-site test-platforms test-without-make test-workshop

# Create .venv and install the pinned packages; redone only when requirements.txt changes.
$(INSTALLED): requirements.txt
	@$(PYTHON) tools/check_python.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -r requirements.txt
	touch $@

lab: $(INSTALLED)
	$(BIN)/jupyter lab notebooks/01_accuracy_trap.ipynb

test: lint unit notebooks

lint: $(INSTALLED)
	$(BIN)/ruff check helpers tests tools data notebooks website

unit: $(INSTALLED)
	$(BIN)/pytest helpers tests

# nbval strict: re-executes every notebook and compares with its committed outputs.
notebooks: $(INSTALLED)
	$(BIN)/pytest notebooks

# Re-execute the notebooks in place after changing them or the helpers (then commit them); a
# statement of the text that no longer holds stops the run (COURSE_CHECKS=strict).
outputs: $(INSTALLED)
	COURSE_CHECKS=strict $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False $(NOTEBOOKS)

# Each notebook's time as a ratio to a fixed reference workload run alongside (the seed draft's
# code, tools/bench_reference/), peak memory, the slowest cells; on all cores, then on one core
# (as on Binder). Markdown tables on stdout, progress on stderr.
bench: $(INSTALLED)
	$(BIN)/python tools/benchmark.py $(NOTEBOOKS)
	taskset -c 0 $(BIN)/python tools/benchmark.py $(NOTEBOOKS)

# JupyterLab in headless Chromium: Run All in every notebook, no error, every figure drawn;
# screenshots in build/screenshots/.
test-browser: $(BROWSER_INSTALLED) $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest tests/browser

$(BROWSER_INSTALLED): requirements-browser.txt $(INSTALLED)
	$(BIN)/python -m pip install --disable-pip-version-check -r requirements-browser.txt
	touch $@

# Debian's Chromium (Playwright cannot download a browser here); needs root or sudo.
$(CHROMIUM):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium

# Every notebook executed under Colab's versions (Python 3.13, requirements-colab.txt).
test-colab: $(COLAB_INSTALLED)
	$(COLAB_VENV)/bin/pytest tests/colab_floor

$(COLAB_INSTALLED): requirements-colab.txt
	@colab_python=$$(COLAB_PYTHON="$(COLAB_PYTHON)" $(PYTHON) tools/find_python.py 3.13) \
		|| exit 1; \
	if ! $(COLAB_VENV)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' \
		2>/dev/null; then \
		echo "$$colab_python -m venv $(COLAB_VENV)"; \
		rm -rf $(COLAB_VENV) && "$$colab_python" -m venv $(COLAB_VENV) || exit 1; \
	fi
	$(COLAB_VENV)/bin/python -m pip install --disable-pip-version-check -r requirements-colab.txt
	touch $@

# The course website in build/site/, from the committed notebooks and their outputs (nothing is
# executed); warnings stop the build. Preview: python3 -m http.server -d build/site
site: $(SITE_INSTALLED) $(INSTALLED)
	$(SITE_VENV)/bin/python tools/build_site.py

$(SITE_INSTALLED): requirements-site.txt
	@$(PYTHON) tools/check_python.py
	test -x $(SITE_VENV)/bin/python || $(PYTHON) -m venv $(SITE_VENV)
	$(SITE_VENV)/bin/python -m pip install --disable-pip-version-check -r requirements-site.txt
	touch $@

# The built website: pages, links, figures, numbers, folded cells; then in headless Chromium
# (search, screenshots in build/screenshots/site-*.png).
test-site: site $(BROWSER_INSTALLED) $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) SITE_PYTHON=$(SITE_VENV)/bin/python $(BIN)/pytest tests/website

# requirements.txt resolves from binary wheels on macOS (arm64, x86-64), Windows and Linux (x86-64,
# arm64) with Python 3.11-3.13, requirements-colab.txt on Colab's; needs the package index.
test-platforms: $(PLATFORMS_INSTALLED) $(INSTALLED)
	PLATFORM_PIP_PYTHON=$(CURDIR)/$(PLATFORMS_VENV)/bin/python $(BIN)/pytest tests/platforms

$(PLATFORMS_INSTALLED): requirements-platforms.txt
	test -x $(PLATFORMS_VENV)/bin/python || $(PYTHON) -m venv $(PLATFORMS_VENV)
	$(PLATFORMS_VENV)/bin/python -m pip install --disable-pip-version-check \
		-r requirements-platforms.txt
	touch $@

# The README's "Without make" commands (macOS/Linux lines), run in a fresh clone of this checkout:
# venv, install, JupyterLab started headless and stopped, then the README's test commands.
test-without-make:
	$(PYTHON) tools/without_make.py --python $(PYTHON)

# INSTRUCTORS.md's half day: every notebook executed with only the sections the plan keeps.
test-workshop: $(INSTALLED)
	$(BIN)/pytest tests/workshop

# Workshop copies (notebooks/ is not touched): run-along copies, outputs cleared, in
# build/learner/; live-coding copies, the lesson's code cells emptied too, in build/live-coding/.
learner-copies: $(INSTALLED)
	$(BIN)/python tools/learner_copies.py --out build/learner
	$(BIN)/python tools/learner_copies.py --live-coding --out build/live-coding

clean:
	rm -rf $(VENV) $(COLAB_VENV) $(SITE_VENV) $(PLATFORMS_VENV) build .pytest_cache
