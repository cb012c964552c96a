"""The state-machine view: states at every depth, scopes, query languages, resources."""

from __future__ import annotations

import json
from typing import Any

import pytest

from asllint.document import Document
from asllint.parse import load
from asllint.statemachine import Resource, StateMachine, parse_resource

NESTED: dict[str, Any] = {
    "StartAt": "Fan",
    "QueryLanguage": "JSONPath",
    "States": {
        "Fan": {
            "Type": "Parallel",
            "Next": "Each",
            "Branches": [
                {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": True}}},
                {
                    "StartAt": "Inner map",
                    "States": {
                        "Inner map": {
                            "Type": "Map",
                            "End": True,
                            "ItemProcessor": {
                                "StartAt": "Deep",
                                "States": {"Deep": {"Type": "Pass", "QueryLanguage": "JSONata", "End": True}},
                            },
                        }
                    },
                },
            ],
        },
        "Each": {
            "Type": "Map",
            "Next": "Done",
            "Iterator": {"StartAt": "Legacy", "States": {"Legacy": {"Type": "Succeed"}}},
        },
        "Done": {"Type": "Succeed"},
    },
}


def machine_of(value: Any) -> StateMachine:
    document = load("m.asl.json", json.dumps(value, indent=2).encode())
    assert isinstance(document, Document)
    return StateMachine(document)


def test_states_at_every_depth_in_document_order() -> None:
    machine = machine_of(NESTED)
    assert [s.name for s in machine.states] == ["Fan", "B1", "Inner map", "Deep", "Each", "Legacy", "Done"]
    deep = next(s for s in machine.states if s.name == "Deep")
    assert deep.path == ("States", "Fan", "Branches", 1, "States", "Inner map", "ItemProcessor", "States", "Deep")
    assert deep.node.pointer == "/States/Fan/Branches/1/States/Inner map/ItemProcessor/States/Deep"
    assert deep.type == "Pass"
    assert deep.scope.owner is not None and deep.scope.owner.name == "Inner map"
    assert deep.machine is machine


def test_scopes() -> None:
    machine = machine_of(NESTED)
    assert [(s.kind, s.start_at, list(s.states)) for s in machine.scopes] == [
        ("machine", "Fan", ["Fan", "Each", "Done"]),
        ("branch", "B1", ["B1"]),
        ("branch", "Inner map", ["Inner map"]),
        ("processor", "Deep", ["Deep"]),
        ("processor", "Legacy", ["Legacy"]),
    ]
    assert machine.root is machine.scopes[0] and machine.root.owner is None
    fan = machine.root.states["Fan"]
    assert [s.path for s in fan.scopes] == [("States", "Fan", "Branches", 0), ("States", "Fan", "Branches", 1)]
    each = machine.root.states["Each"]
    assert [s.path for s in each.scopes] == [("States", "Each", "Iterator")]
    assert machine.scopes[1].field("StartAt").pointer == "/States/Fan/Branches/0/StartAt"  # type: ignore[union-attr]
    assert machine.scopes[1].field("Comment") is None


def test_state_at_finds_the_innermost_state() -> None:
    machine = machine_of(NESTED)
    inner = ("States", "Fan", "Branches", 1, "States", "Inner map")
    assert machine.state_at((*inner, "ItemProcessor", "States", "Deep", "Type")).name == "Deep"  # type: ignore[union-attr]
    assert machine.state_at((*inner, "ItemProcessor", "StartAt")).name == "Inner map"  # type: ignore[union-attr]
    assert machine.state_at(("States", "Fan", "Branches", 0)).name == "Fan"  # type: ignore[union-attr]
    assert machine.state_at(("States", "Done")).name == "Done"  # type: ignore[union-attr]
    assert machine.state_at(("States",)) is None
    assert machine.state_at(()) is None
    assert machine.state_at(("States", "Nope", "Type")) is None


def test_state_at_ignores_a_payload_key_named_states() -> None:
    machine = machine_of(
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"States": {"x": 1}}, "End": True}}}
    )
    assert machine.state_at(("States", "A", "Result", "States", "x")).name == "A"  # type: ignore[union-attr]
    assert [s.name for s in machine.states] == ["A"]


