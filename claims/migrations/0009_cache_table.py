"""The table of the database cache (used when no REDIS_URL is set), made with the schema, not by hand."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Creates the table of every configured database cache, if missing; nothing when the cache is Redis.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_claim_text_trigram")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
