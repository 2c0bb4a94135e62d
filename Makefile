# rasd — the README's commands. Every target installs what it needs from nothing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
export RASD_SHARED := $(abspath $(SHARED))
PG_URL ?= postgresql://rasd:rasd@127.0.0.1:5432/rasd_test

.PHONY: demo test bench train lint system clean serve-demo

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[postgres,serve,scale,dev]'
	touch $(STAMP)

system:
	bash scripts/setup_system.sh

demo: $(STAMP)
	$(BIN)/rasd extract examples/ain-al-asad-2024-08-06.txt --published 2024-08-06 --format table
	$(BIN)/rasd extract examples/ain-al-asad-2024-08-06.txt --published 2024-08-06 --format json

test: $(STAMP) system lint
	RASD_TEST_PG_URL=$${RASD_TEST_PG_URL:-$(PG_URL)} $(BIN)/python -m pytest -q -ra tests

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/mypy src/rasd

# Rebuild every committed artefact from ../shared/data (deterministic; tests check the checksums).
train: $(STAMP)
	$(BIN)/pip install -q -e '.[train]'
	$(BIN)/python scripts/build_gazetteer.py
	$(BIN)/python scripts/train_clusters.py
	$(BIN)/python scripts/train_ner.py

# Accuracy, speed and memory figures (the README quotes them with these commands).
bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/eval_gsr.py
	$(BIN)/python bench/eval_ner.py
	$(BIN)/python bench/eval_idrisi.py
	$(BIN)/python bench/bench_actors.py
	$(BIN)/python bench/bench_text.py
	$(BIN)/python bench/bench_speed.py
	$(BIN)/python bench/bench_dask.py
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/bench_ingest.py

# The web page on a demo database (the seed article plus synthetic reports).
serve-demo: $(STAMP)
	$(BIN)/python -m rasd.serve.demo demo.db
	$(BIN)/rasd serve --db demo.db

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
