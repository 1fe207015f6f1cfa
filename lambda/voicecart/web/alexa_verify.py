"""Verify that a request to the self-hosted Alexa endpoint really comes from Alexa.

Amazon's rules for a skill hosted as a web service (not on Lambda):

* ``SignatureCertChainUrl`` must be ``https://s3.amazonaws.com[:443]/echo.api/...`` (scheme and
  host case-insensitive, path case-sensitive and checked after normalisation);
* the chain found there must lead to a trusted root, be within its validity dates, and the
  signing certificate's subjectAltName must contain ``echo-api.amazon.com``;
* ``Signature-256`` is base64 RSA PKCS#1 v1.5 / SHA-256 over the raw request body;
* ``request.timestamp`` must be within 150 s of now (Alexa skill events: one hour);
* the request must be for our skill id.

Why our own verifiers instead of the SDK's ``RequestVerifier``: that one validates the chain
with ``certvalidator``, which imports ``oscrypto``, and oscrypto 1.3.0 (the last release on
PyPI) cannot parse OpenSSL version strings such as "3.0.19" and raises at import time. Ours
use only ``cryptography``. See docs/alexa-verification.md.

Import this module before (or instead of) ``flask_ask_sdk``: it makes the SDK importable on
such machines, see ``_make_sdk_importable``.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import posixpath
import re
import ssl
import sys
import threading
import types
import urllib.request
import warnings
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store
from cryptography.x509.verification import VerificationError as ChainVerificationError

log = logging.getLogger("voicecart.web.alexa_verify")


def _certvalidator_placeholder(cause: BaseException) -> types.ModuleType:
    """A stand-in ``certvalidator`` whose validator refuses to run.

    ``ask_sdk_webservice_support.verifier`` imports ``CertificateValidator`` and two error
    classes at module level, but only *uses* them inside the SDK's own ``RequestVerifier``,
    which we never install. Should anything construct one anyway, it fails loudly (and the
    request fails closed) instead of skipping the chain check.
    """
    # The failed import usually left the real, dependency-free errors module behind.
    errors = sys.modules.get("certvalidator.errors")
    if errors is None:
        errors = types.ModuleType("certvalidator.errors")
        errors.PathError = type("PathError", (Exception,), {})  # type: ignore[attr-defined]
        errors.ValidationError = type(  # type: ignore[attr-defined]
            "ValidationError", (Exception,), {}
        )
        sys.modules["certvalidator.errors"] = errors

    reason = f"{type(cause).__name__}: {cause}"

    class CertificateValidator:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise RuntimeError(
                "certvalidator is unusable here (" + reason + "); the SDK's RequestVerifier "
                "cannot run. Use voicecart.web.alexa_verify.build_verifiers() instead."
            )

    module = types.ModuleType("certvalidator", "VoiceCart placeholder: " + reason)
    module.CertificateValidator = CertificateValidator  # type: ignore[attr-defined]
    module.errors = errors  # type: ignore[attr-defined]
    module.VOICECART_PLACEHOLDER = True  # type: ignore[attr-defined]
    return module


def _make_sdk_importable() -> None:
    """Let ``ask_sdk_webservice_support`` (and so ``flask_ask_sdk``) import on any OpenSSL.

    The chain is verifier.py -> ``from certvalidator import CertificateValidator`` ->
    certvalidator/validate.py -> ``from oscrypto import asymmetric`` -> ... ->
    oscrypto/_openssl/_libcrypto_cffi.py, whose version regex ``\\d\\.\\d\\.\\d`` cannot match
    "3.0.19" and raises LibraryNotFoundError at import time. No fixed oscrypto is on PyPI, and
    ``oscrypto.use_openssl()`` only picks the library file (the same regex still runs), so the
    real certvalidator is used when it imports and a placeholder is registered when it does not.
    """
    if "certvalidator" in sys.modules:
        return
    try:
        import certvalidator  # noqa: F401
    except Exception as exc:  # LibraryNotFoundError, OSError from dlopen, ImportError, ...
        sys.modules["certvalidator"] = _certvalidator_placeholder(exc)
        log.info(
            "certvalidator unavailable (%s: %s); VoiceCart's own Alexa verifiers are used",
            type(exc).__name__,
            exc,
        )


_make_sdk_importable()

# After the fix-up above: ask_sdk_webservice_support and flask_ask_sdk import certvalidator.
from ask_sdk_core.exceptions import AskSdkException  # noqa: E402
from ask_sdk_core.serialize import DefaultSerializer  # noqa: E402
from ask_sdk_model.request_envelope import RequestEnvelope  # noqa: E402
from ask_sdk_webservice_support import verifier_constants  # noqa: E402
from ask_sdk_webservice_support.verifier import (  # noqa: E402
    AbstractVerifier,
    VerificationException,
)
from flask import jsonify  # noqa: E402
from flask import request as flask_request  # noqa: E402
from flask_ask_sdk.skill_adapter import (  # noqa: E402
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)
from werkzeug import exceptions as http_errors  # noqa: E402

__all__ = [
    "AlexaSkillAdapter",
    "SignatureVerifier",
    "SkillIdVerifier",
    "TimestampVerifier",
    "VerificationError",
    "build_verifiers",
    "check_signing_certificate",
    "fetch_cert_chain",
    "load_default_trust_roots",
    "make_skill_adapter",
    "validate_cert_chain_url",
    "verify_chain",
]

SIGNATURE_HEADER = verifier_constants.SIGNATURE_HEADER  # "Signature-256"
CERT_URL_HEADER = verifier_constants.SIGNATURE_CERT_CHAIN_URL_HEADER  # "SignatureCertChainUrl"
ALEXA_SAN = verifier_constants.CERT_CHAIN_DOMAIN  # "echo-api.amazon.com"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PATH_PREFIX = "/echo.api/"
CERT_URL_PORT = 443
MAX_NORMAL_SKEW_SECONDS = verifier_constants.MAX_NORMAL_REQUEST_TOLERANCE_IN_MILLIS // 1000
MAX_SKILL_EVENT_SKEW_SECONDS = verifier_constants.MAX_SKILL_EVENT_TOLERANCE_IN_MILLIS // 1000
SKILL_EVENT_TYPES = frozenset(verifier_constants.ALEXA_SKILL_EVENT_LIST)

# Alexa gives the whole skill about 8 s; a slow S3 must not eat all of it.
FETCH_TIMEOUT_SECONDS = 3.0
# Amazon's chain is a few KB; anything far bigger is not it.
MAX_CHAIN_BYTES = 64 * 1024
# Amazon rotates the URL about yearly; a handful of entries covers any overlap.
CACHE_MAX_ENTRIES = 16

Clock = Callable[[], datetime]
Fetch = Callable[[str], bytes]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class VerificationError(VerificationException):
    """A request that failed verification.

    Subclasses the SDK's ``VerificationException`` because that is what ``SkillAdapter``
    turns into a 400. ``reason`` is short and never contains headers or body, so it is safe
    to log.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- certificate chain URL -------------------------------------------------------------------


