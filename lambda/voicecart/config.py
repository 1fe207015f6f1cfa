"""Settings from the environment, read once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

DEMO_HOUSEHOLD_ID = "demo"
# The skill id the demo accepts when none is configured; a real deployment sets its own.
DEMO_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000demo"


def default_db_path() -> Path:
    from platformdirs import user_data_dir  # lazy: only the CLI and local server need it

    return Path(user_data_dir("voicecart", appauthor=False)) / "voicecart.db"


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Config:
    db_path: Path = field(default_factory=default_db_path)
    demo: bool = False
    cancel_window: timedelta = timedelta(minutes=30)
    store: str = "sqlite"
    skill_id: str = ""
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, **overrides: object) -> Config:
        env = os.environ
        values: dict[str, object] = {
            "db_path": Path(env["VOICECART_DB"]) if env.get("VOICECART_DB") else default_db_path(),
            "demo": _bool(env.get("VOICECART_DEMO"), False),
            "cancel_window": timedelta(
                minutes=int(env.get("VOICECART_CANCEL_WINDOW_MINUTES", "30"))
            ),
            "store": env.get("VOICECART_STORE", "sqlite"),
            "skill_id": env.get("VOICECART_SKILL_ID", ""),
            "log_level": env.get("VOICECART_LOG_LEVEL", "INFO"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if values["demo"] and not values["skill_id"]:
            values["skill_id"] = DEMO_SKILL_ID
        return cls(**values)  # type: ignore[arg-type]

    @property
    def demo_household_id(self) -> str | None:
        return DEMO_HOUSEHOLD_ID if self.demo else None
