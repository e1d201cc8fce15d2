"""One capture in detail: its screenshots, facts, files and custody log."""
