"""The SMX rules of processing (SMX3xx), batch transform (SMX4xx), hosting (SMX5xx) and labeling
(SMX6xx) jobs beyond their fixture folders: values that are not known statically stay silent,
every way of writing a request is judged the same, and the curated tables answer as documented.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from test_rule_fixtures import lint

from asllint.rule import Severity
from asllint_rules.sagemaker import hosting, labeling, processing, transform
from asllint_rules.sagemaker.model import INSTANCE_STORE_FAMILIES, has_instance_store, instance_family

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
OUR_RULES = [rule for module in (processing, transform, hosting, labeling) for rule in module.RULES]
OURS = ("SMX3", "SMX4", "SMX5", "SMX6")


def findings(state: dict[str, Any], *, jsonata: bool = False) -> list[tuple[str, str]]:
    """``(rule id, JSON pointer)`` of every SMX3xx-SMX6xx finding on a one-state machine."""
    definition: dict[str, Any] = {"StartAt": "Job", "States": {"Job": {**state, "End": True}}}
    if jsonata:
        definition["QueryLanguage"] = "JSONata"
    found = lint("job.asl.json", json.dumps(definition).encode())
    return [(f.rule, f.path or "/") for f in found if f.rule.startswith(OURS)]


def rule_ids(state: dict[str, Any], *, jsonata: bool = False) -> set[str]:
    return {rule for rule, _ in findings(state, jsonata=jsonata)}


def task(resource: str, parameters: dict[str, Any] | str, *, field: str = "Parameters") -> dict[str, Any]:
    return {"Type": "Task", "Resource": f"arn:aws:states:::{resource}", field: parameters}


def processing_job(**changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
        "RoleArn": ROLE,
        "AppSpecification": {"ImageUri": f"{ECR}/prep:1"},
        "ProcessingResources": {
            "ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }
    request.update(changes)
    return request


def transform_job(**changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
        "ModelName.$": "$.ModelName",
        "TransformInput": {
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/score/"}},
            "ContentType": "text/csv",
            "SplitType": "Line",
        },
        "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
        "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1},
    }
    request.update(changes)
    return request


def model(**changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
        "ExecutionRoleArn": ROLE,
        "PrimaryContainer": {"Image": f"{ECR}/churn:1", "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"},
    }
    request.update(changes)
    return {key: value for key, value in request.items() if value is not None}


def endpoint_config(*variants: dict[str, Any], **changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
        "ProductionVariants": list(variants),
    }
    request.update(changes)
    return request


def variant(**changes: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "VariantName": "AllTraffic",
        "ModelName.$": "$.ModelName",
        "InstanceType": "ml.m5.large",
        "InitialInstanceCount": 1,
    }
    spec.update(changes)
    return {key: value for key, value in spec.items() if value is not None}


def labeling_job(**human_changes: Any) -> dict[str, Any]:
    human: dict[str, Any] = {
        "WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
        "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/templates/classify.liquid.html"},
        "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
        "TaskTitle": "Classify tickets",
        "TaskDescription": "Pick the category of each support ticket",
        "NumberOfHumanWorkersPerDataObject": 1,
        "TaskTimeLimitInSeconds": 300,
    }
    human.update(human_changes)
    return {
        "LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
        "LabelAttributeName": "category",
        "RoleArn": ROLE,
        "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
        "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
        "HumanTaskConfig": {key: value for key, value in human.items() if value is not None},
    }


def with_members(request: dict[str, Any], path: tuple[str | int, ...], **members: Any) -> dict[str, Any]:
    """A copy of ``request`` whose object at ``path`` gets ``members`` (``None`` removes one)."""
    result = copy.deepcopy(request)
    target: Any = result
    for part in path:
        target = target[part]
    for key, value in members.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    return result


KMS = "alias/sagemaker-volumes"
GZIP_INPUT = {
    "InputName": "raw",
    "S3Input": {
        "S3Uri": "s3://example-bucket/raw/",
        "LocalPath": "/opt/ml/processing/raw",
        "S3DataType": "S3Prefix",
        "S3CompressionType": "Gzip",
    },
}
CLUSTER = ("ProcessingResources", "ClusterConfig")

# (the rule, a state that raises it) — each case below changes one judged value of it to a
# value that is not known statically
VIOLATIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "gzip": ("SMX302", task("sagemaker:createProcessingJob", processing_job(ProcessingInputs=[GZIP_INPUT]))),
    "local-path": (
        "SMX303",
        task(
            "sagemaker:createProcessingJob",
            processing_job(
                ProcessingInputs=[with_members(GZIP_INPUT, ("S3Input",), LocalPath="/data", S3InputMode="Pipe")]
            ),
        ),
    ),
    "processing-kms": (
        "SMX304",
        task(
            "sagemaker:createProcessingJob",
            with_members(processing_job(), CLUSTER, InstanceType="ml.g5.xlarge", VolumeKmsKeyId=KMS),
        ),
    ),
    "payload": ("SMX401", task("sagemaker:createTransformJob", transform_job(MaxPayloadInMB=200))),
    "transform-count": (
        "SMX403",
        task("sagemaker:createTransformJob", with_members(transform_job(), ("TransformResources",), InstanceCount=500)),
    ),
    "transform-kms": (
        "SMX405",
        task(
            "sagemaker:createTransformJob",
            with_members(transform_job(), ("TransformResources",), InstanceType="ml.g5.xlarge", VolumeKmsKeyId=KMS),
        ),
    ),
    "model-url": (
        "SMX502",
        task("sagemaker:createModel", model(PrimaryContainer={"Image": f"{ECR}/churn:1", "ModelDataUrl": "s3://b/m/"})),
    ),
    "accelerator": (
        "SMX509",
        task("sagemaker:createEndpointConfig", endpoint_config(variant(AcceleratorType="ml.eia2.medium"))),
    ),
    "memory": (
        "SMX508",
        task(
            "sagemaker:createEndpointConfig",
            endpoint_config(
                variant(
                    InstanceType=None,
                    InitialInstanceCount=None,
                    ServerlessConfig={"MemorySizeInMB": 1500, "MaxConcurrency": 5},
                )
            ),
        ),
    ),
    "label": (
        "SMX602",
        task("sagemaker:createLabelingJob", {**labeling_job(), "LabelAttributeName": "category-metadata"}),
    ),
    "time-limit": ("SMX604", task("sagemaker:createLabelingJob", labeling_job(TaskTimeLimitInSeconds=86400))),
}

# case -> (the member's container path, the member) that is made dynamic
DYNAMIC_MEMBERS: dict[str, tuple[tuple[str | int, ...], str]] = {
    "gzip": (("ProcessingInputs", 0, "S3Input"), "S3CompressionType"),
    "local-path": (("ProcessingInputs", 0, "S3Input"), "LocalPath"),
    "processing-kms": (CLUSTER, "InstanceType"),
    "payload": ((), "MaxPayloadInMB"),
    "transform-count": (("TransformResources",), "InstanceCount"),
    "transform-kms": (("TransformResources",), "InstanceType"),
    "model-url": (("PrimaryContainer",), "ModelDataUrl"),
    "accelerator": (("ProductionVariants", 0), "AcceleratorType"),
    "memory": (("ProductionVariants", 0, "ServerlessConfig"), "MemorySizeInMB"),
    "label": ((), "LabelAttributeName"),
    "time-limit": (("HumanTaskConfig",), "TaskTimeLimitInSeconds"),
}


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
def test_the_static_value_is_judged(case: str) -> None:
    rule_id, state = VIOLATIONS[case]
    assert rule_id in rule_ids(state)


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
@pytest.mark.parametrize(
    "how",
    ["path", "intrinsic", "placeholder", "jsonata"],
)
def test_a_dynamic_value_stays_silent(case: str, how: str) -> None:
    rule_id, state = VIOLATIONS[case]
    where, member = DYNAMIC_MEMBERS[case]
    request = state["Parameters"]
    if how == "path":
        request = with_members(request, where, **{member: None, f"{member}.$": f"$.settings.{member}"})
    elif how == "intrinsic":
        request = with_members(request, where, **{member: None, f"{member}.$": "States.ArrayGetItem($.values, 0)"})
    elif how == "placeholder":
        request = with_members(request, where, **{member: "${" + member + "}"})
    else:
        request = with_members(request, where, **{member: "{% $states.input." + member + " %}"})
        request = _as_jsonata(request)
        arguments = {key: value for key, value in state.items() if key != "Parameters"}
        assert rule_id not in rule_ids({**arguments, "Arguments": request}, jsonata=True)
        return
    assert rule_id not in rule_ids({**state, "Parameters": request})


def _as_jsonata(value: Any) -> Any:
    """A JSONPath request rewritten for a JSONata state: ``Key.$`` members become expressions."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key.endswith(".$"):
                out[key[:-2]] = "{% $states.input.value %}"
            else:
                out[key] = _as_jsonata(item)
        return out
    if isinstance(value, list):
        return [_as_jsonata(item) for item in value]
    return value


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
def test_jsonata_arguments_are_judged_like_parameters(case: str) -> None:
    rule_id, state = VIOLATIONS[case]
    arguments = {key: value for key, value in state.items() if key != "Parameters"}
    assert rule_id in rule_ids({**arguments, "Arguments": _as_jsonata(state["Parameters"])}, jsonata=True)


