"""The household service: who is speaking, and the settings only a parent may change."""

from __future__ import annotations

from dataclasses import replace

from ..ports import Store
from . import codes
from .errors import NotFound, ValidationError
from .household import GUEST_PROFILE_ID, Household, Profile, Role, default_profile, validate_profile


class Households:
    def __init__(self, store: Store, demo_household_id: str | None = None) -> None:
        self.store = store
        # In demo mode every platform user is the demo household, so the skill works
        # from any test device without account linking.
        self.demo_household_id = demo_household_id

    def for_user(self, platform_user_id: str) -> Household | None:
        household = self.store.household_for_user(platform_user_id)
        if household is None and self.demo_household_id:
            household = self.store.get_household(self.demo_household_id)
        return household

    def get(self, household_id: str) -> Household:
        household = self.store.get_household(household_id)
        if household is None:
            raise NotFound("no such household")
        return household

    def profile_for(self, household: Household, person_id: str | None) -> Profile:
        """The recognized speaker's profile; anyone not recognized is the guest."""
        if person_id:
            profile = self.store.profile_for_person(household.id, person_id)
            if profile is not None and profile.role is not Role.GUEST:
                return profile
        return self.guest(household)

    def guest(self, household: Household) -> Profile:
        guest = self.store.get_profile(household.id, GUEST_PROFILE_ID)
        return guest or default_profile(household.id, GUEST_PROFILE_ID, "Guest", Role.GUEST)

    def profile(self, household_id: str, profile_id: str) -> Profile:
        profile = self.store.get_profile(household_id, profile_id)
        if profile is None:
            if profile_id == GUEST_PROFILE_ID:
                return self.guest(self.get(household_id))
            raise NotFound("no such profile")
        return profile

    def save_profile(self, profile: Profile) -> Profile:
        self.get(profile.household_id)
        validate_profile(profile)
        self.store.put_profile(profile)
        return profile

    def set_code(
        self,
        household_id: str,
        new_code: str,
        current_code: str | None = None,
        parent_authenticated: bool = False,
    ) -> Household:
        """Set or change the voice code: needs the current code or a signed-in parent."""
        household = self.get(household_id)
        if household.has_code and not parent_authenticated:
            if current_code is None or not codes.verify_code(household.code_hash, current_code):
                raise ValidationError("the current code is not right")
        code = codes.normalize(new_code)
        weak = codes.weak_reason(code)
        if weak:
            raise ValidationError(f"choose another code: {weak}")
        updated = replace(household, code_hash=codes.hash_code(code))
        self.store.put_household(updated)
        return updated

    def update_settings(
        self,
        household_id: str,
        *,
        voice_purchasing: bool | None = None,
        code_required: bool | None = None,
    ) -> Household:
        household = self.get(household_id)
        updated = replace(
            household,
            voice_purchasing=household.voice_purchasing
            if voice_purchasing is None
            else voice_purchasing,
            code_required=household.code_required if code_required is None else code_required,
        )
        self.store.put_household(updated)
        return updated
