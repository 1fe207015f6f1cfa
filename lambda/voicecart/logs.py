"""Structured JSON logs. Slot values that can hold the voice code never reach a log line."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from pathlib import Path
from typing import Any

from .conversation.intents import SECRET_SLOTS

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}
REDACTED = "[redacted]"
# Built once: json.dumps(..., default=str) builds a new encoder for every log line.
_ENCODER = json.JSONEncoder(default=str)


def redact_slots(slots: dict[str, Any]) -> dict[str, Any]:
    return {k: (REDACTED if k in SECRET_SLOTS else v) for k, v in slots.items()}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                doc[key] = (
                    redact_slots(value) if key == "slots" and isinstance(value, dict) else value
                )
        if record.exc_info and record.exc_info[0] is not None:
            # The exception type and where it happened. Never its message, its locals or
            # the request: any of them can carry what the shopper said, the code included.
            doc["error"] = record.exc_info[0].__name__
            frames = traceback.extract_tb(record.exc_info[2])[-6:]
            doc["trace"] = [f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
        return _ENCODER.encode(doc)


def configure(level: str = "INFO") -> None:
    root = logging.getLogger("voicecart")
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        root.setLevel(level)
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