def validate_cert_chain_url(url: str) -> str:
    """Check ``SignatureCertChainUrl`` and return the canonical URL that may be fetched.

    Fetching the canonical form (not the raw header) means what we checked is what we fetch.
    """
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a non-numeric or out-of-range port
    except ValueError as exc:
        raise VerificationError("cert URL: unparseable") from exc
    if parts.scheme.lower() != "https":
        raise VerificationError("cert URL: scheme is not https")
    if parts.hostname != CERT_URL_HOST:  # urlsplit lower-cases the hostname
        raise VerificationError("cert URL: host is not s3.amazonaws.com")
    if port is not None and port != CERT_URL_PORT:
        raise VerificationError("cert URL: port is not 443")
    if parts.username is not None or parts.password is not None:
        raise VerificationError("cert URL: has credentials")
    # Escapes and backslashes could normalise differently on S3 than here; Amazon uses none.
    if "%" in parts.path or "\\" in parts.path:
        raise VerificationError("cert URL: escaped path")
    path = posixpath.normpath(parts.path) if parts.path else ""
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise VerificationError("cert URL: path is not under /echo.api/")
    return f"https://{CERT_URL_HOST}{path}"


# --- fetching and trust roots -----------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """The chain must come from the URL we validated, not wherever a redirect points."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _certifi_pem_path() -> str:
    import certifi  # a dependency of requests, which ask-sdk-core needs

    return str(certifi.where())


def _read_capped(response: Any, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = response.read(limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise VerificationError("cert chain: too large")
    return b"".join(chunks)


def fetch_cert_chain(
    url: str, timeout: float = FETCH_TIMEOUT_SECONDS, context: ssl.SSLContext | None = None
) -> bytes:
    """Download the PEM chain over verified TLS (certifi's roots), no redirects, size-capped."""
    if context is None:
        context = ssl.create_default_context(cafile=_certifi_pem_path())
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), _NoRedirects()
    )
    with opener.open(url, timeout=timeout) as response:
        return _read_capped(response, MAX_CHAIN_BYTES)


