"""The whole page people see: what really scrolls and how it is captured, the behaviours that open
comments and "see more", characters the browser had no font for, and tall screenshots in parts."""
