"""Accent- and case-insensitive search: the one home of « a word matches a field ».

Both backends compare ``dla_fold(column)`` with ``dla_fold(word)``. On PostgreSQL,
``dla_fold`` is an IMMUTABLE SQL function (lower + unaccent, created by
directory/migrations/0007) on which the searched columns carry pg_trgm GIN indexes;
the folded word is a constant the planner computes once, so ``LIKE '%…%'`` reads the
index. On SQLite, the same name is a Python function registered on each connection
(directory's AppConfig.ready).
"""

import unicodedata

from django.db.models import F, Func, Q, TextField, Value
from django.db.models.lookups import Contains

FUNCTION = "dla_fold"

# PostgreSQL: unaccent() is only STABLE (its dictionary could change), so indexes need
# this IMMUTABLE wrapper naming the dictionary; schema-qualified for the same reason.
CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$
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


def word_in(word: str, *fields: str) -> Q:
    """One of ``fields`` contains ``word``, accents and case ignored."""
    condition = Q()
    for field in fields:
        condition |= Q(Contains(Fold(F(field)), Fold(Value(word))))
    return condition


def all_words(value: str, *fields: str) -> list[Q]:
    """One condition per word of ``value``: every word must match (AND)."""
    return [word_in(word, *fields) for word in value.split()]


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, fold, deterministic=True)
