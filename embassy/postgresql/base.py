"""Django's PostgreSQL backend, with every wait bounded while the process serves web requests.

A frozen server (a stalled host, a network partition) still accepts TCP and answers keepalives from
its kernel, and enforces its own statement_timeout no more than it answers: only the client can stop
waiting. In gunicorn's workers (deploy/gunicorn.conf.py), each wait for an answer gives up after
DATABASE_TIMEOUT plus a fifth of a second (connecting, and the health check before a connection is
reused, after a fifth of a second: they ask the server for nothing but an answer), drops the
connection (whatever was sent in its transaction is rolled back by the server; nothing is reused
half-way) and trips a circuit breaker (embassy/breaker.py): the page then gets its stored copy or
the styled 503 at once.
PostgreSQL's own statement_timeout is DATABASE_TIMEOUT, so a merely slow query is cancelled by the
server (an error for that request) before the client gives up on a server that does not answer.

Management commands (migrate, imports) wait as long as the server works; TCP keepalives and
tcp_user_timeout (settings.py) still end a connection to a host that is gone.
"""

import time
from contextlib import contextmanager

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base

from embassy.breaker import Breaker

# The client's grace over statement_timeout, for a server that is slow but answers: its own
# cancellation comes back as an error and trips nothing.
GRACE_SECONDS = 0.2
# How often a wait checks its deadline (psycopg's own default is 0.1 s).
CHECK_SECONDS = 0.05
# For what asks nothing of the server but to answer (connecting, the health check before a
# connection's reuse, which is each request's first query): one that does not answer within this is
# taken for hung, so a request after the freeze loses no more than this.
ANSWER_SECONDS = 0.2

breaker = Breaker("PostgreSQL")


class NoAnswer(psycopg.OperationalError):
    """PostgreSQL did not answer within the bound (Django raises it as an OperationalError)."""


def within(gen, seconds):
    """psycopg's generator `gen` (yielding what it waits for, sent what is ready), given up on after
    `seconds`. psycopg's wait loops resume it at least every `interval` (0.1 s when connecting)."""
    deadline = time.monotonic() + seconds
    try:
        waiting_for = next(gen)
        while True:
            ready = yield waiting_for
            waiting_for = gen.send(ready)
            if time.monotonic() > deadline:
                raise NoAnswer(f"PostgreSQL did not answer within {seconds:g} s")
    except StopIteration as done:
        return done.value
    finally:
        gen.close()


class BoundedConnection(psycopg.Connection):
    """A psycopg connection that stops waiting for the server after `seconds` (None: no bound), and
    then trips the breaker."""

    seconds = None

    @classmethod
    def connect(cls, *args, **kwargs):
        try:
            connection = super().connect(*args, **kwargs)
        except NoAnswer:
            breaker.tripped(lambda: cls.answers(*args, **kwargs))
            raise
        connection.arguments = args, kwargs
        return connection

    @classmethod
    def answers(cls, *args, **kwargs):
        """The breaker's trial: raises unless PostgreSQL answers a query within the bound."""
        with cls.connect(*args, **kwargs) as connection:
            connection.execute("SELECT 1")

    @classmethod
    def _connect_gen(cls, *args, **kwargs):
        # psycopg enforces connect_timeout in whole seconds, at least 2.
        gen = super()._connect_gen(*args, **kwargs)
        return gen if cls.seconds is None else within(gen, min(cls.seconds, ANSWER_SECONDS))

    @contextmanager
    def answering_within(self, seconds):
        """Waits bounded by `seconds` (at most the connection's own bound) meanwhile."""
        if self.seconds is None:
            yield
            return
        self.seconds = min(seconds, type(self).seconds)
        try:
            yield
        finally:
            del self.seconds

    def wait(self, gen, interval=CHECK_SECONDS, **kwargs):  # psycopg 3.3 adds `timeout`
        if self.seconds is None:
            return super().wait(gen, interval, **kwargs)
        interval = CHECK_SECONDS if interval is None else min(interval, CHECK_SECONDS)
        try:
            return super().wait(within(gen, self.seconds), interval, **kwargs)
        except NoAnswer:
            # Whatever was under way is lost with the connection; the server rolls it back.
            self.pgconn.finish()
            arguments, keywords = self.arguments
            breaker.tripped(lambda: self.answers(*arguments, **keywords))
            raise


class BoundedPsycopg:
    """The psycopg module as Django's backend sees it, connecting with BoundedConnection."""

    def __getattr__(self, name):
        return getattr(psycopg, name)

    connect = BoundedConnection.connect


def serve_requests():
    """This process serves visitors: bound every wait on PostgreSQL (deploy/gunicorn.conf.py)."""
    BoundedConnection.seconds = settings.DATABASE_TIMEOUT + GRACE_SECONDS


class DatabaseWrapper(base.DatabaseWrapper):
    Database = BoundedPsycopg()

    def get_connection_params(self):
        params = super().get_connection_params()
        if BoundedConnection.seconds is not None:
            statement_timeout = f"-c statement_timeout={round(settings.DATABASE_TIMEOUT * 1000)}"
            params["options"] = f"{params.get('options', '')} {statement_timeout}".strip()
        return params

    def is_usable(self):
        if self.connection is None:
            return False
        with self.connection.answering_within(ANSWER_SECONDS):
            return super().is_usable()

    def get_new_connection(self, conn_params):
        if not breaker.allows():
            raise NoAnswer("PostgreSQL is skipped: it did not answer in time a moment ago")
        return super().get_new_connection(conn_params)
