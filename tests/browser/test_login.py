import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_reaches_the_home_page(page, login, live_server, charge_mission):
    login(page, "cm")
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
