"""One bundle: its names, manifest, custody log, signing keys, sealing and verification."""
