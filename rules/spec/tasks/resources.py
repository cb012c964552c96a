"""ASL901-ASL904: what a Task state's ``Resource`` may name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation, is_placeholder
from asllint.suggest import did_you_mean
from asllint_rules.spec.tasks.catalogue import CALLBACK, INTEGRATIONS, PATTERN_NAMES, SERVICE_PATTERNS, SYNC, SYNC2

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, StateMachine
    from asllint.statemachine import Resource, State

_OPTIMIZED_URL = "https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html"
#: arn:partition:service:region:account:resource, with a partition and a service
_ARN = re.compile(r"arn:[^:\s]+:[a-z0-9-]+:[^:\s]*:[^:\s]*:\S+")


def _tasks(machine: StateMachine) -> Iterator[tuple[State, Resource]]:
    """Every Task with a string ``Resource`` that is not an expression and whose parts that
    matter are literal: an integration with a placeholder partition (``arn:${AWS::Partition}:
    states:::lambda:invoke``) is still judged, one with a placeholder service or API is not."""
    for state in machine.states:
        resource = state.resource
        if resource is None:
            continue
        if resource.kind in ("integration", "aws-sdk"):
            if not is_placeholder(f"{resource.service}:{resource.action}.{resource.pattern}"):
                yield state, resource
        elif not is_placeholder(resource.arn):
            yield state, resource


def _resource_node(state: State) -> Node:
    node = state.field("Resource")
    assert node is not None
    return node


class ResourceNotArn(Rule):
    """## What it does
    Flags a Task state whose ``Resource`` is not an ARN: neither a Lambda function ARN, an
    activity ARN nor an integration such as ``arn:aws:states:::lambda:invoke``.  A value with a
    template placeholder (``${FunctionArn}``, ``arn:${AWS::Partition}:…``) is not judged; a
    placeholder that is never closed (``${FunctionArn``) is not a placeholder.  In a
    CloudFormation or SAM template whose ``DefinitionSubstitutions`` are written out, a
    ``Resource`` that is only ``${Name}`` for a name they do not define is judged as that text
    (CloudFormation replaces only the names it is given).

    ## Why is this bad?
    Step Functions refuses the definition ("The resource provided … is not recognized. The
    value is not a valid resource ARN").  A function *name* instead of its ARN, or an ARN
    mangled by a template, is the usual cause.

    ## Example
    ```json
    {"Type": "Task", "Resource": "ResizeImage", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
     "Parameters": {"FunctionName": "ResizeImage", "Payload.$": "$"}, "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Discover service integration patterns in Step Functions
    """

    id = "ASL901"
    name = "resource-not-arn"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        embedded = machine.template
        if embedded is not None and embedded.substitutions is not None:
            for state in machine.states:
                node = state.field("Resource")
                if node is not None and embedded.left_as_text(node.value):
                    yield Violation(
                        node,
                        f"Resource {node.value!r} is not an ARN: DefinitionSubstitutions has no "
                        f"{node.value[2:-1]!r}, so Step Functions receives this text as it is; add it "
                        "to DefinitionSubstitutions or correct the name",
                    )
        for state, resource in _tasks(machine):
            if resource.kind != "unknown" or _ARN.fullmatch(resource.arn):
                continue
            value = resource.arn
            opened = value.rfind("${")
            if opened >= 0 and "}" not in value[opened:]:
                hint = f"; the template placeholder {value[opened:]!r} has no closing '}}'"
            else:
                hint = (
                    "; name a Lambda function ARN, an activity ARN or an integration such as "
                    "arn:aws:states:::lambda:invoke"
                )
            yield Violation(_resource_node(state), f"Resource {value!r} is not an ARN{hint}")


class UnknownIntegrationApi(Rule):
    """## What it does
    Flags an optimized integration (``arn:aws:states:::<service>:<api>``) whose API the service
    does not offer as an optimized integration, such as ``dynamodb:query`` (DynamoDB's
    optimized APIs are ``getItem``, ``putItem``, ``updateItem`` and ``deleteItem``).  Every
    other API is reached through the AWS SDK form, ``arn:aws:states:::aws-sdk:dynamodb:query``.
    SageMaker's APIs are checked by ``SMI001``.

    ## Why is this bad?
    Step Functions refuses the definition: "The resource provided
    arn:aws:states:::dynamodb:query is not recognized".

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:query",
     "Parameters": {"TableName": "Orders", "KeyConditionExpression": "id = :id",
       "ExpressionAttributeValues": {":id": {"S.$": "$.id"}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:query",
     "Parameters": {"TableName": "Orders", "KeyConditionExpression": "id = :id",
       "ExpressionAttributeValues": {":id": {"S.$": "$.id"}}},
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Integrating optimized services with Step Functions
    """

    id = "ASL902"
    name = "unknown-integration-api"
    severity = Severity.ERROR
    source_url = _OPTIMIZED_URL

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state, resource in _tasks(machine):
            if resource.kind != "integration" or resource.service not in INTEGRATIONS:
                continue
            apis = INTEGRATIONS[resource.service]
            if resource.action in apis:
                continue
            action = resource.action or ""
            hint = did_you_mean(action, apis) or (
                f" (it offers {', '.join(apis)}); call it through the AWS SDK integration, "
                f"arn:aws:states:::aws-sdk:{resource.service}:{action}"
            )
            yield Violation(
                _resource_node(state),
                f"{resource.service}:{action} is not an optimized integration{hint}",
            )


class UnknownIntegrationService(Rule):
    """## What it does
    Flags ``arn:aws:states:::<service>:…`` where the service has no optimized integration in
    the Step Functions documentation (``s3:getObject`` belongs in a Map's ``ItemReader``, not
    in a Task).  Other services are called through ``arn:aws:states:::aws-sdk:<service>:<api>``.
    A warning, because a service may gain optimized integrations after this release.

    ## Why is this bad?
    Step Functions does not recognise the resource and refuses the definition.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::s3:getObject",
     "Parameters": {"Bucket": "reports", "Key.$": "$.key"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
     "Parameters": {"Bucket": "reports", "Key.$": "$.key"}, "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Integrating optimized services with Step Functions
    """

    id = "ASL904"
    name = "unknown-integration-service"
    severity = Severity.WARNING
    source_url = _OPTIMIZED_URL

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state, resource in _tasks(machine):
            if resource.kind != "integration" or resource.service in SERVICE_PATTERNS:
                continue
            service = resource.service or ""
            hint = did_you_mean(service, SERVICE_PATTERNS) or (
                f"; call it through the AWS SDK integration, arn:aws:states:::aws-sdk:{service}:{resource.action}"
            )
            yield Violation(
                _resource_node(state),
                f"{service!r} has no optimized Step Functions integration{hint}",
            )


class UnsupportedIntegrationPattern(Rule):
    """## What it does
    Flags an integration pattern the service does not support: ``.sync`` (Run a Job) exists
    for job-like services (Athena, Batch, Bedrock, CodeBuild, ECS, EKS, EMR, Glue, …) but
    not for Lambda, SNS, SQS, DynamoDB, API Gateway or EventBridge; ``.waitForTaskToken``
    not for DynamoDB, Athena, Batch or Glue; ``.sync:2`` only for ``states:startExecution``;
    the AWS SDK form takes ``.waitForTaskToken`` but never ``.sync``.  SageMaker's patterns are
    checked by ``SMI002``.

    ## Why is this bad?
    Step Functions refuses the definition.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.sync",
     "Parameters": {"FunctionName": "ResizeImage", "Payload.$": "$"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
     "Parameters": {"FunctionName": "ResizeImage", "Payload.$": "$"}, "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Integrating optimized services with Step Functions
    """

    id = "ASL903"
    name = "unsupported-integration-pattern"
    severity = Severity.ERROR
    source_url = _OPTIMIZED_URL

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state, resource in _tasks(machine):
            pattern = resource.pattern
            if pattern == "request-response" or resource.service == "sagemaker":
                continue
            if resource.kind == "aws-sdk":
                if pattern == CALLBACK:
                    continue
                message = (
                    f"the AWS SDK integration does not support .{pattern}; use request-response or .waitForTaskToken"
                )
            elif resource.kind == "integration" and resource.service in INTEGRATIONS:
                if resource.action not in INTEGRATIONS[resource.service]:
                    continue  # ASL902 says it
                supported = SERVICE_PATTERNS[resource.service]
                if pattern in supported:
                    continue
                if pattern in PATTERN_NAMES:
                    choices = ["request-response (no suffix)"] + [
                        PATTERN_NAMES[p] for p in (SYNC, SYNC2, CALLBACK) if p in supported
                    ]
                    message = (
                        f"{resource.service}:{resource.action} does not support .{pattern}; use {' or '.join(choices)}"
                    )
                else:
                    message = (
                        f".{pattern} is not an integration pattern; use request-response (no suffix), "
                        ".sync or .waitForTaskToken"
                    )
            else:
                continue
            yield Violation(_resource_node(state), message)


class ExpressUnsupportedPattern(Rule):
    """## What it does
    Flags, in a state machine whose template makes it an Express workflow (``Type: EXPRESS``
    in SAM and the Serverless Framework, ``StateMachineType: EXPRESS`` in CloudFormation), a
    Task that uses ``.sync``, ``.sync:2`` or ``.waitForTaskToken``, or an activity.  A
    definition file on its own does not say its type, so the rule runs only on templates.

    ## Why is this bad?
    Express workflows support the request-response pattern only; Step Functions refuses the
    definition.  Use a Standard workflow for jobs and callbacks, or start one from the Express
    workflow.

    ## Example
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          Type: EXPRESS
          Definition:
            StartAt: Build
            States:
              Build:
                Type: Task
                Resource: arn:aws:states:::codebuild:startBuild.sync
                Parameters:
                  ProjectName: site
                End: true
    ```

    Use instead:
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          Type: STANDARD
          Definition:
            StartAt: Build
            States:
              Build:
                Type: Task
                Resource: arn:aws:states:::codebuild:startBuild.sync
                Parameters:
                  ProjectName: site
                End: true
    ```

    ## References
    - Step Functions Developer Guide: Choosing workflow type in Step Functions
    """

    id = "ASL905"
    name = "express-unsupported-pattern"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        if machine.machine_type != "EXPRESS":
            return
        for state in machine.states:
            resource = state.resource
            if resource is None:
                continue
            if resource.kind == "activity":
                message = "an Express workflow cannot run activities; use a Standard workflow"
            elif resource.kind in ("integration", "aws-sdk") and resource.pattern != "request-response":
                message = (
                    f"an Express workflow supports request-response only, not .{resource.pattern}; "
                    "make the state machine STANDARD or drop the suffix"
                )
            else:
                continue
            yield Violation(_resource_node(state), message)
