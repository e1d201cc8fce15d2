"""Entry point of the packaged ``vidne`` command (PyInstaller runs this file as ``__main__``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A capture runs in a child process started with "spawn": in a frozen app that child is this
    # same executable, and freeze_support() turns it into the child instead of a second CLI.
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())
