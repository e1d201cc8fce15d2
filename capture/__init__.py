"""Drives a real browser and returns what it saw. Knows nothing of storage or Qt."""
