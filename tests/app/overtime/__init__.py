"""Tests of re-checks, the case timeline and their commands (issue 16)."""
