"""Publication images: upload checks, metadata removal and responsive renditions, all with Pillow.

An upload is refused with a plain reason unless it is a real JPEG, PNG or WebP image within the
size and pixel limits. What is kept is re-encoded from the decoded pixels (turned upright first),
so no EXIF, GPS position, camera serial or XMP survives. Renditions are made once, when the image
is saved, under deterministic names next to nothing else: ``renditions/<original name>/<width>.<ext>``.
An original and its renditions are deleted together when the image is deleted or its file replaced.
"""

import secrets
import warnings
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 8000 × 5000; Pillow's own bomb limit (89 million) is far above what a page needs
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (480, 960, 1600)
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


def open_image(file) -> Image.Image:
    """The upload decoded, or a ValidationError saying plainly what is wrong with it."""
    if file.size > MAX_BYTES:
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"size": f"{file.size / 1024 / 1024:.1f}", "limit": MAX_BYTES // 1024 // 1024},
        )
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; a warning must refuse the file too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file, formats=list(FORMATS))  # reads the header only
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("more pixels than MAX_PIXELS")
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(
                TOO_MANY_PIXELS, code="too_many_pixels", params={"limit": MAX_PIXELS // 1_000_000}
            ) from None
        except UnidentifiedImageError:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise ValidationError(DAMAGED, code="damaged") from None
    file.seek(0)
    return image


def _plain(image: Image.Image) -> Image.Image:
    """The image in RGB, or RGBA when it has transparency, with every piece of metadata dropped."""
    if image.mode not in ("RGB", "RGBA") or (image.mode == "RGBA" and not image.has_transparency_data):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    image.info = {}
    return image


def _encode(image: Image.Image, format: str, *, original=False) -> bytes:
    """Encode for the web; an `original` is kept at higher quality and encoded fast, as it may be huge."""
    buffer = BytesIO()
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
        image.save(buffer, "WEBP", quality=90 if original else 80, method=4)
    else:
        image.save(buffer, "PNG", compress_level=6 if original else 9)
    return buffer.getvalue()


def without_metadata(file) -> ContentFile:
    """The upload re-encoded in its own format from its pixels alone, named with its real extension.

    The name is random: media files are public, and an image of a draft or an embargoed item must
    not be found by guessing its address from the photographer's file name before it is released.
    """
    image = open_image(file)
    format = image.format
    upright = ImageOps.exif_transpose(image)  # the orientation tag goes with the rest of the EXIF
    name = f"{secrets.token_urlsafe(16)}.{FORMATS[format]}"
    return ContentFile(_encode(_plain(upright), format, original=True), name=name)


def rendition_widths(width: int) -> list[int]:
    """The widths to make for an original `width` pixels wide: never wider than the original."""
    widths = [w for w in RENDITION_WIDTHS if w < width]
    if width <= RENDITION_WIDTHS[-1]:
        widths.append(width)
    return widths


def make_renditions(storage, name: str) -> list[dict]:
    """Write the WebP and JPEG renditions of the stored original `name`; return what was written."""
    with storage.open(name) as original:
        image = Image.open(original, formats=list(FORMATS))
        image.load()
    image = _plain(image)
    renditions, source = [], image
    for width in sorted(rendition_widths(image.width), reverse=True):
        height = max(1, round(image.height * width / image.width))
        if width != source.width:
            # Each from the next larger one, reducing by whole factors first: seconds, not tens.
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for mime, format, extension in ((WEBP, "WEBP", "webp"), (JPEG, "JPEG", "jpg")):
            path = f"renditions/{name}/{width}.{extension}"
            storage.delete(path)  # made again only when the image changes; keep the name stable
            saved = storage.save(path, ContentFile(_encode(source, format)))
            renditions.append({"name": saved, "width": width, "height": height, "type": mime})
    return sorted(renditions, key=lambda r: r["width"])


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
    """An image upload refused with a plain reason: too big, not an image, damaged, or a bomb."""

    def to_python(self, data):
        # Not forms.ImageField.to_python: it turns every problem into one vague message.
        file = forms.FileField.to_python(self, data)
        if file is not None:
            image = open_image(file)
            file.content_type = Image.MIME.get(image.format or "", "")
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
