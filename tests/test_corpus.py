"""Checks against the shared corpus of definitions written by others (skipped when it is absent).

Published definitions must not raise errors, and the conformance fixtures of other validators
must agree with us where our rules cover what they assert.  ``pytest -s`` prints a table.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from test_rule_fixtures import lint

from asllint.rule import Severity

if TYPE_CHECKING:
    from asllint.finding import Finding

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
if not (CORPUS / "MANIFEST.json").is_file():
    pytest.skip(f"no corpus at {CORPUS}", allow_module_level=True)

ENTRIES: list[dict[str, Any]] = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))["files"]
DOCS = "real/awsdocs--aws-step-functions-developer-guide/"
SHIPPED = re.compile(r"ASL[0-9]{3}")

# Published definitions that are broken as written; each was opened and checked by hand.
# path -> (the error rule ids they raise, why)
_TRAILING_COMMA = "JSON5 trailing comma; SAM reads DefinitionUri files with a YAML parser, Step Functions would not"
EXPECTED_REAL: dict[str, tuple[set[str], str]] = {
    "real/aws-samples--aws-step-functions-twitch-series/jsonpath/statemachine/entire-input-to-lambda.asl.json": (
        {"ASL001"},
        _TRAILING_COMMA,
    ),
    "real/aws-samples--aws-step-functions-twitch-series/jsonpath/statemachine/lambda-with-result-and-output-paths.asl.json": (
        {"ASL001"},
        _TRAILING_COMMA,
    ),
    "real/aws-samples--aws-step-functions-twitch-series/jsonpath/statemachine/lambda-with-result-path-and-input-parameter.asl.json": (
        {"ASL001"},
        _TRAILING_COMMA,
    ),
    DOCS + "sample-preprocess-feature-transform__block00.asl.json": (
        {"SMS007"},
        "both RoleArns use the account id 1234567890, 10 digits (a documentation placeholder); "
        "SageMaker accepts only a 12-digit account id",
    ),
    "real/awsdocs--aws-step-functions-developer-guide/troubleshooting-service-integrations__block01.asl.json": (
        {"ASL001"},
        "a trailing comma after Parameters.Payload in the documentation example",
    ),
    "real/aws-samples--step-functions-workflows-collection/shared-fallback-state-jsonata/statemachine/statemachine.asl.json": (
        {"ASL203", "ASL803"},
        '"QueryLanguage": "JSONata" is written inside States, so it is a state (a string) that nothing reaches, '
        "and the machine stays JSONPath, where its Arguments and Output fields are not allowed",
    ),
    DOCS + "sample-project-job-poller__block01.asl.json": (
        {"ASL901"},
        "the Resource 'arn:aws::lambda:us-east-1:…' has an empty service and the service name where the "
        "region belongs (the documentation example's ARN lost 'lambda' from its place)",
    ),
}
_NO_ROLE_ARN = "Credentials without RoleArn, which Step Functions requires"
_FOO_BAR = "statelint's stand-in Resource 'foo:bar' is not an ARN (statelint does not check Resource values)"
_STATELINT_FOO_BAR = (
    "backoff-with-backoffrate-decimal",
    "backoff-with-backoffrate-integer",
    "backoff-with-jitter-on-retry",
    "states-array-intrinsic-functions",
    "states-array-invocation",
    "states-encoding-decoding-intrinsic-functions",
    "states-format-invocation",
    "states-hash-intrinsic-functions",
    "states-json-intrinsic-functions",
    "states-jsontostring-invocation",
    "states-math-intrinsic-functions",
    "states-string-intrinsic-functions",
    "states-stringtojson-invocation",
    "states-uuid-intrinsic-functions",
    "task-with-dynamic-timeouts",
    "task-with-parameters",
    "task-with-resultpath",
    "task-with-resultselector",
)
# Fixtures another validator accepts (it does not check what we check); path -> (rule ids, why)
EXPECTED_CONFORMANCE: dict[str, tuple[set[str], str]] = {
    "conformance/amazon-states-language-service/valid/json-documentSucceedFailTerminalState.json": (
        {"ASL109"},
        "state 'Second' in two Parallel branches and a Map: names must be unique in the whole machine",
    ),
    "conformance/asl-validator/valid/valid-assign.asl.json": (
        {"ASL314"},
        "assigns a variable named 'top-level': a variable name is letters, digits and '_' (JSONata would read "
        "$top-level as $top minus level); the peer checks its schema only",
    ),
    "conformance/localstack/valid/errorhandling/statemachines/task_lambda_invoke_catch_tbd.json5": (
        {"ASL501"},
        "a LocalStack template (its Resource is '_tbd_'): the test fills in the empty ErrorEquals before use",
    ),
    "conformance/amazon-states-language-service/valid/yaml-documentSucceedFailTerminalState.yaml": (
        {"ASL109"},
        "the YAML twin of json-documentSucceedFailTerminalState.json: the same state name in several scopes",
    ),
    **{
        f"conformance/amazon-states-language-service/valid/yaml-documentValid{name}IntrinsicFunction.yaml": (
            {"ASL304"},
            "States.Format($.template $.firstName $.lastName) has no commas between its arguments "
            "(the JSON twin has them); Step Functions refuses it",
        )
        for name in ("Parameters", "ResultSelector")
    },
    "conformance/cfn-lint/valid/case06-choices.json": (
        {"ASL201"},
        "three Task states go Next to 'NextState', which does not exist; E3601's test checks the schema only",
    ),
    # Credentials without RoleArn: Step Functions answers "The field 'RoleArn' is required but was
    # missing" (LocalStack's AWS-recorded snapshot, test_invalid_credentials_field)
    "conformance/asl-validator/valid/valid-task-credentials.json": ({"ASL113"}, _NO_ROLE_ARN),
    "conformance/cfn-lint/valid/case05-test-functions.json": ({"ASL113"}, _NO_ROLE_ARN),
    "conformance/statelint/valid/task-with-credentials.json": ({"ASL113", "ASL901"}, _NO_ROLE_ARN + "; " + _FOO_BAR),
    # Resources that are not ARNs: Step Functions answers "The resource provided … is not recognized.
    # The value is not a valid resource ARN" (LocalStack's AWS-recorded snapshot, test_invalid_integration)
    **{f"conformance/statelint/valid/{name}.json": ({"ASL901"}, _FOO_BAR) for name in _STATELINT_FOO_BAR},
    **{
        f"conformance/amazon-states-language-service/valid/{name}": (
            {"ASL901"},
            "Resource 'InvalidArn': the language service's test checks that it does not judge ARNs",
        )
        for name in ("json-documentTaskInvalidArn.json", "yaml-documentTaskInvalidArn.yaml")
    },
    "conformance/amazon-states-language-service/valid/yaml-documentTaskValidVariableSubstitution.yaml": (
        {"ASL901"},
        "Resource '$variableName': a stand-in no template tool substitutes (not ${...}); Step Functions refuses it",
    ),
}


def _lint(entry: dict[str, Any]) -> list[Finding]:
    path = CORPUS / entry["path"]
    return lint(path.name, path.read_bytes())


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity >= Severity.ERROR]


def _describe(findings: list[Finding]) -> str:
    return "; ".join(f"{f.rule} {f.line}:{f.column} {f.path or '/'}: {f.message}" for f in findings)


def _check_all(
    entries: list[dict[str, Any]], expected: dict[str, tuple[set[str], str]], shipped_only: bool = False
) -> None:
    """Lint ``entries``; every file with an error must be in ``expected`` with those rule ids."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    problems: list[str] = []
    for entry in entries:
        errors = _errors(_lint(entry))
        if shipped_only:
            errors = [f for f in errors if SHIPPED.fullmatch(f.rule)]
        source = entry.get("peer") or entry["source_repo"]
        table[source]["files"] += 1
        table[source]["errors"] += len(errors)
        table[source]["files with errors"] += bool(errors)
        wanted = expected.get(entry["path"], (set(), ""))[0]
        if {f.rule for f in errors} != wanted:
            problems.append(f"{entry['path']}: expected {sorted(wanted) or 'no errors'}, got {_describe(errors)}")
    width = max(len(s) for s in table)
    print(f"\n{'source':<{width}}  files  errors  files with errors")
    for source, counts in sorted(table.items()):
        print(f"{source:<{width}}  {counts['files']:>5}  {counts['errors']:>6}  {counts['files with errors']:>17}")
    missing = set(expected) - {e["path"] for e in entries}
    assert not missing, f"expected failures that are no longer in the corpus: {missing}"
    assert not problems, "\n".join(problems)


