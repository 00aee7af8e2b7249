"""Issue 21: a new DLA's whole case, from first idea to « Clôturée », in Chromium only.

The chargée de mission of a new DLA creates the IC, its eight structures, its partner,
its comité, its cahier des charges and call for tender; the prestataire's intervenant
answers and fills in the grille in a second browser; the IC is closed and its monograph
downloaded, anonymised. Every POST the users make is counted (tests/browser/casewalk.py):
the walk must take exactly ``CEILING`` submissions and ``TICKS`` ticks by hand (the other
checklist items are answered by the app from the facts the walk records), and never reach
``/admin/``.

Nothing is created outside the browser but the region's C2RA (its national set-up is the
one step left to the admin) and the passing of the reply deadline (time, not a user): the
C2RA creates the DLA and invites its chargée, who invites the firm's first intervenant,
who invites a colleague — each accepting from the mail's link.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import Role
from cycle.checklists import shown
from cycle.models import Project
from cycle.states import State
from directory.models import Organisation
from directory.vocabulary import OrganisationKind
from grille.models import Grille, GrilleStatus
from tenders.models import CallForTender
from tests.browser.casewalk import Submissions, settle
from tests.conftest import make_user
from tests.tenders.conftest import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Two browsers, many htmx requests in parallel: the live server's threads share SQLite's
    # one in-memory connection, which froze the walk once in CI (no CPU, no timeout). Played
    # on PostgreSQL, the production database, where each thread has its own connection.
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="The whole case is played on PostgreSQL (one connection per server thread).",
    ),
]

# Before issue 21's features (29 November 2026): 58 form submissions and 46 checklist ticks,
# plus 16 submissions in /admin/ (the note) for the 7 items only it could create (the
# DLA, the chargée's account, two intervenants' accounts and records, a consent). After them,
# measured by this walk: exact figures, so that a step costing one more submission or tick
# fails here (and one costing less is noticed, to lower them).
CEILING = 45
TICKS = 0  # the 26 items by hand are checked in « Passer à … »'s form
BEFORE = {"submissions": 58, "ticks": 46, "admin": 16, "outside": 7}
PASSWORD = "une phrase bien solide"

TITLE = "Le sport, employeur d'avenir en Creuse et Corrèze"
FIRM = "Cabinet Mouvement & Territoires"
STRUCTURES = (
    "Union sportive de Guéret", "Aviron creusois", "Judo club d'Aubusson",
    "Tennis club de La Souterraine", "Football club de Bourganeuf", "Basket club de Tulle",
    "Rugby club d'Ussel", "Cyclotourisme de Brive",
)
NAMED = STRUCTURES[0]  # the one structure that consents to be named in the monograph
PARTNER = "Conseil départemental de la Creuse"
PHASES = (("Diagnostic collectif", "6"), ("Ateliers et appui individuel", "8,5"))
CHARGEE = ("Léa", "Moreau", "lea.moreau@dla-creuse.example.org")
INTERVENANTS = (("Nadia", "Benali", "nadia.benali@mouvement.example.org"),
                ("Paul", "Roux", "paul.roux@mouvement.example.org"))


# --- the one thing the walk starts from


def _the_regions_c2ra() -> int:
    """The region's C2RA and its member's account, as they already are: the national set-up
    of the C2RAs is the one step left to the admin. Returns the items made outside the browser
    for the new DLA's case (none)."""
    c2ra = Organisation.objects.create(kind=OrganisationKind.C2RA, name="C2RA Nouvelle-Aquitaine",
                                       region_id="75")
    make_user("c2ra-na", Role.C2RA, c2ra, first_name="Anne", last_name="Lacroix")
    return 0


# --- the clock: a deadline passes (not a user's act, not the admin's)


def _the_reply_deadline_passes(project: Project) -> None:
    past = timezone.now() - datetime.timedelta(minutes=1)
    CallForTender.objects.filter(project=project).update(
        reply_deadline=past, intent_deadline=past
    )


