# The two commands the README opens with:
#   make demo   the product on the bundled catalog, no token needed
#   make test   the whole test suite (what CI runs through .ci/run)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup native setup-node setup-redis setup-git bench clean vsix

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: installing Debian's python3-venv"; rm -rf $(VENV); \
	  apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) native

# The scanner's hot modules compiled with mypyc into build/native/ (scripts/build_native.py): built
# again when one of their sources changed, else a no-op.  Without a C compiler (Debian's gcc is
# installed when missing) the build is skipped with a note and the same modules run as Python.
native: $(STAMP)
	@command -v cc >/dev/null || { apt-get update -qq && apt-get install -y -qq gcc; } || true
	@$(BIN)/python scripts/build_native.py --quiet

# Node-based test tools (SARIF validator, VS Code extension build and e2e); each script is idempotent.
setup-node:
	bash scripts/setup-node.sh

# `errcode catalog update` runs git; its tests serve repositories with `git daemon` (in Debian's git package).
setup-git:
	@command -v git >/dev/null || { apt-get update -qq && apt-get install -y -qq git; }

demo: $(STAMP) native
	@echo '$$ errcode explain 7700201'
	@$(BIN)/errcode explain 7700201
	@echo
	@echo '$$ errcode explain "what is IMAGE_RESULT_BASE + 5 and 401?"'
	@$(BIN)/errcode explain "what is IMAGE_RESULT_BASE + 5 and 401?"
	@echo
	@echo '$$ errcode search "shared memory"'
	@$(BIN)/errcode search "shared memory"
	@echo
	@echo '$$ errcode check examples/demo-app --fail-on never'
	@$(BIN)/errcode check examples/demo-app --fail-on never

# redis-server for the Slack bot's replica tests (installed only when missing).
setup-redis:
	bash scripts/setup-redis.sh

test: $(STAMP) native setup-node setup-redis setup-git
	$(BIN)/python -m pytest

bench: $(STAMP)
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# The VS Code extension package: vscode-client/dist/ohos-errcode.vsix
vsix:
	cd vscode-client && npm ci && npm run package

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
	rm -rf vscode-client/node_modules vscode-client/.cache vscode-client/dist vscode-client/out tools/sarif/node_modules
