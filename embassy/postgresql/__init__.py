"""Django's PostgreSQL backend, bounded: see base.py."""
