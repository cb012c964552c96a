"""State machines in templates: CloudFormation (JSON and YAML), SAM, CDK output, the Serverless
Framework and Terraform; positions in the file the user edits, in every output format."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from test_rule_fixtures import lint

from asllint.cli import main
from asllint.parse import load
from asllint.templates import holds_state_machine


def _position(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based line and column (code points) of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


# ---------------------------------------------------------------------------------------------
# the five forms of the issue: a bad Next in each, reported at the exact line and column

JSON_TEMPLATE = r"""{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Flow": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
        "DefinitionString": "{\"Comment\": \"caf\u00e9 \\\"quoted\\\"\\n\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Bee\"}, \"B\": {\"Type\": \"Succeed\"}}}"
      }
    }
  }
}
"""
YAML_TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Role: !GetAtt Role.Arn
      Definition:
        StartAt: A
        States:
          A:
            Type: Pass
            Next: Bee
          B:
            Type: Succeed
"""
URI_TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
"""
URI_DEFINITION = """\
{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Next": "Bee"},
    "B": {"Type": "Succeed"}
  }
}
"""
CDK_TEMPLATE = r"""{
 "Resources": {
  "Flow": {
   "Type": "AWS::StepFunctions::StateMachine",
   "Properties": {
    "DefinitionString": {
     "Fn::Join": [
      "",
      [
       "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:",
       {"Ref": "AWS::Partition"},
       ":states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"",
       {"Fn::GetAtt": ["Fn", "Arn"]},
       "\"},\"Next\":\"Bee\"},\"B\":{\"Type\":\"Succeed\"}}}"
      ]
     ]
    }
   }
  }
 }
}
"""
TERRAFORM = """\
resource "aws_sfn_state_machine" "flow" {
  name     = "flow"
  role_arn = aws_iam_role.flow.arn

  definition = <<EOF
{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Task", "Resource": "${aws_lambda_function.fn.arn}", "Next": "Bee"},
    "B": {"Type": "Succeed"}
  }
}
EOF
}
"""

# name -> (files, the file the finding is in, the text whose position is expected)
CASES: dict[str, tuple[dict[str, str], str, str]] = {
    "json-definition-string": ({"template.json": JSON_TEMPLATE}, "template.json", r"\"Bee\""),
    "yaml-definition": ({"template.yaml": YAML_TEMPLATE}, "template.yaml", "Bee"),
    "definition-uri": (
        {"template.yaml": URI_TEMPLATE, "statemachine/flow.asl.json": URI_DEFINITION},
        "statemachine/flow.asl.json",
        '"Bee"',
    ),
    "cdk-fn-join": ({"cdk.out/Stack.template.json": CDK_TEMPLATE}, "cdk.out/Stack.template.json", r"\"Bee\""),
    "terraform-heredoc": ({"main.tf": TERRAFORM}, "main.tf", '"Bee"'),
}


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _check(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    monkeypatch.chdir(root)
    main(["check", "--isolated", "--select", "ASL201", *args])
    return capsys.readouterr().out


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_a_bad_next_is_reported_where_the_user_wrote_it(
    case: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files, where, needle = CASES[case]
    _write(tmp_path, files)
    line, column = _position(files[where], needle)
    target = "cdk.out" if case == "cdk-fn-join" else "."  # cdk.out is walked when named
    out = _check(tmp_path, monkeypatch, capsys, "--format", fmt, target)
    if fmt == "text":
        assert f"{where}:{line}:{column}: ASL201" in out.replace("cdk.out/cdk.out/", "cdk.out/")
    elif fmt == "json":
        (finding,) = json.loads(out)["findings"]
        assert (finding["file"].removeprefix("./"), finding["line"], finding["column"]) == (where, line, column)
        assert finding["path"].endswith("/States/A/Next")
    elif fmt == "sarif":
        (result,) = json.loads(out)["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith(where)
        assert (location["region"]["startLine"], location["region"]["startColumn"]) == (line, column)
    elif fmt == "github":
        assert re.search(rf"file={re.escape(where)},line={line},(endLine=\d+,)?col={column}\b", out), out
    else:
        case_element = ET.fromstring(out).find(".//failure")
        assert case_element is not None
        assert f"{where}:{line}:{column}" in (case_element.text or "") + (case_element.get("message") or "")


def test_findings_in_a_template_carry_both_pointers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, {"template.json": JSON_TEMPLATE, "template.yaml": YAML_TEMPLATE})
    findings = json.loads(_check(tmp_path, monkeypatch, capsys, "--format", "json", "."))["findings"]
    by_file = {f["file"]: f for f in findings}
    assert by_file["template.json"]["path"] == "/States/A/Next"
    assert by_file["template.json"]["resource"] == "Flow"
    assert by_file["template.json"]["resource_path"] == "/Resources/Flow/Properties/DefinitionString"
    assert by_file["template.yaml"]["path"] == "/States/A/Next"
    assert by_file["template.yaml"]["resource_path"] == "/Resources/Flow/Properties/Definition"
    assert by_file["template.json"]["state"] == "A"


# ---------------------------------------------------------------------------------------------
# what is read, and what stays unknown


def _lint(name: str, text: str, *extra: str) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.path) for f in lint(name, text.encode(), *extra)]


def test_the_exact_span_inside_an_escaped_json_string() -> None:
    (finding,) = [f for f in lint("t.json", JSON_TEMPLATE.encode()) if f.rule == "ASL201"]
    line, column = _position(JSON_TEMPLATE, r"\"Bee\"")
    assert (finding.line, finding.column) == (line, column)
    assert (finding.end_line, finding.end_column) == (line, column + len(r"\"Bee\""))


def test_a_yaml_block_scalar_under_sub_is_mapped_line_by_line() -> None:
    template = """\
Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions:
        FnArn: !GetAtt Fn.Arn
      DefinitionString: !Sub |
        {
          "StartAt": "A",
          "States": {
            "A": {"Type": "Task", "Resource": "${FnArn}", "TimeoutSeconds": ${Timeout}, "Next": "Bee"}
          }
        }
