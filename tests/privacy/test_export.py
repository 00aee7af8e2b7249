"""Subject access: the person's rows and files, nobody else's."""

import io
import json
import time
import zipfile

from django.urls import reverse

from exchange.models import Message
from privacy import export


def archive(content: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_zip_holds_the_person_and_nobody_else(client, ended):
    nora, cm = ended.world.users["structure"], ended.world.users["cm"]
    cm.email = "claire@dla59.fr"
    cm.save()
    client.force_login(ended.world.users["admin"])

    start = time.monotonic()
    response = client.post(reverse("privacy:subject_export"), {"user": nora.pk})
    assert time.monotonic() - start < 5

    assert response["Content-Type"] == "application/zip"
    files = archive(response.content)
    (account,) = json.loads(files["compte.json"])
    assert (account["username"], "password" in account) == ("nora", False)
    (message,) = json.loads(files["messages.json"])
    assert message["body"] == "Écrivez à nora@asso-a.fr"
    assert json.loads(files["contact_structure.json"])[0]["user_id"] == nora.pk
    everything = b"".join(files.values()).decode("utf-8", "replace")
    assert "Appeler Nora Belkacem" not in everything  # Claire's message in the same thread
    assert "claire@dla59.fr" not in everything and "cr-nora.pdf" not in everything
    assert Message.objects.filter(author=cm).exists()


def test_the_author_gets_her_uploaded_file(ended):
    files = archive(export.build_zip(user=ended.world.users["cm"]))
    (name,) = [n for n in files if n.startswith("fichiers/messages/")]
    assert name.endswith("cr-nora.pdf") and files[name].startswith(b"%PDF")
    assert "nora@asso-a.fr" not in files["messages.json"].decode()


def test_an_intervenant_found_by_email(ended):
    intervenant = ended.world.users["intervenant"].intervenant
    intervenant.email = "ines@cabinet.fr"
    intervenant.save()
    files = archive(export.build_zip(email="INES@cabinet.fr"))
    assert json.loads(files["intervenant.json"])[0]["id"] == intervenant.pk
    assert json.loads(files["compte.json"]) == []


def test_nobody_chosen_is_told_beside_the_form(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("privacy:subject_export"), {"email": "pas-un-courriel"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "pas-un-courriel" in html and "Saisissez une adresse" in html
    response = client.post(reverse("privacy:subject_export"), {})
    assert "Choisissez un compte ou saisissez un courriel." in response.content.decode()
