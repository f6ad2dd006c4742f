"""The content backup (export_content, import_content): which rows a file holds, writing it, loading it.

A file holds the site's content: every model of the content apps. Three kinds of data stay out unless
asked for, since a backup file travels and is kept where the site's own database is not:
- staff accounts (password hashes, superuser flags, e-mail addresses): `--with-accounts`;
- embargo links' tokens, the secret part of their addresses (loaded without them, links get new
  addresses): `--with-embargo-tokens`;
- embargo link openings (journalists' addresses and browsers): `--with-access-logs`.

Loading accepts only those models, checks every row as a save through the admin would (the model's
clean(), field validators, unique checks and constraints), and is all or nothing: one refused row
and nothing is loaded, with every refusal reported by row.
"""

import bz2
import gzip
import io
import json
import lzma
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import (
    FieldDoesNotExist,
    ObjectDoesNotExist,
    SuspiciousFileOperation,
    ValidationError,
)
from django.core.files.utils import validate_file_name
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError, deserialize_fk_value, deserialize_m2m_values
from django.db import DatabaseError, connection, models, transaction
from simple_history.models import HistoricalChanges

from .backup_json import ExactEncoder

CONTENT_APPS = ("news", "counters", "consular")
ACCOUNTS = "auth.user"
ACCESS_LOGS = {"news.embargolinkuse"}
# (model, field): the secret that makes an address work, replaced by a fresh default when left out.
EMBARGO_TOKENS = ("news.embargolink", "token")
# Staff roles are kept by the code (embassy/roles.py, after every migrate), never loaded from a file.
ROLES = "auth.group"
BATCH = 500
COMPRESSORS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".lzma": lzma.open}


@dataclass(frozen=True)
class Scope:
    """What a backup holds beyond the content."""

    accounts: bool = False
    embargo_tokens: bool = False
    access_logs: bool = False

    def models(self):
        """The models a file may hold, accounts first (content refers to them by user name)."""
        chosen = [get_user_model()] if self.accounts else []
        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                if model._meta.label_lower not in ACCESS_LOGS or self.access_logs:
                    chosen.append(model)
        return chosen

    def refusal(self, label):
        """Why rows of the model `label` ("app.model") are not loaded, or None if they are."""
        label = label.lower()
        if label == ACCOUNTS and not self.accounts:
            return "staff accounts are loaded only with --with-accounts"
        if label in ACCESS_LOGS and not self.access_logs:
            return "embargo link openings (readers' addresses) are loaded only with --with-access-logs"
        if label not in {model._meta.label_lower for model in self.models()}:
            return f"“{label}” is not content: a backup holds only {', '.join(CONTENT_APPS)} (and accounts)"
        return None


def export(path, scope: Scope) -> dict[str, int]:
    """Write the content in `scope` to `path` (see the module's docstring). Returns rows per model."""
    path = Path(path)
    # Written beside the target and renamed over it at the end: never a half-written backup. mkstemp
    # creates the file 0600, so that it is never readable by others, not even for a moment.
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    counts = {}
    try:
        with os.fdopen(fd, "wb") as raw:
            compress = COMPRESSORS.get(path.suffix)
            if compress:
                with compress(raw, "wt", encoding="utf-8") as stream:
                    write_rows(stream, scope, counts)
            else:
                stream = io.TextIOWrapper(raw, encoding="utf-8")
                write_rows(stream, scope, counts)
                stream.flush()
                stream.detach()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return counts


def write_rows(stream, scope, counts):
    stream.write("[")
    separator = "\n"
    for model in scope.models():
        counts[model._meta.label] = 0
        queryset = model._base_manager.order_by(model._meta.pk.name)
        for batch in batches(queryset.iterator(chunk_size=BATCH)):
            for row in serialize(batch, scope):
                stream.write(separator + json.dumps(row, cls=ExactEncoder, ensure_ascii=False))
                separator = ",\n"
                counts[model._meta.label] += 1
    stream.write("\n]\n")


