"""Advisory, whole-file locks between processes (flock on POSIX, msvcrt on Windows).

Used so that two Vidne processes on one store (the GUI and the command line, say) never append to
the same custody log at once, and never remove each other's staging folders.
"""

from __future__ import annotations

import os
import sys
import time

if sys.platform == "win32":
    import msvcrt

    def lock_fd(fd: int, *, blocking: bool = True) -> bool:
        """Lock ``fd`` exclusively; with ``blocking=False`` return False at once if another holds it."""
        while True:
            os.lseek(fd, 0, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                if not blocking:
                    return False
                time.sleep(0.05)

    def unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def lock_fd(fd: int, *, blocking: bool = True) -> bool:
        """Lock ``fd`` exclusively; with ``blocking=False`` return False at once if another holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        return True

    def unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
