"""SMX1xx/SMX2xx beyond the fixtures: values known only at run time stay silent, tuning job
definitions get the training checks, every form of the request is read, and the boundaries."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest
from test_rule_fixtures import lint

from asllint.rule import Severity

if TYPE_CHECKING:
    from asllint.finding import Finding

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1"
SM = "arn:aws:states:::sagemaker:"
TRAIN = SM + "createTrainingJob.sync"
TUNE = SM + "createHyperParameterTuningJob.sync"


def training() -> dict[str, Any]:
    return {
        "TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
        "RoleArn": ROLE,
        "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File"},
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


def tuning_definition() -> dict[str, Any]:
    body = training()
    del body["TrainingJobName.$"]
    body["StaticHyperParameters"] = {"num_round": "100"}
    return body


def tuning(**over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "HyperParameterTuningJobName.$": "$.TuningJobName",
        "HyperParameterTuningJobConfig": {
            "Strategy": "Bayesian",
            "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
            "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]},
        },
        "TrainingJobDefinition": tuning_definition(),
    }
    body.update(over)
    return body


def definition(resource: str, parameters: Any, *, field: str = "Parameters", **state: Any) -> bytes:
    body = {"Type": "Task", "Resource": resource, field: parameters, "End": True, **state}
    return json.dumps({"StartAt": "Job", "States": {"Job": body}}, indent=2).encode()


def smx(data: bytes) -> list[tuple[str, str]]:
    """``(rule, pointer below the request)`` of every SMX finding."""
    found: list[Finding] = lint("job.asl.json", data)
    return sorted(
        (f.rule, f.path.split("/Parameters", 1)[-1].split("/Arguments", 1)[-1])
        for f in found
        if f.rule.startswith("SMX")
    )


def rules(data: bytes) -> set[str]:
    return {rule for rule, _ in smx(data)}


def test_clean_requests_have_no_smx_findings() -> None:
    assert smx(definition(TRAIN, training())) == []
    assert smx(definition(TUNE, tuning())) == []


def test_the_seed_gives_exactly_three_errors() -> None:
    request = training()
    request["TrainingJobName.$"] = "$$.Execution.Name"
    request["HyperParameters"] = {"epochs": "10"}
    request["InputDataConfig"][0]["CompressionType"] = "Gzip"
    request["ResourceConfig"]["InstanceType"] = "ml.inf2.xlarge"
    request["EnableManagedSpotTraining"] = True
    request["CheckpointConfig"] = {"S3Uri": "s3://bucket/checkpoints/"}
    request["StoppingCondition"] = {"MaxRuntimeInSeconds": 100000, "MaxWaitTimeInSeconds": 3600}
    errors = [f for f in lint("seed.asl.json", definition(TRAIN, request)) if f.severity >= Severity.ERROR]
    assert sorted((f.rule, f.path.rsplit("/", 1)[-1]) for f in errors) == [
        ("SMS005", "InstanceType"),
        ("SMX107", "MaxWaitTimeInSeconds"),
        ("SMX111", "CompressionType"),
    ]


# -- values known only at run time ---------------------------------------------------------


def _gzip(request: dict[str, Any]) -> dict[str, Any]:
    request["InputDataConfig"][0]["CompressionType"] = "Gzip"
    return request


def _spot(request: dict[str, Any], wait: Any = 1800, key: str = "MaxWaitTimeInSeconds") -> dict[str, Any]:
    request["EnableManagedSpotTraining"] = True
    request["CheckpointConfig"] = {"S3Uri": "s3://example-bucket/checkpoints/"}
    request["StoppingCondition"][key] = wait
    return request


def _dynamic_cases() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    r = _gzip(training())
    del r["AlgorithmSpecification"]["TrainingInputMode"]
    r["AlgorithmSpecification"]["TrainingInputMode.$"] = "$.InputMode"
    cases.append(("job input mode from a path", r))
    r = _gzip(training())
    r["InputDataConfig"][0]["InputMode.$"] = "$.InputMode"
    cases.append(("channel input mode from a path", r))
    r = _gzip(training())
    r["AlgorithmSpecification"] = {"TrainingImage": IMAGE, "TrainingInputMode": "${InputMode}"}
    cases.append(("template placeholder", r))
    r = _gzip(training())
    del r["AlgorithmSpecification"]
    r["AlgorithmSpecification.$"] = "$.Algorithm"
    cases.append(("whole algorithm specification from a path", r))
    r = _spot(training(), "$.MaxWait", "MaxWaitTimeInSeconds.$")
    cases.append(("spot wait from a path", r))
    r = _spot(training())
    del r["StoppingCondition"]["MaxRuntimeInSeconds"]
    r["StoppingCondition"]["MaxRuntimeInSeconds.$"] = "$.MaxRuntime"
    cases.append(("runtime from a path", r))
    r = training()
    r["StoppingCondition"]["MaxWaitTimeInSeconds"] = 7200
    r["EnableManagedSpotTraining.$"] = "$.UseSpot"
    r["CheckpointConfig"] = {"S3Uri": "s3://example-bucket/checkpoints/"}
    cases.append(("spot flag from a path", r))
    r = training()
    r["ResourceConfig"] = {"InstanceType.$": "$.InstanceType", "InstanceCount": 1, "VolumeSizeInGB": 30}
    r["ResourceConfig"]["VolumeKmsKeyId"] = "alias/training"
    cases.append(("instance type from a path", r))
    r = training()
    del r["ResourceConfig"]
    r["ResourceConfig.$"] = "$.Resources"
    r["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataDistributionType"] = "ShardedByS3Key"
    cases.append(("whole resource config from a path", r))
    r = training()
    r["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataType.$"] = "$.DataType"
    del r["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataType"]
    r["AlgorithmSpecification"]["TrainingInputMode"] = "FastFile"
    cases.append(("data type from a path", r))
    r = training()
    r["HyperParameters.$"] = "$.HyperParameters"
    cases.append(("hyperparameters from a path", r))
    r = training()
    r["StoppingCondition"] = {"MaxRuntimeInSeconds.$": "States.MathAdd($.Hours, 1)"}
    cases.append(("intrinsic runtime", r))
    return cases


@pytest.mark.parametrize("request_body", [c[1] for c in _dynamic_cases()], ids=[c[0] for c in _dynamic_cases()])
def test_dynamic_values_stay_silent(request_body: dict[str, Any]) -> None:
    assert smx(definition(TRAIN, request_body)) == []


def test_jsonata_expressions_stay_silent() -> None:
    request = _gzip(training())
    del request["TrainingJobName.$"]
    request["TrainingJobName"] = "{% 'train-' & $states.context.Execution.Name %}"
    request["AlgorithmSpecification"]["TrainingInputMode"] = "{% $states.input.mode %}"
    data = definition(TRAIN, request, field="Arguments", QueryLanguage="JSONata")
    assert smx(data) == []


def test_dynamic_tuning_values_stay_silent() -> None:
    config = tuning()["HyperParameterTuningJobConfig"]
    config["Strategy.$"] = "$.Strategy"
    del config["Strategy"]
    config["TrainingJobEarlyStoppingType"] = "Auto"
    config["StrategyConfig"] = {"HyperbandStrategyConfig": {"MaxResource": 10}}
    config["ParameterRanges"]["IntegerParameterRanges"] = [
        {"Name": "max_depth", "MinValue.$": "$.MinDepth", "MaxValue": "3", "ScalingType": "Logarithmic"}
    ]
    config["ResourceLimits"] = {"MaxParallelTrainingJobs.$": "$.Parallel", "MaxNumberOfTrainingJobs": 2}
    assert smx(definition(TUNE, tuning(HyperParameterTuningJobConfig=config))) == []


# -- where the rules look --------------------------------------------------------------------


def test_tuning_definitions_get_the_training_checks() -> None:
    second = _gzip(tuning_definition())
    second["DefinitionName"] = "second"
    second["StoppingCondition"]["MaxWaitTimeInSeconds"] = 7200
    first = tuning_definition()
    first["DefinitionName"] = "first"
    for body in (first, second):
        body["TuningObjective"] = {"Type": "Maximize", "MetricName": "validation:auc"}
        body["HyperParameterRanges"] = {
            "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]
        }
    request = tuning(TrainingJobDefinitions=[first, second])
    del request["TrainingJobDefinition"]
    del request["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"]
    del request["HyperParameterTuningJobConfig"]["ParameterRanges"]
    assert smx(definition(TUNE, request)) == [
        ("SMX106", "/TrainingJobDefinitions/1/StoppingCondition/MaxWaitTimeInSeconds"),
        ("SMX111", "/TrainingJobDefinitions/1/InputDataConfig/0/CompressionType"),
    ]


def test_the_aws_sdk_form_is_checked_too() -> None:
    data = definition("arn:aws:states:::aws-sdk:sagemaker:createTrainingJob", _gzip(training()))
    assert smx(data) == [("SMX111", "/InputDataConfig/0/CompressionType")]


def test_a_jsonata_request_is_checked_too() -> None:
    request = _gzip(training())
    del request["TrainingJobName.$"]
    request["TrainingJobName"] = "{% 'train-' & $states.context.Execution.Name %}"
    data = definition(TRAIN, request, field="Arguments", QueryLanguage="JSONata")
    assert smx(data) == [("SMX111", "/InputDataConfig/0/CompressionType")]


# -- boundaries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("runtime", "wait", "expected"),
    [(3600, 3600, set()), (3600, 3599, {"SMX107"}), (None, 86400, set()), (None, 86399, {"SMX107"})],
)
def test_spot_wait_against_runtime(runtime: int | None, wait: int, expected: set[str]) -> None:
    request = _spot(training(), wait)
    if runtime is None:
        del request["StoppingCondition"]["MaxRuntimeInSeconds"]
    assert rules(definition(TRAIN, request)) == expected


@pytest.mark.parametrize(("seconds", "expected"), [(2_419_200, set()), (2_419_201, {"SMX110"})])
def test_maximum_runtime(seconds: int, expected: set[str]) -> None:
    request = training()
    request["StoppingCondition"]["MaxRuntimeInSeconds"] = seconds
    assert rules(definition(TRAIN, request)) == expected


def test_spot_flag_false_is_not_spot() -> None:
    request = training()
    request["EnableManagedSpotTraining"] = False
    assert rules(definition(TRAIN, request)) == set()
    request["StoppingCondition"]["MaxWaitTimeInSeconds"] = 7200
    assert rules(definition(TRAIN, request)) == {"SMX106"}


@pytest.mark.parametrize(
    ("image", "role", "expected"),
    [
        ("382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1", ROLE, {"SMX109"}),
        ("433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest", ROLE, {"SMX109"}),
        ("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", ROLE, set()),
        ("811284229777.dkr.ecr.us-east-1.amazonaws.com/image-classification:1", ROLE, set()),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/kmeans:1", ROLE, set()),
        ("382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1", "arn:aws:iam::382416733822:role/R", set()),
    ],
)
def test_builtin_without_checkpoints(image: str, role: str, expected: set[str]) -> None:
    request = _spot(training(), 7200)
    request["AlgorithmSpecification"]["TrainingImage"] = image
    request["RoleArn"] = role
    assert rules(definition(TRAIN, request)) == expected


@pytest.mark.parametrize(
    ("instance_type", "expected"),
    [("ml.p4d.24xlarge", {"SMX104"}), ("ml.g5.xlarge", {"SMX104"}), ("ml.m5.xlarge", set()), ("ml.g7.2xlarge", set())],
)
def test_volume_key_on_instance_storage(instance_type: str, expected: set[str]) -> None:
    request = training()
    request["ResourceConfig"]["InstanceType"] = instance_type
    request["ResourceConfig"]["VolumeKmsKeyId"] = "alias/training"
    assert rules(definition(TRAIN, request)) == expected


def test_volume_key_on_an_instance_group_with_instance_storage() -> None:
    request = training()
    request["EnableInterContainerTrafficEncryption"] = True
    request["ResourceConfig"] = {
        "VolumeSizeInGB": 30,
        "VolumeKmsKeyId": "alias/training",
        "InstanceGroups": [
            {"InstanceGroupName": "cpu", "InstanceType": "ml.c5.xlarge", "InstanceCount": 1},
            {"InstanceGroupName": "gpu", "InstanceType": "ml.g5.xlarge", "InstanceCount": 1},
        ],
    }
    assert smx(definition(TRAIN, request)) == [("SMX104", "/ResourceConfig/VolumeKmsKeyId")]


def test_instance_preferences_exclusions() -> None:
    request = _spot(training(), 7200)
    request["ResourceConfig"] = {
        "InstanceType": "ml.m5.xlarge",
        "VolumeSizeInGB": 30,
        "InstancePreferences": [{"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}],
    }
    assert smx(definition(TRAIN, request)) == [
        ("SMX102", "/ResourceConfig/InstancePreferences"),
        ("SMX102", "/ResourceConfig/InstanceType"),
    ]


def test_serverless_jobs_define_no_cluster() -> None:
    request = training()
    request["ResourceConfig"] = {"VolumeSizeInGB": 30}
    assert rules(definition(TRAIN, request)) == {"SMX102"}
    request["ServerlessJobConfig"] = {"BaseModelArn": "arn:aws:sagemaker:us-east-1:aws:hub-content/x", "JobType": "x"}
    assert "SMX102" not in rules(definition(TRAIN, request))


@pytest.mark.parametrize(("length", "expected"), [(256, set()), (257, {"SMX119"}), (2500, {"SMX119"}), (2501, set())])
def test_hyperparameter_value_length(length: int, expected: set[str]) -> None:
    request = training()
    request["HyperParameters"] = {"features": "x" * length}
    assert rules(definition(TRAIN, request)) == expected


@pytest.mark.parametrize(("count", "expected"), [(1, {"SMX121"}), (2, set())])
def test_sharding_needs_several_instances(count: int, expected: set[str]) -> None:
    request = training()
    request["EnableInterContainerTrafficEncryption"] = True
    request["ResourceConfig"]["InstanceCount"] = count
    request["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataDistributionType"] = "ShardedByS3Key"
    assert rules(definition(TRAIN, request)) == expected


def test_sharding_counts_the_instance_groups_the_channel_feeds() -> None:
    request = training()
    request["EnableInterContainerTrafficEncryption"] = True
    request["ResourceConfig"] = {
        "VolumeSizeInGB": 30,
        "InstanceGroups": [
            {"InstanceGroupName": "cpu", "InstanceType": "ml.c5.xlarge", "InstanceCount": 4},
            {"InstanceGroupName": "gpu", "InstanceType": "ml.g5.xlarge", "InstanceCount": 1},
        ],
    }
    source = request["InputDataConfig"][0]["DataSource"]["S3DataSource"]
    source["S3DataDistributionType"] = "ShardedByS3Key"
    source["InstanceGroupNames"] = ["gpu"]
    assert rules(definition(TRAIN, request)) == {"SMX121"}
    source["InstanceGroupNames"] = ["cpu", "gpu"]
    assert rules(definition(TRAIN, request)) == set()


def test_max_pending_time_with_a_gpu_instance_is_silent() -> None:
    request = training()
    request["StoppingCondition"]["MaxPendingTimeInSeconds"] = 7200
    assert rules(definition(TRAIN, request)) == {"SMX122"}
    request["ResourceConfig"]["InstanceType"] = "ml.g5.xlarge"
    assert rules(definition(TRAIN, request)) == set()


def test_pipe_mode_channel_override_allows_gzip() -> None:
    request = _gzip(training())
    request["InputDataConfig"][0]["InputMode"] = "Pipe"
    assert rules(definition(TRAIN, request)) == set()
    request["AlgorithmSpecification"]["TrainingInputMode"] = "Pipe"
    request["InputDataConfig"][0]["InputMode"] = "File"
    assert rules(definition(TRAIN, request)) == {"SMX111"}


# -- tuning --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("$$.Execution.Name", {"SMX202"}),
        ("States.Format('tune-{}', $$.Execution.Name)", set()),
        ("$.TuningJobName", set()),
    ],
)
def test_tuning_job_name(name: str, expected: set[str]) -> None:
    assert rules(definition(TUNE, tuning(**{"HyperParameterTuningJobName.$": name}))) & {"SMX202"} == expected


def test_hyperparameter_total_counts_the_objective_metric() -> None:
    body = tuning()
    body["TrainingJobDefinition"]["StaticHyperParameters"] = {f"s{i:02d}": "1" for i in range(99)}
    assert rules(definition(TUNE, body)) == {"SMX204"}
    del body["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"]
    body["Autotune"] = {"Mode": "Enabled"}
    assert rules(definition(TUNE, body)) == set()


def test_hyperparameter_total_leaves_too_many_static_ones_to_the_shape_check() -> None:
    body = tuning()
    body["TrainingJobDefinition"]["StaticHyperParameters"] = {f"s{i:03d}": "1" for i in range(101)}
    found = {f.rule for f in lint("job.asl.json", definition(TUNE, body))}
    assert "SMS009" in found
    assert "SMX204" not in found


def test_range_count_per_definition() -> None:
    body = tuning()
    ranges = [{"Name": f"c{i:02d}", "Values": ["a", "b"]} for i in range(30)]
    body["HyperParameterTuningJobConfig"]["ParameterRanges"]["CategoricalParameterRanges"] = ranges
    assert smx(definition(TUNE, body)) == [("SMX203", "/HyperParameterTuningJobConfig/ParameterRanges")]
    ranges.pop()
    assert smx(definition(TUNE, body)) == []


@pytest.mark.parametrize(
    ("kind", "low", "high", "scaling", "expected"),
    [
        ("Continuous", "0.1", "0.1", None, set()),
        ("Continuous", "1e-4", "0.3", "Logarithmic", set()),
        ("Continuous", "-1", "0.3", "Logarithmic", {"SMX206"}),
        ("Continuous", "0", "0.999", "ReverseLogarithmic", set()),
        ("Continuous", "-0.1", "0.5", "ReverseLogarithmic", {"SMX206"}),
        ("Integer", "1", "10", "Logarithmic", set()),
        ("Integer", "1.0", "10", None, {"SMX206"}),
        ("Continuous", "nan", "1", None, {"SMX206"}),
    ],
)
def test_range_values(kind: str, low: str, high: str, scaling: str | None, expected: set[str]) -> None:
    body = tuning()
    entry: dict[str, Any] = {"Name": "x", "MinValue": low, "MaxValue": high}
    if scaling is not None:
        entry["ScalingType"] = scaling
    body["HyperParameterTuningJobConfig"]["ParameterRanges"] = {f"{kind}ParameterRanges": [entry]}
    assert rules(definition(TUNE, body)) == expected


def test_hyperband_with_default_early_stopping_is_silent() -> None:
    body = tuning()
    config = body["HyperParameterTuningJobConfig"]
    config["Strategy"] = "Hyperband"
    config["StrategyConfig"] = {"HyperbandStrategyConfig": {"MinResource": 1, "MaxResource": 30}}
    assert rules(definition(TUNE, body)) == set()
    config["TrainingJobEarlyStoppingType"] = "Auto"
    assert rules(definition(TUNE, body)) == {"SMX207"}


def test_definition_ranges_are_checked_per_definition() -> None:
    first = tuning_definition()
    first["DefinitionName"] = "first"
    first["HyperParameterRanges"] = {
        "IntegerParameterRanges": [{"Name": "num_round", "MinValue": "10", "MaxValue": "20"}]
    }
    second = copy.deepcopy(first)
    second["DefinitionName"] = "second"
    second["HyperParameterRanges"] = {"IntegerParameterRanges": [{"Name": "depth", "MinValue": "9", "MaxValue": "3"}]}
    body = tuning(TrainingJobDefinitions=[first, second])
    del body["TrainingJobDefinition"]
    del body["HyperParameterTuningJobConfig"]["ParameterRanges"]
    assert smx(definition(TUNE, body)) == [
        ("SMX205", "/TrainingJobDefinitions/0/HyperParameterRanges/IntegerParameterRanges/0/Name"),
        ("SMX206", "/TrainingJobDefinitions/1/HyperParameterRanges/IntegerParameterRanges/0/MinValue"),
    ]
