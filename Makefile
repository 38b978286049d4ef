# Two commands for a fresh clone: `make serve` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installe
# The editor's packages (Decap CMS, decap-server): npm ci when the lock file changes. Without
# npm (Debian's nodejs and npm) the site still builds; its /admin/ page then says so.
EDITOR := editeur
EDITOR_STAMP := $(EDITOR)/node_modules/.installe
export NO_MKDOCS_2_WARNING := 1

.PHONY: install editer serve build build-zensical edition test test-rapide lint valider bench clean

install: $(STAMP) $(EDITOR_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,zensical]'
	touch $(STAMP)

$(EDITOR_STAMP): $(EDITOR)/package-lock.json
	@if command -v npm >/dev/null; then \
		cd $(EDITOR) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installe; \
	else \
		echo "npm absent (paquets Debian nodejs et npm) : l'éditeur /admin/ ne sera pas installé"; \
	fi

# The editor against the working tree: the preview (as make serve) and decap-server (Decap's
# local backend, files written as they are, no commit) on 127.0.0.1; Ctrl-C stops both.
editer: install
	BIBLIO_STRICT=false $(BIN)/python -m biblio.editor_serve

# --dirty: an edit rebuilds only the pages it changes (the generated pages are compared by
# content); the preview is not strict because MkDocs warns about dirty builds.
serve: install
	BIBLIO_STRICT=false $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

# The same site built by Zensical (no MkDocs plugin): biblio's files, zensical build,
# Pagefind, then the address promise checked on its output. Written to site-zensical/.
build-zensical: install
	$(BIN)/python -m biblio.zensical_build --sortie site-zensical

# The PDF edition: the built site's print page printed by Debian's chromium (page numbers in
# the contents need two passes: see biblio/print_pdf.py). Written to build/edition.pdf.
edition: build
	mkdir -p build
	$(BIN)/python -m biblio.print_pdf site build/edition.pdf

valider: install
	$(BIN)/biblio valider

lint: install
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks
	$(BIN)/mypy

# The whole suite takes five to six minutes; past 45 (a browser that no longer answers, each
# test stopped at its 300 s limit), pytest is interrupted and prints what it has: CI ends with
# a readable failure instead of reaching its own time limit.
test: install lint
	timeout --signal=INT --kill-after=60 2700 $(BIN)/pytest

# Everything but the site builds and the browser: a developer's quick loop.
test-rapide: install
	$(BIN)/pytest -m "not lent"

bench: install
	$(BIN)/python benchmarks/chargement.py
	$(BIN)/python benchmarks/liens.py

clean:
	rm -rf $(VENV) $(EDITOR)/node_modules site build .mypy_cache .ruff_cache .pytest_cache
