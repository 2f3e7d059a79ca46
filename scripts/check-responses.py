"""Checks every answer the integration tests got (target/test-artifacts/responses/*.jsonl,
written by the test harness) against openapi.yaml: the status is one the operation
documents, and a JSON body matches the documented schema (JSON Schema 2020-12, as OpenAPI
3.1 has it). Prints each contradiction; exits 1 if there is any.

    .venv/bin/python scripts/check-responses.py [folder]
"""

import glob
import json
import os
import sys
from collections import Counter

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

root = os.path.join(os.path.dirname(__file__), "..")
folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target/test-artifacts/responses")
doc = yaml.safe_load(open(os.path.join(root, "openapi.yaml"), encoding="utf-8"))
registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(doc))


def resolve(node):
    """A `$ref` of components (responses, schemas) followed to its target."""
    while isinstance(node, dict) and "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema_of(response, content_type):
    content = resolve(response).get("content", {})
    media = content_type.split(";")[0].strip()
    entry = content.get(media)
    if entry is None:
        return None, sorted(content)
    return entry.get("schema"), None


def rebased(schema):
    """Local `#/components/...` references made absolute within the registered document."""
    if isinstance(schema, dict):
        return {k: ("urn:openapi" + v if k == "$ref" and v.startswith("#") else rebased(v)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [rebased(v) for v in schema]
    return schema


problems = Counter()
seen = 0
for path in glob.glob(os.path.join(folder, "*.jsonl")):
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        seen += 1
        op = doc["paths"].get(r["path"], {}).get(r["method"].lower())
        name = f'{r["method"]} {r["path"]} {r["status"]}'
        if op is None:
            problems[f"{name}: the operation is not in openapi.yaml"] += 1
            continue
        responses = op.get("responses", {})
        response = responses.get(str(r["status"])) or responses.get(f'{str(r["status"])[0]}XX') or responses.get("default")
        if response is None:
            problems[f"{name}: status not documented (documented: {', '.join(sorted(responses))})"] += 1
            continue
        if not r["content_type"]:
            continue
        schema, others = schema_of(response, r["content_type"])
        if others is not None:
            if others:
                problems[f"{name}: answered {r['content_type']}, documented {', '.join(others)}"] += 1
            elif "json" in r["content_type"]:
                problems[f"{name}: no schema for the JSON answer"] += 1
            continue
        if schema is None:
            if "json" in r["content_type"]:
                problems[f"{name}: no schema for the JSON answer"] += 1
            continue
        if "json" not in r["content_type"]:
            continue
        validator = Draft202012Validator(rebased(schema), registry=registry)
        for error in sorted(validator.iter_errors(r["body"]), key=lambda e: list(e.path))[:3]:
            at = "/".join(str(p) for p in error.path) or "(body)"
            problems[f"{name}: {at}: {error.message[:200]}"] += 1

# The document's own examples (taken from the demo data) match their schemas too.
examples = 0


def check_examples(where, content):
    """Each example of a content map against its schema."""
    global examples
    for entry in content.values():
        if "example" in entry and "schema" in entry:
            examples += 1
            validator = Draft202012Validator(rebased(entry["schema"]), registry=registry)
            for error in list(validator.iter_errors(entry["example"]))[:3]:
                at = "/".join(str(p) for p in error.path) or "(body)"
                problems[f"{where}: the example, at {at}: {error.message[:200]}"] += 1


for path_, item in doc["paths"].items():
    for method, op in item.items():
        if method == "parameters":
            continue
        check_examples(f"{method.upper()} {path_} request", resolve(op.get("requestBody", {})).get("content", {}))
        for status, response in op.get("responses", {}).items():
            check_examples(f"{method.upper()} {path_} {status}", resolve(response).get("content", {}))

for problem, n in sorted(problems.items()):
    print(f"{problem}" + (f"  (x{n})" if n > 1 else ""))
print(f"{seen} answers of the tests and {examples} examples checked against openapi.yaml: {len(problems)} contradiction(s)")
if seen == 0:
    print("no answers recorded: the test harness writes them while `cargo test` runs")
sys.exit(1 if problems or seen == 0 else 0)
