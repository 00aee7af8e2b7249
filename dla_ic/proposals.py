"""A fact the app already knows, proposed in an empty field of a form (issue 21).

Only an unbound form gets a proposal, and only where nothing was saved or typed: what the
user submits is read like anything typed, and nothing saved is ever overwritten.
"""

EMPTY = (None, "", [], (), {})


def is_empty(value) -> bool:
    return any(value is empty or value == empty for empty in EMPTY)


def propose(form, name: str, value, *, source) -> bool:
    """Put ``value`` in the empty field ``name`` of an unbound form and say where it comes
    from under the field; True if it was proposed."""
    if form.is_bound or is_empty(value) or not is_empty(form.initial.get(name)):
        return False
    form.initial[name] = value
    field = form.fields[name]
    field.help_text = join_help(field.help_text, source)
    return True


def join_help(help_text, source) -> str:
    return " ".join(str(text) for text in (help_text, source) if text)
