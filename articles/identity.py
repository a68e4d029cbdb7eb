"""What makes two imports the same article: a canonical URL, a normalised text, a near-duplicate sketch."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from articles.cleaning import BOILERPLATE_LINES, CleanedArticle, clean_article

# Query parameters that say how a reader arrived, not which page they read.
TRACKING_PARAMETERS = re.compile(
    r"^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ocid|cmpid|"
    r"ito|itm_.*|ns_.*|ref|ref_src|ref_url|share|smid|cid|at_.*|s_cid|sr_share|taid|icid|rss|CMP)$",
    re.IGNORECASE,
)
DEFAULT_PORTS = {"http": "80", "https": "443"}

QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
DASHES = re.compile(r"[\u2010-\u2015\u2212]")
WORD = re.compile(r"\w+")

# A sketch keeps the smallest SKETCH_SIZE hashes of the article's word shingles (a bottom-k MinHash).
SHINGLE_WORDS = 3
SKETCH_SIZE = 64
# Estimated Jaccard similarity of shingles above which two texts are reported as near-duplicates.
NEAR_DUPLICATE_SIMILARITY = 0.7


def canonical_url(url: str) -> str:
    """The URL an article is known by: lower-case scheme and host, no default port, fragment, tracking
    parameters or trailing slash, remaining parameters sorted. Blank for a blank or non-web address."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port is None or str(port) == DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if path != "/":
        path = path.rstrip("/")
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAMETERS.match(key)
        )
    )
    # http and https serve the same story; the canonical form names it once.
    return urlunsplit(("https", netloc, path if path != "/" else "", query, ""))


def normalised_text(body: str) -> str:
    """The text with the differences that do not make another article removed: quotation-mark and dash
    styles, case, whitespace and boilerplate lines."""
    lines = [line for line in body.split("\n") if not any(pattern.match(line) for pattern in BOILERPLATE_LINES)]
    text = unicodedata.normalize("NFKC", "\n".join(lines)).translate(QUOTE_MARKS)
    text = DASHES.sub("-", text)
    return " ".join(text.casefold().split())


def text_hash(body: str) -> str:
    """The identity of an article without a URL: SHA-256 of its normalised text."""
    return hashlib.sha256(normalised_text(body).encode("utf-8")).hexdigest()


def _shingle_hash(shingle: str) -> int:
    # Signed 64-bit, so the sketch fits a PostgreSQL bigint[].
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def text_sketch(body: str) -> list[int]:
    """The bottom-k MinHash sketch of the normalised text's word shingles, sorted."""
    words = WORD.findall(normalised_text(body))
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    return sorted({_shingle_hash(shingle) for shingle in shingles})[:SKETCH_SIZE]


def sketch_similarity(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard similarity of two texts from their sketches: of the k smallest hashes of both
    together, the share that both texts have."""
    if not first or not second:
        return 0.0
    union = sorted(set(first) | set(second))[:SKETCH_SIZE]
    both = set(first) & set(second)
    return sum(1 for value in union if value in both) / len(union)


def content_hash(raw: str) -> str:
    """The identity of an imported text: the same text imported twice is one article."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PreparedArticle:
    """An article's text with all that importing works out without the database: cleaned body and identity."""

    raw: str
    digest: str
    cleaned: CleanedArticle
    canonical_url: str
    text_hash: str
    sketch: list[int]


def article_text_prepare(*, raw: str, url: str = "") -> PreparedArticle:
    """Clean an article's text and work out each of its identities (no database, no settings: this runs in
    the worker processes of an import too)."""
    cleaned = clean_article(raw)
    return PreparedArticle(
        raw=raw,
        digest=content_hash(raw),
        cleaned=cleaned,
        canonical_url=canonical_url(url),
        text_hash=text_hash(cleaned.body),
        sketch=text_sketch(cleaned.body),
    )
