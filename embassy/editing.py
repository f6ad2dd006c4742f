"""Optimistic locking for the admin's change forms: a save from a form opened before someone else's
save is refused, shown again with what they changed merged in, and applied only when saved again.

A content model gets `version = VersionField()` (every save adds one, in the database); its ModelAdmin
takes `EditVersionAdmin` first among its bases; each inline's model is declared with
`bumps_version_of(Child, "parent")`, so that a change to a row (an hour, an embargo link) moves its
parent's version too. The change form carries, in a hidden field, the version it was opened at and the
values it showed (signed): the save checks the version with a conditional UPDATE, which takes the row's
lock, so two saves from forms of one version cannot both pass.
"""

import re

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.forms.models import model_to_dict
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from .clock import local_time

FIELD = "edit_version"  # the change form's hidden field
SALT = "embassy.editing"
VIEWS = ["change", "simple_history"]  # the URL names of the forms that edit a saved item


class VersionField(models.PositiveIntegerField):
    """How many times the row was saved: each save adds one in the database, never from a stale copy."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 1)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("verbose_name", gettext_lazy("version"))
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        if add:
            return super().pre_save(model_instance, add)
        return F(self.attname) + 1


def bump_version(model, pk):
    """Move a row's version on: a form opened before now is refused."""
    model._default_manager.filter(pk=pk).update(version=F("version") + 1)


def bumps_version_of(child_model, parent_field):
    """Saving or deleting a `child_model` row (an inline's) moves its parent's version on."""
    field = child_model._meta.get_field(parent_field)
    parent_model, attname = field.remote_field.model, field.attname  # a class: called below its model

    def bump(sender, instance, raw=False, **kwargs):
        if not raw:  # a backup being loaded restores the versions it holds
            bump_version(parent_model, getattr(instance, attname))

    for signal in (post_save, post_delete):
        signal.connect(
            bump, sender=child_model, weak=False, dispatch_uid=f"editing.{child_model._meta.label}"
        )


class EditConflict(Exception):
    """Someone saved the row between this save's check and its write (the write is rolled back)."""


def _stored(field, instance):
    """A model field's value as a string (None for NULL), as the form's snapshot keeps it."""
    return None if field.value_from_object(instance) is None else field.value_to_string(instance)


def _snapshot_fields(form):
    """The concrete model fields a form edits."""
    opts = form._meta.model._meta
    fields = []
    for name in form.fields:
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete and not field.primary_key and field.editable:
            fields.append(field)
    return fields


def _values(form, instance):
    return {field.name: _stored(field, instance) for field in _snapshot_fields(form)}


def _rows(formset):
    """{pk: values} of the rows an inline formset shows."""
    if not formset.forms:
        return {}
    form = formset.forms[0]
    return {str(row.pk): _values(form, row) for row in _stored_rows(formset)}


def _stored_rows(formset):
    # Read again: the formset's own rows hold what was posted once it has been validated.
    return formset.get_queryset().all()


def make_token(instance, form, formsets):
    """The hidden field's value: the version the form shows, and the values it shows (to tell later
    what someone else changed since)."""
    opened = {
        **_bound_to(instance),
        "v": instance.version,
        "f": _values(form, instance),
        "r": {formset.prefix: _rows(formset) for formset in formsets},
    }
    return signing.dumps(opened, salt=SALT, compress=True)


def _bound_to(instance):
    """Whose token it is: a token from another item's form says nothing about this one's version."""
    return {"m": instance._meta.label_lower, "pk": str(instance.pk)}


def token_for(opened, instance):
    """`opened` if it was made for `instance` (else None: a form with no version)."""
    if opened is None or any(opened.get(key) != value for key, value in _bound_to(instance).items()):
        return None
    return opened


def read_token(value):
    try:
        opened = signing.loads(value or "", salt=SALT)
    except signing.BadSignature:
        return None
    return opened if isinstance(opened, dict) and isinstance(opened.get("v"), int) else None


def _instance_from(model, values):
    """A model instance holding the snapshot's `values` (not saved)."""
    instance = model()
    for name, value in values.items():
        field = model._meta.get_field(name)
        setattr(instance, field.attname, None if value is None else field.to_python(value))
    return instance


