"""The one normalisation of searched text (SQLite's fallback, and the stored document)."""

import re
import unicodedata

WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case, accents stripped: « Évaluées » → « evaluees »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stems(query: str) -> list[str]:
    """The fallback's crude French stemming: each word without its plural's final s or x
    (« monographies » finds « monographie »). PostgreSQL's french_stem does better."""
    words = WORD.findall(normalise(query))
    return [w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in words]
