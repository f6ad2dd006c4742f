from django.utils.functional import SimpleLazyObject

from .models import ConsularOffice


def consular_queries(request):
    """The primary office for the header's "Consular queries" block: one query, run only if rendered."""
    return {"consular_office": SimpleLazyObject(ConsularOffice.objects.primary)}
