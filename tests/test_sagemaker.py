"""The SageMaker rule pack end to end: the issue's acceptance examples, dynamic values, every
form of the Resource ARN, JSONata states and the AWS SDK form."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from test_rule_fixtures import lint

from asllint.cli import main
from asllint.rule import Severity

if TYPE_CHECKING:
    from asllint.finding import Finding

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1"
SM = "arn:aws:states:::sagemaker:"


def training() -> dict[str, Any]:
    return {
        "TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
        "RoleArn": ROLE,
        "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File"},
        "HyperParameters": {"epochs": "10"},
        "InputDataConfig": [
            {
                "ChannelName": "train",
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/train/"}},
            }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }


def processing() -> dict[str, Any]:
    return {
        "ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
        "RoleArn": ROLE,
        "AppSpecification": {"ImageUri": IMAGE},
        "ProcessingResources": {
            "ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }


def model() -> dict[str, Any]:
    return {
        "ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
        "ExecutionRoleArn": ROLE,
        "PrimaryContainer": {"Image": IMAGE, "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"},
    }


def definition(resource: str, parameters: Any, *, field: str = "Parameters", **state: Any) -> bytes:
    body = {"Type": "Task", "Resource": resource, field: parameters, "End": True, **state}
    return json.dumps({"StartAt": "Job", "States": {"Job": body}}, indent=2).encode()


def errors(data: bytes) -> list[Finding]:
    return [f for f in lint("job.asl.json", data) if f.severity >= Severity.ERROR]


def where(findings: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.path.split("/Parameters", 1)[-1].split("/Arguments", 1)[-1]) for f in findings)


BASES = {"training": ("createTrainingJob.sync", training), "processing": ("createProcessingJob.sync", processing)}


@pytest.mark.parametrize("name", ["training", "processing", "model"])
def test_the_clean_requests_have_no_errors(name: str) -> None:
    action, build = BASES.get(name, ("createModel", model))
    assert errors(definition(SM + action, build())) == []


def test_the_seed_training_example_gives_three_errors_at_the_right_lines() -> None:
    text = """{
  "StartAt": "Train",
  "States": {
    "Train": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
      "Parameters": {
        "TrainingJobName.$": "$$.Execution.Name",
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "AlgorithmSpecification": {
          "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
          "TrainingInputMode": "File"
        },
        "InputDataConfig": [
          {
            "ChannelName": "train",
            "CompressionType": "Gzip",
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://bucket/train/"}}
          }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/models/"},
        "ResourceConfig": {"InstanceType": "ml.inf2.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        "EnableManagedSpotTraining": true,
        "CheckpointConfig": {"S3Uri": "s3://bucket/checkpoints/"},
        "StoppingCondition": {"MaxRuntimeInSeconds": 100000, "MaxWaitTimeInSeconds": 3600}
      },
      "End": true
    }
  }
}
"""
    found = errors(text.encode())
    lines = text.splitlines()
    located = sorted((f.line, lines[f.line - 1][f.column - 1 : f.end_column - 1], f.rule) for f in found)
    assert located == [
        (17, '"Gzip"', "SMX111"),
        (22, '"ml.inf2.xlarge"', "SMS005"),
        (25, "3600", "SMX107"),
    ], found


ONE_ERROR: dict[str, tuple[str, Any, tuple[str, str]]] = {
    "misspelt instance type": (
        "training",
        lambda r: r["ResourceConfig"].update(InstanceType="ml.t3.medum"),
        ("SMS005", "/ResourceConfig/InstanceType"),
    ),
    "quoted instance count": (
        "training",
        lambda r: r["ResourceConfig"].update(InstanceCount="1"),
        ("SMS003", "/ResourceConfig/InstanceCount"),
    ),
    "huge processing volume": (
        "processing",
        lambda r: r["ProcessingResources"]["ClusterConfig"].update(VolumeSizeInGB=99999),
        ("SMS008", "/ProcessingResources/ClusterConfig/VolumeSizeInGB"),
    ),
    "missing RoleArn": ("training", lambda r: r.pop("RoleArn"), ("SMS002", "")),
    "ProcessingResource": (
        "processing",
        lambda r: r.update(ProcessingResource=r.pop("ProcessingResources")),
        ("SMS001", "/ProcessingResource"),
    ),
}


@pytest.mark.parametrize("case", sorted(ONE_ERROR))
def test_each_mistake_gives_exactly_one_error(case: str) -> None:
    base, mutate, expected = ONE_ERROR[case]
    action, build = BASES[base]
    request = build()
    mutate(request)
    assert where(errors(definition(SM + action, request))) == [expected]


def test_create_model_sync_gives_one_error() -> None:
    found = errors(definition(SM + "createModel.sync", model()))
    assert [(f.rule, f.path) for f in found] == [("SMI002", "/States/Job/Resource")]


@pytest.mark.parametrize("partition", ["aws", "aws-cn", "aws-us-gov", "aws-iso", "${AWS::Partition}", "${Partition}"])
def test_every_partition_form_is_checked(partition: str) -> None:
    request = training()
    request["ResourceConfig"]["InstanceType"] = "ml.inf2.xlarge"
    resource = f"arn:{partition}:states:::sagemaker:createTrainingJob.sync"
    assert where(errors(definition(resource, request))) == [("SMS005", "/ResourceConfig/InstanceType")]


def _replace(container: dict[str, Any], key: str, value: Any) -> None:
    """Write ``key.$`` (or ``key`` for a placeholder string) in place of the static ``key``."""
    container.pop(key.removesuffix(".$"), None)
    container[key] = value


DYNAMIC = {
    "instance type by path": lambda r: _replace(r["ResourceConfig"], "InstanceType.$", "$.instanceType"),
    "instance count by intrinsic": lambda r: _replace(r["ResourceConfig"], "InstanceCount.$", "States.MathAdd(1, 1)"),
    "hyperparameters by path": lambda r: _replace(r, "HyperParameters.$", "$.hyperparameters"),
    "hyperparameter value by path": lambda r: _replace(r["HyperParameters"], "epochs.$", "$.epochs"),
    "hyperparameters merged": lambda r: _replace(r, "HyperParameters.$", "States.JsonMerge($.a, $.b, false)"),
    "job name from the execution": lambda r: _replace(r, "TrainingJobName.$", "$$.Execution.Input.name"),
    "job name from a variable": lambda r: _replace(r, "TrainingJobName.$", "$jobName"),
    "whole resource config": lambda r: _replace(r, "ResourceConfig.$", "$.resources"),
    "role placeholder": lambda r: _replace(r, "RoleArn", "${SageMakerRoleArn}"),
    "instance type placeholder": lambda r: _replace(r["ResourceConfig"], "InstanceType", "${InstanceType}"),
    "documentation placeholder": lambda r: _replace(r["OutputDataConfig"], "S3OutputPath", "<S3 output path>"),
}


@pytest.mark.parametrize("case", sorted(DYNAMIC))
def test_values_known_only_at_run_time_are_never_errors(case: str) -> None:
    request = training()
    DYNAMIC[case](request)
    assert errors(definition(SM + "createTrainingJob.sync", request)) == []


def jsonata(request: dict[str, Any]) -> dict[str, Any]:
    """The JSONPath request written for a JSONata state: no ``.$`` keys, ``{% %}`` values."""
    out: dict[str, Any] = {}
    for key, value in request.items():
        if key.endswith(".$"):
            out[key[:-2]] = "{% $states.input.value %}"
        elif isinstance(value, dict):
            out[key] = jsonata(value)
        elif isinstance(value, list):
            out[key] = [jsonata(v) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out


def test_jsonata_arguments_are_checked_and_expressions_are_not() -> None:
    request = jsonata(training())
    request["ResourceConfig"]["InstanceType"] = "{% $states.input.instanceType %}"
    request["HyperParameters"] = "{% $merge([$defaults, $states.input.overrides]) %}"
    state = {"QueryLanguage": "JSONata"}
    assert errors(definition(SM + "createTrainingJob.sync", request, field="Arguments", **state)) == []
    request["ResourceConfig"]["InstanceCount"] = "1"
    request["OutputDataConfig"]["S3OutputPath.$"] = request["OutputDataConfig"].pop("S3OutputPath")
    found = errors(definition(SM + "createTrainingJob.sync", request, field="Arguments", **state))
    # the misnamed member is the reason S3OutputPath is missing: one finding, not two
    assert where(found) == [("SMS001", "/OutputDataConfig/S3OutputPath.$"), ("SMS003", "/ResourceConfig/InstanceCount")]
    assert "JSONata" in next(f.message for f in found if f.rule == "SMS001")


def test_a_jsonata_expression_for_the_whole_request_is_not_judged() -> None:
    data = definition(
        SM + "createTrainingJob.sync", "{% $states.input.request %}", field="Arguments", QueryLanguage="JSONata"
    )
    assert errors(data) == []


def test_the_aws_sdk_form_is_checked_against_the_same_shapes() -> None:
    request = training()
    request["ResourceConfig"]["InstanceType"] = "ml.inf2.xlarge"
    assert where(errors(definition("arn:aws:states:::aws-sdk:sagemaker:createTrainingJob", request))) == [
        ("SMS005", "/ResourceConfig/InstanceType")
    ]
    found = errors(definition("arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob", {"TrainingJobNam": "x"}))
    assert where(found) == [("SMS001", "/TrainingJobNam")]
    found = errors(definition("arn:aws:states:::aws-sdk:sagemaker:CreateTrainingJob", request))
    assert [f.rule for f in found] == ["SMI004"]  # an unknown action: its request is not judged


def test_a_task_without_parameters_sends_its_input_and_is_not_judged() -> None:
    data = json.dumps(
        {"StartAt": "Job", "States": {"Job": {"Type": "Task", "Resource": SM + "createTrainingJob.sync", "End": True}}}
    ).encode()
    assert errors(data) == []


def test_a_member_of_a_dynamic_value_is_not_invented() -> None:
    request = copy.deepcopy(training())
    request["InputDataConfig.$"] = "$.channels"
    del request["InputDataConfig"]
    assert errors(definition(SM + "createTrainingJob.sync", request)) == []


def test_the_readme_shows_what_asllint_says_about_the_sagemaker_example(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(__file__).parents[1]
    command = "$ asllint check -q examples/spot-training-mistakes.asl.json\n"
    shown = (root / "README.md").read_text(encoding="utf-8").split(command, 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    assert main(["check", "--isolated", "-q", "examples/spot-training-mistakes.asl.json"]) == 1
    assert capsys.readouterr().out == shown