SAGEMAKER_DOCS = [
    e for e in ENTRIES if e["path"].startswith(DOCS) and e["kind"] == "definition" and e["uses_sagemaker"]
]


def test_the_sagemaker_seed_examples_are_all_there() -> None:
    apis = {api.split(":")[1].split(".")[0] for e in SAGEMAKER_DOCS for api in e["sagemaker_apis"]}
    assert {"createTrainingJob", "createTransformJob", "createLabelingJob", "createProcessingJob"} <= apis


@pytest.mark.parametrize("entry", SAGEMAKER_DOCS, ids=[e["path"].rsplit("/", 1)[1] for e in SAGEMAKER_DOCS])
def test_sagemaker_seed_examples_have_no_errors(entry: dict[str, Any]) -> None:
    errors = _errors(_lint(entry))
    wanted = EXPECTED_REAL.get(entry["path"], (set(), ""))[0]
    assert {f.rule for f in errors} == wanted, _describe(errors)


def test_published_definitions_have_no_errors() -> None:
    entries = [
        e for e in ENTRIES if e["category"] == "real" and e["kind"] == "definition" and e["parse_status"] == "ok"
    ]
    assert len(entries) > 300
    _check_all(entries, EXPECTED_REAL)


def test_valid_conformance_fixtures_have_no_errors() -> None:
    entries = [
        e
        for e in ENTRIES
        if e["category"] == "conformance"
        and e["expected_verdict"] == "valid"
        and e["kind"] == "definition"
        and e["parse_status"] == "ok"
        and e["parse_format"] in ("json", "yaml")  # JSON5 ones get ASL001: see test_conformance.py
    ]
    assert len(entries) > 100
    _check_all(entries, EXPECTED_CONFORMANCE, shipped_only=True)


