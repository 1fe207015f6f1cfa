"""Google: the Dialogflow ES v2 fulfillment webhook (`POST /google`).

Like the Alexa adapter it only translates: WebhookRequest JSON -> Turn, the core answers,
Reply -> WebhookResponse JSON. Nothing here decides anything about money or safety.

Who is speaking. The Google user id (`originalDetectIntentRequest.payload.user.userId`,
or the Dialogflow session when a channel sends none) is the platform user id that finds
the household, like Alexa's account id. The same user id, written `google:<userId>`, is
the person id that picks a profile: a parent links it on the parent page or through the
API (`PATCH /api/v1/profiles/<id>` with it in `person_ids`), exactly as an Alexa voice id
is linked. A Google user nobody linked is the guest.

Conversation state (the result list, the item being discussed) travels in one output
context, `<session>/contexts/voicecart-state`. Pending purchases, code attempts and
approvals stay in the store; the "device" they are held for is the Dialogflow session,
so what one conversation quoted cannot be confirmed from another.

The shared secret: Dialogflow's fulfillment settings send either a custom header
`X-VoiceCart-Webhook-Secret: <secret>` or HTTP basic auth with the secret as password.
The secret comes from VOICECART_GOOGLE_SECRET; `voicecart serve --demo` without it uses
DEMO_SECRET and prints it.
"""

from __future__ import annotations

SECRET_ENV = "VOICECART_GOOGLE_SECRET"
SECRET_HEADER = "X-VoiceCart-Webhook-Secret"
# A documented demo credential, like the demo voice code: only ever used with --demo.
DEMO_SECRET = "voicecart-demo-google-secret"
PERSON_PREFIX = "google:"

__all__ = ["DEMO_SECRET", "PERSON_PREFIX", "SECRET_ENV", "SECRET_HEADER"]