"""
    found = _lint("t.yaml", template)
    assert ("ASL201", *_position(template, '"Bee"'), "/States/A/Next") in found
    assert {rule for rule, *_ in found} == {"ASL201", "ASL204"}  # the placeholders raise nothing


@pytest.mark.parametrize(
    "scalar",
    [
        """'{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Bee"}}}'""",
        '''"{\\"StartAt\\": \\"A\\", \\"States\\": {\\"A\\": {\\"Type\\": \\"Pass\\", \\"Next\\": \\"Bee\\"}}}"''',
    ],
)
def test_quoted_yaml_definition_strings(scalar: str) -> None:
    template = f"Resources:\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: {scalar}\n"
    (finding,) = [f for f in lint("t.yaml", template.encode()) if f.rule == "ASL201"]
    assert finding.line == 5
    assert template.splitlines()[4][finding.column - 1 :].lstrip("\\").startswith('"Bee')


def test_short_form_tags_and_function_objects_are_unknown_values() -> None:
    template = """\
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Train
        States:
          Train:
            Type: Task
            Resource: !Sub arn:${AWS::Partition}:states:::sagemaker:createTrainingJob.sync
            Parameters:
              TrainingJobName.$: $$.Execution.Name
              RoleArn: !GetAtt SageMakerRole.Arn
              AlgorithmSpecification:
                TrainingImage: !Ref Image
                TrainingInputMode: File
              OutputDataConfig:
                S3OutputPath: !Sub s3://${Bucket}/out
              ResourceConfig:
                InstanceCount: !Ref Count
                InstanceType: !FindInMap [Sizes, !Ref Env, Train]
                VolumeSizeInGB: 30
              StoppingCondition:
                MaxRuntimeInSeconds: 3600
            End: true
