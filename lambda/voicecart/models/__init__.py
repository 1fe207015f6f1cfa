"""The interaction model: one platform-neutral source per locale in interaction_models/,
the Alexa and Dialogflow ES files generated from it, their lint and check, and a
deterministic text -> intent resolver built from the same samples."""

from __future__ import annotations

from .alexa import build_alexa
from .build import check, outputs, write
from .dialogflow import build_dialogflow, write_zip
from .lint import lint
from .resolve import FALLBACK, LAUNCH, Resolution, resolve, resolve_full
from .source import Model, ModelError, load

__all__ = [
    "FALLBACK",
    "LAUNCH",
    "Model",
    "ModelError",
    "Resolution",
    "build_alexa",
    "build_dialogflow",
    "check",
    "lint",
    "load",
    "outputs",
    "resolve",
    "resolve_full",
    "write",
    "write_zip",
]
