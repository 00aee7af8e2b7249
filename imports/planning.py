"""One engine for the preview and the import: ``plan`` says, row by row, what would be
created, updated, skipped or refused; ``apply`` writes exactly that plan in bulk. The
preview shows a plan, the import recomputes it with the same code and applies it."""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from directory.models import Prestataire
from directory.services import are_similar, name_key

from . import cells, rules

BATCH = 2000
FIRST_DATA_ROW = 2  # the header is row 1, as the spreadsheet numbers it


class Action(models.TextChoices):
    CREATE = "create", gettext_lazy("Créer")
    UPDATE = "update", gettext_lazy("Mettre à jour")
    SKIP = "skip", gettext_lazy("Ignorer")
    ERROR = "error", gettext_lazy("Erreur")


ACTION_TONES = {  # the badge colour of each action, declared once
    Action.CREATE: "success", Action.UPDATE: "primary", Action.SKIP: "secondary",
    Action.ERROR: "danger",
}


@dataclass
class RowPlan:
    number: int
    action: str = Action.CREATE
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # column header -> French message
    notes: list = field(default_factory=list)  # duplicates and other remarks
    target: int | None = None  # the pk updated or skipped
    changes: list = field(default_factory=list)
    version: int | None = None  # the target's version when planned


@dataclass
class Plan:
    rows: list[RowPlan]
    user: object = None  # who planned it: the one a kind's own service writes as

    def count(self, action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict:
        return {action.value: self.count(action) for action in Action}

    @property
    def has_errors(self) -> bool:
        return any(row.action == Action.ERROR for row in self.rows)


class Context:
    """What the base already holds, read once per plan (a handful of queries)."""

    def __init__(self, kind):
        self.kind = kind
        versioned = hasattr_field(kind.model, "version")
        wanted = ["pk", *stored_fields(kind), *(["version"] if versioned else [])]
        self.existing = {}  # natural key -> (pk, values)
        self.buckets = {}  # bucket -> [(pk, name, name key)]
        self.known = kind.known() if kind.known else {}  # natural key -> why it is skipped
        self.references = kind.references() if kind.references else {}
        rows = [] if kind.known else kind.model.objects.values(*wanted).iterator(chunk_size=5000)
        for values in rows:
            pk = values.pop("pk")
            for key_of in kind.keys:
                if (key := key_of(values)) is not None:
                    self.existing.setdefault(key, (pk, values))
            if kind.bucket and "name" in values:
                for scope in kind.bucket(values):
                    bucket = self.buckets.setdefault(scope, [])
                    bucket.append((pk, values["name"], name_key(values["name"])))
        self.firms = {}
        if kind.resolve:
            for pk, siret, name in Prestataire.objects.values_list("pk", "siret", "name"):
                self.firms.setdefault(("name", name_key(name)), pk)
                if siret:
                    self.firms[("siret", siret)] = pk


def stored_fields(kind) -> list[str]:
    """The columns' attributes as stored (``prestataire`` is read as ``prestataire_id``)."""
    return [
        kind.model._meta.get_field(c.field).attname
        for c in kind.columns if hasattr_field(kind.model, c.field)
    ]


def hasattr_field(model, name) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def plan(kind, rows, mapping: dict, user) -> Plan:
    """``mapping``: field -> index of the file's column (absent: the column is not read)."""
    context, seen = Context(kind), {}
    planned = [
        _plan_row(kind, number, row, mapping, user, context, seen)
        for number, row in enumerate(rows, start=FIRST_DATA_ROW)
    ]
    return Plan(rows=planned, user=user)


def _parse(kind, row, mapping, result):
    for column in kind.columns:
        index = mapping.get(column.field)
        raw = row[index] if index is not None and index < len(row) else None
        if raw in (None, ""):
            if column.required:
                result.errors[str(column.header)] = _("Valeur obligatoire manquante.")
            continue
        try:
            result.values[column.field] = column.parse(raw)
        except cells.CellError as error:
            result.errors[str(column.header)] = str(error)


def _plan_row(kind, number, row, mapping, user, context, seen) -> RowPlan:
    result = RowPlan(number=number)
    _parse(kind, row, mapping, result)
    if not result.errors and kind.resolve:
        try:
            result.values = kind.resolve(result.values, context)
        except cells.CellError as error:
            result.errors[str(getattr(error, "header", kind.columns[0].header))] = str(error)
    if not result.errors:
        _check(kind, result, user)
    if not result.errors:
        _decide(kind, result, context, seen)
    if result.errors:
        result.action = Action.ERROR
    return result


def _check(kind, result, user):
    values = result.values
    departement, region = kind.territory(values)
    if not rules.may_import_row(user, kind, departement, region):
        header = next((c.header for c in kind.columns if c.field == "departement_id" and
                       departement), kind.label)
        result.errors[str(header)] = _("Hors de votre territoire : vous ne pouvez pas importer "
                                       "cette ligne.")
    if kind.check:
        result.errors.update({str(h): str(m) for h, m in kind.check(user, values).items()})
    if values.get("aided_jobs") is not None and values.get("employees") is not None:
        if values["aided_jobs"] > values["employees"]:
            result.errors[str(kind.column("aided_jobs").header)] = _(
                "Les emplois aidés ne peuvent dépasser les salariés."
            )


def _decide(kind, result, context, seen):
    key = next((k for key_of in kind.keys if (k := key_of(result.values)) is not None), None)
    if key in seen:
        result.errors[str(kind.columns[0].header)] = _(
            "Doublon dans le fichier : même identifiant qu'à la ligne %s."
        ) % seen[key]
        return
    seen[key] = result.number
    if key in context.known:
        result.action = Action.SKIP
        result.notes.append(context.known[key])
        return
    if key in context.existing:
        pk, current = context.existing[key]
        result.target, result.version = pk, current.get("version")
        result.changes = [
            name for name, value in result.values.items()
            if name in current and current[name] != value
        ]
        result.action = Action.UPDATE if result.changes else Action.SKIP
        if key[0] == "name" and "name" in current:
            result.notes.append(_(
                "Même nom que « %s » dans ce territoire : même entrée de l'annuaire."
            ) % current["name"])
        return
    near = _near_names(kind, result.values, context)
    if near:
        result.action, result.target = Action.SKIP, near[0][0]
        result.notes.append(_("Doublon probable : « %s » existe déjà (nom très proche, même "
                              "territoire) ; ligne ignorée.") % near[0][1])


def _near_names(kind, values, context):
    if not kind.bucket or "name" not in values:
        return []
    key, found = name_key(values["name"]), {}
    for scope in (kind.neighbours or kind.bucket)(values):
        for pk, name, other in context.buckets.get(scope, ()):
            if pk not in found and are_similar(key, other):
                found[pk] = name
    return list(found.items())


def _creation(kind, values):
    fields = {c.field: c.default for c in kind.columns if c.default is not None}
    fields.update(values)
    if hasattr_field(kind.model, "version"):
        fields["version"] = 1
    instance = kind.model(**fields)
    instance.clean_fields(exclude=unchecked(kind.model))
    return instance


def unchecked(model) -> list[str]:
    """Fields clean_fields would check by a query each (foreign keys: the parsers matched
    them against the vocabularies already) or that the import sets itself (version)."""
    return ["version", *(f.name for f in model._meta.concrete_fields if f.is_relation)]


def apply(kind, plan: Plan, on_progress=lambda percent: None) -> dict:
    """Write ``plan`` (without error: the caller checked) in bulk. Run inside a transaction."""
    if kind.write:  # a kind written through its app's own service (invitations)
        created = [row for row in plan.rows if row.action == Action.CREATE]
        kind.write(plan, by=plan.user, on_progress=on_progress, creates=created)
        return plan.counts
    creates = [_creation(kind, row.values) for row in plan.rows if row.action == Action.CREATE]
    updates = {row.target: row for row in plan.rows if row.action == Action.UPDATE}
    total = max(len(creates) + len(updates), 1)
    for start in range(0, len(creates), BATCH):
        bulk_create_with_history(creates[start:start + BATCH], kind.model, batch_size=BATCH)
        on_progress(min(99, (start + BATCH) * 100 // total))
    _apply_updates(kind, updates, on_progress, done=len(creates), total=total)
    return plan.counts


def _apply_updates(kind, updates, on_progress, *, done, total):
    pks, fields = list(updates), sorted({f for row in updates.values() for f in row.changes})
    versioned = hasattr_field(kind.model, "version")
    for start in range(0, len(pks), BATCH):
        batch = kind.model.objects.select_for_update().in_bulk(pks[start:start + BATCH])
        for pk, instance in batch.items():
            if versioned and instance.version != updates[pk].version:
                raise ValueError(_("ligne %(n)s : « %(name)s » a été modifiée par quelqu'un "
                                   "d'autre pendant l'import ; relancez l'import.")
                                 % {"n": updates[pk].number, "name": instance})
            for name in updates[pk].changes:
                setattr(instance, name, updates[pk].values[name])
            if versioned:
                instance.version += 1  # an edit form opened before the import is refused
            try:
                instance.clean_fields(exclude=unchecked(kind.model))
            except ValidationError as error:
                raise ValueError(_("ligne %(n)s : %(error)s")
                                 % {"n": updates[pk].number, "error": error}) from error
        bulk_update_with_history(
            list(batch.values()), kind.model, [*fields, *(["version"] if versioned else [])],
            batch_size=BATCH,
        )
        on_progress(min(99, (done + start + BATCH) * 100 // total))
