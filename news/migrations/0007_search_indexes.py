from django.db import migrations

# One stored, generated search document per language: title (weight A), lead (B) and the text with
# its tags replaced by spaces (D), in the language's text-search configuration, GIN-indexed.
#
# Why a generated column rather than an index on the expression alone: ranking reads the document of
# every matching row. From an expression index PostgreSQL can only filter; SearchRank then computes
# to_tsvector() again for each match. EXPLAIN ANALYZE at 55,000 publications, a word in 24,000 of
# them: 2,850 ms to rank from the expression, 160 ms from the stored column (a word in a few dozen:
# about 1 ms and 0.1 ms). PostgreSQL computes the column itself on every INSERT and UPDATE: no
# trigger, no worker, nothing to re-index, and visibility (drafts, scheduled items) stays a filter
# applied when searching.
#
# The columns exist on PostgreSQL only (SQLite searches with simpler matching), so they are not
# fields of the model; news.search reads them by name. PostgreSQL refuses to change the type of a
# column a generated column reads: a later migration that alters title_*, lead_* or body_* must
# drop the search column first and add it again afterwards (as here).
LANGUAGES = {"en": "english", "ru": "russian"}

ADD = """
ALTER TABLE news_publication ADD COLUMN search_{code} tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('{config}', coalesce(title_{code}, '')), 'A')
    || setweight(to_tsvector('{config}', coalesce(lead_{code}, '')), 'B')
    || setweight(to_tsvector('{config}', regexp_replace(coalesce(body_{code}, ''), '<[^>]*>', ' ', 'g')), 'D')
) STORED;
CREATE INDEX news_pub_search_{code} ON news_publication USING gin (search_{code});
"""
DROP = "ALTER TABLE news_publication DROP COLUMN IF EXISTS search_{code};"  # drops its index too


def add_search_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code, config in LANGUAGES.items():
        schema_editor.execute(ADD.format(code=code, config=config))


def drop_search_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        schema_editor.execute(DROP.format(code=code))


class Migration(migrations.Migration):
    """Full-text search documents for English and Russian, kept current by PostgreSQL itself."""

    dependencies = [
        ("news", "0006_list_indexes"),
    ]

    operations = [migrations.RunPython(add_search_columns, drop_search_columns, elidable=False)]