_PEM_CERT = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)


def _load_pem_certificates_leniently(pem: bytes) -> list[x509.Certificate]:
    """Load every certificate that parses; skip the rest.

    certifi ships roots that newer cryptography releases frown upon (e.g. a non-positive
    serial: a deprecation warning today, an error later); one odd root must not take the
    whole trust store down.
    """
    certs = []
    for block in _PEM_CERT.findall(pem):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            try:
                certs.append(x509.load_pem_x509_certificate(block))
            except ValueError:
                continue
    return certs


def load_default_trust_roots() -> list[x509.Certificate]:
    """certifi's CA bundle, the trust store both for the chain and for the S3 download."""
    roots = _load_pem_certificates_leniently(Path(_certifi_pem_path()).read_bytes())
    if not roots:
        raise RuntimeError("no usable certificate in certifi's bundle")
    return roots


# --- certificate checks -----------------------------------------------------------------------


def _parse_chain(pem: bytes) -> list[x509.Certificate]:
    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError as exc:
        raise VerificationError("cert chain: not PEM certificates") from exc
    if not certs:
        raise VerificationError("cert chain: empty")
    return certs


def _check_validity(cert: x509.Certificate, now: datetime) -> None:
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise VerificationError("signing cert: outside its validity dates")


def _check_alexa_san(cert: x509.Certificate) -> None:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound as exc:
        raise VerificationError("signing cert: no subjectAltName") from exc
    # Exact match, as Amazon specifies: a wildcard such as *.amazon.com does not count.
    if ALEXA_SAN not in san.get_values_for_type(x509.DNSName):
        raise VerificationError("signing cert: subjectAltName lacks echo-api.amazon.com")


def _check_signing_usage(cert: x509.Certificate) -> None:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not usage.digital_signature:
        raise VerificationError("signing cert: key usage excludes digitalSignature")


def check_signing_certificate(cert: x509.Certificate, now: datetime) -> None:
    """The end-entity checks Amazon lists, done explicitly for clear rejection reasons."""
    try:
        _check_validity(cert, now)
        _check_alexa_san(cert)
        _check_signing_usage(cert)
    except VerificationError:
        raise
    except Exception as exc:  # unparseable extensions in an untrusted certificate
        raise VerificationError("signing cert: malformed extensions") from exc
    if not isinstance(cert.public_key(), rsa.RSAPublicKey):
        raise VerificationError("signing cert: key is not RSA")


def verify_chain(certs: list[x509.Certificate], store: Store, now: datetime) -> None:
    """Build a path from the first cert through the others to a root in ``store``.

    cryptography's web-PKI policy also checks every certificate's dates, CA constraints,
    key sizes and that the leaf is valid for the DNS name echo-api.amazon.com.
    """
    verifier = PolicyBuilder().store(store).time(now).build_server_verifier(x509.DNSName(ALEXA_SAN))
    try:
        verifier.verify(certs[0], certs[1:])
    except (ChainVerificationError, ValueError) as exc:
        raise VerificationError("cert chain: does not lead to a trusted root") from exc


def _decode_signature(value: str) -> bytes:
    try:
        signature = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VerificationError("signature: not base64") from exc
    if not signature:
        raise VerificationError("signature: empty")
    return signature


def _check_body_signature(cert: x509.Certificate, signature: bytes, body: bytes) -> None:
    key = cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey)  # check_signing_certificate made sure
    try:
        key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as exc:
        raise VerificationError("signature: does not match the body") from exc


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    """Case-insensitive lookup that works for Flask's headers and for a plain dict."""
    wanted = name.lower()
    for key, value in headers.items():
        if str(key).lower() == wanted:
            return str(value)
    return None


# --- verifiers --------------------------------------------------------------------------------


class _ChainCache:
    """Parsed chains per canonical URL, in-process, bounded, thread-safe."""

    def __init__(self, max_entries: int = CACHE_MAX_ENTRIES) -> None:
        self._max_entries = max_entries
        self._entries: dict[str, list[x509.Certificate]] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> list[x509.Certificate] | None:
        with self._lock:
            return self._entries.get(url)

    def put(self, url: str, certs: list[x509.Certificate]) -> None:
        with self._lock:
            if url not in self._entries and len(self._entries) >= self._max_entries:
                del self._entries[next(iter(self._entries))]  # oldest first
            self._entries[url] = certs

    def discard(self, url: str) -> None:
        with self._lock:
            self._entries.pop(url, None)


