from django.db import migrations

# Russian search: a word also matches in the form it was typed in, not only by its stem.
#
# The Snowball stemmer does not treat all forms of a word alike: it reduces the surname "Лавров" to
# "лавр" but "Лаврова" to "лавров", so a visitor typing the nominative found no text that has the
# genitive ("С.В.Лаврова"). news.search asks for either form of each word: "лавр" or "лавров" finds
# the stored "лавров".
#
# news_russian_unstemmed is PostgreSQL's "russian" configuration without the stemming: the same
# parser and the same stop words, each word only lower-cased. So a query comes out of it with exactly
# the shape it has under "russian" (the same operators, a lexeme for a lexeme), and
# news_websearch_to_tsquery pairs the two lexeme by lexeme: websearch_to_tsquery('russian', q) with
# each stem replaced by (stem | word as typed). Each word of the query is still required (or
# excluded, or part of a phrase) exactly as websearch_to_tsquery parsed it; ORing two whole queries
# instead would not find "Лавров Глушков" in a text saying "Лаврова" and "Глушков", and the simple
# configuration's stop words ("и") would make the unstemmed half find nothing.
#
# The stored documents (migration 0007) are unchanged; the function is IMMUTABLE, as
# websearch_to_tsquery is, so PostgreSQL computes it once when it plans a query and still searches
# the GIN index.
CREATE = """
CREATE TEXT SEARCH DICTIONARY news_unstemmed_russian (TEMPLATE = simple, STOPWORDS = russian);
CREATE TEXT SEARCH DICTIONARY news_unstemmed_english (TEMPLATE = simple, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION news_russian_unstemmed (COPY = russian);
ALTER TEXT SEARCH CONFIGURATION news_russian_unstemmed
    ALTER MAPPING REPLACE russian_stem WITH news_unstemmed_russian;
-- "russian" reads words in Latin letters with the English stemmer and stop words.
ALTER TEXT SEARCH CONFIGURATION news_russian_unstemmed
    ALTER MAPPING REPLACE english_stem WITH news_unstemmed_english;

CREATE FUNCTION news_websearch_to_tsquery(stemmed regconfig, unstemmed regconfig, query text)
RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $function$
    -- A tsquery's text is lexemes in quotes ('' for a quote inside) between operators. Both
    -- queries have the same operators; rebuild the stemmed one with a pair for each lexeme.
    SELECT CASE WHEN cardinality(stems) = cardinality(words) THEN (
        SELECT string_agg(
            operators[i] || CASE
                WHEN i > cardinality(stems) THEN ''
                WHEN stems[i] = words[i] THEN stems[i]
                ELSE '(' || stems[i] || ' | ' || words[i] || ')'
            END,
            '' ORDER BY i
        )
        FROM generate_subscripts(operators, 1) AS i
    )::tsquery ELSE stemmed_query END  -- (never expected: the same parser and stop words)
    FROM websearch_to_tsquery(stemmed, query) AS stemmed_query,
        LATERAL (
            SELECT
                ARRAY(
                    SELECT found[1]
                    FROM regexp_matches(stemmed_query::text, $$('(?:[^']|'')*')$$, 'g') AS found
                ) AS stems,
                ARRAY(
                    SELECT found[1]
                    FROM regexp_matches(websearch_to_tsquery(unstemmed, query)::text, $$('(?:[^']|'')*')$$, 'g')
                        AS found
                ) AS words,
                regexp_split_to_array(stemmed_query::text, $$'(?:[^']|'')*'$$) AS operators
        ) AS parts
$function$;
"""
DROP = """
DROP FUNCTION IF EXISTS news_websearch_to_tsquery(regconfig, regconfig, text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS news_russian_unstemmed;
DROP TEXT SEARCH DICTIONARY IF EXISTS news_unstemmed_russian;
DROP TEXT SEARCH DICTIONARY IF EXISTS news_unstemmed_english;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    """Russian queries find a word in the form typed as well as by its stem (PostgreSQL only)."""

    dependencies = [
        ("news", "0010_tidy_stored_texts"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
