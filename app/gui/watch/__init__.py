"""Watched posts in the app: the due watches run while the app is open, calm news when a post changed or
disappeared, and the actions to follow a capture's post or stop following it."""
