"""The lowest layer: safe file access, locks, hashing and the one PNG reader."""
