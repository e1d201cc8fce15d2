"""``vidne recheck``, ``vidne timeline`` and ``vidne watch``: evidence over time, from the command line."""
