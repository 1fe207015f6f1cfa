"""The application's secret key when VOICECART_SECRET_KEY is not set: a random key kept in a
0600 file next to the SQLite database, created on first use.

One key signs the parent page's session cookies and, through an HKDF subkey, keys the voice
code hashes (see domain/codes.py). On AWS the key comes from SSM instead (adapters/ssm.py).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ENV = "VOICECART_SECRET_KEY"
FILE_NAME = "voicecart-secret-key"


def key_path(db_path: Path | str) -> Path:
    return Path(db_path).expanduser().parent / FILE_NAME


def stored_key(db_path: Path | str) -> str:
    """The key in the file next to `db_path`, created (0600) if missing. Raises OSError where
    the file can be neither read nor created."""
    return _key_file(key_path(db_path))


def _key_file(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text("utf-8").strip()
        if key:
            return key
        path.unlink()  # an empty file left by a crash between create and write
        return _key_file(path)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        key = secrets.token_urlsafe(48)
        out.write(key)
    return key
