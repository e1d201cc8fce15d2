"""The hand-over: exporting a case as a zip, verifying it, and importing one as hostile input."""
