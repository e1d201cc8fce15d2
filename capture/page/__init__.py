"""What Vidne does to and learns from the page: navigation, events, scrolling, screenshots."""
