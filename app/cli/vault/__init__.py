"""``vidne vault``: push bundles to the organisation's vault (S3 Object Lock), verify them there, list
and fetch a case."""
