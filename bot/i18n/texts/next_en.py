"""English texts for next actions (/next, /today)."""

TEXTS: dict[str, str] = {}
