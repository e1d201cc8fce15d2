"""The command line: one module per command family; main.py parses and dispatches."""
