"""Django's JSON serialization, with datetimes and times to the microsecond, for export_content.

Django's JSON encoder cuts them to milliseconds (as ECMAScript dates have them), so a backup lost
what lay below: rows exported and imported again came back with other values. The file stays plain
JSON with ISO 8601 times, which loaddata's own "json" deserializer reads as it is.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
