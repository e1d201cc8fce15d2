"""Smaller windows: settings, first start, note, log, and the curtain after Hide now."""
