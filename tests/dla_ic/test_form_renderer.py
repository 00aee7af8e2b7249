"""Selects rendered in Python print exactly what Django's templates print."""

from django import forms
from django.forms.renderers import DjangoTemplates

from dla_ic.form_renderer import FormRenderer


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---"), ("a", "Alpha & Oméga"), (3, "<b>trois</b>")])
    grouped = forms.ChoiceField(
        choices=[("Nord", [("59", "Nord"), ("62", 'Pas-de-"Calais"')]), ("x", "Autre")]
    )
    many = forms.MultipleChoiceField(choices=[("1", "un"), ("2", "deux")], required=False)
    flags = forms.ChoiceField(
        choices=[("o", "oui")],
        widget=forms.Select(attrs={"disabled": True, "hidden": False, "data-x": 'a"b'}),
    )


def render_all(renderer) -> list[str]:
    form = Choices(
        data={"plain": "a", "grouped": "62", "many": ["1", "2"], "flags": "o"},
        renderer=renderer,
    )
    return [str(form[name]) for name in form.fields]


def test_python_selects_are_byte_for_byte_the_templates():
    assert render_all(FormRenderer()) == render_all(DjangoTemplates())


def test_selected_and_escaped():
    plain, grouped, many, flags = render_all(FormRenderer())
    assert '<option value="a" selected>Alpha &amp; Oméga</option>' in plain
    assert "&lt;b&gt;trois&lt;/b&gt;" in plain
    assert '<optgroup label="Nord">' in grouped
    assert '<option value="62" selected>Pas-de-&quot;Calais&quot;</option>' in grouped
    assert many.count(" selected") == 2 and " multiple" in many
    assert ' disabled data-x="a&quot;b"' in flags and "hidden" not in flags


def test_the_project_uses_it(settings):
    assert settings.FORM_RENDERER == "dla_ic.form_renderer.FormRenderer"
