"""The Store port's parent sign-in part: logins, API tokens and counted attempts."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.support import NOON_DALLAS
from voicecart.domain.errors import Conflict, NotFound
from voicecart.domain.parent_access import ApiToken, ParentLogin, hash_token
from voicecart.ports import Store

T0 = NOON_DALLAS
WINDOW = timedelta(minutes=15)


def login(
    hid: str = "h1", email: str = "pat@example.com", hashed: str = "$argon2id$x"
) -> ParentLogin:
    return ParentLogin(hid, email, hashed, T0)


def token(tid: str = "TK1", hid: str = "h1", secret: str = "vct_one") -> ApiToken:
    return ApiToken(tid, hid, "kitchen tablet", hash_token(secret), T0)


class TestParentLogin:
    def test_absent_until_set(self, store: Store) -> None:
        assert store.get_parent_login("h1") is None
        assert store.find_parent_login("pat@example.com") is None

    def test_set_get_find_and_replace(self, store: Store) -> None:
        store.set_parent_login(login())
        assert store.get_parent_login("h1") == login()
        assert store.find_parent_login("pat@example.com") == login()
        changed = replace(
            login(),
            email="alex@example.com",
            password_hash="$argon2id$y",
            updated_at=T0 + timedelta(hours=1),
        )
        store.set_parent_login(changed)
        assert store.get_parent_login("h1") == changed
        assert store.find_parent_login("pat@example.com") is None
        assert store.find_parent_login("alex@example.com") == changed

    def test_one_address_one_household(self, store: Store) -> None:
        store.set_parent_login(login())
        with pytest.raises(Conflict):
            store.set_parent_login(login(hid="h2"))
        assert store.get_parent_login("h2") is None
        assert store.find_parent_login("pat@example.com") == login()

    def test_survives_reopening(self, store_factory) -> None:  # type: ignore[no-untyped-def]
        store_factory().set_parent_login(login())
        assert store_factory().get_parent_login("h1") == login()


class TestApiTokens:
    def test_add_list_find(self, store: Store) -> None:
        older, newer = token(), replace(token("TK2", secret="vct_two"), created_at=T0 + WINDOW)
        store.add_api_token(older)
        store.add_api_token(newer)
        store.add_api_token(token("TK3", hid="h2", secret="vct_three"))
        assert store.list_api_tokens("h1") == [newer, older]
        assert store.find_api_token(hash_token("vct_one")) == older
        assert store.find_api_token(hash_token("vct_nope")) is None
        assert store.list_api_tokens("h9") == []

    def test_same_id_or_hash_refused(self, store: Store) -> None:
        store.add_api_token(token())
        with pytest.raises(Conflict):
            store.add_api_token(token(secret="vct_other"))
        with pytest.raises(Conflict):
            store.add_api_token(token("TK2"))
        assert len(store.list_api_tokens("h1")) == 1

    def test_revoke_once_and_only_in_own_household(self, store: Store) -> None:
        store.add_api_token(token())
        with pytest.raises(NotFound):
            store.revoke_api_token("h2", "TK1", T0)
        assert store.find_api_token(hash_token("vct_one")).active  # type: ignore[union-attr]
        revoked = store.revoke_api_token("h1", "TK1", T0 + WINDOW)
        assert revoked.revoked_at == T0 + WINDOW and not revoked.active
        again = store.revoke_api_token("h1", "TK1", T0 + 2 * WINDOW)
        assert again.revoked_at == T0 + WINDOW
        assert store.find_api_token(hash_token("vct_one")) == revoked
        with pytest.raises(NotFound):
            store.revoke_api_token("h1", "TK404", T0)


class TestSignInAttempts:
    def test_counts_within_a_window_then_starts_again(self, store: Store) -> None:
        counts = [
            store.count_sign_in_attempt("k", T0 + timedelta(minutes=i), WINDOW) for i in range(3)
        ]
        assert [c.count for c in counts] == [1, 2, 3]
        assert {c.window_ends for c in counts} == {T0 + WINDOW}
        fresh = store.count_sign_in_attempt("k", T0 + WINDOW, WINDOW)
        assert (fresh.count, fresh.window_ends) == (1, T0 + 2 * WINDOW)

    def test_keys_are_separate_and_clearable(self, store: Store) -> None:
        store.count_sign_in_attempt("a", T0, WINDOW)
        store.count_sign_in_attempt("a", T0, WINDOW)
        assert store.count_sign_in_attempt("b", T0, WINDOW).count == 1
        store.clear_sign_in_attempts("a")
        store.clear_sign_in_attempts("never-counted")
        assert store.count_sign_in_attempt("a", T0, WINDOW).count == 1

    def test_counting_is_atomic(self, store_factory) -> None:  # type: ignore[no-untyped-def]
        store_factory()  # create the schema before the threads race
        seen: list[int] = []
        lock = threading.Lock()

        def hammer() -> None:
            own = store_factory()
            for _ in range(10):
                n = own.count_sign_in_attempt("race", T0, WINDOW).count
                with lock:
                    seen.append(n)

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(seen) == list(range(1, 41))