def batches(iterator):
    batch = []
    for item in iterator:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def serialize(objects, scope: Scope):
    # Natural keys: users, groups and permissions are referred to by name, so the file loads into any
    # freshly migrated database whatever ids those rows got there.
    rows = serializers.serialize(
        "python", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    token_model, token_field = EMBARGO_TOKENS
    for row in rows:
        if row["model"] == token_model and not scope.embargo_tokens:
            del row["fields"][token_field]
        yield row


def read(path):
    """The rows of a file written by export(), or a ValueError saying why it is not one."""
    path = Path(path)
    opener = COMPRESSORS.get(path.suffix, open)
    try:
        with opener(path, "rt", encoding="utf-8") as stream:
            rows = json.load(stream)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError, lzma.LZMAError) as error:
        raise ValueError(f"{path} cannot be read as a backup: {error}") from error
    if not isinstance(rows, list):
        raise ValueError(f"{path} is not a backup written by export_content: it holds no list of rows.")
    return rows


@dataclass
class Report:
    """What an import did: rows loaded per model, refusals by row, and what it did about missing accounts."""

    loaded: dict = field(default_factory=dict)
    refusals: list = field(default_factory=list)
    skipped_roles: int = 0
    without_account: int = 0

    def refuse(self, number, row, reason):
        model = row.get("model", "?") if isinstance(row, dict) else "?"
        pk = row.get("pk", "-") if isinstance(row, dict) else "-"
        self.refusals.append(f"row {number} ({model}, id {pk}): {reason}")


def load(rows, scope: Scope) -> Report:
    """Load `rows` (from read()) in one transaction; any refusal rolls everything back.

    Raises Refused with the report when a row was refused.
    """
    report = Report()
    with transaction.atomic():
        # First every row is checked on its own and saved as it stands (raw, as loaddata does: no
        # save() side effects, times kept), so that rows may refer to rows later in the file. Then
        # each saved row is checked as a whole, against everything loaded: references, and the
        # model's rules as an admin form saved unchanged would check them.
        saved = [
            found for number, row in enumerate(rows, start=1) if (found := store(number, row, scope, report))
        ]
        for number, row, obj in saved:
            check(number, row, obj, report)
        if report.refusals:
            raise Refused(report)
        models_loaded = {type(obj) for _number, _row, obj in saved}
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(models_loaded)):
                cursor.execute(statement)
    return report


class Refused(Exception):
    def __init__(self, report):
        super().__init__(f"{len(report.refusals)} rows refused")
        self.report = report


def store(number, row, scope, report):
    """Check one row on its own and save it; (number, row, object) once saved, else None (refused)."""
    if (
        not isinstance(row, dict)
        or not isinstance(row.get("model"), str)
        or not isinstance(row.get("fields"), dict)
    ):
        report.refuse(number, row, "not a row of a backup (it needs “model” and “fields”)")
        return None
    if row["model"].lower() == ROLES:
        report.skipped_roles += 1  # roles come from the code (embassy/roles.py): nothing to load
        return None
    if reason := scope.refusal(row["model"]):
        report.refuse(number, row, reason)
        return None
    try:
        (deserialized,) = serializers.deserialize(
            "python", [row], handle_forward_references=True, ignorenonexistent=False
        )
    except (
        DeserializationError,
        FieldDoesNotExist,
        ValidationError,
        LookupError,
        ValueError,
        TypeError,
    ) as error:
        report.refuse(number, row, f"unreadable: {error}")
        return None
    except ObjectDoesNotExist as error:
        report.refuse(number, row, str(error))
        return None
    obj = deserialized.object
    token_model, token_field = EMBARGO_TOKENS
    if obj._meta.label_lower == token_model and not scope.embargo_tokens:
        setattr(obj, token_field, obj._meta.get_field(token_field).get_default())  # a new address
    try:
        # Field by field and unique checks now, against the rows loaded before; references later.
        obj.clean_fields(exclude=not_checked(obj) | {f.name for f in obj._meta.fields if f.is_relation})
        obj.validate_unique(exclude=not_checked(obj))
        obj.validate_constraints(exclude=not_checked(obj))
    except ValidationError as error:
        report.refuse(number, row, describe(error))
        return None
    if not resolve_deferred(number, row, deserialized, report):
        return None
    try:
        with transaction.atomic():
            deserialized.save()
    except DatabaseError as error:
        report.refuse(number, row, f"the database refused it: {error}")
        return None
    report.loaded[obj._meta.label] = report.loaded.get(obj._meta.label, 0) + 1
    return number, row, obj


