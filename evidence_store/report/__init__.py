"""The chain-of-custody report (PDF): its sections and texts."""
