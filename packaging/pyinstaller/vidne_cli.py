"""Entry point of the packaged ``vidne`` command (PyInstaller runs this file as ``__main__``).

On Linux the packaged ``vidne-app`` is a link to this program (build.spec: one copy of the Python
code instead of two); called by that name it starts the desktop app, as vidne_app.py does elsewhere.
"""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    # A capture runs in a child process started with "spawn": in a frozen app that child is this
    # same executable, and freeze_support() turns it into the child instead of a second CLI.
    multiprocessing.freeze_support()
    if os.path.basename(sys.argv[0]).lower().startswith("vidne-app"):
        from app.gui.main import main
    else:
        from app.cli.main import main

    sys.exit(main())