def test_one_jsonata_expression_for_the_whole_request_is_not_judged() -> None:
    state = task("sagemaker:createTransformJob", "{% $states.input.request %}", field="Arguments")
    assert findings(state, jsonata=True) == []


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
def test_the_aws_sdk_form_is_judged_like_the_optimized_one(case: str) -> None:
    rule_id, state = VIOLATIONS[case]
    action = state["Resource"].rsplit(":", 1)[1]
    sdk = {**state, "Resource": f"arn:aws:states:::aws-sdk:sagemaker:{action}"}
    assert rule_id in rule_ids(sdk)


@pytest.mark.parametrize(
    "case", sorted(case for case, (_, state) in VIOLATIONS.items() if state["Resource"].endswith("Job"))
)
def test_sync_is_judged_like_request_response(case: str) -> None:
    rule_id, state = VIOLATIONS[case]
    assert rule_id in rule_ids({**state, "Resource": state["Resource"] + ".sync"})


def test_a_dynamic_member_counts_as_present_for_what_must_be_there() -> None:
    # no LocalPath is known, but one is sent: SMX303 must not call it missing
    request = processing_job(
        ProcessingInputs=[
            {"InputName": "raw", "S3Input": {"S3Uri": "s3://b/raw/", "S3DataType": "S3Prefix", "LocalPath.$": "$.p"}}
        ]
    )
    assert rule_ids(task("sagemaker:createProcessingJob", request)) == set()
    # a dynamic role is a role
    assert "SMX506" not in rule_ids(
        task("sagemaker:createModel", model(ExecutionRoleArn=None, **{"ExecutionRoleArn.$": "$.r"}))
    )


