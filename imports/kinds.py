"""What can be imported, declared as data: per kind its columns (French header, required,
parser), its natural keys, the territory a row belongs to and its near-duplicate bucket.

The planner (planning.py), the template writer (workbooks.py) and the pages all derive
from these declarations; nothing about a kind is written anywhere else.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from cycle.models import Project
from directory.models import BeneficiaryStructure, Intervenant, Partner, Prestataire
from directory.services import name_key
from directory.territories import DEPARTEMENTS
from directory.vocabulary import SECTORS, LegalForm, PartnerKind

from . import cells, invitations, past_ics


@dataclass(frozen=True)
class Column:
    field: str  # the model's attribute (``_id`` for a foreign key)
    header: str  # the French header of the template
    parse: Callable  # raw cell -> value, or raises cells.CellError
    required: bool = False
    default: object = None  # on creation, an empty optional cell gives this
    export: Callable = None  # instance -> cell, for templates and round trips
    aliases: tuple = ()  # other headers DLAs use for it (matched folded)
    example: object = ""


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    model: type
    columns: tuple[Column, ...]
    keys: tuple[Callable, ...]  # values -> a natural key or None; first non-None decides
    territory: Callable  # values -> (département code or None, région code or None)
    # values -> the scopes of near-name comparisons an entry of the base is filed under
    bucket: Callable = None
    # values -> the scopes a row is compared within (default: its own ``bucket``)
    neighbours: Callable = None
    staff_only: bool = False  # admins and C2RA only (not chargés de mission)
    resolve: Callable = None  # (values, context) -> values with references resolved
    references: Callable = None  # () -> what ``resolve`` looks up, read once per plan
    known: Callable = None  # () -> {natural key: note}: rows skipped (the base is not read)
    check: Callable = None  # (user, values) -> {header: message}: a row the user may not write
    write: Callable = None  # (plan, by, on_progress, creates): written by the app's service
    examples: tuple = field(default=())

    def column(self, name):
        return next(c for c in self.columns if c.field == name)


def _label(choices):
    return lambda code: str(dict(choices).get(code, code))


def _siret_key(values):
    return ("siret", values["siret"]) if values.get("siret") else None


def _structure_name_key(values):
    """Same name in the same commune: the same structure (two « Jardins de Cocagne » in two
    communes of a département are two structures)."""
    return ("name", name_key(values["name"]), values.get("departement_id"),
            cells.fold(values.get("commune") or ""))


def _structure_buckets(values):
    departement, commune = values.get("departement_id"), cells.fold(values.get("commune") or "")
    return (("departement", departement), ("commune", departement, commune))


def _structure_neighbours(values):
    """A row with a commune is compared with the structures of that commune and those whose
    commune is unknown; a row without commune with the whole département."""
    departement, commune = values.get("departement_id"), cells.fold(values.get("commune") or "")
    if not commune:
        return (("departement", departement),)
    return (("commune", departement, commune), ("commune", departement, ""))


def _dept_territory(values):
    code = values.get("departement_id")
    return code, DEPARTEMENTS[code][1] if code else None


STRUCTURES = Kind(
    code="structures",
    label=_("Structures bénéficiaires"),
    model=BeneficiaryStructure,
    columns=(
        Column("name", _("Nom"), cells.text, required=True, export=lambda o: o.name,
               aliases=("raison sociale", "nom de la structure", "structure")),
        Column("siret", _("SIRET"), cells.siret, export=lambda o: o.siret or "",
               aliases=("n siret", "numero siret")),
        Column("legal_form", _("Forme juridique"), cells.legal_form, default=LegalForm.OTHER,
               export=lambda o: _label(LegalForm.choices)(o.legal_form),
               aliases=("statut", "statut juridique")),
        Column("sector_id", _("Secteur"), cells.sector, required=True,
               export=lambda o: str(SECTORS[o.sector_id]),
               aliases=("secteur d activite", "secteur activite")),
        Column("departement_id", _("Département"), cells.departement, required=True,
               export=lambda o: o.departement_id, aliases=("dept", "departement code")),
        Column("employees", _("Salariés"), cells.integer, export=lambda o: o.employees,
               aliases=("nombre de salaries", "effectif", "etp")),
        Column("aided_jobs", _("Emplois aidés"), cells.integer, export=lambda o: o.aided_jobs,
               aliases=("contrats aides",)),
        Column("address", _("Adresse"), lambda v: cells.text(v, max_length=250), default="",
               export=lambda o: o.address, aliases=("adresse postale", "rue")),
        Column("postal_code", _("Code postal"), cells.postal_code, default="",
               export=lambda o: o.postal_code, aliases=("cp",)),
        Column("commune", _("Commune"), lambda v: cells.text(v, max_length=120), default="",
               export=lambda o: o.commune, aliases=("ville", "localite")),
    ),
    keys=(_siret_key, _structure_name_key),
    territory=_dept_territory,
    bucket=_structure_buckets,
    neighbours=_structure_neighbours,
    examples=(
        ("Ressourcerie du Pévèle", "44306184100047", "Association loi 1901",
         "Déchets et réemploi", "59", 12, 4, "12 rue de la Gare", "59830", "Cysoing"),
        ("Jardins de Cocagne de Lille", "", "Atelier et chantier d'insertion",
         "Insertion par l'activité économique", "Nord", 25, 18, "", "59000", "Lille"),
        ("Compagnie des Trois Chênes", "", "SCOP", "culture", "59 – Nord", 6, "", "", "", ""),
    ),
)


def _partner_key(values):
    return ("name", name_key(values["name"]), values.get("departement_id"),
            values.get("region_id"))


def _partner_territory(values):
    code, region = values.get("departement_id"), values.get("region_id")
    return code, region or (DEPARTEMENTS[code][1] if code else None)


PARTNERS = Kind(
    code="partenaires",
    label=_("Partenaires"),
    model=Partner,
    columns=(
        Column("name", _("Nom"), cells.text, required=True, export=lambda o: o.name,
               aliases=("partenaire", "organisme")),
        Column("kind", _("Type"), cells.partner_kind, required=True,
               export=lambda o: _label(PartnerKind.choices)(o.kind),
               aliases=("type de partenaire", "categorie")),
        Column("region_id", _("Région"), cells.region, export=lambda o: o.region_id or ""),
        Column("departement_id", _("Département"), cells.departement,
               export=lambda o: o.departement_id or ""),
        Column("contact", _("Contact"), cells.text, default="", export=lambda o: o.contact,
               aliases=("interlocuteur", "personne contact")),
    ),
    keys=(_partner_key,),
    territory=_partner_territory,
    bucket=lambda values: ((values.get("departement_id"), values.get("region_id")),),
    examples=(
        ("DREETS Hauts-de-France", "Services de l'État (DDTEFP, DREETS, DIREN…)",
         "Hauts-de-France", "", "Mme Durand"),
        ("Réseau des Ressourceries", "reseau", "", "59", ""),
    ),
)


def _firm_name_key(values):
    return ("name", name_key(values["name"]))


PRESTATAIRES = Kind(
    code="prestataires",
    label=_("Prestataires"),
    model=Prestataire,
    columns=(
        Column("name", _("Raison sociale"), cells.text, required=True, export=lambda o: o.name,
               aliases=("nom", "cabinet", "prestataire")),
        Column("siret", _("SIRET"), cells.siret, export=lambda o: o.siret or ""),
        Column("departement_id", _("Département"), cells.departement,
               export=lambda o: o.departement_id or ""),
        Column("email", _("Courriel"), cells.email, default="", export=lambda o: o.email,
               aliases=("email", "e mail", "mail", "adresse electronique")),
    ),
    keys=(_siret_key, _firm_name_key),
    territory=lambda values: (None, None),  # a firm works anywhere: staff only
    bucket=lambda values: ("",),
    staff_only=True,
    examples=(
        ("Cabinet Alpha Conseil", "73282932000074", "59", "contact@alpha-conseil.fr"),
        ("Coopérative d'accompagnement Nord", "", "62", ""),
    ),
)


def _resolve_firm(values, context):
    """The « Prestataire » cell names a firm of the base by SIRET or by name."""
    wanted = values.pop("prestataire", None)
    if wanted is None:
        return values
    digits = "".join(str(wanted).split())
    firm = context.firms.get(("siret", digits)) or context.firms.get(("name", name_key(wanted)))
    if firm is None:
        raise cells.CellError(_("Prestataire inconnu dans l'annuaire : « %s ».") % wanted)
    values["prestataire_id"] = firm
    return values


def _intervenant_key(values):
    person = values.get("email", "").lower() or (
        name_key(values["first_name"]) + "|" + name_key(values["last_name"])
    )
    return ("person", values.get("prestataire_id"), person)


INTERVENANTS = Kind(
    code="intervenants",
    label=_("Intervenants des prestataires"),
    model=Intervenant,
    columns=(
        Column("prestataire", _("Prestataire"), cells.text, required=True,
               export=lambda o: o.prestataire.siret or o.prestataire.name,
               aliases=("cabinet", "raison sociale", "siret du prestataire")),
        Column("first_name", _("Prénom"), cells.text, required=True,
               export=lambda o: o.first_name),
        Column("last_name", _("Nom"), cells.text, required=True, export=lambda o: o.last_name),
        Column("email", _("Courriel"), cells.email, default="", export=lambda o: o.email,
               aliases=("email", "e mail", "mail")),
    ),
    keys=(_intervenant_key,),
    territory=lambda values: (None, None),
    staff_only=True,
    resolve=_resolve_firm,
    examples=(
        ("73282932000074", "Inès", "Lefebvre", "ines.lefebvre@alpha-conseil.fr"),
        ("Coopérative d'accompagnement Nord", "Bruno", "Marchand", ""),
    ),
)

USERS = Kind(
    code="utilisateurs",
    label=_("Utilisateurs (invitations)"),
    model=User,
    columns=(
        Column("email", _("Courriel"), cells.email, required=True, export=lambda o: o.email,
               aliases=("email", "e mail", "mail", "adresse electronique")),
        Column("first_name", _("Prénom"), cells.text, required=True,
               export=lambda o: o.first_name),
        Column("last_name", _("Nom"), cells.text, required=True, export=lambda o: o.last_name),
        Column("role", _("Rôle"), cells.role, required=True,
               export=lambda o: _label(Role.choices)(o.role), aliases=("fonction",)),
        Column("organisation", _("DLA"), cells.text,
               export=lambda o: o.organisation.name if o.organisation else "",
               aliases=("organisation", "structure porteuse", "equipe")),
        Column("region_id", _("Région"), cells.region,
               export=lambda o: o.organisation.region_id if o.organisation else ""),
    ),
    keys=(invitations.email_key,),
    territory=invitations.territory,
    staff_only=True,
    resolve=invitations.resolve,
    references=invitations.references,
    known=invitations.known,
    check=invitations.check,
    write=invitations.write,
    examples=(
        ("claire.dupont@dla-nord.fr", "Claire", "Dupont", "Chargé·e de mission", "DLA du Nord",
         ""),
        ("paul.lemaire@c2ra-hdf.fr", "Paul", "Lemaire", "Équipe C2RA", "", "Hauts-de-France"),
    ),
)

PAST_ICS = Kind(
    code="ic-passees",
    label=_("IC passées"),
    model=Project,
    columns=(
        Column("title", _("Intitulé"), cells.text, required=True, export=lambda o: o.title,
               aliases=("titre", "nom de l ic")),
        Column("ic_type", _("Type d'IC"), past_ics.ic_type, export=lambda o: o.ic_type,
               aliases=("type",)),
        Column("organisation", _("DLA"), cells.text, required=True,
               export=lambda o: o.referent.name if o.referent else "", aliases=("pilote",)),
        Column("launched_on", _("Début"), cells.a_date, required=True,
               export=lambda o: o.launched_on, aliases=("date de debut", "lancement")),
        Column("intervention_ends_on", _("Fin"), cells.a_date,
               export=lambda o: o.intervention_ends_on, aliases=("date de fin",)),
        Column("state", _("État atteint"), past_ics.state, required=True,
               export=lambda o: o.get_state_display(), aliases=("etat", "etape", "statut")),
        Column("structures", _("Structures (SIRET)"), past_ics.sirets, export=lambda o: "",
               aliases=("structures", "siret des structures")),
        Column("budget", _("Budget total"), past_ics.amount, export=lambda o: "",
               aliases=("budget", "montant")),
        Column("days", _("Jours"), past_ics.days, export=lambda o: "",
               aliases=("nombre de jours", "jours d intervention")),
    ),
    keys=(past_ics.key,),
    territory=invitations.territory,
    staff_only=True,
    resolve=past_ics.resolve,
    references=past_ics.references,
    known=past_ics.known,
    check=past_ics.check,
    write=past_ics.write,
    examples=(
        ("Mutualiser l'encadrement technique", "Réponse collective aux structures",
         "DLA du Nord", "03/03/2021", "2022-06-30", "Clôturée", "44306184100047",
         "12 500,00", 10),
        ("Structurer la vie statutaire", "", "DLA du Nord", "15 septembre 2023", "",
         "Abandonnée", "", "", ""),
    ),
)

KINDS = {kind.code: kind for kind in (STRUCTURES, PARTNERS, PRESTATAIRES, INTERVENANTS, USERS,
                                      PAST_ICS)}