"""
    errors = [f for f in lint("t.yaml", template.encode()) if f.severity.label == "error"]
    assert errors == []


def test_a_placeholder_where_json_wants_a_value_is_an_unknown_value() -> None:
    template = json.dumps(
        {
            "Resources": {
                "Flow": {
                    "Type": "AWS::StepFunctions::StateMachine",
                    "Properties": {
                        "DefinitionString": {
                            "Fn::Sub": '{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": ${Delay}, "End": true}}}'
                        }
                    },
                }
            }
        }
    )
    assert _lint("t.json", template) == []


def _substituted(substitutions: Any, resource: str, parameters: Any = None) -> str:
    state: dict[str, Any] = {"Type": "Task", "Resource": resource, "End": True}
    if parameters is not None:
        state["Parameters"] = parameters
    properties = {"DefinitionSubstitutions": substitutions, "Definition": {"StartAt": "A", "States": {"A": state}}}
    return json.dumps(
        {"Resources": {"Flow": {"Type": "AWS::StepFunctions::StateMachine", "Properties": properties}}}, indent=1
    )


def test_a_resource_the_substitutions_do_not_define_is_that_text() -> None:
    template = _substituted({"FnArn": {"Ref": "Fn"}}, "${FnArm}", {"Topic": "${Topic}"})
    found = _lint("t.json", template)
    # the whole Resource stays "${FnArm}": not an ARN (one finding, not also TPL004);
    # a parameter value stays text too, which may be meant: a warning
    assert found == [
        ("ASL901", *_position(template, '"${FnArm}"'), "/States/A/Resource"),
        ("TPL004", *_position(template, '"${Topic}"'), "/States/A/Parameters/Topic"),
    ]
    assert _lint("t.json", _substituted({"FnArn": {"Ref": "Fn"}}, "${FnArn}")) == []


@pytest.mark.parametrize(
    "substitutions",
    [{"Fn::If": ["Prod", {"FnArn": "a"}, {"FnArn": "b"}]}, {"Ref": "Substitutions"}],
)
def test_substitutions_a_function_computes_are_unknown(substitutions: Any) -> None:
    assert _lint("t.json", _substituted(substitutions, "${FnArn}")) == []


def test_substitutions_that_are_not_a_map() -> None:
    template = _substituted("FnArn", "${FnArn}")
    found = _lint("t.json", template)
    assert found == [
        ("TPL002", *_position(template, '"FnArn"'), "/Resources/Flow/Properties/DefinitionSubstitutions"),
        ("ASL901", *_position(template, '"${FnArn}"'), "/States/A/Resource"),  # nothing is substituted
    ]


def _sam(events: dict[str, Any], **resources: Any) -> str:
    machine = {
        "Type": "AWS::Serverless::StateMachine",
        "Properties": {"Definition": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}, "Events": events},
    }
    return json.dumps(
        {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Flow": machine, **resources}}, indent=1
    )


def test_sam_event_values_a_function_computes_are_not_judged() -> None:
    events = {
        "Nightly": {
            "Type": "ScheduleV2",
            "Properties": {"ScheduleExpression": "rate(1 day)", "DeadLetterConfig": {"Fn::If": ["Prod", {}, {}]}},
        },
        # an API this template does not declare as AWS::Serverless::Api: its authorizers are unknown
        "Start": {
            "Type": "Api",
            "Properties": {
                "RestApiId": {"Ref": "SharedApi"},
                "Path": "/",
                "Method": "post",
                "Auth": {"Authorizer": "X"},
            },
        },
        "Other": {
            "Type": "Api",
            "Properties": {"RestApiId": "abc123", "Path": "/o", "Method": "get", "Auth": {"Authorizer": "NONE"}},
        },
    }
    assert _lint("t.json", _sam(events, SharedApi={"Type": "AWS::ApiGateway::RestApi"})) == []


def test_sam_api_events_use_the_implicit_api_and_globals() -> None:
    events = {"Start": {"Type": "Api", "Properties": {"Path": "/", "Method": "post", "Auth": {"Authorizer": "Token"}}}}
    template = json.loads(_sam(events))
    # no Globals: the implicit API has no authorizers
    assert [rule for rule, *_ in _lint("t.json", json.dumps(template))] == ["TPL005"]
    template["Globals"] = {"Api": {"Auth": {"Authorizers": {"Token": {"FunctionArn": "arn:aws:lambda:::function:a"}}}}}
    assert [rule for rule, *_ in _lint("t.json", json.dumps(template))] == []
    template["Globals"]["Api"]["Auth"]["Authorizers"] = {"Other": {}}
    assert [(rule, path) for rule, _, _, path in _lint("t.json", json.dumps(template))] == [
        ("TPL005", "/Resources/Flow/Properties/Events/Start/Properties/Auth/Authorizer")
    ]


def test_an_api_problem_is_reported_once_for_several_state_machines() -> None:
    template = json.loads(_sam({}))
    template["Resources"]["Second"] = template["Resources"]["Flow"]
    template["Resources"]["Api"] = {
        "Type": "AWS::Serverless::Api",
        "Properties": {"Auth": {"DefaultAuthorizer": ["A"]}},
    }
    assert [(rule, path) for rule, _, _, path in _lint("t.json", json.dumps(template))] == [
        ("TPL005", "/Resources/Api/Properties/Auth/DefaultAuthorizer")
    ]


def test_a_definition_string_that_is_not_json_is_located_in_the_template() -> None:
    template = 'Resources:\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: \'{"StartAt": "A",, "States": {}}\'\n'
    ((rule, line, column, _),) = _lint("t.yaml", template)
    assert (rule, line) == ("ASL001", 5)
    assert template.splitlines()[4][column - 1] == ","


def test_express_workflows_refuse_sync_and_callbacks() -> None:
    base = {
        "StartAt": "Run",
        "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": True}},
    }
    for kind, prop in (("EXPRESS", "StateMachineType"), ("STANDARD", "StateMachineType")):
        template = {
            "Resources": {
                "Flow": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {prop: kind, "Definition": base}}
            }
        }
        rules = {rule for rule, *_ in _lint("t.json", json.dumps(template))}
        assert ("ASL905" in rules) == (kind == "EXPRESS")
    assert "ASL905" not in {rule for rule, *_ in _lint("flow.asl.json", json.dumps(base))}  # type unknown


def test_serverless_framework_definitions_and_files(tmp_path: Path) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "b.json").write_text(URI_DEFINITION, encoding="utf-8")
    text = """\