def _plain(value):
    """`value` as compared: a browser posts a text's line breaks as \r\n, a script may store \n."""
    if value is None:
        return ""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _same(before, now):
    """Whether two stored values (snapshot strings) are the same to an editor: NULL is "", and line
    breaks are line breaks however they are written."""
    return _plain(before) == _plain(now)


def _changed(form_field, initial, entered):
    def plain(value):
        return _plain(value) if isinstance(value, str) else value

    return form_field.has_changed(plain(initial), plain(entered))


def quoted(text):
    """`text` in the quotation marks of the active language (“…” in English, «…» in Russian)."""
    return _("“%(text)s”") % {"text": text}


def _shown(field, value):
    """A value as an editor reads it in a message."""
    if value in (None, ""):
        return "—"
    python = field.to_python(value)
    if field.choices:
        return str(dict(field.flatchoices).get(python, python))
    if isinstance(field, models.BooleanField):
        return _("yes") if python else _("no")
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=python).first()
        return quoted(related) if related else "—"
    if isinstance(field, models.DateTimeField):
        return local_time(python)
    if isinstance(field, models.DateField):
        return date_format(python)
    if isinstance(field, models.TimeField):
        return f"{python:%H:%M}"
    if isinstance(field, models.CharField | models.TextField):
        return quoted(Truncator(str(value)).chars(80))
    return str(value)


def _put(data, form, field, instance):
    """Write `instance`'s value of `field` into the posted `data` of `form`, as its widget posts it."""
    if isinstance(field, models.FileField):
        return  # a browser posts no stored file: the form keeps the stored one unless a new one is chosen
    _put_value(data, form, field.name, model_to_dict(instance, [field.name]).get(field.name))


def _put_value(data, form, name, value):
    """Write `value` of the form's field `name` into the posted `data`, as its widget posts it."""
    form_field = form.fields[name]
    widget = getattr(form_field.widget, "widget", form_field.widget)  # under the admin's related wrapper
    context = widget.get_context(form.add_prefix(name), form_field.prepare_value(value), {})["widget"]
    for part in context.get("subwidgets") or [context]:
        if part.get("type") == "checkbox":
            if part["attrs"].get("checked"):
                data[part["name"]] = "on"
            else:
                data.pop(part["name"], None)
        elif isinstance(part["value"], list | tuple):
            data.setlist(part["name"], [str(v) for v in part["value"]])
        else:
            data[part["name"]] = "" if part["value"] is None else str(part["value"])


def merge(form, data, opened_values, current):
    """Bring into `data` what someone else changed since `opened_values` where this editor left the field
    as it was; return ([(label, before, now)], [labels changed by both, the editor's entry kept])."""
    opened = _instance_from(type(current), opened_values)
    theirs, both = [], []
    for field in _snapshot_fields(form):
        if field.name not in opened_values:
            continue
        stored = _stored(field, current)
        if _same(opened_values[field.name], stored):
            continue
        form_field, entered = form.fields[field.name], form[field.name].data
        label = str(form[field.name].label)
        theirs.append((label, _shown(field, opened_values[field.name]), _shown(field, stored)))
        mine = _changed(form_field, model_to_dict(opened, [field.name]).get(field.name), entered)
        if mine and _changed(form_field, model_to_dict(current, [field.name]).get(field.name), entered):
            both.append(label)
        else:
            _put(data, form, field, current)
    return theirs, both


def last_save(instance):
    """(who, when) of the row's last recorded save: its history where it has one, else the admin's log."""
    history = getattr(instance, "history", None)
    if history is not None and (record := history.order_by("-history_date", "-pk").first()):
        return record.history_user, record.history_date
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    return (entry.user, entry.action_time) if entry else (None, None)


