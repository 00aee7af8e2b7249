"""The bounds every typed value obeys, applied to every form in one place.

One stored value must not break a page for everyone: a date in year 1 cannot be
read back from PostgreSQL once shifted to UTC, a control character makes the
XLSX export fail, a text of a million characters makes a PDF take a minute, a
NUL byte is refused by PostgreSQL. ``BoundedFormMixin`` (on ``Form`` and
``ModelForm`` below, and on the admin's forms through accounts.admin_site)
strips control characters from the submitted data and gives every field the
bounds it lacks: a length for texts, a window for dates, a range for integers.
"""

import datetime
import re
from decimal import Decimal

from django import forms
from django.core import validators
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

# C0 controls but tab and line breaks, DEL and C1 controls: invisible, and refused by XML
# (XLSX, PDF) and by PostgreSQL (NUL).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
LINE_MAX = 1000  # a one-line text without a length of its own
TEXT_MAX = 20_000  # a multi-line text: some ten pages
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1  # what every database's integer holds
ID_MAX = 2**63 - 1  # a big integer key; SQLite raises OverflowError on a larger one
NOT_AN_ID = "?"


def without_controls(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def without_controls_in(data):
    """A copy of submitted form data (a QueryDict or a dict) without control characters."""
    if isinstance(data, MultiValueDict):
        clean = data.copy()
        for key, values in data.lists():
            clean.setlist(key, [_cleaned(value) for value in values])
        return clean
    return {key: _cleaned(value) for key, value in data.items()}


def _cleaned(value):
    if isinstance(value, str):
        return without_controls(value)
    if isinstance(value, list | tuple):
        return [_cleaned(item) for item in value]
    return value


@validators.deconstructible
class DateWindowValidator:
    """A date (or a date and time) between 1900 and 2100."""

    message = _("Saisissez une date entre 1900 et 2100.")
    code = "date_window"

    def __call__(self, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if isinstance(day, datetime.date) and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, DateWindowValidator)


def no_control_characters(value):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(
            _("Ce texte contient des caractères de contrôle invisibles : retirez-les."),
            code="control_characters",
        )


def bound(field: forms.Field) -> forms.Field:
    """Give ``field`` the bounds it lacks (idempotent). Returns it."""
    if field is None or getattr(field, "_bounded", False):
        return field
    field._bounded = True
    if isinstance(field, forms.CharField):
        if field.max_length is None and not isinstance(field, forms.JSONField):  # parsed: no len
            field.max_length = TEXT_MAX if isinstance(field.widget, forms.Textarea) else LINE_MAX
            field.validators.append(validators.MaxLengthValidator(field.max_length))
            field.widget.attrs.setdefault("maxlength", str(field.max_length))
        field.validators.append(no_control_characters)
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        field.validators.append(DateWindowValidator())
    elif isinstance(field, forms.IntegerField):  # DecimalField's max_digits bound it already
        if field.max_value is None:
            field.validators.append(validators.MaxValueValidator(INTEGER_MAX))
        if field.min_value is None:
            field.validators.append(validators.MinValueValidator(INTEGER_MIN))
    return field


class BoundedFormMixin:
    """Control characters stripped from the data, every field bounded (see ``bound``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = without_controls_in(self.data)
        self._bound_fields()

    def _bound_fields(self):
        for field in self.fields.values():
            bound(field)

    def full_clean(self):
        self._bound_fields()  # fields a subclass added after this __init__
        if self.is_bound:
            self._refuse_huge_ids()
        super().full_clean()

    def _refuse_huge_ids(self):
        """An id no key can hold is made an invalid choice before the choice is looked up
        (SQLite raises OverflowError, a 500, where Django expects ValueError)."""
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            key = self.add_prefix(name)
            if hasattr(self.data, "getlist"):
                values = self.data.getlist(key)
                if any(map(_huge_id, values)):
                    self.data.setlist(key, [NOT_AN_ID if _huge_id(v) else v for v in values])
            elif isinstance(self.data.get(key), list | tuple):
                self.data[key] = [NOT_AN_ID if _huge_id(v) else v for v in self.data[key]]
            elif _huge_id(self.data.get(key)):
                self.data[key] = NOT_AN_ID


def _huge_id(value) -> bool:
    text = str(value).strip() if isinstance(value, str | int) else ""
    return bool(re.fullmatch(r"[+-]?\d+", text)) and abs(int(text)) > ID_MAX


class Form(BoundedFormMixin, forms.Form):
    pass


class ModelForm(BoundedFormMixin, forms.ModelForm):
    pass


class FrenchDecimalField(forms.DecimalField):
    """A number as written in French: shown « 8 650,00 », read back from « 8650,00 »,
    « 8 650 € » or « 8650.00 » (spaces of any kind, the euro sign and either separator)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("€", "")  # split() knows every space
        return super().to_python(value)


class HalfDaysField(FrenchDecimalField):
    """A number of days counted in half-days (0,5 ; 1 ; 3,5…): the phases of an IC, of an
    offer's grille. The one home of its bounds and of their French messages."""

    default_error_messages = {
        "invalid": _("Indiquez un nombre de jours, par exemple 3,5."),
        "min_value": _("Le nombre de jours est d'au moins une demi-journée (0,5)."),
        "max_value": _("Le nombre de jours ne peut dépasser %(limit_value)s."),
        "max_decimal_places": _("Indiquez les jours au dixième près (par exemple 3,5)."),
        "max_digits": _("Ce nombre de jours n'est pas plausible."),
        "max_whole_digits": _("Ce nombre de jours n'est pas plausible."),
        "half_days": _("Comptez les jours par demi-journées (0,5 ; 1 ; 1,5…)."),
    }

    def __init__(self, *, max_value, **kwargs):
        kwargs.setdefault("label", _("Nombre de jours"))
        kwargs.setdefault("help_text", _("Par demi-journées : 0,5 ; 1 ; 3,5…"))
        super().__init__(
            max_digits=5, decimal_places=1, min_value=Decimal("0.5"), max_value=max_value,
            **kwargs,
        )

    def run_validators(self, value):
        super().run_validators(value)  # the bounds first: « 1,255 » is told its decimals
        if value not in self.empty_values and (value * 2) % 1:
            raise forms.ValidationError(self.error_messages["half_days"], code="half_days")


def safe_id(value) -> int | None:
    """A submitted id as an integer, or None when it is not one (then: 404, not 500)."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if number <= INTEGER_MAX else None
