# The two commands a newcomer needs: `make site` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
# The browser tests drive Debian's Chromium; Playwright must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export DOSSIER_CHROMIUM := $(CHROMIUM)

.PHONY: site site-zensical test test-quick check serve serve-zensical clean browser hooks schema new-entity new-source rename-source remove-source changes coverage drift vendor
# `make serve PORT=8001` when 8000 is taken; `make changes SINCE=<rev>` compares with another revision.
PORT ?= 8000
SINCE ?= origin/main

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

site: $(VENV)/.installed
	$(PY) build.py

# The same generated pages rendered by Zensical into site.zensical/ (site/ is left as it is).
site-zensical: $(VENV)/.installed
	$(PY) build.py build --renderer zensical

# Two processes (pytest-xdist): the tests of the real site in one (built once), the other modules spread over both.
test: $(VENV)/.installed browser
	$(PY) -m pytest -n 2 --dist loadgroup

# The quick lane: every test that needs neither a browser nor a real build process (about 30 s).
test-quick: $(VENV)/.installed
	$(PY) -m pytest -q -n 2 --dist loadgroup -m "not browser and not slow"

# Debian's chromium package, installed when missing (CI runs as root; elsewhere sudo asks).
browser:
	@test -x $(CHROMIUM) || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
		|| { $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }; }

check: $(VENV)/.installed
	$(PY) build.py check

serve: $(VENV)/.installed
	$(PY) build.py serve --port $(PORT)

# The same live preview, rendered by Zensical instead of MkDocs.
serve-zensical: $(VENV)/.installed
	$(PY) build.py serve --renderer zensical --port $(PORT)

schema: $(VENV)/.installed
	$(PY) build.py schema

# make new-entity ID=segou NAME="Ségou" TYPE=place (NAME and TYPE optional)
new-entity: $(VENV)/.installed
	@test -n "$(ID)" || { echo 'usage: make new-entity ID=segou NAME="Ségou" TYPE=place' >&2; exit 2; }
	$(PY) build.py new entity "$(ID)" $(if $(NAME),--name "$(NAME)") $(if $(TYPE),--type "$(TYPE)")

# make new-source FILE=path/to/article.txt, FILE=saved-page.html or FILE=https://... (ID=... to choose the id)
new-source: $(VENV)/.installed
	@test -n "$(FILE)" || { echo 'usage: make new-source FILE=path/to/article.txt (or a saved .html page, or https://...)' >&2; exit 2; }
	$(PY) build.py new source "$(FILE)" $(if $(ID),--id "$(ID)")

# make rename-source FROM=old-id TO=new-id: the files and every citation
rename-source: $(VENV)/.installed
	@test -n "$(FROM)" -a -n "$(TO)" || { echo 'usage: make rename-source FROM=old-id TO=new-id' >&2; exit 2; }
	$(PY) build.py rename source "$(FROM)" "$(TO)"

# make remove-source ID=id: refused while anything cites it
remove-source: $(VENV)/.installed
	@test -n "$(ID)" || { echo 'usage: make remove-source ID=source-id' >&2; exit 2; }
	$(PY) build.py remove source "$(ID)"

changes: $(VENV)/.installed
	$(PY) build.py changes --since "$(SINCE)"

coverage: $(VENV)/.installed
	$(PY) build.py coverage

# Fetches every source's url again (the only target besides new-source that goes online); changes nothing.
drift: $(VENV)/.installed
	$(PY) build.py drift

# Installs a git pre-commit hook that runs `make check`: a commit with a content error is refused.
hooks:
	@hooks=$$(git rev-parse --git-path hooks) && mkdir -p "$$hooks" && \
	printf '#!/bin/sh\n# Installed by make hooks: refuse a commit whose content does not pass the check.\nexec make check\n' \
		> "$$hooks/pre-commit" && chmod +x "$$hooks/pre-commit" && \
	echo "Installed $$hooks/pre-commit: each git commit now runs make check first."

# The generated pages of docs/ are the /docs/ lines of .gitignore (dossier.pages.GENERATED_PATHS);
# .dossier-cache/ is what build --dirty (removed) left behind.
clean:
	rm -rf site site.building site.previous site.zensical site.zensical.building site.zensical.previous test-artifacts .dossier-cache \
		$$(sed -n 's|^/\(docs/.*\)|\1|p' .gitignore)

# The site graph's library, cytoscape.js, is shipped with the site (docs/assets/vendor/, committed:
# no build or reader fetches it from elsewhere). This re-creates those files from the pinned npm
# package, checked against its checksum; run it only to change the version (then update both lines).
CYTOSCAPE_VERSION := 3.34.4
CYTOSCAPE_SHA256 := 0d02363d99d805ce8d91fdecab7b2a8cb91ee280d67f309ce44c161d117b4679
vendor:
	rm -rf .vendor && mkdir .vendor
	cd .vendor && npm pack --silent cytoscape@$(CYTOSCAPE_VERSION) >/dev/null
	echo "$(CYTOSCAPE_SHA256)  .vendor/cytoscape-$(CYTOSCAPE_VERSION).tgz" | sha256sum --check --quiet
	tar -xzf .vendor/cytoscape-$(CYTOSCAPE_VERSION).tgz -C .vendor package/dist/cytoscape.min.js package/LICENSE
	mkdir -p docs/assets/vendor
	cp .vendor/package/dist/cytoscape.min.js docs/assets/vendor/cytoscape.min.js
	cp .vendor/package/LICENSE docs/assets/vendor/cytoscape.LICENSE.txt
	rm -rf .vendor
