"""SMI: the SageMaker integration itself — which APIs and patterns exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.suggest import closest
from asllint_rules.sagemaker.model import OPTIMIZED, service_model
from asllint_rules.sagemaker.request import sagemaker_tasks

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

_SFN_SM = "https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html"
_SYNC_APIS = ", ".join(sorted(a for a, (_, sync) in OPTIMIZED.items() if sync))


class UnknownSagemakerApi(Rule):
    """## What it does
    Flags an optimized SageMaker integration (``arn:aws:states:::sagemaker:<api>``) whose API
    is not one of the nine that Step Functions optimizes: ``createEndpoint``,
    ``createEndpointConfig``, ``createHyperParameterTuningJob``, ``createLabelingJob``,
    ``createModel``, ``createProcessingJob``, ``createTrainingJob``, ``createTransformJob``,
    ``updateEndpoint``.  Every other SageMaker operation is reached through the AWS SDK form.

    ## Why is this bad?
    Step Functions refuses the definition: the Resource is not a valid integration.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:describeTrainingJob",
     "Parameters": {"TrainingJobName.$": "$.TrainingJobName"},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob",
     "Parameters": {"TrainingJobName.$": "$.TrainingJobName"},
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Create and manage Amazon SageMaker AI jobs with Step Functions
    """

    id = "SMI001"
    name = "unknown-sagemaker-api"
    severity = Severity.ERROR
    source_url = _SFN_SM

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            if not task.optimized or task.action in OPTIMIZED:
                continue
            guess = closest(task.action, OPTIMIZED)
            if service_model().operation_for(task.action) is not None:
                hint = f"; call it through the AWS SDK form arn:aws:states:::aws-sdk:sagemaker:{task.action}"
            elif guess is not None:
                hint = f"; did you mean {guess!r}?"
            else:
                hint = ""
            yield Violation(
                task.resource_node,
                f"sagemaker:{task.action} is not an optimized SageMaker integration{hint}",
            )


class UnsupportedSagemakerPattern(Rule):
    """## What it does
    Flags an integration pattern that the SageMaker API does not support: ``.sync`` exists only
    for the five job APIs (training, tuning, processing, transform, labeling); ``createModel``,
    ``createEndpointConfig``, ``createEndpoint`` and ``updateEndpoint`` are request-response
    only; ``.waitForTaskToken`` and ``.sync:2`` exist for none.  In the AWS SDK form ``.sync``
    does not exist at all.

    ## Why is this bad?
    Step Functions refuses the definition.  For endpoints, wait with a loop of ``Wait`` and
    ``aws-sdk:sagemaker:describeEndpoint`` instead.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel.sync",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"}},
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Create and manage Amazon SageMaker AI jobs with Step Functions
    - Step Functions Developer Guide: Integrating optimized services with Step Functions
    """

    id = "SMI002"
    name = "unsupported-sagemaker-pattern"
    severity = Severity.ERROR
    source_url = _SFN_SM

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            pattern = task.pattern
            if pattern == "request-response":
                continue
            if task.optimized:
                if task.action not in OPTIMIZED:
                    continue  # SMI001 says it
                supports_sync = OPTIMIZED[task.action][1]
                if pattern == "sync" and supports_sync:
                    continue
                if pattern == "sync":
                    message = f"sagemaker:{task.action} has no .sync pattern (only {_SYNC_APIS} do); remove .sync"
                else:
                    message = f"sagemaker:{task.action} does not support .{pattern}; " + (
                        "use .sync or request-response" if supports_sync else "use request-response"
                    )
            else:
                if pattern == "waitForTaskToken":
                    continue
                message = f"the AWS SDK form does not support .{pattern}; " + (
                    f"use arn:aws:states:::sagemaker:{task.action}.sync"
                    if OPTIMIZED.get(task.action, ("", False))[1]
                    else "use request-response or .waitForTaskToken"
                )
            yield Violation(task.resource_node, message)


class InvalidSagemakerSdkAction(Rule):
    """## What it does
    Flags an AWS SDK integration ``arn:aws:states:::aws-sdk:sagemaker:<action>`` whose action
    is not a SageMaker operation written in lower camel case (``createTrainingJob``, not
    ``CreateTrainingJob``).

    ## Why is this bad?
    Step Functions refuses the definition: "The resource provided ... is not recognized".

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sagemaker:DescribeEndpoint",
     "Parameters": {"EndpointName": "churn-realtime"},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sagemaker:describeEndpoint",
     "Parameters": {"EndpointName": "churn-realtime"},
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: AWS SDK service integrations
    """

    id = "SMI004"
    name = "invalid-sagemaker-sdk-action"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        tasks = [t for t in sagemaker_tasks(machine) if not t.optimized and t.operation is None]
        if not tasks:
            return
        model = service_model()
        actions = model.actions()
        for task in tasks:
            action = task.action
            camel = action[:1].lower() + action[1:]
            if camel in actions:
                message = f"aws-sdk actions are lower camel case: write sagemaker:{camel}"
            else:
                guess = closest(action, actions)
                hint = f"; did you mean {guess!r}?" if guess else ""
                message = f"{action!r} is not a SageMaker operation (botocore {model.botocore_version}){hint}"
            yield Violation(task.resource_node, message)


RULES: list[type[Rule]] = [UnknownSagemakerApi, UnsupportedSagemakerPattern, InvalidSagemakerSdkAction]
