"""Chinese texts of the deal feature."""

TEXTS: dict[str, str] = {
    "deal.not_found": "找不到这个销售机会，或它不属于你。",
}
