"""Vidne's override of PyInstaller's QtGui hook: the same collection, less the Qt plug-ins Vidne
never uses. Dropping them here, before PyInstaller follows their dependencies, also keeps out what
only they need (the GTK theme plug-in alone pulls in GTK, GDK, cairo, pango and ATK)."""

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plug-in folder -> the files kept; a folder not listed is kept whole, () drops the folder.
KEEP = {
    # xcb and wayland for Linux desktops, offscreen/minimal for tests and headless runs.
    "platforms": {"libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libqminimal.so",
                  "qwindows.dll", "qoffscreen.dll", "qminimal.dll", "qdirect2d.dll",
                  "libqcocoa.dylib", "libqoffscreen.dylib", "libqminimal.dylib"},
    # Desktop portal (file dialogs in Flatpak/Wayland sessions); not gtk3, which pulls in all of GTK.
    "platformthemes": {"libqxdgdesktopportal.so"},
    "egldeviceintegrations": set(),   # embedded devices without a window system
    "generic": set(),                 # evdev/tslib input for embedded devices
}


def _wanted(dest: str, src: str) -> bool:
    parts = PurePath(dest).parts
    if "plugins" not in parts:
        return True
    folder = parts[parts.index("plugins") + 1] if parts.index("plugins") + 1 < len(parts) else ""
    keep = KEEP.get(folder)
    return keep is None or PurePath(src).name in keep


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if _wanted(dest, src)]