class SignatureVerifier(AbstractVerifier):
    """Checks the cert chain URL, the chain, the signing cert and ``Signature-256``."""

    def __init__(
        self,
        trust_roots: Iterable[x509.Certificate],
        fetch: Fetch = fetch_cert_chain,
        clock: Clock = _utc_now,
    ) -> None:
        roots = list(trust_roots)
        if not roots:
            raise ValueError("at least one trust root is needed")
        self._store = Store(roots)
        self._fetch = fetch
        self._clock = clock
        self._cache = _ChainCache()

    def verify(
        self, headers: Mapping[str, Any], serialized_request_env: str, deserialized_request_env: Any
    ) -> None:
        cert_url = _header(headers, CERT_URL_HEADER)
        signature_b64 = _header(headers, SIGNATURE_HEADER)
        if not cert_url or not signature_b64:
            raise VerificationError("missing Signature-256 or SignatureCertChainUrl header")
        url = validate_cert_chain_url(cert_url)
        signature = _decode_signature(signature_b64)  # before any download: cheap rejects first
        leaf = self._trusted_signing_cert(url)
        # SkillAdapter decoded the body as strict UTF-8, so this gives back the exact bytes.
        _check_body_signature(leaf, signature, serialized_request_env.encode("utf-8"))

    def _trusted_signing_cert(self, url: str) -> x509.Certificate:
        certs = self._cache.get(url)
        from_cache = certs is not None
        if certs is None:
            certs = _parse_chain(self._download(url))
        try:
            now = self._clock()
            check_signing_certificate(certs[0], now)
            verify_chain(certs, self._store, now)
        except VerificationError:
            # A cached chain that stopped validating (expired) is dropped so a fix is refetched.
            if from_cache:
                self._cache.discard(url)
            raise
        if not from_cache:
            self._cache.put(url, certs)
        return certs[0]

    def _download(self, url: str) -> bytes:
        try:
            data = self._fetch(url)
        except VerificationError:
            raise
        except Exception as exc:  # network errors of every kind: the request cannot be trusted
            log.warning("Alexa cert chain download failed: %s", type(exc).__name__)
            raise VerificationError("cert chain: download failed") from exc
        if len(data) > MAX_CHAIN_BYTES:
            raise VerificationError("cert chain: too large")
        return data


def _skew_limit(max_skew_seconds: int) -> int:
    if not 0 <= max_skew_seconds <= MAX_NORMAL_SKEW_SECONDS:
        raise ValueError(
            f"max_skew_seconds must be within 0..{MAX_NORMAL_SKEW_SECONDS}; "
            "Amazon does not allow more for normal requests"
        )
    return max_skew_seconds


class TimestampVerifier(AbstractVerifier):
    """``request.timestamp`` within ``max_skew_seconds`` of now, either direction.

    Alexa skill events (SkillEnabled, ...) may be delivered up to an hour late, as Amazon
    documents and the SDK's own TimestampVerifier allows; every other request gets 150 s.
    """

    def __init__(
        self,
        max_skew_seconds: int = MAX_NORMAL_SKEW_SECONDS,
        skill_event_max_skew_seconds: int = MAX_SKILL_EVENT_SKEW_SECONDS,
        clock: Clock = _utc_now,
    ) -> None:
        self._max_skew = _skew_limit(max_skew_seconds)
        self._event_max_skew = min(
            max(skill_event_max_skew_seconds, self._max_skew), MAX_SKILL_EVENT_SKEW_SECONDS
        )
        self._clock = clock

    def verify(
        self, headers: Mapping[str, Any], serialized_request_env: str, deserialized_request_env: Any
    ) -> None:
        request = getattr(deserialized_request_env, "request", None)
        stamp = getattr(request, "timestamp", None)
        if not isinstance(stamp, datetime):
            raise VerificationError("timestamp: missing")
        if stamp.tzinfo is None:  # Alexa sends UTC ("...Z"); be explicit about a bare one
            stamp = stamp.replace(tzinfo=UTC)
        skew = abs((self._clock() - stamp).total_seconds())
        is_event = getattr(request, "object_type", None) in SKILL_EVENT_TYPES
        if skew > (self._event_max_skew if is_event else self._max_skew):
            raise VerificationError("timestamp: too far from now")


def _application_ids(envelope: Any) -> list[str]:
    """Every application id the envelope carries (context, and session when present)."""
    holders = (
        getattr(getattr(envelope, "context", None), "system", None),
        getattr(envelope, "session", None),
    )
    ids = []
    for holder in holders:
        app_id = getattr(getattr(holder, "application", None), "application_id", None)
        if app_id is not None:
            ids.append(app_id)
    return ids


