from datetime import UTC, datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, override
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media as NonceMedia
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from embassy.clock import local_time
from embassy.editing import EditVersionAdmin

from .images import check_alt_text, check_pixels_per_save
from .models import (
    Category,
    ChangeNote,
    EmbargoLink,
    EmbargoLinkUse,
    Publication,
    PublicationImage,
)
from .sanitize import ALLOWED_TAGS

# What the editor offers; the server's nh3 allow-list (news/sanitize.py) is a superset of it.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "HardBreak": True,
    "Paragraph": True,
    "History": True,
    "Menu": True,
}
assert {"strong", "em", "h2", "h3", "ul", "ol", "li", "blockquote", "a", "br", "p"} <= ALLOWED_TAGS


@admin.register(Category)
class CategoryAdmin(EditVersionAdmin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_ru", "slug"]


# The times every zone can write as a date Python can count: a day from either end of its calendar.
FIRST_DATED = datetime(1, 1, 2, tzinfo=UTC)
LAST_DATED = datetime(9999, 12, 30, tzinfo=UTC)


class DateLinksChangeList(ChangeList):
    """The admin's list, whose date links (date_hierarchy) never fail.

    Django bounds a chosen year, month or day by the next one, which for the last Python can count
    (9999, December 9999, 31 December 9999) is past its end: a 500, for a row dated so before dates were
    checked, or for anyone's link. That choice has no upper bound instead.
    """

    def get_results(self, request):
        super().get_results(request)
        # The date links read self.queryset once the rows are counted and fetched, and turn its times
        # into the site's zone: 1 January 0001 00:00 UTC is before year 1 in London (its LMT offset), a
        # 500. They leave out rows dated so (from before dates were checked); the list still shows them.
        if self.date_hierarchy and isinstance(
            get_fields_from_path(self.model, self.date_hierarchy)[-1], models.DateTimeField
        ):
            self.queryset = self.queryset.filter(
                **{f"{self.date_hierarchy}__range": (FIRST_DATED, LAST_DATED)}
            )

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError):
            field = self.date_hierarchy
            parts = [f"{field}__year", f"{field}__month", f"{field}__day"]
            chosen = {name: self.filter_params.pop(name) for name in parts if name in self.filter_params}
            try:
                specs, has_filters, lookups, duplicates, active = super().get_filters(request)
            finally:
                self.filter_params.update(chosen)
            year, month, day = (int(chosen[name][-1]) if name in chosen else 1 for name in parts)
            try:
                lookups[f"{field}__gte"] = [timezone.make_aware(datetime(year, month, day))]
            except (OverflowError, ValueError) as error:
                raise IncorrectLookupParameters(error) from error
            return specs, has_filters, lookups, duplicates, active


class MissingLanguageFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, _("Missing %(language)s") % {"language": name}) for code, name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in dict(settings.LANGUAGES):
            return queryset.exclude(pk__in=Publication.objects.complete_in(self.value()).values("pk"))
        return queryset


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(Publication.STATE_LABELS.items())

    def queryset(self, request, queryset):
        status = Publication.Status
        return {
            "draft": lambda: queryset.filter(status=status.DRAFT),
            "scheduled": queryset.scheduled,
            "published": queryset.published,
            "withdrawn": lambda: queryset.filter(status=status.WITHDRAWN),
            "unpublished": queryset.gone,
        }.get(self.value(), lambda: queryset)()


# What a restore of an earlier version brings back: the text. Status, time, address, category, notice
# and replacement stay as they are now, so a restore never changes who can read what (issue 11).
RESTORED_FIELDS = [
    f"{field}_{code}" for field in ("title", "lead", "body") for code, _name in settings.LANGUAGES
]


def changes_public_text(publication):
    """Whether saving `publication` changes a text visitors read (or will, once it is scheduled)."""
    if publication.status not in (Publication.Status.PUBLISHED, Publication.Status.WITHDRAWN):
        return False
    stored = Publication.objects.filter(pk=publication.pk).values(*RESTORED_FIELDS).first()
    return stored is not None and any(stored[name] != getattr(publication, name) for name in RESTORED_FIELDS)


class ChangeNoteFormSet(BaseInlineFormSet):
    def clean(self):
        """A restored text must not stand under public notes about the changes it undoes: restoring the
        text of a public item written before some of its change notes, the editor edits or deletes
        them, or adds one saying what was restored."""
        super().clean()
        publication = self.instance
        version = getattr(publication, "restored_version", None)
        if version is None or self.has_changed() or not changes_public_text(publication):
            return
        later = publication.change_notes.filter(noted_at__gt=version.history_date)
        if later.exists():
            raise ValidationError(
                _(
                    "This restores the text of %(date)s, which the public change notes written since "
                    "describe as changed: %(notes)s. Edit or delete them, or add a note saying what was "
                    "restored, so that visitors are not told of corrections they no longer see."
                ),
                code="change_notes_after_restored_text",
                params={"date": local_time(version.history_date), "notes": notes_list(later)},
            )


