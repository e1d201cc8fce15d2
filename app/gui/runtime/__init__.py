"""What the windows run on: workers and jobs off the GUI thread, translations, style, Qt checks."""
