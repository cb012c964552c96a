"""The CST (reliability and cost) and SEC (security policy) rules beyond their fixtures: values
known only at run time stay silent, SEC is opt-in except SEC006, and the helpers that decide
what a secret or an S3 URL is."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest
from test_rule_fixtures import _engine, registry

from asllint.cli import main
from asllint.config import Settings
from asllint.policy import Policy
from asllint.rule import Severity
from asllint_rules.sagemaker.security import s3_form, secret_key, secret_value

if TYPE_CHECKING:
    from pathlib import Path

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1"
TRAINING: dict[str, Any] = {
    "TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
    "RoleArn": ROLE,
    "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File"},
    "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
    "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
    "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
}
SYNC = "arn:aws:states:::sagemaker:createTrainingJob.sync"


def training(**changes: Any) -> dict[str, Any]:
    """The training request with members replaced (``None`` removes one)."""
    request = copy.deepcopy(TRAINING)
    for key, value in changes.items():
        if value is None:
            request.pop(key, None)
        else:
            request[key] = value
    return request


def resources(**changes: Any) -> dict[str, Any]:
    """The training ``ResourceConfig`` with members replaced: ``Key_`` is ``Key.$``, which
    takes the place of ``Key``."""
    config: dict[str, Any] = dict(TRAINING["ResourceConfig"])
    for key, value in changes.items():
        name = key.rstrip("_")
        if key.endswith("_"):
            config.pop(name, None)
            name += ".$"
        config[name] = value
    return config


def task(request: Any, resource: str = SYNC, **fields: Any) -> dict[str, Any]:
    state: dict[str, Any] = {"Type": "Task", "Resource": resource}
    if fields.get("QueryLanguage") == "JSONata":
        state["Arguments"] = request
    else:
        state["Parameters"] = request
    state.update(fields)
    state.setdefault("End", True)
    return state


def one(state: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {**top, "StartAt": "S", "States": {"S": state}}


def run(definition: dict[str, Any], *rule_ids: str) -> list[tuple[str, str]]:
    """``(rule, pointer)`` of the findings of ``rule_ids`` (opt-in ones included) on ``definition``."""
    policy = Policy(registry().rules, Settings(select=rule_ids))
    result = _engine().check_bytes("x.asl.json", json.dumps(definition).encode(), policy, frozenset(rule_ids))
    return [(f.rule, f.path) for f in result.findings if f.rule in rule_ids]


def family(prefix: str) -> list[str]:
    return sorted(rule_id for rule_id in registry().rules if rule_id.startswith(prefix))


# -- the families as a whole -------------------------------------------------------------------


def test_no_error_severity_and_the_opt_in_choice() -> None:
    rules = {rule_id: registry().rules[rule_id] for rule_id in family("CST") + family("SEC")}
    assert rules, "the CST and SEC families are registered"
    assert all(rule.severity < Severity.ERROR for rule in rules.values())
    opt_in = {rule_id for rule_id, rule in rules.items() if rule.opt_in}
    assert opt_in == {
        "CST008",
        "CST009",
        "CST016",
        *(f"SEC00{n}" for n in (1, 2, 3, 4, 5, 7, 8)),
        "SEC010",
    }
    assert registry().rules["SEC006"].severity == Severity.WARNING


def test_a_request_known_only_at_run_time_is_never_judged() -> None:
    state = task("{% $states.input.request %}", QueryLanguage="JSONata", TimeoutSeconds=60)
    assert run(one(state), *family("CST"), *family("SEC")) == [
        # the Resource-level advice needs no request
        ("CST003", "/States/S/Resource"),
        ("CST008", "/States/S/Resource"),
        ("CST009", "/States/S/Resource"),
    ]


DYNAMIC_CASES: list[tuple[str, dict[str, Any]]] = [
    ("CST001", task(training(**{"TrainingJobName.$": None, "TrainingJobName": "${TrainingJobName}"}))),
    (
        "CST001",
        task(
            training(**{"TrainingJobName.$": None, "TrainingJobName": "{% $states.input.name %}"}),
            QueryLanguage="JSONata",
        ),
    ),
    ("CST006", task(training(), QueryLanguage="JSONata", TimeoutSeconds="{% $states.input.timeout %}")),
    ("CST006", task(training(StoppingCondition={"MaxRuntimeInSeconds.$": "$.runtime"}), TimeoutSeconds=60)),
    ("CST006", task(training(**{"StoppingCondition": None, "StoppingCondition.$": "$.stop"}), TimeoutSeconds=60)),
    ("CST006", task(training(), TimeoutSecondsPath="$.timeout")),
    ("CST014", task(training())),
    ("CST015", task(training(ResourceConfig=resources(KeepAlivePeriodInSeconds_="$.k")))),
    ("SEC001", task(training(**{"VpcConfig.$": "$.vpc"}))),
    ("SEC002", task(training(**{"EnableNetworkIsolation.$": "$.isolate"}))),
    ("SEC003", task(training(ResourceConfig=resources(InstanceCount_="$.count")))),
    (
        "SEC003",
        task(
            training(
                ResourceConfig=resources(InstanceCount=2),
                **{"EnableInterContainerTrafficEncryption.$": "$.e"},
            )
        ),
    ),
    ("SEC004", task(training(**{"OutputDataConfig": None, "OutputDataConfig.$": "$.output"}))),
    ("SEC005", task(training(ResourceConfig=resources(InstanceType_="$.type")))),
    ("SEC005", task(training(ResourceConfig=resources(InstanceType="ml.g5.xlarge")))),
    ("SEC006", task(training(**{"Environment.$": "$.environment"}))),
    ("SEC006", task(training(HyperParameters={"epochs.$": "$.epochs", "learning_rate": "0.1"}))),
    ("SEC007", task(training(RemoteDebugConfig={"EnableRemoteDebug.$": "$.debug"}))),
    ("SEC010", task(training(CheckpointConfig={"S3Uri.$": "$.checkpoints"}))),
]


@pytest.mark.parametrize(("rule_id", "state"), DYNAMIC_CASES, ids=[c[0] for c in DYNAMIC_CASES])
def test_dynamic_values_stay_silent(rule_id: str, state: dict[str, Any]) -> None:
    assert run(one(state), rule_id) == []


def test_the_execution_timeout_uses_only_literal_bounds() -> None:
    dynamic = task(training(StoppingCondition={"MaxRuntimeInSeconds.$": "$.runtime"}))
    assert run(one(dynamic, TimeoutSeconds=60), "CST011") == []
    assert run(one(task(training()), TimeoutSeconds=60), "CST011") == [("CST011", "/TimeoutSeconds")]
    # a lower state timeout is what the execution has to outlast
    assert run(one(task(training(), TimeoutSeconds=50), TimeoutSeconds=60), "CST011") == []


# -- SEC is opt-in, except SEC006 ----------------------------------------------------------------


BOTH = json.dumps(one(task(training(Environment={"DB_PASSWORD": "hunter2-hunter2"}))))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder as the working directory."""
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def rules_found(capsys: pytest.CaptureFixture[str], *argv: str) -> set[str]:
    main(["check", "--format", "json", *argv])
    out, err = capsys.readouterr()
    assert err == ""
    return {str(f["rule"]) for f in json.loads(out)["findings"]}