def test_a_dynamic_member_does_not_count_as_present_for_what_must_not_be_there() -> None:
    # the path may give null, which Step Functions sends and SageMaker treats as absent
    both = model(**{"Containers.$": "$.containers"})
    assert "SMX501" not in rule_ids(task("sagemaker:createModel", both))
    cap = {"MaxCrossRegionPercentPerEndpoint": 50, "MaxInvocationsPerSecondPerInstance": 100}
    request = endpoint_config(variant(), CrossRegionTrafficConfig=cap, **{"AsyncInferenceConfig.$": "$.async"})
    assert "SMX510" not in rule_ids(task("sagemaker:createEndpointConfig", request))


def test_a_cloudformation_intrinsic_object_is_not_judged() -> None:
    request = model(PrimaryContainer={"Image": f"{ECR}/churn:1", "ModelDataUrl": {"Fn::GetAtt": ["Job", "Url"]}})
    assert "SMX502" not in rule_ids(task("sagemaker:createModel", request))


def test_filters_that_read_the_state_input_on_purpose_are_left_alone() -> None:
    for path in ("$.inputFilter", "$.config.filters.input", "$$.Execution.Input.filter", "$filter"):
        request = transform_job(DataProcessing={"InputFilter.$": path})
        assert "SMX404" not in rule_ids(task("sagemaker:createTransformJob", request)), path
    for path in ("$", "$[1:]", "$.features", "$['id','SageMakerOutput']"):
        request = transform_job(DataProcessing={"OutputFilter.$": path, "JoinSource": "Input"})
        assert "SMX404" in rule_ids(task("sagemaker:createTransformJob", request)), path


def test_multirecord_needs_a_split_but_singlerecord_does_not() -> None:
    unsplit = with_members(transform_job(), ("TransformInput",), SplitType=None)
    assert "SMX402" in rule_ids(task("sagemaker:createTransformJob", {**unsplit, "BatchStrategy": "MultiRecord"}))
    assert "SMX402" not in rule_ids(task("sagemaker:createTransformJob", {**unsplit, "BatchStrategy": "SingleRecord"}))


