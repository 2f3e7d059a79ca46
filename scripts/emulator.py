"""The AWS emulator (moto server mode), serving one request at a time.

`moto_server` serves requests on several threads, and moto's DynamoDB does not lock: two
conditional writes on one item at the same moment can both pass their condition, which
DynamoDB itself never allows. Our tests check exactly such races (one decision out of twenty
clicks, no lost update), so the emulator runs them one after the other, like DynamoDB's
atomic conditions would. Usage: emulator.py HOST PORT
"""

import os
import sys

from werkzeug.serving import run_simple

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    os.environ.setdefault("MOTO_PORT", str(port))
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(host, port, app, threaded=False, use_reloader=False, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
