"""Organisation policy: the ``policy`` table of the configuration and the POL rules it drives.

The fixture folders ``tests/rules/POL00?`` check each rule with its ``example_config``; here the
configuration is written into a folder, as a platform team would, and the CLI runs on it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from asllint.cli import main
from asllint.config import Settings, parse_table, read_config
from asllint.errors import ConfigError, ExitCode
from asllint.orgpolicy import Limits, OrgPolicy, parse_policy

DOCS = Path(__file__).resolve().parents[1] / "docs" / "policy.md"
ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1"

POLICY = """\
[tool.asllint.policy]
allowed-instance-types = ["ml.m5.*", "ml.g5.*"]
denied-instance-types = ["ml.p4d.*", "ml.p5.*"]
max-instance-count = 4
max-volume-size-in-gb = 512
max-runtime-in-seconds = 86400
require-spot = true
required-tags = ["team", "cost-center"]

[tool.asllint.policy.training]
allowed-instance-types = ["ml.m5.*", "ml.g5.*", "ml.p4d.24xlarge"]
max-instance-count = 16
"""


def _toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


def training(**changes: Any) -> dict[str, Any]:
    """A complete training request that the POLICY above accepts; ``changes`` replace members."""
    request: dict[str, Any] = {
        "TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
        "RoleArn": ROLE,
        "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File"},
        "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/models/"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
        "EnableManagedSpotTraining": True,
        "CheckpointConfig": {"S3Uri": "s3://example-ml-bucket/checkpoints/"},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200},
        "Tags": [{"Key": "team", "Value": "churn"}, {"Key": "cost-center", "Value": "cc-1234"}],
    }
    for key, value in changes.items():
        if value is None:
            request.pop(key, None)
        else:
            request[key] = value
    return request


def machine(request: dict[str, Any], resource: str = "arn:aws:states:::sagemaker:createTrainingJob.sync") -> str:
    state = {"Type": "Task", "Resource": resource, "Parameters": request, "End": True}
    return json.dumps({"StartAt": "Job", "States": {"Job": state}}, indent=2) + "\n"


def run(
    capsys: pytest.CaptureFixture[str], root: Path, definition: str, config: str = POLICY, *argv: str
) -> tuple[int, list[tuple[str, str, str]]]:
    """Lint ``definition`` under ``config`` (a pyproject.toml, or ``.asllint.toml`` when it has
    no ``[tool.`` table): exit code and ``(rule, pointer, message)`` of each finding."""
    name = "pyproject.toml" if "[tool." in config or not config else ".asllint.toml"
    if config:
        (root / name).write_text(config, encoding="utf-8")
    path = root / "job.asl.json"
    path.write_text(definition, encoding="utf-8")
    code = main(["check", "--format", "json", *argv, str(path)])
    out, err = capsys.readouterr()
    assert err == ""
    findings = json.loads(out)["findings"]
    return code, [(f["rule"], f["path"], f["message"]) for f in findings]


def pol(findings: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    return [(rule, pointer) for rule, pointer, _ in findings if rule.startswith("POL")]


# -- configuration -------------------------------------------------------------------------


def test_the_policy_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(POLICY, encoding="utf-8")
    settings = read_config(tmp_path / "pyproject.toml")
    assert settings is not None
    policy = settings.org_policy
    assert policy == OrgPolicy(
        "tool.asllint.policy",
        Limits(
            allowed_instance_types=("ml.m5.*", "ml.g5.*"),
            denied_instance_types=("ml.p4d.*", "ml.p5.*"),
            max_instance_count=4,
            max_volume_size_in_gb=512,
            max_runtime_in_seconds=86400,
            require_spot=True,
            required_tags=("team", "cost-center"),
        ),
        (
            (
                "training",
                Limits(allowed_instance_types=("ml.m5.*", "ml.g5.*", "ml.p4d.24xlarge"), max_instance_count=16),
            ),
        ),
    )
    hash(policy)  # frozen all the way down


def test_no_policy_table_means_no_policy(tmp_path: Path) -> None:
    (tmp_path / ".asllint.toml").write_text('ignore = ["ASL110"]\n', encoding="utf-8")
    settings = read_config(tmp_path / ".asllint.toml")
    assert settings is not None and settings.org_policy is None
    assert Settings().org_policy is None


def test_asllint_toml_names_its_table_policy(tmp_path: Path) -> None:
    (tmp_path / ".asllint.toml").write_text("[policy.hosting]\nmax-instance-count = 2\n", encoding="utf-8")
    settings = read_config(tmp_path / ".asllint.toml")
    assert settings is not None and settings.org_policy is not None
    limit = settings.org_policy.limit("hosting", "max-instance-count")
    assert limit is not None and (limit.value, limit.origin) == (2, "max-instance-count in [policy.hosting]")


def test_family_tables_override_and_keys_apply_where_they_mean_something() -> None:
    policy = parse_policy(Path("pyproject.toml"), _toml(POLICY)["tool"]["asllint"]["policy"])
    count = policy.limit("training", "max-instance-count")
    assert count is not None and (count.value, count.origin) == (
        16,
        "max-instance-count in [tool.asllint.policy.training]",
    )
    count = policy.limit("processing", "max-instance-count")
    assert count is not None and count.value == 4
    assert policy.limit("processing", "require-spot") is None  # spot is for training and tuning
    assert policy.limit("transform", "max-volume-size-in-gb") is None
    assert policy.limit("labeling", "required-tags") is not None


@pytest.mark.parametrize(
    ("family", "instance_type", "problem"),
    [
        ("training", "ml.m5.xlarge", None),
        ("training", "ml.p4d.24xlarge", None),  # the training table allows it: exempt from the top-level deny
        ("tuning", "ml.p4d.24xlarge", "is denied by 'ml.p4d.*' (denied-instance-types in [tool.asllint.policy])"),
        ("training", "ml.p5.48xlarge", "is denied by 'ml.p5.*' (denied-instance-types in [tool.asllint.policy])"),
        (
            "hosting",
            "ml.c5.large",
            "is not allowed for hosting; allowed-instance-types in [tool.asllint.policy] allows ml.m5.*, ml.g5.*",
        ),
        (
            "training",
            "ml.c5.xlarge",
            "is not allowed for training; allowed-instance-types in [tool.asllint.policy.training] allows "
            "ml.m5.*, ml.g5.*, ml.p4d.24xlarge",
        ),
    ],
)
def test_instance_type_precedence(family: str, instance_type: str, problem: str | None) -> None:
    policy = parse_policy(Path("pyproject.toml"), _toml(POLICY)["tool"]["asllint"]["policy"])
    assert policy.instance_type_problem(family, instance_type) == problem


def test_deny_wins_over_allow_in_one_table_and_family_denies_add_up() -> None:
    table = {
        "allowed-instance-types": ["ml.g5.*"],
        "denied-instance-types": ["ml.g5.48xlarge"],
        "processing": {"denied-instance-types": ["ml.g5.12xlarge"], "allowed-instance-types": ["ml.g5.*"]},
        "hosting": {"allowed-instance-types": []},
    }
    policy = parse_policy(Path(".asllint.toml"), table)
    assert policy.instance_type_problem("training", "ml.g5.48xlarge") is not None
    assert policy.instance_type_problem("training", "ml.g5.12xlarge") is None
    # the family allows ml.g5.* explicitly (so the top-level deny does not apply) but denies 12xlarge itself
    assert policy.instance_type_problem("processing", "ml.g5.12xlarge") == (
        "is denied by 'ml.g5.12xlarge' (denied-instance-types in [policy.processing])"
    )
    assert policy.instance_type_problem("processing", "ml.g5.48xlarge") is None
    assert policy.instance_type_problem("hosting", "ml.g5.xlarge") == (
        "is not allowed for hosting; allowed-instance-types in [policy.hosting] allows nothing"
    )


BAD_TABLES = [
    ({"max-instances": 4}, r"unknown key 'max-instances' in \[tool\.asllint\.policy\]; the known keys are "),
    ({"training": {"hosting": {}}}, r"unknown key 'hosting' in \[tool\.asllint\.policy\.training\]"),
    ({"processing": {"require-spot": True}}, r"require-spot does not apply to processing \(CreateProcessingJob\)"),
    ({"transform": {"max-runtime-in-seconds": 60}}, r"max-runtime-in-seconds does not apply to transform"),
    ({"training": ["ml.m5.*"]}, r"training in \[tool\.asllint\.policy\] must be a table"),
    ({"max-instance-count": "4"}, r"max-instance-count in \[tool\.asllint\.policy\] must be a whole number, not '4'"),
    ({"max-instance-count": True}, r"must be a whole number, not True"),
    ({"max-volume-size-in-gb": 1.5}, r"must be a whole number, not 1\.5"),
    ({"max-runtime-in-seconds": -1}, r"max-runtime-in-seconds in \[tool\.asllint\.policy\] must be 1 or more"),
    (
        {"tuning": {"max-instance-count": 0}},
        r"max-instance-count in \[tool\.asllint\.policy\.tuning\] must be 1 or more",
    ),
    ({"require-spot": "yes"}, r"require-spot in \[tool\.asllint\.policy\] must be true or false, not 'yes'"),
    ({"allowed-instance-types": "ml.m5.*"}, r"must be a list of strings, not 'ml\.m5\.\*'"),
    ({"allowed-instance-types": [5]}, r"must be a list of strings"),
    ({"denied-instance-types": ["ml.[p4d.*"]}, r"'ml\.\[p4d\.\*' has a '\[' without '\]'"),
    ({"denied-instance-types": ["ml.p4d].*"]}, r"has a '\]' without '\['"),
    ({"denied-instance-types": ["ML.P4D.*"]}, r"instance types are lower case \('ml\.p4d\.\*'\)"),
    (
        {"denied-instance-types": ["p4d.*"]},
        r"'p4d\.\*' can match no instance type; SageMaker instance types start with",
    ),
    ({"denied-instance-types": ["!ml.p5.*"]}, r"can match no instance type"),
    ({"denied-instance-types": ["ml.m5 .*"]}, r"is not an instance-type glob"),
    ({"denied-instance-types": [""]}, r"must not be empty"),
    ({"required-tags": ["aws:cloudformation:stack-name"]}, r"the aws: prefix is reserved"),
    ({"required-tags": [""]}, r"'' is not a tag key"),
    ({"required-tags": "team"}, r"required-tags in \[tool\.asllint\.policy\] must be a list of strings"),
]


@pytest.mark.parametrize(("table", "message"), BAD_TABLES)
def test_a_bad_policy_is_a_configuration_error(table: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_table(Path("/repo/pyproject.toml"), {"policy": table})
    assert caught.value.path == "/repo/pyproject.toml"
    assert re.search(message, caught.value.message), caught.value.message


def test_policy_must_be_a_table() -> None:
    with pytest.raises(ConfigError, match=r"policy must be a table \(\[policy\]\)"):
        parse_table(Path(".asllint.toml"), {"policy": ["ml.m5.*"]})


def test_the_unknown_key_message_lists_the_known_keys() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_table(Path("pyproject.toml"), {"policy": {"max-instances": 4}})
    assert caught.value.message.endswith(
        "the known keys are allowed-instance-types, denied-instance-types, max-instance-count, "
        "max-runtime-in-seconds, max-volume-size-in-gb, require-spot, required-tags, "
        "hosting, labeling, processing, training, transform, tuning"
    )
    with pytest.raises(ConfigError, match=r"the known keys are .*policy\b"):
        parse_table(Path("pyproject.toml"), {"polcy": {}})


def test_a_bad_policy_stops_the_cli_with_exit_2_and_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.asllint.policy]\nmax-instance-count = -4\n", encoding="utf-8")
    (tmp_path / "job.asl.json").write_text(machine(training()), encoding="utf-8")
    code = main(["check", str(tmp_path / "job.asl.json")])
    out, err = capsys.readouterr()
    assert code == ExitCode.ERROR, out
    assert err.startswith("asllint: error: ")
    assert str(tmp_path / "pyproject.toml") in err
    assert "max-instance-count in [tool.asllint.policy] must be 1 or more, not -4" in err
    assert "Traceback" not in err


# -- the rules through the CLI --------------------------------------------------------------

ALL_WRONG = training(
    ResourceConfig={"InstanceType": "ml.p5.48xlarge", "InstanceCount": 32, "VolumeSizeInGB": 1000},
    StoppingCondition={"MaxRuntimeInSeconds": 172800},
    EnableManagedSpotTraining=None,
    CheckpointConfig=None,
    Tags=[{"Key": "team", "Value": "churn"}],
)


def test_without_a_policy_the_pol_rules_say_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, findings = run(capsys, tmp_path, machine(ALL_WRONG), "", "--select", "POL")
    assert findings == []


def test_every_rule_fires_on_a_request_that_breaks_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, findings = run(capsys, tmp_path, machine(ALL_WRONG))
    assert code == ExitCode.FINDINGS
    assert sorted(pol(findings)) == [
        ("POL001", "/States/Job/Parameters/ResourceConfig/InstanceType"),
        ("POL002", "/States/Job/Parameters/ResourceConfig/InstanceCount"),
        ("POL003", "/States/Job/Parameters/ResourceConfig/VolumeSizeInGB"),
        ("POL004", "/States/Job/Parameters/StoppingCondition/MaxRuntimeInSeconds"),
        ("POL005", "/States/Job/Parameters"),
        ("POL006", "/States/Job/Parameters/Tags"),
    ]
    messages = {rule: message for rule, _, message in findings}
    assert messages["POL002"] == (
        "InstanceCount 32 is over 16, the most the organisation policy allows for training jobs "
        "(max-instance-count in [tool.asllint.policy.training])"
    )
    assert messages["POL006"] == (
        "Tags lack 'cost-center', which the organisation policy requires (required-tags in [tool.asllint.policy])"
    )


def test_a_request_within_the_policy_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, findings = run(capsys, tmp_path, machine(training()))
    assert (code, pol(findings)) == (ExitCode.OK, [])


def test_asllint_toml_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = "[policy]\nmax-volume-size-in-gb = 100\n"
    _, findings = run(capsys, tmp_path, machine(ALL_WRONG), config)
    assert [(r, m) for r, _, m in findings if r.startswith("POL")] == [
        (
            "POL003",
            "VolumeSizeInGB 1000 is over 100, the most the organisation policy allows for training jobs "
            "(max-volume-size-in-gb in [policy])",
        )
    ]


def test_severity_can_be_lowered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = POLICY + '\n[tool.asllint.severity]\nPOL = "warning"\n'
    code, findings = run(capsys, tmp_path, machine(ALL_WRONG), config, "--select", "POL")
    assert code == ExitCode.OK
    assert len(findings) == 6


def test_dynamic_values_are_not_judged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = training(
        ResourceConfig={"InstanceType.$": "$.InstanceType", "InstanceCount.$": "$.Count", "VolumeSizeInGB": 50},
        StoppingCondition={"MaxRuntimeInSeconds.$": "$.Runtime"},
        EnableManagedSpotTraining=None,
        Tags=None,
    )
    request["EnableManagedSpotTraining.$"] = "$.Spot"
    request["Tags.$"] = "$.Tags"
    _, findings = run(capsys, tmp_path, machine(request))
    assert pol(findings) == []


def test_placeholders_and_dynamic_tag_keys_are_not_judged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = training(
        ResourceConfig={"InstanceType": "${TrainingInstanceType}", "InstanceCount": 1, "VolumeSizeInGB": 50},
        Tags=[{"Key": "team", "Value": "churn"}, {"Key.$": "$.CostCenterKey", "Value": "cc-1234"}],
    )
    _, findings = run(capsys, tmp_path, machine(request))
    assert pol(findings) == []


def test_jsonata_and_the_aws_sdk_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = training(ResourceConfig={"InstanceType": "ml.c5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50})
    request["TrainingJobName"] = "{% 'train-' & $states.context.Execution.Name %}"
    del request["TrainingJobName.$"]
    request["Tags"] = "{% $states.input.tags %}"
    state = {
        "Type": "Task",
        "QueryLanguage": "JSONata",
        "Resource": "arn:aws:states:::aws-sdk:sagemaker:createTrainingJob",
        "Arguments": request,
        "End": True,
    }
    definition = json.dumps({"StartAt": "Job", "States": {"Job": state}}, indent=2)
    _, findings = run(capsys, tmp_path, definition)
    assert pol(findings) == [("POL001", "/States/Job/Arguments/ResourceConfig/InstanceType")]


def test_heterogeneous_clusters_are_counted_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def groups(*counts: int | str) -> dict[str, Any]:
        items = []
        for number, count in enumerate(counts):
            group: dict[str, Any] = {"InstanceGroupName": f"g{number}", "InstanceType": "ml.m5.xlarge"}
            group["InstanceCount.$" if isinstance(count, str) else "InstanceCount"] = count
            items.append(group)
        return {"InstanceGroups": items, "VolumeSizeInGB": 50}

    config = "[policy]\nmax-instance-count = 4\n"
    _, findings = run(capsys, tmp_path, machine(training(ResourceConfig=groups(3, 2))), config)
    assert [(r, p, m.split(",")[0]) for r, p, m in findings if r == "POL002"] == [
        (
            "POL002",
            "/States/Job/Parameters/ResourceConfig/InstanceGroups",
            "the instance groups have 5 instances together",
        )
    ]
    _, findings = run(capsys, tmp_path, machine(training(ResourceConfig=groups(6, 2))), config)
    assert pol(findings) == [("POL002", "/States/Job/Parameters/ResourceConfig/InstanceGroups/0/InstanceCount")]
    _, findings = run(capsys, tmp_path, machine(training(ResourceConfig=groups(3, "$.More"))), config)
    assert pol(findings) == []


def test_tuning_definitions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    definition = {
        "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File"},
        "RoleArn": ROLE,
        "OutputDataConfig": {"S3OutputPath": "s3://example-ml-bucket/tuning/"},
        "HyperParameterTuningResourceConfig": {
            "InstanceConfigs": [
                {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50},
                {"InstanceType": "ml.p4d.24xlarge", "InstanceCount": 8, "VolumeSizeInGB": 50},
            ]
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }
    request = {
        "HyperParameterTuningJobName.$": "States.Format('tune-{}', $$.Execution.Name)",
        "HyperParameterTuningJobConfig": {
            "Strategy": "Bayesian",
            "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 10, "MaxParallelTrainingJobs": 2},
        },
        "TrainingJobDefinitions": [definition],
        "Tags": [{"Key": "team", "Value": "churn"}, {"Key": "cost-center", "Value": "cc-1234"}],
    }
    resource = "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync"
    _, findings = run(capsys, tmp_path, machine(request, resource))
    base = "/States/Job/Parameters/TrainingJobDefinitions/0"
    assert sorted(pol(findings)) == [
        ("POL001", f"{base}/HyperParameterTuningResourceConfig/InstanceConfigs/1/InstanceType"),
        ("POL002", f"{base}/HyperParameterTuningResourceConfig/InstanceConfigs/1/InstanceCount"),
        ("POL005", base),
    ]
    config = POLICY + "\n[tool.asllint.policy.tuning]\nrequire-spot = false\nmax-instance-count = 8\n"
    _, findings = run(capsys, tmp_path, machine(request, resource), config)
    assert sorted(pol(findings)) == [
        ("POL001", f"{base}/HyperParameterTuningResourceConfig/InstanceConfigs/1/InstanceType")
    ]


def test_training_runtime_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = "[policy]\nmax-runtime-in-seconds = 3600\n"
    _, findings = run(capsys, tmp_path, machine(training(StoppingCondition=None)), config)
    assert [(r, p, m) for r, p, m in findings if r == "POL004"] == [
        (
            "POL004",
            "/States/Job/Parameters",
            "without StoppingCondition.MaxRuntimeInSeconds the training job may run 86400 seconds (the default), "
            "over 3600, the most the organisation policy allows (max-runtime-in-seconds in [policy])",
        )
    ]
    _, findings = run(capsys, tmp_path, machine(training(StoppingCondition={"MaxWaitTimeInSeconds": 7200})), config)
    assert ("POL004", "/States/Job/Parameters/StoppingCondition") in pol(findings)
    # a policy of a day or more accepts SageMaker's default
    _, findings = run(
        capsys, tmp_path, machine(training(StoppingCondition=None)), "[policy]\nmax-runtime-in-seconds = 86400\n"
    )
    assert pol(findings) == []


def test_spot_set_to_false_points_at_the_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = training(EnableManagedSpotTraining=False)
    _, findings = run(capsys, tmp_path, machine(request), "[policy]\nrequire-spot = true\n")
    assert pol(findings) == [("POL005", "/States/Job/Parameters/EnableManagedSpotTraining")]


def test_tag_keys_are_case_sensitive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = training(Tags=[{"Key": "Team", "Value": "churn"}, {"Key": "cost-center", "Value": "cc-1234"}])
    _, findings = run(capsys, tmp_path, machine(request))
    assert [(r, m) for r, _, m in findings if r == "POL006"] == [
        (
            "POL006",
            "Tags lack 'team', which the organisation policy requires (required-tags in [tool.asllint.policy]); "
            "tag keys are case-sensitive and Tags has 'Team'",
        )
    ]


def test_hosting_requests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    variant = {
        "VariantName": "AllTraffic",
        "ModelName": "churn-model",
        "InstanceType": "ml.m5.large",
        "InitialInstanceCount": 1,
        "VolumeSizeInGB": 1024,
        "ManagedInstanceScaling": {"Status": "ENABLED", "MinInstanceCount": 1, "MaxInstanceCount": 10},
    }
    shadow = dict(variant, VariantName="Shadow", InstanceType="ml.p5.48xlarge", VolumeSizeInGB=100)
    del shadow["ManagedInstanceScaling"]
    request = {
        "EndpointConfigName.$": "States.Format('churn-{}', $$.Execution.Name)",
        "ProductionVariants": [variant],
        "ShadowProductionVariants": [shadow],
    }
    _, findings = run(capsys, tmp_path, machine(request, "arn:aws:states:::sagemaker:createEndpointConfig"))
    assert sorted(pol(findings)) == [
        ("POL001", "/States/Job/Parameters/ShadowProductionVariants/0/InstanceType"),
        ("POL002", "/States/Job/Parameters/ProductionVariants/0/ManagedInstanceScaling/MaxInstanceCount"),
        ("POL003", "/States/Job/Parameters/ProductionVariants/0/VolumeSizeInGB"),
        ("POL006", "/States/Job/Parameters"),
    ]
    endpoint = {"EndpointName": "churn", "EndpointConfigName.$": "$.EndpointConfigName"}
    _, findings = run(capsys, tmp_path, machine(endpoint, "arn:aws:states:::sagemaker:createEndpoint"))
    assert pol(findings) == [("POL006", "/States/Job/Parameters")]


def test_debugger_rules_follow_the_processing_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule = {
        "RuleConfigurationName": "LossNotDecreasing",
        "RuleEvaluatorImage": "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest",
        "InstanceType": "ml.c5.xlarge",
        "VolumeSizeInGB": 10,
    }
    config = POLICY + '\n[tool.asllint.policy.processing]\nallowed-instance-types = ["ml.c5.*"]\n'
    _, findings = run(capsys, tmp_path, machine(training(DebugRuleConfigurations=[rule])), config)
    assert pol(findings) == []
    _, findings = run(capsys, tmp_path, machine(training(DebugRuleConfigurations=[rule])))
    assert pol(findings) == [("POL001", "/States/Job/Parameters/DebugRuleConfigurations/0/InstanceType")]


# -- the worked example of docs/policy.md ----------------------------------------------------

FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>(?:.*\n)*?)```", re.MULTILINE)


def worked_example() -> list[tuple[str, str]]:
    text = DOCS.read_text(encoding="utf-8")
    part = text[text.index("## Worked example") :]
    part = part[: part.index("\n## ", 1)]
    return [(m["lang"], m["body"]) for m in FENCE.finditer(part)]


def test_the_worked_example_is_true(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = worked_example()
    assert [lang for lang, _ in blocks] == ["toml", "json", "console", "json", "console"]
    (config, bad, output, good, passed) = (body for _, body in blocks)
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    (tmp_path / "statemachines").mkdir()
    definition = tmp_path / "statemachines" / "churn.asl.json"
    monkeypatch.chdir(tmp_path)

    def shown(block: str, write: str) -> None:
        command, *expected = block.splitlines()
        assert command.startswith("$ asllint ")
        definition.write_text(write, encoding="utf-8")
        main(command[len("$ asllint ") :].split())
        out, err = capsys.readouterr()
        assert err == ""
        assert out.splitlines() == expected

    shown(output, bad)
    shown(passed, good)


def test_the_reference_shows_the_whole_policy_once() -> None:
    """The first example of docs/policy.md sets every top-level key the parser knows."""
    text = DOCS.read_text(encoding="utf-8")
    first = next(m["body"] for m in FENCE.finditer(text) if m["lang"] == "toml")
    policy = _toml(first)["tool"]["asllint"]["policy"]
    from asllint.orgpolicy import KEYS

    assert set(KEYS) <= set(policy)
    parse_policy(Path("pyproject.toml"), policy)
