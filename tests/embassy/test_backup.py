"""export_content and import_content: all content to one file and back into an empty database."""

import io
import json
import stat
from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError

from counters.models import Clock
from embassy.management.commands.import_content import content_models
from news.models import Category, EmbargoLink, EmbargoLinkUse, Publication

DEFAULT_CLOCKS = import_module("counters.migrations.0002_default_clocks").DEFAULT_CLOCKS


def snapshot(tmp_path, name):
    """Every content row, compared by value (ids of users and groups aside: they go by name)."""
    path = tmp_path / name
    call_command("export_content", str(path), verbosity=0)
    return sorted(json.dumps(row, sort_keys=True) for row in json.loads(path.read_text()))


def empty_the_database():
    """No content at all, only the staff roles `migrate` creates."""
    call_command("flush", interactive=False, verbosity=0)


def freshly_migrated_database():
    """What `migrate` leaves: the staff roles and the default clocks of counters 0002."""
    empty_the_database()
    for clock in DEFAULT_CLOCKS:
        Clock.objects.create(**clock)


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_is_lossless(tmp_path, make_publication):
    call_command("load_demo", verbosity=0)
    make_publication(
        slug="english-only", title_en="English only", title_ru="", lead_ru="", body_ru="", is_featured=True
    )
    before = snapshot(tmp_path, "before.json")
    call_command("export_content", str(tmp_path / "backup.json.gz"), verbosity=0)
    empty_the_database()
    assert not Publication.objects.exists()

    call_command("import_content", str(tmp_path / "backup.json.gz"), verbosity=0)

    assert snapshot(tmp_path, "after.json") == before
    models = {json.loads(row)["model"] for row in before}
    assert {"news.publication", "news.category", "counters.counter", "consular.consularoffice"} <= models
    english_only = Publication.objects.get(slug="english-only")
    assert english_only.title_en == "English only" and english_only.title_ru == ""


@pytest.mark.django_db(transaction=True)
def test_times_come_back_to_the_microsecond(tmp_path, make_publication):
    # Django's own JSON keeps milliseconds: 10:44:11.000345 came back as 10:44:11.
    moment = datetime(2026, 11, 29, 10, 44, 11, 345, tzinfo=UTC)
    make_publication(slug="exact", published_at=moment)
    call_command("export_content", str(tmp_path / "backup.json"), verbosity=0)
    empty_the_database()

    call_command("import_content", str(tmp_path / "backup.json"), verbosity=0)

    assert Publication.objects.get(slug="exact").published_at == moment


@pytest.mark.django_db(transaction=True)
def test_an_imported_file_cannot_bring_in_unsafe_html(tmp_path, make_publication):
    make_publication(slug="tampered", body_en="<p>Text</p>")
    call_command("export_content", str(tmp_path / "backup.json"), verbosity=0)
    tampered = (
        (tmp_path / "backup.json")
        .read_text()
        .replace("<p>Text</p>", "<p>Text</p><script>alert(1)</script><img src=x onerror=alert(2)>")
    )
    (tmp_path / "backup.json").write_text(tampered)
    empty_the_database()

    call_command("import_content", str(tmp_path / "backup.json"), verbosity=0)

    assert Publication.objects.get(slug="tampered").body_en == "<p>Text</p>"


@pytest.mark.django_db
def test_every_model_of_the_content_apps_is_exported():
    labels = {model._meta.label_lower for model in content_models()}

    assert {"news.publication", "news.publicationimage", "counters.clock", "consular.openinghours"} <= labels


