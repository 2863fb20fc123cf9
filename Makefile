# overheard: `make demo` runs the workbench on the bundled samples, `make test` runs the tests.
# Both set everything up first (Debian packages, a virtualenv in .venv) and are safe to re-run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_WORKSPACE ?= demo-workspace

.PHONY: setup demo test test-fast bench lint screenshot clean i18n

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt scripts/setup-system.sh
	bash scripts/setup-system.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: setup
	DEMO_WORKSPACE=$(DEMO_WORKSPACE) bash scripts/demo.sh

test: setup  # every test, the modules spread over all cores (pytest-xdist; a module's tests stay on one worker)
	$(BIN)/python -m pytest -q -n auto --dist loadfile

test-fast: setup  # the inner loop: no browser, PostgreSQL, Ray, Whisper model or kill tests (CI runs them all)
	$(BIN)/python -m pytest -q -n auto --dist loadfile -m "not slow"

bench: setup
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

screenshot: setup  # docs/screenshot-call.png from the workspace `make demo` built
	$(BIN)/python scripts/screenshot.py --workspace $(DEMO_WORKSPACE)

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) $(DEMO_WORKSPACE) .pytest_cache

# Interface languages (docs/web.md): extract every marked string, merge it into the ru/uk catalogues, check them.
LOCALES := src/overheard/web/locale
i18n: setup
	$(BIN)/pybabel extract --no-location --omit-header --sort-output -F babel.cfg -k N_ -o $(LOCALES)/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --width 120 -i $(LOCALES)/messages.pot -d $(LOCALES) -D messages
	$(BIN)/pybabel compile --statistics -d $(LOCALES) -D messages -o /dev/null -l ru -i $(LOCALES)/ru/LC_MESSAGES/messages.po
	$(BIN)/pybabel compile --statistics -d $(LOCALES) -D messages -o /dev/null -l uk -i $(LOCALES)/uk/LC_MESSAGES/messages.po
