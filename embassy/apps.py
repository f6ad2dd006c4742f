from django.apps import AppConfig


class EmbassyConfig(AppConfig):
    """Site-wide composition: the home page, health and the demo loader. It holds no models."""

    name = "embassy"
    verbose_name = "Embassy"
