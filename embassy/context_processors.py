from .i18n import language_links


def site(request):
    """What base.html needs on every page. Views may pass their own `language_links`."""
    return {"language_links": language_links(request)}
