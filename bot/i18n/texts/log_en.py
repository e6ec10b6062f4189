"""English texts for logging calls and visits."""

TEXTS: dict[str, str] = {}
