# Akimat Desk: `make run` starts the app, `make test` runs every test headless.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
MO     := translations/kk/LC_MESSAGES/messages.mo translations/ru/LC_MESSAGES/messages.mo
# The bundle is built in its own venv, from requirements.lock only (exact versions and hashes).
DIST_VENV ?= .venv-dist
DIST_PY   := $(DIST_VENV)/bin/python
DIST_STAMP := $(DIST_VENV)/.installed

.PHONY: help run test translations extract lint typecheck bench dist lock check-qt-libs clean

help:
	@echo "make run           set up .venv and start the GUI on the default data file (demo village on first start)"
	@echo "make test          set up .venv and run every test headless"
	@echo "make translations  re-extract messages.pot, update and compile kk/ru catalogues"
	@echo "make lint          ruff check, then make typecheck"
	@echo "make typecheck     mypy on domain, store, services, sync, documents ([tool.mypy] in pyproject.toml)"
	@echo "make bench         run the benchmarks in bench/ (BENCH_ARGS=\"--region-persons 200000\")"
	@echo "make dist          build the bundle dist/akimat-desk/ from build.spec and requirements.lock"
	@echo "make lock          refresh requirements.lock (exact versions with hashes) from pyproject.toml"

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $(STAMP)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(VENV)/bin/pybabel compile --use-fuzzy -d translations -D messages -l $* >/dev/null

run: check-qt-libs $(STAMP) $(MO)
	$(PY) -m desktop_app --demo

# On a Linux desktop: Qt's xcb libraries present? Else print the apt-get line and stop.
check-qt-libs:
	@python3 tools/check_qt_libs.py

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
	$(VENV)/bin/ruff check desktop_app tests bench tools
	$(MAKE) typecheck

# The packages and options are in pyproject.toml's [tool.mypy]; mypy comes with the test extra.
typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/run_all.py $(BENCH_ARGS)

$(DIST_STAMP): requirements.lock
	python3 -m venv $(DIST_VENV)
	$(DIST_PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	$(DIST_VENV)/bin/pybabel compile --use-fuzzy -d translations -D messages >/dev/null
	$(DIST_VENV)/bin/pyinstaller --noconfirm --clean build.spec
	@du -sh dist/akimat-desk

# pip-tools lives in the lock's own venv only; the lock is for this platform and Python (the
# Windows workflow makes requirements-windows.lock the same way on its runner).
lock:
	python3 -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra dist --no-emit-index-url -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) $(DIST_VENV) .venv-lock build dist
