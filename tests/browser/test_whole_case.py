"""Issue 21: a new DLA's whole case, from first idea to « Clôturée », in Chromium only.

The chargée de mission of a new DLA creates the IC, its eight structures, its partner,
its comité, its cahier des charges and call for tender; the prestataire's intervenant
answers and fills in the grille in a second browser; the IC is closed and its monograph
downloaded, anonymised. Every POST the users make is counted (tests/browser/casewalk.py):
the walk must stay under ``CEILING`` submissions and never reach ``/admin/``.

What only ``/admin/`` could create when this test was written is made with the ORM in the
« what the admin did » functions below, each item saying which in-app step replaces it.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import Role
from cycle.models import Project, ProjectStructure
from cycle.states import State
from directory.models import Intervenant, Organisation, Prestataire
from directory.vocabulary import OrganisationKind
from grille.models import Grille, GrilleStatus
from tenders.models import CallForTender
from tests.browser.casewalk import Submissions, settle
from tests.conftest import make_user
from tests.tenders.conftest import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Today's measured figures (see the report printed by the test), with a little room.
CEILING = 80

TITLE = "Le sport, employeur d'avenir en Creuse et Corrèze"
FIRM = "Cabinet Mouvement & Territoires"
STRUCTURES = (
    "Union sportive de Guéret", "Aviron creusois", "Judo club d'Aubusson",
    "Tennis club de La Souterraine", "Football club de Bourganeuf", "Basket club de Tulle",
    "Rugby club d'Ussel", "Cyclotourisme de Brive",
)
NAMED = STRUCTURES[0]  # the one structure that consents to be named in the monograph
PARTNER = "Conseil départemental de la Creuse"
INTERVENANTS = (("interv-1", "Nadia", "Benali"), ("interv-2", "Paul", "Roux"))


# --- what /admin/ did before issue 21 (the integrator replaces each item by its in-app step)


def _what_admin_did_before_issue_21() -> dict:
    """The new DLA and its chargée de mission's account. Returns what it created."""
    # 1. The DLA de la Creuse: created in /admin/ → the C2RA creates it in the app.
    dla = Organisation.objects.create(
        kind=OrganisationKind.DLA, name="DLA de la Creuse", departement_id="23", region_id="75"
    )
    # 2. Its chargée de mission's account (and her name, a second admin page) → the C2RA
    #    invites her; she sets her name and password from the invitation's link.
    make_user("chargee-creuse", Role.CHARGE_MISSION, dla, first_name="Léa",
              last_name="Moreau", email="lea.moreau@dla-creuse.example.org")
    return {"dla": dla, "items": 2}


def _what_admin_did_before_issue_21_intervenants(firm_name: str) -> int:
    """The firm's two intervenants, with their accounts. Returns the number of items."""
    firm = Prestataire.objects.get(name=firm_name)
    for username, first_name, last_name in INTERVENANTS:
        # 3, 5. The intervenant's account in /admin/ (twice: account, then name) → the
        #       chargée invites the firm's intervenant from the prestataire's page.
        user = make_user(username, Role.INTERVENANT, first_name=first_name,
                         last_name=last_name, email=f"{username}@mouvement.example.org")
        # 4, 6. The intervenant record of the firm, name and e-mail typed again → made by
        #       the invitation itself (the intervenant sets their name once).
        Intervenant.objects.create(prestataire=firm, first_name=first_name,
                                   last_name=last_name, email=user.email, user=user)
    return 2 * len(INTERVENANTS)


def _what_admin_did_before_issue_21_consent(project: Project, structure_name: str) -> int:
    """The structure's consent to be named in publications. Returns the number of items."""
    # 7. The participation's « accepte d'être nommée » box in /admin/ → recorded on the
    #    participation in the app, with its date and who recorded it.
    ProjectStructure.objects.filter(project=project, structure__name=structure_name).update(
        publication_consent=True
    )
    return 1


