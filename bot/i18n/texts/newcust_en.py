"""newcust texts (en)."""

TEXTS: dict[str, str] = {
}
