"""Generated files: what `voicecart models build` writes and `voicecart models check` compares."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .alexa import build_alexa
from .dialogflow import AGENT_DIR, build_dialogflow, dumps
from .lint import core_contract, lint
from .source import DEFAULT_LOCALE, REPO_ROOT, Model, ModelError, load, locales, source_path

ALEXA_DIR = Path("skill-package") / "interactionModels" / "custom"


def outputs(repo_root: Path | None = None) -> dict[Path, bytes]:
    """Repo-relative path -> exact bytes of every generated file."""
    root = repo_root or REPO_ROOT
    files: dict[Path, bytes] = {}
    for locale in locales(root):
        model = load(source_path(locale, root))
        files[ALEXA_DIR / f"{locale}.json"] = dumps(build_alexa(model))
    # One Dialogflow agent, in the default locale's language.
    primary = load(source_path(DEFAULT_LOCALE, root))
    for name, data in build_dialogflow(primary).items():
        files[AGENT_DIR / name] = data
    return files


def write(repo_root: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Write every generated file under out_dir (default: the repo itself).

    The agent folder is replaced whole, so an intent removed from the source leaves no
    stale file behind.
    """
    root = repo_root or REPO_ROOT
    target = out_dir or root
    files = outputs(root)
    agent = target / AGENT_DIR
    if agent.exists():
        shutil.rmtree(agent)
    written = []
    for rel, data in sorted(files.items()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def _first_difference(committed: bytes, generated: bytes) -> str:
    old = committed.decode("utf-8", "replace").splitlines()
    new = generated.decode("utf-8", "replace").splitlines()
    for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a != b:
            return f"line {number}: committed {a.strip()[:60]!r}, generated {b.strip()[:60]!r}"
    return f"committed has {len(old)} lines, generated {len(new)}"


def differences(repo_root: Path | None = None) -> list[str]:
    root = repo_root or REPO_ROOT
    files = outputs(root)
    out = []
    for rel, data in sorted(files.items()):
        path = root / rel
        if not path.exists():
            out.append(f"{rel}: missing (run `voicecart models build`)")
        elif path.read_bytes() != data:
            where = _first_difference(path.read_bytes(), data)
            out.append(f"{rel}: differs from the source ({where})")
    expected = {root / rel for rel in files}
    for folder in (root / AGENT_DIR, root / ALEXA_DIR):
        if folder.exists():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                if path not in expected:
                    out.append(f"{path.relative_to(root)}: not generated from any source")
    return out


def check(repo_root: Path | None = None) -> list[str]:
    """Everything wrong: stale or hand-edited generated files, lint problems, a model out
    of step with the conversation core or the demo catalog. Empty means all is well."""
    root = repo_root or REPO_ROOT
    problems: list[str] = []
    contract = core_contract()
    for locale in locales(root):
        try:
            model = load(source_path(locale, root))
        except ModelError as exc:
            return [str(exc)]
        problems += [f"{locale}: {p}" for p in lint(model, contract)]
        problems += [f"{locale}: {p}" for p in catalog_problems(model)]
    if not locales(root):
        problems.append(f"no source in {root / 'interaction_models'}")
        return problems
    problems += differences(root)
    problems += skill_manifest_problems(root)
    return problems


def catalog_problems(model: Model) -> list[str]:
    from .catalog_values import stale_types

    return [
        f"slot type {name}: values differ from the demo catalog "
        "(run `voicecart models sync-catalog`)"
        for name in stale_types(model)
    ]


def skill_manifest_problems(repo_root: Path | None = None) -> list[str]:
    """The manifest's example phrases must be spoken forms of real samples."""
    root = repo_root or REPO_ROOT
    path = root / "skill-package" / "skill.json"
    if not path.exists():
        return ["skill-package/skill.json is missing"]
    manifest = json.loads(path.read_text("utf-8"))
    phrases = (
        manifest.get("manifest", {})
        .get("publishingInformation", {})
        .get("locales", {})
        .get(DEFAULT_LOCALE, {})
        .get("examplePhrases", [])
    )
    from .resolve import FALLBACK, resolve

    model = load(source_path(DEFAULT_LOCALE, root))
    out = []
    if len(phrases) != 3:
        out.append(f"skill.json: {len(phrases)} example phrases, Alexa shows three")
    for phrase in phrases:
        if not phrase.lower().startswith(
            f"alexa, open {model.invocation}"
        ) and not phrase.lower().startswith(f"alexa, ask {model.invocation}"):
            out.append(
                f"skill.json: example phrase {phrase!r} must start with "
                f"'Alexa, open {model.invocation}' or 'Alexa, ask {model.invocation}'"
            )
        elif resolve(phrase, model)[0] == FALLBACK:
            out.append(f"skill.json: example phrase {phrase!r} matches no sample utterance")
    return out
