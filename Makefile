# The two commands a newcomer needs: `make site` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

site: $(VENV)/.installed
	$(PY) build.py

test: $(VENV)/.installed
	$(PY) -m pytest

check: $(VENV)/.installed
	$(PY) build.py check

serve: $(VENV)/.installed
	$(PY) build.py serve

clean:
	rm -rf site site.building site.previous docs/entities docs/sources
