"""icsdk's benchmarks: each compares icsdk with raw boto3 doing the same work in the same run."""
