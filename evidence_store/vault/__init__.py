"""The organisation's evidence vault: sealed bundles in S3 write-once storage (Object Lock), pushed, read
back, verified and fetched."""
