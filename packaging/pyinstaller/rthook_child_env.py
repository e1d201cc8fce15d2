"""Runtime hook of both packaged programs: programs Vidne starts get the PC's own library path.

On Linux PyInstaller's bootloader puts the folder's ``_internal`` first in LD_LIBRARY_PATH (keeping
an earlier value in LD_LIBRARY_PATH_ORIG) so that this process finds its libraries. Every program
started from here would inherit it: Playwright's Node.js, the browser, the file manager that "Open
folder" starts, a capture child. They would then load Vidne's copies of libraries meant for Vidne
(its cut-down ICU, its Qt, its SQLite, OpenSSL, ...) instead of their own, with crashes or odd
behaviour that only happen in the packaged app. The dynamic loader read LD_LIBRARY_PATH when this
process started, so putting the original back here changes nothing for Vidne itself; a capture
child is a packaged program too and its bootloader sets the path again.
"""

import os
import sys

if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
    _ours = os.path.realpath(sys._MEIPASS)  # type: ignore[attr-defined]
    _original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if _original is not None:
        os.environ["LD_LIBRARY_PATH"] = _original
    elif "LD_LIBRARY_PATH" in os.environ:
        # No saved value: either the bootloader added ours to an empty path, or (a capture child
        # started from an already restored environment) the path is the PC's own. Drop only ours.
        _kept = [p for p in os.environ["LD_LIBRARY_PATH"].split(os.pathsep)
                 if p and os.path.realpath(p) != _ours]
        if _kept:
            os.environ["LD_LIBRARY_PATH"] = os.pathsep.join(_kept)
        else:
            del os.environ["LD_LIBRARY_PATH"]
