"""The local store: bundles on disk, staging, the SQLite index (a cache), intake and stamping."""
