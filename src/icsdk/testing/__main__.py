"""`python -m icsdk.testing [--port N]`: serve a LocalSageMaker until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import threading

from ._server import LocalSageMaker

_DESCRIPTION = (
    "Serve a LocalSageMaker on 127.0.0.1 until interrupted (Ctrl-C): SageMaker, its runtime, "
    "Application Auto Scaling and CloudWatch on one port, on real time. Any credentials are "
    "accepted; ARNs name region us-east-1 and account 123456789012."
)


def _cli_hint(endpoint_url: str, region: str) -> str:
    """An AWS CLI command that works against ``endpoint_url`` on a machine with no AWS setup.

    Dummy credentials and the region come from environment variables, and ``AWS_PAGER=""``
    keeps AWS CLI v2 from piping the answer into a pager.

    Example:
        >>> print(_cli_hint("http://127.0.0.1:8765", "us-east-1"))
        AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 \\
          AWS_PAGER="" aws sagemaker list-inference-components --endpoint-url http://127.0.0.1:8765
    """
    # The CLI reads credentials and region from these variables, which override any profile
    # (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html: "export
    # AWS_ACCESS_KEY_ID=... export AWS_SECRET_ACCESS_KEY=... export AWS_DEFAULT_REGION=...").
    return (
        f"AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION={region} \\\n"
        f'  AWS_PAGER="" aws sagemaker list-inference-components --endpoint-url {endpoint_url}'
    )


def main(argv: list[str] | None = None, *, stop: threading.Event | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m icsdk.testing", description=_DESCRIPTION)
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
        print("Try (any credentials work):")
        print(_cli_hint(local.endpoint_url, local.region), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            (stop or threading.Event()).wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
