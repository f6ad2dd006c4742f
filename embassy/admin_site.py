"""The admin site: Django's, except that "view on site" redirects only to what the user may see.

Django's `r/<content type>/<id>/` redirect checks only that the user is staff: any staff login could
walk the sequential ids and be sent to an embargo link's secret address, or read a draft's address
(its title) from the redirect. Here it answers only for an object the user may view in the admin;
a model without an admin of its own (an embargo link, edited inside its publication) needs the
permission to change it, as its address is a secret given out by those who manage it.
"""

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path


class EmbassyAdminSite(admin.AdminSite):
    def get_urls(self):
        checked = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            checked if getattr(url, "name", None) == "view_on_site" else url for url in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's redirect (contenttypes' shortcut), once the user may view the object.

        Whatever the user may not view answers 404, as a missing object does: the answer tells
        nothing of which ids exist.
        """
        model = self._model(content_type_id)
        if model is None or not self.may_view(request, model):
            raise Http404("No such object")
        obj = self._object(model, object_id)
        if obj is None or not self.may_view(request, model, obj):
            raise Http404("No such object")
        return shortcut(request, content_type_id, object_id)

    def may_view(self, request, model, obj=None) -> bool:
        model_admin = self._registry.get(model)
        if model_admin is not None:
            return model_admin.has_view_permission(request, obj)
        # Edited only inside another model's form (an embargo link, an image): those who manage it.
        opts = model._meta
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")

    @staticmethod
    def _model(content_type_id):
        if not content_type_id.isdecimal():
            return None
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        return content_type.model_class() if content_type else None

    @staticmethod
    def _object(model, object_id):
        try:
            pk = model._meta.pk.to_python(object_id)
        except ValidationError:
            return None
        return model._default_manager.filter(pk=pk).first()
