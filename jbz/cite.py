"""Where a letter can be opened and cited: its official publication page."""
from __future__ import annotations

OFFICIAL_PAGE = "https://zoek.officielebekendmakingen.nl/kst-{}.html"


def official_url(kamerstuk: str | None) -> str | None:
    """Return the official page of a Kamerstuk ("32317-995" ->
    https://zoek.officielebekendmakingen.nl/kst-32317-995.html), or None when it is not known."""
    if not kamerstuk:
        return None
    return OFFICIAL_PAGE.format("".join(kamerstuk.split()))
