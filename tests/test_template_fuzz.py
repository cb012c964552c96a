"""Broken templates never break asllint: seeded random edits of realistic CloudFormation, SAM
and Terraform files (with roles, policies, events and APIs) give findings, never an exception
and never a rule's internal error (``LNT001``)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_rule_fixtures import lint

ROOT = Path(__file__).parents[1]
BASES = {
    "template.yaml": [
        ROOT / "examples" / "sam-training" / "template.yaml",
        ROOT / "tests" / "rules" / "TPL005" / "bad.asl.yaml",
        ROOT / "tests" / "rules" / "IAM004" / "bad.asl.yaml",
    ],
}
TERRAFORM = """\
resource "aws_sfn_state_machine" "train" {
  role_arn   = aws_iam_role.sfn.arn
  definition = jsonencode({ StartAt = "A", States = { A = { Type = "Task", Resource = "arn:aws:states:::sns:publish", Parameters = { TopicArn = "arn:aws:sns:us-east-1:123456789012:t", Message = "m" }, End = true } } })
}
resource "aws_iam_role" "sfn" {
  name = "sfn"
  inline_policy {
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })
  }
  managed_policy_arns = [aws_iam_policy.p.arn, "arn:aws:iam::aws:policy/AWSLambdaRole"]
}
resource "aws_iam_role_policy" "r" {
  role   = aws_iam_role.sfn.id
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_policy" "p" {
  policy = <<-EOT
    {"Statement": [{"Effect": "Deny", "Action": "sns:*", "Resource": "*"}]}
  EOT
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sns:Publish"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/team"
      values   = ["ml"]
    }
  }
}
"""
PIECES = [
    "{",
    "}",
    "[",
    "]",
    '"x"',
    ": ",
    " = ",
    "\n",
    "- ",
    "!Ref A",
    "1",
    "null",
    "  ",
    "(",
    ")",
    ",",
    "Type: SQS\n",
    "Events: []\n",
    "Auth: 1\n",
    "policy = 1\n",
    "statement {",
    "role = aws_iam_role.sfn.id\n",
]


def _mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(chars))
        if rng.random() < 0.4:
            del chars[at : at + rng.randint(1, 12)]
        else:
            chars.insert(at, rng.choice(PIECES))
    return "".join(chars)


@pytest.mark.parametrize("seed", range(4))
def test_edited_templates_never_break_asllint(seed: int) -> None:
    rng = random.Random(seed)
    bases = [("main.tf", TERRAFORM)] + [
        (name, path.read_text(encoding="utf-8")) for name, paths in BASES.items() for path in paths
    ]
    for name, base in bases:
        for _ in range(60):
            text = _mutate(base, rng)
            crashed = [f.message for f in lint(name, text.encode()) if f.rule == "LNT001"]
            assert crashed == [], (name, text)
