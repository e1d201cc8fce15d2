"""The capture panel: the address field, the progress of the real steps, the calm confirmation."""
