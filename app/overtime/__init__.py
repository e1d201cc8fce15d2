"""Evidence over time: capturing a page again and saying what changed since (re-checks)."""
