"""Times one upload's processing and measures the memory it takes, for a range of sizes and kinds.

    DJANGO_SECRET_KEY=bench .venv/bin/python bench/images.py

Each case runs in a fresh process: the upload is made and written to a file first, then the child
reads it, notes its peak memory (ru_maxrss), runs what a save runs for a new upload (`prepare`:
decode, turn upright, encode the original and the WebP and JPEG renditions; then `store` into a
throwaway folder) and prints the seconds taken and how far its peak memory rose above the first
note. "Mpx" is what counts against MAX_PIXELS_PER_SAVE (the upload's pixels and its renditions').
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name: width, height, mode, format, content
CASES = {
    "phone photo, 12 Mpx JPEG": (4000, 3000, "RGB", "JPEG", "photo"),
    "40 Mpx JPEG": (8000, 5000, "RGB", "JPEG", "photo"),
    "40 Mpx JPEG, sideways (EXIF)": (8000, 5000, "RGB", "JPEG", "sideways"),
    "40 Mpx PNG, RGB": (8000, 5000, "RGB", "PNG", "flat"),
    "40 Mpx PNG, RGBA": (8000, 5000, "RGBA", "PNG", "flat"),
    "40 Mpx PNG, RGBA, detailed": (8000, 5000, "RGBA", "PNG", "detailed"),
    "20 Mpx WebP (its limit)": (5000, 4000, "RGB", "WEBP", "photo"),
    "2800 × 14000 JPEG (5:1)": (2800, 14000, "RGB", "JPEG", "photo"),
    "2800 × 14000 PNG, RGBA (5:1)": (2800, 14000, "RGBA", "PNG", "flat"),
}


def make_upload(width, height, mode, format, content, path):
    """A synthetic upload: gradients (and noise for a photo), compressing as such pictures do."""
    from PIL import Image

    small = (max(1, width // 8), max(1, height // 8))
    channels = [
        Image.linear_gradient("L").resize(small),
        Image.radial_gradient("L").resize(small),
        Image.effect_noise(small, 40)
        if content in ("photo", "sideways")
        else Image.linear_gradient("L").resize(small),
    ]
    image = Image.merge("RGB", channels).resize((width, height), Image.Resampling.BILINEAR)
    if content == "detailed":  # fine noise over a band, until the file is near the 15 MB limit
        band = Image.effect_noise((width, height // 8), 30).convert("RGB")
        image.paste(band, (0, 0))
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize((width, height)))
    options = {"JPEG": {"quality": 85}, "PNG": {"compress_level": 9}, "WEBP": {"quality": 85}}[format]
    if content == "sideways":
        exif = Image.Exif()
        exif[0x0112] = 6  # stored on its side: turned upright when processed
        options["exif"] = exif
    image.save(path, format, **options)


def run_one(path):
    """In the child: process the upload at `path` and print seconds and peak memory growth."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    import django

    django.setup()
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from news import images

    upload = SimpleUploadedFile(Path(path).name, Path(path).read_bytes())
    header = images.inspect_upload(upload)
    to_process = images.pixels_to_process(*header.size)
    del header
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        prepared = images.prepare(upload)
        images.store(FileSystemStorage(folder), f"publications/{prepared.name}", prepared)
    seconds = time.perf_counter() - started
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"{upload.size / 1e6:.1f}\t{to_process / 1e6:.0f}\t{seconds:.2f}\t{peak:.0f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--make", nargs=6, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=1, help="runs per case (the fastest is shown)")
    args = parser.parse_args()
    if args.one:
        return run_one(args.one)
    if args.make:
        width, height, *rest = args.make
        return make_upload(int(width), int(height), *rest)
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench")
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
    print(f"{'case':32} {'MB':>5} {'Mpx':>5} {'s':>6} {'s/Mpx':>6} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name, (width, height, mode, format, content) in CASES.items():
            path = Path(folder) / f"upload.{format.lower()}"
            # In a process of its own: a child's peak memory starts from its parent's (Linux keeps
            # ru_maxrss across exec), so this one must stay small.
            make = [str(width), str(height), mode, format, content, str(path)]
            subprocess.run([sys.executable, __file__, "--make", *make], check=True)
            results = []
            for _ in range(args.runs):
                child = subprocess.run(
                    [sys.executable, __file__, "--one", str(path)], capture_output=True, text=True, check=True
                )
                results.append(child.stdout.split())
            size, to_process, seconds, _peak = min(results, key=lambda r: float(r[2]))
            peak = max(int(r[3]) for r in results)
            per = float(seconds) / float(to_process)
            print(f"{name:32} {size:>5} {to_process:>5} {seconds:>6} {per:>6.3f} {peak:>8}")


if __name__ == "__main__":
    main()
