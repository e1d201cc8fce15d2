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
    # Image formats Vidne shows: PNG (built into Qt), JPEG, GIF, SVG, and ICO for Windows icons. Not
    # TIFF, WebP, TGA, WBMP, nor ICNS (macOS's icon file, which Qt never reads for Vidne).
    "imageformats": {"libqjpeg.so", "libqgif.so", "libqsvg.so", "libqico.so",
                     "qjpeg.dll", "qgif.dll", "qsvg.dll", "qico.dll",
                     "libqjpeg.dylib", "libqgif.dylib", "libqsvg.dylib", "libqico.dylib"},
    # Vidne's windows are drawn by Qt's raster engine, never with OpenGL: no GL integrations (which
    # also keeps libQt6OpenGL out; build.spec). Wayland: the desktop shell protocol, not the
    # automotive/kiosk/compositor ones; the window decorations (adwaita, bradient) are kept.
    "xcbglintegrations": set(),
    "wayland-graphics-integration-client": set(),
    "wayland-shell-integration": {"libxdg-shell.so"},
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
