"""The desktop app (PySide6). The only package in Vidne that imports Qt.

Importing this package does not import Qt; ``app.gui.main`` does.
"""
