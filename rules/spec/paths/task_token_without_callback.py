from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.paths._tokens import token_reads

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class TaskTokenWithoutCallback(Rule):
    """## What it does
    Flags a Task state that passes ``$$.Task.Token`` on although its ``Resource`` does not end
    in ``.waitForTaskToken``.

    ## Why is this bad?
    Only the callback pattern (``.waitForTaskToken``) makes Step Functions wait for
    ``SendTaskSuccess``/``SendTaskFailure`` with that token.  Without the suffix the state
    moves on as soon as the call returns, and the receiver's later callback fails: the token
    is no longer valid.  Most likely the suffix was forgotten.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
     "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                    "MessageBody": {"token.$": "$$.Task.Token"}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
     "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                    "MessageBody": {"token.$": "$$.Task.Token"}},
     "TimeoutSeconds": 3600,
     "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Discover service integration patterns (Wait for a Callback with Task Token)
    """

    id = "ASL311"
    name = "task-token-without-callback"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for found in token_reads(machine, whole=False).values():
            state = found[0].state
            resource = state.resource
            if resource is None or resource.kind not in ("integration", "aws-sdk", "lambda"):
                continue  # unknown or an activity (whose worker gets a token of its own)
            if resource.pattern == "waitForTaskToken":
                continue
            for expression in found:
                yield Violation(
                    expression.node,
                    f"the task token is passed on, but the Resource {resource.arn!r} does not wait for it; "
                    "add .waitForTaskToken to the Resource, or remove the token",
                )
