"""Point skill-package/skill.json at the deployed skill function, or take the endpoint out.

    python3 scripts/skill_endpoint.py --clear     # before the skill exists (first ask deploy)
    python3 scripts/skill_endpoint.py ARN         # the stack's SkillFunctionArn output

Only `manifest.apis.custom.endpoint` changes; the rest of the file is kept as it is.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

SKILL_JSON = Path(__file__).resolve().parent.parent / "skill-package" / "skill.json"
LAMBDA_ARN = re.compile(r"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+$")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("arn", nargs="?", help="the SkillFunctionArn output of the stack")
    which.add_argument("--clear", action="store_true", help="remove the endpoint")
    args = parser.parse_args()
    skill = json.loads(SKILL_JSON.read_text("utf-8"))
    custom = skill["manifest"].setdefault("apis", {}).setdefault("custom", {})
    if args.clear:
        custom.pop("endpoint", None)
    else:
        if not LAMBDA_ARN.match(args.arn):
            parser.error(f"not a Lambda function ARN: {args.arn}")
        custom["endpoint"] = {"uri": args.arn}
    SKILL_JSON.write_text(json.dumps(skill, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"{SKILL_JSON.name}: endpoint {'removed' if args.clear else args.arn}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