@pytest.mark.django_db
def test_import_refuses_a_database_that_already_has_content(tmp_path, make_publication):
    make_publication()
    call_command("export_content", str(tmp_path / "backup.json"), verbosity=0)

    with pytest.raises(CommandError, match="already has content"):
        call_command("import_content", str(tmp_path / "backup.json"), verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_import_into_a_freshly_migrated_database_replaces_the_default_clocks(tmp_path, make_publication):
    call_command("load_demo", verbosity=0)
    make_publication(slug="restored")
    Clock.objects.create(label_en="Tokyo", label_ru="Токио", time_zone="Asia/Tokyo", order=3)
    before = snapshot(tmp_path, "before.json")
    call_command("export_content", str(tmp_path / "backup.json.gz"), verbosity=0)
    freshly_migrated_database()

    call_command("import_content", str(tmp_path / "backup.json.gz"), verbosity=0)

    assert snapshot(tmp_path, "after.json") == before
    assert Publication.objects.filter(slug="restored").exists()


@pytest.mark.django_db(transaction=True)
def test_import_refuses_a_database_whose_clocks_staff_have_changed(tmp_path):
    call_command("export_content", str(tmp_path / "backup.json"), verbosity=0)
    freshly_migrated_database()
    Clock.objects.filter(time_zone="Europe/London").update(label_en="Greenwich")

    with pytest.raises(CommandError, match=r"already has content \(counters.Clock\)"):
        call_command("import_content", str(tmp_path / "backup.json"), verbosity=0)
    assert Clock.objects.filter(label_en="Greenwich").exists()


# What a backup holds by default, and what only on request.

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def private_data(frozen_clock, make_publication, django_user_model):
    """Accounts, a live embargo link and a journalist's opening of it: what a content backup leaves out."""
    django_user_model.objects.create_superuser("root", "root@mission.example", "root-password")
    scheduled = make_publication(slug="embargoed", published_at=NOW + timedelta(days=1))
    link = EmbargoLink.objects.create(
        publication=scheduled, recipient="Harrier Times", expires_at=NOW + timedelta(hours=20)
    )
    EmbargoLinkUse.objects.create(link=link, ip_address="192.0.2.77", user_agent="HarrierBrowser/9")
    return link


def exported(tmp_path, *flags, name="backup.json"):
    path = tmp_path / name
    call_command("export_content", str(path), *flags, verbosity=0, stdout=io.StringIO())
    return path


@pytest.mark.django_db
def test_a_content_backup_holds_no_accounts_tokens_or_readers_addresses(tmp_path, private_data):
    text = exported(tmp_path).read_text()

    models = {row["model"] for row in json.loads(text)}
    assert "news.publication" in models and "news.embargolink" in models
    assert not models & {"auth.user", "auth.group", "auth.permission", "news.embargolinkuse"}
    for secret in [
        "root@mission.example",
        "md5$",
        "is_superuser",
        private_data.token,
        "192.0.2.77",
        "HarrierBrowser",
    ]:
        assert secret not in text, secret


@pytest.mark.django_db
def test_a_full_backup_holds_them_on_request(tmp_path, private_data):
    text = exported(tmp_path, "--with-accounts", "--with-embargo-tokens", "--with-access-logs").read_text()

    for secret in ["root@mission.example", "md5$", private_data.token, "192.0.2.77", "HarrierBrowser"]:
        assert secret in text, secret
    assert exported(tmp_path, "--full", name="full.json").read_text().count(private_data.token) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["backup.json", "backup.json.gz", "backup.json.xz"])
def test_the_backup_file_is_readable_by_its_owner_only(tmp_path, private_data, name):
    (tmp_path / name).write_text("an older, world-readable file")
    (tmp_path / name).chmod(0o644)

    path = exported(tmp_path, name=name)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no partial file left beside it


@pytest.mark.django_db(transaction=True)
def test_a_full_backup_brings_back_accounts_working_embargo_links_and_their_openings(
    tmp_path, private_data, client
):
    path = exported(tmp_path, "--full")
    empty_the_database()

    call_command("import_content", str(path), "--full", verbosity=0, stdout=io.StringIO())

    root = User.objects.get(username="root")
    assert root.is_superuser and root.check_password("root-password")
    assert client.get(private_data.get_absolute_url()).status_code == 200
    assert EmbargoLinkUse.objects.filter(ip_address="192.0.2.77", user_agent="HarrierBrowser/9").count() == 1


