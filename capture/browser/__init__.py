"""Finding and starting the browser, and Vidne's own browser profile."""
