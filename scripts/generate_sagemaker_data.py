"""Generate ``rules/sagemaker/data/sagemaker.json`` from botocore's SageMaker service model.

Usage (botocore is needed here only, never at run time)::

    python -m pip install botocore==<version>
    python scripts/generate_sagemaker_data.py            # rewrite the data file
    python scripts/generate_sagemaker_data.py --check    # exit 1 if the file is out of date

The output keeps what the rules need from every shape reachable from an operation's input:
types, members, required lists, enums, length and value bounds, list and map sizes, and
patterns translated from the Java dialect of the model into Python's ``re`` (always to an
equal or wider language, so a translation can never produce a false positive).  It is
stamped with the botocore version it was read from; ``tests/test_sagemaker_data.py``
regenerates and compares when the installed botocore has that version.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parents[1] / "rules" / "sagemaker" / "data" / "sagemaker.json"
SERVICE = "sagemaker"

# Java Unicode classes inside a character class, widened to what Python's re can say.
_CLASS_ESCAPES = {
    r"\p{L}": r"\w",
    r"\p{N}": r"\w",
    r"\p{Alnum}": "a-zA-Z0-9",
    r"\p{Z}": r"\s",
    r"\p{M}": r"\W",
    r"\p{S}": r"\W",
    r"\p{P}": r"\W",
}
# A UTF-16 surrogate pair range (Java matches supplementary characters this way).
_SURROGATES = re.compile(r"\\uD800\\uDC00-\\uDBFF\\uDFFF", re.IGNORECASE)


def translate_pattern(pattern: str) -> str | None:
    """The model's (Java) regular expression as a Python one, or ``None`` if it cannot be
    translated without narrowing what it accepts."""
    text = _SURROGATES.sub(r"\\U00010000-\\U0010FFFF", pattern)
    for java, python in _CLASS_ESCAPES.items():
        text = text.replace(java, python)
    try:
        re.compile(text)
    except re.error:
        return None
    return text


def reachable(model: dict[str, Any]) -> set[str]:
    """Every shape reachable from an operation's input."""
    shapes = model["shapes"]
    seen: set[str] = set()
    stack = [op["input"]["shape"] for op in model["operations"].values() if "input" in op]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        stack.extend(shape[k]["shape"] for k in ("member", "key", "value") if k in shape)
        stack.extend(m["shape"] for m in shape.get("members", {}).values())
    return seen


def compact(shape: dict[str, Any], dropped: list[str], name: str) -> dict[str, Any]:
    """The parts of one shape that the rules read."""
    out: dict[str, Any] = {"type": shape["type"]}
    kind = shape["type"]
    if kind == "structure":
        members = shape.get("members", {})
        out["members"] = {m: spec["shape"] for m, spec in sorted(members.items())}
        if shape.get("required"):
            out["required"] = sorted(shape["required"])
        deprecated = sorted(m for m, spec in members.items() if spec.get("deprecated"))
        if deprecated:
            out["deprecated"] = deprecated
        if shape.get("union"):
            out["union"] = True
    elif kind == "list":
        out["member"] = shape["member"]["shape"]
    elif kind == "map":
        out["key"] = shape["key"]["shape"]
        out["value"] = shape["value"]["shape"]
    for bound in ("min", "max"):
        if bound in shape:
            out[bound] = shape[bound]
    if "enum" in shape:
        out["enum"] = sorted(shape["enum"])
    if "pattern" in shape:
        translated = translate_pattern(shape["pattern"])
        if translated is None:
            dropped.append(name)
        else:
            out["pattern"] = translated
    return out


def generate() -> dict[str, Any]:
    import botocore
    from botocore.loaders import Loader

    model = Loader().load_service_model(SERVICE, "service-2")
    dropped: list[str] = []
    names = reachable(model)
    shapes = {name: compact(model["shapes"][name], dropped, name) for name in sorted(names)}
    operations = {name: op["input"]["shape"] for name, op in sorted(model["operations"].items()) if "input" in op}
    return {
        "botocore_version": botocore.__version__,
        "api_version": model["metadata"]["apiVersion"],
        "generated_by": "scripts/generate_sagemaker_data.py",
        "untranslated_patterns": sorted(dropped),
        "operations": operations,
        "shapes": shapes,
    }


def render(data: dict[str, Any]) -> str:
    """Compact JSON with one shape per line, so that a refresh shows a readable diff."""
    lines = ["{"]
    head = [k for k in data if k != "shapes"]
    for key in head:
        lines.append(f"{json.dumps(key)}:{json.dumps(data[key], sort_keys=True, separators=(',', ':'))},")
    lines.append('"shapes":{')
    items = list(data["shapes"].items())
    for i, (name, shape) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append(f"{json.dumps(name)}:{json.dumps(shape, sort_keys=True, separators=(',', ':'))}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render(generate())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
