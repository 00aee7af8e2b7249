# Two commands for a newcomer: `make run` (demo on SQLite) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint check clean bench-pdf bench bench-load bench-search

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# The task worker (carnets) runs beside the web server and stops with it. DEBUG off, as a
# user would see it (the app's French error pages); --insecure still serves the statics.
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py reap_stale_tasks
	$(BIN)/python manage.py run_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=0 $(BIN)/python manage.py runserver --insecure $(HOST)

# PDF speed: seed monographs, raw WeasyPrint, carnets of 10 and 100 monographs.
bench-pdf: install
	$(BIN)/python benchmarks/bench_pdf.py

# Web speed at national scale on PostgreSQL (BENCH_DATABASE_URL, default database
# dla_ic_bench on 127.0.0.1, created and filled once), gunicorn 2 workers, wrk 10 × 20 s
# per page. Needs Debian's wrk (apt-get install -y wrk). Appends to benchmarks/results.md.
bench: install
	@command -v wrk >/dev/null || { echo "wrk manque : apt-get install -y wrk"; exit 1; }
	$(BIN)/python benchmarks/bench_web.py

# Search without accents (issue 20): p50/p99 of each search on 50,000 structures, with and
# without its index, on the same database as `make bench`.
bench-search: install
	$(BIN)/python benchmarks/bench_search.py

# Load with writes: 20 clients × 60 s over 200 ICs, then the TransitionLog accounting.
bench-load: install
	$(BIN)/python benchmarks/bench_load.py

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var db.sqlite3
