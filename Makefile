# The two commands a newcomer needs: `make run` and `make test`. Prerequisites: Python 3.12+ and make.

UV := $(shell if uv --version >/dev/null 2>&1; then echo uv; else echo "python3 -m uv"; fi)
MANAGE := $(UV) run --frozen python manage.py
# Local development and the test suite run with DEBUG on (Django's test runner turns it off again).
export DJANGO_DEBUG ?= 1

.PHONY: install run test lint worker

install:
	@# Distributions that manage their own Python refuse a plain pip install; a user install still works there.
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen

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
