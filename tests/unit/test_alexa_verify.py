"""Alexa request verification, one rule at a time, against a local test CA.

Also home of `AlexaPKI`, the throwaway CA and certificates the functional tests reuse.
"""

from __future__ import annotations

import base64
import functools
import http.server
import ipaddress
import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from voicecart.web.alexa_verify import (
    MAX_CHAIN_BYTES,
    SignatureVerifier,
    SkillIdVerifier,
    TimestampVerifier,
    VerificationError,
    build_verifiers,
    fetch_cert_chain,
    load_default_trust_roots,
    validate_cert_chain_url,
)

REPO = Path(__file__).resolve().parents[2]
SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"

GOOD_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
EXPIRED_URL = "https://s3.amazonaws.com/echo.api/expired.pem"
NO_SAN_URL = "https://s3.amazonaws.com/echo.api/no-san.pem"
OTHER_SAN_URL = "https://s3.amazonaws.com/echo.api/other-san.pem"
ROGUE_URL = "https://s3.amazonaws.com/echo.api/rogue.pem"


# --- the test PKI -----------------------------------------------------------------------------


def _new_key() -> rsa.RSAPrivateKey:
    # 2048 bits: cryptography's web-PKI policy refuses smaller RSA keys.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _make_ca(
    common_name: str,
    key: rsa.RSAPrivateKey,
    now: datetime,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None = None,
) -> x509.Certificate:
    issuer_cert, issuer_key = issuer if issuer else (None, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer_cert.subject if issuer_cert else _name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=30))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


def _make_leaf(
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey],
    key: rsa.RSAPrivateKey,
    *,
    sans: tuple[str, ...] | None,
    not_before: datetime,
    not_after: datetime,
    ip: str | None = None,
) -> x509.Certificate:
    issuer_cert, issuer_key = issuer
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name("echo-api.amazon.com"))
        .issuer_name(issuer_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        # Like Amazon's real echo-api certificate: a TLS server certificate.
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    names: list[x509.GeneralName] = [x509.DNSName(name) for name in sans or ()]
    if ip is not None:
        names.append(x509.IPAddress(ipaddress.ip_address(ip)))
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(*certs: x509.Certificate) -> bytes:
    return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certs)


