"""Drawing the report: fonts and styles, flowables reportlab lacks, screenshots in strips."""
