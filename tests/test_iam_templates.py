"""The role policy a template gives its state machine, and the IAM rules on it."""

from __future__ import annotations

import importlib.util
import json

import pytest
from test_rule_fixtures import lint

TASK = {
    "Type": "Task",
    "Resource": "arn:aws:states:::sns:publish",
    "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message": "hi"},
    "End": True,
}


def _template(role_resources: dict[str, object], machine_properties: dict[str, object], sam: bool = False) -> str:
    machine = {
        "Type": "AWS::Serverless::StateMachine" if sam else "AWS::StepFunctions::StateMachine",
        "Properties": {**machine_properties, "Definition": {"StartAt": "Send", "States": {"Send": TASK}}},
    }
    return json.dumps({"Resources": {**role_resources, "Flow": machine}}, indent=1)


ROLE = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": []}}}
PUBLISH = {
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "sns:Publish",
            "Resource": {"Fn::Sub": "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:alerts"},
        }
    ]
}
OTHER = {"Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:*:*:other"}]}


def _iam(text: str) -> list[str]:
    return [f.rule for f in lint("template.json", text.encode()) if f.rule.startswith("IAM")]


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        ({"Role": {**ROLE, "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": PUBLISH}]}}}, []),
        ({"Role": {**ROLE, "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": OTHER}]}}}, ["IAM001"]),
        (
            {
                "Role": ROLE,
                "P": {
                    "Type": "AWS::IAM::Policy",
                    "Properties": {"Roles": [{"Ref": "Role"}], "PolicyDocument": PUBLISH},
                },
            },
            [],
        ),
        (
            {
                "Role": ROLE,
                "P": {
                    "Type": "AWS::IAM::RolePolicy",
                    "Properties": {"RoleName": {"Ref": "Role"}, "PolicyDocument": OTHER},
                },
            },
            ["IAM001"],
        ),
        (
            {
                "Role": ROLE,
                "M": {
                    "Type": "AWS::IAM::ManagedPolicy",
                    "Properties": {"Roles": [{"Ref": "Role"}], "PolicyDocument": PUBLISH},
                },
            },
            [],
        ),
        # an AWS managed policy may grant anything: no missing permission is reported
        (
            {
                "Role": {
                    **ROLE,
                    "Properties": {
                        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonSQSFullAccess"],
                        "Policies": [{"PolicyName": "p", "PolicyDocument": OTHER}],
                    },
                }
            },
            [],
        ),
    ],
)
def test_cloudformation_roles(resources: dict[str, object], expected: list[str]) -> None:
    assert _iam(_template(resources, {"RoleArn": {"Fn::GetAtt": ["Role", "Arn"]}})) == expected


def test_an_explicit_deny_is_reported_even_when_the_policy_is_incomplete() -> None:
    deny = {"Statement": [{"Effect": "Deny", "Action": "sns:*", "Resource": "*"}]}
    role = {
        **ROLE,
        "Properties": {
            "ManagedPolicyArns": ["arn:aws:iam::aws:policy/PowerUserAccess"],
            "Policies": [{"PolicyName": "d", "PolicyDocument": deny}],
        },
    }
    assert _iam(_template({"Role": role}, {"RoleArn": {"Fn::GetAtt": ["Role", "Arn"]}})) == ["IAM002"]


@pytest.mark.parametrize(
    ("policies", "expected"),
    [
        ([{"SNSPublishMessagePolicy": {"TopicName": "alerts"}}], []),
        ([{"SNSPublishMessagePolicy": {"TopicName": "other"}}], ["IAM001"]),
        ([{"SNSPublishMessagePolicy": {"TopicName": {"Ref": "Topic"}}}], []),  # unknown: never reported
        ([OTHER], ["IAM001"]),
        (["AmazonSQSFullAccess"], []),  # a managed policy whose text is not bundled: unknown
        ([{"NoSuchPolicyTemplate": {}}], []),
    ],
)
def test_sam_policies(policies: list[object], expected: list[str]) -> None:
    assert _iam(_template({}, {"Policies": policies}, sam=True)) == expected


def test_sam_connectors_make_the_policy_incomplete() -> None:
    text = json.loads(_template({}, {"Policies": [OTHER]}, sam=True))
    text["Resources"]["Flow"]["Connectors"] = {
        "C": {"Properties": {"Destination": {"Id": "Topic"}, "Permissions": ["Write"]}}
    }
    assert _iam(json.dumps(text)) == []


def test_without_a_role_in_the_template_nothing_is_checked() -> None:
    assert _iam(_template({}, {"RoleArn": "arn:aws:iam::123456789012:role/elsewhere"})) == []
    assert _iam(_template({}, {}, sam=True)) == []


@pytest.mark.skipif(importlib.util.find_spec("samtranslator") is None, reason="aws-sam-translator is not installed")
def test_the_sam_policy_templates_are_what_the_script_writes() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
    import generate_sam_policy_templates as script

    data = script.generate()
    if data["source"] != json.loads(script.OUT.read_text(encoding="utf-8"))["source"]:
        pytest.skip("another aws-sam-translator version is installed")
    assert script.render(data) == script.OUT.read_text(encoding="utf-8")


def test_bundled_managed_policies_are_read() -> None:
    # AmazonSNSFullAccess grants sns:*: the state is served, and nothing is missing
    role = {
        **ROLE,
        "Properties": {"ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonSNSFullAccess"}]},
    }
    assert _iam(_template({"Role": role}, {"RoleArn": {"Fn::GetAtt": ["Role", "Arn"]}})) == []
    # AWSLambdaRole (lambda:InvokeFunction) is complete and does not grant sns:Publish
    assert _iam(_template({}, {"Policies": ["AWSLambdaRole"]}, sam=True)) == ["IAM001"]


def test_a_distributed_map_in_a_template_starts_its_own_state_machine() -> None:
    definition = {
        "StartAt": "Score",
        "States": {
            "Score": {
                "Type": "Map",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Done",
                    "States": {"Done": {"Type": "Succeed"}},
                },
                "End": True,
            }
        },
    }
    own = {
        "Effect": "Allow",
        "Action": "states:StartExecution",
        "Resource": {
            "Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:batch-scoring"
        },
    }
    other = {**own, "Resource": "arn:aws:states:*:*:stateMachine:other"}
    for statement, expected in ((own, []), (other, ["IAM001"])):
        role = {**ROLE, "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [statement]}}]}}
        template = {
            "Resources": {
                "Role": role,
                "Flow": {
                    "Type": "AWS::StepFunctions::StateMachine",
                    "Properties": {
                        "StateMachineName": "batch-scoring",
                        "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                        "Definition": definition,
                    },
                },
            }
        }
        assert [r for r in _iam(json.dumps(template)) if r not in ("IAM003", "IAM004")] == expected
