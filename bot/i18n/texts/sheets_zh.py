"""sheets texts (zh)."""

TEXTS: dict[str, str] = {
}
