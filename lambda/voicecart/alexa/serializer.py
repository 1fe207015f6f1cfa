"""The skill's serializer: the SDK's, with request timestamps read by the standard library.

ask-sdk-core maps every datetime field through dateutil's general-purpose parser, which
guesses among dozens of formats: about a tenth of the time of a whole search turn behind
HTTP (bench/). Alexa sends ISO 8601 ("2026-12-02T06:38:51Z"), which
`datetime.fromisoformat` reads in C; anything it cannot read goes to the SDK's own parser,
so what comes out is what the SDK would make of it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer


class Serializer(DefaultSerializer):  # type: ignore[misc]
    # The SDK calls its private `__deserialize_datetime` for every date and datetime field;
    # inside DefaultSerializer that name is `_DefaultSerializer__deserialize_datetime`.
    def _DefaultSerializer__deserialize_datetime(self, payload: Any, obj_type: Any) -> Any:  # noqa: N802
        try:
            parsed = datetime.fromisoformat(payload)
        except (TypeError, ValueError):
            return super()._DefaultSerializer__deserialize_datetime(payload, obj_type)
        return parsed.date() if obj_type is date else parsed
