"""Moving a machine's former log of its own into the one log, and back (data migrations).

Called from the migrations that removed ``cycle.TransitionLog`` and
``grille.GrilleTransitionLog`` with the historical ``apps``: only historical models are
used, and the subject's ContentType row is created if ``contenttypes`` has not yet
written it (a fresh database gets its rows after the last migration only).
"""

BATCH = 2000
COPIED = ("transition", "source", "target", "by_id", "at", "comment")


def _content_type(apps, app_label: str, model: str):
    content_types = apps.get_model("contenttypes", "ContentType")
    return content_types.objects.get_or_create(app_label=app_label, model=model)[0]


def _in_batches(rows, create):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            create(batch)
            batch = []
    if batch:
        create(batch)


def into_one_log(apps, *, old: str, subject: str, key: str) -> int:
    """Copy ``old`` ("app.Model") rows into the one log, in their pk order; returns the count.

    ``subject``: the model they log ("app.model"); ``key``: the old row's foreign key to it.
    """
    old_model = apps.get_model(old)
    log = apps.get_model("workflows", "TransitionLog")
    content_type = _content_type(apps, *subject.split("."))
    rows = old_model.objects.order_by("pk").values_list(f"{key}_id", *COPIED)
    count = 0

    def create(batch):
        nonlocal count
        count += len(log.objects.bulk_create(batch))

    _in_batches(
        (
            log(content_type_id=content_type.pk, object_id=row[0], details={},
                **dict(zip(COPIED, row[1:], strict=True)))
            for row in rows.iterator(chunk_size=BATCH)
        ),
        create,
    )
    return count


def out_of_one_log(apps, *, old: str, subject: str, key: str) -> int:
    """The reverse: the subject's rows of the one log back into ``old``, then removed."""
    old_model = apps.get_model(old)
    log = apps.get_model("workflows", "TransitionLog")
    content_type = _content_type(apps, *subject.split("."))
    rows = log.objects.filter(content_type_id=content_type.pk).order_by("pk")
    count = 0

    def create(batch):
        nonlocal count
        count += len(old_model.objects.bulk_create(batch))

    _in_batches(
        (
            old_model(**{f"{key}_id": row[0]}, **dict(zip(COPIED, row[1:], strict=True)))
            for row in rows.values_list("object_id", *COPIED).iterator(chunk_size=BATCH)
        ),
        create,
    )
    rows.delete()
    return count