@pytest.mark.django_db(transaction=True)
def test_embargo_links_come_back_from_a_content_backup_with_new_addresses(tmp_path, private_data, client):
    path = exported(tmp_path)
    empty_the_database()

    call_command("import_content", str(path), verbosity=0, stdout=io.StringIO())

    link = EmbargoLink.objects.get()
    assert link.recipient == "Harrier Times" and len(link.token) >= 40 and link.token != private_data.token
    assert client.get(private_data.get_absolute_url()).status_code == 404
    assert client.get(link.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_withdrawn_and_replaced_publications_come_back_as_they_were(tmp_path, frozen_clock, make_publication):
    # Rules about a change of state (only a published item can be withdrawn; a replacement must be
    # readable when chosen) judge a row as an unchanged save would: what was valid stays importable.
    old = make_publication(slug="old")
    old.status, old.withdrawal_reason_en, old.withdrawal_reason_ru = "withdrawn", "Outdated.", "Устарело."
    old.save()
    gone = make_publication(slug="gone")
    newer = make_publication(slug="newer")
    gone.status, gone.replaced_by = "unpublished", newer
    gone.save()
    newer.status = "unpublished"  # the replacement is no longer readable either: still a valid past choice
    newer.save()
    before = snapshot(tmp_path, "before.json")
    path = exported(tmp_path)
    empty_the_database()

    call_command("import_content", str(path), verbosity=0, stdout=io.StringIO())

    assert snapshot(tmp_path, "after.json") == before
    assert make_publication(slug="written-after-the-restore").pk > newer.pk  # ids continue after the file's


# What import_content refuses.


def crafted(tmp_path, *rows):
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(list(rows)))
    return path


def publication_row(pk=1, category=1, **fields):
    return {
        "model": "news.publication",
        "pk": pk,
        "fields": {
            "title_en": "A statement",
            "lead_en": "Lead.",
            "body_en": "<p>Body.</p>",
            "slug": f"a-statement-{pk}",
            "category": category,
            "status": "published",
            "published_at": "2026-12-01T09:00:00Z",
            "created_at": "2026-12-01T09:00:00Z",
            "updated_at": "2026-12-01T09:00:00Z",
            **fields,
        },
    }


CATEGORY_ROW = {"model": "news.category", "pk": 1, "fields": {"name_en": "News", "slug": "news", "order": 0}}


def import_refusal(path, *flags):
    with pytest.raises(CommandError) as refusal:
        call_command("import_content", str(path), *flags, verbosity=0, stdout=io.StringIO())
    return str(refusal.value)


@pytest.mark.django_db
def test_import_refuses_every_row_that_is_not_content_and_imports_nothing(tmp_path, frozen_clock):
    superuser = {
        "model": "auth.user",
        "fields": {"username": "intruder", "password": "md5$x$y", "is_superuser": True, "is_staff": True},
    }
    permission = {"model": "auth.permission", "fields": {"codename": "x", "name": "x", "content_type": 1}}
    session = {
        "model": "sessions.session",
        "pk": "k" * 32,
        "fields": {"session_data": "x", "expire_date": "2030-01-01T00:00:00Z"},
    }
    role = {
        "model": "auth.group",
        "fields": {"name": "Consular staff", "permissions": [["add_user", "auth", "user"]]},
    }
    consular_permissions = set(Group.objects.get(name="Consular staff").permissions.all())
    path = crafted(tmp_path, CATEGORY_ROW, superuser, permission, session, role, publication_row())

    message = import_refusal(path)

    assert "Rows refused: 3." in message
    assert "row 2 (auth.user, id -): staff accounts are loaded only with --with-accounts" in message
    assert "row 3 (auth.permission, id -): “auth.permission” is not content" in message
    assert "row 4 (sessions.session, id kkkk" in message
    assert not User.objects.filter(username="intruder").exists()
    assert not Session.objects.exists()
    assert set(Group.objects.get(name="Consular staff").permissions.all()) == consular_permissions
    assert not Category.objects.exists() and not Publication.objects.exists()  # all or nothing