def test_security_rules_are_off_by_default_except_secrets(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".asllint.toml").write_text("", encoding="utf-8")
    (project / "x.asl.json").write_text(BOTH, encoding="utf-8")
    found = rules_found(capsys, "x.asl.json")
    assert "SEC006" in found
    assert not {"SEC001", "SEC002", "SEC004", "SEC005"} & found
    assert {"SEC001", "SEC002", "SEC004", "SEC005", "SEC006"} <= rules_found(
        capsys, "--extend-select", "SEC", "x.asl.json"
    )
    # any selector the user writes that is a prefix of the id picks an opt-in rule
    assert "SEC001" in rules_found(capsys, "--extend-select", "SEC00", "x.asl.json")
    assert "SEC006" not in rules_found(capsys, "--ignore", "SEC006", "x.asl.json")


def test_security_rules_from_pyproject(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[tool.asllint]\nextend-select = ["SEC"]\n', encoding="utf-8")
    (project / "x.asl.json").write_text(BOTH, encoding="utf-8")
    assert {"SEC001", "SEC002", "SEC004", "SEC005", "SEC006"} <= rules_found(capsys, "x.asl.json")


# -- names ----------------------------------------------------------------------------------------


def test_names_that_change_per_attempt_satisfy_retry_reuses_name() -> None:
    retry = [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}]
    fresh = [
        "States.Format('train-{}-{}', $$.Execution.Name, $$.State.RetryCount)",
        "States.Format('train-{}', States.UUID())",
    ]
    for name in fresh:
        assert run(one(task(training(**{"TrainingJobName.$": name}), Retry=retry)), "CST002") == []
    jsonata = training(**{"TrainingJobName.$": None})
    jsonata["TrainingJobName"] = (
        "{% 'train-' & $states.context.Execution.Name & '-' & $states.context.State.RetryCount %}"
    )
    assert run(one(task(jsonata, QueryLanguage="JSONata", Retry=retry)), "CST002") == []
    jsonata["TrainingJobName"] = "{% 'train-' & $states.context.Execution.Name %}"
    assert run(one(task(jsonata, QueryLanguage="JSONata", Retry=retry)), "CST002") == [
        ("CST002", "/States/S/Retry/0/ErrorEquals")
    ]
    # a placeholder is replaced at deploy time: not judged
    placeholder = training(**{"TrainingJobName.$": None, "TrainingJobName": "${JobName}"})
    assert run(one(task(placeholder, Retry=retry)), "CST002") == []
    # a request-response create ends before the job runs: nothing after creation to retry
    response = task(training(), resource="arn:aws:states:::sagemaker:createTrainingJob", Retry=retry)
    assert run(one(response), "CST002") == []


