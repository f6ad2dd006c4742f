from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class EmbassyConfig(AppConfig):
    """Site-wide composition: the home page, health and the demo loader; its one model counts changes."""

    name = "embassy"
    verbose_name = "Embassy"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import sync_roles_after_migrate

        # Staff roles follow the models: every migrate (and every test database flush) re-syncs them.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="embassy.roles.sync")
        self.connect_page_cache()
        self.connect_stale_copies()

    @staticmethod
    def connect_stale_copies():
        """A publication taken down must not come back from a stored copy while the database is down."""
        from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

        from news.models import Publication, PublicationImage

        from .middleware import (
            forget_stale_copies_after_image_removal,
            forget_stale_copies_after_takedown,
            remember_how_shown,
        )

        for name, signal in {"pre_save": pre_save, "pre_delete": pre_delete}.items():
            signal.connect(remember_how_shown, sender=Publication, dispatch_uid=f"stale-copies.{name}")
        for name, signal in {"post_save": post_save, "post_delete": post_delete}.items():
            signal.connect(
                forget_stale_copies_after_takedown, sender=Publication, dispatch_uid=f"stale-copies.{name}"
            )
        post_delete.connect(
            forget_stale_copies_after_image_removal,
            sender=PublicationImage,
            dispatch_uid="stale-copies.image",
        )

    @staticmethod
    def connect_page_cache():
        """Any change to what pages show renews the page cache's generation."""
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .pagecache import CONTENT_APPS, NOT_CONTENT, renew_generation

        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                if model._meta.label_lower in NOT_CONTENT:
                    continue
                for signal in (post_save, post_delete):
                    signal.connect(
                        renew_generation, sender=model, dispatch_uid=f"pagecache.{model._meta.label}"
                    )
        m2m_changed.connect(renew_generation, dispatch_uid="pagecache.m2m")


class EmbassyAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, whose `admin.site` (where the apps register) is embassy/admin_site.py's."""

    default = False  # not the embassy app's own config
    default_site = "embassy.admin_site.EmbassyAdminSite"
