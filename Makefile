# The two commands: `make dev` and `make test`. Everything they need is installed here, in
# a project-local virtualenv (.venv) for the Python tools and by cargo for the Rust ones.

SHELL := /bin/bash
VENV  := .venv
TOOLS := $(VENV)/.installed-$(shell sha1sum requirements-dev.txt 2>/dev/null | cut -c1-12)

.PHONY: dev test tools lint bench deploy-build deploy clean

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

## lint: cfn-lint and checkov on the SAM template
lint: $(TOOLS)
	$(VENV)/bin/cfn-lint infra/template.yaml
	$(VENV)/bin/checkov --config-file .checkov.yaml -f infra/template.yaml

DEPLOY_TOOLS := $(VENV)-deploy/.installed-cargo-lambda-1.9.2

## deploy-build: the one release arm64 `bootstrap` of every function, zipped, with cargo-lambda
## (target/lambda/bootstrap/bootstrap.zip, which infra/template.yaml deploys; see README)
deploy-build: $(DEPLOY_TOOLS)
	PATH="$(CURDIR)/$(VENV)-deploy/bin:$$PATH" cargo lambda build --release --arm64 --locked --bin bootstrap --output-format zip
	@ls -l target/lambda/bootstrap/bootstrap target/lambda/bootstrap/bootstrap.zip 2>/dev/null || ls -l target/lambda/bootstrap/

$(DEPLOY_TOOLS):
	python3 -m venv $(VENV)-deploy
	$(VENV)-deploy/bin/pip install --quiet --disable-pip-version-check 'cargo-lambda==1.9.2'
	@touch $@

## deploy: deploy-build, then `sam deploy --guided` (aws-sam-cli in the same virtualenv)
deploy: deploy-build
	$(VENV)-deploy/bin/pip install --quiet --disable-pip-version-check 'aws-sam-cli==1.170.0'
	$(VENV)-deploy/bin/sam deploy --guided --template-file infra/template.yaml

clean:
	rm -rf target .dev .aws-sam
