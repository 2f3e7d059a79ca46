"""The AWS emulator (moto server mode), serving one request at a time.

`moto_server` serves requests on several threads, and moto's DynamoDB does not lock: two
conditional writes on one item at the same moment can both pass their condition, which
DynamoDB itself never allows. Our tests check exactly such races (one decision out of twenty
clicks, no lost update), so the emulator runs them one after the other, like DynamoDB's
atomic conditions would.

Two changes to what moto keeps for its dashboard, neither touching how AWS is emulated:
- `GET /moto-api/data.json` serialises every model instance moto ever made, and moto keeps
  every DynamoDB item it ever built (each write, each query's copies, each transaction's copy
  of its table) for that dashboard: read over a test run, it grew to most of the emulator's
  time. DynamoDB's items are not kept for the dashboard here (tables keep their items as
  before), and `GET /_emulator/ses.json` answers what data.json says of SES alone: the
  e-mails sent, in the same shape (`{"ses": {"Message": [...], "RawMessage": [...]}}`).

Usage: emulator.py HOST PORT
"""

import json
import os
import sys

from werkzeug.serving import run_simple

import moto.dynamodb.models  # noqa: F401 (its model classes register themselves on import)
import moto.ses.models  # noqa: F401
from moto.core.model_instances import model_data
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

SES_PATH = "/_emulator/ses.json"


class Untracked(list):
    """An instance list that keeps nothing (moto appends every new instance to it)."""

    def append(self, _instance: object) -> None:
        pass


def stop_tracking(service: str) -> None:
    for model in model_data[service].values():
        model.instances_tracked = Untracked()


def service_data(service: str) -> dict:
    """What moto's data.json says of one service (the same walk over its instances)."""
    out: dict = {}
    for name in sorted(model_data[service]):
        out[name] = []
        for instance in model_data[service][name].instances_tracked:
            fields = {}
            for attr in dir(instance):
                if attr.startswith("_"):
                    continue
                try:
                    value = getattr(instance, attr)
                    json.dumps(value)
                except (TypeError, AttributeError, ValueError):
                    continue
                fields[attr] = value
            out[name].append(fields)
    return {service: out}


def with_sent_mail(app):
    def serve(environ, start_response):
        if environ.get("PATH_INFO") == SES_PATH and environ.get("REQUEST_METHOD") == "GET":
            body = json.dumps(service_data("ses")).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return app(environ, start_response)

    return serve


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    os.environ.setdefault("MOTO_PORT", str(port))
    stop_tracking("dynamodb")
    app = with_sent_mail(DomainDispatcherApplication(create_backend_app))
    run_simple(host, port, app, threaded=False, use_reloader=False, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