# --- the clock: a deadline passes (not a user's act, not the admin's)


def _the_reply_deadline_passes(project: Project) -> None:
    past = timezone.now() - datetime.timedelta(minutes=1)
    CallForTender.objects.filter(project=project).update(
        reply_deadline=past, intent_deadline=past
    )


# --- the user's gestures


def accept_dialogs(page):
    """Every confirmation (issuing, signing, handing in) is answered yes."""
    page.on("dialog", lambda dialog: dialog.accept())


def tick_all(page):
    """A diligent user ticks every item of the sub-phase's checklist."""
    items = page.locator("#checklist > li")
    for index in range(items.count()):
        item = items.nth(index)
        box = item.locator("input[name=done]")
        if not box.is_checked():
            box.check()
            expect(items.nth(index)).to_contain_text("Coché par")
            settle(page)


def advance(page, counter, target: State):
    settle(page)
    counter.step(f"Passer à « {target.label} »")
    tick_all_step = counter.step_name
    counter.step(f"Cocher la liste ({page.get_by_test_id('project-state').inner_text()})")
    tick_all(page)
    counter.step(tick_all_step)
    page.get_by_role("button", name=re.compile("^Passer à ")).click()
    refusal = page.get_by_role("alert").filter(has_text="Transition refusée")
    state = page.get_by_test_id("project-state")
    expect(state.or_(refusal)).to_be_visible()
    if refusal.count():
        raise AssertionError(f"Refused before {target.label}: {refusal.inner_text()}")
    expect(state).to_have_text(str(target.label))


def disclose(section, summary, field):
    """Open the disclosure ``summary`` of ``section`` unless its ``field`` already shows."""
    if not section.locator(f"[name='{field}']").is_visible():
        section.locator("summary", has_text=summary).click()
    expect(section.locator(f"[name='{field}']")).to_be_visible()


def open_tab(page, name):
    page.get_by_role("tab", name=name).click()


def test_a_new_dla_plays_its_whole_case_without_the_admin(
    page, browser, browser_context_args, login, live_server, artifacts
):
    base = live_server.url
    setup = _what_admin_did_before_issue_21()
    admin_items = setup["items"]
    counter = Submissions().watch(page.context)
    accept_dialogs(page)
    page.set_default_timeout(10_000)

    counter.step("Se connecter (chargée)")
    login(page, "chargee-creuse")
    try:
        _walk(page, counter, base, browser, browser_context_args, login, artifacts, admin_items)
    finally:
        print("\n" + counter.report())


