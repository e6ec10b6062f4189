"""sheets texts (en)."""

TEXTS: dict[str, str] = {
}
