from django.shortcuts import render
from django.urls import reverse

from embassy.i18n import language_links
from embassy.pagination import paginate

from .models import Category
from .search import clean_query, is_capped, search_publications, snippet, years

PER_PAGE = 10


def search(request):
    """Publications in the page's language that match ?q=, optionally of one ?category= and ?year=."""
    language = request.LANGUAGE_CODE
    query = clean_query(request.GET.get("q", ""))
    categories = list(Category.objects.all())
    category = next((item for item in categories if item.slug == request.GET.get("category")), None)
    year_choices = years(language)
    year = next((item for item in year_choices if str(item) == request.GET.get("year")), None)
    publications = search_publications(query, language, category=category, year=year)
    page = paginate(request, publications, per_page=PER_PAGE)
    results = [(publication, snippet(publication, query, language)) for publication in page.object_list]
    return render(
        request,
        "news/search.html",
        {
            "query": query,
            "page": page,
            "results": results,
            "categories": categories,
            "category": category,
            "years": year_choices,
            "year": year,
            "is_capped": is_capped(page.paginator.count),
            "language_links": _search_language_links(request),
        },
    )


def _search_language_links(request):
    """The same search in each language from its first results (another language finds other
    publications, so this page number may not exist there); no hreflang alternates, for the same
    reason."""
    parameters = request.GET.copy()
    parameters.pop("page", None)
    query = f"?{parameters.urlencode()}" if parameters else ""
    return language_links(request, url_for=lambda code: reverse("search") + query, alternates=())
