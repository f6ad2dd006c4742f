import posixpath
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from slugify import slugify

from embassy.clock import local_day, site_zone
from embassy.editing import VersionField, bumps_version_of

from . import images
from .sanitize import clean_html, has_visible_text, number_questions, without_control_characters

# Words the archive's addresses use after /news/; a category named so would be unreachable.
RESERVED_CATEGORY_SLUGS = {"feed", "preview", "embargo"}

# The span a publication's dates can plausibly have: the archive reaches back to 2010 and nothing the
# embassy published online predates 1990; a time more than five years ahead is a slip of the keyboard
# (9999 saved silently, then broke the admin's date links).
EARLIEST_DATE = (1990, 1, 1)
LATEST_AHEAD = timedelta(days=5 * 365 + 1)
# An embargo holds a text back for days or weeks; a link open for longer than a year is a slip.
EMBARGO_LONGEST = timedelta(days=366)


def implausible_time(value, now):
    """A message saying why `value` cannot be a publication's (or a change note's) time, or None."""
    earliest = datetime(*EARLIEST_DATE, tzinfo=site_zone())
    latest = now + LATEST_AHEAD
    if value is None or earliest <= value <= latest:
        return None
    return _(
        "%(date)s cannot be right: choose a date from %(earliest)s to %(latest)s (five years ahead)."
    ) % {
        "date": local_day(value),
        "earliest": local_day(earliest),
        "latest": local_day(latest),
    }


def replace_control_characters(instance, *fields):
    """Turn the control characters of each language's version of `fields` into spaces (see
    news/sanitize.py): every translated text is saved so, as it may reach a feed."""
    for field in fields:
        for code, _name in settings.LANGUAGES:
            name = f"{field}_{code}"
            setattr(instance, name, without_control_characters(getattr(instance, name)))


def validate_category_slug(value):
    if value in RESERVED_CATEGORY_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by the site's own addresses; choose another."), params={"slug": value}
        )


