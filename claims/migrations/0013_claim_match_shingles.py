import django.contrib.postgres.indexes
import django.db.models.expressions
from django.db import migrations

# Claim texts as matching compares them: Unicode-normalised, lower case, curly quotes folded to straight
# ones, and every run of anything but letters, digits and apostrophes one space.
MATCH_TEXT = r"""
CREATE OR REPLACE FUNCTION claim_match_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN btrim(regexp_replace(
    lower(translate(normalize(value, NFKC), '‘’“”', '''''""')), '[^[:alnum:]'']+', ' ', 'g'
));
"""
# The text's word pairs, with its first and last word paired with an edge mark ("^ we", "nurses $"), each
# hashed to an integer: a GIN index over them finds the claims sharing a given pair without a scan.
# `OFFSET 0` keeps the words from being worked out again for every pair.
MATCH_SHINGLES = r"""
CREATE OR REPLACE FUNCTION claim_match_shingles(value text) RETURNS integer[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (
    SELECT coalesce(array_agg(DISTINCT hashtext(coalesce(words[i - 1], '^') || ' ' || coalesce(words[i], '$'))), '{}')
    FROM (SELECT string_to_array(claim_match_text(value), ' ') AS words OFFSET 0) AS s,
        generate_series(1, cardinality(words) + 1) AS i
    WHERE cardinality(words) > 0
);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0012_rate_windows'),
    ]

    operations = [
        migrations.RunSQL(MATCH_TEXT, reverse_sql="DROP FUNCTION IF EXISTS claim_match_text(text)"),
        migrations.RunSQL(MATCH_SHINGLES, reverse_sql="DROP FUNCTION IF EXISTS claim_match_shingles(text)"),
        migrations.AddIndex(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(django.db.models.expressions.Func(django.db.models.expressions.F('text'), function='claim_match_shingles'), name='claim_match_shingles_gin'),
        ),
        # Candidates are asked for rarest pair first, and which pairs are rare is read from the statistics
        # ANALYZE keeps on the index: ten times the default list of common pairs tells a pair on a hundred
        # claims in a million from one on a thousand (at the cost of a longer ANALYZE).
        migrations.RunSQL(
            "ALTER INDEX claim_match_shingles_gin ALTER COLUMN 1 SET STATISTICS 1000",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
