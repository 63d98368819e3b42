# The course's commands. `make lab` opens the course; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

.PHONY: lab test lint unit notebooks outputs bench clean

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
	$(BIN)/ruff check helpers tests tools data notebooks

unit: $(INSTALLED)
	$(BIN)/pytest helpers tests

# nbval strict: re-executes every notebook and compares with its committed outputs.
notebooks: $(INSTALLED)
	$(BIN)/pytest notebooks

# Re-execute the notebooks in place after changing them or the helpers (then commit them).
outputs: $(INSTALLED)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False $(NOTEBOOKS)

# Wall time and peak memory of each notebook, on all cores and on one core (as on Binder).
bench: $(INSTALLED)
	$(BIN)/python tools/benchmark.py $(NOTEBOOKS)
	taskset -c 0 $(BIN)/python tools/benchmark.py --seconds-target 20 $(NOTEBOOKS)

clean:
	rm -rf $(VENV) build .pytest_cache
