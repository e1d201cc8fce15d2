"""Entry point of the packaged desktop app ``vidne-app`` (windowed, no console)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the capture child is this executable too; see vidne_cli.py
    from app.gui.main import main

    sys.exit(main())
