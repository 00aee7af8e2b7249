"""Every form of the app takes its bounds from dla_ic.inputs (texts capped, dates in a
window, control characters stripped): a form built on Django's bare Form let a year-1
deadline reach PostgreSQL, which cannot read it back."""

import importlib
import inspect
import pkgutil

from django import forms

from dla_ic.inputs import BoundedFormMixin

APPS = ("accounts", "cycle", "directory", "grille", "monographs", "tenders")


def app_forms():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _, klass in inspect.getmembers(module, inspect.isclass):
                if klass.__module__ == module.__name__ and issubclass(klass, forms.BaseForm):
                    yield klass


def test_every_form_of_the_apps_is_bounded():
    found = list(app_forms())
    unbounded = sorted(
        f"{k.__module__}.{k.__name__}" for k in found if not issubclass(k, BoundedFormMixin)
    )

    assert len(found) > 20
    assert unbounded == []
