"""The login lockout (django-axes), with a narrower reset on success."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, except that a successful login forgets only its own failures.

    Axes' own reset deletes every failure that matches the login on any lockout parameter: all the
    failures from the same address, whatever user name they tried. Anyone with one staff login
    could then guess another account's password without end, four guesses per login of their own.
    """

    def reset_user_attempts(self, request, credentials=None):
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count
