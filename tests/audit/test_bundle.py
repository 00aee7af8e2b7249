"""The bundle's content: every file listed with its true hash, nothing its requester may not
see, the CSV tables as the dashboard's export writes them."""

import hashlib
import json
import zipfile

import pytest

from audit.bundle import MANIFEST, bundle_path
from audit.models import BundleStatus

from .conftest import build


def opened(bundle) -> zipfile.ZipFile:
    assert bundle.status == BundleStatus.DONE, bundle.error
    return zipfile.ZipFile(bundle_path(bundle))


def names(bundle) -> set[str]:
    with opened(bundle) as archive:
        return set(archive.namelist())


def has(bundle, fragment) -> bool:
    return any(fragment in name for name in names(bundle))


def test_the_manifest_lists_every_file_with_its_size_and_hash(case):
    bundle = build(case.project, case.users["pilot"])
    with opened(bundle) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        listed = {f["chemin"]: f for f in manifest["fichiers"]}
        assert set(listed) == set(archive.namelist()) - {MANIFEST}
        for path, entry in listed.items():
            content = archive.read(path)
            assert entry["taille"] == len(content), path
            assert entry["sha256"] == hashlib.sha256(content).hexdigest(), path
    assert manifest["demande_par"]["identifiant"] == "cm"
    assert manifest["ic"]["id"] == case.project.pk
    assert manifest["demande_le"].startswith(f"{bundle.created_at:%Y-%m-%d}")
    assert bundle.files_count == len(listed)
    assert bundle.sha256 == hashlib.sha256(bundle_path(bundle).read_bytes()).hexdigest()


def test_the_issued_cahier_des_charges_is_the_frozen_file(case):
    from monographs.models import IssuedSpecification

    issued = IssuedSpecification.objects.get(specification__project=case.project)
    bundle = build(case.project, case.users["pilot"])
    with opened(bundle) as archive:
        assert archive.read("cahier-des-charges/cahier-des-charges-v1.pdf") == issued.read()


# Who finds what in their bundle (whether they may ask for one is the views' business: the
# same content rules hold for anyone). The sealed offer: nobody, its own firm aside.
EXPECTED = {
    #             team doc, shared doc, team msg, shared msg, sealed offer, cahier
    "pilot":     (1, 1, 1, 1, 0, 1),
    "c2ra":      (1, 1, 1, 1, 0, 1),
    "admin":     (1, 1, 1, 1, 0, 1),
    "other_cm":  (0, 0, 0, 0, 0, 0),
    "chosen":    (0, 1, 0, 1, 0, 1),
    "structure": (0, 1, 0, 1, 0, 0),
}
FRAGMENTS = ("note-equipe", "convention-partagee", "fil-equipe", "fil-tous",
             "appel-d-offres/offres/", "cahier-des-charges/")


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_nothing_the_requester_may_not_see_is_inside(case, role):
    bundle = build(case.project, case.users[role])
    found = tuple(int(has(bundle, fragment)) for fragment in FRAGMENTS)
    assert found == EXPECTED[role]
    with opened(bundle) as archive:
        messages = archive.read("echanges/messages.csv").decode("utf-8-sig")
    assert ("Corps fil-equipe" in messages) == bool(EXPECTED[role][2])
    assert ("Corps fil-tous" in messages) == bool(EXPECTED[role][3])


def test_a_sealed_offer_is_in_no_bundle_and_an_opened_one_in_its_pilots(case):
    from tenders import services
    from tests.tenders.conftest import after_deadline

    assert not has(build(case.project, case.users["admin"]), "appel-d-offres/offres/")
    services.open_offers(case.call, by=case.users["pilot"], now=after_deadline(case.call))
    assert has(build(case.project, case.users["pilot"]), "appel-d-offres/offres/")
    # Offers are the call's pilots' (tenders.rules): not the region's C2RA staff.
    assert not has(build(case.project, case.users["c2ra"]), "appel-d-offres/offres/")


def test_the_tables_are_french_csv_with_a_bom(case):
    bundle = build(case.project, case.users["pilot"])
    with opened(bundle) as archive:
        transitions = archive.read("historique/transitions.csv")
        changes = archive.read("historique/modifications.csv")
    assert transitions.startswith(b"\xef\xbb\xbf")
    head = transitions.decode("utf-8-sig").splitlines()[0]
    assert head == "Date;Élément;Identifiant;Transition;Depuis;Vers;Par;Commentaire"
    rows = transitions.decode("utf-8-sig").splitlines()[1:]
    # the IC's steps and the firm's offer (its invitation's log), with who fired them
    assert any(";Finaliser les modalités d'intervention;Claire Martin;" in r for r in rows)
    assert any(";submit;Invitée;Offre déposée;Bruno Beta;" in r for r in rows)
    text = changes.decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "Date;Élément;Identifiant;Opération;Champ;Ancienne valeur;Nouvelle valeur;Par;Motif"
    )
    assert f";Création;intitulé;;{case.project.title};" in text
    assert ";Création;problématique;;;" not in text  # an empty field is no change


def test_a_formula_in_a_message_is_written_as_text(case):
    from cycle.audiences import Visibility
    from tests.audit.conftest import add_thread

    thread = add_thread(case.project, case.users["pilot"], "=HYPERLINK", Visibility.TEAM)
    assert thread
    bundle = build(case.project, case.users["pilot"])
    with opened(bundle) as archive:
        text = archive.read("echanges/messages.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_the_monograph_is_rendered_once_the_ic_has_its_grille(project, charge_mission):
    from grille.models import Grille

    assert not has(build(project, charge_mission), "monographie/")
    Grille.objects.create(project=project)
    with opened(build(project, charge_mission)) as archive:
        assert archive.read("monographie/monographie.pdf").startswith(b"%PDF")


def test_a_changed_field_shows_its_old_and_new_value(project, charge_mission):
    from cycle.models import Objective

    old = project.title
    project.title = "Nouvel intitulé"
    project.save()
    Objective.objects.create(project=project, kind="operationnel", text="Consolider")
    with opened(build(project, charge_mission)) as archive:
        text = archive.read("historique/modifications.csv").decode("utf-8-sig")
    assert f";Modification;intitulé;{old};Nouvel intitulé;" in text
    assert ";objectif;" in text and ";Création;" in text and "Consolider" in text


@pytest.mark.parametrize(("role", "sees"), [("pilot", True), ("c2ra", True), ("chosen", False)])
def test_a_deleted_document_stays_in_the_team_s_bundle_only(case, role, sees):
    from cycle.audiences import Visibility
    from dossier import services as dossier
    from tests.audit.conftest import add_document

    document = add_document(case.project, "retiree", Visibility.ALL)
    dossier.delete_document(document=document, reason="Doublon", by=case.users["pilot"])
    bundle = build(case.project, case.users[role])
    assert has(bundle, "dossier/supprimes/convention/") is sees
    assert not has(bundle, "dossier/convention/" + f"{document.pk}-")