def notes_list(notes):
    return "; ".join(f"“{note}” ({local_time(note.noted_at)})" for note in notes)


class ChangeNoteInline(TranslationTabularInline):
    model = ChangeNote
    formset = ChangeNoteFormSet
    extra = 0
    fields = ["noted_at", "note"]
    verbose_name_plural = _("public change notes (for substantive edits only; minor edits need none)")


def links_in_each_language(url_for):
    """One link per site language to the address `url_for()` gives with that language active."""
    links = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            links.append((url_for(), code.upper()))
    return format_html_join(" ", '<a href="{}" target="_blank" rel="noopener">{}</a>', links)


def well_formed(field, value) -> bool:
    """Whether `value` could be a value of `field` at all (an id of "abc" cannot)."""
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class EmbargoLinkForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_revoked:  # revocation is one-way: the posted box is ignored
            self.fields["is_revoked"].disabled = True

    def clean(self):
        cleaned_data = super().clean()
        # The publication as about to be saved (the inline's parent, not the stored row), so scheduling
        # it in the same save is enough. A new link to anything not scheduled would answer 404, or lead
        # to the public page.
        publication = cleaned_data.get("publication")
        if not self.instance.pk and publication and publication.state != "scheduled":
            raise ValidationError(
                _(
                    "An embargo link opens only while its publication is scheduled: status “Published” "
                    "with a publication time in the future. This publication is %(state)s. Schedule it "
                    "first (in this same save if you like); once it is live, send its public address instead."
                ),
                code="not_scheduled",
                params={"state": publication.state_label},
            )
        return cleaned_data


class EmbargoLinkFormSet(BaseInlineFormSet):
    def clean(self):
        """A link that has been opened stays: deleting it would delete its openings, the access log."""
        super().clean()
        opened = [
            form.instance for form in self.deleted_forms if form.instance.pk and form.instance.uses.exists()
        ]
        if opened:
            raise ValidationError(
                _(
                    "An embargo link that has been opened cannot be deleted: its openings are the record "
                    "of who read the publication early. Tick “revoked” instead, and it stops working. "
                    "Opened: %(links)s."
                ),
                code="opened_link",
                params={"links": "; ".join(link.recipient or link.token[:8] for link in opened)},
            )


class EmbargoLinkInline(admin.TabularInline):
    model = EmbargoLink
    form = EmbargoLinkForm
    formset = EmbargoLinkFormSet
    extra = 0
    fields = ["recipient", "expires_at", "is_revoked", "address", "opened"]
    readonly_fields = ["address", "opened"]

    @admin.display(description=_("address to send"))
    def address(self, link):
        if not link.pk:
            return _("Shown after saving")
        if link.publication.state != "scheduled":  # as EmbargoLink.objects.active() has it
            return _("None: a link opens only while its publication is scheduled (it is %(state)s).") % {
                "state": link.publication.state_label
            }
        if link.is_revoked:
            return _("None: revoked, do not send it.")
        if link.expires_at <= timezone.now():
            return _("None: expired on %(time)s, do not send it.") % {"time": local_time(link.expires_at)}
        return links_in_each_language(link.get_absolute_url)

    @admin.display(description=_("opened"))
    def opened(self, link):
        url = reverse("admin:news_embargolinkuse_changelist") + f"?link__id__exact={link.pk}"
        return format_html('<a href="{}">{}</a>', url, link.uses.count()) if link.pk else "—"


class PublicationImageFormSet(BaseInlineFormSet):
    def clean(self):
        """Publishing needs every image described, as the images are about to be saved."""
        super().clean()
        kept = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.instance.image
        ]
        self.prepare_uploads()
        check_alt_text(self.instance, images=kept)

    def prepare_uploads(self):
        """Decode the new uploads now, so that a damaged one is refused in its own form; but first count
        their pixels, so that one save's work stays well within the worker's time."""
        uploading = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.instance.image
            and not form.instance.image._committed
        ]
        check_pixels_per_save([form.instance.image.file.image.size for form in uploading])
        for form in uploading:
            try:
                form.instance.prepare_upload()
            except ValidationError as error:
                form.add_error("image", error)


