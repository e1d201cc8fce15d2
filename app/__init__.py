"""The application layer: the command line and the desktop GUI."""
