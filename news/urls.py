from django.urls import path

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.publication_list, name="list"),
    path("feed/rss/", feeds.PublicationsRssFeed(), name="rss"),
    path("feed/atom/", feeds.PublicationsAtomFeed(), name="atom"),
    path("preview/<int:pk>/", views.publication_preview, name="preview"),
    path("embargo/<str:token>/", views.embargo_view, name="embargo"),
    path("<slug:category_slug>/", views.publication_list, name="category"),
    path("<slug:category_slug>/feed/rss/", feeds.PublicationsRssFeed(), name="category_rss"),
    path("<slug:category_slug>/feed/atom/", feeds.PublicationsAtomFeed(), name="category_atom"),
    path("<slug:category_slug>/<slug:slug>/", views.publication_detail, name="detail"),
]
