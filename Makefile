# The two commands: `make dev` and `make test`. Everything they need is installed here, in
# a project-local virtualenv (.venv) for the Python tools and by cargo for the Rust ones.

SHELL := /bin/bash
VENV  := .venv
TOOLS := $(VENV)/.installed-$(shell sha1sum requirements-dev.txt 2>/dev/null | cut -c1-12)

.PHONY: dev test tools lint bench deploy-build clean

## dev: the whole platform locally (emulator, table, bucket, demo data, local API)
dev: $(TOOLS)
	@scripts/dev.sh

## test: lint the template, build every function, run every test
test: $(TOOLS)
	@scripts/test.sh

tools: $(TOOLS)

$(TOOLS): requirements-dev.txt
	@command -v python3 >/dev/null || { echo "python3 is required"; exit 1; }
	@command -v cargo >/dev/null || { echo "cargo (Rust) is required"; exit 1; }
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

## bench: search speed and memory at 50,000 missions, cold catalogue load (see README)
bench: $(TOOLS)
	@scripts/bench.sh

## lint: cfn-lint on the SAM template
lint: $(TOOLS)
	$(VENV)/bin/cfn-lint infra/template.yaml

## deploy-build: release arm64 zips of every function with cargo-lambda (see README)
deploy-build:
	python3 -m venv $(VENV)-deploy
	$(VENV)-deploy/bin/pip install --quiet --disable-pip-version-check 'cargo-lambda==1.9.2' 'aws-sam-cli==1.170.0'
	PATH="$(CURDIR)/$(VENV)-deploy/bin:$$PATH" $(VENV)-deploy/bin/sam build --template-file infra/template.yaml

clean:
	rm -rf target .dev .aws-sam