def map_of(inner: dict[str, Any], **fields: Any) -> dict[str, Any]:
    inner = {**inner, "End": True}
    return {
        "Type": "Map",
        "MaxConcurrency": 2,
        **fields,
        "ItemProcessor": {"StartAt": "T", "States": {"T": inner}},
        "End": True,
    }


def test_a_per_execution_name_inside_a_map() -> None:
    same = task(training())
    assert run(one(map_of(same)), "CST001") == [
        ("CST001", "/States/S/ItemProcessor/States/T/Parameters/TrainingJobName.$")
    ]
    varying = task(training(**{"TrainingJobName.$": "States.Format('train-{}-{}', $$.Execution.Name, $.Index)"}))
    assert run(one(map_of(varying)), "CST001") == []
    variable = task(training(**{"TrainingJobName.$": "States.Format('train-{}', $jobName)"}))
    assert run(one(map_of(variable)), "CST001") == []
    # each child execution of a distributed Map has an execution name of its own
    distributed = map_of(same)
    distributed["ItemProcessor"]["ProcessorConfig"] = {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
    assert run(one(distributed), "CST001") == []


def test_the_endpoint_name_is_not_a_static_resource_name() -> None:
    deploy = task(
        {"EndpointName": "churn", "EndpointConfigName": "churn-config"},
        resource="arn:aws:states:::sagemaker:createEndpoint",
    )
    assert run(one(deploy), "CST001", "CST014") == []


# -- endpoints --------------------------------------------------------------------------------------

DEPLOY = {
    "Type": "Task",
    "Resource": "arn:aws:states:::sagemaker:createEndpoint",
    "Parameters": {"EndpointName": "churn", "EndpointConfigName.$": "$.Config"},
    "ResultPath": None,
}
INVOKE = {
    "Type": "Task",
    "Resource": "arn:aws:states:::aws-sdk:sagemakerruntime:invokeEndpoint",
    "Parameters": {"EndpointName": "churn", "ContentType": "text/csv", "Body.$": "$.Sample"},
    "End": True,
}


def chain(*states: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    body = {}
    for (name, state), after in zip(states, [*states[1:], None], strict=True):
        body[name] = {**state, "Next": after[0]} if after is not None and "End" not in state else state
    return {"StartAt": states[0][0], "States": body}


def test_a_lambda_function_between_may_wait_for_the_endpoint() -> None:
    waiter = {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "wait-for-endpoint", "Payload.$": "$"},
    }
    assert run(chain(("Deploy", DEPLOY), ("Wait", waiter), ("Score", INVOKE)), "CST010") == []
    assert run(chain(("Deploy", DEPLOY), ("Pause", {"Type": "Wait", "Seconds": 600}), ("Score", INVOKE)), "CST010") == [
        ("CST010", "/States/Score/Resource")
    ]


def test_another_endpoint_is_not_the_one_created() -> None:
    other = {**INVOKE, "Parameters": {**INVOKE["Parameters"], "EndpointName": "fraud"}}
    assert run(chain(("Deploy", DEPLOY), ("Score", other)), "CST010") == []
    named_at_run_time = {**INVOKE, "Parameters": {"EndpointName.$": "$.Endpoint", "Body.$": "$.Sample"}}
    assert run(chain(("Deploy", DEPLOY), ("Score", named_at_run_time)), "CST010") == [
        ("CST010", "/States/Score/Resource")
    ]


def test_endpoint_paths_through_parallel_branches() -> None:
    inside = {"Type": "Parallel", "Branches": [{"StartAt": "Deploy", "States": {"Deploy": {**DEPLOY, "End": True}}}]}
    assert run(chain(("Both", inside), ("Score", INVOKE)), "CST010") == [("CST010", "/States/Score/Resource")]
    describe = {
        "Type": "Task",
        "Resource": "arn:aws:states:::aws-sdk:sagemaker:describeEndpoint",
        "Parameters": {"EndpointName": "churn"},
        "End": True,
    }
    awaited = {"Type": "Parallel", "Branches": [{"StartAt": "Describe", "States": {"Describe": describe}}]}
    assert run(chain(("Deploy", DEPLOY), ("Check", awaited), ("Score", INVOKE)), "CST010") == []


# -- secrets and S3 URLs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "DB_PASSWORD",
        "dbPassword",
        "HF_TOKEN",
        "WANDB_API_KEY",
        "apiKey",
        "APIKey",
        "clientSecret",
        "AWS_SECRET_ACCESS_KEY",
        "aws_session_token",
        "credentials",
        "private-key",
    ],
)
def test_secret_keys(key: str) -> None:
    assert secret_key(key)