def test_query_language_is_the_machine_default_unless_a_state_overrides_it() -> None:
    machine = machine_of(NESTED)
    languages = {s.name: s.query_language for s in machine.states}
    assert languages == {n: "JSONPath" for n in languages} | {"Deep": "JSONata"}
    jsonata = machine_of(
        {
            "QueryLanguage": "JSONata",
            "StartAt": "A",
            "States": {
                "A": {"Type": "Pass", "Next": "B"},
                "B": {"Type": "Pass", "QueryLanguage": "JSONPath", "Next": "C"},
                "C": {"Type": "Succeed", "QueryLanguage": "Bogus"},
            },
        }
    )
    assert jsonata.query_language == "JSONata"
    assert [s.query_language for s in jsonata.states] == ["JSONata", "JSONPath", "JSONata"]
    assert machine_of({"QueryLanguage": 3, "States": {}}).query_language == "JSONPath"


def test_malformed_definitions_do_not_break_the_view() -> None:
    for value in (
        [],
        "x",
        {"States": []},
        {"States": {"A": 3, "B": {"Type": 1}}},
        {"States": {"P": {"Type": "Parallel", "Branches": [1, {}]}}},
    ):
        machine = machine_of(value)
        assert machine.root.kind == "machine"
        for state in machine.states:
            assert state.type is None or state.type == "Parallel"
            assert state.resource is None


def test_transitions() -> None:
    machine = machine_of(
        {
            "StartAt": "C",
            "States": {
                "C": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.a", "IsPresent": True, "Next": "T"}, {"Next": "U"}, "junk"],
                    "Default": "D",
                },
                "T": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Next": "D",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}],
                },
            },
        }
    )
    pointers = [n.pointer for s in machine.states for n in s.transitions()]
    assert pointers == [
        "/States/C/Default",
        "/States/C/Choices/0/Next",
        "/States/C/Choices/1/Next",
        "/States/T/Next",
        "/States/T/Catch/0/Next",
    ]


@pytest.mark.parametrize(
    ("arn", "expected"),
    [
        (
            "arn:aws:states:::sagemaker:createTrainingJob",
            ("integration", "aws", "sagemaker", "createTrainingJob", "request-response"),
        ),
        (
            "arn:aws:states:::sagemaker:createTrainingJob.sync",
            ("integration", "aws", "sagemaker", "createTrainingJob", "sync"),
        ),
        ("arn:aws:states:::ecs:runTask.sync:2", ("integration", "aws", "ecs", "runTask", "sync:2")),
        (
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            ("integration", "aws", "lambda", "invoke", "waitForTaskToken"),
        ),
        (
            "arn:aws:states:::aws-sdk:sagemaker:createTrainingJob",
            ("aws-sdk", "aws", "sagemaker", "createTrainingJob", "request-response"),
        ),
        (
            "arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob.waitForTaskToken",
            ("aws-sdk", "aws", "sagemaker", "describeTrainingJob", "waitForTaskToken"),
        ),
        (
            "arn:aws-cn:states:::sagemaker:createTransformJob.sync",
            ("integration", "aws-cn", "sagemaker", "createTransformJob", "sync"),
        ),
        (
            "arn:aws-us-gov:states:::sagemaker:createProcessingJob.sync",
            ("integration", "aws-us-gov", "sagemaker", "createProcessingJob", "sync"),
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:train",
            ("lambda", "aws", "lambda", "train", "request-response"),
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:train:prod",
            ("lambda", "aws", "lambda", "train", "request-response"),
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:train:$LATEST",
            ("lambda", "aws", "lambda", "train", "request-response"),
        ),
        (
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:f:1",
            ("lambda", "aws-cn", "lambda", "f", "request-response"),
        ),
        (
            "arn:aws:states:us-east-1:123456789012:activity:label",
            ("activity", "aws", "states", "label", "request-response"),
        ),
    ],
)
def test_parse_resource(arn: str, expected: tuple[str, str, str, str, str]) -> None:
    resource = parse_resource(arn)
    assert (resource.kind, resource.partition, resource.service, resource.action, resource.pattern) == expected
    assert resource.arn == arn


