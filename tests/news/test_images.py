"""Publication images: safe uploads, no metadata, responsive renditions, a translated gallery."""

import struct
import zlib
from io import BytesIO

import pytest
from django.contrib.admin import ModelAdmin
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from PIL import Image, ImageFile

from news import images
from news.models import Publication, PublicationImage

from .helpers import post_change

GPS_IFD, EXIF_IFD, BODY_SERIAL_NUMBER, ORIENTATION = 0x8825, 0x8769, 0xA431, 0x0112


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def press_client(client, django_user_model):
    django_user_model.objects.create_user(username="press-officer", password="unused-in-tests")
    call_command("grant_role", "press-officer", "press", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(django_user_model.objects.get(username="press-officer"))
    return client


def media_files(root) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def photo(width=2000, height=1000, format="JPEG", mode="RGB", color="steelblue", **save_options) -> bytes:
    buffer = BytesIO()
    Image.new(mode, (width, height), color).save(buffer, format, **save_options)
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def camera_exif(orientation=1) -> Image.Exif:
    """What a phone writes: where the photo was taken and which camera took it."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS R5"
    exif[ORIENTATION] = orientation
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL_NUMBER] = "SERIAL-4242"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)})
    return exif


def bomb_png(width, height) -> bytes:
    """A PNG of under a hundred bytes whose header claims `width` × `height` pixels."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def stored(name) -> bytes:
    with default_storage.open(name) as file:
        return file.read()


def add_image(publication, data=None, **fields):
    return publication.images.create(image=upload(data or photo()), **fields)


def detail_url(publication, language="en"):
    return f"/{language}/news/{publication.category.slug}/{publication.slug}/"


# Refused uploads, each with its reason in the admin


REFUSED_UPLOADS = {
    "a PDF renamed .jpg": (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        "not a JPEG, PNG or WebP",
    ),
    "an HTML page named .jpg": (b"<!doctype html><script>alert(1)</script>", "not a JPEG, PNG or WebP"),
    "a GIF": (photo(40, 30, "GIF", mode="P"), "not a JPEG, PNG or WebP"),
    "a truncated JPEG": (photo(400, 300)[:600], "damaged or incomplete"),
    "a file over 15 MB": (b"\xff\xd8\xff\xe0" + bytes(images.MAX_BYTES), "the limit is 15 MB"),
    "a bomb beyond Pillow's own limit": (bomb_png(60_000, 60_000), "more than 40 megapixels"),
    "a bomb under Pillow's limit, over ours": (bomb_png(8_000, 6_000), "more than 40 megapixels"),
}


@pytest.mark.parametrize("data, reason", REFUSED_UPLOADS.values(), ids=REFUSED_UPLOADS.keys())
def test_admin_refuses_an_unsafe_upload_with_a_clear_reason(staff_client, make_publication, data, reason):
    publication = make_publication()

    response = post_change(staff_client, publication, {"image": upload(data), "alt_en": "x", "alt_ru": "x"})

    assert response.status_code == 200  # the form again, not a 500
    assert reason in response.content.decode()
    assert not PublicationImage.objects.exists()


def test_a_webp_is_refused_over_20_megapixels_as_pillow_decodes_it_through_three_copies():
    with pytest.raises(ValidationError) as refused:
        images.inspect_upload(upload(photo(5000, 4200, "WEBP", method=0), "big.webp"))

    assert refused.value.code == "too_many_pixels" and refused.value.params == {"limit": 20}
    images.inspect_upload(upload(photo(5000, 4000, "WEBP", method=0), "fine.webp"))


def test_a_bomb_is_refused_from_its_header_without_being_decoded():
    # The bomb's pixel data is empty: had it been decoded, the reason would be "damaged".
    with pytest.raises(ValidationError) as refused:
        images.open_image(upload(bomb_png(60_000, 60_000), "bomb.png"))

    assert refused.value.code == "too_many_pixels"


def test_a_real_image_under_a_misleading_name_is_kept_under_its_true_extension(make_publication):
    image = add_image(make_publication(), data=photo(format="PNG"))  # uploaded as photo.jpg

    assert image.image.name.endswith(".png")
    assert Image.open(BytesIO(stored(image.image.name))).format == "PNG"


def test_the_upload_field_offers_only_the_accepted_formats(staff_client, make_publication):
    html = staff_client.get(f"/admin/news/publication/{make_publication().pk}/change/").text

    assert 'accept="image/jpeg,image/png,image/webp"' in html


def test_a_multi_picture_jpeg_from_a_camera_is_kept_as_a_jpeg_of_its_first_picture(
    press_client, make_publication
):
    publication = make_publication(status=Publication.Status.DRAFT)
    buffer = BytesIO()
    first, second = Image.new("RGB", (1200, 800), "steelblue"), Image.new("RGB", (1200, 800), "red")
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    assert Image.open(BytesIO(buffer.getvalue())).format == "MPO"  # as a stereo or phone camera writes

    response = post_change(press_client, publication, {"image": upload(buffer.getvalue(), "DSCF0001.MPO")})

    assert response.status_code == 302, response.content.decode()
    image = publication.images.get()
    kept = Image.open(BytesIO(stored(image.image.name)))
    assert (kept.format, kept.size, image.image.name[-4:]) == ("JPEG", (1200, 800), ".jpg")
    assert kept.getpixel((0, 0)) == pytest.approx(first.getpixel((0, 0)), abs=4)
    assert {r["width"] for r in image.renditions} == {480, 960, 1200}


def test_an_image_too_tall_for_a_page_is_refused_with_a_reason_and_leaves_no_file(
    press_client, make_publication, media_root
):
    publication = make_publication(status=Publication.Status.DRAFT)
    # Its 960 px rendition would be 19,200 px tall, past WebP's 16,383.
    response = post_change(
        press_client, publication, {"image": upload(photo(1000, 20000, "PNG"), "long.png")}
    )

    assert response.status_code == 200
    assert "more than 5 times as tall as it is wide" in response.content.decode()
    assert not PublicationImage.objects.exists()
    assert media_files(media_root) == set()


def test_a_sideways_photo_too_tall_once_upright_is_refused():
    with pytest.raises(ValidationError) as refused:
        images.prepare(upload(photo(1200, 200, exif=camera_exif(orientation=6))))

    assert refused.value.code == "too_tall"


def test_an_image_five_times_as_tall_as_wide_is_kept_with_every_rendition(make_publication):
    image = add_image(make_publication(), data=photo(1700, 8500))

    assert {(r["type"], r["width"], r["height"]) for r in image.renditions} == {
        (mime, width, width * 5) for mime in ("image/webp", "image/jpeg") for width in (480, 960, 1600)
    }


# One save's work


def count_decoded_pixels(monkeypatch) -> list[int]:
    """The pixels of each image Pillow decodes from now on, in order."""
    decoded, load = [], ImageFile.ImageFile.load

    def counting_load(image):
        if image.tile:  # pixels still to decode
            decoded.append(image.width * image.height)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return decoded


def test_too_many_megapixels_in_one_save_are_refused_before_any_is_decoded(
    press_client, make_publication, media_root, monkeypatch
):
    publication = make_publication(status=Publication.Status.DRAFT)
    forty_megapixels = photo(8000, 5000, "PNG")
    decoded = count_decoded_pixels(monkeypatch)

    response = post_change(
        press_client, publication, *[{"image": upload(forty_megapixels, f"{i}.png")} for i in range(3)]
    )

    assert response.status_code == 200
    assert "one save takes at most 100. Add some of them now and the others in a second save" in response.text
    assert decoded == []
    assert not PublicationImage.objects.exists() and media_files(media_root) == set()


def test_any_single_upload_within_the_limits_fits_in_one_save():
    sizes = [(width, images.MAX_PIXELS // width) for width in range(100, 40_001, 7)]

    assert max(images.pixels_to_process(*size) for size in sizes) <= images.MAX_PIXELS_PER_SAVE


def test_an_upload_is_decoded_once_from_the_form_to_its_renditions(
    press_client, make_publication, monkeypatch
):
    publication = make_publication(status=Publication.Status.DRAFT)
    decoded = count_decoded_pixels(monkeypatch)

    response = post_change(press_client, publication, {"image": upload(photo(3000, 2000))})

    assert response.status_code == 302, response.content.decode()
    assert decoded == [3000 * 2000]


def test_a_transparent_upload_is_never_premultiplied_whole_for_its_renditions(make_publication, monkeypatch):
    premultiplied, convert = [], Image.Image.convert

    def spying_convert(image, mode=None, *args, **kwargs):
        if mode == "RGBa":
            premultiplied.append(image.width * image.height)
        return convert(image, mode, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "convert", spying_convert)
    add_image(make_publication(), data=photo(6400, 1000, "PNG", mode="RGBA", color=(70, 130, 180, 128)))

    assert premultiplied and max(premultiplied) < 6400 * 1000 // 2  # strips, then the reduced image


def test_a_damaged_upload_is_refused_in_its_form_when_its_header_reads_well(press_client, make_publication):
    publication = make_publication(status=Publication.Status.DRAFT)
    buffer = BytesIO()
    Image.effect_noise((3000, 2000), 60).save(buffer, "PNG")  # noise: its pixels fill the whole file
    whole = buffer.getvalue()
    damaged = whole[: len(whole) // 2] + whole[-12:]  # the header and the end, half the pixels missing

    response = post_change(press_client, publication, {"image": upload(damaged, "half.png")})

    assert response.status_code == 200
    assert "damaged or incomplete" in response.content.decode()
    assert not PublicationImage.objects.exists()


# Nothing left behind


def fail_after_saving(monkeypatch, exception):
    """The save goes wrong after its images are written, as when the rest of the change fails."""

    def log_change(*args):
        raise exception

    monkeypatch.setattr(ModelAdmin, "log_change", log_change)


def test_a_save_that_fails_after_its_images_were_written_leaves_no_file(
    press_client, make_publication, media_root, monkeypatch
):
    publication = make_publication(status=Publication.Status.DRAFT)
    kept = add_image(publication, data=photo(1000, 500))
    before = media_files(media_root)
    fail_after_saving(monkeypatch, RuntimeError("the rest of the change failed"))
    rows = [{"id": kept.pk, "image": upload(photo(800, 400))}, {"image": upload(photo(1200, 600, "PNG"))}]

    with pytest.raises(RuntimeError):
        post_change(press_client, publication, *rows, initial=1)

    assert media_files(media_root) == before
    assert len(before) == 7 and list(PublicationImage.objects.all()) == [kept]


@pytest.mark.django_db(transaction=True)
def test_a_save_cut_short_by_the_worker_timeout_leaves_no_file(
    press_client, make_publication, media_root, monkeypatch
):
    publication = make_publication(status=Publication.Status.DRAFT)
    # gunicorn's timeout aborts the worker with SystemExit wherever it is, here after the images.
    fail_after_saving(monkeypatch, SystemExit(1))

    with pytest.raises(SystemExit):
        post_change(press_client, publication, {"image": upload(photo(800, 400))})

    assert not PublicationImage.objects.exists()
    assert media_files(media_root) == set()


# Metadata


def test_gps_position_and_camera_serial_are_not_stored_or_served(make_publication):
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>51,30.4N</exif:GPSLatitude></x:xmpmeta>'
    original = photo(exif=camera_exif(), xmp=xmp)
    assert b"SERIAL-4242" in original and b"GPSLatitude" in original  # the test photo does carry them

    image = add_image(make_publication(), data=original)

    for name in [image.image.name] + [r["name"] for r in image.renditions]:
        data = stored(name)
        exif = Image.open(BytesIO(data)).getexif()
        assert not exif and not exif.get_ifd(GPS_IFD), name
        assert b"SERIAL-4242" not in data and b"GPSLatitude" not in data and b"Canon" not in data, name


def test_stored_names_are_random_not_the_photographers_file_name(make_publication):
    first = add_image(make_publication(status=Publication.Status.DRAFT), data=photo(800, 600))
    second = add_image(make_publication(status=Publication.Status.DRAFT), data=photo(800, 600))

    assert "photo" not in first.image.name
    assert first.image.name != second.image.name
    assert len(first.image.name.rsplit("/", 1)[-1]) > 20  # not guessable


def test_a_sideways_phone_photo_is_stored_upright(make_publication):
    image = add_image(make_publication(), data=photo(1200, 800, exif=camera_exif(orientation=6)))

    assert (image.width, image.height) == (800, 1200)
    assert Image.open(BytesIO(stored(image.image.name))).size == (800, 1200)


# Renditions


def test_renditions_are_made_at_480_960_and_1600_pixels_in_webp_and_jpeg(make_publication):
    image = add_image(make_publication(), data=photo(3000, 1500))

    made = {(r["type"], r["width"], r["height"]) for r in image.renditions}
    assert made == {
        (mime, width, width // 2) for mime in ("image/webp", "image/jpeg") for width in (480, 960, 1600)
    }
    for rendition in image.renditions:
        file = Image.open(BytesIO(stored(rendition["name"])))
        assert file.format == {"image/webp": "WEBP", "image/jpeg": "JPEG"}[rendition["type"]]
        assert file.size == (rendition["width"], rendition["height"])


def test_a_small_image_is_never_upscaled(make_publication):
    image = add_image(make_publication(), data=photo(700, 350))

    assert sorted({r["width"] for r in image.renditions}) == [480, 700]


def test_rendition_names_follow_the_original(make_publication):
    image = add_image(make_publication(), data=photo(1000, 500))

    assert {r["name"] for r in image.renditions} == {
        f"renditions/{image.image.name}/{width}.{extension}"
        for width in (480, 960, 1000)
        for extension in ("webp", "jpg")
    }


def test_renditions_are_made_once_and_again_only_for_a_new_image(make_publication, monkeypatch):
    image = add_image(make_publication(), data=photo(1000, 500))
    calls, prepare = [], images.prepare
    monkeypatch.setattr(images, "prepare", lambda file: calls.append(file) or prepare(file))
    monkeypatch.setattr(images, "make_renditions", lambda *args: calls.append(args) or [])

    image.caption_en = "A new caption"
    image.save()
    assert calls == []

    image.image = upload(photo(600, 300), "other.jpg")
    image.save()
    assert [file.name for file in calls] == ["other.jpg"]
    assert {r["name"].rsplit("/", 1)[0] for r in image.renditions} == {f"renditions/{image.image.name}"}


def test_a_transparent_png_keeps_its_transparency_in_webp_and_lies_on_white_in_jpeg(make_publication):
    image = add_image(make_publication(), data=photo(600, 300, "PNG", mode="RGBA", color=(70, 130, 180, 0)))
    by_type = {
        r["type"]: Image.open(BytesIO(stored(r["name"]))) for r in image.renditions if r["width"] == 600
    }

    assert by_type["image/webp"].mode == "RGBA"
    assert by_type["image/webp"].getpixel((0, 0))[3] == 0
    assert by_type["image/jpeg"].mode == "RGB"
    assert by_type["image/jpeg"].getpixel((0, 0)) == (255, 255, 255)


# The article page


def test_article_serves_a_picture_with_srcset_sizes_width_and_height(client, make_publication):
    publication = make_publication()
    image = add_image(publication, data=photo(3000, 1500), alt_en="The ambassador", alt_ru="Посол")
    urls = {(r["type"], r["width"]): f"/media/{r['name']}" for r in image.renditions}

    html = client.get(detail_url(publication)).text

    webp = ", ".join(f"{urls['image/webp', w]} {w}w" for w in (480, 960, 1600))
    jpeg = ", ".join(f"{urls['image/jpeg', w]} {w}w" for w in (480, 960, 1600))
    assert f'<source type="image/webp" srcset="{webp}" sizes="' in html
    assert f'<img src="{urls["image/jpeg", 960]}" srcset="{jpeg}" sizes="' in html
    assert 'width="1600" height="800" alt="The ambassador"' in html


def test_a_shared_article_link_previews_with_its_first_image(client, make_publication):
    publication = make_publication()
    image = add_image(publication, data=photo(3000, 1500), alt_en="The ambassador", alt_ru="Посол")
    add_image(publication, alt_en="Second", alt_ru="Второй")
    largest = f"http://testserver/media/{image.renditions[-1]['name']}"

    html = client.get(detail_url(publication)).text

    assert f'<meta property="og:image" content="{largest}">' in html
    assert '<meta property="og:image:width" content="1600">' in html
    assert '<meta property="og:image:alt" content="The ambassador">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_only_the_first_image_loads_at_once(client, make_publication):
    publication = make_publication()
    for order in range(3):
        add_image(publication, data=photo(800, 600), order=order, alt_en=f"Photo {order}", alt_ru="Фото")

    html = client.get(detail_url(publication)).text

    tags = [tag for tag in html.split("<img ")[1:] if 'alt="Photo' in tag]
    assert ['loading="lazy"' in tag for tag in tags] == [False, True, True]


def test_gallery_is_in_order_with_captions_in_the_page_language(client, make_publication):
    publication = make_publication()
    add_image(publication, order=2, alt_en="Second", alt_ru="Второе", caption_en="The talks", caption_ru="")
    add_image(
        publication, order=1, alt_en="First", alt_ru="Первое", caption_en="Arrival", caption_ru="Прибытие"
    )

    english = client.get(detail_url(publication)).text
    russian = client.get(detail_url(publication, "ru")).text

    assert english.index('alt="First"') < english.index('alt="Second"')
    assert "<figcaption>Arrival</figcaption>" in english and "<figcaption>The talks</figcaption>" in english
    assert "<figcaption>Прибытие</figcaption>" in russian
    assert "The talks" not in russian  # no English caption mixed into the Russian page
    assert russian.count('<figure class="gallery__item') == 2


def test_control_characters_in_alt_text_and_captions_are_saved_as_spaces(make_publication):
    image = add_image(make_publication(), alt_en="The\x0bambassador", caption_ru="Прибытие\x0bпосла")
    image.refresh_from_db()

    assert (image.alt_en, image.caption_ru) == ("The ambassador", "Прибытие посла")


def test_a_publication_without_images_has_no_gallery(client, make_publication):
    assert 'class="gallery' not in client.get(detail_url(make_publication())).text


# Deleted and replaced images


def stored_files(image) -> list[str]:
    """The names of an image's original and every rendition, as stored."""
    return [image.image.name] + [rendition["name"] for rendition in image.renditions]


def test_an_image_deleted_in_the_admin_takes_its_files_with_it(
    staff_client, make_publication, django_capture_on_commit_callbacks
):
    publication = make_publication(status=Publication.Status.DRAFT)
    image = add_image(publication, data=photo(1000, 500))
    files = stored_files(image)
    assert len(files) == 7 and all(default_storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_change(staff_client, publication, {"id": image.pk, "DELETE": "on"}, initial=1)

    assert response.status_code == 302, response.content.decode()
    assert not PublicationImage.objects.exists()
    assert [name for name in files if default_storage.exists(name)] == []
    assert not default_storage.exists(f"renditions/{image.image.name}")


def test_a_replaced_file_is_deleted_with_its_renditions(
    staff_client, make_publication, django_capture_on_commit_callbacks
):
    publication = make_publication(status=Publication.Status.DRAFT)
    image = add_image(publication, data=photo(1000, 500))
    old_files = stored_files(image)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_change(
            staff_client, publication, {"id": image.pk, "image": upload(photo(800, 400))}, initial=1
        )

    assert response.status_code == 302, response.content.decode()
    image.refresh_from_db()
    assert image.width == 800
    assert all(default_storage.exists(name) for name in stored_files(image))
    assert [name for name in old_files if default_storage.exists(name)] == []


def test_deleting_a_publication_deletes_its_image_files(make_publication, django_capture_on_commit_callbacks):
    publication = make_publication()
    files = stored_files(add_image(publication, data=photo(600, 300)))

    with django_capture_on_commit_callbacks(execute=True):
        publication.delete()

    assert [name for name in files if default_storage.exists(name)] == []


def test_a_rolled_back_delete_or_replacement_loses_no_file(
    make_publication, django_capture_on_commit_callbacks
):
    image = add_image(make_publication(), data=photo(600, 300))
    files = stored_files(image)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            PublicationImage.objects.get(pk=image.pk).delete()
            raise RuntimeError("the rest of the change failed")
        with pytest.raises(RuntimeError), transaction.atomic():
            replacing = PublicationImage.objects.get(pk=image.pk)
            replacing.image = upload(photo(800, 400))
            replacing.save()
            raise RuntimeError("the rest of the change failed")

    assert callbacks == []
    assert all(default_storage.exists(name) for name in files)


# Alt text before publishing


def test_publishing_with_an_undescribed_image_is_refused_in_the_admin(staff_client, make_publication):
    publication = make_publication(status=Publication.Status.DRAFT)
    image = add_image(publication, alt_en="The ambassador", alt_ru="")

    response = post_change(
        staff_client, publication, {"id": image.pk, "alt_en": "The ambassador"}, initial=1, status="published"
    )

    assert response.status_code == 200
    assert "alt text" in response.content.decode() and "Russian" in response.content.decode()
    publication.refresh_from_db()
    assert publication.status == Publication.Status.DRAFT


def test_describing_the_image_while_publishing_is_enough(staff_client, make_publication):
    publication = make_publication(status=Publication.Status.DRAFT)
    image = add_image(publication)
    row = {"id": image.pk, "alt_en": "The ambassador", "alt_ru": "Посол"}

    assert post_change(staff_client, publication, row, initial=1, status="published").status_code == 302
    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED


def test_a_new_upload_needs_alt_text_when_the_publication_is_published(staff_client, make_publication):
    publication = make_publication()

    response = post_change(staff_client, publication, {"image": upload(photo(600, 300))})

    assert response.status_code == 200 and "alt text" in response.content.decode()
    assert not PublicationImage.objects.exists()


def test_a_draft_may_keep_undescribed_images(staff_client, make_publication):
    publication = make_publication(status=Publication.Status.DRAFT)

    response = post_change(staff_client, publication, {"image": upload(photo(600, 300))})

    assert response.status_code == 302
    assert not publication.images.get().alt_en


def test_bulk_publish_leaves_out_publications_with_undescribed_images(staff_client, make_publication):
    undescribed = make_publication(status=Publication.Status.DRAFT)
    add_image(undescribed, alt_en="Described in English only")
    described = make_publication(status=Publication.Status.DRAFT)
    add_image(described, alt_en="The ambassador", alt_ru="Посол")

    staff_client.post(
        "/admin/news/publication/",
        {"action": "publish", "_selected_action": [undescribed.pk, described.pk]},
    )

    undescribed.refresh_from_db()
    described.refresh_from_db()
    assert undescribed.status == Publication.Status.DRAFT
    assert described.status == Publication.Status.PUBLISHED


def test_alt_text_is_needed_only_in_the_publications_languages(make_publication):
    english_only = make_publication(title_ru="", lead_ru="", body_ru="")
    add_image(english_only, alt_en="The ambassador")
    bilingual = make_publication()
    add_image(bilingual, alt_en="The ambassador")

    assert images.images_missing_alt(english_only, english_only.languages()) == []
    assert [codes for _image, codes in images.images_missing_alt(bilingual, bilingual.languages())] == [
        ["ru"]
    ]


# The move from the single image field


@pytest.mark.django_db(transaction=True)
def test_migration_moves_each_single_image_into_the_gallery_without_its_metadata(
    back_to_the_latest_migrations,
):
    before, after = [("news", "0003_publicationimage")], [("news", "0005_remove_publication_image")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        category = old.get_model("news", "Category").objects.create(slug="speeches", name_en="Speeches")
        name = default_storage.save(
            "publications/2021/10/old.jpg", upload(photo(1200, 600, exif=camera_exif()))
        )
        texts = {"image_alt_en": "The ambassador", "image_alt_ru": "Посол", "image_caption_ru": "Прибытие"}
        old.get_model("news", "Publication").objects.create(
            category=category, slug="speech", title_en="Speech", image=name, **texts
        )
        old.get_model("news", "Publication").objects.create(
            category=category, slug="no-image", title_en="Text"
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)

    # The models as they were then: later migrations add columns today's models read.
    image = executor.loader.project_state(after).apps.get_model("news", "PublicationImage").objects.get()
    assert image.publication.slug == "speech"
    assert (image.alt_en, image.alt_ru, image.caption_en, image.caption_ru) == (
        "The ambassador",
        "Посол",
        "",
        "Прибытие",
    )
    assert (image.width, image.height) == (1200, 600)
    assert b"SERIAL-4242" not in stored(image.image.name)
    assert not default_storage.exists(name)  # the original with its EXIF is gone from the public media
    assert sorted({r["width"] for r in image.renditions}) == [480, 960, 1200]
