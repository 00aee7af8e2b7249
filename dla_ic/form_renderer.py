"""The project's form renderer: Django's, with selects rendered in Python.

The template engine renders a select's options one ``{% include %}`` at a time,
about 50 µs each: a dashboard filter listing 1,500 prestataires cost 100 ms.
The same markup, byte for byte, is built here in a few milliseconds. Any other
widget, and a select whose options use a template of their own, go through
the templates as usual.
"""

from html import escape

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def text(value) -> str:
    """``conditional_escape``, without its lazy-string wrapper for the common plain str."""
    return escape(value) if type(value) is str else conditional_escape(str(value))


def flat_attrs(attrs: dict) -> str:
    """What ``django/forms/widgets/attrs.html`` prints."""
    if not attrs:
        return ""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict) -> str:
    parts = [format_html('<select name="{}"', widget["name"]), flat_attrs(widget["attrs"]), ">"]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        parts.extend(
            f'\n  <option value="{text(option["value"])}"'
            f'{flat_attrs(option["attrs"])}>{text(option["label"])}</option>\n'
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def renders_in_python(template_name: str, context: dict) -> bool:
    if template_name != SELECT:
        return False
    return all(
        option["template_name"] == OPTION
        for _name, options, _index in context["widget"]["optgroups"]
        for option in options
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if renders_in_python(template_name, context):
            return render_select(context["widget"])
        return super().render(template_name, context, request=request)
