from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation

from embassy.i18n import language_links
from embassy.pagination import paginate

from .models import Category, Publication

PER_PAGE = 10  # as on the reference page's archive


def publication_list(request, category_slug=None):
    category = get_object_or_404(Category, slug=category_slug) if category_slug else None
    publications = (
        Publication.objects.published()
        .in_language(request.LANGUAGE_CODE)
        .newest_first()
        .select_related("category")
    )
    if category:
        publications = publications.filter(category=category)
    page = paginate(request, publications, per_page=PER_PAGE)
    return render(
        request,
        "news/publication_list.html",
        {"page": page, "category": category, "categories": list(Category.objects.all())},
    )


def publication_detail(request, category_slug, slug):
    publication = get_object_or_404(Publication.objects.published().select_related("category"), slug=slug)
    available = publication.languages()
    if request.LANGUAGE_CODE not in available:
        # No half-translated pages: send the visitor to a language the publication has.
        with translation.override(available[0] if available else "en"):
            return redirect(publication)
    if category_slug != publication.category.slug:
        return redirect(publication, permanent=True)
    return render(
        request,
        "news/publication_detail.html",
        {
            "publication": publication,
            "language_links": language_links(
                request, available=available, url_for=lambda code: publication.get_absolute_url()
            ),
        },
    )
