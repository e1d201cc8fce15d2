"""Runtime hook of the packaged ``vidne`` command: where Qt's plug-ins are, for ``vidne gui``.

PyInstaller's own PySide6 runtime hook imports shiboken6 at every start (about 55 ms), which the
command line does not need for anything but ``vidne gui``; build.spec gives ``vidne`` this hook
instead (the PySide6 wheel makes its own qt.conf when PySide6 is imported). ``vidne-app`` keeps
PyInstaller's hook.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6", "" if sys.platform.startswith("win") else "Qt")  # type: ignore[attr-defined]
os.environ.setdefault("QT_PLUGIN_PATH", os.path.join(_qt, "plugins"))