service: demo
stepFunctions:
  stateMachines:
    inline:
      type: EXPRESS
      definition:
        StartAt: A
        States:
          A:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
            Parameters:
              QueueUrl: https://sqs.us-east-1.amazonaws.com/123456789012/q
              MessageBody:
                token.$: $$.Task.Token
            End: true
    fromFile:
      definition: ${file(flows/b.json)}
"""
    template = tmp_path / "serverless.yml"
    template.write_text(text, encoding="utf-8")
    found = {(f.rule, f.file, f.line) for f in lint(str(template), text.encode())}
    assert ("ASL905", str(template), 11) in found
    assert ("ASL201", str(tmp_path / "flows" / "b.json"), 4) in found


def test_terraform_forms(tmp_path: Path) -> None:
    (tmp_path / "flows").mkdir()
    rendered = '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${fn}", "TimeoutSeconds": ${t}, "Next": "Cee"}}}'
    (tmp_path / "flows" / "c.json").write_text(rendered, encoding="utf-8")
    text = """\
resource "aws_sfn_state_machine" "encoded" {
  name       = "encoded-${var.env}"
  role_arn   = aws_iam_role.flow.arn # a comment
  type       = "EXPRESS"
  definition = jsonencode({
    StartAt = "A"
    States = {
      A = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke.waitForTaskToken"
        Parameters = {
          FunctionName = aws_lambda_function.fn.arn
          Payload = { "token.$" = "$$.Task.Token", count = length(var.items) }
        }
        Next = "Ay"
      }
    }
  })
}

resource "aws_sfn_state_machine" "indented" {
  definition = <<-JSON
    {"StartAt": "A",
     "States": {"A": {"Type": "Pass", "Next": "Bee"}}}
    JSON
}

resource "aws_sfn_state_machine" "file" {
  definition = templatefile("${path.module}/flows/c.json", { fn = aws_lambda_function.fn.arn, t = 60 })
}