def test_payload_product_needs_both_values() -> None:
    # the default payload (6 MB) is not assumed: only values written in the request are multiplied
    request = transform_job(MaxConcurrentTransforms=50)
    assert "SMX401" not in rule_ids(task("sagemaker:createTransformJob", request))
    request = transform_job(MaxConcurrentTransforms=50, MaxPayloadInMB=0)  # chunked encoding
    assert "SMX401" not in rule_ids(task("sagemaker:createTransformJob", request))


@pytest.mark.parametrize(
    ("seconds", "human", "expected"),
    [
        (28_800, {}, set()),
        (28_801, {}, {"SMX604"}),
        # a video frame job may take up to 30 days
        (
            86_400,
            {
                "UiConfig": {
                    "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/VideoObjectTracking"
                },
                "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-VideoObjectTracking",
            },
            set(),
        ),
        (
            2_592_001,
            {
                "UiConfig": {
                    "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/PointCloudObjectDetection"
                },
                "PreHumanTaskLambdaArn": None,
            },
            {"SMX604"},
        ),
        # a custom job (its own pre-annotation Lambda) with a template in S3
        (36_000, {"PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:prepare"}, {"SMX604"}),
        # video classification: a built-in type without a documented limit
        (
            36_000,
            {"PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-VideoMultiClass"},
            set(),
        ),
        # the type is not known: a warning only
        (36_000, {"PreHumanTaskLambdaArn": None, "UiConfig": {"HumanTaskUiArn.$": "$.ui"}}, {"SMX605"}),
        (36_000, {"PreHumanTaskLambdaArn.$": "$.pre", "PreHumanTaskLambdaArn": None}, {"SMX605"}),
    ],
)
def test_labeling_time_limit_follows_the_task_type(seconds: int, human: dict[str, Any], expected: set[str]) -> None:
    request = labeling_job(TaskTimeLimitInSeconds=seconds, **human)
    found = rule_ids(task("sagemaker:createLabelingJob", request)) & {"SMX604", "SMX605"}
    assert found == expected


def test_mechanical_turk_availability_limit() -> None:
    mturk = "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default"
    for seconds, expected in ((43_200, set()), (43_201, {"SMX604"})):
        request = labeling_job(WorkteamArn=mturk, TaskAvailabilityLifetimeInSeconds=seconds)
        assert rule_ids(task("sagemaker:createLabelingJob", request)) & {"SMX604"} == expected
    private = labeling_job(TaskAvailabilityLifetimeInSeconds=864_000)
    assert "SMX604" not in rule_ids(task("sagemaker:createLabelingJob", private))


def test_instance_store_table() -> None:
    assert instance_family("ml.g5.xlarge") == "g5"
    assert instance_family("ml.p4de.24xlarge") == "p4de"
    assert instance_family("g5.xlarge") is None
    assert has_instance_store("ml.g4dn.xlarge")
    assert has_instance_store("ml.m5d.large")
    assert not has_instance_store("ml.m5.large")
    assert not has_instance_store("ml.g7e.xlarge")  # not confirmed: left out on purpose
    assert not has_instance_store(None)
    assert len(INSTANCE_STORE_FAMILIES) == 21


def test_rules_have_one_severity_and_a_sagemaker_source() -> None:
    assert len({rule.id for rule in OUR_RULES}) == len(OUR_RULES)
    for rule in OUR_RULES:
        assert rule.severity in (Severity.ERROR, Severity.WARNING), rule.id
        assert rule.source_url.startswith("https://docs.aws.amazon.com/"), rule.id


CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "MANIFEST.json").is_file(), reason="no shared corpus")
def test_published_sagemaker_definitions_raise_none_of_these_rules() -> None:
    entries = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))["files"]
    checked = 0
    for entry in entries:
        if not entry.get("uses_sagemaker") or entry["kind"] not in ("state", "states-fragment", "definition"):
            continue
        text = (CORPUS / entry["path"]).read_text(encoding="utf-8")
        if entry["kind"] == "state":
            text = '{"StartAt": "S", "States": {"S": ' + text + "}}"
        elif entry["kind"] == "states-fragment":
            text = '{"StartAt": ' + json.dumps(next(iter(json.loads(text)))) + ', "States": ' + text + "}"
        found = [f.rule for f in lint(entry["path"].rsplit("/", 1)[-1], text.encode()) if f.rule.startswith(OURS)]
        assert found == [], entry["path"]
        checked += 1
    assert checked > 0
