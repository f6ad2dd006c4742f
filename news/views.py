from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache

from embassy.i18n import language_links
from embassy.middleware import client_ip
from embassy.pagination import paginate

from .models import Category, EmbargoLink, EmbargoLinkUse, Publication

PER_PAGE = 10  # as on the reference page's archive


def publication_list(request, category_slug=None):
    category = get_object_or_404(Category, slug=category_slug) if category_slug else None
    publications = Publication.objects.published().newest_first()
    if category:
        publications = publications.filter(category=category)
    language = request.LANGUAGE_CODE
    page = paginate(request, publications.in_language(language).as_entries(language), per_page=PER_PAGE)
    return render(
        request,
        "news/publication_list.html",
        {
            "page": page,
            "category": category,
            "categories": list(Category.objects.all()),
            "language_links": _list_language_links(request, publications, category, page),
        },
    )


def _list_language_links(request, publications, category, page):
    """The list in each language: at the visitor's page number where it runs that far, else at its
    first page, and nowhere where it has no publications (a category may have none in a language).

    Only first pages with publications are hreflang alternates of one another, as in the sitemap:
    page 5 in each language lists other publications, so a later page has no alternates.
    """
    skipped = (page.number - 1) * PER_PAGE
    numbers = {}
    for code, _name in settings.LANGUAGES:
        if code == request.LANGUAGE_CODE:
            found = page.paginator.count  # counted already
        else:
            # One query, whatever the list's length: it counts no further than page N's first row.
            found = publications.in_language(code)[: skipped + 1].count()
        if found:
            numbers[code] = page.number if found > skipped else 1

    def url_for(code):
        path = category.get_absolute_url() if category else reverse("news:list")
        return path if numbers[code] == 1 else f"{path}?page={numbers[code]}"

    is_paired = page.number == 1 and request.LANGUAGE_CODE in numbers
    return language_links(
        request, available=numbers, url_for=url_for, alternates=numbers if is_paired else ()
    )


def publication_detail(request, category_slug, slug):
    publications = Publication.objects.select_related("category")
    publication = publications.readable().filter(slug=slug).first()
    if publication is None:
        return _moved_or_gone(request, publications, slug)
    available = publication.languages()
    if request.LANGUAGE_CODE not in available:
        # No half-translated pages: send the visitor to a language the publication has.
        with translation.override(available[0] if available else "en"):
            return redirect(publication)
    if category_slug != publication.category.slug:
        return redirect(publication, permanent=True)
    return _render_publication(request, publication, available)


def _moved_or_gone(request, publications, slug):
    """An address that no longer shows a publication: 301 to where it lives now, 410 if taken down."""
    moved = publications.readable().filter(previous_slugs__slug=slug).first()
    if moved:
        return redirect(moved, permanent=True)
    gone = publications.gone().filter(Q(slug=slug) | Q(previous_slugs__slug=slug)).first()
    if gone is None:
        raise Http404("No such publication")
    replacement = gone.replaced_by_id and publications.readable().filter(pk=gone.replaced_by_id).first()
    if replacement:
        return redirect(replacement, permanent=True)
    return render(request, "news/gone.html", {"publication": gone}, status=410)


def _render_publication(request, publication, available, url_for=None, **context):
    return render(
        request,
        "news/publication_detail.html",
        {
            "publication": publication,
            "images": list(publication.images.all()),  # the gallery's, and the first for link previews
            "replacement": _replacement(publication),
            "change_notes": [note for note in publication.change_notes.all() if note.note],
            "language_links": language_links(
                request, available=available, url_for=url_for or (lambda code: publication.get_absolute_url())
            ),
            **context,
        },
    )


def _replacement(publication):
    """What a withdrawn publication's notice links to: its replacement, while visitors can read it."""
    if not (publication.is_withdrawn and publication.replaced_by_id):
        return None
    return (
        Publication.objects.readable()
        .select_related("category")
        .filter(pk=publication.replaced_by_id)
        .first()
    )


@never_cache
def publication_preview(request, pk):
    """Staff see any publication, in any state, exactly as visitors will; everyone else gets 404."""
    if not (request.user.is_active and request.user.has_perm("news.view_publication")):
        raise Http404("No such publication")
    publication = get_object_or_404(Publication.objects.select_related("category"), pk=pk)
    return _render_publication(
        request,
        publication,
        [code for code, _name in settings.LANGUAGES],
        url_for=lambda code: reverse("news:preview", args=[publication.pk]),
        is_preview=True,
        preview_language_missing=request.LANGUAGE_CODE not in publication.languages(),
    )


def _embargo_link_closed(request, link):
    """A known link that opens nothing now: the journalist learns why and whom to ask, and nothing of
    the publication (not its title, address or time), as a stranger holding the link could be anyone."""
    expired = not link.is_revoked and link.expires_at <= timezone.now()
    response = render(
        request,
        "news/embargo_link_closed.html",
        {"expired": expired, "press_email": settings.PRESS_CONTACT_EMAIL},
        status=410,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def embargo_view(request, token):
    """A journalist's advance view of a publication; every opening is recorded."""
    link = EmbargoLink.objects.select_related("publication__category").filter(token=token).first()
    if link is None:
        raise Http404("No such link")
    publication = link.publication
    if Publication.objects.readable().filter(pk=publication.pk).exists():
        return redirect(publication)  # live now: the public page is the one to read
    if not EmbargoLink.objects.active().filter(pk=link.pk).exists():
        return _embargo_link_closed(request, link)
    available = publication.languages()
    if request.LANGUAGE_CODE not in available and available:
        with translation.override(available[0]):
            return redirect("news:embargo", token=token)
    EmbargoLinkUse.objects.create(
        link=link,
        ip_address=client_ip(request) or None,  # the visitor's, not the proxy's, behind Caddy
        user_agent=request.headers.get("User-Agent", "")[:300],
    )
    response = _render_publication(
        request,
        publication,
        available,
        url_for=lambda code: reverse("news:embargo", args=[token]),
        is_embargoed=True,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
