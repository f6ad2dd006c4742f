from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from embassy.clock import site_zone

from .sanitize import clean_html


class Category(models.Model):
    """A section of the publications archive, such as Speeches or Statements and comments."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The last part of the section's address.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in menus.")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("news:category", args=[self.slug])


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """What a visitor may see right now."""
        return self.filter(status=Publication.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_language(self, code):
        """Publications that have a title in language `code`; no list mixes languages."""
        return self.exclude(Q(**{f"title_{code}": ""}) | Q(**{f"title_{code}__isnull": True}))

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Publication(models.Model):
    """A speech, interview, article, statement or news item, in English, Russian or both."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_(
            "The last part of the address, shared by both languages. Latin letters, digits, hyphens."
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
    image = models.ImageField(_("image"), upload_to="publications/%Y/%m/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for visitors who cannot see it."),
    )
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [models.Index(fields=["status", "-published_at"], name="news_pub_status_date")]

    def __str__(self):
        return self.title_en or self.title_ru or self.slug

    def save(self, *args, **kwargs):
        for code, _name in settings.LANGUAGES:
            field = f"body_{code}"
            setattr(self, field, clean_html(getattr(self, field) or ""))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.category.slug, self.slug])

    def languages(self) -> list[str]:
        """The language codes in which this publication has a title."""
        return [code for code, _name in settings.LANGUAGES if getattr(self, f"title_{code}", "")]

    def local_date(self):
        """The publication's day as the embassy reckons it."""
        return timezone.localdate(self.published_at, timezone=site_zone())
