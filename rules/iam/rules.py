"""IAM001, IAM002, IAM010."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from asllint import Rule, Severity, Violation
from asllint.iam.policy import Decision, Request, Statement, decide, statements
from asllint.iam.requirements import Need, needs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, StateMachine

_SFN_IAM = "https://docs.aws.amazon.com/step-functions/latest/dg/service-integration-iam-templates.html"
#: condition keys whose presence the definition decides (absent unless a template sets them)
_KNOWN_KEYS = frozenset({"iam:passedtoservice"})


def _policy(machine: StateMachine) -> list[Statement]:
    cache: dict[str, list[Statement]] = machine.cache
    found = cache.get(__name__)
    if found is None:
        found = []
        for root in machine.settings.iam_policies:
            found.extend(statements(root))
        cache[__name__] = found
    return found


def _decisions(machine: StateMachine) -> list[tuple[Need, Decision, list[Statement]]]:
    """Each need of the machine with the policy's decision, computed once per machine."""
    key = __name__ + ".decisions"
    found = machine.cache.get(key)
    if found is None:
        policy = _policy(machine)
        found = []
        if policy:
            for need in needs(machine):
                if not need.checked:
                    continue
                request = Request(need.action, need.wanted, need.context, _KNOWN_KEYS)
                decision, basis = decide(policy, request)
                found.append((need, decision, basis))
        machine.cache[key] = found
    return found


def _resource_node(need: Need) -> Node:
    node = need.state.field("Resource")
    assert node is not None
    return node


class MissingPermission(Rule):
    """## What it does
    Checks each Task state against the IAM policy of the state machine's role (``asllint check
    --policy FILE``): every action the Step Functions Developer Guide's policy template for that
    integration lists (for SageMaker ``.sync``: the Create, Describe and Stop actions on the job,
    ``sagemaker:ListTags``, ``iam:PassRole`` on the ``RoleArn`` passed, and the EventBridge actions
    on the managed rule) must be allowed on the resource the definition names.  The finding is on
    the state's ``Resource`` and names the action and the resource.  Without ``--policy`` the rule
    checks nothing; a grant asllint cannot decide is not reported.

    ## Why is this bad?
    The state fails at run time with ``States.TaskFailed`` (AccessDenied), or, for a missing
    Describe or EventBridge permission, Step Functions cannot follow the job it started.

    ## Example
    With a role that may publish to the topic ``alerts`` only:

    ```toml
    [[tool.asllint.iam-policy]]
    Version = "2012-10-17"
    Statement = [{Effect = "Allow", Action = "sns:Publish", Resource = "arn:aws:sns:*:*:alerts"}]
    ```

    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:audit", "Message.$": "$.text"},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message.$": "$.text"},
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: IAM policies for integrated services
    """

    example_config: ClassVar[str] = (
        '[[iam-policy]]\nVersion = "2012-10-17"\n'
        'Statement = [{Effect = "Allow", Action = "sns:Publish", Resource = "arn:aws:sns:*:*:alerts"}]\n'
    )
    id = "IAM001"
    name = "missing-permission"
    severity = Severity.ERROR
    source_url = _SFN_IAM

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        missing: dict[tuple[str, str], list[Need]] = {}
        for need, decision, _ in _decisions(machine):
            if decision is Decision.NOT_ALLOWED:
                missing.setdefault((need.state.name, need.action), []).append(need)
        for (_, action), group in missing.items():
            resources = ", ".join(dict.fromkeys(n.resource for n in group))
            yield Violation(
                _resource_node(group[0]),
                f"the role's policy does not allow {action} on {resources}, which {group[0].integration} needs; "
                "grant it (asllint policy prints the statement)",
            )


class ExplicitlyDenied(Rule):
    """## What it does
    Flags a Task state that needs an action the role's policy denies explicitly (a ``Deny``
    statement that applies to the request, conditions included where the definition fixes their
    keys).

    ## Why is this bad?
    An explicit ``Deny`` wins over every ``Allow``: the state fails at run time with AccessDenied.

    ## Example
    With a role that may invoke every function but ``resize``:

    ```toml
    [[tool.asllint.iam-policy]]
    Version = "2012-10-17"
    Statement = [
      {Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "*"},
      {Effect = "Deny", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:*:*:function:resize"},
    ]
    ```

    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
     "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:resize", "Payload.$": "$"},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
     "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:thumbnail", "Payload.$": "$"},
     "End": true}
    ```

    ## References
    - IAM User Guide: Policy evaluation logic
    """

    example_config: ClassVar[str] = (
        '[[iam-policy]]\nVersion = "2012-10-17"\nStatement = [\n'
        '  {Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "*"},\n'
        '  {Effect = "Deny", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:*:*:function:resize"},\n]\n'
    )
    id = "IAM002"
    name = "explicitly-denied"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        seen: set[tuple[str, str]] = set()
        for need, decision, basis in _decisions(machine):
            if decision is not Decision.DENIED or (need.state.name, need.action) in seen:
                continue
            seen.add((need.state.name, need.action))
            where = f" (statement {basis[0].sid!r})" if basis and basis[0].sid else ""
            yield Violation(
                _resource_node(need),
                f"the role's policy denies {need.action} on {need.resource}{where}, which {need.integration} needs",
            )


class BroadGrant(Rule):
    """## What it does
    Flags a statement of a policy file (``--policy``, or ``iam-policy`` in the configuration)
    that grants what a Task needs by allowing far more: every action (``*``), every action of a
    service (``sagemaker:*``), or ``iam:PassRole`` on every role (``Resource: "*"``).  The
    finding is on the statement's ``Action`` in the policy file; a statement that serves no
    Task of the definition is left alone.

    ## Why is this bad?
    The role can do anything the wildcard covers, whatever the definition calls;
    ``iam:PassRole`` on ``*`` lets it hand any role to a service.  ``asllint policy FILE`` prints
    the least-privilege policy instead.

    ## Example
    With the policy file ``examples/policies/broad-role.json`` (``sagemaker:*`` and
    ``iam:PassRole`` on ``*``, and ``sns:Publish`` on one topic), a SageMaker state is served
    by the broad statements, the SNS state below by the narrow one:

    ```toml
    [tool.asllint]
    iam-policy = ["examples/policies/broad-role.json"]
    ```

    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName": "churn-model",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message.$": "$.text"},
     "End": true}
    ```

    ## References
    - IAM User Guide: Security best practices in IAM (grant least privilege)
    """

    example_config: ClassVar[str] = 'iam-policy = ["examples/policies/broad-role.json"]\n'
    id = "IAM010"
    name = "broad-grant"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        seen: set[int] = set()
        for _, decision, basis in _decisions(machine):
            if decision is not Decision.ALLOWED:
                continue
            for statement in basis:
                if id(statement) in seen or statement.node is None or statement.actions is None:
                    continue
                if statement.node.document.format == "inline":  # written in the configuration
                    continue
                message = _broad(statement)
                if message is not None:
                    seen.add(id(statement))
                    yield Violation(statement.node.child("Action") or statement.node, message)


def _broad(statement: Statement) -> str | None:
    resources = statement.resources or []
    for action in statement.actions or ():
        lowered = action.lower()
        if lowered in ("*", "*:*"):
            return f"this statement allows every action ({action!r}); list the actions the state machine needs"
        if lowered.endswith(":*"):
            return f"{action} allows every {lowered[:-2]} action; list the ones the state machine needs"
        if lowered in ("iam:passrole", "iam:pass*", "iam:*") and "*" in resources:
            return 'iam:PassRole on every role (Resource "*"); name the roles the state machine passes'
    return None
