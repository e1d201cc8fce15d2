"""Trust: who and when a bundle's claims can be believed, apart from whether its bytes are intact."""
