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


# -- Terraform ----------------------------------------------------------------------------------

TF_MACHINE = """\
resource "aws_sfn_state_machine" "notify" {
  name     = "notify"
  role_arn = ROLE
  definition = jsonencode({
    StartAt = "Send"
    States = {
      Send = {
        Type       = "Task"
        Resource   = "arn:aws:states:::sns:publish"
        Parameters = { TopicArn = "arn:aws:sns:us-east-1:123456789012:alerts", Message = "hi" }
        End        = true
      }
    }
  })
}

resource "aws_iam_role" "sfn" {
  name               = "notify-sfn"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
"""
TF_PUBLISH = '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "RES" }] }'


def _tf(extra: str, role: str = "aws_iam_role.sfn.arn") -> list[tuple[str, int]]:
    text = TF_MACHINE.replace("ROLE", role) + extra
    return [(f.rule, f.line) for f in lint("main.tf", text.encode()) if f.rule.startswith("IAM")]


@pytest.mark.parametrize(
    "extra",
    [
        # an inline_policy block of the role
        'resource "aws_iam_role" "sfn" {\n  inline_policy {\n    policy = jsonencode(POLICY)\n  }\n}\n',
        # aws_iam_role_policy naming the role, with a JSON heredoc
        'resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.sfn.id\n  policy = <<-EOT\n'
        '    {"Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "RES"}]}\n  EOT\n}\n',
        # a customer managed policy attached by name, its text a policy document data source
        'resource "aws_iam_role_policy_attachment" "a" {\n  role       = "notify-sfn"\n'
        "  policy_arn = aws_iam_policy.p.arn\n}\n"
        'resource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.p.json\n}\n'
        'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["sns:Publish"]\n'
        '    resources = ["RES"]\n  }\n}\n',
    ],
)
def test_terraform_role_policies_are_read(extra: str) -> None:
    def fill(resource: str) -> str:
        return extra.replace("POLICY", TF_PUBLISH).replace("RES", resource)

    text = TF_MACHINE.replace("ROLE", "aws_iam_role.sfn.arn")
    # the role is declared once; the inline case declares it again with its policy
    if extra.startswith('resource "aws_iam_role" "sfn"'):
        text = text[: text.index('resource "aws_iam_role" "sfn"')] + fill("arn:aws:sns:*:*:alerts").replace(
            "{\n  inline", '{\n  name = "notify-sfn"\n  inline'
        )
        missing = text.replace("arn:aws:sns:*:*:alerts", "arn:aws:sns:*:*:other")
    else:
        missing = text + fill("arn:aws:sns:*:*:other")
        text += fill("arn:aws:sns:*:*:alerts")
    assert [f.rule for f in lint("main.tf", text.encode()) if f.rule.startswith("IAM")] == []
    assert [f.rule for f in lint("main.tf", missing.encode()) if f.rule.startswith("IAM")] == ["IAM001"]


def test_terraform_broad_grants_point_into_the_policy_document() -> None:
    extra = (
        'resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.sfn.name\n'
        "  policy = data.aws_iam_policy_document.p.json\n}\n"
        'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["sns:*"]\n    resources = ["*"]\n  }\n}\n'
    )
    found = _tf(extra)
    actions_line = (TF_MACHINE + extra).splitlines().index('    actions   = ["sns:*"]') + 1
    assert found == [("IAM010", actions_line)]  # on the block's actions, where Action would be


@pytest.mark.parametrize(
    ("extra", "role"),
    [
        # a policy given by a variable, an AWS managed policy whose text is not bundled: the
        # permission may be there, so nothing is reported missing
        ('resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.sfn.id\n  policy = var.policy\n}\n', None),
        (
            'resource "aws_iam_role_policy_attachment" "a" {\n  role       = aws_iam_role.sfn.name\n'
            '  policy_arn = "arn:aws:iam::aws:policy/AmazonSNSReadOnlyAccess"\n}\n',
            None,
        ),
        # a role from elsewhere: not known at all
        ("", "var.role_arn"),
        ("", '"arn:aws:iam::123456789012:role/notify"'),
    ],
)
def test_terraform_policies_asllint_cannot_read_report_nothing_missing(extra: str, role: str | None) -> None:
    assert _tf(extra, role or "aws_iam_role.sfn.arn") == []


def test_a_terraform_role_without_policies_misses_the_permission() -> None:
    assert _tf("") == [("IAM001", 9)]


def test_a_terraform_distributed_map_starts_the_machine_terraform_names() -> None:
    text = TF_MACHINE.replace("ROLE", "aws_iam_role.sfn.arn").replace(
        """      Send = {
        Type       = "Task"
        Resource   = "arn:aws:states:::sns:publish"
        Parameters = { TopicArn = "arn:aws:sns:us-east-1:123456789012:alerts", Message = "hi" }
        End        = true
      }""",
        """      Send = {
        Type = "Map"
        ItemProcessor = {
          ProcessorConfig = { Mode = "DISTRIBUTED", ExecutionType = "STANDARD" }
          StartAt = "P"
          States = { P = { Type = "Pass", End = true } }
        }
        End = true
      }""",
    )
    found = [f.message for f in lint("main.tf", text.encode()) if f.rule == "IAM001"]
    assert len(found) == 1 and "states:StartExecution on arn:aws:states:*:*:stateMachine:notify," in found[0]


def test_terraform_json_syntax_policies_are_read() -> None:
    definition = (
        '${jsonencode({"StartAt" = "Send", "States" = {"Send" = {"Type" = "Task", '
        '"Resource" = "arn:aws:states:::sns:publish", "Parameters" = {"TopicArn" = '
        '"arn:aws:sns:us-east-1:123456789012:alerts", "Message" = "hi"}, "End" = true}}})}'
    )

    def policy(resource: str) -> str:
        statement = '{"Effect" = "Allow", "Action" = "sns:Publish", "Resource" = "' + resource + '"}'
        return '${jsonencode({"Statement" = [' + statement + "]})}"

    def run(resource: str) -> list[str]:
        text = json.dumps(
            {
                "resource": {
                    "aws_sfn_state_machine": {"n": {"role_arn": "${aws_iam_role.sfn.arn}", "definition": definition}},
                    "aws_iam_role": {"sfn": {"name": "sfn"}},
                    "aws_iam_role_policy": {"p": {"role": "${aws_iam_role.sfn.id}", "policy": policy(resource)}},
                }
            }
        )
        return [f.rule for f in lint("cdk.tf.json", text.encode()) if f.rule.startswith("IAM")]

    assert run("arn:aws:sns:*:*:alerts") == []
    assert run("arn:aws:sns:*:*:other") == ["IAM001"]


def test_a_finding_in_a_terraform_policy_document_points_into_its_block() -> None:
    extra = (
        'resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.sfn.name\n'
        "  policy = data.aws_iam_policy_document.p.json\n}\n"
        'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["logs:*"]\n    resources = ["*"]\n  }\n'
        '  statement {\n    actions   = ["sns:*"]\n    resources = ["*"]\n  }\n}\n'
    )
    text = TF_MACHINE.replace("ROLE", "aws_iam_role.sfn.arn") + extra
    (finding,) = [f for f in lint("main.tf", text.encode()) if f.rule == "IAM010"]
    line = text.splitlines().index('    actions   = ["sns:*"]') + 1
    assert (finding.line, finding.column) == (line, len("    actions   = ") + 1)
    assert finding.path == "/data/aws_iam_policy_document/p/statement/1/actions"
