"""Our JSONPath parser against jsonpath-ng, a maintained JSONPath parser, where ASL and it agree.

asllint parses paths with a grammar of its own (``asllint/jsonpath.py``): ASL adds the context
object (``$$``), variables (``$name``), intrinsic calls and reference paths, and Step Functions
evaluates with a Jayway-style engine that accepts forms jsonpath-ng refuses.  On the plain
JSONPath both read, they must agree: a path one accepts the other accepts, and a path of names
and indexes has the same steps.  Every disagreement is one of ``DIFFERENCES``, each with a
published definition or a peer's valid fixture that Step Functions accepts.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

import pytest
from test_corpus import CORPUS

from asllint.document import is_placeholder
from asllint.jsonpath import PathError, parse_path

jsonpath_ng = pytest.importorskip("jsonpath_ng.ext")
from jsonpath_ng import jsonpath as ng  # noqa: E402 - after the skip

#: where ASL (Step Functions' Jayway-style evaluation) accepts what jsonpath-ng refuses
DIFFERENCES = {
    # account-vending-machine sample (aws-samples/step-functions-workflows-collection)
    "a filter or index right after a dot": re.compile(r"\.\["),
    # asl-validator's valid-path-array-context fixture: a Jayway script index
    "a script index": re.compile(r"\[\("),
    # Jayway's functions at the end of a path
    "a trailing function": re.compile(r"\.(length|size|min|max|avg|stddev|sum|keys|first|last)\(\)$"),
}

#: paths written for this test: what both must accept, what both must refuse, and the differences
SAMPLES = [
    "$",
    "$.a",
    "$.a.b[0]",
    "$.a[-1]",
    "$.a[0,2]",
    "$.a[1:3]",
    "$.a[::2]",
    "$.a[*].b",
    "$.*",
    "$..x",
    "$['quoted name']",
    '$["x"].y',
    "$.a-b",
    "$.results[12].Payload",
    "$.a[?(@.b > 1)]",
    "$.a[?(@.b == 'x')].c",
    "$.",
    "$.a[",
    "$.a..",
    "$.a b",
    "$.a[0",
    "$[(@.length-1)].bar",
    "$.[?(@.OU > 0)]",
    "$.items.length()",
]


def _corpus_paths() -> list[str]:
    """The plain JSONPath strings of the shared corpus (path fields and ``Key.$`` values that
    start with ``$.``, ``$[`` or are ``$``); none without the corpus."""
    if not (CORPUS / "MANIFEST.json").is_file():
        return []
    found: set[str] = set()

    def walk(value: Any, key: object = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif (
            isinstance(value, str)
            and isinstance(key, str)
            and (key.endswith(("$", "Path")) or key == "Variable")
            and (value == "$" or value.startswith(("$.", "$[")))
        ):
            found.add(value)

    for file in sorted(CORPUS.rglob("*.json")):
        try:
            walk(json.loads(file.read_text(encoding="utf-8")))
        except (ValueError, UnicodeDecodeError):
            continue  # JSON5 and broken fixtures
    return sorted(found)


PATHS = sorted({*SAMPLES, *_corpus_paths()})


def _ours(text: str) -> bool:
    try:
        parse_path(text)
    except PathError:
        return False
    return True


def _theirs(text: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return jsonpath_ng.parse(text)
        except Exception:  # noqa: BLE001 - its parser raises several types
            return None


def _difference(text: str) -> str | None:
    return next((name for name, pattern in DIFFERENCES.items() if pattern.search(text)), None)


CHECKED = [p for p in PATHS if not is_placeholder(p)]  # a ${Placeholder} is never judged


def test_accepted_by_both_or_refused_by_both() -> None:
    disagree = []
    for text in CHECKED:
        ours, theirs = _ours(text), _theirs(text) is not None
        if ours != theirs and not (ours and _difference(text)):
            disagree.append(f"{text!r}: asllint {'accepts' if ours else 'refuses'} it, jsonpath-ng does not")
    assert disagree == []
    assert len(CHECKED) >= len(SAMPLES)


def _their_steps(tree: Any) -> list[Any] | None:
    """The names and indexes of a path jsonpath-ng read, root first; ``None`` for anything else."""
    if isinstance(tree, ng.Root):
        return []
    if isinstance(tree, ng.Child):
        left = _their_steps(tree.left)
        right = tree.right
        if left is None:
            return None
        if isinstance(right, ng.Fields) and len(right.fields) == 1:
            return [*left, right.fields[0]]
        if isinstance(right, ng.Index) and len(right.indices) == 1:
            return [*left, right.indices[0]]
    return None


def test_names_and_indexes_are_the_same_steps() -> None:
    compared = 0
    for text in CHECKED:
        tree = _theirs(text)
        steps = _their_steps(tree) if tree is not None else None
        if steps is None or not _ours(text):
            continue
        path = parse_path(text)
        assert path.is_reference, text
        assert [segment.value for segment in path.segments] == steps, text
        compared += 1
    assert compared >= 8


def test_the_samples_cover_every_difference() -> None:
    assert {_difference(p) for p in SAMPLES} >= set(DIFFERENCES)