@pytest.mark.django_db
def test_import_refuses_a_bad_slug_by_row_and_the_site_keeps_working(tmp_path, frozen_clock, client):
    path = crafted(
        tmp_path,
        CATEGORY_ROW,
        {"model": "news.category", "pk": 2, "fields": {"name_en": "Feeds", "slug": "feed", "order": 1}},
        publication_row(pk=1),
        publication_row(pk=2, slug="not a slug!"),
        publication_row(pk=3, slug="a-statement-1"),
        publication_row(pk=4, category=99),
        publication_row(pk=5, status="withdrawn"),
    )

    message = import_refusal(path)

    assert "Nothing was imported" in message and "Rows refused: 5." in message
    assert "row 2 (news.category, id 2): slug: “feed” is used by the site's own addresses" in message
    assert "row 4 (news.publication, id 2): slug: Enter a valid “slug”" in message
    assert "row 5 (news.publication, id 3): slug: Publication with this Slug already exists." in message
    assert (
        "row 6 (news.publication, id 4): category: category instance with id 99 is not a valid choice."
        in message
    )
    assert (
        "row 7 (news.publication, id 5): withdrawal_reason_en: Say why the publication is withdrawn"
        in message
    )
    assert not Publication.objects.exists() and not Category.objects.exists()
    for page in ["/en/", "/en/news/", "/en/news/feed/rss/", "/en/search/?q=statement"]:
        assert client.get(page).status_code == 200, page


@pytest.mark.django_db
def test_import_refuses_a_file_that_is_not_a_backup(tmp_path):
    (tmp_path / "notes.json").write_text('{"model": "news.category"}')
    (tmp_path / "broken.json.gz").write_bytes(b"not gzip")

    assert "holds no list of rows" in import_refusal(tmp_path / "notes.json")
    assert "cannot be read as a backup" in import_refusal(tmp_path / "broken.json.gz")
    assert "row 1 (?, id -): not a row of a backup" in import_refusal(crafted(tmp_path, ["news.category"]))
    unknown_field = {**CATEGORY_ROW, "fields": {**CATEGORY_ROW["fields"], "colour": "red"}}
    assert "row 1 (news.category, id 1): unreadable" in import_refusal(crafted(tmp_path, unknown_field))


def image_row(pk, name="publications/2026/12/photo.jpg", renditions=None):
    rendition = {"name": "renditions/publications/2026/12/photo.jpg/480.jpg", "width": 480, "height": 320}
    return {
        "model": "news.publicationimage",
        "pk": pk,
        "fields": {
            "publication": 1,
            "image": name,
            "width": 1200,
            "height": 800,
            "alt_en": "The embassy",
            "order": pk,
            "renditions": [{**rendition, "type": "image/jpeg"}] if renditions is None else renditions,
        },
    }


@pytest.mark.django_db
def test_import_refuses_image_records_that_would_break_pages_or_reach_outside_media(tmp_path, frozen_clock):
    path = crafted(
        tmp_path,
        CATEGORY_ROW,
        publication_row(pk=1),
        image_row(1),
        image_row(2, renditions=[{"name": "renditions/x.jpg"}]),
        image_row(3, name="../../settings.py"),
    )

    message = import_refusal(path)

    assert "Rows refused: 2." in message
    assert (
        "row 4 (news.publicationimage, id 2): renditions: These are not renditions of the image." in message
    )
    assert "row 5 (news.publicationimage, id 3): image: Detected path traversal attempt" in message


