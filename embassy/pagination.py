from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

MAX_PAGE_DIGITS = 9  # anything longer is not a page anyone could reach; refuse before counting


def paginate(request, object_list, per_page):
    """The requested `?page=N` of `object_list`; any page that does not exist is a 404, never a 500."""
    number = request.GET.get("page", "1")
    if len(number) > MAX_PAGE_DIGITS:
        raise Http404("No such page")
    paginator = Paginator(object_list, per_page)
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404("No such page") from error
    page.window = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page
