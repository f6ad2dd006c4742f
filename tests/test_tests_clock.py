"""The suite's own clock: every test starts at one chosen instant, whatever the machine's clock says."""

from datetime import timedelta

from django.utils import timezone

from tests.conftest import TESTS_START_AT


def test_a_test_starts_at_the_chosen_instant_and_time_runs_on_from_it():
    assert timedelta(0) <= timezone.now() - TESTS_START_AT < timedelta(seconds=10)


def test_factories_date_their_data_by_the_tests_clock(make_publication, make_publications):
    one_hour_ago = timezone.now() - timedelta(hours=1)

    assert abs(make_publication().published_at - one_hour_ago) < timedelta(seconds=10)
    assert make_publication(published_at=timedelta(days=1)).state == "scheduled"
    assert all(item.published_at < timezone.now() for item in make_publications(3))
