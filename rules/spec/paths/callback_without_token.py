from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asllint import Rule, Severity, Violation
from asllint.document import is_placeholder
from asllint_rules.spec.paths._expressions import jsonpath_states
from asllint_rules.spec.paths._tokens import token_reads

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


def _unknown(value: Any) -> bool:
    """Whether a template holds something this rule cannot read (a placeholder, a value that
    does not parse): the token might be in it."""
    if isinstance(value, str):
        return is_placeholder(value)
    if isinstance(value, dict):
        return any(is_placeholder(k) or _unknown(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_unknown(v) for v in value)
    return False


class CallbackWithoutToken(Rule):
    """## What it does
    Flags a ``.waitForTaskToken`` Task state whose ``Parameters`` never pass on
    ``$$.Task.Token``.

    ## Why is this bad?
    The state waits until someone calls ``SendTaskSuccess`` or ``SendTaskFailure`` with the
    token; if the token is never handed to anyone, the execution waits until the state's
    timeout (a year by default).

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
     "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                    "MessageBody.$": "$.request"},
     "TimeoutSeconds": 3600,
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
     "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                    "MessageBody": {"request.$": "$.request", "token.$": "$$.Task.Token"}},
     "TimeoutSeconds": 3600,
     "End": true}
    ```

    ## References
    - AWS Step Functions Developer Guide: Discover service integration patterns (Wait for a Callback with Task Token)
    """

    id = "ASL312"
    name = "callback-without-token"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        reads = token_reads(machine)
        for state in jsonpath_states(machine):
            resource = state.resource
            if resource is None or resource.pattern != "waitForTaskToken" or state.path in reads:
                continue
            if resource.service == "sagemaker":
                continue  # SageMaker has no callback pattern at all: SMI002 reports the Resource
            parameters = state.body.get("Parameters")
            if _unknown(parameters):
                continue
            node = state.field("Resource")
            if node is not None:
                yield Violation(
                    node,
                    "this task waits for a callback, but its Parameters never pass on $$.Task.Token; "
                    'hand the token to the receiver (e.g. "TaskToken.$": "$$.Task.Token")',
                )
