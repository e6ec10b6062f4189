"""customer texts (zh)."""

TEXTS: dict[str, str] = {
}
