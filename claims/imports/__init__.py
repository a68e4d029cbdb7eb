"""Reading what partners send: ClaimReview JSON-LD from other fact-check desks."""
