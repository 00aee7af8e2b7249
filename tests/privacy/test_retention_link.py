"""« Conservation jusqu'au … » on an ended IC's page, through the cycle's page links."""

from django.urls import reverse

from cycle.page_links import links_for


def test_an_ended_ic_shows_its_retention_end(client, ended):
    client.force_login(ended.world.users["cm"])
    html = client.get(reverse("cycle:project_detail", args=[ended.project.pk])).content.decode()
    assert "Conservation jusqu&#x27;au 31 décembre 2030" in html

    page = client.get(reverse("privacy:project_retention", args=[ended.project.pk]))
    assert "Conservation jusqu'au 31 décembre 2030." in page.content.decode()


def test_a_running_ic_and_the_structure_space_show_none(ended):
    world = ended.world
    assert [link.label for link in links_for(world.users["other_cm"], world.other_project)
            if "Conservation" in link.label] == []
    assert [link.label for link in links_for(world.users["structure"], ended.project)
            if "Conservation" in link.label] == []