class EditVersionAdmin:
    """A ModelAdmin mixin (first among the bases): change forms refuse a save from an older version."""

    def _edits_versions(self, request, obj):
        match = getattr(request, "resolver_match", None)
        # The change form, and the form of an earlier version to restore (simple-history's "Revert").
        names = [f"{self.model._meta.app_label}_{self.model._meta.model_name}_{view}" for view in VIEWS]
        return (
            obj is not None
            and match is not None
            and match.url_name in names
            and self.has_change_permission(request, obj)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._edits_versions(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], FIELD]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self._edits_versions(request, obj):
            return super().get_form(request, obj, change=change, **kwargs)
        base = kwargs.pop("form", self.form)
        return super().get_form(request, obj, change=change, form=versioned_form(base), **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:  # rolled back; shown again, this time refused by the form's check
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changelist_form(self, request, **kwargs):
        return versioned_row_form(super().get_changelist_form(request, **kwargs))

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        return type(formset.__name__, (RowVersionsFormSet, formset), {})

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except EditConflict:  # rolled back; shown again, the stale row refused by its form's check
            return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        opened = getattr(form, "edit_opened", None)
        if change and opened is not None:
            # Takes the row's lock until the save commits: a second save waits, then finds a new version.
            model = type(obj)
            if not model._default_manager.filter(pk=obj.pk, version=opened["v"]).update(version=F("version")):
                raise EditConflict
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if FIELD in form.fields and obj is not None:
            formsets = [inline.formset for inline in context["inline_admin_formsets"]]
            current = type(obj)._default_manager.get(pk=obj.pk)
            if not form.is_bound:
                form.initial[FIELD] = make_token(current, form, formsets)
            elif hasattr(form, "edit_conflict"):
                self._show_conflict(form, formsets, current)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _show_conflict(self, form, formsets, current):
        """Merge the other save into the posted form, say what it changed, and let a second save apply."""
        opened = form.edit_conflict
        if opened is None:  # no version at all (a form from before this check): nothing to merge
            return
        data = form.data.copy()
        changes, both = [], []
        theirs, mine = merge(form, data, opened["f"], current)
        changes += [f"{label}: {before} → {now}" for label, before, now in theirs]
        both += mine
        for formset in formsets:
            opened_rows = opened["r"].get(formset.prefix, {})
            stored = list(_stored_rows(formset))
            current_rows = {str(row.pk): row for row in stored}
            _rows_as_stored(formset, data, stored)
            name = formset.model._meta.verbose_name
            for row_form in formset.initial_forms:
                pk = str(row_form.instance.pk)
                if pk in opened_rows and pk in current_rows:
                    theirs, mine = merge(row_form, data, opened_rows[pk], current_rows[pk])
                    row = f"{name} {quoted(current_rows[pk])}"
                    changes += [f"{row}, {label}: {before} → {now}" for label, before, now in theirs]
                    both += [f"{row}, {label}" for label in mine]
            changes += [
                _("%(row)s “%(name)s” added") % {"row": name, "name": current_rows[pk]}
                for pk in current_rows.keys() - opened_rows.keys()
            ]
            if removed := len(opened_rows.keys() - current_rows.keys()):
                changes.append(
                    ngettext("%(row)s: %(count)d row deleted", "%(row)s: %(count)d rows deleted", removed)
                    % {"row": name, "count": removed}
                )
        data[form.add_prefix(FIELD)] = make_token(current, form, formsets)
        for each in [form, *formsets, *(f for formset in formsets for f in formset.forms)]:
            each.data = data
        form._errors[forms.forms.NON_FIELD_ERRORS] = form.error_class(
            [conflict_message(current, changes, both)], error_class="nonfield"
        )


def _rows_as_stored(formset, data, stored):
    """Number the rows of `formset` in the posted `data` as the `stored` rows are now, and build its forms
    again from them: a row deleted since is left out, a row added since is put in as stored, and the
    editor's rows keep what was posted (the admin pairs forms with stored rows by position)."""
    prefix, pk_name = formset.prefix, formset.model._meta.pk.name
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
        initial = int(data.get(f"{prefix}-INITIAL_FORMS", ""))
    except ValueError:
        return  # a damaged management form: the formset's own error says so
    row_key = re.compile(rf"{re.escape(prefix)}-(\d+)-(.+)")
    posted = {}
    for key in list(data):
        if match := row_key.fullmatch(key):
            posted.setdefault(int(match[1]), {})[match[2]] = data.getlist(key)
            del data[key]
    saved = {row[pk_name][0]: row for i, row in posted.items() if i < initial and row.get(pk_name)}
    new = [posted[i] for i in sorted(posted) if initial <= i < total]
    for i, row in enumerate(stored):
        if str(row.pk) in saved:
            for name, values in saved[str(row.pk)].items():
                data.setlist(f"{prefix}-{i}-{name}", values)
        else:  # added since: as stored
            row_form = formset.form(instance=row, prefix=formset.add_prefix(i), **formset.get_form_kwargs(i))
            formset.add_fields(row_form, i)
            for name, field in row_form.fields.items():
                if not isinstance(field, forms.FileField):
                    _put_value(data, row_form, name, row_form[name].initial)
    for i, row in enumerate(new, start=len(stored)):
        for name, values in row.items():
            data.setlist(f"{prefix}-{i}-{name}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(stored) + len(new))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(stored))
    formset.data = data
    for cached in ("forms", "management_form", "_queryset", "_object_dict"):
        formset.__dict__.pop(cached, None)
    formset._errors = formset._non_form_errors = None


def conflict_message(current, changes, both):
    who, when = last_save(current)
    text = _(
        "%(who)s saved this %(item)s at %(when)s, after you opened it. What changed: %(changes)s. "
        "Their changes are now in the form below, and your own edits are kept: check it, and save "
        "again to apply your edits on top."
    )
    message = text % {
        # Russian says "Пользователь Anna сохранил(а)…": a name alone would read as a log line.
        "who": pgettext("who saved it", "%(name)s") % {"name": who.get_full_name() or who.get_username()}
        if who
        else _("Someone"),
        "item": current._meta.verbose_name,
        "when": local_time(when) if when else _("a moment"),
        "changes": "; ".join(changes) or _("nothing you can see in this form"),
    }
    if both:
        message += " " + _(
            "You both changed %(fields)s: the form shows yours, and saving again replaces theirs."
        ) % {"fields": "; ".join(both)}
    return message


def versioned_form(base):
    """`base` with the hidden version field, checked against the row as it is stored now."""

    class VersionedForm(base):
        edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

        def clean(self):
            cleaned_data = super().clean()
            opened = token_for(read_token(self.data.get(self.add_prefix(FIELD))), self.instance)
            if opened is None or opened["v"] != self.instance.version:
                self.edit_conflict = opened
                raise ValidationError(
                    _(
                        "This %(item)s has been saved by someone else since this form was opened. "
                        "Open it again to see it as it is now before you save."
                    ),
                    code="edit_conflict",
                    params={"item": self._meta.model._meta.verbose_name},
                )
            self.edit_opened = opened
            return cleaned_data

    VersionedForm.__name__ = base.__name__
    return VersionedForm


class RowVersionField(forms.CharField):
    """A list row's version: never a change of its own (rows left as they were are not saved)."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class WithVersion(forms.HiddenInput):
    """A list row's id and, beside it, its version: the list shows no other hidden field of a row."""

    def __init__(self, version, attrs=None):
        super().__init__(attrs)
        self.version = version

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(super().render(name, value, attrs, renderer) + str(self.version))


class RowVersionsFormSet:
    """The changelist's formset (list_editable): each row's form carries the version it shows."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk = form._meta.model._meta.pk.name
        if pk in form.fields and FIELD in form.fields:
            form.fields[pk].widget = WithVersion(form[FIELD])


def row_conflict_message(current, form):
    who, when = last_save(current)
    fields = _snapshot_fields(form)
    values = [f"{form[field.name].label}: {_shown(field, _stored(field, current))}" for field in fields]
    return _(
        "%(who)s saved %(item)s %(name)s at %(when)s, after this list was opened: nothing of the list "
        "is saved, so as not to undo that. It now reads: %(values)s. Open the list again and make your "
        "changes there."
    ) % {
        "who": pgettext("who saved it", "%(name)s") % {"name": who.get_full_name() or who.get_username()}
        if who
        else _("Someone"),
        "item": current._meta.verbose_name,
        "name": quoted(current),
        "when": local_time(when) if when else _("a moment"),
        "values": "; ".join(values),
    }


def versioned_row_form(base):
    """`base` (a list row's form) with the row's version, checked against the row as it is stored now."""

    class VersionedRowForm(base):
        edit_version = RowVersionField(required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk is not None:
                opened = {**_bound_to(self.instance), "v": self.instance.version}
                self.initial[FIELD] = signing.dumps(opened, salt=SALT)

        def clean(self):
            cleaned_data = super().clean()
            opened = token_for(read_token(self.data.get(self.add_prefix(FIELD))), self.instance)
            # A row posted as it is stored now undoes nothing, whatever version the list was opened at.
            if self.has_changed() and (opened is None or opened["v"] != self.instance.version):
                raise ValidationError(row_conflict_message(self.instance, self), code="edit_conflict")
            self.edit_opened = opened
            return cleaned_data

    VersionedRowForm.__name__ = base.__name__
    return VersionedRowForm
