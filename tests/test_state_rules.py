"""Edge cases of the state-type rules (ASL111, ASL112, ASL205, ASL4xx-ASL7xx) beyond their fixtures:
what they must leave alone (expressions, placeholders, legal corner values) and what they must catch."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_rule_fixtures import lint

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:work"


def rules_on_state(state: dict[str, Any], *, top: dict[str, Any] | None = None) -> set[str]:
    """The rule ids raised on a one-state machine (plus a terminal ``Done`` state)."""
    definition = {"StartAt": "S", "States": {"S": state, "Done": {"Type": "Succeed"}}, **(top or {})}
    return {f.rule for f in lint("t.asl.json", json.dumps(definition).encode())}


def task(**fields: Any) -> dict[str, Any]:
    return {"Type": "Task", "Resource": LAMBDA, "Next": "Done", **fields}


def jsonata_task(**fields: Any) -> dict[str, Any]:
    return {
        "Type": "Task",
        "QueryLanguage": "JSONata",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Arguments": {"FunctionName": "work"},
        "Next": "Done",
        **fields,
    }


def processor(name: str = "Each") -> dict[str, Any]:
    return {"StartAt": name, "States": {name: {"Type": "Pass", "End": True}}}


@pytest.mark.parametrize(
    "retrier",
    [
        {"ErrorEquals": ["States.ALL"], "BackoffRate": 2},
        {"ErrorEquals": ["States.ALL"], "BackoffRate": 1},
        {"ErrorEquals": ["States.ALL"], "MaxAttempts": 0},
        {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxDelaySeconds": 31622400, "JitterStrategy": "FULL"},
        {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2.0},
        {"ErrorEquals": ["States.ALL"], "MaxAttempts": "${Attempts}"},
    ],
)
def test_legal_retriers_are_quiet(retrier: dict[str, Any]) -> None:
    assert "ASL503" not in rules_on_state(task(Retry=[retrier]))


@pytest.mark.parametrize(
    "retrier",
    [
        {"ErrorEquals": ["States.ALL"], "BackoffRate": 0.99},
        {"ErrorEquals": ["States.ALL"], "MaxAttempts": True},
        {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 100000000},
        {"ErrorEquals": ["States.ALL"], "MaxDelaySeconds": 0},
        {"ErrorEquals": ["States.ALL"], "JitterStrategy": "full"},
    ],
)
def test_illegal_retriers(retrier: dict[str, Any]) -> None:
    assert "ASL503" in rules_on_state(task(Retry=[retrier]))


@pytest.mark.parametrize(
    "fields",
    [
        {"TimeoutSeconds": "{% $states.input.t %}", "HeartbeatSeconds": 600},
        {"TimeoutSeconds": 10, "HeartbeatSeconds": "{% $states.input.h %}"},
    ],
)
def test_jsonata_timeouts_are_not_judged(fields: dict[str, Any]) -> None:
    assert not {"ASL701", "ASL702"} & rules_on_state(jsonata_task(**fields))


def test_placeholder_timeouts_are_not_judged() -> None:
    assert not {"ASL701", "ASL702"} & rules_on_state(task(TimeoutSeconds="${Timeout}", HeartbeatSeconds=60))


def test_heartbeat_below_timeout_is_quiet_and_equal_is_not() -> None:
    assert "ASL702" not in rules_on_state(task(TimeoutSeconds=61, HeartbeatSeconds=60))
    assert "ASL702" in rules_on_state(task(TimeoutSeconds=60, HeartbeatSeconds=60))


def test_jsonata_wait_and_map_expressions_are_not_judged() -> None:
    wait = {"Type": "Wait", "QueryLanguage": "JSONata", "Timestamp": "{% $states.input.when %}", "Next": "Done"}
    assert not {"ASL407", "ASL408"} & rules_on_state(wait)
    mapped = {
        "Type": "Map",
        "QueryLanguage": "JSONata",
        "Items": "{% $states.input.items %}",
        "MaxConcurrency": "{% $states.input.limit %}",
        "ItemProcessor": processor(),
        "Next": "Done",
    }
    assert not {"ASL602", "ASL603", "ASL605"} & rules_on_state(mapped)


def test_distributed_map_with_every_field_is_quiet() -> None:
    state = {
        "Type": "Map",
        "ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
            "Parameters": {"Bucket": "b", "Key": "k.csv"},
        },
        "ItemBatcher": {"MaxItemsPerBatch": 10},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}},
        "ToleratedFailurePercentage": 5,
        "ToleratedFailureCount": 10,
        "Label": "Rows",
        "MaxConcurrency": 1000,
        "ItemSelector": {"row.$": "$$.Map.Item.Value"},
        "Assign": {"started": True},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, **processor()},
        "Next": "Done",
    }
    assert not {r for r in rules_on_state(state) if r[3] in "4567" or r in ("ASL111", "ASL112")}


def test_jsonata_choice_uses_condition() -> None:
    choice = {
        "Type": "Choice",
        "QueryLanguage": "JSONata",
        "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "Done"}],
        "Default": "Done",
    }
    assert not {"ASL402", "ASL403", "ASL404"} & rules_on_state(choice)
    choice["Choices"] = [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Done"}]
    assert rules_on_state(choice) == {"ASL802"}  # the JSONPath fields are named; ASL403 stays quiet
    choice["Choices"] = [{"Next": "Done"}]
    assert "ASL403" in rules_on_state(choice)


def test_end_false_without_next_is_an_error() -> None:
    assert "ASL111" in rules_on_state({"Type": "Pass", "End": False})
    assert "ASL111" not in rules_on_state({"Type": "Pass", "End": False, "Next": "Done"})


def test_states_error_raised_by_a_fail_state_is_known() -> None:
    definition = {
        "StartAt": "Work",
        "States": {
            "Work": task(Catch=[{"ErrorEquals": ["States.QuorumMet"], "Next": "Done"}], Next="Stop"),
            "Stop": {"Type": "Fail", "Error": "States.QuorumMet"},
            "Done": {"Type": "Succeed"},
        },
    }
    assert "ASL505" not in {f.rule for f in lint("t.asl.json", json.dumps(definition).encode())}


def test_polling_loop_with_an_exit_is_not_inescapable() -> None:
    definition = {
        "StartAt": "Poll",
        "States": {
            "Poll": {"Type": "Wait", "Seconds": 30, "Next": "Check"},
            "Check": task(Next="Ready?"),
            "Ready?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.done", "BooleanEquals": True, "Next": "Done"}],
                "Default": "Poll",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    assert "ASL205" not in {f.rule for f in lint("t.asl.json", json.dumps(definition).encode())}
