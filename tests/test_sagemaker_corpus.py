"""The SageMaker rules on every SageMaker definition, state and fragment of the shared corpus
(AWS documentation, the Step Functions Data Science SDK's expected outputs, sample pipelines);
skipped when the corpus is absent.  ``pytest -s`` prints a table."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from test_rule_fixtures import lint

from asllint.rule import Severity

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
if not (CORPUS / "MANIFEST.json").is_file():
    pytest.skip(f"no corpus at {CORPUS}", allow_module_level=True)

ENTRIES = [
    e
    for e in json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))["files"]
    if e["uses_sagemaker"] and e["kind"] in ("definition", "state", "states-fragment")
]
FAMILIES = ("SMI", "SMS", "SMX", "CST", "SEC", "POL")
SDK = "real/aws--aws-step-functions-data-science-sdk-python/test_sagemaker_steps__"
_FAKE_ROLE = "RoleArn 'sagemaker-role' is the unit test's stand-in, not a role ARN (SageMaker needs an IAM role ARN)"
# Files whose values SageMaker would refuse as written; each was opened and checked by hand.
# path -> (the SageMaker error rule ids they raise, why)
EXPECTED: dict[str, tuple[set[str], str]] = {
    **{
        SDK + name: ({"SMS006"}, _FAKE_ROLE)
        for name in (
            "test_training_step_creation_with_debug_hook__0.state.json",
            "test_training_step_creation_with_falsy_debug_hook__0.state.json",
            "test_training_step_creation_with_framework__0.state.json",
            "test_training_step_creation_with_model__0.state.json",
            "test_training_step_creation_with_model__1.state.json",
            "test_training_step_creation_with_model_with_env__1.state.json",
            "test_training_step_merges_hyperparameters_from_constructor_and_estimator__0.state.json",
            "test_training_step_uses_constructor_hyperparameters_when_duplicates_supplied_in_estimator__0.state.json",
        )
    },
    SDK + "test_training_step_creation__0.state.json": (
        {"SMS006", "SMS007"},
        _FAKE_ROLE + "; ExperimentName 'pca_experiment' and TrialName 'pca_trial' contain '_', which the API refuses",
    ),
    SDK + "test_transform_step_creation__0.state.json": (
        {"SMS007"},
        "ExperimentName 'pca_experiment' and TrialName 'pca_trial' contain '_', which the API refuses",
    ),
    SDK + "test_processing_step_creation__0.state.json": (
        {"SMS006", "SMS007"},
        _FAKE_ROLE + "; an input S3Uri 'dataset.csv' is a local file name the test never uploads",
    ),
    SDK + "test_processing_step_creation_with_placeholders__0.state.json": (
        {"SMS007"},
        "an input S3Uri 'dataset.csv' is a local file name the test never uploads",
    ),
    "real/awsdocs--aws-step-functions-developer-guide/sample-preprocess-feature-transform__block00.asl.json": (
        {"SMS007"},
        "both RoleArns use the account id 1234567890, 10 digits (a documentation placeholder); SageMaker needs 12",
    ),
}


def as_definition(entry: dict[str, Any]) -> bytes:
    """A state or a ``States`` fragment wrapped into a definition; a definition as it is."""
    text = (CORPUS / entry["path"]).read_text(encoding="utf-8")
    if entry["kind"] == "state":
        text = '{"StartAt": "S", "States": {"S": ' + text + "}}"
    elif entry["kind"] == "states-fragment":
        first = next(iter(json.loads(text)))
        text = '{"StartAt": ' + json.dumps(first) + ', "States": ' + text + "}"
    return text.encode()


def test_every_sagemaker_definition_is_quiet_or_explained() -> None:
    problems: list[str] = []
    table: Counter[str] = Counter()
    for entry in ENTRIES:
        findings = [f for f in lint(Path(entry["path"]).name, as_definition(entry)) if f.rule.startswith(FAMILIES)]
        errors = {f.rule for f in findings if f.severity >= Severity.ERROR}
        table["files"] += 1
        table["SageMaker task states"] += sum(
            1
            for state in json.loads(as_definition(entry))["States"].values()
            if isinstance(state, dict) and "sagemaker:" in str(state.get("Resource", ""))
        )
        for f in findings:
            table[f"{f.severity.label}s"] += 1
        wanted = EXPECTED.get(entry["path"], (set(), ""))[0]
        if errors != wanted:
            detail = "; ".join(f"{f.rule} {f.line}:{f.column} {f.message}" for f in findings if f.rule in errors)
            problems.append(f"{entry['path']}: expected {sorted(wanted) or 'no errors'}, got {detail}")
    print("\n" + "  ".join(f"{k}: {v}" for k, v in sorted(table.items())))
    assert not set(EXPECTED) - {e["path"] for e in ENTRIES}, "expected failures no longer in the corpus"
    assert not problems, "\n".join(problems)
    assert table["SageMaker task states"] >= 40  # 44 with the 4 in a template, which templates support reads
