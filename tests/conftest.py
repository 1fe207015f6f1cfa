"""Every test process has one application secret key, so a voice code hashed in a fixture
(without bootstrap) still verifies after a test builds its services (bootstrap reads
VOICECART_SECRET_KEY first). Tests that need another key set the variable themselves."""

from __future__ import annotations

import os

from voicecart.domain import codes

TEST_SECRET_KEY = "tests-only-voicecart-secret-key-not-for-production"

os.environ.setdefault("VOICECART_SECRET_KEY", TEST_SECRET_KEY)
codes.use_secret_key(lambda: os.environ.get("VOICECART_SECRET_KEY") or TEST_SECRET_KEY)