@pytest.mark.parametrize(
    "arn",
    [
        "${LambdaArn}",
        "arn:aws:lambda:us-east-1:123456789012:layer:x",
        "arn:aws:states:us-east-1:123456789012:stateMachine:x",
        "",
        "_tbd_",
    ],
)
def test_unknown_resources(arn: str) -> None:
    assert parse_resource(arn) == Resource(arn, "unknown")


def test_a_template_placeholder_may_stand_for_the_partition() -> None:
    arn = "arn:${AWS::Partition}:states:::sagemaker:createTrainingJob.sync"
    assert parse_resource(arn) == Resource(
        arn, "integration", "${AWS::Partition}", "sagemaker", "createTrainingJob", "sync"
    )


def test_state_resource() -> None:
    machine = machine_of(
        {
            "StartAt": "A",
            "States": {
                "A": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync", "Next": "B"},
                "B": {"Type": "Task", "Resource": "{% $arn %}", "Next": "C"},
                "C": {"Type": "Pass", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync", "Next": "D"},
                "D": {"Type": "Task", "Resource": 3, "Next": "E"},
                "E": {"Type": "Task", "Resource": "${LambdaArn}", "End": True},
            },
        }
    )
    resources = {s.name: s.resource for s in machine.states}
    assert resources["A"] is not None and resources["A"].pattern == "sync"
    assert resources["B"] is None  # a JSONata expression is chosen at run time
    assert resources["C"] is None and resources["D"] is None
    assert resources["E"] is not None and resources["E"].kind == "unknown"


def test_dynamic_values() -> None:
    machine = machine_of(
        {
            "StartAt": "A",
            "States": {
                "A": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
                    "Parameters": {
                        "TrainingJobName.$": "$.name",
                        "RoleArn": "{% $states.input.role %}",
                        "StoppingCondition": {
                            "MaxRuntimeInSeconds": 3600,
                            "MaxWaitTimeInSeconds.$": "States.MathAdd(1, 2)",
                        },
                        "Comment": "{% not closed",
                    },
                    "End": True,
                }
            },
        }
    )
    state = machine.states[0]
    assert state.field("Parameters", "TrainingJobName.$").is_dynamic  # type: ignore[union-attr]
    assert state.field("Parameters", "RoleArn").is_dynamic  # type: ignore[union-attr]
    assert state.field("Parameters", "StoppingCondition", "MaxWaitTimeInSeconds.$").is_dynamic  # type: ignore[union-attr]
    assert not state.field("Parameters", "StoppingCondition", "MaxRuntimeInSeconds").is_dynamic  # type: ignore[union-attr]
    assert not state.field("Parameters", "Comment").is_dynamic  # type: ignore[union-attr]
    assert state.field("Parameters", "Absent") is None
    assert state.field("Parameters", "StoppingCondition", "MaxRuntimeInSeconds").span.start.line > 1  # type: ignore[union-attr]


def test_embedded_definition_path() -> None:
    template = {
        "Resources": {"M": {"Properties": {"Definition": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}}}}
    }
    document = load("t.json", json.dumps(template).encode())
    assert isinstance(document, Document)
    path = ("Resources", "M", "Properties", "Definition")
    machine = StateMachine(document, path)
    assert machine.root.path == path
    assert [s.path for s in machine.states] == [(*path, "States", "A")]
    assert machine.state_at((*path, "States", "A", "Type")).name == "A"  # type: ignore[union-attr]
    assert machine.state_at(path) is None