class SkillIdVerifier(AbstractVerifier):
    """The request must name our skill, or a signed request for any skill would be served.

    The skill object may check this too, but it raises a plain AskSdkException there, which
    SkillAdapter answers with a 500; here it is a 400 before any handler runs.
    """

    def __init__(self, skill_id: str) -> None:
        if not skill_id:
            raise ValueError("skill_id is required")
        self._skill_id = skill_id

    def verify(
        self, headers: Mapping[str, Any], serialized_request_env: str, deserialized_request_env: Any
    ) -> None:
        ids = _application_ids(deserialized_request_env)
        if not ids or any(app_id != self._skill_id for app_id in ids):
            raise VerificationError("skill id: not this skill")


def build_verifiers(
    trust_roots: list[x509.Certificate] | None = None,
    fetch: Fetch | None = None,
    max_skew_seconds: int = MAX_NORMAL_SKEW_SECONDS,
) -> list[AbstractVerifier]:
    """Signature and timestamp verifiers; the skill-id one is added by make_skill_adapter.

    ``trust_roots`` defaults to certifi's bundle and ``fetch`` to an HTTPS download; tests
    pass a local CA and a function returning its PEM chain.
    """
    roots = load_default_trust_roots() if trust_roots is None else trust_roots
    return [
        SignatureVerifier(roots, fetch or fetch_cert_chain),
        TimestampVerifier(max_skew_seconds),
    ]


# --- the Flask adapter ------------------------------------------------------------------------


def _parse_envelope(body: bytes, serializer: DefaultSerializer) -> tuple[str, RequestEnvelope]:
    """The body's text and its envelope, or BadRequest.

    The SDK would answer these with a 500 (or crash further in), and its error message
    quotes the whole body into the log; here they get a quiet 400.
    """
    try:
        text = body.decode("utf-8")
        parsed = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        reason = "body is not UTF-8 JSON"
    else:
        if not isinstance(parsed, dict):
            reason = "body is not a JSON object"
        else:
            try:
                return text, serializer.deserialize(payload=text, obj_type=RequestEnvelope)
            except Exception:  # unverified input: any failure to map it is the sender's fault
                reason = "body is not an Alexa request envelope"
    log.warning("Alexa request rejected: %s", reason)
    raise http_errors.BadRequest(description="Malformed Alexa request")


class AlexaSkillAdapter(SkillAdapter):  # type: ignore[misc]
    """``SkillAdapter`` that answers malformed bodies with 400 instead of 500, and reads
    each request once: the verifiers and the skill share one deserialized envelope (the
    SDK's handler would deserialize it a second time)."""

    def dispatch_request(self) -> Any:
        if flask_request.method != "POST":
            raise http_errors.MethodNotAllowed()
        skill = self._skill
        text, envelope = _parse_envelope(flask_request.data, skill.serializer)
        try:
            for verifier in self._webservice_handler._verifiers:
                verifier.verify(
                    headers=flask_request.headers,
                    serialized_request_env=text,
                    deserialized_request_env=envelope,
                )
            response = skill.invoke(request_envelope=envelope, context=None)
            return jsonify(skill.serializer.serialize(response))
        except VerificationException as exc:
            log.warning("Alexa request failed verification")
            raise http_errors.BadRequest(
                description="Incoming request failed verification"
            ) from exc
        except AskSdkException as exc:
            log.error("skill dispatch failed", exc_info=True)
            raise http_errors.InternalServerError(description="Skill dispatch failed") from exc


def make_skill_adapter(
    skill: Any,
    skill_id: str,
    app: Any,
    verify: bool = True,
    verifiers: list[AbstractVerifier] | None = None,
) -> AlexaSkillAdapter:
    """The Alexa endpoint's adapter; call ``.register(app=app, route=...)`` on it.

    ``verifiers`` replaces the default signature + timestamp verifiers (build_verifiers()).
    ``verify=False`` (local simulators only) runs neither; the skill-id check stays whenever
    a skill id is configured. With ``verify=True`` a skill id is required.
    """
    if verify:
        if not skill_id:
            raise ValueError("a skill id is required when requests are verified")
        chosen = list(verifiers) if verifiers is not None else build_verifiers()
    else:
        if verifiers is not None:
            raise ValueError("verifiers were given but verify=False")
        chosen = []
    if skill_id:
        chosen.append(SkillIdVerifier(skill_id))
    # Our verifiers replace the SDK defaults; its RequestVerifier needs certvalidator.
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    return AlexaSkillAdapter(skill=skill, skill_id=skill_id, verifiers=chosen, app=app)