# --- the users' gestures


def accept_dialogs(page):
    """Every confirmation (issuing, signing, handing in, validating) is answered yes."""
    page.on("dialog", lambda dialog: dialog.accept())


def disclose(section, summary, field):
    """Open the disclosure ``summary`` of ``section`` unless its ``field`` already shows."""
    if not section.locator(f"[name='{field}']").is_visible():
        section.locator("summary", has_text=summary).click()
    expect(section.locator(f"[name='{field}']")).to_be_visible()


def mailed_link(address: str) -> str:
    """The invitation's single-use link, from the last mail sent to ``address``."""
    message = next(m for m in reversed(mail.outbox) if m.to == [address])
    return re.search(r"https?://\S+/comptes/invitation/\S+/", message.body).group(0)


def accept_invitation(page, address: str, *, base: str) -> None:
    """The invitee opens the mail's link, keeps the name proposed, chooses a password, and
    lands on the home page signed in (the login is the e-mail address)."""
    page.goto(mailed_link(address))
    page.locator("[name=password1]").fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url(f"{base}/")


def invite(page, person) -> None:
    """The « Inviter une personne » form of the team page: name and address, once."""
    first_name, last_name, email = person
    page.get_by_label("Prénom").fill(first_name)
    page.locator("[name=last_name]").fill(last_name)
    page.get_by_label("Courriel").fill(email)
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text(f"Invitation envoyée à {email}")).to_be_visible()


