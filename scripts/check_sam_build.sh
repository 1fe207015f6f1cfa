#!/usr/bin/env bash
# `sam build` as a new user runs it (docs/aws.md), checked offline: the SAM CLI in its own
# virtualenv, a Python matching the template's runtime, wheels for arm64 from PyPI. No Docker.
# About 70 s on a cold machine (installing the SAM CLI), 30 s when its virtualenv is there.
set -euo pipefail
cd "$(dirname "$0")/.."
runtime=$(sed -n 's/^ *Runtime: python\([0-9.]*\).*/\1/p' template.yaml | head -1)
python=""
for candidate in "python$runtime" "$HOME/.pyenv/versions/$runtime"*/bin/"python$runtime"; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys' 2>/dev/null; then
    python=$(command -v "$candidate"); break
  fi
done
if [ -z "$python" ]; then
  if [ -n "${CI:-}" ]; then
    echo "check_sam_build: no python$runtime here (the template's runtime)" >&2
    exit 1
  fi
  echo "check_sam_build: no python$runtime here (the template's runtime); skipped" >&2
  exit 0
fi
venv=${SAM_VENV:-${TMPDIR:-/tmp}/voicecart-sam-venv}
if [ ! -x "$venv/bin/sam" ] || ! cmp -s requirements-sam.txt "$venv/.requirements"; then
  "$python" -m venv "$venv"
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r requirements-sam.txt \
    >"$venv/pip.log" 2>&1; then
    cat "$venv/pip.log" >&2; exit 1
  fi
  cp requirements-sam.txt "$venv/.requirements"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# sam build looks for python3.X on PATH
PATH="$(dirname "$python"):$PATH" SAM_CLI_TELEMETRY=0 \
  "$venv/bin/sam" build --build-dir "$out/build" --cache-dir "$out/cache" >"$out/log" 2>&1 \
  || { cat "$out/log"; exit 1; }
for fn in SkillFunction WebFunction; do
  test -f "$out/build/$fn/voicecart/lambda_function.py"
  test -d "$out/build/$fn/apig_wsgi"
  if find "$out/build/$fn" -name '*x86_64*.so' | grep -q .; then
    echo "check_sam_build: $fn holds x86_64 binaries; the functions run on arm64" >&2; exit 1
  fi
done
echo "sam build: ok (python$runtime, arm64, $(du -sh "$out/build/SkillFunction" | cut -f1) per function)"
