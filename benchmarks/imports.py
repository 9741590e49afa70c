"""Import cost: ``import boto3, icsdk`` against ``import boto3``, in alternating cold processes."""

from __future__ import annotations

from ._harness import Report, Row, paired, process_seconds


def run(rounds: int = 41) -> Report:
    command = f"python -m benchmarks imports  # {rounds} alternating processes each"
    report = Report("Import", command)
    icsdk, boto3, ratio = paired(
        process_seconds("import boto3, icsdk"), process_seconds("import boto3"), rounds
    )
    report.rows.append(
        Row("`import boto3, icsdk` vs `import boto3`", icsdk, boto3, "s", 1.08, paired=ratio)
    )
    # What an application really loads: the spec classes (attrs) on first use of the names.
    used = "import boto3; from icsdk import InferenceComponent, ComputeRequirements, SpecError"
    icsdk, boto3, ratio = paired(process_seconds(used), process_seconds("import boto3"), rounds)
    report.rows.append(
        Row(
            "`from icsdk import InferenceComponent, ...` vs `import boto3`",
            icsdk,
            boto3,
            "s",
            paired=ratio,
        )
    )
    return report
