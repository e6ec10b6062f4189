"""Chinese texts of the complaint feature."""

TEXTS: dict[str, str] = {
}
