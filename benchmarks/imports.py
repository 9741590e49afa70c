"""Import cost: ``import boto3, icsdk`` against ``import boto3``, in alternating cold processes."""

from __future__ import annotations

from ._harness import PROCESS_TIMING, Report, Row, compile_bytecode, paired, process_seconds


def run(rounds: int = 41) -> Report:
    compile_bytecode()
    command = f"python -m benchmarks imports  # {rounds} paired rounds of fresh processes each"
    report = Report("Import", command, timing=PROCESS_TIMING)
    icsdk, boto3, ratio = paired(
        process_seconds("import boto3, icsdk"), process_seconds("import boto3"), rounds
    )
    report.rows.append(
        Row("`import boto3, icsdk` vs `import boto3`", icsdk, boto3, "s", 1.08, paired=ratio)
    )
    # How much of that is attrs itself, which icsdk's public classes are built with.
    icsdk, boto3, ratio = paired(
        process_seconds("import boto3, attrs"), process_seconds("import boto3"), rounds
    )
    report.rows.append(
        Row(
            "`import boto3, attrs` vs `import boto3` (attrs alone, for reference)",
            icsdk,
            boto3,
            "s",
            paired=ratio,
        )
    )
    return report
