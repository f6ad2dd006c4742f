from django.db import models


class ContentGeneration(models.Model):
    """How many times site content has changed, counted in the database with each change itself.

    One row. Every save or delete of site content adds one in the change's own transaction (signals,
    embassy/apps.py), so a change rolled back counts nothing and a committed one is counted the
    instant it is visible. While Redis is down, each worker's copies of pages are served only while
    this count is the one they were made under (embassy/pagecache.py).
    """

    number = models.BigIntegerField()

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return f"content generation {self.number}"
