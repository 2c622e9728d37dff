"""Language quality: every translated unit of every content kind, the termbase and the style checks."""
