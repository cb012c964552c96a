"""IAM requirements, the generated least-privilege policy, and the IAM rules against it:
round trip (the generated policy yields no IAM finding) and removal (taking any one action
out of it yields one finding on each state that needs it, and no other)."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from test_corpus import CORPUS, ENTRIES
from test_rule_fixtures import _engine, registry

from asllint.config import Settings
from asllint.document import Document, SourceText
from asllint.iam.generate import policy_document
from asllint.iam.requirements import needs
from asllint.parse import load
from asllint.parse.json import load_json
from asllint.policy import Policy
from asllint.statemachine import StateMachine

ROOT = Path(__file__).parents[1]
EXAMPLES = [ROOT / "examples" / "train-and-deploy.asl.json", ROOT / "examples" / "spot-training-mistakes.asl.json"]
DOCS = "real/awsdocs--aws-step-functions-developer-guide/"
SAGEMAKER_DOCS = (
    [
        CORPUS / e["path"]
        for e in ENTRIES
        if e["path"].startswith(DOCS) and e["kind"] == "definition" and e["uses_sagemaker"]
    ]
    if (CORPUS / "MANIFEST.json").is_file()
    else []
)


def _machine(path: Path) -> StateMachine:
    document = load(str(path), path.read_bytes())
    assert isinstance(document, Document)
    return StateMachine(document)


def _iam_findings(path: Path, policy: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    document = load_json("policy.json", SourceText(json.dumps(policy, indent=2)))
    assert isinstance(document, Document)
    settings = replace(Settings(), select=None, iam_policies=(document.root,))
    checker = Policy(registry().rules, settings)
    result = _engine().check_bytes(str(path), path.read_bytes(), checker, checker.enabled_for(path))
    return [(f.rule, f.state, f.message) for f in result.findings if f.rule.startswith("IAM")]


def test_the_generated_policy_for_a_training_job_is_the_guides() -> None:
    """The guide's CreateTrainingJob .sync template, static resources, action for action; the
    name is built at run time by States.Format('train-{}-{}', ...), so the job ARN is scoped to
    its fixed start."""
    machine = _machine(EXAMPLES[0])
    document = policy_document([n for n in needs(machine) if n.state.name == "Train model"])
    assert [(s["Action"], s["Resource"]) for s in document["Statement"]] == [
        (
            ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"],
            ["arn:aws:sagemaker:*:*:training-job/train-*"],
        ),
        (["sagemaker:ListTags"], ["*"]),
        (["iam:PassRole"], ["arn:aws:iam::123456789012:role/SageMakerExecutionRole"]),
        (
            ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
            ["arn:aws:events:*:*:rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule"],
        ),
    ]
    assert document["Statement"][2]["Condition"] == {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}


@pytest.mark.parametrize(
    ("name", "resource"),
    [
        ({"TrainingJobName.$": "States.Format('churn-{}', $$.Execution.Name)"}, "training-job/churn-*"),
        ({"TrainingJobName.$": "States.Format('churn-{}-{}', 'nightly', $.id)"}, "training-job/churn-nightly-*"),
        ({"TrainingJobName.$": "States.Format('{}-churn', $.id)"}, "training-job/*"),  # no fixed start
        ({"TrainingJobName.$": "$.name"}, "training-job/*"),
        ({"TrainingJobName.$": "States.Format('a*{}', $.id)"}, "training-job/*"),  # an IAM wildcard
        ({"TrainingJobName.$": "States.Format('${Prefix}{}', $.id)"}, "training-job/*"),  # a placeholder
        (
            {"TrainingJobName": "{% 'churn-' & $states.context.Execution.Name %}", "QL": "JSONata"},
            "training-job/churn-*",
        ),
    ],
)
def test_a_name_built_at_run_time_scopes_the_arn_to_its_fixed_start(name: dict[str, str], resource: str) -> None:
    language = name.pop("QL", "JSONPath")
    field = "Arguments" if language == "JSONata" else "Parameters"
    state = {
        "Type": "Task",
        "QueryLanguage": language,
        "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
        field: {**name, "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole"},
        "End": True,
    }
    document = load_json("t.asl.json", SourceText(json.dumps({"StartAt": "T", "States": {"T": state}})))
    assert isinstance(document, Document)
    found = {n.resource for n in needs(StateMachine(document)) if n.action == "sagemaker:CreateTrainingJob"}
    assert found == {f"arn:aws:sagemaker:*:*:{resource}"}
    passed = {n.resource for n in needs(StateMachine(document)) if n.action == "iam:PassRole"}
    assert passed == {"arn:aws:iam::123456789012:role/SageMakerRole"}


def test_static_names_give_static_resources() -> None:
    text = json.dumps(
        {
            "StartAt": "T",
            "States": {
                "T": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
                    "Parameters": {"TransformJobName": "nightly", "Tags": [{"Key": "team", "Value": "ml"}]},
                    "End": True,
                }
            },
        }
    )
    document = load_json("t.asl.json", SourceText(text))
    assert isinstance(document, Document)
    actions = {(n.action, n.resource) for n in needs(StateMachine(document), "us-east-1", "123456789012")}
    assert (
        "sagemaker:CreateTransformJob",
        "arn:aws:sagemaker:us-east-1:123456789012:transform-job/nightly*",
    ) in actions
    assert ("sagemaker:AddTags", "arn:aws:sagemaker:us-east-1:123456789012:transform-job/nightly*") in actions
    assert not any(action == "iam:PassRole" for action, _ in actions)  # CreateTransformJob passes no role


@pytest.mark.parametrize("path", EXAMPLES + SAGEMAKER_DOCS, ids=lambda p: p.name)
def test_round_trip_and_removal(path: Path) -> None:
    machine = _machine(path)
    wanted = needs(machine)
    policy = policy_document(wanted)
    assert _iam_findings(path, policy) == [], "the generated policy, given back, yields no IAM finding"
    for i, statement in enumerate(policy["Statement"]):
        for action in statement["Action"]:
            smaller = copy.deepcopy(policy)
            smaller["Statement"][i]["Action"].remove(action)
            if not smaller["Statement"][i]["Action"]:
                del smaller["Statement"][i]
            found = _iam_findings(path, smaller)
            expected = {
                n.state.name
                for n in wanted
                if n.checked
                and n.action == action
                and n.resource in statement["Resource"]
                and n.condition == _condition(statement)
            }
            assert all(rule in ("IAM001", "IAM003", "IAM004") and action in message for rule, _, message in found), (
                found
            )
            assert sorted(state for _, state, _ in found) == sorted(expected), (action, found)


def _condition(statement: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        (operator, tuple((k, str(v)) for k, v in keys.items()))
        for operator, keys in statement.get("Condition", {}).items()
    )


def test_without_a_policy_the_iam_rules_check_nothing() -> None:
    path = EXAMPLES[0]
    checker = Policy(registry().rules, replace(Settings(), select=None))
    result = _engine().check_bytes(str(path), path.read_bytes(), checker, checker.enabled_for(path))
    assert not [f for f in result.findings if f.rule.startswith("IAM")]


def test_the_policy_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from asllint.cli import main

    assert main(["policy", str(EXAMPLES[0]), "--region", "us-east-1", "--account", "123456789012"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["Version"] == "2012-10-17"
    assert "arn:aws:sagemaker:us-east-1:123456789012:training-job/train-*" in document["Statement"][0]["Resource"]
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(document), encoding="utf-8")
    assert main(["check", "--isolated", "--select", "IAM", "--policy", str(policy), str(EXAMPLES[0])]) == 0
    capsys.readouterr()
    assert main(["policy", "--format", "yaml", str(EXAMPLES[0])]) == 0
    assert "Statement:" in capsys.readouterr().out


def test_a_broken_policy_file_is_a_located_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from asllint.cli import main

    policy = tmp_path / "policy.json"
    policy.write_text('{"Statement": [,]}', encoding="utf-8")
    assert main(["check", "--policy", str(policy), str(EXAMPLES[0])]) == 2
    assert f"--policy {policy}:1:16: invalid JSON" in capsys.readouterr().err


def _train(instance_type: object, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    parameters: dict[str, Any] = {
        "TrainingJobName": "nightly",
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "AlgorithmSpecification": {
            "TrainingImage": "1.dkr.ecr.us-east-1.amazonaws.com/x:1",
            "TrainingInputMode": "File",
        },
        "OutputDataConfig": {"S3OutputPath": "s3://b/out"},
        "ResourceConfig": {"InstanceCount": 1, "InstanceType": instance_type, "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        **(extra or {}),
    }
    return {
        "StartAt": "Train",
        "States": {
            "Train": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sagemaker:createTrainingJob",
                "Parameters": parameters,
                "End": True,
            }
        },
    }


GRANTS = [
    {"Effect": "Allow", "Action": "sagemaker:ListTags", "Resource": "*"},
    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/SageMakerRole"},
]


@pytest.mark.parametrize(
    ("instance_type", "extra", "statement", "expected"),
    [
        ("ml.m5.xlarge", None, {"Condition": {"ForAllValues:StringLike": {"sagemaker:InstanceTypes": "ml.m5.*"}}}, []),
        (
            "ml.p4d.24xlarge",
            None,
            {"Condition": {"ForAllValues:StringLike": {"sagemaker:InstanceTypes": "ml.m5.*"}}},
            ["IAM001"],
        ),
        (
            "ml.p4d.24xlarge",
            None,
            {"Condition": {"ForAnyValue:StringLike": {"sagemaker:InstanceTypes": "ml.m5.*"}}},
            ["IAM001"],
        ),
        ({"x": 1}, None, {"Condition": {"ForAnyValue:StringLike": {"sagemaker:InstanceTypes": "ml.m5.*"}}}, []),
        ("ml.m5.xlarge", None, {"Condition": {"StringEquals": {"aws:RequestTag/team": "ml"}}}, ["IAM001"]),
        (
            "ml.m5.xlarge",
            {"Tags": [{"Key": "team", "Value": "ml"}]},
            {"Condition": {"StringEquals": {"aws:RequestTag/team": "ml"}}},
            [],
        ),
        ("ml.m5.xlarge", None, {"Condition": {"Bool": {"sagemaker:NetworkIsolation": "true"}}}, []),
        (
            "ml.m5.xlarge",
            {"EnableNetworkIsolation": False},
            {"Condition": {"Bool": {"sagemaker:NetworkIsolation": "true"}}},
            ["IAM001"],
        ),
    ],
)
def test_conditions_on_what_the_request_fixes(
    instance_type: object, extra: dict[str, Any] | None, statement: dict[str, Any], expected: list[str], tmp_path: Path
) -> None:
    definition = tmp_path / "train.asl.json"
    definition.write_text(json.dumps(_train(instance_type, extra)), encoding="utf-8")
    create = {"Effect": "Allow", "Action": "sagemaker:CreateTrainingJob", "Resource": "*", **statement}
    tagging = {"Effect": "Allow", "Action": "sagemaker:AddTags", "Resource": "*"}
    found = _iam_findings(definition, {"Statement": [create, tagging, *GRANTS]})
    assert [rule for rule, _, message in found if "CreateTrainingJob" in message] == expected


def test_a_deny_on_instance_types(tmp_path: Path) -> None:
    definition = tmp_path / "train.asl.json"
    definition.write_text(json.dumps(_train("ml.p4d.24xlarge")), encoding="utf-8")
    deny = {
        "Effect": "Deny",
        "Action": "sagemaker:CreateTrainingJob",
        "Resource": "*",
        "Condition": {"ForAnyValue:StringLike": {"sagemaker:InstanceTypes": "ml.p4d.*"}},
    }
    allow = {"Effect": "Allow", "Action": "sagemaker:CreateTrainingJob", "Resource": "*"}
    found = _iam_findings(definition, {"Statement": [allow, deny, *GRANTS]})
    assert [rule for rule, _, _ in found] == ["IAM002"]


DISTRIBUTED = {
    "StartAt": "Score",
    "States": {
        "Score": {
            "Type": "Map",
            "ItemReader": {
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "MANIFEST"},
                "Parameters": {"Bucket": "ml-data", "Key": "manifests/batch.json"},
            },
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Done",
                "States": {"Done": {"Type": "Succeed"}},
            },
            "ResultWriter": {
                "Resource": "arn:aws:states:::s3:putObject",
                "Parameters": {"Bucket": "ml-data", "Prefix": "out"},
            },
            "End": True,
        }
    },
}


def test_a_distributed_map_needs_to_start_its_children_and_read_and_write_s3(tmp_path: Path) -> None:
    path = tmp_path / "map.asl.json"
    path.write_text(json.dumps(DISTRIBUTED), encoding="utf-8")
    document = policy_document(needs(_machine(path)))
    grants = {(a, tuple(s["Resource"])) for s in document["Statement"] for a in s["Action"]}
    assert ("states:StartExecution", ("arn:aws:states:*:*:stateMachine:*",)) in grants
    assert ("s3:GetObject", ("arn:aws:s3:::ml-data/manifests/batch.json",)) in grants
    assert ("s3:PutObject", ("arn:aws:s3:::ml-data/out*",)) in grants
    assert _iam_findings(path, document) == []
    found = _iam_findings(path, {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
    assert [(rule, "StartExecution" in message) for rule, _, message in found if rule == "IAM001"] == [("IAM001", True)]
    assert any("Distributed Map (its child executions)" in message for _, _, message in found)
