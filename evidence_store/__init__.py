"""Evidence bundles: hashing, signing, custody log, verification, the local store and its index."""
