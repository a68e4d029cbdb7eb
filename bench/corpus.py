"""Synthetic corpora for the scale benchmark: articles, speakers, claims with links, citations, verdicts and
history rows, written with COPY into a database of their own.

Sizes are claims: about ten per article, one article with 500 (the workbench case), a long tail of speakers
(a few say a lot), statuses spread the way a working desk has them. History is what the triggers would have
written (an insert event per row, an update event per claim that moved on from a proposal), produced in SQL
after the COPY with the triggers switched off, which is how a restore of a large archive loads too.
"""

import datetime as dt
import hashlib
import itertools
import random

import psycopg

STATUSES = [
    ("proposed", 50),
    ("accepted", 18),
    ("rejected", 10),
    ("in_review", 10),
    ("reviewed", 6),
    ("published", 6),
]
KINDS = [("claim", 85), ("response", 15)]
TYPES = [("factual", 30), ("statistical", 15), ("accusation", 10), ("opinion", 25), ("promise", 5), ("other", 15)]
BIG_ARTICLE_CLAIMS = 500
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "ne", "qua", "ost", "bri", "gan", "fe", "lum"]
FIRST = ["Ada", "Bram", "Cleo", "Dev", "Esme", "Farid", "Greta", "Hugo", "Ines", "Jonah", "Kira", "Leon", "Mina"]
LAST = ["Ashdown", "Brecon", "Calloway", "Dunmore", "Everly", "Fenwick", "Garrow", "Holloway", "Ibbot", "Jessop"]
START = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)


def _choices(rng: random.Random, table: list[tuple[str, int]], k: int) -> list[str]:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table], k=k)


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Corpus:
    """Row generator for one corpus size; every id is assigned here so links need no lookups."""

    def __init__(self, claims: int, seed: int = 14):
        self.rng = random.Random(seed)
        self.claims = claims
        self.words = _vocabulary(self.rng)
        # Zipf-like weights: a few words (and speakers) are everywhere, most are rare.
        self.word_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words))))
        self.speakers = max(20, claims // 40)
        self.outlets = 40
        self.users = 20
        self.sources = max(10, claims // 100)

    def sentence(self, n_words: int) -> str:
        words = self.rng.choices(self.words, cum_weights=self.word_weights, k=n_words)
        return " ".join(words).capitalize()

    def speaker_name(self, i: int) -> str:
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        return f"{first} {last} {self.words[i % len(self.words)].title()}"


def _reset_sequences(conn: psycopg.Connection, tables: list[str]) -> None:
    for table in tables:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT max(id) FROM {table}), 1))"
        )


