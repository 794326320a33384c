"""Shared fixtures."""

collect_ignore = ["check_installed.py"]