class PublicationImageInline(TranslationStackedInline):
    model = PublicationImage
    formset = PublicationImageFormSet
    extra = 0
    fields = ["image", "thumbnail", "alt", "caption", "order"]
    readonly_fields = ["thumbnail"]
    verbose_name_plural = _("images (the first leads the page; several make a gallery)")

    @admin.display(description=_("as shown"))
    def thumbnail(self, image):
        if not image.pk:
            return "—"
        return format_html('<img src="{}" alt="" width="160">', image.src)


@admin.register(Publication)
class PublicationAdmin(EditVersionAdmin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = [
        "__str__",
        "category",
        "publication_time",
        "state_column",
        "is_featured",
        "languages_complete",
        "preview_links",
    ]
    list_filter = [StateFilter, MissingLanguageFilter, "is_featured", "category"]
    list_select_related = ["category"]
    search_fields = ["title_en", "title_ru", "lead_en", "lead_ru", "slug"]
    date_hierarchy = "published_at"
    readonly_fields = ["created_at", "updated_at", "withdrawn_at", "preview_links"]
    autocomplete_fields = ["replaced_by"]
    inlines = [PublicationImageInline, ChangeNoteInline, EmbargoLinkInline]
    actions = ["publish", "unpublish", "feature", "unfeature"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "is_featured", "preview_links"]}),
        (
            _("Withdrawal and removal"),
            {"fields": ["withdrawal_reason", "withdrawn_at", "replaced_by"], "classes": ["collapse"]},
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_changelist(self, request, **kwargs):
        return DateLinksChangeList

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body_"):
            kwargs["form_class"] = ProseEditorFormField
            kwargs["widget"] = AdminProseEditorWidget
            kwargs["config"] = {"extensions": EDITOR_EXTENSIONS}
            kwargs["preset"] = "configurable"
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "replaced_by":
            field.help_text = _(
                "For a withdrawn publication, its notice links here; for an unpublished one, its address "
                "leads here. Choose a publication that visitors can read."
            )
        if db_field.name == "published_at":
            field.help_text = _(
                "In the embassy's time zone, %(zone)s. A time in the future schedules the publication: "
                "it appears on the site at that moment, with nothing else to do."
            ) % {"zone": settings.SITE_TIME_ZONE}
        return field

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "replaced_by":  # the replacement's autocomplete
            queryset = queryset.readable()  # what clean_replacement() accepts
        return queryset, may_have_duplicates

    def view_on_site(self, obj):
        """What visitors can read opens at its public address; anything else (whose public address
        answers 404 or 410) in the staff preview."""
        if Publication.objects.readable().filter(pk=obj.pk).exists():
            content_type = ContentType.objects.get_for_model(obj)
            return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])
        return reverse("news:preview", args=[obj.pk])

    def render_change_form(self, request, context, *args, **kwargs):
        # The editor's import map is an inline script: it carries this response's CSP nonce.
        context["media"] = NonceMedia.from_media(context["media"], nonce=str(request.csp_nonce))
        return super().render_change_form(request, context, *args, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        # simple-history looks a malformed id up as it is ("abc": ValueError, a 500). The change view
        # sends it back to the admin's index with a message, and so does this.
        if not well_formed(self.opts.pk, unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """ "Revert" to an earlier version: the publication's own form, with that version's text filled
        in for review and everything else as it is now (RESTORED_FIELDS), so a restore never puts a
        withdrawn or unpublished item back, nor an old address; nothing changes until it is saved.

        simple-history's own view saved the whole old row: a withdrawn item went live again at its
        old address, under change notes about corrections its text no longer had.
        """
        if not well_formed(self.opts.pk, unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not well_formed(self.model.history.model._meta.pk, version_id):
            raise Http404("No such version")  # as simple-history answers for a version that is not there
        version = self.model.history.filter(id=unquote(object_id), history_id=version_id).first()
        if version is None:
            raise Http404("No such version")
        request.restored_version = version  # read by get_object()
        if request.method == "GET":
            self._say_what_a_restore_does(request, version)
        title = _("Restore the text of %(date)s: %(publication)s") % {
            "date": local_time(version.history_date),
            "publication": version.instance,
        }
        context = {**(extra_context or {}), "title": title}
        response = self.change_view(request, object_id, extra_context=context)
        if isinstance(response, HttpResponseRedirect) and response.url.startswith(request.path):
            # "Save and continue editing" goes on in the ordinary form, not in another restore.
            change_url = reverse("admin:news_publication_change", args=[version.id])
            response = HttpResponseRedirect(change_url + response.url[len(request.path) :])
        return response

    def _say_what_a_restore_does(self, request, version):
        self.message_user(
            request,
            _(
                "The title, lead and text of the version of %(date)s are filled in below for review. "
                "The status, publication time, address, category and withdrawal notice are the current "
                "ones. Nothing changes until you save."
            )
            % {"date": local_time(version.history_date)},
            level=messages.INFO,
        )
        later = ChangeNote.objects.filter(publication_id=version.id, noted_at__gt=version.history_date)
        if later.exists():
            self.message_user(
                request,
                _(
                    "Public change notes written since this version: %(notes)s. If the restored text "
                    "undoes the changes they describe, edit or delete them, or add a note saying what "
                    "was restored."
                )
                % {"notes": notes_list(later)},
                level=messages.WARNING,
            )

    def get_object(self, request, object_id, from_field=None):
        publication = super().get_object(request, object_id, from_field)
        version = getattr(request, "restored_version", None)
        if publication is not None and version is not None:
            publication.restored_version = version  # for ChangeNoteFormSet and save_model
            if request.method != "POST":  # a post carries the form as the editor left it
                for name in RESTORED_FIELDS:
                    setattr(publication, name, getattr(version, name))
        return publication

    def render_history_view(self, request, template, context, **kwargs):
        # The form of an earlier version (to restore it) shows the same editor: the same nonce.
        if "adminform" in context:
            media = self.media + context["adminform"].media
            context["media"] = NonceMedia.from_media(media, nonce=str(request.csp_nonce))
        return super().render_history_view(request, template, context, **kwargs)

    def save_model(self, request, obj, form, change):
        now = timezone.now()
        going_live = (
            obj.status == Publication.Status.PUBLISHED
            and obj.published_at <= now
            and obj.is_first_publication()
        )
        if going_live and not self._time_typed(obj, form):
            obj.published_at = now  # not when its draft was started (Publication.is_first_publication)
        if version := getattr(obj, "restored_version", None):
            # Stored as text: in the language of the officer who restores it.
            obj._change_reason = _("Restored the text of %(date)s") % {
                "date": local_time(version.history_date)
            }
        scheduling = obj.status == Publication.Status.PUBLISHED and obj.published_at > now
        if scheduling and obj.pk:  # said once: when it becomes scheduled, or its time moves
            was = Publication.objects.filter(pk=obj.pk).values("status", "published_at").first()
            scheduling = was != {"status": obj.status, "published_at": obj.published_at}
        super().save_model(request, obj, form, change)
        if going_live:
            self._say_when_it_went_live(request, obj, backdated=obj.published_at != now)
        elif scheduling:
            self.message_user(
                request,
                _("“%(title)s” is scheduled to go live on %(time)s.")
                % {"title": obj, "time": local_time(obj.published_at)},
            )

    def _time_typed(self, obj, form):
        """Whether the editor set the publication time in this form (to the second the form shows), not
        left the one it had: the time a new form was opened, or the time a draft was last given."""
        if not obj.pk:
            return "published_at" in form.changed_data
        stored = Publication.objects.filter(pk=obj.pk).values_list("published_at", flat=True).first()
        return abs(stored - obj.published_at) >= timedelta(seconds=1)

    def _say_when_it_went_live(self, request, obj, *, backdated):
        if backdated:
            message = _(
                "“%(title)s” is published with the time you gave, %(time)s: it takes its place among the "
                "items of that day in lists and feeds, not at the top."
            )
        else:
            message = _(
                "“%(title)s” went live now, %(time)s, and is dated so: the time in its form was when its "
                "draft was started. To date it otherwise, change its publication time and save again."
            )
        self.message_user(request, message % {"title": obj, "time": local_time(obj.published_at)})

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, EmbargoLink) and not instance.created_by_id:
                instance.created_by = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()

    @admin.display(description=_("publication time"), ordering="published_at")
    def publication_time(self, obj):
        # As the admin's messages write it; the admin's own column fails (a 500) for a time that is
        # not a date in the site's zone, such as 1 January 0001 00:00 UTC in London.
        return local_time(obj.published_at)

    @admin.display(description=_("state"), ordering="status")
    def state_column(self, obj):
        return obj.state_label

    @admin.display(description=_("complete languages"))
    def languages_complete(self, obj):
        return ", ".join(code.upper() for code in obj.complete_languages()) or "—"

    @admin.display(description=_("preview"))
    def preview_links(self, obj):
        return links_in_each_language(lambda: reverse("news:preview", args=[obj.pk])) if obj.pk else "—"

    def _bulk(self, request, queryset, **changes):
        """Apply `changes` to each selected publication that stays valid; report the ones refused."""
        updated, refused = 0, []
        for publication in queryset:
            # A callable value is worked out from the publication as it was.
            values = {
                field: value(publication) if callable(value) else value for field, value in changes.items()
            }
            for field, value in values.items():
                setattr(publication, field, value)
            try:
                publication.full_clean()
                check_alt_text(publication)
            except ValidationError as error:
                refused.append(f"{publication} ({' '.join(error.messages)})")
                continue
            publication.save()
            updated += 1
        if refused:
            self.message_user(
                request,
                _("Not changed: %(refusals)s") % {"refusals": "; ".join(refused)},
                level=messages.WARNING,
            )
        return updated

    @admin.action(description=_("Publish the selected publications"), permissions=["change"])
    def publish(self, request, queryset):
        # A new draft's time is when it was started: published from the list, it goes live now, not
        # backdated below everything written since (Publication.is_first_publication). A time still
        # ahead (scheduling) is kept, and so is the date of an item that was out before (set back to
        # draft for a correction, say).
        now = timezone.now()

        def time_to_publish(item):
            return now if item.published_at < now and item.is_first_publication() else item.published_at

        # Only what the action made Published counts (it refuses some, and says why): an item selected
        # while already live or scheduled was not published now.
        to_publish = list(queryset.exclude(status=Publication.Status.PUBLISHED).values_list("pk", flat=True))
        self._bulk(request, queryset, status=Publication.Status.PUBLISHED, published_at=time_to_publish)
        done = Publication.objects.filter(pk__in=to_publish, status=Publication.Status.PUBLISHED)
        live = done.filter(published_at__lte=now).count()
        ahead = list(done.filter(published_at__gt=now).order_by("published_at"))
        self.message_user(request, published_and_scheduled(live, ahead))

    @admin.action(description=_("Unpublish the selected publications (410 Gone)"), permissions=["change"])
    def unpublish(self, request, queryset):
        n = self._bulk(request, queryset, status=Publication.Status.UNPUBLISHED)
        self.message_user(
            request, ngettext("%d publication unpublished.", "%d publications unpublished.", n) % n
        )

    @admin.action(description=_("Feature the selected publications"), permissions=["change"])
    def feature(self, request, queryset):
        n = self._bulk(request, queryset, is_featured=True)
        self.message_user(request, ngettext("%d publication featured.", "%d publications featured.", n) % n)

    @admin.action(description=_("Stop featuring the selected publications"), permissions=["change"])
    def unfeature(self, request, queryset):
        n = self._bulk(request, queryset, is_featured=False)
        self.message_user(
            request,
            ngettext("%d publication no longer featured.", "%d publications no longer featured.", n) % n,
        )


def published_and_scheduled(live, scheduled):
    """ "1 publication published; 1 scheduled for 4 December 2030, 10:00 GMT": the bulk action's report."""
    published = ngettext("%(count)d publication published", "%(count)d publications published", live)
    parts = [published % {"count": live}]
    if scheduled:
        when = ", ".join(dict.fromkeys(local_time(item.published_at) for item in scheduled))  # soonest first
        parts.append(
            ngettext("%(count)d scheduled for %(times)s", "%(count)d scheduled for %(times)s", len(scheduled))
            % {"count": len(scheduled), "times": when}
        )
    return "; ".join(parts) + "."


class EmbargoLinkFilter(admin.SimpleListFilter):
    """The one link whose openings are shown (from the count in its publication's form), by name.

    Never a choice of every link or publication: at 20,000 publications such a list made the page 2.3 MB.
    """

    title = _("embargo link")
    parameter_name = "link__id__exact"  # the address the count in the publication's form links to

    def lookups(self, request, model_admin):
        if self._link_id() is None:
            return []
        link = EmbargoLink.objects.select_related("publication").filter(pk=self._link_id()).first()
        return [(str(link.pk), str(link))] if link else []

    def queryset(self, request, queryset):
        return queryset.filter(link_id=self._link_id()) if self.value() else queryset

    def _link_id(self):
        value = self.value() or ""
        return int(value) if value.isdecimal() else None


@admin.register(EmbargoLinkUse)
class EmbargoLinkUseAdmin(admin.ModelAdmin):
    """The embargo links' access log: an audit record that anyone with access may read and nobody edits."""

    list_display = ["used_at", "link", "ip_address", "user_agent"]
    list_filter = [EmbargoLinkFilter]
    list_select_related = ["link__publication"]
    date_hierarchy = "used_at"
    search_fields = [
        "link__recipient",
        "link__publication__title_en",
        "link__publication__title_ru",
        "ip_address",
    ]
    search_help_text = _("Who the link was given to, the publication's title, or the reader's address.")

    def get_changelist(self, request, **kwargs):
        return DateLinksChangeList

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
