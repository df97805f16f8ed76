# Akimat Desk: `make run` starts the app, `make test` runs every test headless.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
MO     := translations/kk/LC_MESSAGES/messages.mo translations/ru/LC_MESSAGES/messages.mo

.PHONY: help run test translations extract lint bench dist clean

help:
	@echo "make run           set up .venv and start the GUI on the default data file (demo village on first start)"
	@echo "make test          set up .venv and run every test headless"
	@echo "make translations  re-extract messages.pot, update and compile kk/ru catalogues"
	@echo "make lint          ruff check"
	@echo "make bench         run the benchmarks in bench/ (BENCH_ARGS=\"--region-persons 200000\")"
	@echo "make dist          build the PyInstaller bundle from build.spec"

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $(STAMP)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(VENV)/bin/pybabel compile --use-fuzzy -d translations -D messages -l $* >/dev/null

run: $(STAMP) $(MO)
	$(PY) -m desktop_app --demo

test: $(STAMP) $(MO)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

extract: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k _ -k ngettext:1,2 -k pgettext:1c,2 \
	  --no-location --sort-output --project akimat-desk -o translations/messages.pot desktop_app >/dev/null

translations: extract
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations -D messages --no-fuzzy-matching --ignore-obsolete >/dev/null
	$(MAKE) $(MO)

lint: $(STAMP)
	$(VENV)/bin/pip install --quiet ruff
	$(VENV)/bin/ruff check desktop_app tests

bench: $(STAMP)
	$(PY) bench/run_all.py $(BENCH_ARGS)

dist: $(STAMP) $(MO)
	$(PIP) install --quiet pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm build.spec

clean:
	rm -rf $(VENV) build dist
