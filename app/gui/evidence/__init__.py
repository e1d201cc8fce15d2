"""The evidence list: every capture by case, with badges and blurred thumbnails."""
