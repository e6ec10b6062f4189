"""customer texts (en)."""

TEXTS: dict[str, str] = {
}
