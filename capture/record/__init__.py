"""What the page sent and played: the network record (WARC/WACZ) and media files."""
