"""The domain and the conversation core import no platform or cloud library: they work with
boto3, ask_sdk and flask absent."""

from __future__ import annotations

import subprocess
import sys
import textwrap

FORBIDDEN = (
    "boto3",
    "botocore",
    "ask_sdk_core",
    "ask_sdk_model",
    "ask_sdk_runtime",
    "ask_sdk_webservice_support",
    "flask",
    "flask_ask_sdk",
    "werkzeug",
)

PROBE = textwrap.dedent("""
    import importlib, pkgutil, sys

    FORBIDDEN = {forbidden!r}

    class Absent:
        # Behaves as if the packages were not installed at all.
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in FORBIDDEN:
                raise ModuleNotFoundError(f"No module named {{name!r}}")
            return None

    sys.meta_path.insert(0, Absent())
    import voicecart.domain, voicecart.conversation
    imported = []
    for package in (voicecart.domain, voicecart.conversation):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
            imported.append(info.name)
    import voicecart.ports
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in FORBIDDEN)
    assert not leaked, leaked
    print(len(imported))
""")


def test_domain_and_conversation_import_without_platform_or_cloud_libraries() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(forbidden=FORBIDDEN)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 20  # every module of both packages was imported


def test_the_probe_would_notice_a_platform_import() -> None:
    probe = PROBE.format(forbidden=FORBIDDEN).replace(
        "import voicecart.ports", "import voicecart.ports\nimport voicecart.alexa.skill"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "ask_sdk" in done.stderr
