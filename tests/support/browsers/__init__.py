"""Firefox and WebKit for the browser tests of verify.html: their drivers, and a proxy that records and
refuses every request they make."""
