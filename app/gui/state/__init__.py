"""What the windows share while the app runs: the log records, each capture's verdict, thumbnails.

No widgets here; the context (app/gui/context.py) owns one of each and the screens read them."""
