"""A per-process circuit breaker: a dependency that stopped answering is skipped for a few seconds.

PostgreSQL or Redis frozen (a stalled server, a network partition) costs whoever waits for it the
whole of its timeout. Once one wait has expired, every caller in the process is refused at once,
while a background thread tries the dependency every few seconds; the first answer lets callers
through again. No visitor waits on a trial. A dependency that refuses at once (stopped, connection
refused) trips nothing: failing fast needs no breaker.
"""

import logging
import os
import threading
import time

logger = logging.getLogger(__name__)


class Breaker:
    PAUSE_SECONDS = 2  # between trials; the site recovers within this of the dependency's return

    def __init__(self, name, pause=PAUSE_SECONDS):
        self.name, self.pause = name, pause
        self.open, self.pid = False, None
        self.lock = threading.Lock()
        self.when_back = []

    def allows(self):
        """Whether the dependency may be called now."""
        # A process forked while the breaker was open has no trial thread of its own: it tries again.
        return not self.open or self.pid != os.getpid()

    def tripped(self, trial):
        """The dependency did not answer in time: skip it until `trial()` (a call that raises unless
        the dependency answers, within its own bound) succeeds in the background."""
        with self.lock:
            if self.open and self.pid == os.getpid():
                return
            self.open, self.pid = True, os.getpid()
        logger.error("%s did not answer in time; skipped until it does", self.name)
        self.trials = threading.Thread(
            target=self.retry, args=(trial,), name=f"{self.name} trials", daemon=True
        )
        self.trials.start()

    def again_when_back(self, callback):
        """`callback` could not reach the dependency while it is skipped: call it once it answers."""
        with self.lock:
            if self.open and self.pid == os.getpid() and callback not in self.when_back:
                self.when_back.append(callback)

    def retry(self, trial):
        while self.open:
            time.sleep(self.pause)
            try:
                trial()
            except Exception:  # noqa: BLE001 - still not answering: keep skipping it
                continue
            self.open = False
            logger.warning("%s answers again", self.name)
            with self.lock:
                callbacks, self.when_back = self.when_back, []
            for callback in callbacks:
                try:
                    callback()
                except Exception:  # noqa: BLE001 - the others must still run
                    logger.exception("%s answers again, but %s failed", self.name, callback.__name__)
            return
