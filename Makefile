# The two commands a newcomer needs: `make run` and `make test`. Prerequisites: Python 3.12+ and make.

UV := $(shell if uv --version >/dev/null 2>&1; then echo uv; else echo "python3 -m uv"; fi)
MANAGE := $(UV) run --frozen python manage.py
# `make serve` is production: DEBUG off unless the environment says otherwise (read before the default below).
SERVE_DEBUG := $(or $(DJANGO_DEBUG),0)
# Local development and the test suite run with DEBUG on (Django's test runner turns it off again).
export DJANGO_DEBUG ?= 1

.PHONY: install run test lint worker serve

install:
	@# Distributions that manage their own Python refuse a plain pip install; a user install still works there.
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen
	@# manage.py reads .env (the environment wins); the WSGI server never does, so production stays strict.
	@test -f .env || printf '%s\n' '# Local development settings for manage.py; never committed.' 'DJANGO_DEBUG=1' > .env

run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	$(MANAGE) runserver --noreload 127.0.0.1:8000

test: install
	$(UV) run --frozen pytest

lint: install
	$(UV) run --frozen ruff check .

worker: install
	$(MANAGE) db_worker

# Production: migrations, static files, then gunicorn (config/gunicorn.py: HOST, PORT, WEB_CONCURRENCY).
serve: export DJANGO_DEBUG = $(SERVE_DEBUG)
serve: install
	@case "$$DJANGO_DEBUG" in 1|true|yes|on) ;; *) test -n "$$DJANGO_SECRET_KEY" || { \
		echo "make serve: DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off" >&2; exit 1; } ;; esac
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) collectstatic --no-input --verbosity 0
	exec $(UV) run --frozen python -m gunicorn --config python:config.gunicorn config.wsgi
