"""Who receives what, for each event and role."""

from django.utils import timezone

from cycle import services as cycle
from grille import services as grille_steps
from notifications.models import Notification
from tenders import notices as tender_notices
from tests.cycle.factories import ProjectPrestataireFactory
from tests.grille.conftest import complete_grille, complete_project
from tests.grille.factories import GrilleFactory
from tests.tenders.conftest import after_deadline, submit

from .conftest import recipients_of


def test_a_transition_tells_the_pilots_but_its_author(
    piloted,
    charge_mission,
    colleague,
    c2ra_staff,
    far_c2ra_staff,
    other_charge_mission,
    admin_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        cycle.suspend(piloted, by=charge_mission, reason="En attente du financeur")

    # the colleague of the DLA, the C2RA staffer of the region; not the author, not the
    # other DLA, not the other region, not an administrator
    assert recipients_of("ic_transition") == ["c2ra", "cm-b"]
    notification = Notification.objects.get(recipient=colleague)
    assert "IC du Nord" in notification.title and "Suspendue" in notification.title
    assert "En attente du financeur" in notification.body
    assert notification.url == f"/projets/{piloted.pk}/"
    assert mailoutbox == []  # by default, transitions come in the daily digest


def test_c2ra_staff_hear_only_of_the_ics_of_their_region(
    charge_mission,
    dla,
    c2ra_staff,
    far_c2ra_staff,
    django_capture_on_commit_callbacks,
):
    # piloted by the DLA alone: the region's C2RA staff do not pilot it
    project = cycle.create_project(by=charge_mission, organisations=[dla], title="IC seule")
    cycle.suspend(project, by=charge_mission, reason="Pause")
    assert recipients_of("ic_transition") == []

    # co-piloted with the C2RA of another region: its staff hear, the Nord's still do not
    far = far_c2ra_staff.organisation
    shared = cycle.create_project(by=charge_mission, organisations=[dla, far], title="IC mixte")
    cycle.suspend(shared, by=charge_mission, reason="Pause")
    assert "c2ra-loin" in recipients_of("ic_transition")
    assert "c2ra" not in recipients_of("ic_transition")


def test_the_grille_handed_in_tells_the_pilots_and_sent_back_tells_its_firm_only(
    piloted,
    charge_mission,
    colleague,
    c2ra_staff,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from accounts.models import Role
    from tests.conftest import make_user
    from tests.directory.factories import IntervenantFactory, PrestataireFactory

    firm, other = PrestataireFactory(name="Cabinet A"), PrestataireFactory(name="Cabinet B")
    author = make_user("interv-a", Role.INTERVENANT, email="a@cabinet-a.example.org")
    IntervenantFactory(prestataire=firm, user=author)
    mate = make_user("interv-a2", Role.INTERVENANT, email="a2@cabinet-a.example.org")
    IntervenantFactory(prestataire=firm, user=mate)
    stranger = make_user("interv-b", Role.INTERVENANT, email="b@cabinet-b.example.org")
    IntervenantFactory(prestataire=other, user=stranger)
    ProjectPrestataireFactory(project=piloted, prestataire=firm)
    charge_mission.email = "claire@dla-nord.example.org"
    charge_mission.save()
    project = complete_project(piloted)
    grille = complete_grille(GrilleFactory(project=project))

    with django_capture_on_commit_callbacks(execute=True):
        grille_steps.submit(grille, by=author)
    assert recipients_of("grille_submitted") == ["c2ra", "cm", "cm-b"]
    # the chargés de mission are mailed at once; the C2RA reads it in its digest
    assert sorted(m.to[0] for m in mailoutbox) == sorted([charge_mission.email, colleague.email])

    with django_capture_on_commit_callbacks(execute=True):
        grille_steps.send_back(grille, by=charge_mission, comment="Préciser la phase 2")
    # the firm's people (the author and their colleague), never the other firm
    assert recipients_of("grille_returned") == ["interv-a", "interv-a2"]
    returned = Notification.objects.get(recipient=author, kind="grille_returned")
    assert "Préciser la phase 2" in returned.body


def test_sent_back_tells_only_the_intervenants_the_assignment_names(
    piloted,
    charge_mission,
    django_capture_on_commit_callbacks,
):
    from accounts.models import Role
    from tests.conftest import make_user
    from tests.directory.factories import IntervenantFactory, PrestataireFactory

    firm = PrestataireFactory(name="Cabinet A")
    named = make_user("interv-a", Role.INTERVENANT)
    IntervenantFactory(prestataire=firm, user=named)
    IntervenantFactory(prestataire=firm, user=make_user("interv-a2", Role.INTERVENANT))
    assignment = ProjectPrestataireFactory(project=piloted, prestataire=firm)
    assignment.intervenants.add(named.intervenant)
    grille = complete_grille(GrilleFactory(project=complete_project(piloted)))
    grille_steps.submit(grille, by=named)
    grille_steps.send_back(grille, by=charge_mission, comment="À reprendre")

    assert recipients_of("grille_returned") == ["interv-a"]


def test_an_offer_tells_the_pilots_without_naming_the_firm(
    open_call,
    charge_mission,
    alpha_user,
    beta_user,
    c2ra_staff,
):
    submit(open_call, alpha_user)

    assert recipients_of("offer_received") == ["cm"]  # the IC is piloted by the DLA alone
    notification = Notification.objects.get(kind="offer_received")
    assert "Alpha" not in notification.title + notification.body  # offers stay sealed
    submit(open_call, alpha_user)  # a new version is a new event
    assert Notification.objects.filter(kind="offer_received").count() == 2


def test_the_deadline_passed_tells_the_pilots_once(open_call, charge_mission, alpha_user):
    assert tender_notices.tell_deadline_passed(open_call, now=timezone.now()) == []  # not yet

    late = after_deadline(open_call)
    assert len(tender_notices.tell_deadline_passed(open_call, now=late)) == 1
    assert tender_notices.tell_deadline_passed(open_call, now=late) == []
    assert tender_notices.tell_deadlines_passed(now=late) == 0
    assert recipients_of("call_deadline_passed") == ["cm"]