@dataclass
class AlexaPKI:
    """A root, an intermediate, Alexa-like leaves, and chains served per cert URL."""

    root: x509.Certificate
    leaf_key: rsa.RSAPrivateKey
    rogue_key: rsa.RSAPrivateKey
    chains: dict[str, bytes] = field(default_factory=dict)
    # A TLS server certificate for 127.0.0.1, to exercise the real download code.
    server_chain_pem: bytes = b""
    server_key_pem: bytes = b""

    def sign(self, body: bytes, key: rsa.RSAPrivateKey | None = None) -> str:
        signature = (key or self.leaf_key).sign(body, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode("ascii")

    def fetch(self, url: str) -> bytes:
        """Stands in for the S3 download: unknown URLs fail like a 404 would."""
        if url not in self.chains:
            raise OSError("404 Not Found")
        return self.chains[url]


@functools.lru_cache(maxsize=1)
def build_pki() -> AlexaPKI:
    now = datetime.now(UTC)
    root_key, inter_key, leaf_key, rogue_key = (_new_key() for _ in range(4))
    root = _make_ca("VoiceCart Test Root", root_key, now)
    inter = _make_ca("VoiceCart Test Intermediate", inter_key, now, issuer=(root, root_key))
    issuer = (inter, inter_key)
    current = {"not_before": now - timedelta(days=1), "not_after": now + timedelta(days=30)}

    good = _make_leaf(issuer, leaf_key, sans=("echo-api.amazon.com",), **current)
    expired = _make_leaf(
        issuer,
        leaf_key,
        sans=("echo-api.amazon.com",),
        not_before=now - timedelta(days=400),
        not_after=now - timedelta(days=1),
    )
    no_san = _make_leaf(issuer, leaf_key, sans=None, **current)
    other_san = _make_leaf(issuer, leaf_key, sans=("example.com", "*.amazon.com"), **current)
    # Same leaf key and names, but issued by a CA nobody trusts.
    rogue_root = _make_ca("VoiceCart Test Root", rogue_key, now)
    rogue = _make_leaf((rogue_root, rogue_key), leaf_key, sans=("echo-api.amazon.com",), **current)

    server = _make_leaf(issuer, leaf_key, sans=None, ip="127.0.0.1", **current)

    pki = AlexaPKI(
        root=root,
        leaf_key=leaf_key,
        rogue_key=rogue_key,
        server_chain_pem=_pem(server, inter),
        server_key_pem=leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    pki.chains = {
        GOOD_URL: _pem(good, inter),
        EXPIRED_URL: _pem(expired, inter),
        NO_SAN_URL: _pem(no_san, inter),
        OTHER_SAN_URL: _pem(other_san, inter),
        ROGUE_URL: _pem(rogue, rogue_root),
    }
    return pki


@pytest.fixture(scope="module")
def pki() -> AlexaPKI:
    return build_pki()


def launch_envelope(
    skill_id: str = SKILL_ID, timestamp: datetime | None = None, request_type: str = "LaunchRequest"
) -> dict[str, Any]:
    """A minimal envelope shaped like Alexa's, for the ask-sdk deserializer."""
    stamp = (timestamp or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    application = {"applicationId": skill_id}
    user = {"userId": "amzn1.ask.account.test"}
    return {
        "version": "1.0",
        "session": {
            "new": True,
            "sessionId": "amzn1.echo-api.session.test",
            "application": application,
            "user": user,
        },
        "context": {
            "System": {
                "application": application,
                "user": user,
                "device": {"deviceId": "amzn1.ask.device.test", "supportedInterfaces": {}},
                "apiEndpoint": "https://api.amazonalexa.com",
            }
        },
        "request": {
            "type": request_type,
            "requestId": "amzn1.echo-api.request.test",
            "timestamp": stamp,
            "locale": "en-US",
        },
    }


def _deserialize(envelope: dict[str, Any]) -> Any:
    import json

    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    return DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)


# --- cert chain URL ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        # The valid examples from Amazon's "host a custom skill as a web service" page.
        (
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        ),
        (
            "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        ),
        (
            "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        ),
        (
            "HTTPS://S3.AmazonAWS.com/echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        ),
    ],
)
def test_cert_url_accepted_and_canonicalised(url: str, canonical: str) -> None:
    assert validate_cert_chain_url(url) == canonical


@pytest.mark.parametrize(
    "url",
    [
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",  # scheme
        "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://notamazon.com/echo.api/echo-api-cert.pem",  # host
        "https://s3.amazonaws.com.evil.example/echo.api/cert.pem",
        "https://evil.example/s3.amazonaws.com/echo.api/cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",  # path is case-sensitive
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../x",  # escapes after normalising
        "https://s3.amazonaws.com/echo.api/../../echo.api.evil/x.pem",
        "https://s3.amazonaws.com/echo.api",
        "https://s3.amazonaws.com/echo.api/%2e%2e/x.pem",  # encoded dot segments
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",  # port
        "https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem",
        "https://user:pw@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "",
        "echo.api/echo-api-cert.pem",
    ],
)
def test_cert_url_rejected(url: str) -> None:
    with pytest.raises(VerificationError):
        validate_cert_chain_url(url)


# --- signature verifier -----------------------------------------------------------------------


class CountingFetch:
    def __init__(self, pki: AlexaPKI) -> None:
        self.pki = pki
        self.urls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        return self.pki.fetch(url)


def _signed_headers(pki: AlexaPKI, body: bytes, url: str = GOOD_URL) -> dict[str, str]:
    return {"SignatureCertChainUrl": url, "Signature-256": pki.sign(body)}


def test_good_signature_passes_and_the_chain_is_cached(pki: AlexaPKI) -> None:
    fetch = CountingFetch(pki)
    verifier = SignatureVerifier([pki.root], fetch)
    body = b'{"hello": "alexa"}'
    for _ in range(3):
        verifier.verify(_signed_headers(pki, body), body.decode(), None)
    assert fetch.urls == [GOOD_URL]


def test_header_names_are_case_insensitive(pki: AlexaPKI) -> None:
    body = b"{}"
    headers = {"signaturecertchainurl": GOOD_URL, "SIGNATURE-256": pki.sign(body)}
    SignatureVerifier([pki.root], pki.fetch).verify(headers, body.decode(), None)


def test_fetch_gets_the_canonical_url(pki: AlexaPKI) -> None:
    fetch = CountingFetch(pki)
    body = b"{}"
    headers = _signed_headers(
        pki, body, "https://S3.amazonaws.com:443/echo.api/x/../echo-api-cert-test.pem"
    )
    SignatureVerifier([pki.root], fetch).verify(headers, body.decode(), None)
    assert fetch.urls == [GOOD_URL]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (EXPIRED_URL, "validity"),
        (NO_SAN_URL, "no subjectAltName"),
        (OTHER_SAN_URL, "lacks echo-api.amazon.com"),
        (ROGUE_URL, "trusted root"),
        ("https://s3.amazonaws.com/echo.api/missing.pem", "download failed"),
    ],
)
def test_bad_chains_are_rejected_and_not_cached(pki: AlexaPKI, url: str, why: str) -> None:
    fetch = CountingFetch(pki)
    verifier = SignatureVerifier([pki.root], fetch)
    body = b"{}"
    for _ in range(2):
        with pytest.raises(VerificationError, match=why):
            verifier.verify(_signed_headers(pki, body, url), body.decode(), None)
    assert fetch.urls == [url, url]


@pytest.mark.parametrize("tamper", ["body", "key", "garbage", "empty"])
def test_wrong_signature_is_rejected(pki: AlexaPKI, tamper: str) -> None:
    body = b'{"amount": "1.00"}'
    signature = {
        "body": pki.sign(b'{"amount": "9999.00"}'),
        "key": pki.sign(body, key=pki.rogue_key),
        "garbage": "not*base64!",
        "empty": "",
    }[tamper]
    headers = {"SignatureCertChainUrl": GOOD_URL, "Signature-256": signature}
    with pytest.raises(VerificationError):
        SignatureVerifier([pki.root], pki.fetch).verify(headers, body.decode(), None)


@pytest.mark.parametrize("missing", ["SignatureCertChainUrl", "Signature-256"])
def test_missing_headers_are_rejected_without_a_download(pki: AlexaPKI, missing: str) -> None:
    fetch = CountingFetch(pki)
    body = b"{}"
    headers = _signed_headers(pki, body)
    del headers[missing]
    with pytest.raises(VerificationError, match="missing"):
        SignatureVerifier([pki.root], fetch).verify(headers, body.decode(), None)
    assert fetch.urls == []


def test_not_a_pem_chain_is_rejected(pki: AlexaPKI) -> None:
    body = b"{}"
    verifier = SignatureVerifier([pki.root], lambda url: b"<html>AccessDenied</html>")
    with pytest.raises(VerificationError, match="not PEM"):
        verifier.verify(_signed_headers(pki, body), body.decode(), None)


def test_a_cached_chain_that_expires_is_dropped(pki: AlexaPKI) -> None:
    fetch = CountingFetch(pki)
    clock = {"now": datetime.now(UTC)}
    verifier = SignatureVerifier([pki.root], fetch, clock=lambda: clock["now"])
    body = b"{}"
    verifier.verify(_signed_headers(pki, body), body.decode(), None)
    clock["now"] += timedelta(days=60)  # past the leaf's notAfter
    with pytest.raises(VerificationError, match="validity"):
        verifier.verify(_signed_headers(pki, body), body.decode(), None)
    with pytest.raises(VerificationError):
        verifier.verify(_signed_headers(pki, body), body.decode(), None)
    assert fetch.urls == [GOOD_URL, GOOD_URL]  # refetched after the cached copy failed


def test_default_trust_roots_come_from_certifi() -> None:
    roots = load_default_trust_roots()
    assert len(roots) > 50
    names = {root.subject.rfc4514_string() for root in roots}
    assert any("Amazon Root CA 1" in name for name in names)


# --- the real download, against a TLS server on loopback -------------------------------------


class _ChainHandler(http.server.BaseHTTPRequestHandler):
    chain = b""

    def do_GET(self) -> None:  # noqa: N802 - the http.server naming
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/chain")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
        body = b"x" * (MAX_CHAIN_BYTES + 1) if self.path == "/big" else self.chain
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return None


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        return None  # clients hanging up early is what some tests do on purpose


@pytest.fixture
def chain_server(pki: AlexaPKI, tmp_path: Path) -> Iterator[str]:
    (tmp_path / "chain.pem").write_bytes(pki.server_chain_pem)
    (tmp_path / "key.pem").write_bytes(pki.server_key_pem)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "chain.pem", tmp_path / "key.pem")
    handler = type("Handler", (_ChainHandler,), {"chain": pki.chains[GOOD_URL]})
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _trusting_test_root(pki: AlexaPKI) -> ssl.SSLContext:
    pem = pki.root.public_bytes(serialization.Encoding.PEM).decode()
    return ssl.create_default_context(cadata=pem)


