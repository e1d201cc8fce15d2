"""Keeping the person's session (cookies, tokens) out of everything Vidne writes."""