def new_person(browser, context_args, counter):
    """Someone else's browser, its POSTs counted too."""
    context = browser.new_context(**context_args)
    counter.watch(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    accept_dialogs(page)
    return context, page


def local(days: int) -> str:
    """A datetime-local input's value, ``days`` from now (Paris time)."""
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


class Case:
    """The chargée de mission's page and the steps of her case, in the cycle's order."""

    def __init__(self, page, *, base, login, artifacts, counter):
        self.page, self.base, self.login, self.artifacts = page, base, login, artifacts
        self.counter, self.project, self.url = counter, None, ""
        page.set_default_timeout(10_000)
        accept_dialogs(page)

    def step(self, name):
        self.counter.step(name)

    def shot(self, name):
        self.page.screenshot(path=str(self.artifacts / f"whole_case_{name}.png"), full_page=True)

    def open_tab(self, name):
        # A page just shown by a transition may still run its deferred scripts: a tab clicked
        # before htmx has read the panes is shown but never loaded (seen in CI).
        self.page.wait_for_load_state("load")
        self.page.get_by_role("tab", name=name).click()

    def edit_ic(self, step, proposed):
        """One save of the IC's form, the ``proposed`` fields kept as the app filled them."""
        page = self.page
        self.step(step)
        page.goto(self.url)
        page.get_by_role("link", name="Modifier l'IC").click()
        for name in proposed:
            expect(page.locator(f"[name={name}]")).not_to_have_value("")
        page.get_by_role("button", name="Enregistrer les modifications").click()
        expect(page.get_by_text("Les modifications sont enregistrées.")).to_be_visible()

    def tick_all(self):
        """The items the app answers are done already (the walk recorded their facts); a
        diligent user checks the others in the form of « Passer à … », ticked as it passes
        (no POST of their own)."""
        page = self.page
        self.step(f"Cocher la liste « {page.get_by_test_id('project-state').inner_text()} »")
        settle(page)  # the guidance, refreshed after the last inline save, holds the form
        expect(page.locator("#checklist > li[data-answered='1'][data-done='0']")).to_have_count(0)
        left = page.locator("#checklist > li:not([data-answered])[data-done='0']").count()
        boxes = page.get_by_test_id("ticks-on-the-way").locator("input[name=ticks]")
        expect(boxes).to_have_count(left)
        for index in range(left):
            boxes.nth(index).check()

    def advance(self, target: State):
        """Check the checklist in the transition's form, then pass to ``target``: the
        guidance, refreshed after each inline save, must ask for nothing more (its « il
        manque » said what to do); the checklist left behind is all done."""
        page = self.page
        if not page.url.startswith(self.url):  # back to the IC's page from elsewhere
            page.goto(self.url)
        expect(page.get_by_test_id("guidance").get_by_test_id("missing")).to_have_count(0)
        self.tick_all()
        self.step(f"Passer à « {target.label} »")
        page.get_by_role("button", name=re.compile("^Passer à ")).click()
        expect(page.get_by_test_id("project-state")).to_have_text(str(target.label))

    # --- Before the case: the DLA and its chargée de mission, brought in by the C2RA

    def new_dla(self, browser, context_args):
        """The region's C2RA creates the DLA de la Creuse and invites its chargée de mission,
        who accepts in her own browser (this page)."""
        context, page = new_person(browser, context_args, self.counter)
        self.step("Se connecter (C2RA)")
        self.login(page, "c2ra-na")
        self.step("Créer le DLA (C2RA)")
        page.get_by_role("link", name="Équipe").click()
        page.get_by_role("link", name="Nouveau DLA").click()
        page.get_by_label("Nom du DLA").fill("DLA de la Creuse")
        page.get_by_label("Structure porteuse").fill("Creuse Active")
        page.get_by_label("Département").select_option("23")
        page.get_by_role("button", name="Créer le DLA").click()
        self.step("Inviter la chargée de mission (C2RA)")
        invite(page, CHARGEE)
        context.close()
        self.step("Accepter l'invitation (chargée)")
        accept_invitation(self.page, CHARGEE[2], base=self.base)
        expect(self.page.get_by_text(f"{CHARGEE[0]} {CHARGEE[1]} · Chargé·e de mission")
               ).to_be_visible()

    # --- Identifier

    def create_ic(self):
        """Everything known at the start, typed once in the IC's form: its objectives, both
        tranches (the second one's funder new to the directory), the projet d'intervention."""
        page = self.page
        self.step("Créer l'IC")
        page.get_by_role("link", name=re.compile("Nouvelle (IC|ingénierie)")).first.click()
        page.get_by_label("Plusieurs structures", exact=True).check()
        page.get_by_label("Des besoins identiques ou semblables à d'autres structures").check()
        page.locator("[name=title]").fill(TITLE)
        page.locator("[name=problem_origin]").select_option("diagnostics")
        page.locator("[name=problem_statement]").fill(
            "Les clubs sportifs ruraux peinent à pérenniser leurs emplois aidés."
        )
        page.locator("[name=problem_sources]").fill("Diagnostics DLA 2024 des clubs, CDOS")
        page.locator("[name=territorial_scale]").select_option("interdepartemental")
        page.locator("[name=departements]").select_option(["23", "19"])
        page.get_by_label("Sport", exact=True).check()
        page.locator("[name=strategic_objective]").fill("Pérenniser l'emploi sportif associatif")
        page.locator("[name=objectifs-0-kind]").select_option("operationnel")
        page.locator("[name=objectifs-0-text]").fill("Construire un modèle économique par club")
        page.locator("[name=objectifs-1-kind]").select_option("evaluation")
        page.locator("[name=objectifs-1-text]").fill("Emplois maintenus à un an")
        page.locator("[name=intervention_project]").fill(
            "Un diagnostic collectif, puis trois ateliers et un appui individuel par club."
        )
        page.locator("[name=budget-0-label]").fill("Diagnostic collectif")
        page.locator("[name=budget-0-amount]").fill("6 000")
        page.locator("[name=budget-0-days]").fill("6")
        page.locator("[name=budget-0-funded_by_dla]").check()
        page.get_by_role("button", name="Ajouter une tranche").click()
        page.locator("[name=budget-1-label]").fill("Accompagnement des clubs")
        page.locator("[name=budget-1-amount]").fill("8 400")
        page.locator("[name=budget-1-days]").fill("8,5")
        tranche = page.locator("[data-formset=budget] > [data-formset-row]").nth(1)
        tranche.get_by_text("Nouveau financeur (absent de la liste)").click()
        page.locator("[name=budget-1-new_funder_name]").fill(PARTNER)
        page.locator("[name=budget-1-new_funder_kind]").select_option("departement")
        page.get_by_role("button", name="Créer l'ingénierie collective").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        self.project = Project.objects.get(title=TITLE)
        self.url = f"{self.base}/projets/{self.project.pk}/"
        self.shot("created")

    def plan_phases(self):
        """The intervention's phases, declared once on the IC's page: the firm's offer and
        the grille's part 2 propose them."""
        page = self.page
        section = page.locator("#phases-prevues")
        for title, days in PHASES:
            self.step(f"Prévoir la phase « {title} »")
            if not section.locator("details").evaluate("details => details.open"):
                section.get_by_text("Ajouter une phase").click()  # after an add, it stays open
            section.locator("[name='phase-title']").fill(title)
            section.locator("[name='phase-days']").fill(days)
            section.get_by_role("button", name="Ajouter la phase").click()
            expect(page.locator("#phases-prevues table")).to_contain_text(title)
            settle(page)

    def add_structures(self):
        """Eight new structures, typed in one form of the Acteurs tab (« Ajouter plusieurs
        structures », a row added per structure past the blank ones) and created in one
        submission; each row proposes the IC's sector, and its département when the IC has
        only one."""
        page = self.page
        self.open_tab("Acteurs")
        structures = page.locator("#structures")
        self.step("Ajouter les huit structures en un envoi")
        disclose(structures, "Ajouter plusieurs structures", "nouvelles-structures-0-name")
        form = page.locator("#formulaire-nouvelles-structures")
        rows = form.locator("[data-formset-row]")
        for index, name in enumerate(STRUCTURES):
            if index >= rows.count():
                form.get_by_role("button", name="Ajouter une ligne").click()
            row = rows.nth(index)
            row.locator("[name$='-name']").fill(name)
            row.locator("[name$='-legal_form']").select_option("association")
            expect(row.locator("[name$='-sector']")).to_have_value("sport")
            row.locator("[name$='-departement']").select_option("19" if index >= 5 else "23")
        form.get_by_role("button", name="Créer et ajouter ces structures").click()
        for name in STRUCTURES:
            expect(structures.locator("table")).to_contain_text(name)
        settle(page)

    # --- Engager

    def add_partner(self):
        """The département, already the second tranche's funder, at the conception too."""
        page = self.page
        self.open_tab("Acteurs")
        partners = page.locator("#partenaires")
        expect(partners.locator("table")).to_contain_text("Financeur")
        self.step("Associer le partenaire (conception)")
        disclose(partners, "Associer un partenaire", "partenariat-partner")
        form = page.locator("#formulaire-partenaire form")
        form.locator("[name='partenariat-partner']").select_option(label=PARTNER)
        form.get_by_label("Conception", exact=True).check()
        form.get_by_role("button", name="Associer").click()
        expect(partners.locator("table")).to_contain_text("Conception")
        settle(page)

    def support_committee(self):
        """The comité d'appui, then its opinion."""
        page = self.page
        self.open_tab("Comités")
        committees = page.locator("#comites")
        self.step("Constituer le comité d'appui")
        disclose(committees, "Constituer un comité", "comite-kind")
        form = page.locator("#formulaire-comite")
        form.locator("[name='comite-kind']").select_option("appui")
        form.locator("[name='comite-purpose']").fill("Valider la démarche, suivre l'intervention")
        form.get_by_role("button", name="Constituer").click()
        expect(committees).to_contain_text("Comité d'appui")
        settle(page)
        self.step("Enregistrer l'avis du comité d'appui")
        disclose(committees, "Avis du comité d'appui", "avis-opinion")
        committees.locator("[name='avis-opinion']").fill("Avis favorable à la démarche")
        committees.locator("[name='avis-opinion_on']").fill("2026-01-15")
        committees.get_by_role("button", name="Enregistrer l'avis").click()
        expect(committees).to_contain_text("Avis favorable à la démarche")
        settle(page)

    # --- Confirmer

    def engage_structures(self):
        """Every structure contacted, then engaged: all at once, twice."""
        page = self.page
        self.open_tab("Acteurs")
        structures = page.locator("#structures")
        for label in ("Contactée", "Engagée"):
            self.step(f"Passer les huit structures à « {label} »")
            structures.get_by_label("Tout cocher").check()
            structures.get_by_label("Passer les structures cochées à :").select_option(label=label)
            structures.get_by_role("button", name="Appliquer aux structures cochées").click()
            expect(structures.get_by_role("status")).to_contain_text(
                f"{len(STRUCTURES)} structures sont maintenant « {label} »."
            )
            settle(page)
        self.shot("engaged")

    def record_consent(self):
        """The one structure that agrees to be named: recorded on its row, confirmed."""
        page = self.page
        self.step(f"Enregistrer le consentement de « {NAMED} »")
        row = page.locator("#structures tr", has_text=NAMED)
        row.get_by_role("button", name="Enregistrer son consentement").click()
        expect(page.locator("#structures tr", has_text=NAMED).get_by_test_id("consent")
               ).to_contain_text("recueilli le")
        settle(page)

    def new_prestataire(self):
        """The firm, new to the directory."""
        page = self.page
        self.step("Créer le prestataire dans l'annuaire")
        page.goto(f"{self.base}/annuaire/prestataires/nouveau/")
        page.locator("[name=name]").fill(FIRM)
        page.locator("[name=departement]").select_option("87")
        page.locator("[name=email]").fill("contact@mouvement.example.org")
        page.get_by_role("button", name=re.compile("Enregistrer|Créer")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(FIRM)

    def add_intervenant(self):
        """The firm's first intervenant, added from its page and invited at once."""
        page = self.page
        first_name, last_name, email = INTERVENANTS[0]
        self.step("Ajouter et inviter le premier intervenant")
        page.get_by_role("link", name="Ajouter un intervenant").click()
        page.get_by_label("Prénom").fill(first_name)
        page.locator("[name=last_name]").fill(last_name)
        page.get_by_label("Courriel").fill(email)
        expect(page.get_by_label("Lui envoyer une invitation")).to_be_checked()
        page.get_by_role("button", name="Ajouter l'intervenant").click()
        expect(page.get_by_text("invité·e à créer son compte")).to_be_visible()

    def cahier_des_charges(self):
        """Written (the criteria come filled in, 100 %), then issued."""
        page = self.page
        page.goto(self.url)
        self.step("Rédiger le cahier des charges")
        page.get_by_role("link", name="Cahier des charges", exact=True).click()
        page.get_by_role("link", name="Rédiger le cahier des charges").click()
        page.get_by_label("Contenus attendus").fill("Modèle économique, fonction employeur")
        page.get_by_label("Livrables").fill("Un plan d'action par club, une synthèse collective")
        page.locator("[name=expected_themes]").first.check()
        expect(page.locator("[name=budget_ceiling]")).not_to_have_value("")  # the tranches'
        page.locator("[name=reply_deadline]").fill(local(21))
        page.locator("[name=how_to_answer]").fill("Offre déposée en ligne, PDF joint")
        for name, value in (("rhythm", "Un atelier par mois"), ("duration", "8 mois"),
                            ("period", "Mars à octobre"), ("place", "Guéret et Tulle"),
                            ("logistics", "Salles prêtées par le département")):
            page.locator(f"[name={name}]").fill(value)
        page.get_by_role("button", name="Enregistrer").click()
        self.step("Émettre le cahier des charges")
        page.get_by_role("button", name="Émettre le cahier des charges").click()
        expect(page.get_by_test_id("issued-versions")).to_contain_text("Version 1")

    def call_for_tender(self):
        page = self.page
        self.step("Lancer l'appel d'offres")
        page.goto(self.url)
        page.get_by_role("link", name="Appel d'offres", exact=True).click()
        page.get_by_label(re.compile(re.escape(FIRM))).check()
        page.locator("[name=intent_deadline]").fill(local(7))
        page.locator("[name=reply_deadline]").fill(local(21))
        page.get_by_role("button", name="Lancer et envoyer les invitations").click()
        expect(page.get_by_test_id("call-state")).to_be_visible()

    def choose_and_sign(self):
        """After the deadline: open the offers, score the firm's, sign the choice."""
        page = self.page
        page.goto(f"{self.base}/appels-d-offres/projets/{self.project.pk}/")
        self.step("Ouvrir les offres")
        page.get_by_role("button", name="Ouvrir les offres").click()
        expect(page.get_by_test_id("opened")).to_contain_text("Offres ouvertes le")
        self.step("Noter l'offre")
        page.get_by_role("link", name=f"Noter {FIRM}").click()
        for select in page.locator("select[name^=c]").all():
            select.select_option("4")
        page.get_by_label("Commentaire").fill("Méthode adaptée aux clubs ruraux")
        page.get_by_role("button", name="Enregistrer les notes").click()
        expect(page.get_by_text("Notes enregistrées.")).to_be_visible()
        self.step("Choisir et signer")
        page.get_by_role("link", name="Choisir et signer").click()
        page.get_by_label(FIRM).check()
        page.get_by_label("Motifs du choix").fill("Seule offre, de qualité, dans le plafond.")
        page.get_by_role("button", name="Signer le choix").click()
        expect(page.get_by_test_id("signed")).to_contain_text("Seule offre")

    # --- Finaliser

    def validate_grille(self):
        page = self.page
        self.step("Valider la grille")
        page.goto(f"{self.base}/grilles/{self.project.pk}/")
        page.get_by_role("button", name="Valider la grille").click()
        expect(page.get_by_test_id("grille-status")).to_have_text("Validée")

    def capitalisation(self):
        page = self.page
        self.step("Ajouter un élément de capitalisation")
        self.open_tab("Capitalisation")
        section = page.locator("#capitalisation")
        disclose(section, "Ajouter un élément de capitalisation", "capitalisation-title")
        # The evaluation's lessons are proposed (title, nature, description): kept as they are.
        title = section.locator("[name=capitalisation-title]")
        expect(title).not_to_have_value("")
        proposed = title.input_value()
        section.locator("[name=capitalisation-transferable]").check()
        section.locator("[name=capitalisation-target_audiences]").fill("Les DLA de la région")
        section.locator("[name=capitalisation-responsible]").select_option("dla")
        section.get_by_role("button", name="Ajouter").click()
        expect(section.locator("table")).to_contain_text(proposed)
        settle(page)

    def capitalisation_opinion(self):
        """The comité d'appui's opinion on what is capitalised (its checklist item follows)."""
        page = self.page
        self.step("Enregistrer l'avis du comité sur la capitalisation")
        self.open_tab("Comités")
        committees = page.locator("#comites")
        disclose(committees, "Avis du comité d'appui", "avis-capitalisation_opinion")
        committees.locator("[name='avis-capitalisation_opinion']").fill(
            "La trame est à diffuser aux DLA de la région"
        )
        committees.locator("[name='avis-capitalisation_opinion_on']").fill("2026-11-20")
        committees.get_by_role("button", name="Enregistrer l'avis").click()
        expect(committees).to_contain_text("La trame est à diffuser")
        settle(page)

    def monograph_text(self) -> str:
        """The monograph's PDF, downloaded from its page, as text (spaces normalised)."""
        page = self.page
        page.goto(self.url)
        page.get_by_role("link", name="Monographie", exact=True).click()
        with page.expect_download() as download:
            page.get_by_role("link", name="Télécharger le PDF").click()
        reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
        return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


class Firm:
    """The firm's first intervenant, in a second browser (counted too): she accepts the
    invitation, then invites her colleague, who accepts in a third."""

    def __init__(self, browser, context_args, *, case):
        self.browser, self.context_args = browser, context_args
        self.context, self.page = new_person(browser, context_args, case.counter)
        self.case = case
        case.step("Accepter l'invitation (intervenant)")
        accept_invitation(self.page, INTERVENANTS[0][2], base=case.base)

    def invite_colleague(self):
        page, case = self.page, self.case
        case.step("Inviter un collègue (intervenant)")
        page.get_by_role("link", name="Équipe").click()
        invite(page, INTERVENANTS[1])
        context, colleague = new_person(self.browser, self.context_args, case.counter)
        case.step("Accepter l'invitation (second intervenant)")
        accept_invitation(colleague, INTERVENANTS[1][2], base=case.base)
        context.close()
        page.reload()
        expect(page.get_by_text(f"{INTERVENANTS[1][0]} {INTERVENANTS[1][1]}")).to_be_visible()

    def offer(self):
        page = self.page
        self.case.step("Déposer l'offre (intervenant)")
        page.get_by_role("link", name="Appels d'offres").click()
        page.get_by_role("link", name=TITLE).click()
        page.get_by_role("link", name="Déposer une offre").click()
        page.locator('textarea[name="method"]').fill("Diagnostic collectif, ateliers, appui")
        page.locator('input[name="price"]').fill("14 200")
        for first_name, last_name, _email in INTERVENANTS:
            page.get_by_label(f"{first_name} {last_name}").check()
        page.locator('input[name="file"]').set_input_files(
            files=[{"name": "offre.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
        )
        self.phases_proposed()
        page.get_by_role("button", name="Déposer l'offre").click()
        expect(page.get_by_text("Offre déposée (version 1).")).to_be_visible()

    def phases_proposed(self):
        """The IC's planned phases, proposed: nothing to type again."""
        for index, (title, _days) in enumerate(PHASES):
            expect(self.page.locator(f'input[name="phases-{index}-title"]')).to_have_value(title)

    def grille(self):
        """Parts 1, 2 and 3, each saved, then the grille handed in."""
        page, step = self.page, self.case.step
        page.goto(f"{self.case.base}/grilles/{self.case.project.pk}/")
        step("Grille, partie 1 (intervenant)")
        page.get_by_role("link", name=re.compile("^Partie 1")).first.click()
        page.locator("[name=intervenant_system]").fill("Un cabinet, deux intervenants")
        page.locator("[name=roles_split]").fill("Nadia anime les ateliers, Paul suit les clubs")
        page.get_by_role("button", name="Enregistrer et passer à la partie suivante").click()
        expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()
        step("Grille, partie 2 (intervenant)")
        expect(page.locator("input[name^=themes_]:checked")).not_to_have_count(0)  # the CDC's
        page.locator("[name=intervention_mode][value=etalee]").check()
        page.locator("[name=duration_months]").fill("8")
        page.locator("[name=course_description]").fill("Diagnostic, trois ateliers, appui")
        page.locator("[name=work_method][value=alternance]").check()
        page.locator("[name=intervention_types][value=accompagnement]").check()
        self.phases_proposed()
        page.get_by_role("button", name="Enregistrer et passer à la partie suivante").click()
        expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()
        step("Grille, partie 3 (intervenant)")
        answers = page.locator('input[type=radio][name^="ans__"][name$="__"][value=oui]')
        expect(answers.first).to_be_visible()
        for answer in answers.all():
            answer.check()
        page.locator("[name=strengths]").fill("Des clubs mobilisés")
        page.locator("[name=watchpoints]").fill("La disponibilité des bénévoles")
        page.get_by_role("button", name="Enregistrer et revenir à la vue d'ensemble").click()
        step("Remettre la grille (intervenant)")
        page.get_by_role("button", name="Remettre la grille").click()
        expect(page.get_by_test_id("grille-status")).to_have_text("Remise")
        self.context.close()


def before_after(counter, outside: int) -> str:
    """The figures of issue 21's note: before its features, and measured by this walk."""
    after = {"submissions": counter.submissions, "ticks": counter.ticks,
             "admin": len(counter.admin_hits), "outside": outside}
    rows = (("Envois de formulaires", "submissions"), ("Coches à la main", "ticks"),
            ("Envois dans /admin/", "admin"))
    total = {label: sum(figures[key] for _, key in rows)
             for label, figures in (("avant", BEFORE), ("après", after))}
    lines = [f"{'':40} {'avant':>6} {'après':>6}"]
    lines += [f"{label:40} {BEFORE[key]:>6} {after[key]:>6}" for label, key in rows]
    lines.append(f"{'Total':40} {total['avant']:>6} {total['après']:>6}")
    lines.append(f"{'Créés hors du navigateur (ex-/admin/)':40} "
                 f"{BEFORE['outside']:>6} {after['outside']:>6}")
    return "\n".join(lines)


def test_a_new_dla_plays_its_whole_case_without_the_admin(
    page, browser, browser_context_args, login, live_server, artifacts
):
    outside = _the_regions_c2ra()
    counter = Submissions().watch(page.context)
    case = Case(page, base=live_server.url, login=login, artifacts=artifacts, counter=counter)
    try:
        case.new_dla(browser, browser_context_args)
        case.create_ic()
        case.plan_phases()
        case.advance(State.CIBLAGE)
        case.add_structures()
        case.advance(State.ROLE_DLA)
        case.advance(State.DYNAMIQUE)
        case.add_partner()
        case.advance(State.OBJECTIFS)
        case.advance(State.VALIDATION)
        case.support_committee()
        case.advance(State.MOBILISATION)
        case.engage_structures()
        case.record_consent()
        case.advance(State.PROJET)
        case.advance(State.MODALITES)
        case.new_prestataire()
        case.add_intervenant()
        case.cahier_des_charges()
        case.call_for_tender()
        firm = Firm(browser, browser_context_args, case=case)
        firm.invite_colleague()
        firm.offer()
        _the_reply_deadline_passes(case.project)
        case.choose_and_sign()
        case.advance(State.MISE_EN_OEUVRE)
        case.shot("signed")
        firm.grille()
        case.validate_grille()
        case.advance(State.EVALUATION)
        case.edit_ic("Valider la synthèse de l'évaluation", ["evaluation_summary"])
        case.advance(State.CAPITALISATION)
        case.capitalisation()
        case.capitalisation_opinion()
        case.advance(State.CLOSED)
        case.shot("closed")
        monograph = case.monograph_text()
    finally:
        print("\n" + counter.report())
        print(before_after(counter, outside))

    # The monograph is anonymised: only the structure that consented is named.
    assert TITLE.split(",")[0] in monograph
    assert NAMED in monograph
    for name in STRUCTURES[1:]:
        assert name not in monograph, f"« {name} » est nommée sans son accord"
    project = Project.objects.get(pk=case.project.pk)  # as it stands now, not as created
    assert Grille.objects.get(project=project).status == GrilleStatus.VALIDATED
    # Every checklist item is done: by the app from its fact, or ticked by hand once.
    items = shown(project, list(project.checklist.all()))
    assert [item.label for item in items if not item.ticked] == []
    assert counter.ticks == TICKS
    # Those by hand were checked on the way, by the chargée.
    assert all(item.done_by_id for item in items if not item.answer)
    assert outside == 0
    assert counter.admin_hits == []
    assert counter.failures == []
    assert counter.submissions == CEILING, counter.report()
