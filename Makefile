# Two commands on a fresh machine: `make demo` and `make test`.
# The Makefile makes its own virtual environment and installs what it needs into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Compiles the message readers with mypyc where the machine can (a no-op when current; pure Python otherwise).
ACCEL  := $(BIN)/python -m openpiu.accel_build

.PHONY: demo test check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@$(ACCEL)
	$(BIN)/openpiu demo

test: $(STAMP)
	@$(ACCEL)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff format --check openpiu tests bench
	$(BIN)/ruff check openpiu tests bench
	$(BIN)/mypy openpiu

bench: $(STAMP)
	@$(ACCEL)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache demo openpiu/_accel.json
	find openpiu -name '*.so' -delete
