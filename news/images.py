"""Publication images: upload checks, metadata removal and responsive renditions, all with Pillow.

An upload is refused with a plain reason unless it is a real JPEG (a camera's multi-picture MPO
included), PNG or WebP image within the size, pixel and proportion limits; one save processes a
bounded number of pixels. What is kept is re-encoded from the decoded pixels (turned upright first),
so no EXIF, GPS position, camera serial or XMP survives. An upload is decoded once and everything
kept is encoded before anything reaches the public media; renditions go under deterministic names
next to nothing else: ``renditions/<original name>/<width>.<ext>``. Files written for a save that
then rolls back are deleted again; an original and its renditions are deleted together when the
image is deleted or its file replaced.
"""

import secrets
import tempfile
import warnings
import weakref
from dataclasses import dataclass
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 8000 × 5000; Pillow's own bomb limit (89 million) is far above what a page needs
# Pillow decodes a WebP through three full copies (15 bytes a pixel against a PNG's 5 to 9): half as many.
MAX_WEBP_PIXELS = 20_000_000
# One save's new uploads and their renditions together (any single upload fits): well inside
# gunicorn's 30 s worker timeout on two shared cores (bench/images.py), one image at a time in memory.
MAX_PIXELS_PER_SAVE = 100_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# A multi-picture JPEG (MPO, as stereo and some phone cameras write) is kept as a JPEG of its first picture.
SAME_AS = {"MPO": "JPEG"}
RENDITION_WIDTHS = (480, 960, 1600)
# Renditions keep the proportions at up to 1600 px wide, so a tall image makes a huge one: WebP stops
# at 16,383 px, and at ten times as tall an RGBA upload took 10 s and 750 MB (bench/images.py).
MAX_HEIGHT_PER_WIDTH = 5
WEBP, JPEG = "image/webp", "image/jpeg"

NOT_AN_IMAGE = _(
    "This file is not a JPEG, PNG or WebP image, whatever its name says. "
    "Save the picture as JPEG or PNG and upload that."
)
DAMAGED = _("This image is damaged or incomplete and cannot be read. Save it again and upload the new file.")
TOO_LARGE = _(
    "This file is %(size)s MB; the limit is %(limit)s MB. "
    "Save a smaller version (3000 pixels wide is plenty) and upload that."
)
TOO_MANY_PIXELS = _(
    "This image has more than %(limit)s megapixels, or claims to (a “decompression bomb”). "
    "Scale it down (3000 pixels wide is plenty) and upload it again."
)
TOO_TALL = _(
    "This image is %(height)s pixels tall and %(width)s wide: more than %(ratio)s times as tall as it "
    "is wide, too long for a page. Crop it, or cut it into several images."
)
TOO_MANY_PIXELS_PER_SAVE = _(
    "These new images come to %(total)s megapixels together with the web versions made of them; "
    "one save takes at most %(limit)s. Add some of them now and the others in a second save, "
    "or upload smaller versions."
)
NOT_CONVERTIBLE = _(
    "This image could not be converted for the web. Save it again as JPEG or PNG and upload that."
)


