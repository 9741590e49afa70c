"""The pytest plugin: fixtures for LocalSageMaker."""
