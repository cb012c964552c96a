"""ASL901-ASL904 (Task resources) and Credentials, beyond the fixture pairs."""

from __future__ import annotations

import json

import pytest
from test_rule_fixtures import lint


def _found(task: dict[str, object], query_language: str = "JSONPath") -> list[tuple[str, str]]:
    machine = {"QueryLanguage": query_language, "StartAt": "T", "States": {"T": {"Type": "Task", **task, "End": True}}}
    return [
        (f.rule, f.message)
        for f in lint("t.asl.json", json.dumps(machine).encode())
        if f.rule.startswith("ASL9") or f.rule == "ASL113"
    ]


@pytest.mark.parametrize(
    "resource",
    [
        "arn:aws:states:::lambda:invoke",
        "arn:aws-cn:states:::sqs:sendMessage.waitForTaskToken",
        "arn:${AWS::Partition}:states:::states:startExecution.sync:2",
        "arn:aws:states:::${Service}:anything",
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws:states:us-east-1:123456789012:activity:review",
        "${FunctionArn}",
        "<LAMBDA_ARN>",
        "arn:aws:states:::aws-sdk:dynamodb:query",
        "arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken",
    ],
)
def test_resources_step_functions_accepts_raise_nothing(resource: str) -> None:
    assert _found({"Resource": resource}) == []


@pytest.mark.parametrize(
    ("resource", "rule", "words"),
    [
        ("foo:bar", "ASL901", "'foo:bar' is not an ARN"),
        ("${lambdaArn", "ASL901", "has no closing '}'"),
        ("arn:aws::lambda:us-east-1:111122223333:function:f", "ASL901", "is not an ARN"),
        ("arn:aws:states:::dynamodb:query", "ASL902", "arn:aws:states:::aws-sdk:dynamodb:query"),
        ("arn:${AWS::Partition}:states:::dynamodb:scan", "ASL902", "not an optimized integration"),
        ("arn:aws:states:::lambda:Invoke", "ASL902", "did you mean 'invoke'"),
        ("arn:aws:states:::sns:publish.sync", "ASL903", "does not support .sync"),
        ("arn:aws:states:::batch:submitJob.waitForTaskToken", "ASL903", "use request-response (no suffix) or .sync"),
        ("arn:aws:states:::lambda:invoke.sync:2", "ASL903", "does not support .sync:2"),
        ("arn:aws:states:::ecs:runTask.async", "ASL903", "not an integration pattern"),
        ("arn:aws:states:::aws-sdk:glue:startJobRun.sync", "ASL903", "AWS SDK integration does not support .sync"),
        ("arn:aws:states:::s3:putObject", "ASL904", "'s3' has no optimized"),
        ("arn:aws:states:::lamda:invoke", "ASL904", "did you mean 'lambda'"),
    ],
)
def test_resources_step_functions_refuses(resource: str, rule: str, words: str) -> None:
    found = _found({"Resource": resource})
    assert [r for r, _ in found] == [rule]
    assert words in found[0][1]


def test_sagemaker_resources_are_left_to_the_smi_rules() -> None:
    assert _found({"Resource": "arn:aws:states:::sagemaker:createModel.sync"}) == []
    assert _found({"Resource": "arn:aws:states:::sagemaker:describeTrainingJob"}) == []


@pytest.mark.parametrize(
    ("credentials", "query_language"),
    [
        ({"RoleArn": "arn:aws:iam::123456789012:role/Target"}, "JSONPath"),
        ({"RoleArn.$": "$.roleArn"}, "JSONPath"),
        ({"RoleArn": "{% $states.input.roleArn %}"}, "JSONata"),
        ("{% $credentials %}", "JSONata"),
    ],
)
def test_credentials_with_a_role_arn_raise_nothing(credentials: object, query_language: str) -> None:
    task = {"Resource": "arn:aws:states:::lambda:invoke", "Credentials": credentials}
    assert _found(task, query_language) == []


@pytest.mark.parametrize("credentials", [{}, {"InvalidField": "invalid"}, {"roleArn": "arn:aws:iam::1:role/x"}])
def test_credentials_without_role_arn_are_refused(credentials: object) -> None:
    found = _found({"Resource": "arn:aws:states:::lambda:invoke", "Credentials": credentials})
    assert found == [("ASL113", "Credentials has no RoleArn; Step Functions requires it")]
