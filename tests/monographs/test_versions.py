"""Cahiers des charges issued before versions were kept get their version 1, once."""

from io import StringIO

from django.core.management import call_command

from monographs.models import IssuedSpecification
from tests.tenders.conftest import issued  # noqa: F401 (fixture)


def test_legacy_issued_specifications_are_frozen_once(issued):  # noqa: F811
    IssuedSpecification.objects.all()._raw_delete(IssuedSpecification.objects.db)  # as before
    out = StringIO()

    call_command("freeze_issued_specifications", stdout=out)
    call_command("freeze_issued_specifications", stdout=out)

    version = IssuedSpecification.objects.get()
    assert version.number == 1 and version.verifies()
    assert out.getvalue().splitlines() == ["1 cahier(s) des charges figé(s).",
                                           "0 cahier(s) des charges figé(s)."]
