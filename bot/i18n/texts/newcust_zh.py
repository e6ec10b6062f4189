"""newcust texts (zh)."""

TEXTS: dict[str, str] = {
}
