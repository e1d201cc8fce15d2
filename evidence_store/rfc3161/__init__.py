"""RFC 3161 trusted time: asking a time-stamp authority, reading and checking its token."""
