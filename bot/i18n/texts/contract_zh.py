"""Chinese texts of the contract feature."""

TEXTS: dict[str, str] = {
}
