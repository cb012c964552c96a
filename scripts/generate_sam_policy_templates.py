"""Write asllint/iam/data/sam-policy-templates.json from the SAM policy templates.

The AWS SAM translator (the ``aws-sam-translator`` package, installed where this runs) ships
the policy templates that SAM expands in ``Policies`` (``LambdaInvokePolicy``,
``SageMakerCreateEndpointPolicy``...). This keeps each template's statements and parameters,
and records the version it read. Run it after ``pip install aws-sam-translator==X.Y.Z``:

    python scripts/generate_sam_policy_templates.py
"""

from __future__ import annotations

import json
import sys
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).parents[1] / "asllint" / "iam" / "data" / "sam-policy-templates.json"


def generate() -> dict[str, object]:
    text = resources.files("samtranslator").joinpath("policy_templates_data/policy_templates.json").read_text("utf-8")
    data = json.loads(text)
    templates = {
        name: {
            "parameters": sorted(body.get("Parameters", {})),
            "statements": body["Definition"]["Statement"],
        }
        for name, body in sorted(data["Templates"].items())
    }
    return {
        "about": "AWS SAM policy templates: each one's parameters and the statements it expands to",
        "source": f"aws-sam-translator {metadata.version('aws-sam-translator')} (samtranslator/policy_templates_data)",
        "templates": templates,
    }


def render(data: dict[str, object]) -> str:
    return json.dumps(data, indent=1, sort_keys=False) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(generate()), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
