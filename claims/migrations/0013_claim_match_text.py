import django.contrib.postgres.indexes
import django.db.models.expressions
import django.db.models.fields
from django.db import migrations

# Claim texts as matching compares them: Unicode-normalised, lower case, curly quotes folded to straight
# ones, and every run of anything but letters, digits and apostrophes one space. IMMUTABLE, so it can be
# indexed; SQL, so the planner inlines it and a query's expression still matches the index's.
CREATE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION claim_match_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN btrim(regexp_replace(
    lower(translate(normalize(value, NFKC), '‘’“”', '''''""')), '[^[:alnum:]'']+', ' ', 'g'
));
"""


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0012_rate_windows'),
    ]

    operations = [
        migrations.RunSQL(CREATE_FUNCTION, reverse_sql="DROP FUNCTION IF EXISTS claim_match_text(text)"),
        migrations.AddIndex(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(django.db.models.expressions.Func(django.db.models.expressions.F('text'), function='claim_match_text', output_field=django.db.models.fields.TextField()), name='gin_trgm_ops'), name='claim_match_text_trgm'),
        ),
    ]
