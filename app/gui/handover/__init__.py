"""HR's hand-over: export a case, import an export."""