def resolve_deferred(number, row, deserialized, report) -> bool:
    """References by name to rows not in the database (a staff account, a role)."""
    for relation, value in (deserialized.deferred_fields or {}).items():
        if relation.many_to_many:
            try:
                deserialized.m2m_data[relation.name] = deserialize_m2m_values(relation, value, None, False)
            except Exception as error:  # noqa: BLE001 - Django wraps the lookup's error in its own
                report.refuse(
                    number,
                    row,
                    f"{relation.name}: none of {value} is in this database ({error})",
                )
                return False
        elif relation.related_model is get_user_model() and relation.null:
            try:
                setattr(
                    deserialized.object, relation.attname, deserialize_fk_value(relation, value, None, False)
                )
            except ObjectDoesNotExist:
                # Who wrote a version or made a link: kept when that account is in this database.
                setattr(deserialized.object, relation.attname, None)
                report.without_account += 1
        else:
            report.refuse(
                number, row, f"{relation.name}: no such {relation.related_model._meta.verbose_name}: {value}"
            )
            return False
    deserialized.deferred_fields = {}
    return True


def check(number, row, obj, report):
    """The whole row's validation, now that everything is loaded; what clean() tidies is stored tidy."""
    before = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    # Saved raw already, the row must not pass the rules that compare a change with the stored row
    # (a replacement "chosen before", a time "unchanged") as if it were its own earlier self.
    obj.judged_as_new = True
    try:
        obj.full_clean(exclude=not_checked(obj))
        check_file_names(obj)
    except ValidationError as error:
        report.refuse(number, row, describe(error))
        return
    finally:
        del obj.judged_as_new
    changed = [name for name, value in before.items() if getattr(obj, name) != value]
    if changed:
        models.Model.save_base(obj, raw=True, update_fields=changed)


def not_checked(obj):
    """What the checks leave alone: references that may point nowhere (a version's category, deleted
    since), and empty values where the model itself leaves them empty (image sizes not yet read, the
    fields of a version that simple-history wrote as the row was, never through a form)."""
    is_version = isinstance(obj, HistoricalChanges)

    def left_alone(f):
        if f.is_relation and getattr(f, "db_constraint", True) is False:
            return True
        empty = getattr(obj, f.attname) in f.empty_values
        return empty and (is_version or (not f.editable and (f.null or f.get_default() in f.empty_values)))

    return {f.name for f in obj._meta.fields if left_alone(f)}


def check_file_names(obj):
    """A stored file's name from a file is never trusted: deleting the row deletes the file (and its
    renditions), so the row may name only a file of its own, in the folder its uploads go to."""
    errors = {}
    for f in obj._meta.fields:
        name = str(getattr(obj, f.attname) or "") if isinstance(f, models.FileField) else ""
        if not name:
            continue
        try:
            validate_file_name(name, allow_relative_path=True)
        except SuspiciousFileOperation as error:
            errors[f.name] = str(error)
            continue
        folder = upload_folder(f)
        own = f"renditions/{name}/"
        if not name.startswith(folder):
            errors[f.name] = f"“{name}” is not in {folder}, where these files are uploaded"
        elif type(obj)._base_manager.filter(**{f.name: name}).exclude(pk=obj.pk).exists():
            errors[f.name] = f"“{name}” is the file of another row: each row names a file of its own"
        elif any(
            not (isinstance(r, dict) and str(r.get("name", "")).startswith(own))
            or "/" in str(r["name"]).removeprefix(own)
            for r in getattr(obj, "renditions", None) or []
        ):
            errors["renditions"] = f"these are renditions of another file than “{name}”: theirs lie in {own}"
    if errors:
        raise ValidationError(errors)


def upload_folder(f):
    """The fixed start of the names a file field's uploads get ("publications/" of "publications/%Y/%m/")."""
    upload_to = f.upload_to if isinstance(f.upload_to, str) else ""
    return upload_to.partition("%")[0]


def describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