def inspect_upload(file) -> Image.Image:
    """The upload's header read and checked (format, size, pixels), nothing decoded; or a ValidationError."""
    if file.size > MAX_BYTES:
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"size": f"{file.size / 1024 / 1024:.1f}", "limit": MAX_BYTES // 1024 // 1024},
        )
    file.seek(0)
    limit = MAX_PIXELS
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; a warning must refuse the file too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file, formats=list(FORMATS))  # reads the header only
            limit = MAX_WEBP_PIXELS if image.format == "WEBP" else MAX_PIXELS
            if image.width * image.height > limit:
                raise Image.DecompressionBombError("more pixels than the limit")
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(
                TOO_MANY_PIXELS, code="too_many_pixels", params={"limit": limit // 1_000_000}
            ) from None
        except UnidentifiedImageError:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise ValidationError(DAMAGED, code="damaged") from None
    file.seek(0)
    return image


def open_image(file) -> Image.Image:
    """The upload checked and decoded, or a ValidationError saying plainly what is wrong with it."""
    image = inspect_upload(file)
    try:
        image.load()  # of an MPO, its first picture only
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(DAMAGED, code="damaged") from None
    file.seek(0)
    return image


def kept_format(image: Image.Image) -> str:
    """The format an upload is kept in: its own, an MPO's being JPEG."""
    return SAME_AS.get(image.format, image.format)


def check_proportions(width: int, height: int):
    if height > width * MAX_HEIGHT_PER_WIDTH:
        raise ValidationError(
            TOO_TALL,
            code="too_tall",
            params={"width": width, "height": height, "ratio": MAX_HEIGHT_PER_WIDTH},
        )


def pixels_to_process(width: int, height: int) -> int:
    """An upload's pixels and its renditions' (it may be turned upright: the larger count of the two).

    A very tall image's renditions have as many pixels as it has, and WebP encodes them slowly.
    """

    def renditions(width, height):
        if height > width * MAX_HEIGHT_PER_WIDTH:
            return 0  # refused once upright, before any rendition is made
        return sum(w * round(height * w / width) for w in rendition_widths(width))

    return width * height + max(renditions(width, height), renditions(height, width))


def check_pixels_per_save(sizes: list[tuple[int, int]]):
    """Refuse one save's new uploads (their `sizes`) when together they would take too long to process."""
    total = sum(pixels_to_process(width, height) for width, height in sizes)
    if total > MAX_PIXELS_PER_SAVE:
        raise ValidationError(
            TOO_MANY_PIXELS_PER_SAVE,
            code="too_many_pixels_per_save",
            params={"total": round(total / 1_000_000), "limit": MAX_PIXELS_PER_SAVE // 1_000_000},
        )


def _plain(image: Image.Image) -> Image.Image:
    """The image in RGB, or RGBA when it has transparency, with every piece of metadata dropped."""
    if image.mode not in ("RGB", "RGBA") or (image.mode == "RGBA" and not image.has_transparency_data):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    image.info = {}
    return image


def _encode(image: Image.Image, format: str, file=None, *, original=False):
    """Encode for the web into `file` (by default, return the bytes).

    An `original` is kept at higher quality and encoded fast, as it may be huge: at zlib's default
    level a 40-megapixel PNG took 20 s, at level 1 a few.
    """
    buffer = BytesIO() if file is None else file
    if format == "JPEG":
        if image.mode == "RGBA":  # JPEG has no transparency: lay it on white, as the page is
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        if original:
            image.save(buffer, "JPEG", quality=92)
        else:
            image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif format == "WEBP":
        if original:
            image.save(buffer, "WEBP", quality=90, method=0)
        else:
            image.save(buffer, "WEBP", quality=80, method=4)
    else:
        image.save(buffer, "PNG", compress_level=1 if original else 9)
    return buffer.getvalue() if file is None else None


def _upright(file) -> tuple[Image.Image, str]:
    """The upload decoded (once), turned upright and stripped to its pixels, and the format to keep it in."""
    image = open_image(file)
    format = kept_format(image)
    ImageOps.exif_transpose(image, in_place=True)  # not a copy: 160 MB for 40 megapixels in RGBA
    check_proportions(image.width, image.height)
    return _plain(image), format


def _random_name(format: str) -> str:
    """Media files are public: an image of a draft or an embargoed item must not be found by guessing
    its address from the photographer's file name before it is released."""
    return f"{secrets.token_urlsafe(16)}.{FORMATS[format]}"


def without_metadata(file) -> ContentFile:
    """The upload re-encoded in its own format from its pixels alone, under a random name with its
    real extension."""
    image, format = _upright(file)
    return ContentFile(_encode(image, format, original=True), name=_random_name(format))


def rendition_widths(width: int) -> list[int]:
    """The widths to make for an original `width` pixels wide: never wider than the original."""
    widths = [w for w in RENDITION_WIDTHS if w < width]
    if width <= RENDITION_WIDTHS[-1]:
        widths.append(width)
    return widths


@dataclass
class Rendition:
    width: int
    height: int
    type: str
    extension: str
    data: bytes


def _reduced(image: Image.Image, factor: int) -> Image.Image:
    """`image.reduce(factor)`; an RGBA one a strip at a time, as Pillow premultiplies a whole copy first
    (160 MB more for 40 megapixels)."""
    if image.mode != "RGBA":
        return image.reduce(factor)
    reduced = Image.new("RGBa", (-(-image.width // factor), -(-image.height // factor)))
    rows = factor * max(1, 2_000_000 // (image.width * factor))
    for top in range(0, image.height, rows):
        strip = image.crop((0, top, image.width, min(top + rows, image.height)))
        reduced.paste(strip.convert("RGBa").reduce(factor), (0, top // factor))
    return reduced.convert("RGBA")


def _renditions(image: Image.Image) -> list[Rendition]:
    """The WebP and JPEG renditions of an upright, plain `image`, largest first, encoded in memory."""
    made, source = [], image
    widths = sorted(rendition_widths(image.width), reverse=True)
    factor = int(image.width / widths[0] / 2)  # by whole factors first, as resize's reducing_gap=2 would
    if factor >= 2:
        source = _reduced(image, factor)
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        if (width, height) != source.size:
            # Each from the next larger one, reducing by whole factors first: seconds, not tens
            # (a gap of 2 keeps the final Lanczos step over at least twice the output's size).
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        for mime, format, extension in ((WEBP, "WEBP", "webp"), (JPEG, "JPEG", "jpg")):
            made.append(Rendition(width, height, mime, extension, _encode(source, format)))
    return made


@dataclass
class Prepared:
    """An upload decoded once and encoded for keeping, in memory and an anonymous temporary file:
    nothing of it is in the public media yet, and nothing is left on disk if the process dies."""

    name: str
    width: int
    height: int
    original: object  # a temporary file
    renditions: list[Rendition]


def prepare(file) -> Prepared:
    """Check and decode the upload `file`, then encode its original without metadata and its renditions.

    A ValidationError says plainly what is wrong with the upload.
    """
    image, format = _upright(file)
    original = tempfile.TemporaryFile()  # noqa: SIM115 (handed on) unlinked at once: gone when closed or killed
    try:
        _encode(image, format, original, original=True)
        renditions = _renditions(image)
    except (OSError, ValueError):  # a limit of an encoder that the checks above did not foresee
        original.close()
        raise ValidationError(NOT_CONVERTIBLE, code="not_convertible") from None
    return Prepared(_random_name(format), image.width, image.height, original, renditions)


def _delete_files(storage, names: list[str], folders: list[str]):
    for name in names:
        storage.delete(name)
    for folder in folders:
        if storage.exists(folder):  # a folder of its own on disk; nothing to remove in object storage
            storage.delete(folder)


def delete_unless_committed(storage) -> tuple[list[str], list[str]]:
    """Lists to add names of files and folders to, before writing them: deleted if the current
    transaction rolls back, kept once it commits.

    Django runs nothing on a rollback, but it drops the callbacks waiting for the commit. The one
    registered here is held by that list alone, so its finalizer runs the moment it is dropped (also
    when gunicorn's timeout ends the request with SystemExit); on the commit it cancels the finalizer.
    """
    names, folders = [], []

    def committed():
        finalizer.detach()

    finalizer = weakref.finalize(committed, _delete_files, storage, names, folders)
    transaction.on_commit(committed)
    return names, folders


def _write_renditions(storage, name: str, renditions: list[Rendition], written) -> list[dict]:
    names, folders = written
    folders.append(f"renditions/{name}")
    stored = []
    for rendition in renditions:
        path = f"renditions/{name}/{rendition.width}.{rendition.extension}"
        storage.delete(path)  # made again only when the image changes; keep the name stable
        names.append(path)
        saved = storage.save(path, ContentFile(rendition.data))
        names.append(saved)
        stored.append(
            {"name": saved, "width": rendition.width, "height": rendition.height, "type": rendition.type}
        )
    return sorted(stored, key=lambda r: r["width"])


def store(storage, name: str, prepared: Prepared) -> tuple[str, list[dict]]:
    """Write a prepared upload's original as `name`; return its stored name and the renditions written.

    Call it in a transaction: every file is deleted again if that transaction rolls back.
    """
    written = delete_unless_committed(storage)
    name = storage.get_available_name(name)
    written[0].append(name)  # before writing: a write cut short leaves a part of a file
    prepared.original.seek(0)
    name = storage.save(name, File(prepared.original, name=name))
    written[0].append(name)
    prepared.original.close()
    return name, _write_renditions(storage, name, prepared.renditions, written)


def make_renditions(storage, name: str) -> list[dict]:
    """Write the WebP and JPEG renditions of the stored original `name`; return what was written.

    Call it in a transaction: the renditions are deleted again if that transaction rolls back.
    """
    with storage.open(name) as original:
        image = Image.open(original, formats=list(FORMATS))
        widths = rendition_widths(image.width)
        # A JPEG is decoded at the smallest scale (1/2 to 1/8) still as large as the largest rendition.
        image.draft("RGB", (max(widths), round(image.height * max(widths) / image.width)))
        image.load()
    return _write_renditions(storage, name, _renditions(_plain(image)), delete_unless_committed(storage))


def delete_once_committed(storage, name: str, renditions: list[dict]):
    """Delete the original `name` and its `renditions` from storage when the current transaction commits.

    Media files are public: an image taken off a publication must stop being served. Not before the
    commit, so a rolled-back delete or replacement still finds every file it had.
    """
    names = [name, *(rendition["name"] for rendition in renditions)]

    def delete():
        for stored in names:
            storage.delete(stored)
        folder = f"renditions/{name}"
        if storage.exists(folder):  # a folder of its own on disk; nothing to remove in object storage
            storage.delete(folder)

    # robust: a file that cannot be deleted is logged, not turned into an error after the commit.
    transaction.on_commit(delete, robust=True)


def srcset(storage, renditions: list[dict], mime: str) -> str:
    return ", ".join(f"{storage.url(r['name'])} {r['width']}w" for r in renditions if r["type"] == mime)


def images_missing_alt(publication, languages, images=None) -> list[tuple[object, list[str]]]:
    """The images of `publication` without alt text in some of `languages`, with the codes they lack.

    `images` are the images as about to be saved (the admin's inline forms); by default the stored ones.
    """
    if images is None:
        images = publication.images.all() if publication.pk else []
    missing = []
    for image in images:
        lacking = [code for code in languages if not (getattr(image, f"alt_{code}", "") or "").strip()]
        if lacking:
            missing.append((image, lacking))
    return missing


def check_alt_text(publication, images=None):
    """Refuse to publish a publication whose images are not described in each of its languages."""
    if publication.status not in (publication.Status.PUBLISHED, publication.Status.WITHDRAWN):
        return
    missing = images_missing_alt(publication, publication.languages(), images)
    if missing:
        names = dict(settings.LANGUAGES)
        lacking = "; ".join(
            f"{image} ({', '.join(str(names[code]) for code in codes)})" for image, codes in missing
        )
        raise ValidationError(
            _(
                "Describe each image for visitors who cannot see it (the alt text) in every language "
                "of the publication before publishing. Missing: %(lacking)s."
            ),
            code="missing_alt",
            params={"lacking": lacking},
        )


class ImageUploadFormField(forms.ImageField):
    """An image upload refused with a plain reason: too big, not an image, or a bomb, from its header.

    Its pixels are decoded later, by `prepare` in the form set, once the save's pixels are counted.
    """

    def to_python(self, data):
        # Not forms.ImageField.to_python: it turns every problem into one vague message.
        file = forms.FileField.to_python(self, data)
        if file is not None:
            image = inspect_upload(file)
            file.image = image  # as forms.ImageField does: its size, for counting the save's pixels
            file.content_type = Image.MIME[kept_format(image)]
        return file

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class SafeImageField(models.ImageField):
    """An ImageField whose forms check uploads with `open_image` before anything else reads them."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})
