"""English texts of the deal feature."""

TEXTS: dict[str, str] = {
}
