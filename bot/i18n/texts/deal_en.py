"""English texts of the deal feature."""

TEXTS: dict[str, str] = {
    "deal.not_found": "That deal is not one of yours, or no longer exists.",
}