@pytest.mark.django_db
def test_import_accepts_image_records_as_the_site_writes_them(tmp_path, frozen_clock, client):
    path = crafted(tmp_path, CATEGORY_ROW, publication_row(pk=1), image_row(1))

    call_command("import_content", str(path), verbosity=0, stdout=io.StringIO())

    page = client.get(Publication.objects.get().get_absolute_url())
    assert page.status_code == 200
    assert "/media/renditions/publications/2026/12/photo.jpg/480.jpg 480w" in page.text


@pytest.mark.django_db(transaction=True)
def test_versions_keep_their_author_where_the_account_exists(tmp_path, frozen_clock, make_publication):
    press = User.objects.create_user("olga", is_staff=True)
    publication = make_publication(slug="authored")
    publication._history_user = press  # as the admin's middleware records it
    publication.lead_en = "A corrected lead."
    publication.save()
    path = exported(tmp_path)

    empty_the_database()
    call_command("import_content", str(path), verbosity=0, stdout=(without_olga := io.StringIO()))
    empty_the_database()
    User.objects.create_user("olga", is_staff=True)
    call_command("import_content", str(path), verbosity=0, stdout=io.StringIO())

    assert "without the staff account they name" in without_olga.getvalue()
    assert "an embargo link): 1 rows." in without_olga.getvalue()
    authors = Publication.history.filter(slug="authored").values_list("history_user__username", flat=True)
    assert set(authors) == {None, "olga"}


@pytest.mark.django_db(transaction=True)
def test_accounts_come_back_in_their_roles(tmp_path, frozen_clock):
    olga = User.objects.create_user("olga", "olga@mission.example", "olga-password", is_staff=True)
    olga.groups.add(Group.objects.get(name="Press staff"))
    path = exported(tmp_path, "--with-accounts")
    empty_the_database()

    call_command("import_content", str(path), "--with-accounts", verbosity=0, stdout=io.StringIO())

    olga = User.objects.get(username="olga")
    assert olga.check_password("olga-password") and olga.email == "olga@mission.example"
    assert list(olga.groups.values_list("name", flat=True)) == ["Press staff"]


# Every row is judged as the admin judges a new one, though it is saved (raw) before it is checked.

