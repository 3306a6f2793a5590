# The two commands a new user types: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
export PIP_BUILD_CONSTRAINT := $(CURDIR)/build-constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install messages run test lint check serve worker beat bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q pip==26.3

$(VENV)/.installed: requirements.txt build-constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

# axe-core, which the browser tests run in each page (package-lock.json pins it).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed

## make messages: compile the translations (locale/*/django.po → .mo; needs gettext)
messages: install
	DEBUG=true $(MANAGE) compilemessages -v0 -i .venv -i var -i staticfiles

## make run: install, migrate, load reference and demo data, then serve on
## 127.0.0.1:8000 with a Celery worker (and beat) beside it, until Ctrl-C
run: export DEBUG ?= true
run: install messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_reference_data
	$(MANAGE) seed_demo
	@echo "Open http://127.0.0.1:8000 and log in with one of the demo logins above."
	$(MANAGE) runplatform 127.0.0.1:8000

## make test: ruff, mypy, migrations and schema checks, and the whole pytest suite on a
## test database made anew
test: install node_modules/.installed lint messages
	DEBUG=true $(MANAGE) makemigrations --check --dry-run
	DEBUG=true $(MANAGE) spectacular --validate --fail-on-warn --file /dev/null
	$(BIN)/pytest --create-db

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	DEBUG=true $(BIN)/mypy .

worker: install
	$(BIN)/celery -A sse_mapping worker -Q default,exports,reports -l info

beat: install
	$(BIN)/celery -A sse_mapping beat -l info

clean:
	rm -rf $(VENV) node_modules staticfiles var db.sqlite3

## make bench: the performance harness at full scale (5 × 100 000 entities) against
## DATABASE_URL (PostgreSQL) and REDIS_URL; writes docs/benchmarks.md
BENCH_PER_COUNTRY ?= 100000
BENCH_ARGS ?=
bench: install
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "make bench needs DATABASE_URL=postgres://… and REDIS_URL (see docs/benchmarks.md)"; exit 2;; esac
	@test -n "$$REDIS_URL" || { echo "make bench needs REDIS_URL"; exit 2; }
	$(BIN)/python -m benchmarks.run --per-country $(BENCH_PER_COUNTRY) --out docs/benchmarks.md $(BENCH_ARGS)
