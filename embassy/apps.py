from django.apps import AppConfig


class EmbassyConfig(AppConfig):
    """Site-wide composition: the home page, health and the demo loader. It holds no models."""

    name = "embassy"
    verbose_name = "Embassy"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import sync_roles_after_migrate

        # Staff roles follow the models: every migrate (and every test database flush) re-syncs them.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="embassy.roles.sync")
