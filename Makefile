# Two commands do everything on a fresh clone (see README.md):
#   make run    set up .venv and build the graph of the bundled corpus into out/
#   make test   set up .venv (and the browser/RDF tools the tests use) and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kg-setup

.PHONY: setup system-deps run test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml tools/install_model.py
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "kg needs Python 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet wheel==0.48.0 -e '.[dev]'
	$(BIN)/python tools/install_model.py
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build data/corpus -o out

# What the tests need from Debian: a real browser for the HTML graph, an independent Turtle parser,
# and a CJK font so that screenshots show Chinese. Installed once (root or sudo needed).
SYSTEM_PACKAGES := chromium raptor2-utils fonts-noto-cjk
system-deps:
	@if command -v chromium >/dev/null && command -v rapper >/dev/null && fc-list :lang=zh | grep -q .; then \
	  echo "system packages present"; \
	else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $(SYSTEM_PACKAGES); \
	fi

test: $(STAMP) system-deps
	$(BIN)/ruff check kg tests tools bench
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check kg tests tools bench
	$(BIN)/ruff format --check kg tests tools bench

bench: $(STAMP) system-deps
	$(BIN)/python bench/build_bench.py
	$(BIN)/python bench/rdf_bench.py
	$(BIN)/python bench/html_bench.py

clean:
	rm -rf $(VENV) out .pytest_cache
