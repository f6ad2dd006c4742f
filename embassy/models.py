import secrets

from django.db import models


class ContentGeneration(models.Model):
    """How many times site content has changed, counted in the database with each change itself.

    A few rows, whose sum is the count. Every save or delete of site content adds one in the
    change's own transaction (signals, embassy/apps.py), so a change rolled back counts nothing and a
    committed one is counted the instant it is visible. While Redis is down, each worker's copies of
    pages are served only while this count is the one they were made under (embassy/pagecache.py).
    """

    ROWS = 16  # concurrent changes add to different rows (pagecache.count_change)

    number = models.BigIntegerField()

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return f"content generation {self.number}"

    @classmethod
    def start(cls, manager):
        """Make the rows, the count starting at a random point."""
        manager.bulk_create(
            cls(pk=pk, number=secrets.randbits(56) if pk == 1 else 0) for pk in range(1, cls.ROWS + 1)
        )