def test_download_returns_the_chain(pki: AlexaPKI, chain_server: str) -> None:
    data = fetch_cert_chain(chain_server + "/chain", context=_trusting_test_root(pki))
    assert data == pki.chains[GOOD_URL]


def test_download_verifies_tls_against_certifi_by_default(chain_server: str) -> None:
    with pytest.raises(urllib.error.URLError):  # the test CA is not in certifi
        fetch_cert_chain(chain_server + "/chain")


def test_download_does_not_follow_redirects(pki: AlexaPKI, chain_server: str) -> None:
    with pytest.raises(urllib.error.HTTPError):
        fetch_cert_chain(chain_server + "/redirect", context=_trusting_test_root(pki))


def test_download_is_size_capped(pki: AlexaPKI, chain_server: str) -> None:
    with pytest.raises(VerificationError, match="too large"):
        fetch_cert_chain(chain_server + "/big", context=_trusting_test_root(pki))


def test_download_times_out(pki: AlexaPKI, chain_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(OSError):  # socket timeout, or URLError wrapping it
        fetch_cert_chain(chain_server + "/slow", timeout=0.3, context=_trusting_test_root(pki))
    assert time.monotonic() - started < 1.4


# --- timestamp verifier -----------------------------------------------------------------------


NOW = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("offset", "ok"),
    [
        (0, True),
        (-150, True),
        (150, True),
        (-151, False),
        (151, False),
        (-3600, False),
    ],
)
def test_timestamp_window_is_150_seconds(offset: int, ok: bool) -> None:
    envelope = _deserialize(launch_envelope(timestamp=NOW + timedelta(seconds=offset)))
    verifier = TimestampVerifier(clock=lambda: NOW)
    if ok:
        verifier.verify({}, "", envelope)
    else:
        with pytest.raises(VerificationError, match="timestamp"):
            verifier.verify({}, "", envelope)


