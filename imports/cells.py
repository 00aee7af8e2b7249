"""Cell parsers: raw spreadsheet value in, Python value out, or CellError with a French
message. Vocabularies are matched accent- and case-insensitively (``fold``)."""

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accounts.models import Role
from directory.territories import DEPARTEMENTS, REGIONS
from directory.validators import normalize_siret, validate_siret
from directory.vocabulary import SECTORS, LegalForm, PartnerKind


class CellError(ValueError):
    """A cell's value is refused: its message is shown beside the cell."""


@lru_cache(maxsize=4096)
def fold(value) -> str:
    """Lower case, no accents, single spaces, hyphens and apostrophes as spaces."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[-'’_.]", " ", text).split())


def text(value, *, max_length=200) -> str:
    value = "" if value is None else str(value).strip()
    if isinstance(value, str) and len(value) > max_length:
        raise CellError(_("Texte trop long (%(n)s caractères au plus).") % {"n": max_length})
    return value


def siret(value) -> str:
    digits = normalize_siret(text(value, max_length=40))
    if digits.endswith(".0"):  # a number typed in Excel: 12345678901234.0
        digits = digits[:-2]
    try:
        validate_siret(digits)
    except ValidationError as error:
        raise CellError(error.messages[0]) from None
    return digits


def postal_code(value) -> str:
    """Five digits; « 1000 » is « 01000 » whose zero a spreadsheet dropped."""
    raw = text(value, max_length=20).replace(" ", "").removesuffix(".0")
    if raw.isdigit() and len(raw) == 4:
        raw = "0" + raw
    if len(raw) != 5 or not raw.isdigit():
        raise CellError(_("Code postal invalide : « %s » (5 chiffres attendus).") % raw)
    return raw


def email(value) -> str:
    address = text(value, max_length=254)
    try:
        validate_email(address)
    except ValidationError:
        raise CellError(_("Adresse électronique invalide : « %s ».") % address) from None
    return address


def integer(value) -> int:
    raw = text(value, max_length=20).replace(" ", "").replace("\u202f", "")
    if raw.endswith(".0"):
        raw = raw[:-2]
    if not raw.isdigit():
        raise CellError(_("Nombre entier positif attendu, et non « %s ».") % raw)
    return int(raw)


def _choice(labels: dict, what: str):
    """A parser matching a code or a label of ``labels`` (code -> label), folded."""
    known = {}  # folded code or label -> code, built at the first call (labels are lazy)

    def parse(value):
        if not known:
            for code, label in labels.items():
                known[fold(label)] = known[fold(code)] = code
        if (code := known.get(fold(value))) is None:
            raise CellError(
                _("%(what)s inconnu : « %(value)s ».") % {"what": what, "value": value}
            )
        return code

    return parse


sector = _choice(SECTORS, _("Secteur"))
legal_form = _choice(dict(LegalForm.choices), _("Forme juridique"))
partner_kind = _choice(dict(PartnerKind.choices), _("Type de partenaire"))
region = _choice(REGIONS, _("Région"))
role = _choice(dict(Role.choices), _("Rôle"))
_departement_name = _choice({c: n for c, (n, _r) in DEPARTEMENTS.items()}, _("Département"))


def departement(value) -> str:
    """A code (« 59 », « 5 », « 2a », « 974 »), a name (« Nord ») or both (« 59 – Nord »)."""
    raw = text(value, max_length=80)
    code = raw.split(" ")[0].upper().removesuffix(".0")
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    if code in DEPARTEMENTS:
        return code
    return _departement_name(re.sub(r"^\S+\s+[–-]\s+", "", raw))


MONTHS = {
    fold(name): number for number, name in enumerate(
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
         "septembre", "octobre", "novembre", "décembre"], start=1,
    )
}
EXCEL_EPOCH = date(1899, 12, 30)


def a_date(value) -> date:
    """dd/mm/yyyy, yyyy-mm-dd, an Excel serial number, « 3 mars 2021 », or a real date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value, max_length=40)
    try:
        if re.fullmatch(r"\d{4,5}(\.0)?", raw):  # Excel serial (1982 to 2173)
            return EXCEL_EPOCH + timedelta(days=int(float(raw)))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", raw):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?", raw):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})(?:er)? ([^\d\s]+) (\d{4})", fold(raw)):
            if m[2] in MONTHS:
                return date(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        pass
    raise CellError(
        _("Date illisible : « %s » (attendu : jj/mm/aaaa, aaaa-mm-jj ou « 3 mars 2021 »).")
        % raw
    )
