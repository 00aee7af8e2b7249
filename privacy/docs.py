"""The register as rows (the admin page) and as Markdown (docs/registre-rgpd.md)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _

from .register import REGISTER

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "registre-rgpd.md"


def rows() -> list[dict]:
    out = []
    for p in REGISTER:
        model = apps.get_model(p.model)
        out.append({
            "code": p.code,
            "label": str(p.label),
            "model": f"{model._meta.verbose_name} ({p.model})",
            "fields": ", ".join(
                f"{model._meta.get_field(f).verbose_name} ({f})" for f in p.fields
            ),
            "purpose": str(p.purpose),
            "legal_basis": str(p.legal_basis),
            "retention": p.retention.text(),
            "audience": str(p.audience),
        })
    return out


HEADINGS = (
    ("model", "Données (modèle)"), ("fields", "Champs"), ("purpose", "Finalité"),
    ("legal_basis", "Base légale"), ("retention", "Conservation"),
    ("audience", "Qui peut les voir"),
)


def markdown() -> str:
    lines = [
        "# " + _("Registre des traitements"), "",
        _("Généré par `python manage.py registre_rgpd` depuis privacy/register.py : ne pas "
          "modifier à la main."), "",
    ]
    for row in rows():
        lines += [f"## {row['label']}", ""]
        lines += [f"- **{label}** : {row[key]}" for key, label in HEADINGS]
        lines.append("")
    return "\n".join(lines)
