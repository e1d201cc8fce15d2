"""Helpers the test packages share: the local web site, a real TSA, Xvfb, secret search."""