@pytest.mark.parametrize(
    "key",
    [
        "SECRET_ARN",
        "db_password_secret_name",
        "password_file",
        "pad_token",
        "eos_token",
        "max_tokens",
        "TOKENIZERS_PARALLELISM",
        "token_length",
        "epochs",
        "keyword",
        "AWS_ACCESS_KEY_ID",
    ],
)
def test_keys_that_are_not_secrets(key: str) -> None:
    assert not secret_key(key)


def test_secret_values() -> None:
    assert secret_value("AKIAIOSFODNN7EXAMPLE") == "an AWS access key id"
    assert secret_value("key=ASIAIOSFODNN7EXAMPLE;") == "an AWS access key id"
    assert secret_value("AKIAIOSFODNN7EXAMPLEX") is None  # 21 characters: not a key id
    assert secret_value("-----BEGIN RSA PRIVATE KEY-----\nMIIE") == "a private key"
    assert secret_value("ghp_0123456789abcdefghijABCDEFGHIJ012345") == "a GitHub token"
    assert secret_value("hf_" + "a" * 34) == "a Hugging Face token"
    assert secret_value("s3://example-bucket/train/") is None


@pytest.mark.parametrize(
    ("url", "uri"),
    [
        ("https://example-bucket.s3.us-east-1.amazonaws.com/train/x.csv", "s3://example-bucket/train/x.csv"),
        ("https://example-bucket.s3.amazonaws.com/train/", "s3://example-bucket/train/"),
        ("https://example-bucket.s3-us-west-2.amazonaws.com/a", "s3://example-bucket/a"),
        ("https://s3.eu-west-1.amazonaws.com/example-bucket/a/b", "s3://example-bucket/a/b"),
        ("https://s3.amazonaws.com/example-bucket", "s3://example-bucket/"),
        ("https://models.example.com/model.tar.gz", None),
    ],
)
def test_s3_form(url: str, uri: str | None) -> None:
    assert s3_form(url) == uri
