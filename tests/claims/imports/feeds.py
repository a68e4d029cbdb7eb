"""ClaimReview documents partners send, written for these tests."""


def review(number: int, **changes) -> dict:
    """A complete ClaimReview by a partner desk."""
    document = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://partner.example/checks/{number}",
        "claimReviewed": f"The harbour tunnel will open in spring, said for the {number}th time.",
        "author": {"@type": "Organization", "name": "Partner Desk", "url": "https://partner.example/"},
        "datePublished": "2025-05-0" + str(number % 9 + 1),
        "headline": f"Tunnel opening date is not set ({number})",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Wrong",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Morgan Tideway"},
            "datePublished": "2025-04-20",
            "appearance": {
                "@type": "NewsArticle",
                "url": f"https://coastal.example/news/{number}",
                "headline": "Tunnel works continue",
                "publisher": {"@type": "Organization", "name": "Coastal Times"},
            },
        },
    }
    document.update(changes)
    return document


def mixed_feed() -> dict:
    """A DataFeed of five records: three good, and two bad ones at known positions."""
    no_rating = review(4)
    del no_rating["reviewRating"]
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [review(1)]},
            {"@type": "DataFeedItem", "item": [review(2), review(3, url="not an address")]},
            {"@type": "DataFeedItem", "item": [no_rating, review(5, reviewRating={"alternateName": "Mostly true"})]},
        ],
    }