resource "aws_sfn_state_machine" "computed" {
  definition = local.definition
}
"""
    path = tmp_path / "main.tf"
    path.write_text(text, encoding="utf-8")
    found = {(f.rule, Path(f.file).name, f.line, f.column) for f in lint(str(path), text.encode())}
    assert ("ASL201", "main.tf", *_position(text, '"Ay"')) in found
    assert ("ASL905", "main.tf", *_position(text, '"arn:aws:states:::lambda:invoke.waitForTaskToken"')) in found
    assert ("ASL201", "main.tf", *_position(text, '"Bee"')) in found
    assert ("ASL201", "c.json", *_position(rendered, '"Cee"')) in found
    assert ("TPL001", "main.tf", *_position(text, "local.definition")) in found


def test_terraform_syntax_errors_are_located() -> None:
    text = 'resource "aws_sfn_state_machine" "x" {\n  definition = "unterminated\n}\n'
    ((rule, line, column, _),) = _lint("main.tf", text)
    assert (rule, line, column) == ("ASL002", 2, 16)


def test_terraform_values_keep_their_spans() -> None:
    text = 'locals {\n  a = [1, 2.5, true, null, "x\\ty", -3]\n  b = { "k" = var.v, m: f(1) }\n}\n'
    document = load("v.tf", text.encode())
    assert not hasattr(document, "rule_id")
    assert document.value == {
        "locals": {"a": [1, 2.5, True, None, "x\ty", -3], "b": {"k": "${var.v}", "m": {"Fn::f": [1]}}}
    }
    span = document.span(("locals", "b", "k"))
    assert text[span.start.offset : span.end.offset] == "var.v"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"StartAt": "A", "States": {}}', True),
        ("StartAt: A\nStates: {}\n", True),
        ('{"rows": [1, 2, 3]}', False),
        ("Resources:\n  F:\n    Type: AWS::Serverless::StateMachine\n", True),
        ('resource "aws_sfn_state_machine" "x" {}\n', True),
        ('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}', False),
    ],
)
def test_sniffing(tmp_path: Path, content: str, expected: bool) -> None:
    path = tmp_path / "f"
    path.write_text(content, encoding="utf-8")
    assert holds_state_machine(str(path)) is expected


def test_sniffing_reads_a_large_file_only_when_its_head_is_a_template(tmp_path: Path) -> None:
    filler = '"x": "' + "y" * 200_000 + '"'
    template = tmp_path / "big.json"
    template.write_text(
        '{"Resources": {'
        + filler.replace('"x"', '"Pad"', 1).replace('"Pad": ', '"Pad": {"Type": "AWS::S3::Bucket", "Note": ', 1)
        + '}, "Flow": {"Type": "AWS::StepFunctions::StateMachine"}}}',
        encoding="utf-8",
    )
    data = tmp_path / "data.json"
    data.write_text('{"rows": [' + ",".join(["1"] * 100_000) + '], "AWS::StepFunctions::StateMachine": 1}')
    assert holds_state_machine(str(template))
    assert not holds_state_machine(str(data))  # its head is not a template: the rest is not read


def test_sniff_can_be_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, {"template.yaml": YAML_TEMPLATE, ".asllint.toml": "sniff = []\n"})
    monkeypatch.chdir(tmp_path)
    main(["check", "--format", "json", "."])
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 0


def test_sam_template_errors() -> None:
    text = """\
Resources:
  A:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: '{"StartAt": "X"}'
  B:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: {Bucket: b}
  C:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: no/such/file.json
  D:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: s3://bucket/key.json