class Category(models.Model):
    """A section of the publications archive, such as Speeches or Statements and comments."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        validators=[validate_category_slug],
        help_text=_("The last part of the section's address."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in menus.")
    )
    version = VersionField()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name or self.slug

    def save(self, *args, **kwargs):
        replace_control_characters(self, "name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", args=[self.slug])


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """What a visitor may see right now in lists, feeds, search and on the home page."""
        return self.filter(status=Publication.Status.PUBLISHED, published_at__lte=timezone.now())

    def readable(self):
        """What answers at its own address: the published, and the withdrawn (shown with a notice)."""
        return self.filter(
            status__in=[Publication.Status.PUBLISHED, Publication.Status.WITHDRAWN],
            published_at__lte=timezone.now(),
        )

    def gone(self):
        """Publications taken down for good: their address answers 410, or 301 to a replacement."""
        return self.filter(status=Publication.Status.UNPUBLISHED)

    def scheduled(self):
        """Publications that become readable at a future instant (a withdrawn one still answers then)."""
        return self.filter(
            status__in=[Publication.Status.PUBLISHED, Publication.Status.WITHDRAWN],
            published_at__gt=timezone.now(),
        )

    def clean_bodies(self):
        """Clean every body again with today's allow-list (rows loaded without save(), e.g. an import).

        Returns how many publications changed.
        """
        changed = []
        for publication in self.only("pk", *(f"body_{code}" for code, _name in settings.LANGUAGES)):
            before = [getattr(publication, f"body_{code}") for code, _name in settings.LANGUAGES]
            publication.clean_bodies()
            if before != [getattr(publication, f"body_{code}") for code, _name in settings.LANGUAGES]:
                publication.version = F("version") + 1  # a form opened before shows the old body
                changed.append(publication)
        fields = [f"body_{code}" for code, _name in settings.LANGUAGES] + ["version"]
        self.model.objects.bulk_update(changed, fields, batch_size=500)
        return len(changed)

    def complete_in(self, code):
        """Publications whose title, lead and text are all filled in language `code`.

        A text that shows nothing is stored empty (Publication.clean_bodies), so "" is the test here.
        """
        return (
            self.in_language(code)
            .exclude(Q(**{f"lead_{code}": ""}) | Q(**{f"lead_{code}__isnull": True}))
            .exclude(Q(**{f"body_{code}": ""}) | Q(**{f"body_{code}__isnull": True}))
        )

    def in_language(self, code):
        """Publications that have a title in language `code`; no list mixes languages."""
        # "> ''" is false for both '' and NULL, and is the very condition of the per-language partial
        # indexes below, so PostgreSQL can use them (it cannot prove that NOT (t = '' OR t IS NULL),
        # which is how exclude() spells it for a nullable column, implies such a condition).
        return self.filter(**{f"title_{code}__gt": ""})

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def as_entries(self, code, *also):
        """Only what a list entry shows in language `code` (date, title, lead, address), and `also`.

        The bodies, in every language, are most of a publication's bytes; a list of ten would
        otherwise fetch and decode twenty of them to show none.
        """
        return self.select_related("category").only(
            "slug", "published_at", "category__slug", f"title_{code}", f"lead_{code}", *also
        )


class JudgedAsNew:
    """A row whose clean() reads no stored copy of itself: an imported row, already saved raw so that
    later rows can refer to it, is checked as the admin checks a new one (embassy/backup.py)."""

    judged_as_new = False

    def stored(self, queryset):
        """`queryset` filtered to this row as stored, or empty for a new row or one judged as new."""
        if not self.pk or self.judged_as_new:
            return queryset.none()
        return queryset.filter(pk=self.pk)


class Publication(JudgedAsNew, models.Model):
    """A speech, interview, article, statement or news item, in English, Russian or both."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published (or scheduled, if its time is in the future)")
        WITHDRAWN = "withdrawn", _("Withdrawn: still readable with a notice, out of lists")
        UNPUBLISHED = "unpublished", _("Unpublished: gone (410), or redirected to a replacement")

    title = models.CharField(_("title"), max_length=300, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the address, shared by both languages. Latin letters, digits, hyphens. "
            "Made from the title when left empty; an old address keeps working after a change."
        ),
    )
    lead = models.TextField(_("lead"), blank=True, help_text=_("The paragraph shown in lists and feeds."))
    body = models.TextField(
        _("text"), blank=True, help_text=_("The full text. Unsafe HTML is removed when it is saved.")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="publications", verbose_name=_("category")
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("Visitors see the publication from this moment on."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("The newest featured publication leads the home page.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"),
        blank=True,
        help_text=_("Shown to visitors at the top of a withdrawn publication."),
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaced by"),
        help_text=_("For an unpublished publication: visitors to its address are sent here instead."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = VersionField()

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [
            # Scheduled publications (the page cache's next instant) and the admin's lists.
            models.Index(fields=["status", "-published_at"], name="news_pub_status_date"),
            # Per language (a partial index on "title > ''", as in_language filters): lists, counts,
            # feeds, the home page and the sitemap read these alone, newest first. Status is the last
            # key column, so that published() and readable() filter inside the index and deep pages
            # skip index entries, not table rows (an index-only scan). EXPLAIN ANALYZE at 100,000
            # publications (60,000 with Russian), cold cache: the archive's COUNT went from an 83 ms
            # sequential scan to a 15 ms index-only scan, its page 9,800 from 356 ms (reading 98,000
            # rows) to 21 ms with DeferredJoinPaginator; a category's last page from 60 ms to 2.7 ms.
            *[
                models.Index(
                    fields=fields, name=f"news_pub_{name}_{code}", condition=Q(**{f"title_{code}__gt": ""})
                )
                for code in ("en", "ru")  # settings.LANGUAGES; models cannot read settings here
                for name, fields in [
                    ("list", ["-published_at", "-id", "status"]),
                    ("category", ["category", "-published_at", "-id", "status"]),
                ]
            ],
            # The home page's featured item: without it PostgreSQL walked the newest publications
            # until it met a featured one (253 rows, 1.5 ms at 10,000 publications; more as the
            # last featured item ages), on every page made for the home page.
            models.Index(
                fields=["-published_at", "-id", "status"],
                name="news_pub_featured",
                condition=Q(is_featured=True),
            ),
        ]

    def __str__(self):
        return self.title_en or self.title_ru or self.slug

    def save(self, *args, **kwargs):
        self.clean_texts()
        if self.status == self.Status.WITHDRAWN and self._stored_status() != self.Status.WITHDRAWN:
            self.withdrawn_at = timezone.now()  # dated by each withdrawal, not only the first
        if not self.slug:
            self.slug = self._unique_slug()
        self._remember_previous_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.category.slug, self.slug])

    def clean(self):
        """The publishing rules. Each error names a field of the admin form (a per-language field for
        a translated text), which shows it next to that field."""
        # Clean the texts first, so that what is validated is what save() will store: a text that only
        # looks filled ("<p></p>", a <script> the allow-list removes) is validated as the "" it becomes.
        self.clean_texts()
        errors = {}
        public = self.status in (self.Status.PUBLISHED, self.Status.WITHDRAWN)
        if public and not self.complete_languages():
            errors["status"] = _(
                "A publication needs its title, lead and text complete in at least one language "
                "before it can be published."
            )
        elif public and (half_done := self.half_translated_languages()):
            # A language with a title shows a page and list entries; it must not be a title alone.
            errors["status"] = _(
                "The %(languages)s version has a title but no text. Complete it, or clear its title "
                "so that the publication is shown in its other language only."
            ) % {"languages": ", ".join(code.upper() for code in half_done)}
        if self.status == self.Status.WITHDRAWN:
            if self._stored_status() not in (self.Status.PUBLISHED, self.Status.WITHDRAWN):
                errors["status"] = _("Only a published publication can be withdrawn; a draft can be deleted.")
            missing = [
                code for code in self.languages() if not getattr(self, f"withdrawal_reason_{code}", "")
            ]
            if missing:
                message = _(
                    "Say why the publication is withdrawn, in each of its languages (missing: "
                    "%(languages)s); visitors will read it."
                ) % {"languages": ", ".join(code.upper() for code in missing)}
                # On each language's own field: the admin form has withdrawal_reason_en and _ru, and an
                # error naming a field the form lacks ("withdrawal_reason") is a 500 there, not a message.
                errors.update({f"withdrawal_reason_{code}": message for code in missing})
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("A publication cannot replace itself.")
        else:
            try:
                self.clean_replacement()
            except ValidationError as error:
                errors.update(error.error_dict)
        if self.slug and (earlier := self._earlier_holder_of_slug()):
            errors["slug"] = self._slug_taken_message(earlier)
        if self._sets_its_time() and (message := implausible_time(self.published_at, timezone.now())):
            errors["published_at"] = message
        if errors:
            raise ValidationError(errors)

    def _sets_its_time(self):
        """Whether this save sets the publication time: a new item, a changed time, or an item being
        published. A takedown of an item with an odd old date (imported, say) is never refused for it."""
        stored = self.stored(Publication.objects).values_list("published_at", "status").first()
        return (
            stored is None
            or stored[0] != self.published_at
            or (self.status == self.Status.PUBLISHED and stored[1] != self.Status.PUBLISHED)
        )

    def is_first_publication(self):
        """Whether publishing this item puts it before visitors for the first time: it is stored as a
        draft (or not yet stored) and never went out.

        Such an item, published with its time already past, goes live now (the admin's form and list
        both say so): that time is when its draft was started, and would date it below everything
        published since.
        """
        return self._stored_status() in (None, self.Status.DRAFT) and not self.was_ever_published()

    def clean_texts(self):
        """Make every translated text what is stored: no control characters, bodies sanitised."""
        replace_control_characters(self, "title", "lead", "withdrawal_reason")
        self.clean_bodies()

    def clean_bodies(self):
        """Sanitise the body in every language and number its questions (see news/sanitize.py).

        A body that shows no text once clean becomes "": every rule, the database's included
        (complete_in), then reads an empty string as "no text" and nothing else as it.
        """
        for code, _name in settings.LANGUAGES:
            field = f"body_{code}"
            body = number_questions(clean_html(without_control_characters(getattr(self, field) or "")))
            setattr(self, field, body if has_visible_text(body) else "")

    def _stored_status(self):
        """The status as last saved (None for a new publication)."""
        if not self.pk:
            return None
        return Publication.objects.filter(pk=self.pk).values_list("status", flat=True).first()

    def _unique_slug(self):
        """A slug from the English title, or the transliterated Russian one, made unique with a number."""
        base = slugify(self.title_en or self.title_ru or "publication", max_length=80, word_boundary=True)
        base = base or "publication"
        candidate, number = base, 1
        while (
            Publication.objects.filter(slug=candidate).exclude(pk=self.pk).exists()
            or PreviousSlug.objects.filter(slug=candidate).exists()
        ):
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def _earlier_holder_of_slug(self):
        """The other publication whose old address this slug is, if any: its old links would open
        this publication instead of redirecting to it."""
        previous = (
            PreviousSlug.objects.filter(slug=self.slug)
            .exclude(publication_id=self.pk)
            .select_related("publication")
            .first()
        )
        return previous.publication if previous else None

    def _slug_taken_message(self, earlier):
        return _(
            "“%(slug)s” was the address of “%(publication)s”, and old links to it still lead there. "
            "Choose another, so that they do not open this publication instead."
        ) % {"slug": self.slug, "publication": earlier}

    def _remember_previous_slug(self):
        """Keep the old address of a published item answering (with a 301) after its slug changes;
        never take over another publication's old address (clean() says so on the slug field)."""
        if earlier := self._earlier_holder_of_slug():
            raise ValidationError({"slug": self._slug_taken_message(earlier)})
        if not self.pk:
            return
        old = Publication.objects.filter(pk=self.pk).values_list("slug", "status").first()
        if old and old[0] != self.slug and old[1] != self.Status.DRAFT:
            PreviousSlug.objects.get_or_create(slug=old[0], defaults={"publication": self})
        # Back at an address it had before: its own page again, no longer a redirect.
        PreviousSlug.objects.filter(slug=self.slug, publication=self).delete()

    STATE_LABELS = {
        "draft": _("draft"),
        "scheduled": _("scheduled"),
        "published": _("published"),
        "withdrawn": _("withdrawn"),
        "unpublished": _("unpublished"),
    }

    @property
    def state_label(self):
        return self.STATE_LABELS[self.state]

    @property
    def state(self):
        """The state as press staff speak of it: draft, scheduled, published, withdrawn, unpublished."""
        if self.status == self.Status.PUBLISHED and self.published_at > timezone.now():
            return "scheduled"
        return self.status

    def complete_languages(self) -> list[str]:
        """The languages in which title, lead and text are all filled (a text that shows nothing is
        stored, and cleaned by clean(), as "")."""
        return [
            code
            for code, _name in settings.LANGUAGES
            if all(getattr(self, f"{field}_{code}", "") for field in ("title", "lead", "body"))
        ]

    def half_translated_languages(self) -> list[str]:
        """Languages with a title but without text: they would show a title-only page."""
        return [code for code in self.languages() if not getattr(self, f"body_{code}", "")]

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    def languages(self) -> list[str]:
        """The language codes in which this publication has a title."""
        return [code for code, _name in settings.LANGUAGES if getattr(self, f"title_{code}", "")]

    def local_date(self):
        """The publication's day as the embassy reckons it."""
        return timezone.localdate(self.published_at, timezone=site_zone())

    def was_ever_published(self):
        """Whether visitors ever saw it: a saved version published at a time already past when it was
        saved (its history says). One only scheduled, then set back to draft, never went out."""
        return (
            self.pk is not None
            and self.history.filter(
                status=self.Status.PUBLISHED, published_at__lte=F("history_date")
            ).exists()
        )

    def clean_replacement(self):
        """Refuse a replacement that would do nothing: one visitors cannot read now, or one given to a
        publication that is neither withdrawn (its notice links to the replacement) nor unpublished
        (its address redirects there).

        Part of clean(), which checks first that a publication does not replace itself.
        """
        if not self.replaced_by_id or self.replaced_by_id == self.pk:
            return
        if (
            self.replaced_by_id
            == self.stored(Publication.objects).values_list("replaced_by_id", flat=True).first()
        ):
            # Chosen and checked before: what has become of it since must not block another change,
            # least of all a takedown (an unreadable replacement only makes the address answer 410).
            return
        if self.status not in (self.Status.WITHDRAWN, self.Status.UNPUBLISHED):
            message = _(
                "Only a withdrawn publication (its notice links to the replacement) or an unpublished one "
                "(its address leads there) has a replacement. Leave “replaced by” empty, or withdraw or "
                "unpublish this publication."
            )
            raise ValidationError({"replaced_by": message})
        replacement = Publication.objects.filter(pk=self.replaced_by_id).first()
        if replacement is None:
            return  # no such publication: the field's own check says so
        if self._replacement_leads_back():
            message = _(
                "“%(title)s” is replaced, in turn, by this publication: visitors would go round in circles."
            )
            raise ValidationError({"replaced_by": message % {"title": replacement}})
        readable = Publication.objects.readable().filter(pk=replacement.pk).exists()
        # A row from a backup may keep a replacement readable when it was chosen: its history says so.
        if not readable and not (self.judged_as_new and replacement.was_ever_published()):
            message = _(
                "“%(title)s” is %(state)s, so visitors could not follow it. Choose a publication they can "
                "read now, or publish that one first."
            ) % {"title": self.replaced_by, "state": self.replaced_by.state_label}
            raise ValidationError({"replaced_by": message})

    def _replacement_leads_back(self):
        """Whether following "replaced by" from this publication's replacement comes back to it."""
        seen, current = {self.pk}, self.replaced_by_id
        while current is not None and current not in seen:
            seen.add(current)
            current = Publication.objects.filter(pk=current).values_list("replaced_by_id", flat=True).first()
        return current is not None and current == self.pk


class PreviousSlug(models.Model):
    """An address a publication used to have; it answers with a permanent redirect."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="previous_slugs")
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        verbose_name = _("previous address")
        verbose_name_plural = _("previous addresses")

    def __str__(self):
        return self.slug


class ChangeNote(JudgedAsNew, models.Model):
    """A public note on a substantive change to a published item ("Corrected the date of the meeting")."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="change_notes")
    noted_at = models.DateTimeField(_("date"), default=timezone.now)
    note = models.CharField(_("change note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-noted_at"]
        verbose_name = _("public change note")
        verbose_name_plural = _("public change notes")

    def __str__(self):
        return self.note_en or self.note_ru or ""

    def save(self, *args, **kwargs):
        replace_control_characters(self, "note")
        super().save(*args, **kwargs)

    def clean(self):
        stored = self.stored(ChangeNote.objects).values_list("noted_at", flat=True).first()
        if self.noted_at != stored and (message := implausible_time(self.noted_at, timezone.now())):
            raise ValidationError({"noted_at": message})


def new_embargo_token():
    return secrets.token_urlsafe(32)


class EmbargoLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still open their publication: not revoked, not expired, the item not yet live."""
        now = timezone.now()
        return self.filter(
            is_revoked=False,
            expires_at__gt=now,
            publication__status=Publication.Status.PUBLISHED,  # scheduled: never a draft
            publication__published_at__gt=now,
        )


UNREVOKE_REFUSED = _(
    "A revoked link stays revoked: its address may have been passed on. Add a new link instead."
)


class EmbargoLink(JudgedAsNew, models.Model):
    """An unguessable address that shows a publication to journalists before its time."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="embargo_links")
    token = models.CharField(max_length=64, unique=True, default=new_embargo_token, editable=False)
    recipient = models.CharField(
        _("given to"), max_length=200, blank=True, help_text=_("Who receives the link, for your records.")
    )
    expires_at = models.DateTimeField(
        _("expires"), help_text=_("The link stops working then, and at the latest when the item goes live.")
    )
    is_revoked = models.BooleanField(_("revoked"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    objects = EmbargoLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("embargo link")
        verbose_name_plural = _("embargo links")

    def __str__(self):
        return f"{self.publication} → {self.recipient or self.token[:8]}"

    def save(self, *args, **kwargs):
        if self.is_unrevoked():
            raise ValidationError({"is_revoked": UNREVOKE_REFUSED})
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:embargo", args=[self.token])

    def clean(self):
        if self.is_unrevoked():
            raise ValidationError({"is_revoked": UNREVOKE_REFUSED})
        now = timezone.now()
        # A link from a backup has a pk too: expired since, it opens nothing and comes back as it was.
        if self.expires_at and self.expires_at <= now and not self.pk:
            raise ValidationError({"expires_at": _("Choose a moment in the future.")})
        stored = self.stored(EmbargoLink.objects).values_list("expires_at", flat=True).first()
        if self.expires_at and self.expires_at != stored and self.expires_at > now + EMBARGO_LONGEST:
            message = _("An embargo link lasts at most a year: choose a moment before %(latest)s.")
            raise ValidationError({"expires_at": message % {"latest": local_day(now + EMBARGO_LONGEST)}})

    def is_unrevoked(self):
        """Whether this save would make a revoked link work again (revocation is one-way)."""
        return (
            not self.is_revoked
            and self.pk is not None
            and EmbargoLink.objects.filter(pk=self.pk, is_revoked=True).exists()
        )


class EmbargoLinkUse(models.Model):
    """One opening of an embargo link: when, and from which address."""

    link = models.ForeignKey(EmbargoLink, on_delete=models.CASCADE, related_name="uses")
    used_at = models.DateTimeField(_("opened"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-used_at"]
        verbose_name = _("embargo link use")
        verbose_name_plural = _("embargo link uses")

    def __str__(self):
        return f"{self.used_at:%Y-%m-%d %H:%M} {self.ip_address or ''}"


def validate_renditions(value):
    """The renditions a save made (images.make_renditions); one from elsewhere, such as an imported
    file, must not break the pages that show the image."""

    def is_rendition(r):
        return (
            isinstance(r, dict)
            and isinstance(r.get("name"), str)
            and r["name"].startswith("renditions/")
            and ".." not in r["name"].split("/")
            and r.get("type") in (images.WEBP, images.JPEG)
            and all(type(r.get(size)) is int and r[size] > 0 for size in ("width", "height"))
        )

    if not (isinstance(value, list) and all(is_rendition(r) for r in value)):
        raise ValidationError(_("These are not renditions of the image."), code="renditions")


class PublicationImage(models.Model):
    """A photograph in a publication's gallery, stored without metadata, with its responsive renditions."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="images", verbose_name=_("publication")
    )
    image = images.SafeImageField(
        _("image"),
        upload_to="publications/%Y/%m/",
        help_text=_(
            "JPEG, PNG or WebP, up to 15 MB and 40 megapixels. "
            "Location, camera and other hidden details are removed when it is saved."
        ),
    )
    # Set on upload, not through ImageField's width_field, which would open the file whenever a row
    # without them is loaded (and fail the page if the file is missing).
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt = models.CharField(
        _("description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for visitors who cannot see it. "
            "Needed in each language of the publication before it is published."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first; the first image leads the page.")
    )
    renditions = models.JSONField(default=list, editable=False, validators=[validate_renditions])

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt or posixpath.basename(self.image.name or "")

    def save(self, *args, **kwargs):
        replace_control_characters(self, "alt", "caption")
        # A new upload (not yet in storage) is re-encoded without its metadata and its renditions
        # made; an unchanged image keeps both, so saving a caption costs nothing.
        is_new_file = bool(self.image) and not self.image._committed
        replaced = self._stored_files() if is_new_file else None
        # Files written here are deleted again if this transaction (or the one around it) rolls back.
        with transaction.atomic():
            if is_new_file:
                prepared = self.prepare_upload()
                self._prepared = None
                name = self.image.field.generate_filename(self, prepared.name)
                name, self.renditions = images.store(self.image.storage, name, prepared)
                self.image, self.width, self.height = name, prepared.width, prepared.height
            elif self.image and not self.renditions:
                self.renditions = images.make_renditions(self.image.storage, self.image.name)
            super().save(*args, **kwargs)
        if replaced and replaced[0] and replaced[0] != self.image.name:
            images.delete_once_committed(self.image.storage, *replaced)

    def prepare_upload(self) -> "images.Prepared":
        """Decode and encode a new upload, once (the admin's form set does it while validating)."""
        upload = self.image.file
        if getattr(self, "_prepared", None) is None or self._prepared[0] is not upload:
            self._prepared = (upload, images.prepare(upload))
        return self._prepared[1]

    def _stored_files(self):
        """The stored original's name and renditions, which a new upload replaces (None if new)."""
        if not self.pk:
            return None
        return PublicationImage.objects.filter(pk=self.pk).values_list("image", "renditions").first()

    def _largest(self, mime):
        return max((r for r in self.renditions if r["type"] == mime), key=lambda r: r["width"], default=None)

    @property
    def webp_srcset(self):
        return images.srcset(self.image.storage, self.renditions, images.WEBP)

    @property
    def jpeg_srcset(self):
        return images.srcset(self.image.storage, self.renditions, images.JPEG)

    @property
    def src(self):
        """The JPEG for browsers that read no srcset: the one nearest 960 pixels wide."""
        jpegs = [r for r in self.renditions if r["type"] == images.JPEG and r["width"] <= 960]
        chosen = max(jpegs, key=lambda r: r["width"], default=None) or self._largest(images.JPEG)
        return self.image.storage.url(chosen["name"]) if chosen else self.image.url

    @property
    def full_url(self):
        largest = self._largest(images.JPEG)
        return self.image.storage.url(largest["name"]) if largest else self.image.url

    # The width and height the page declares, so the browser reserves the space before loading.
    @property
    def display_width(self):
        largest = self._largest(images.JPEG)
        return largest["width"] if largest else self.width

    @property
    def display_height(self):
        largest = self._largest(images.JPEG)
        return largest["height"] if largest else self.height


@receiver(post_delete, sender=PublicationImage, dispatch_uid="news.delete_image_files")
def delete_image_files(sender, instance, **kwargs):
    """An image deleted (alone, or with its publication) takes its original and renditions with it,
    unless another row still names that file (never made by the site, but a database is edited by hand)."""
    if instance.image and not PublicationImage.objects.filter(image=instance.image.name).exists():
        images.delete_once_committed(instance.image.storage, instance.image.name, instance.renditions)


# A change to any of a publication's inline rows is a change to the publication: a form opened before it
# is refused (embassy/editing.py).
for _child in (PublicationImage, ChangeNote, EmbargoLink):
    bumps_version_of(_child, "publication")
