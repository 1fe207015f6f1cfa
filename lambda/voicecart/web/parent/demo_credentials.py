"""The demo household's parent sign-in: documented, like the demo voice code.

Imports neither Flask nor the web package's routes, so demo seeding stays cheap.
"""

from __future__ import annotations

from ...domain.parent_access import ParentLogin
from ...ports import Clock, Store

DEMO_PARENT_EMAIL = "parent@example.com"
DEMO_PARENT_PASSWORD = "voicecart-demo"  # a documented demo credential, like voice code 1234


def seed_parent_login(store: Store, clock: Clock, household_id: str) -> bool:
    """Give the demo household its parent password unless it has one. True if added."""
    if store.get_household(household_id) is None or store.get_parent_login(household_id):
        return False
    from ...domain import codes

    store.set_parent_login(
        ParentLogin(
            household_id, DEMO_PARENT_EMAIL, codes.hash_secret(DEMO_PARENT_PASSWORD), clock.now()
        )
    )
    return True


def demo_banner(base_url: str) -> str:
    """What `voicecart serve --demo` prints about the parent page."""
    return (
        f"Parent page: {base_url.rstrip('/')}/parent/  "
        f"(sign in as {DEMO_PARENT_EMAIL} / {DEMO_PARENT_PASSWORD})"
    )
