"""The JSON Schemas in asllint/schemas/asl/: valid Draft 2020-12, readable, and what they accept; and the
small validator of rules/spec/structure/_schema.py agrees with the ``jsonschema`` package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from asllint_rules.spec.structure._schema import SCHEMA_FILE, Validator, load_schema

SCHEMAS = Path(__file__).parents[1] / "asllint" / "schemas" / "asl"
CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
#: what a schema keyword may be besides the ones the validator implements
ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description"}


def _schema_files() -> list[Path]:
    return sorted(SCHEMAS.glob("*.json"))


def _subschemas(schema: Any) -> list[dict[str, Any]]:
    """Every schema object inside ``schema`` (itself included)."""
    if not isinstance(schema, dict):
        return []
    found = [schema]
    for key, value in schema.items():
        if key in ("properties", "$defs"):
            for sub in value.values():
                found += _subschemas(sub)
        elif key in ("anyOf", "allOf"):
            for sub in value:
                found += _subschemas(sub)
        elif key in ("items", "additionalProperties", "propertyNames", "if", "then"):
            found += _subschemas(value)
    return found


def test_the_schema_files_are_there() -> None:
    assert [p.name for p in _schema_files()] == [SCHEMA_FILE]


@pytest.mark.parametrize("path", _schema_files(), ids=lambda p: p.name)
def test_valid_json_and_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", _schema_files(), ids=lambda p: p.name)
def test_readable_and_within_the_validator(path: Path) -> None:
    """Indented, every definition described and used, only keywords our validator implements, every $ref resolves."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("{\n  ")
    schema = json.loads(text)
    validator = Validator(schema)
    for name, sub in schema["$defs"].items():
        assert sub.get("description"), f"$defs/{name} has no description"
    referenced = {sub["$ref"] for sub in _subschemas(schema) if "$ref" in sub}
    assert {f"#/$defs/{name}" for name in schema["$defs"]} == referenced, "a definition nobody uses"
    for sub in _subschemas(schema):
        unknown = set(sub) - Validator.KEYWORDS - ANNOTATIONS
        assert not unknown, f"keywords the validator does not implement: {unknown}"
        if "$ref" in sub:
            validator.resolve(sub["$ref"])


def _machine(**states: Any) -> dict[str, Any]:
    return {"StartAt": next(iter(states)), "States": states}


GOOD = [
    _machine(A={"Type": "Succeed"}),
    {"Version": "1.0", "TimeoutSeconds": 60, "QueryLanguage": "JSONata", **_machine(A={"Type": "Pass", "End": True})},
    _machine(A={"Type": "Wait", "Seconds": "{% $x %}", "QueryLanguage": "JSONata", "End": True}),
    _machine(A={"Type": "Wait", "Seconds": "${Delay}", "End": True}),
    _machine(A={"Type": "Task", "Resource": {"Fn::GetAtt": ["Fn", "Arn"]}, "End": True}),
    _machine(A={"Type": "Task", "Resource": "arn", "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 2}], "End": True}),
    _machine(A={"Type": "Map", "ItemProcessor": _machine(B={"Type": "Succeed"}), "Items": [1, 2], "End": True}),
    _machine(A={"Type": "Parallel", "Branches": [_machine(B={"Type": "Succeed"})], "End": True}),
    _machine(A={"Type": "${StateType}", "Anything": 1}),
    _machine(**{"x" * 80: {"Type": "Succeed"}}),
    _machine(
        A={
            "Type": "Map",
            "ToleratedFailurePercentage": 0,
            "ItemProcessor": _machine(B={"Type": "Succeed"}),
            "End": True,
        }
    ),
    _machine(A={"Type": "Map", "ResultWriter": {"WriterConfig": {"OutputType": "JSON"}}, "End": True}),
    _machine(A={"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f:$LATEST", "End": True}),
    _machine(A={"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f:${Alias}", "End": True}),
    _machine(A={"Type": "Task", "Resource": "arn", "Credentials": {"RoleArn.$": "$.role"}, "End": True}),
    _machine(
        A={
            "Type": "Map",
            "ItemReader": {
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                "Parameters": {"Bucket": "b", "Key.$": "$.key"},
            },
            "ItemBatcher": {"MaxItemsPerBatch": 10, "MaxInputBytesPerBatchPath": "$.bytes", "BatchInput": {"a": 1}},
            "End": True,
        }
    ),
    _machine(A={"Type": "Map", "ItemReader": {"Fn::If": ["C", {}, {}]}, "ItemBatcher": "${Batcher}", "End": True}),
]
MAP_PERCENT = ("States", "A", "ToleratedFailurePercentage")
# instance, the path of the one error, its keyword
BAD = [
    ({"Startat": "A", **_machine(A={"Type": "Succeed"})}, ("Startat",), "additionalProperties"),
    ({"Version": "2.0", **_machine(A={"Type": "Succeed"})}, ("Version",), "const"),
    (_machine(A={"Type": "Sucess"}), ("States", "A", "Type"), "enum"),
    (_machine(A={"Comment": "no type"}), ("States", "A"), "required"),
    (_machine(A={"Type": "Pass", "Resource": "arn", "End": True}), ("States", "A", "Resource"), "additionalProperties"),
    (_machine(A={"Type": "Pass", "End": "true"}), ("States", "A", "End"), "anyOf"),
    (_machine(A={"Type": "Wait", "Seconds": "10", "End": True}), ("States", "A", "Seconds"), "anyOf"),
    (_machine(A={"Type": "Task", "Resource": "r", "Retry": [5], "End": True}), ("States", "A", "Retry", 0), "type"),
    (_machine(**{"x" * 81: {"Type": "Succeed"}}), ("States", "x" * 81), "propertyNames"),
    (_machine(A={"Type": "Map", "ToleratedFailurePercentage": 100.5, "End": True}), MAP_PERCENT, "maximum"),
    (_machine(A={"Type": "Map", "ToleratedFailurePercentage": -1, "End": True}), MAP_PERCENT, "minimum"),
    (
        _machine(A={"Type": "Map", "ResultWriter": {"WriterConfig": {"Transformation": "NONE"}}, "End": True}),
        ("States", "A", "ResultWriter", "WriterConfig"),
        "required",
    ),
    (
        _machine(A={"Type": "Task", "Resource": "arn", "Credentials": {}, "End": True}),
        ("States", "A", "Credentials"),
        "required",
    ),
    (
        _machine(A={"Type": "Map", "ItemReader": {"Parameters": {}}, "End": True}),
        ("States", "A", "ItemReader"),
        "required",
    ),
    (
        _machine(A={"Type": "Map", "ItemBatcher": {"MaxItemsPerBatch": 5, "MaxItems": 1}, "End": True}),
        ("States", "A", "ItemBatcher", "MaxItems"),
        "additionalProperties",
    ),
    (
        _machine(A={"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f:", "End": True}),
        ("States", "A", "Resource"),
        "pattern",
    ),
    (
        _machine(A={"Type": "Parallel", "Branches": [{"Next": "B", **_machine(B={"Type": "Succeed"})}], "End": True}),
        ("States", "A", "Branches", 0, "Next"),
        "additionalProperties",
    ),
]


@pytest.fixture(scope="module", name="checkers")
def _checkers() -> tuple[Validator, jsonschema.Draft202012Validator]:
    schema = load_schema()
    return Validator(schema), jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("instance", GOOD)
def test_good_instances(instance: Any, checkers: tuple[Validator, jsonschema.Draft202012Validator]) -> None:
    ours, theirs = checkers
    assert ours.errors(instance) == []
    assert theirs.is_valid(instance)


@pytest.mark.parametrize(("instance", "path", "keyword"), BAD)
def test_bad_instances(
    instance: Any, path: tuple[Any, ...], keyword: str, checkers: tuple[Validator, jsonschema.Draft202012Validator]
) -> None:
    ours, theirs = checkers
    errors = ours.errors(instance)
    assert [(e.path, e.keyword) for e in errors] == [(path, keyword)]
    assert not theirs.is_valid(instance)


def _corpus_definitions() -> list[Path]:
    manifest = CORPUS / "MANIFEST.json"
    if not manifest.is_file():
        return []
    entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    return [
        CORPUS / e["path"]
        for e in entries
        if e["kind"] == "definition" and e["parse_status"] == "ok" and e.get("parse_format") == "json"
    ]


def test_the_validator_agrees_with_jsonschema_on_the_corpus(
    checkers: tuple[Validator, jsonschema.Draft202012Validator],
) -> None:
    paths = _corpus_definitions()
    if not paths:
        pytest.skip(f"no corpus at {CORPUS}")
    ours, theirs = checkers
    disagree = []
    checked = invalid = 0
    for path in paths:
        try:
            instance = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        checked += 1
        mine = {
            e.path[:-1] if e.keyword in ("additionalProperties", "propertyNames") else e.path
            for e in ours.errors(instance)
        }
        other = {tuple(e.absolute_path) for e in theirs.iter_errors(instance)}
        # ours may point deeper (inside the alternative of an anyOf that fits the value): compare by prefix
        if not all(any(m[: len(o)] == o for o in other) for m in mine) or not all(
            any(m[: len(o)] == o for m in mine) for o in other
        ):
            disagree.append(
                f"{path.relative_to(CORPUS)}: ours {sorted(map(str, mine))}, jsonschema {sorted(map(str, other))}"
            )
        invalid += bool(mine)
    assert checked > 500
    assert invalid > 20
    assert disagree == []


def test_a_misspelt_required_member_is_one_finding() -> None:
    from test_rule_fixtures import lint

    machine = _machine(
        A={
            "Type": "Map",
            "ItemProcessor": _machine(B={"Type": "Succeed"}),
            "ItemReader": {"Resourse": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}},
            "End": True,
        }
    )
    found = [(f.rule, f.message) for f in lint("m.asl.json", json.dumps(machine).encode()) if f.rule.startswith("ASL1")]
    assert found == [("ASL107", "'Resourse' is not a field of a Map's ItemReader; did you mean 'Resource'?")]