def build(conn: psycopg.Connection, *, claims: int, log=print) -> dict[str, int]:
    """Fill an empty, migrated database with a corpus of about `claims` claims; returns the row counts."""
    corpus = Corpus(claims)
    rng = corpus.rng
    conn.execute("SET session_replication_role = replica")  # no triggers, no FK checks while loading
    now = dt.datetime.now(dt.UTC)

    with conn.cursor().copy(
        "COPY auth_user (id, password, is_superuser, username, first_name, last_name, email,"
        " is_staff, is_active, date_joined) FROM STDIN"
    ) as copy:
        for u in range(1, corpus.users + 1):
            copy.write_row((u, "!", False, f"reviewer{u}", "", "", "", True, True, now))
    with conn.cursor().copy("COPY articles_outlet (id, name, domain, created_at) FROM STDIN") as copy:
        for o in range(1, corpus.outlets + 1):
            copy.write_row((o, f"The {corpus.words[o].title()} Courier", f"{corpus.words[o]}.example", now))
    with conn.cursor().copy(
        "COPY claims_speaker (id, name, kind, description, created_at, updated_at) FROM STDIN"
    ) as copy:
        for s in range(1, corpus.speakers + 1):
            copy.write_row((s, corpus.speaker_name(s), "person", "", now, now))
    with conn.cursor().copy(
        "COPY claims_source (id, title, source_type, url, publisher, archived_url, notes, created_at) FROM STDIN"
    ) as copy:
        for s in range(1, corpus.sources + 1):
            copy.write_row((s, corpus.sentence(5), "dataset", f"https://data.example/{s}", "Office", "", "", now))
    log(f"  reference rows: {corpus.users} users, {corpus.outlets} outlets, {corpus.speakers} speakers")

    speaker_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(corpus.speakers)))
    speaker_ids = range(1, corpus.speakers + 1)
    statuses = ("proposed", "accepted", "rejected", "in_review", "reviewed", "published")
    claim_id = relation_id = citation_id = review_id = 0
    span = (START, now - START)
    batch: dict[str, list] = {name: [] for name in COPY_SQL}
    remaining, a = claims, 0
    while remaining > 0:
        a += 1
        n = min(remaining, BIG_ARTICLE_CLAIMS if a == 1 else rng.randint(5, 15))
        remaining -= n
        created = span[0] + span[1] * rng.random()
        parts, offset, spans = [], 0, []
        for _ in range(n):
            lead = f"{corpus.sentence(rng.randint(6, 14))}. {rng.choice(FIRST)} said: “"
            text = corpus.sentence(rng.randint(8, 16))
            parts.append(lead)
            offset += len(lead)
            spans.append((offset, offset + len(text), text))
            parts.append(text + "”\n\n")
            offset += len(text) + 3
        body = "".join(parts)
        headline = corpus.sentence(8)
        batch["article"].append(
            (
                a,
                headline,
                "",
                f"https://news.example/{a}",
                created.date(),
                "en",
                body,
                body,
                "bench",
                hashlib.sha256(body.encode()).hexdigest(),
                created,
                created,
                rng.randint(1, corpus.outlets),
                f"https://news.example/{a}",
                hashlib.sha256(body.encode()).hexdigest(),
                [],
            )
        )
        previous = None
        for (start, end, text), status, kind, claim_type in zip(
            spans, _choices(rng, STATUSES, n), _choices(rng, KINDS, n), _choices(rng, TYPES, n), strict=True
        ):
            claim_id += 1
            speaker = rng.choices(speaker_ids, cum_weights=speaker_weights)[0]
            assignee = rng.randint(1, corpus.users) if statuses.index(status) >= 3 else None
            updated = created + dt.timedelta(seconds=rng.randint(0, 86400 * 30))
            batch["claim"].append(
                (
                    claim_id,
                    text,
                    start,
                    end,
                    body[max(0, start - 32) : start],
                    body[end : end + 32],
                    True,
                    kind,
                    claim_type,
                    "extracted",
                    round(rng.random(), 2),
                    status,
                    updated if status != "proposed" else None,
                    created,
                    updated,
                    a,
                    assignee,
                    None,
                    None,
                    speaker,
                )
            )
            if kind == "response" and previous is not None:
                relation_id += 1
                batch["relation"].append(
                    (relation_id, "rebuts", "extracted", 0.8, "", created, None, claim_id, previous)
                )
            if rng.random() < 0.05:
                citation_id += 1
                batch["citation"].append(
                    (
                        citation_id,
                        "supports",
                        corpus.sentence(6),
                        created,
                        None,
                        claim_id,
                        rng.randint(1, corpus.sources),
                    )
                )
            if status in ("reviewed", "published"):
                review_id += 1
                review_status = "submitted" if status == "reviewed" else "published"
                batch["review"].append(
                    (
                        review_id,
                        "mostly_false",
                        corpus.sentence(8),
                        corpus.sentence(30),
                        review_status,
                        updated,
                        updated if status == "published" else None,
                        updated,
                        updated,
                        (assignee % corpus.users) + 1 if status == "published" else None,
                        assignee,
                        claim_id,
                        None,
                        "manual",
                        "",
                        "",
                    )
                )
            previous = claim_id
        if len(batch["claim"]) >= 50_000:
            _flush(conn, batch)
            log(f"  {claim_id:,} claims")
    _flush(conn, batch)
    log(f"  {claim_id:,} claims in {a:,} articles; writing history rows")
    _history(conn)
    conn.execute("SET session_replication_role = origin")
    _reset_sequences(
        conn,
        [
            "auth_user",
            "articles_outlet",
            "articles_article",
            "claims_speaker",
            "claims_source",
            "claims_claim",
            "claims_claimrelation",
            "claims_citation",
            "claims_review",
        ],
    )
    return {
        "claims": claim_id,
        "articles": a,
        "relations": relation_id,
        "citations": citation_id,
        "reviews": review_id,
        "speakers": corpus.speakers,
    }


COPY_SQL = {
    "article": "COPY articles_article (id, headline, byline, url, published, language, body, raw_text, source_name,"
    " content_hash, created_at, updated_at, outlet_id, canonical_url, text_hash, text_sketch) FROM STDIN",
    "claim": 'COPY claims_claim (id, text, start, "end", prefix, suffix, direct, kind, claim_type, origin, confidence,'
    " status, status_changed_at, created_at, updated_at, article_id, assignee_id, created_by_id,"
    " status_changed_by_id, speaker_id) FROM STDIN",
    "relation": "COPY claims_claimrelation (id, relation_type, origin, confidence, note, created_at, created_by_id,"
    " source_id, target_id) FROM STDIN",
    "citation": "COPY claims_citation (id, stance, excerpt, created_at, created_by_id, claim_id, source_id) FROM STDIN",
    "review": "COPY claims_review (id, rating, summary, body, status, submitted_at, published_at, created_at,"
    " updated_at, approved_by_id, author_id, claim_id, supersedes_id, origin, published_url, source_publisher)"
    " FROM STDIN",
}


def _flush(conn: psycopg.Connection, batch: dict[str, list]) -> None:
    for name, sql in COPY_SQL.items():
        with conn.cursor().copy(sql) as copy:
            for row in batch[name]:
                copy.write_row(row)
        batch[name].clear()


def _event_columns(conn, table: str) -> list[str]:
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND is_generated = 'NEVER'"
        " AND column_name NOT LIKE 'pgh\\_%%' ORDER BY ordinal_position",
        [table + "event"],
    ).fetchall()
    return [r[0] for r in rows]


def _history(conn) -> None:
    """The events the history triggers would have written: inserts for every row, updates for moved claims."""
    for table in ("articles_article", "claims_claim", "claims_claimrelation", "claims_citation", "claims_review"):
        columns = ", ".join(f'"{c}"' for c in _event_columns(conn, table))
        conn.execute(
            f"INSERT INTO {table}event (pgh_created_at, pgh_label, pgh_obj_id, {columns})"
            f" SELECT created_at, 'insert', id, {columns} FROM {table}"
        )
    columns = ", ".join(f'"{c}"' for c in _event_columns(conn, "claims_claim"))
    conn.execute(
        f"INSERT INTO claims_claimevent (pgh_created_at, pgh_label, pgh_obj_id, {columns})"
        f" SELECT updated_at, 'update', id, {columns} FROM claims_claim WHERE status <> 'proposed'"
    )