WITHDRAWN = {
    "status": "withdrawn",
    "withdrawal_reason_en": "Outdated.",
    "withdrawn_at": "2026-12-02T09:00:00Z",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rows, refusal",
    [
        (
            [publication_row(pk=1, replaced_by=2, **WITHDRAWN), publication_row(pk=2, status="draft")],
            "row 2 (news.publication, id 1): replaced_by: “A statement” is draft, "
            "so visitors could not follow it.",
        ),
        (
            [
                publication_row(pk=1, status="unpublished", replaced_by=2),
                publication_row(pk=2, status="unpublished", replaced_by=1),
            ],
            "row 2 (news.publication, id 1): replaced_by: “A statement” is replaced, in turn, "
            "by this publication",
        ),
        (
            [publication_row(pk=1, published_at="9999-12-31T23:59:59Z")],
            "row 2 (news.publication, id 1): published_at: 31 December 9999 cannot be right",
        ),
        (
            [
                publication_row(pk=1, published_at="2026-12-24T09:00:00Z"),
                {
                    "model": "news.embargolink",
                    "pk": 1,
                    "fields": {
                        "publication": 1,
                        "expires_at": "2036-12-24T09:00:00Z",
                        "created_at": "2026-12-01T09:00:00Z",
                    },
                },
            ],
            "row 3 (news.embargolink, id 1): expires_at: An embargo link lasts at most a year",
        ),
    ],
    ids=[
        "withdrawn-replaced-by-a-draft",
        "unpublished-replacing-each-other",
        "published-in-9999",
        "link-for-ten-years",
    ],
)
def test_import_judges_each_row_as_a_new_one_not_as_its_own_stored_copy(
    tmp_path, frozen_clock, rows, refusal
):
    message = import_refusal(crafted(tmp_path, CATEGORY_ROW, *rows))

    assert refusal in message
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_a_replacement_later_in_the_file_still_loads(tmp_path, frozen_clock):
    path = crafted(
        tmp_path, CATEGORY_ROW, publication_row(pk=1, replaced_by=2, **WITHDRAWN), publication_row(pk=2)
    )

    call_command("import_content", str(path), verbosity=0, stdout=io.StringIO())

    assert Publication.objects.get(pk=1).replaced_by_id == 2


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_image(media, name):
    (media / name).parent.mkdir(parents=True, exist_ok=True)
    (media / name).write_bytes(b"someone else's photograph")
    return media / name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "images, refusal",
    [
        (
            [image_row(1, name="counters/logo.jpg", renditions=[])],
            "row 3 (news.publicationimage, id 1): image: “counters/logo.jpg” is not in publications/",
        ),
        (
            [image_row(1), image_row(2)],
            "row 4 (news.publicationimage, id 2): image: “publications/2026/12/photo.jpg” "
            "is the file of another row",
        ),
        (
            [
                image_row(
                    1,
                    name="publications/2026/12/mine.jpg",
                    renditions=[
                        {
                            "name": "renditions/publications/2026/12/other.jpg/480.jpg",
                            "type": "image/jpeg",
                            "width": 480,
                            "height": 320,
                        }
                    ],
                )
            ],
            "row 3 (news.publicationimage, id 1): renditions: these are renditions of another file than",
        ),
    ],
    ids=["outside-the-upload-folder", "one-file-for-two-rows", "renditions-of-another-image"],
)
def test_import_refuses_image_rows_that_claim_files_not_their_own(tmp_path, frozen_clock, images, refusal):
    message = import_refusal(crafted(tmp_path, CATEGORY_ROW, publication_row(pk=1), *images))

    assert refusal in message


@pytest.mark.django_db
def test_a_loaded_image_row_cannot_name_the_file_of_a_stored_image(tmp_path, frozen_clock, make_publication):
    # import_content loads into an empty database only; load() itself must hold the rule all the same.
    from embassy import backup
    from news.models import PublicationImage

    publication = make_publication(pk=1)
    PublicationImage.objects.bulk_create(
        [PublicationImage(pk=1, publication=publication, image="publications/2026/12/photo.jpg")]
    )

    with pytest.raises(backup.Refused) as refused:
        backup.load([image_row(2)], backup.Scope())

    assert refused.value.report.refusals == [
        "row 1 (news.publicationimage, id 2): image: “publications/2026/12/photo.jpg” is the file of another "
        "row: each row names a file of its own"
    ]


@pytest.mark.django_db
def test_deleting_an_image_keeps_a_file_another_row_still_names(
    media, frozen_clock, make_publication, django_capture_on_commit_callbacks
):
    from news.models import PublicationImage

    photo = stored_image(media, "publications/2026/12/photo.jpg")
    publication = make_publication()
    PublicationImage.objects.bulk_create(
        [PublicationImage(publication=publication, image="publications/2026/12/photo.jpg") for _ in range(2)]
    )
    first, second = PublicationImage.objects.all()

    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert photo.exists()
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not photo.exists()


@pytest.mark.django_db
def test_an_embargo_link_expired_since_the_backup_comes_back_as_it_was(tmp_path, frozen_clock):
    expired = {"publication": 1, "expires_at": "2026-12-01T09:00:00Z", "created_at": "2026-11-30T09:00:00Z"}
    path = crafted(
        tmp_path,
        CATEGORY_ROW,
        publication_row(pk=1),
        {"model": "news.embargolink", "pk": 1, "fields": expired},
    )

    call_command("import_content", str(path), verbosity=0, stdout=io.StringIO())

    assert EmbargoLink.objects.get().expires_at == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert not EmbargoLink.objects.active().exists()