def test_skill_events_may_be_an_hour_late_but_no_more() -> None:
    verifier = TimestampVerifier(clock=lambda: NOW)
    late = {
        "type": "AlexaSkillEvent.SkillEnabled",
        "requestId": "r",
        "timestamp": (NOW - timedelta(seconds=3600)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    envelope = launch_envelope()
    envelope["request"] = late
    verifier.verify({}, "", _deserialize(envelope))
    late["timestamp"] = (NOW - timedelta(seconds=3601)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with pytest.raises(VerificationError):
        verifier.verify({}, "", _deserialize(envelope))


def test_missing_timestamp_is_rejected() -> None:
    envelope = launch_envelope()
    del envelope["request"]["timestamp"]
    with pytest.raises(VerificationError):
        TimestampVerifier().verify({}, "", _deserialize(envelope))
    with pytest.raises(VerificationError):
        TimestampVerifier().verify({}, "", None)


@pytest.mark.parametrize("skew", [-1, 151, 3600])
def test_skew_beyond_amazons_limit_is_refused(skew: int) -> None:
    with pytest.raises(ValueError):
        build_verifiers(trust_roots=[build_pki().root], max_skew_seconds=skew)


# --- skill id verifier ------------------------------------------------------------------------


def test_skill_id_must_match_everywhere_it_appears() -> None:
    verifier = SkillIdVerifier(SKILL_ID)
    verifier.verify({}, "", _deserialize(launch_envelope()))
    with pytest.raises(VerificationError):
        verifier.verify({}, "", _deserialize(launch_envelope(skill_id="amzn1.ask.skill.other")))
    mixed = launch_envelope()
    mixed["session"]["application"] = {"applicationId": "amzn1.ask.skill.other"}
    with pytest.raises(VerificationError):
        verifier.verify({}, "", _deserialize(mixed))
    with pytest.raises(VerificationError):
        verifier.verify({}, "", _deserialize({"request": launch_envelope()["request"]}))


def test_build_verifiers_defaults_to_certifi_and_150_seconds() -> None:
    signature, timestamp = build_verifiers()
    assert isinstance(signature, SignatureVerifier)
    assert isinstance(timestamp, TimestampVerifier)


# --- the oscrypto import trap -----------------------------------------------------------------


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "lambda"))
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
        check=False,
    )


def test_flask_ask_sdk_imports_after_alexa_verify_on_this_machine() -> None:
    result = _run_python(
        "import voicecart.web.alexa_verify\n"
        "from flask_ask_sdk.skill_adapter import SkillAdapter\n"
        "print('imported')\n"
    )
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout


def test_when_oscrypto_cannot_load_the_sdk_verifier_fails_closed() -> None:
    # Deterministic everywhere: block oscrypto as its OpenSSL detection would.
    result = _run_python(
        "import sys\n"
        "sys.modules['oscrypto.asymmetric'] = None\n"
        "import voicecart.web.alexa_verify\n"
        "assert getattr(sys.modules['certvalidator'], 'VOICECART_PLACEHOLDER', False)\n"
        "from ask_sdk_webservice_support.verifier import RequestVerifier\n"
        "import certifi\n"
        "pem = open(certifi.where(), 'rb').read()\n"
        "try:\n"
        "    RequestVerifier()._validate_cert_chain(pem)\n"
        "except RuntimeError as exc:\n"
        "    print('refused:', exc)\n"
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout


def test_a_working_certvalidator_is_left_alone() -> None:
    result = _run_python(
        "import sys, types\n"
        "real = types.ModuleType('certvalidator')\n"
        "real.CertificateValidator = object\n"
        "sys.modules['certvalidator'] = real\n"
        "sys.modules['certvalidator.errors'] = types.SimpleNamespace(\n"
        "    ValidationError=Exception, PathError=Exception)\n"
        "import voicecart.web.alexa_verify\n"
        "assert sys.modules['certvalidator'] is real\n"
        "print('untouched')\n"
    )
    assert result.returncode == 0, result.stderr
    assert "untouched" in result.stdout