# What another validator says (its words) -> the rule of ours that must fire.
_PEER_MESSAGES = [
    (re.compile(r'The value of "(Next|Default)" property must be the name of an existing state'), "ASL201"),
    (re.compile(r'The value of "StartAt" property must be the name of an existing state'), "ASL104"),
    (re.compile(r"The state cannot be reached"), "ASL203"),
    (re.compile(r"No terminal state"), "ASL204"),
    (re.compile(r"Missing 'Next' target .* at \S*/StartAt$"), "ASL104"),
    (re.compile(r"Missing 'Next' target .* at /States/"), "ASL201"),
    (re.compile(r'Missing property "StartAt"|These fields are required: \[StartAt\]'), "ASL103"),
    (re.compile(r'Missing property "States"|These fields are required: \[States\]'), "ASL102"),
]


def _wanted(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for error in entry["expected_errors"]:
        message = error.get("message") or error.get("message_contains") or ""
        for pattern, rule_id in _PEER_MESSAGES:
            if pattern.search(message):
                found.append((rule_id, error))
                break
    return found


INVALID = [
    e
    for e in ENTRIES
    if e["category"] == "conformance"
    and e["expected_verdict"] == "invalid"
    and e["kind"] == "definition"
    and _wanted(e)
]


@pytest.mark.parametrize("entry", INVALID, ids=[e["path"].split("/", 1)[1] for e in INVALID])
def test_invalid_conformance_fixtures_raise_our_rule(entry: dict[str, Any]) -> None:
    findings = _lint(entry)
    if any(f.rule == "ASL001" for f in findings):
        pytest.skip("JSON5: the peer's harness reads it with a JSON5 parser")
    for rule_id, error in _wanted(entry):
        if rule_id == "ASL203" and any(f.rule == "ASL104" for f in findings):
            continue  # with an unknown StartAt every state looks unreachable: ASL203 leaves it to ASL104
        ours = [f for f in findings if f.rule == rule_id]
        assert ours, f"{entry['path']}: {error} should raise {rule_id}; got {_describe(findings)}"
        if "start" in error:  # 0-based LSP line/character: ours must be on the same line
            lines = {f.line for f in ours}
            assert error["start"][0] + 1 in lines, f"{rule_id} at lines {lines}, the peer at {error['start']}"
        if "pointer" in error and "/StartAt" in error["message"]:
            assert error["message"].rsplit(" at ", 1)[1] in {f.path for f in ours}