"""
    found = [(rule, line) for rule, line, *_ in _lint("template.yaml", text)]
    assert found == [("TPL002", 5), ("TPL002", 9), ("TPL003", 13), ("TPL001", 17)]


def _value(text: str, name: str = "t.yaml") -> Any:
    document = load(name, text.encode())
    return getattr(document, "value", None)


def test_yaml_short_forms_become_function_objects() -> None:
    assert _value("a: !GetAZs ''\nb: !Select [0, !GetAZs '']\n") == {
        "a": {"Fn::GetAZs": ""},
        "b": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
    }


def test_files_found_by_content_that_hold_no_state_machine_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "tree": {
            "children": {"Flow": {"attributes": {"aws:cdk:cloudformation:type": "AWS::StepFunctions::StateMachine"}}}
        }
    }
    _write(
        tmp_path,
        {
            "cdk.out/tree.json": json.dumps(tree),
            "cdk.out/Stack.template.json": CDK_TEMPLATE,
            "notes.yaml": "text: we keep our stateMachines elsewhere\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    main(["check", "--isolated", "--format", "json", ".", "cdk.out"])
    report = json.loads(capsys.readouterr().out)
    assert {f["file"] for f in report["findings"]} == {"cdk.out/Stack.template.json"}
    assert report["summary"]["files"] == 1
    main(["check", "--isolated", "--format", "json", "cdk.out/tree.json"])  # named: checked, and refused
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]} >= {"ASL102"}


def test_the_readme_shows_what_asllint_says_about_the_sam_example(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(__file__).parents[1]
    command = "$ asllint check -q examples/sam-training/template.yaml\n"
    shown = (root / "README.md").read_text(encoding="utf-8").split(command, 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    assert main(["check", "--isolated", "-q", "examples/sam-training/template.yaml"]) == 1
    assert capsys.readouterr().out == shown
    assert main(["policy", "examples/sam-training/template.yaml"]) == 0
    printed = json.loads(capsys.readouterr().out)["NightlyTraining"]
    resources = [r for statement in printed["Statement"] for r in statement["Resource"]]
    assert "arn:aws:sagemaker:*:*:training-job/churn-*" in resources


def test_granting_what_the_sam_example_misses_silences_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    example = Path(__file__).parents[1] / "examples" / "sam-training"
    shutil.copytree(example, tmp_path / "app")
    template = tmp_path / "app" / "template.yaml"
    grant = """\
            - Effect: Allow
              Action: iam:PassRole
              Resource: arn:aws:iam::123456789012:role/SageMakerExecutionRole
              Condition:
                StringEquals:
                  iam:PassedToService: sagemaker.amazonaws.com
"""
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("      Events:\n", grant + "      Events:\n", 1), encoding="utf-8")
    assert main(["check", "--isolated", str(template)]) == 0, capsys.readouterr().out


def test_terraform_json_syntax_with_a_jsonencode_expression() -> None:
    """CDK for Terraform writes ``.tf.json`` files where the definition is an HCL expression in
    a JSON string: its values are located inside that string, escapes included."""
    expression = '${jsonencode({"StartAt" = "A", "States" = {"A" = {"Type" = "Pass", "Next" = "Bee"}}})}'
    machine = {"name": "flow", "role_arn": "${aws_iam_role.sfn.arn}", "definition": expression}
    text = json.dumps({"resource": {"aws_sfn_state_machine": {"flow": machine}}}, indent=2)
    (finding,) = [f for f in lint("cdk.tf.json", text.encode()) if f.rule == "ASL201"]
    line, column = _position(text, r"\"Bee\"")
    assert (finding.line, finding.column, finding.end_column) == (line, column, column + len(r"\"Bee\""))
    assert finding.path == "/States/A/Next"
    # any other expression stays unknown
    machine["definition"] = "${local.definition}"
    text = json.dumps({"resource": {"aws_sfn_state_machine": {"flow": machine}}})
    assert [f.rule for f in lint("cdk.tf.json", text.encode())] == ["TPL001"]


def test_serverless_file_references_with_a_key(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "serverless.yml": "service: demo\nstepFunctions:\n  stateMachines:\n"
            "    flow:\n      definition: ${file(./sfn.yml):machines.flow}\n"
            "    missing:\n      definition: ${file(./sfn.yml):machines.nope}\n",
            "sfn.yml": "machines:\n  flow:\n    StartAt: A\n    States:\n      A:\n        Type: Pass\n        Next: Bee\n",
        },
    )
    template = tmp_path / "serverless.yml"
    found = [(Path(f.file).name, f.rule, f.line, f.path) for f in lint(str(template), template.read_bytes())]
    assert ("sfn.yml", "ASL201", 7, "/States/A/Next") in found  # in the file, at the key's object
    assert ("serverless.yml", "TPL003", 7, "/stepFunctions/stateMachines/missing/definition") in found
