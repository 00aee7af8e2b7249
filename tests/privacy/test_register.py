"""The register: declared once, every field real, its page and its generated document agree."""

from django.apps import apps
from django.urls import reverse

from privacy import docs
from privacy.register import REGISTER


def test_every_processing_names_real_fields_and_a_rule():
    for processing in REGISTER:
        model = apps.get_model(processing.model)
        for field in processing.fields:
            model._meta.get_field(field)
        assert processing.purpose and processing.legal_basis and processing.audience
        assert processing.retention.text()


def test_the_register_cites_the_publication_consent():
    (consent,) = [p for p in REGISTER if p.code == "consent"]
    assert consent.model == "cycle.ProjectStructure"
    assert "publication_consent" in consent.fields
    assert "withdraw_consent" in str(consent.purpose)


def test_the_generated_document_is_up_to_date():
    assert docs.DOC_PATH.read_text(encoding="utf-8") == docs.markdown() + "\n", (
        "Relancez `python manage.py registre_rgpd`."
    )


def test_the_admin_page_renders_every_processing(client, admin_user, django_assert_max_num_queries):
    client.force_login(admin_user)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("privacy:register"))
    html = response.content.decode()
    assert "Registre des traitements" in html
    for row in docs.rows():
        assert row["label"] in html.replace("&#x27;", "'")
    assert "3 ans à compter du 31 décembre de l&#x27;année N+1" in html


def test_the_admin_leads_to_the_register_and_the_export(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("admin:privacy_anonymisationlog_changelist")).content.decode()
    assert reverse("privacy:register") in html and reverse("privacy:subject_export") in html
