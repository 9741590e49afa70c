"""``python -m icsdk.testing [--port N]``: serve a LocalSageMaker until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import threading

from ._server import LocalSageMaker


def main(argv: list[str] | None = None, *, stop: threading.Event | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m icsdk.testing", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any)")
    parser.add_argument("--create-delay", type=float, default=2.0, help="seconds in Creating")
    parser.add_argument("--update-delay", type=float, default=2.0, help="seconds in Updating")
    parser.add_argument("--delete-delay", type=float, default=1.0, help="seconds in Deleting")
    args = parser.parse_args(argv)
    local = LocalSageMaker(
        port=args.port,
        create_delay=args.create_delay,
        update_delay=args.update_delay,
        delete_delay=args.delete_delay,
    )
    with local:
        print(f"LocalSageMaker serving on {local.endpoint_url}", flush=True)
        print(f"  aws sagemaker list-inference-components --endpoint-url {local.endpoint_url}")
        with contextlib.suppress(KeyboardInterrupt):
            (stop or threading.Event()).wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