def _walk(page, counter, base, browser, browser_context_args, login, artifacts, admin_items):
    # 1. The IC, with everything known at the start typed once in its form.
    counter.step("Créer l'IC")
    page.get_by_role("link", name=re.compile("Nouvelle (IC|ingénierie)")).first.click()
    page.get_by_label("Plusieurs structures", exact=True).check()
    page.get_by_label("Des besoins identiques ou semblables à d'autres structures").check()
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=problem_origin]").select_option("diagnostics")
    page.locator("[name=problem_statement]").fill(
        "Les clubs sportifs ruraux peinent à pérenniser leurs emplois aidés."
    )
    page.locator("[name=problem_sources]").fill("Diagnostics DLA 2024 des clubs, CDOS Creuse")
    page.locator("[name=territorial_scale]").select_option("interdepartemental")
    page.locator("[name=departements]").select_option(["23", "19"])
    page.get_by_label("Sport", exact=True).check()
    page.locator("[name=strategic_objective]").fill("Pérenniser l'emploi sportif associatif")
    page.locator("[name=objectifs-0-kind]").select_option("operationnel")
    page.locator("[name=objectifs-0-text]").fill("Construire un modèle économique par club")
    page.locator("[name=objectifs-1-kind]").select_option("evaluation")
    page.locator("[name=objectifs-1-text]").fill("Emplois maintenus à un an")
    page.locator("[name=budget-0-label]").fill("Diagnostic collectif")
    page.locator("[name=budget-0-amount]").fill("6 000")
    page.locator("[name=budget-0-days]").fill("6")
    page.locator("[name=budget-0-funded_by_dla]").check()
    page.get_by_role("button", name="Créer l'ingénierie collective").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    project = Project.objects.get(title=TITLE)
    page.screenshot(path=str(artifacts / "whole_case_created.png"), full_page=True)

    advance(page, counter, State.CIBLAGE)

    # 2. Eight new structures, created in place from the Acteurs tab.
    open_tab(page, "Acteurs")
    structures = page.locator("#structures")
    for name in STRUCTURES:
        counter.step(f"Ajouter la structure « {name} »")
        disclose(structures, "Nouvelle structure", "nouvelle-structure-name")
        form = page.locator("#formulaire-nouvelle-structure")
        form.locator("[name='nouvelle-structure-name']").fill(name)
        form.locator("[name='nouvelle-structure-legal_form']").select_option("association")
        form.locator("[name='nouvelle-structure-sector']").select_option("sport")
        departement = "19" if name in STRUCTURES[5:] else "23"
        form.locator("[name='nouvelle-structure-departement']").select_option(departement)
        form.get_by_role("button", name="Créer et ajouter").click()
        expect(structures.locator("table")).to_contain_text(name)
        settle(page)
    advance(page, counter, State.ROLE_DLA)
    advance(page, counter, State.DYNAMIQUE)

    # 3. The partner: the département, at the conception and as a funder (twice today).
    open_tab(page, "Acteurs")
    partners = page.locator("#partenaires")
    counter.step("Créer le partenaire (conception)")
    disclose(partners, "Nouveau partenaire", "nouveau-partenaire-name")
    form = page.locator("#formulaire-nouveau-partenaire")
    form.locator("[name='nouveau-partenaire-name']").fill(PARTNER)
    form.locator("[name='nouveau-partenaire-kind']").select_option("departement")
    form.locator("[name='nouveau-partenaire-departement']").select_option("23")
    form.locator("[name='nouveau-partenaire-role']").select_option("conception")
    form.get_by_role("button", name="Créer et associer").click()
    expect(partners.locator("table")).to_contain_text(PARTNER)
    settle(page)
    counter.step("Associer le partenaire (financeur)")
    disclose(partners, "Associer un partenaire", "partenariat-partner")
    form = page.locator("#formulaire-partenaire form")
    form.locator("[name='partenariat-partner']").select_option(label=PARTNER)
    form.locator("[name='partenariat-role']").select_option("financeur")
    form.get_by_role("button", name="Associer").click()
    expect(partners.locator("table")).to_contain_text("Financeur")
    settle(page)
    advance(page, counter, State.OBJECTIFS)
    advance(page, counter, State.VALIDATION)

    # 4. The comité d'appui and its opinion.
    open_tab(page, "Comités")
    committees = page.locator("#comites")
    counter.step("Constituer le comité d'appui")
    disclose(committees, "Constituer un comité", "comite-kind")
    form = page.locator("#formulaire-comite")
    form.locator("[name='comite-kind']").select_option("appui")
    form.locator("[name='comite-purpose']").fill("Valider la démarche et suivre l'intervention")
    form.get_by_role("button", name="Constituer").click()
    expect(committees).to_contain_text("Comité d'appui")
    settle(page)
    counter.step("Enregistrer l'avis du comité d'appui")
    disclose(committees, "Avis du comité d'appui", "avis-opinion")
    committees.locator("[name='avis-opinion']").fill("Avis favorable à la démarche")
    committees.locator("[name='avis-opinion_on']").fill("2026-01-15")
    committees.get_by_role("button", name="Enregistrer l'avis").click()
    expect(committees).to_contain_text("Avis favorable à la démarche")
    settle(page)
    advance(page, counter, State.MOBILISATION)

    # 5. The second tranche, funded by the partner, in the IC's form.
    counter.step("Ajouter la seconde tranche")
    page.get_by_role("link", name="Modifier l'IC").click()
    page.locator("[name=budget-1-label]").fill("Accompagnement des clubs")
    page.locator("[name=budget-1-amount]").fill("8 400")
    page.locator("[name=budget-1-days]").fill("8,5")
    page.locator("[name=budget-1-funders]").select_option(label=PARTNER)
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Les modifications sont enregistrées.")).to_be_visible()

    # 6. Every structure contacted, then engaged: one row at a time today.
    open_tab(page, "Acteurs")
    for status, label in (("contactee", "Contactée"), ("engagee", "Engagée")):
        for name in STRUCTURES:
            counter.step(f"« {name} » : {label}")
            row = page.locator("#structures tr", has_text=name)
            row.locator("select").select_option(status)
            row.get_by_role("button", name="Valider").click()
            expect(page.locator("#structures tr", has_text=name)).to_contain_text(label)
            settle(page)
    admin_items += _what_admin_did_before_issue_21_consent(project, NAMED)
    advance(page, counter, State.PROJET)
    page.screenshot(path=str(artifacts / "whole_case_engaged.png"), full_page=True)

    # 7. The projet d'intervention, in the IC's form.
    counter.step("Formaliser le projet d'intervention")
    page.get_by_role("link", name="Modifier l'IC").click()
    page.locator("[name=intervention_project]").fill(
        "Un diagnostic collectif, puis trois ateliers et un appui individuel par club."
    )
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Les modifications sont enregistrées.")).to_be_visible()
    advance(page, counter, State.MODALITES)
    project_url = page.url.split("?")[0].split("#")[0]

    # 8. The new prestataire, in the directory.
    counter.step("Créer le prestataire dans l'annuaire")
    page.goto(f"{base}/annuaire/prestataires/nouveau/")
    page.locator("[name=name]").fill(FIRM)
    page.locator("[name=departement]").select_option("87")
    page.locator("[name=email]").fill("contact@mouvement.example.org")
    page.get_by_role("button", name=re.compile("Enregistrer|Créer")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(FIRM)
    admin_items += _what_admin_did_before_issue_21_intervenants(FIRM)

    # 9. The cahier des charges: written, then issued.
    page.goto(project_url)
    counter.step("Rédiger le cahier des charges")
    page.get_by_role("link", name="Cahier des charges").click()
    page.get_by_role("link", name=re.compile("Rédiger le cahier des charges|Modifier")).first.click()
    page.get_by_label("Contenus attendus").fill("Modèle économique, fonction employeur")
    page.get_by_label("Livrables").fill("Un plan d'action par club, une synthèse collective")
    page.locator("[name=budget_ceiling]").fill("14 400")
    deadline = timezone.localtime() + datetime.timedelta(days=21)
    page.locator("[name=reply_deadline]").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.locator("[name=how_to_answer]").fill("Offre déposée en ligne, PDF joint")
    for name, value in (("rhythm", "Un atelier par mois"), ("duration", "8 mois"),
                        ("period", "Mars à octobre"), ("place", "Guéret et Tulle"),
                        ("logistics", "Salles prêtées par le département")):
        page.locator(f"[name={name}]").fill(value)
    page.get_by_role("button", name="Enregistrer").click()
    counter.step("Émettre le cahier des charges")
    page.get_by_role("button", name="Émettre le cahier des charges").click()
    expect(page.get_by_test_id("issued-versions")).to_contain_text("Version 1")

    # 10. The call for tender, to the new prestataire.
    counter.step("Lancer l'appel d'offres")
    page.goto(project_url)
    page.get_by_role("link", name="Appel d'offres").click()
    page.get_by_label(re.compile(re.escape(FIRM))).check()
    intent = timezone.localtime() + datetime.timedelta(days=7)
    page.locator("[name=intent_deadline]").fill(intent.strftime("%Y-%m-%dT%H:%M"))
    page.locator("[name=reply_deadline]").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Lancer et envoyer les invitations").click()
    expect(page.get_by_test_id("call-state")).to_be_visible()

    # 11. The intervenant, in a second browser, answers with an offer.
    firm_context = browser.new_context(**browser_context_args)
    counter.watch(firm_context)
    firm_page = firm_context.new_page()
    firm_page.set_default_timeout(10_000)
    accept_dialogs(firm_page)
    counter.step("Déposer l'offre (intervenant)")
    login(firm_page, INTERVENANTS[0][0])
    firm_page.get_by_role("link", name="Appels d'offres").click()
    firm_page.get_by_role("link", name=TITLE).click()
    firm_page.get_by_role("link", name="Déposer une offre").click()
    firm_page.locator('textarea[name="method"]').fill("Diagnostic collectif, ateliers, appui")
    firm_page.locator('input[name="price"]').fill("14 200")
    firm_page.get_by_label("Nadia Benali").check()
    firm_page.get_by_label("Paul Roux").check()
    firm_page.locator('input[name="file"]').set_input_files(
        files=[{"name": "offre.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    firm_page.locator('input[name="phases-0-title"]').fill("Diagnostic collectif")
    firm_page.locator('input[name="phases-0-days"]').fill("6")
    firm_page.get_by_role("button", name="Ajouter une phase").click()
    firm_page.locator('input[name="phases-1-title"]').fill("Ateliers et appui individuel")
    firm_page.locator('input[name="phases-1-days"]').fill("8,5")
    firm_page.get_by_role("button", name="Déposer l'offre").click()
    expect(firm_page.get_by_text("Offre déposée (version 1).")).to_be_visible()

    # 12. The deadline passes; the chargée opens, scores and signs.
    _the_reply_deadline_passes(project)
    page.reload()
    counter.step("Ouvrir les offres")
    page.get_by_role("button", name="Ouvrir les offres").click()
    expect(page.get_by_test_id("opened")).to_contain_text("Offres ouvertes le")
    counter.step("Noter l'offre")
    page.get_by_role("link", name=f"Noter {FIRM}").click()
    for select in page.locator("select[name^=c]").all():
        select.select_option("4")
    page.get_by_label("Commentaire").fill("Méthode adaptée aux clubs ruraux")
    page.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.get_by_text("Notes enregistrées.")).to_be_visible()
    counter.step("Choisir et signer")
    page.get_by_role("link", name="Choisir et signer").click()
    page.get_by_label(FIRM).check()
    page.get_by_label("Motifs du choix").fill("Seule offre, de qualité, dans le plafond.")
    page.get_by_role("button", name="Signer le choix").click()
    expect(page.get_by_test_id("signed")).to_contain_text("Seule offre")
    page.goto(project_url)
    advance(page, counter, State.MISE_EN_OEUVRE)
    page.screenshot(path=str(artifacts / "whole_case_signed.png"), full_page=True)

    # 13. The intervenant fills in the grille and hands it in.
    grille_url = f"{base}/grilles/{project.pk}/"
    firm_page.goto(grille_url)
    counter.step("Grille, partie 1 (intervenant)")
    firm_page.get_by_role("link", name=re.compile("^Partie 1")).first.click()
    firm_page.locator("[name=intervenant_system]").fill("Un cabinet, deux intervenants")
    firm_page.locator("[name=roles_split]").fill("Nadia anime les ateliers, Paul suit les clubs")
    firm_page.get_by_role("button", name="Enregistrer et passer à la partie suivante").click()
    expect(firm_page.get_by_text("Brouillon enregistré.")).to_be_visible()
    counter.step("Grille, partie 2 (intervenant)")
    firm_page.locator("input[name^=themes_]").first.check()
    firm_page.locator("[name=intervention_mode][value=etalee]").check()
    firm_page.locator("[name=duration_months]").fill("8")
    firm_page.locator("[name=course_description]").fill("Diagnostic, trois ateliers, appui")
    firm_page.locator("[name=work_method][value=alternance]").check()
    firm_page.locator("[name=intervention_types][value=accompagnement]").check()
    firm_page.locator('input[name="phases-0-title"]').fill("Diagnostic collectif")
    firm_page.locator('input[name="phases-0-days"]').fill("6")
    firm_page.get_by_role("button", name="Ajouter une phase").click()
    firm_page.locator('input[name="phases-1-title"]').fill("Ateliers et appui individuel")
    firm_page.locator('input[name="phases-1-days"]').fill("8,5")
    firm_page.get_by_role("button", name="Enregistrer et passer à la partie suivante").click()
    expect(firm_page.get_by_text("Brouillon enregistré.")).to_be_visible()
    counter.step("Grille, partie 3 (intervenant)")
    answers = firm_page.locator('input[type=radio][name^="ans__"][name$="__"][value=oui]')
    expect(answers.first).to_be_visible()
    for answer in answers.all():
        answer.check()
    firm_page.locator("[name=strengths]").fill("Des clubs mobilisés")
    firm_page.locator("[name=watchpoints]").fill("La disponibilité des bénévoles")
    firm_page.get_by_role("button", name="Enregistrer et revenir à la vue d'ensemble").click()
    counter.step("Remettre la grille (intervenant)")
    firm_page.get_by_role("button", name="Remettre la grille").click()
    expect(firm_page.get_by_test_id("grille-status")).to_have_text("Remise")
    firm_context.close()

    # 14. The chargée validates the grille.
    counter.step("Valider la grille")
    page.goto(grille_url)
    page.get_by_role("button", name="Valider la grille").click()
    expect(page.get_by_test_id("grille-status")).to_have_text("Validée")
    page.goto(project_url)
    advance(page, counter, State.EVALUATION)

    # 15. The synthèse de l'évaluation, then the capitalisation.
    counter.step("Rédiger la synthèse de l'évaluation")
    page.get_by_role("link", name="Modifier l'IC").click()
    page.locator("[name=evaluation_summary]").fill(
        "Huit clubs ont un plan d'action ; six emplois sont consolidés."
    )
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Les modifications sont enregistrées.")).to_be_visible()
    advance(page, counter, State.CAPITALISATION)
    counter.step("Ajouter un élément de capitalisation")
    open_tab(page, "Capitalisation")
    section = page.locator("#capitalisation")
    disclose(section, "Ajouter un élément de capitalisation", "capitalisation-title")
    section.locator("[name=capitalisation-title]").fill("Trame de modèle économique d'un club")
    section.locator("[name=capitalisation-nature]").select_option("outil")
    section.locator("[name=capitalisation-transferable]").check()
    section.locator("[name=capitalisation-target_audiences]").fill("Les DLA de la région")
    section.locator("[name=capitalisation-responsible]").select_option("dla")
    section.get_by_role("button", name="Ajouter").click()
    expect(section.locator("table")).to_contain_text("Trame de modèle économique")
    settle(page)
    advance(page, counter, State.CLOSED)
    page.screenshot(path=str(artifacts / "whole_case_closed.png"), full_page=True)

    # 16. The monograph, anonymised: only the structure that consented is named.
    page.get_by_role("link", name="Monographie").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le PDF").click()
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
    )
    assert TITLE.split(",")[0] in text
    assert NAMED in text
    for name in STRUCTURES[1:]:
        assert name not in text, f"{name} named without consent"
    assert Grille.objects.get(project=project).status == GrilleStatus.VALIDATED

    print(f"Éléments encore créés hors navigateur (ex-/admin/) : {admin_items}")
    assert counter.admin_hits == []
    assert counter.submissions <= CEILING, counter.report()
    return counter
