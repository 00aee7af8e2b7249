"""A deterministic synthetic data set at national scale, for benchmarks and load tests.

``generate(scale, seed)`` writes, with bulk inserts only, DLA and C2RA, users of
every role, ICs spread over every state of the cycle with the data each state
requires (so the guards agree with the states), the directory, the grilles,
the 46 checklist rows per IC and a transition log that leads, row after row,
from each IC's creation to its current state.

Every generated account's username starts with ``PREFIX``; the ICs are created
by those accounts. ``foreign_data()`` tells whether the database holds anything
else (the command then refuses to run unless ``--force``). A marker account
(inactive, ``MARKER``) records the scale and the seed.

Same seed, same scale → same rows (``digest()`` hashes them by natural keys,
never by primary keys, which depend on the database's sequences).
"""

import datetime
import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from accounts.models import Role, User
from cycle import summaries
from cycle.checklists import CHECKLISTS
from cycle.models import (
    BudgetTranche,
    CapitalisationItem,
    ChecklistItem,
    Committee,
    CommitteeMember,
    Meeting,
    Objective,
    Project,
    ProjectPartner,
    ProjectPilot,
    ProjectPrestataire,
    ProjectStructure,
)
from cycle.states import PHASES, State
from cycle.vocabulary import (
    CapitalisationNature,
    CommitteeKind,
    ICType,
    NeedKind,
    ObjectiveKind,
    ParticipationStatus,
    PartnerRole,
    ProblemOrigin,
    TerritorialScale,
    TransferResponsible,
)
from directory.models import (
    BeneficiaryStructure,
    Departement,
    Intervenant,
    Organisation,
    Partner,
    Prestataire,
    Region,
    Sector,
    StructureContact,
)
from directory.vocabulary import LegalForm, OrganisationKind, PartnerKind
from grille.models import Grille, GrilleStatus
from library import services as library_services
from workflows.models import TransitionLog

PREFIX = "gen-"
MARKER = f"{PREFIX}dataset"
# Published with the benchmark (generated data only, never a real account).
PASSWORD = "bench-dla-2026"  # noqa: S105
BATCH = 2000
TZ = datetime.UTC
EPOCH = datetime.datetime(2019, 1, 7, 9, 0, tzinfo=TZ)

METROPOLITAN = ("11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94")
OVERSEAS_WITH_C2RA = ("01", "02", "03", "04")  # Mayotte relies on La Réunion's centre


@dataclass(frozen=True)
class Scale:
    name: str
    regions: tuple[str, ...] | None  # None: every region
    ics: int
    structures: int
    partners: int
    prestataires: int
    cm_per_dla: int
    cm_per_c2ra: int
    staff_per_c2ra: int
    intervenant_users: int
    admins: int
    structure_contacts: int  # representatives of committed structures (their own accounts)
    logs_per_ic: int  # average transition-log rows per IC


SCALES = {
    "national": Scale(
        "national", None, ics=5000, structures=50_000, partners=5000, prestataires=2000,
        cm_per_dla=6, cm_per_c2ra=2, staff_per_c2ra=10, intervenant_users=170, admins=20,
        structure_contacts=500, logs_per_ic=40,
    ),
    "small": Scale(
        "small", ("32", "53"), ics=20, structures=200, partners=40, prestataires=20,
        cm_per_dla=2, cm_per_c2ra=1, staff_per_c2ra=2, intervenant_users=4, admins=1,
        structure_contacts=3, logs_per_ic=12,
    ),
}

# Out-of-cycle states weigh like a stage; open phases get most ICs.
STATE_WEIGHTS = {**{phase: 6 for phase in PHASES}, State.CLOSED: 12, State.SUSPENDED: 3,
                 State.ABANDONED: 3}

WORDS = (
    "insertion", "réemploi", "mobilité", "alimentation", "culture", "emploi", "mutualisation",
    "numérique", "gouvernance", "financement", "territoire", "coopération", "recyclerie",
    "tourisme", "jeunesse", "santé", "sport", "patrimoine", "environnement", "services",
)
FIRST_NAMES = ("Claire", "Paul", "Sophie", "Karim", "Léa", "Hugo", "Inès", "Louis", "Emma",
               "Nathan", "Chloé", "Yanis", "Manon", "Lucas", "Sarah", "Théo", "Camille", "Jules")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
              "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Roux")


