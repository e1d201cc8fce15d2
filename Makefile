# Two commands work on a fresh machine: `make run` and `make test`. Each sets up what is missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

DIST_STAMP := $(VENV)/.dist-stamp
# How the packaged app finds its browser: "system" (installed Chrome/Edge/Chromium) or "bundled"
# (Playwright's Chromium inside dist/vidne; needs it installed with PLAYWRIGHT_BROWSERS_PATH=0 first).
BROWSER_ROUTE ?= system

.PHONY: setup run test test-long lint lock browser system-deps clean dist test-dist deb check-deb

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,dist]'
	touch $(DIST_STAMP)

# Renew constraints.txt: the newest versions pyproject.toml allows, then run `make test test-dist`.
lock:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --upgrade -e '.[dev,dist]'
	{ sed -n '/^#/p' constraints.txt; $(PY) -m pip freeze --exclude-editable | grep -vi '^yt-dlp=='; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	touch $(STAMP) $(DIST_STAMP)

system-deps:
	@bash scripts/system-deps.sh

browser: $(STAMP)
	@$(PY) scripts/ensure_browser.py

setup: $(STAMP) system-deps browser
	@bash scripts/build-behaviors.sh
	@bash scripts/build-verify-html.sh
	@bash scripts/install-test-browsers.sh

run: setup
	$(VENV)/bin/vidne $(if $(wildcard app/gui/__init__.py),gui,--help)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not dist and not long"
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The few longest checks (marked `long`: a batch of twenty pages, a 60,000 px page, a crash at many points,
# a full disk, ...): .ci/run runs them after `make test`, which stays under 15 minutes.
test-long: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m long

# The packaged app (PyInstaller, one folder): dist/vidne/{vidne,vidne-app}. See docs/building-installers.md.
dist: $(DIST_STAMP)
	@bash scripts/system-deps.sh dist
	VIDNE_BROWSER_ROUTE=$(BROWSER_ROUTE) $(VENV)/bin/pyinstaller --noconfirm --log-level WARN \
		--workpath build/pyinstaller --distpath dist build.spec
	@du -sh dist/vidne

# The packaged app, checked from the outside: version, a capture in a clean environment, the window.
test-dist: dist system-deps browser
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m dist tests/frozen

# The Debian package, from dist/vidne: dist/vidne_<version>_<arch>.deb; check-deb installs it here
# (root), runs the checks above against /usr/bin/vidne, and removes it.
deb: dist
	BROWSER_ROUTE=$(BROWSER_ROUTE) bash packaging/linux/build-deb.sh

check-deb: deb
	bash scripts/check-deb.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache
