"""Django's admin, for the administrators only (role admin or superuser, and staff)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

from dla_ic.inputs import CONTROL_CHARACTERS, INTEGER_MAX, INTEGER_MIN, BoundedFormMixin, bound


class KnownIdsMixin:
    """An autocomplete widget that redisplays a refused form whose id is not an id at all
    (Django's looks the typed value up as is: "abc" for an integer key raised a 500)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self.is_id(v)], attr)

    def is_id(self, value) -> bool:
        remote = self.field.remote_field
        to_field = getattr(remote, "field_name", None)  # a many-to-many has none: the key
        key = remote.model._meta.get_field(to_field) if to_field else remote.model._meta.pk
        if CONTROL_CHARACTERS.search(str(value)):  # PostgreSQL refuses a NUL in a query
            return False
        try:
            parsed = key.to_python(value)
        except ValidationError:
            return False
        return not isinstance(parsed, int) or INTEGER_MIN <= parsed <= INTEGER_MAX


class SafeAutocompleteSelect(KnownIdsMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(KnownIdsMixin, AutocompleteSelectMultiple):
    pass


class BoundedFieldsMixin:
    """The admin's fields get the bounds every form has (dla_ic.inputs): dates in a window,
    lengths capped, control characters refused; a value that would break pages is refused."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return bound(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_form(self, request, obj=None, **kwargs):  # a ModelAdmin's form: data cleaned too
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (BoundedFormMixin, form), {})

    def get_formset(self, request, obj=None, **kwargs):  # an inline's rows likewise
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (BoundedFormMixin, formset.form), {})
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def bounded(admin_class):
    if issubclass(admin_class, BoundedFieldsMixin):
        return admin_class
    inlines = [bounded(inline) for inline in getattr(admin_class, "inlines", ())]
    return type(admin_class.__name__, (BoundedFieldsMixin, admin_class), {"inlines": inlines})


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and getattr(user, "is_admin_role", False))

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, bounded(admin_class or admin.ModelAdmin), **options)


class AdminConfig(BaseAdminConfig):
    default_site = "accounts.admin_site.AdminSite"
