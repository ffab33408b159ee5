#!/usr/bin/env python3
"""Amazon Cognito user-pool emulator for pam_cognito's tests (Python standard library only).

HTTPS API on 127.0.0.1 speaking Cognito's JSON 1.1 protocol, plus a plain-HTTP
admin API. See README.md in this directory.
"""

import argparse
import json
import os
import signal
import ssl
import sys
import threading

from admin import AdminServer
from api_server import AccessLog, ApiServer
from faults import FaultQueue
from imds import ImdsServer
from monitor import Monitor
from service_model import Model
from state import State

HOST = "127.0.0.1"


def parse_args(argv):
    p = argparse.ArgumentParser(description="Cognito user-pool emulator for tests")
    p.add_argument("--cert", required=True, help="server certificate (PEM, may hold the chain)")
    p.add_argument("--key", required=True, help="server private key (PEM)")
    p.add_argument("--state", help="JSON file with pools, clients and users to load at start")
    p.add_argument("--port", type=int, default=0, help="HTTPS API port (0: any free port)")
    p.add_argument("--admin-port", type=int, default=0, help="admin HTTP port (0: any free port)")
    p.add_argument("--imds-port", type=int, default=0,
                   help="IMDSv2 stand-in's HTTP port (0: any free port)")
    p.add_argument("--port-file", help="write {port, admin_port, imds_port, pid} here (atomically) once listening")
    p.add_argument("--log", help="append one line per API request to this file")
    p.add_argument("--idle-timeout", type=float, default=30,
                   help="seconds an idle keep-alive connection stays open (default 30)")
    p.add_argument("--service-model", metavar="FILE",
                   help="botocore's cognito-idp service-2.json (or .json.gz): check every "
                        "request and answer against it (admin API: GET /conformance)")
    return p.parse_args(argv)


def tls_context(cert: str, key: str) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx


def write_port_file(path: str, info: dict) -> None:
    tmp = f"{path}.tmp.{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(json.dumps(info) + "\n")
    os.replace(tmp, path)


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    state = State()
    try:
        if args.state:
            state.load_file(args.state)
        model = Model.load(args.service_model) if args.service_model else None
        ctx = tls_context(args.cert, args.key)
        monitor, fault_queue = Monitor(), FaultQueue()
        if args.idle_timeout <= 0:
            raise ValueError("--idle-timeout must be positive")
        api = ApiServer((HOST, args.port), ctx, state, monitor, fault_queue, AccessLog(args.log),
                        idle_timeout=args.idle_timeout, model=model)
        model_info = {"file": args.service_model, "metadata": model.metadata,
                      "operations": len(model.operations)} if model else None
        imds = ImdsServer((HOST, args.imds_port), state)
        admin = AdminServer((HOST, args.admin_port), state, monitor, fault_queue, model_info, imds=imds)
    except (OSError, ValueError) as e:
        print(f"cognito_emulator: {e}", file=sys.stderr)
        return 1
    for server in (api, admin, imds):
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    info = {"port": api.server_address[1], "admin_port": admin.server_address[1],
            "imds_port": imds.server_address[1], "pid": os.getpid()}
    if args.port_file:
        write_port_file(args.port_file, info)
    print(json.dumps(info), flush=True)

    stop.wait()
    # All three at once: each shutdown() waits for its server's next poll.
    stoppers = [threading.Thread(target=server.shutdown) for server in (api, admin, imds)]
    for t in stoppers:
        t.start()
    for t in stoppers:
        t.join()
    for server in (api, admin, imds):
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
