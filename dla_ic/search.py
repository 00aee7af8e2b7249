"""Accent- and case-insensitive search: the one home of « a word matches a field ».

Both backends compare ``dla_fold(column)`` with ``dla_fold(word)``. On PostgreSQL,
``dla_fold`` is an IMMUTABLE SQL function (lower + unaccent, created by
directory/migrations/0008) on which the searched columns carry pg_trgm GIN indexes;
the folded word is a constant the planner computes once, so ``LIKE '%…%'`` reads the
index. On SQLite, the same name is a Python function registered on each connection
(directory's AppConfig.ready).

Two rules keep every search on an index (product rules, stated in the directory's help):
a word of one or two characters has no trigram, so it matches the start of a word only
(after a space, a hyphen, an apostrophe or a parenthesis), not any substring; a word of
digits matches a code (SIRET) from its start, through the btree ``varchar_pattern_ops``
index PostgreSQL has on a unique CharField.
"""

import unicodedata

from django.db.models import F, Func, Q, TextField, Value
from django.db.models.lookups import Contains, StartsWith

FUNCTION = "dla_fold"

# PostgreSQL: unaccent() is only STABLE (its dictionary could change), so indexes need
# this IMMUTABLE wrapper naming the dictionary; schema-qualified for the same reason.
# PL/pgSQL, not SQL: an SQL function calling a STABLE one is never inlined, and each call
# then starts an executor (3 µs a row, 2.5 times PL/pgSQL's cost): the cost of every row
# a trigram index hands back to be checked (directory/migrations/0010).
CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
AS $$ BEGIN RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1)); END $$
"""
DROP_FUNCTION = f"DROP FUNCTION IF EXISTS {FUNCTION}(text)"

# Ligatures unaccent spells out and NFKD keeps (ß is casefolded to « ss »).
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def fold(text: str | None) -> str | None:
    """Python's ``dla_fold``: « Œuvre À l'École » → « oeuvre a l'ecole »."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Fold(Func):
    function = FUNCTION
    output_field = TextField()


def index_sql(table: str, column: str) -> tuple[str, str]:
    """The trigram index a searched column needs on PostgreSQL: (create, drop)."""
    name = f"{table}_{column}_fold_trgm"
    return (
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
        f'USING gin ({FUNCTION}("{column}") gin_trgm_ops)',
        f'DROP INDEX IF EXISTS "{name}"',
    )


# pg_trgm cuts text into trigrams: a shorter word has none the index could look up, so
# it would read the whole index. The start of a word does have one (« 59 » → «  5», « 59»).
TRIGRAM = 3
# What precedes a word besides the start of the text; each is one more lookup of the index.
WORD_STARTS = (" ", "-", "'", "(")


def word_in(word: str, *fields: str, codes: tuple[str, ...] = ()) -> Q:
    """One of ``fields`` contains ``word``, accents and case ignored (a word shorter than
    a trigram: one of their words starts with it); or ``word`` is made of digits and one
    of ``codes`` starts with it."""
    condition = Q()
    for field in fields:
        condition |= _text_has(Fold(F(field)), word)
    if word.isascii() and word.isdigit():
        for code in codes:
            condition |= Q(**{f"{code}__startswith": word})
    return condition


def _text_has(text, word: str) -> Q:
    if len(fold(word)) >= TRIGRAM:
        return Q(Contains(text, Fold(Value(word))))
    condition = Q(StartsWith(text, Fold(Value(word))))
    for start in WORD_STARTS:
        condition |= Q(Contains(text, Fold(Value(start + word))))
    return condition


def all_words(value: str, *fields: str, codes: tuple[str, ...] = ()) -> list[Q]:
    """One condition per word of ``value``: every word must match (AND)."""
    return [word_in(word, *fields, codes=codes) for word in value.split()]


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, fold, deterministic=True)
