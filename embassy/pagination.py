from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.http import Http404

MAX_PAGE_DIGITS = 9  # anything longer is not a page anyone could reach; refuse before counting


class DeferredJoinPaginator(Paginator):
    """A paginator whose later pages cost about what the first one does.

    A page of a queryset is fetched by primary key, `pk IN (the page's keys)`, the keys being a
    subquery with the same filters, order, LIMIT and OFFSET: the database then skips the earlier rows
    inside an index that holds the filtered and ordered columns (an index-only scan), rather than
    reading every skipped row from the table. The `?page=N` addresses stay as they are.
    """

    def page(self, number):
        page = super().page(number)
        if isinstance(self.object_list, QuerySet) and page.number > 1:
            page.object_list = self.object_list.filter(pk__in=page.object_list.values("pk"))
        return page


def paginate(request, object_list, per_page):
    """The requested `?page=N` of `object_list`; any page that does not exist is a 404, never a 500."""
    number = request.GET.get("page", "1")
    if len(number) > MAX_PAGE_DIGITS:
        raise Http404("No such page")
    paginator = DeferredJoinPaginator(object_list, per_page)
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404("No such page") from error
    page.window = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page