def siret(number: int, prefix: str) -> str:
    """A 14-digit SIRET with a valid Luhn key: ``prefix`` + ``number``, then the key."""
    body = f"{prefix}{number:0{13 - len(prefix)}d}"
    for key in range(10):
        candidate = body + str(key)
        total = 0
        for position, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if position % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def reached_index(state: str, suspended_from: str) -> int:
    """How far in the cycle an IC went: the index of the last phase whose entry it passed."""
    if state == State.CLOSED:
        return len(PHASES)
    if state == State.SUSPENDED:
        return PHASES.index(suspended_from)
    return PHASES.index(state) if state in PHASES else 0


def foreign_data() -> bool:
    """Whether the database holds accounts or ICs that the generator did not create."""
    return (
        User.objects.exclude(username__startswith=PREFIX).exists()
        or Project.objects.exclude(created_by__username__startswith=PREFIX).exists()
    )


def generated_marker() -> str | None:
    """``scale:seed`` of the data set already generated here, or None."""
    marker = User.objects.filter(username=MARKER).values_list("last_name", flat=True).first()
    return marker


def _bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


class Generator:
    def __init__(self, scale: Scale, seed: int, log=lambda message: None):
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible by design
        self.seed = seed
        self.log = log
        self.counts: dict[str, int] = {}

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    # --- the directory

    def organisations(self):
        regions = self.scale.regions or (*METROPOLITAN, *OVERSEAS_WITH_C2RA, "06")
        self.regions = list(Region.objects.filter(code__in=regions).order_by("code"))
        self.departements = list(
            Departement.objects.filter(region__in=self.regions).order_by("code")
        )
        self.sectors = list(Sector.objects.order_by("code"))
        dlas = [
            Organisation(kind=OrganisationKind.DLA, name=f"DLA {d.name} ({d.code})",
                         carrier=f"Association porteuse {d.code}", departement=d,
                         region_id=d.region_id)
            for d in self.departements
        ]
        c2ras = [
            Organisation(kind=OrganisationKind.C2RA, name=f"DLA régional {r.name}",
                         carrier=f"Centre régional {r.code}", region=r)
            for r in self.regions
            if r.code in (*METROPOLITAN, *OVERSEAS_WITH_C2RA)
        ]
        self.dlas = _bulk(Organisation, dlas)
        self.c2ras = _bulk(Organisation, c2ras)
        self.c2ra_of_region = {c.region_id: c for c in self.c2ras}
        self.dla_of_departement = {d.departement_id: d for d in self.dlas}

    def users(self):
        password = make_password(PASSWORD, salt=f"gendataset{self.seed}")
        scale, rows = self.scale, []

        def user(username, role, organisation=None, **extra):
            rows.append(User(
                username=f"{PREFIX}{username}", password=password, role=role,
                organisation=organisation, first_name=self.pick(FIRST_NAMES),
                last_name=self.pick(LAST_NAMES), email=f"{username}@dla.example", **extra,
            ))

        for org in self.dlas:
            for i in range(scale.cm_per_dla):
                user(f"cm-{org.departement_id}-{i}", Role.CHARGE_MISSION, org)
        for org in self.c2ras:
            for i in range(scale.cm_per_c2ra):
                user(f"cm-r{org.region_id}-{i}", Role.CHARGE_MISSION, org)
            for i in range(scale.staff_per_c2ra):
                user(f"c2ra-{org.region_id}-{i}", Role.C2RA, org)
        for i in range(scale.intervenant_users):
            user(f"intervenant-{i}", Role.INTERVENANT)
        for i in range(scale.admins):
            user(f"admin-{i}", Role.ADMIN, is_staff=True, is_superuser=True)
        rows.append(User(username=MARKER, role=Role.ADMIN, is_active=False,
                         last_name=f"{scale.name}:{self.seed}",
                         password="!"))  # noqa: S106 - unusable: the marker cannot sign in
        users = _bulk(User, rows)
        self.members: dict[int, list[User]] = {}
        for u in users:
            if u.role == Role.CHARGE_MISSION:
                self.members.setdefault(u.organisation_id, []).append(u)
        self.intervenant_users = [u for u in users if u.role == Role.INTERVENANT]
        self.counts["users"] = len(users) - 1

    def directory(self):
        scale, rng = self.scale, self.rng
        forms = list(LegalForm.values)
        structures = []
        for i in range(scale.structures):
            d = self.departements[i % len(self.departements)]
            employees = rng.randint(0, 120)
            structures.append(BeneficiaryStructure(
                name=f"{self.pick(WORDS).capitalize()} solidaire {d.code}-{i:05d}",
                legal_form=self.pick(forms), siret=siret(i, "81"), sector=self.pick(self.sectors),
                employees=employees, aided_jobs=rng.randint(0, employees), departement=d,
            ))
        self.structures = _bulk(BeneficiaryStructure, structures)
        self.structures_by_dep: dict[str, list] = {}
        for s in self.structures:
            self.structures_by_dep.setdefault(s.departement_id, []).append(s)

        kinds = list(PartnerKind.values)
        partners = []
        for i in range(scale.partners):
            d = self.departements[i % len(self.departements)]
            partners.append(Partner(
                name=f"Partenaire {self.pick(WORDS)} {d.code}-{i:05d}", kind=self.pick(kinds),
                region_id=d.region_id, departement=d, contact=f"contact{i}@partenaire.example",
            ))
        self.partners = _bulk(Partner, partners)
        self.partners_by_region: dict[str, list] = {}
        for p in self.partners:
            self.partners_by_region.setdefault(p.region_id, []).append(p)

        prestataires = []
        for i in range(scale.prestataires):
            d = self.departements[i % len(self.departements)]
            prestataires.append(Prestataire(
                name=f"Cabinet {self.pick(LAST_NAMES)} {d.code}-{i:04d}",
                siret=siret(i, "82"), departement=d, email=f"cabinet{i}@conseil.example",
            ))
        self.prestataires = _bulk(Prestataire, prestataires)
        approvals, self.prestataires_by_region = [], {}
        through = Prestataire.approved_regions.through
        for p in self.prestataires:
            home = p.departement.region_id
            regions = sorted({home, self.pick(self.regions).code})
            for code in regions:
                approvals.append(through(prestataire_id=p.pk, region_id=code))
                self.prestataires_by_region.setdefault(code, []).append(p)
        _bulk(through, approvals)

        intervenants = []
        for p in self.prestataires:
            for _n in range(2):
                intervenants.append(Intervenant(
                    prestataire=p, first_name=self.pick(FIRST_NAMES),
                    last_name=self.pick(LAST_NAMES), email=f"i{len(intervenants)}@conseil.example",
                ))
        # The intervenant accounts: the first consultant of the first firms of each region.
        for account, intervenant in zip(self.intervenant_users, intervenants[::2], strict=False):
            intervenant.user = account
        self.intervenants = _bulk(Intervenant, intervenants)
        self.intervenants_of: dict[int, list] = {}
        for i in self.intervenants:
            self.intervenants_of.setdefault(i.prestataire_id, []).append(i)

    # --- the ICs

    def states(self) -> list[str]:
        """Every state at least once, then drawn by weight."""
        states = list(STATE_WEIGHTS)
        weights = list(STATE_WEIGHTS.values())
        drawn = states[: self.scale.ics] + self.rng.choices(
            states, weights, k=max(0, self.scale.ics - len(states))
        )
        self.rng.shuffle(drawn)
        return drawn

    def projects(self):
        rng, rows, self.plans = self.rng, [], []
        for number, state in enumerate(self.states(), start=1):
            dla = self.pick(self.dlas)
            suspended_from = self.pick(PHASES).value if state == State.SUSPENDED else ""
            reached = reached_index(state, suspended_from)
            if state == State.ABANDONED:
                reached = rng.randrange(len(PHASES))
            launched = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2000))
            words = rng.sample(WORDS, 2)
            fields = {
                "title": f"IC {number:05d} – {words[0]} et {words[1]} ({dla.departement_id})",
                "need_kind": self.pick(NeedKind.values),
                "problem_origin": self.pick(ProblemOrigin.values),
                "territorial_scale": self.pick(TerritorialScale.values),
                "territory_description": f"Territoire du département {dla.departement_id}.",
                "beneficiaries_description": "Structures de l'ESS du territoire.",
                "launched_on": launched,
                "state": state,
                "suspended_from": suspended_from,
                "closing_reason": "Motif généré." if state in (State.SUSPENDED,
                                                               State.ABANDONED) else "",
                "created_by": self.pick(self.members[dla.pk]),
            }
            if reached >= 1:
                fields["problem_statement"] = f"Problématique {words[0]} de l'IC {number}."
                fields["problem_sources"] = "Diagnostics DLA, sollicitations partenariales."
            if reached >= 3:
                fields["ic_type"] = self.pick(ICType.values)
            if reached >= 5:
                fields["strategic_objective"] = f"Consolider les structures ({words[1]})."
            if reached >= 8:
                fields["intervention_project"] = "Quatre journées collectives, deux ateliers."
            if reached >= 9:
                fields["specification_issued_on"] = launched + datetime.timedelta(days=120)
                fields["intervention_starts_on"] = launched + datetime.timedelta(days=150)
                fields["intervention_ends_on"] = launched + datetime.timedelta(days=300)
            if reached >= 11:
                fields["evaluation_summary"] = "Les structures ont consolidé leur modèle."
            rows.append(Project(**fields))  # state through the constructor: it is protected
            self.plans.append((dla, reached))
        self.projects_ = _bulk(Project, rows)
        self.counts["projects"] = len(self.projects_)

    def relations(self):
        rng = self.rng
        pilots, deps, regs, secs = [], [], [], []
        partnerships, participations, objectives, tranches = [], [], [], []
        assignments, capitalisation = [], []
        through_dep, through_reg = Project.departements.through, Project.regions.through
        through_sec = Project.sectors.through
        for project, (dla, reached) in zip(self.projects_, self.plans, strict=True):
            pilots.append(ProjectPilot(project=project, organisation=dla, is_referent=True))
            c2ra = self.c2ra_of_region.get(dla.region_id)
            if c2ra is not None and rng.random() < 0.2:
                pilots.append(ProjectPilot(project=project, organisation=c2ra))
            deps.append(through_dep(project_id=project.pk, departement_id=dla.departement_id))
            regs.append(through_reg(project_id=project.pk, region_id=dla.region_id))
            for sector in sorted(rng.sample(self.sectors, 2), key=lambda s: s.code):
                secs.append(through_sec(project_id=project.pk, sector_id=sector.code))

            local = self.structures_by_dep[dla.departement_id]
            chosen = rng.sample(local, min(len(local), rng.randint(4, 8)))
            for index, structure in enumerate(chosen):
                if reached >= 7 and index < 2:
                    status = ParticipationStatus.COMMITTED
                elif index == 0:
                    status = ParticipationStatus.CONTACTED
                else:
                    status = self.pick(ParticipationStatus.values)
                participations.append(ProjectStructure(
                    project=project, structure=structure, status=status,
                    withdrawal_reason="Manque de disponibilité."
                    if status == ParticipationStatus.WITHDREW else "",
                    publication_consent=rng.random() < 0.7,
                ))
            region_partners = self.partners_by_region[dla.region_id]
            for partner, role in zip(
                rng.sample(region_partners, 2), rng.sample(PartnerRole.values, 2), strict=True
            ):
                partnerships.append(ProjectPartner(
                    project=project, partner=partner, role=role, contribution="Appui."
                ))
            if reached >= 4:
                objectives += [
                    Objective(project=project, kind=ObjectiveKind.OPERATIONAL,
                              text="Former les dirigeants.", position=1),
                    Objective(project=project, kind=ObjectiveKind.EVALUATION,
                              text="Mesurer la consolidation.", position=1),
                ]
            if reached >= 5:
                for position in range(1, rng.randint(1, 2) + 1):
                    tranches.append(BudgetTranche(
                        project=project, label=f"Tranche {position}",
                        amount=Decimal(rng.randrange(2000, 30000)),
                        days=Decimal(rng.randrange(2, 30)), funded_by_dla=position == 1,
                        position=position,
                    ))
            if reached >= 8:
                firms = self.prestataires_by_region.get(dla.region_id) or self.prestataires
                assignments.append(ProjectPrestataire(
                    project=project, prestataire=self.pick(firms),
                    selected_on=project.launched_on + datetime.timedelta(days=130),
                    mission="Accompagnement collectif.",
                ))
            if reached >= 11:
                for n in range(rng.randint(1, 2)):
                    capitalisation.append(CapitalisationItem(
                        project=project, title=f"Guide {n + 1} – {project.title[:150]}",
                        nature=self.pick(CapitalisationNature.values),
                        target_audiences="Réseaux des structures.",
                        responsible=self.pick(TransferResponsible.values),
                    ))
        _bulk(ProjectPilot, pilots)
        _bulk(through_dep, deps)
        _bulk(through_reg, regs)
        _bulk(through_sec, secs)
        self.counts["participations"] = len(_bulk(ProjectStructure, participations))
        self.counts["partnerships"] = len(_bulk(ProjectPartner, partnerships))
        _bulk(Objective, objectives)
        self.counts["budget_tranches"] = len(_bulk(BudgetTranche, tranches))
        assignments = _bulk(ProjectPrestataire, assignments)
        self.counts["assignments"] = len(assignments)
        through = ProjectPrestataire.intervenants.through
        _bulk(through, [
            through(projectprestataire_id=a.pk, intervenant_id=i.pk)
            for a in assignments for i in self.intervenants_of[a.prestataire_id]
        ])
        _bulk(CapitalisationItem, capitalisation)

    def structure_contacts(self):
        """One representative for each of the first committed structures, as after their
        invitation was accepted."""
        committed = (
            ProjectStructure.objects.filter(status=ParticipationStatus.COMMITTED)
            .order_by("pk")
            .values_list("structure_id", flat=True)
        )
        structure_ids = list(dict.fromkeys(committed))[: self.scale.structure_contacts]
        password = make_password(PASSWORD, salt=f"gendataset{self.seed}")
        users = _bulk(User, [
            # Numbered, not named by primary key: the same seed gives the same accounts.
            User(username=f"{PREFIX}structure-{n}", password=password, role=Role.STRUCTURE,
                 first_name=self.pick(FIRST_NAMES), last_name=self.pick(LAST_NAMES),
                 email=f"structure-{n}@asso.example")
            for n in range(len(structure_ids))
        ])
        _bulk(StructureContact, [
            StructureContact(structure_id=pk, user=user)
            for pk, user in zip(structure_ids, users, strict=True)
        ])
        self.counts["users"] += len(users)

    def governance(self):
        rng, committees = self.rng, []
        for project, (_dla, reached) in zip(self.projects_, self.plans, strict=True):
            if reached >= 3:
                opinion = "Avis favorable du comité d'appui." if reached >= 6 else ""
                committees.append(Committee(
                    project=project, kind=CommitteeKind.APPUI, purpose="Appui à la démarche.",
                    opinion=opinion,
                    opinion_on=project.launched_on + datetime.timedelta(days=60)
                    if opinion else None,
                ))
            if reached >= 6 and rng.random() < 0.5:
                committees.append(Committee(project=project, kind=CommitteeKind.PILOTAGE,
                                            purpose="Pilotage."))
        committees = _bulk(Committee, committees)
        self.counts["committees"] = len(committees)
        referent = {p.pk: dla for p, (dla, _r) in zip(self.projects_, self.plans, strict=True)}
        launched = {p.pk: p.launched_on for p in self.projects_}
        members, meetings = [], []
        for committee in committees:
            members.append(CommitteeMember(committee=committee,
                                           organisation=referent[committee.project_id]))
            members.append(CommitteeMember(committee=committee, person=self.pick(LAST_NAMES),
                                           function="Élu·e"))
            if committee.opinion:
                meetings.append(Meeting(
                    committee=committee, held_on=launched[committee.project_id]
                    + datetime.timedelta(days=55), attendees="Partenaires et DLA.",
                    decisions="Démarche validée.",
                ))
        _bulk(CommitteeMember, members)
        _bulk(Meeting, meetings)

    def grilles(self):
        rows, plans = [], []
        for project, (_dla, reached) in zip(self.projects_, self.plans, strict=True):
            if reached < 9:
                continue
            if project.state == State.CLOSED or (reached >= 10 and self.rng.random() < 0.5):
                status = GrilleStatus.VALIDATED
            elif reached >= 10:
                status = GrilleStatus.SUBMITTED
            else:
                status = self.pick([GrilleStatus.DRAFT, GrilleStatus.RETURNED])
            rows.append(Grille(
                project=project, status=status,  # status through the constructor: protected
                partnership_conception="Conçue avec les partenaires du territoire.",
                intervenant_system="Deux intervenants du cabinet.",
                course_description="Ateliers collectifs puis appui individuel.",
                strengths="Dynamique collective.", watchpoints="Disponibilité des bénévoles.",
                updated_by=project.created_by,
            ))
            plans.append((project, status))
        grilles = _bulk(Grille, rows)
        self.counts["grilles"] = len(grilles)
        logs = []
        for grille, (project, status) in zip(grilles, plans, strict=True):
            at = EPOCH + datetime.timedelta(days=(project.launched_on - EPOCH.date()).days + 200)
            steps = {
                GrilleStatus.DRAFT: [],
                GrilleStatus.RETURNED: [("submit", "brouillon", "remise"),
                                        ("send_back", "remise", "renvoyee")],
                GrilleStatus.SUBMITTED: [("submit", "brouillon", "remise")],
                GrilleStatus.VALIDATED: [("submit", "brouillon", "remise"),
                                         ("validate", "remise", "validee")],
            }[status]
            for n, (name, source, target) in enumerate(steps):
                logs.append(TransitionLog(
                    subject=grille, transition=name, source=source, target=target,
                    by=project.created_by, at=at + datetime.timedelta(days=n),
                    comment="Commentaires." if name == "send_back" else "",
                ))
        _bulk(TransitionLog, logs)

    def checklists(self):
        items = [
            (phase, code, position)
            for position, (phase, code) in enumerate(
                ((phase, code) for phase, entries in CHECKLISTS.items() for code, _l in entries),
                start=1,
            )
        ]
        rows = []
        for project, (_dla, reached) in zip(self.projects_, self.plans, strict=True):
            by = project.created_by
            for phase, code, position in items:
                done = PHASES.index(phase) < reached
                rows.append(ChecklistItem(
                    project=project, phase=phase, code=code, position=position, done=done,
                    done_by=by if done else None,
                    done_at=EPOCH + datetime.timedelta(hours=position) if done else None,
                ))
            if len(rows) >= 20 * BATCH:
                _bulk(ChecklistItem, rows)
                self.counts["checklist"] = self.counts.get("checklist", 0) + len(rows)
                rows = []
        _bulk(ChecklistItem, rows)
        self.counts["checklist"] = self.counts.get("checklist", 0) + len(rows)

    def transition_logs(self):
        """Creation, then forward steps with detours (back and forth, suspend and resume),
        ending in the IC's state: each row's source is the previous row's target."""
        rng, rows, total = self.rng, [], 0
        mean = self.scale.logs_per_ic
        for project, (_dla, reached) in zip(self.projects_, self.plans, strict=True):
            by = project.created_by
            at = datetime.datetime.combine(project.launched_on, datetime.time(9), tzinfo=TZ)
            entries = [("create", "", PHASES[0], "Création de l'ingénierie collective")]
            last_open = min(reached, len(PHASES) - 1)
            base = 2 + last_open  # creation, the forward steps, the last move
            detours = max(0, (mean - base) // 2)
            detours = rng.randint(max(0, detours - detours // 2), detours + detours // 2)
            # Spread the detours over the phases the IC went through.
            per_phase = [0] * (last_open + 1)
            for _n in range(detours):
                per_phase[rng.randrange(last_open + 1)] += 1
            for index in range(last_open + 1):
                phase = PHASES[index]
                for _n in range(per_phase[index]):
                    if index and rng.random() < 0.6:
                        entries.append(("step_back", phase, PHASES[index - 1], "À reprendre."))
                        entries.append(("advance", PHASES[index - 1], phase, ""))
                    else:
                        entries.append(("suspend", phase, State.SUSPENDED, "Pause estivale."))
                        entries.append(("resume", State.SUSPENDED, phase, ""))
                if index < last_open:
                    entries.append(("advance", phase, PHASES[index + 1], ""))
            if project.state == State.CLOSED:
                entries.append(("advance", PHASES[-1], State.CLOSED, ""))
            elif project.state == State.SUSPENDED:
                entries.append(("suspend", PHASES[last_open], State.SUSPENDED, "Motif généré."))
            elif project.state == State.ABANDONED:
                entries.append(("abandon", PHASES[last_open], State.ABANDONED, "Motif généré."))
            for name, source, target, comment in entries:
                at += datetime.timedelta(hours=rng.randint(1, 240))
                rows.append(TransitionLog(
                    subject=project, transition=name, source=source, target=target, by=by,
                    at=at, comment=comment,
                ))
            if len(rows) >= 20 * BATCH:
                total += len(_bulk(TransitionLog, rows))
                rows = []
        total += len(_bulk(TransitionLog, rows))
        self.counts["transition_logs"] = total

    def run(self) -> dict[str, int]:
        steps = (self.organisations, self.users, self.directory, self.projects, self.relations,
                 self.structure_contacts, self.governance, self.grilles, self.checklists,
                 self.transition_logs)
        for step in steps:
            step()
            self.log(f"{step.__name__}: {self.counts}")
        self.counts.update(
            dla=len(self.dlas), c2ra=len(self.c2ras), structures=len(self.structures),
            partners=len(self.partners), prestataires=len(self.prestataires),
            intervenants=len(self.intervenants),
        )
        return self.counts


def generate(scale: str | Scale = "small", seed: int = 1, log=lambda message: None):
    scale = SCALES[scale] if isinstance(scale, str) else scale
    with transaction.atomic():
        counts = Generator(scale, seed, log).run()
        # Bulk inserts send no signal: the library's index is written from what was generated.
        counts["library_entries"] = library_services.rebuild()
        summaries.rebuild()  # the ICs' summary rows, likewise (cycle/summaries.py)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh statistics: without them the planner guesses row counts after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return counts


def digest() -> str:
    """A hash of the generated rows by natural keys (usernames, SIRETs, titles)."""
    h = hashlib.sha256()

    def feed(rows):
        for row in rows:
            h.update(repr(tuple(row)).encode())

    feed(Organisation.objects.order_by("name").values_list("name", "kind", "departement_id"))
    feed(User.objects.order_by("username").values_list(
        "username", "role", "organisation__name", "first_name", "last_name", "is_active"))
    feed(BeneficiaryStructure.objects.order_by("siret").values_list(
        "siret", "name", "legal_form", "sector_id", "employees", "aided_jobs"))
    feed(Partner.objects.order_by("name").values_list("name", "kind", "departement_id"))
    feed(Prestataire.objects.order_by("siret").values_list("siret", "name", "departement_id"))
    feed(Project.objects.order_by("title").values_list(
        "title", "state", "suspended_from", "ic_type", "launched_on", "created_by__username",
        "specification_issued_on"))
    feed(ProjectPilot.objects.order_by("project__title", "organisation__name").values_list(
        "project__title", "organisation__name", "is_referent"))
    feed(ProjectStructure.objects.order_by("project__title", "structure__siret").values_list(
        "project__title", "structure__siret", "status"))
    feed(ProjectPartner.objects.order_by("project__title", "partner__name", "role").values_list(
        "project__title", "partner__name", "role"))
    feed(BudgetTranche.objects.order_by("project__title", "position").values_list(
        "project__title", "position", "amount", "days"))
    feed(Grille.objects.order_by("project__title").values_list("project__title", "status"))
    feed(ChecklistItem.objects.order_by("project__title", "position").values_list(
        "project__title", "phase", "code", "done"))
    feed(TransitionLog.objects.filter(project__isnull=False).order_by(
        "project__title", "at", "transition").values_list(
        "project__title", "transition", "source", "target", "at", "by__username"))
    return h.hexdigest()
