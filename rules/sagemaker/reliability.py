"""CST: reliability and cost advice for SageMaker tasks — names that collide between executions
and retries, retries and timeouts that do not fit a job, fan-out beyond quotas, waiting for
endpoints.

Every rule judges facts the definition fixes: a literal value, a member that is present or
absent, the JSON of a Retrier.  Of a dynamic value (``"Key.$"``, ``{% %}``, ``${Placeholder}``)
only the part that is certain is used, e.g. that ``States.Format('train-{}', $$.Execution.Name)``
stays the same between two attempts of one state.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asllint import Rule, Severity, Violation, is_jsonata
from asllint.document import is_placeholder
from asllint_rules.sagemaker.request import is_true, plain, requests, sagemaker_tasks, static_number

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, State, StateMachine
    from asllint_rules.sagemaker.request import SageMakerTask, Value

_SFN = "https://docs.aws.amazon.com/step-functions/latest/dg/"
_SM_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_SM_DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"

#: The job APIs with a ``.sync`` pattern, and what a message calls their job.
_JOBS: dict[str, str] = {
    "CreateTrainingJob": "training job",
    "CreateProcessingJob": "processing job",
    "CreateTransformJob": "transform job",
    "CreateHyperParameterTuningJob": "tuning job",
    "CreateLabelingJob": "labeling job",
}
#: Name members of the create APIs whose name is not ``<Thing>JobName`` for ``Create<Thing>Job``.
_NAME_MEMBER: dict[str, str] = {"CreateModel": "ModelName", "CreateEndpointConfig": "EndpointConfigName"}
#: A short prefix for the names the messages suggest.
_PREFIX: dict[str, str] = {
    "CreateTrainingJob": "train",
    "CreateProcessingJob": "process",
    "CreateTransformJob": "transform",
    "CreateLabelingJob": "label",
    "CreateHyperParameterTuningJob": "tune",
    "CreateModel": "model",
    "CreateEndpointConfig": "config",
    "CreateEndpoint": "endpoint",
}
#: Errors that a ``.sync`` job task raises after the job was created: the job failed or was
#: stopped, the state timed out.  ``SageMaker.AmazonSageMakerException`` (kept last) is the
#: integration's catch-all error name (Step Functions Developer Guide example; aws-step-functions-data-science-sdk-python#140).
_AFTER_CREATION = (
    "States.ALL",
    "States.TaskFailed",
    "States.Timeout",
    "States.HeartbeatTimeout",
    "SageMaker.AmazonSageMakerException",
)
#: Retriers that also catch a full quota (``ResourceLimitExceeded`` from the Create call).
_RESOURCE_LIMIT = (
    "SageMaker.ResourceLimitExceededException",
    "SageMaker.AmazonSageMakerException",
    "States.ALL",
    "States.TaskFailed",
)
#: Parts of a name expression that differ between two attempts of a state.
_PER_ATTEMPT = re.compile(
    r"RetryCount|EnteredTime|States\.UUID|States\.MathRandom|\$uuid\s*\(|\$random\s*\(|\$now\s*\(|\$millis\s*\("
)
_STRING_LITERAL = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")
_JSONPATH_REFERENCE = re.compile(r"\$\$?[A-Za-z0-9_.\[\]]*")
_JSONATA_REFERENCE = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
#: Context-object fields that stay the same in every iteration of an inline Map.
_PER_EXECUTION = ("$$.Execution.", "$$.StateMachine.", "$states.context.Execution.", "$states.context.StateMachine.")
#: A literal name this short can stay as the prefix of a per-execution name (63 - 1 - 36, the
#: length of a default execution name, leaves 26).
_SHORT_PREFIX = 26
#: ``$$.Execution.Name`` itself, in both query languages.
_EXECUTION_NAME = ("$$.Execution.Name", "$states.context.Execution.Name")


# -- shared views ------------------------------------------------------------------------------


def _sync_jobs(machine: StateMachine) -> Iterator[SageMakerTask]:
    """The optimized ``.sync`` job tasks (training, processing, transform, tuning, labeling)."""
    for task in sagemaker_tasks(machine):
        if task.optimized and task.pattern == "sync" and task.operation in _JOBS:
            yield task


def _name_member(operation: str | None, *, endpoint: bool = False) -> str | None:
    """The request member that names what ``operation`` creates (``TrainingJobName``)."""
    if operation is None:
        return None
    if operation in _NAME_MEMBER:
        return _NAME_MEMBER[operation]
    if endpoint and operation == "CreateEndpoint":
        return "EndpointName"
    if operation.startswith("Create") and operation.endswith("Job"):
        return operation[len("Create") :] + "Name"
    return None


def _created_name(task: SageMakerTask, *, endpoint: bool = False) -> tuple[str, Value] | None:
    """``(member, value)`` of the name of the resource that ``task`` creates."""
    member = _name_member(task.operation, endpoint=endpoint)
    if member is None or task.request is None:
        return None
    value = task.request.get(member)
    return (member, value) if value is not None else None


def _expression(value: Value) -> str | None:
    """The path, intrinsic or JSONata text of a dynamic value (``None`` for placeholders)."""
    text = value.value
    if not isinstance(text, str):
        return None
    if value.jsonata:
        return text[2:-2] if is_jsonata(text) else None
    key = value.written_key
    return text if isinstance(key, str) and key.endswith(".$") else None


def _same_for_every_attempt(value: Value) -> bool:
    """Whether the name is certain to be the same when the state is retried: a literal, or an
    expression with nothing in it that changes between attempts (the state input, variables
    and ``$$.Execution`` do not change; ``$$.State.RetryCount`` and ``States.UUID()`` do)."""
    if not value.dynamic:
        return isinstance(value.value, str)
    text = _expression(value)
    return text is not None and not _PER_ATTEMPT.search(text)


def _same_for_every_iteration(value: Value) -> bool:
    """Whether a dynamic name reads only per-execution context (``$$.Execution.Name``): the same
    in every iteration of an inline Map."""
    text = _expression(value)
    if text is None or _PER_ATTEMPT.search(text):
        return False
    stripped = _STRING_LITERAL.sub("''", text)
    pattern = _JSONATA_REFERENCE if value.jsonata else _JSONPATH_REFERENCE
    references = pattern.findall(stripped)
    return bool(references) and all(ref.startswith(_PER_EXECUTION) for ref in references)


def _suggested_name(task: SageMakerTask, member: str, *, per_attempt: bool = False, literal: str = "") -> str:
    prefix = _PREFIX.get(task.operation or "", "job")
    if 0 < len(literal) <= _SHORT_PREFIX and re.fullmatch(r"[a-zA-Z0-9](-*[a-zA-Z0-9])*", literal):
        prefix = literal  # keep the name the author chose, followed by the execution
    if task.operation == "CreateHyperParameterTuningJob" and not per_attempt:
        # tuning-job names have at most 32 characters: an MD5 hash of the execution name fits
        if task.jsonata:
            return f'"{member}": "{{% $hash($states.context.Execution.Name, \'MD5\') %}}"'
        return f'"{member}.$": "States.Hash($$.Execution.Name, \'MD5\')"'
    if task.jsonata:
        attempt = " & '-' & $states.context.State.RetryCount" if per_attempt else ""
        return f'"{member}": "{{% \'{prefix}-\' & $states.context.Execution.Name{attempt} %}}"'
    if per_attempt:
        return f'"{member}.$": "States.Format(\'{prefix}-{{}}-{{}}\', $$.Execution.Name, $$.State.RetryCount)"'
    return f'"{member}.$": "States.Format(\'{prefix}-{{}}\', $$.Execution.Name)"'


@dataclass(frozen=True)
class _Retrier:
    node: Node
    errors: tuple[str, ...]
    #: ``MaxAttempts`` (default 3), ``None`` when it is not a literal integer
    attempts: int | None

    def field(self, name: str) -> Any:
        value = self.node.value
        return value.get(name) if isinstance(value, dict) else None

    def matches(self, names: tuple[str, ...]) -> str | None:
        """The first of ``names`` this Retrier lists."""
        return next((error for error in self.errors if error in names), None)


def _retriers(state: State) -> list[_Retrier]:
    field = state.field("Retry")
    if field is None or not isinstance(field.value, list):
        return []
    found = []
    for item in field.children():
        if not isinstance(item.value, dict):
            continue
        errors = item.value.get("ErrorEquals")
        names = tuple(e for e in errors if isinstance(e, str)) if isinstance(errors, list) else ()
        attempts = item.value.get("MaxAttempts", 3)
        found.append(_Retrier(item, names, _integer(attempts)))
    return found


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _enclosing_maps(state: State) -> list[State]:
    """The Map states around ``state``, innermost first."""
    found = []
    scope = state.scope
    while scope.owner is not None:
        if scope.owner.type == "Map":
            found.append(scope.owner)
        scope = scope.owner.scope
    return found


def _distributed(map_state: State) -> bool:
    processor = map_state.body.get("ItemProcessor")
    config = processor.get("ProcessorConfig") if isinstance(processor, dict) else None
    return isinstance(config, dict) and config.get("Mode") == "DISTRIBUTED"


def _seconds(value: Value | None) -> int | float | None:
    number = static_number(value)
    return number if number is not None and number > 0 else None


def _training_bound(job: Value) -> tuple[int | float, str] | None:
    """How long a training job (or a tuning job's training definition) may take: with managed
    spot training ``MaxWaitTimeInSeconds`` (waiting for capacity plus running), else
    ``MaxRuntimeInSeconds``."""
    runtime = _seconds(job.get("StoppingCondition", "MaxRuntimeInSeconds"))
    if is_true(job.get("EnableManagedSpotTraining")):
        wait = _seconds(job.get("StoppingCondition", "MaxWaitTimeInSeconds"))
        if wait is not None and (runtime is None or wait >= runtime):
            return wait, "StoppingCondition.MaxWaitTimeInSeconds"
    return (runtime, "StoppingCondition.MaxRuntimeInSeconds") if runtime is not None else None


def _definitions(request: Value) -> Iterator[Value]:
    """The training-job definitions of a tuning-job request."""
    single = request.get("TrainingJobDefinition")
    if single is not None and single.is_object:
        yield single
    several = request.get("TrainingJobDefinitions")
    if several is not None:
        yield from (item for item in several.items() if item.is_object)


def _job_bound(task: SageMakerTask) -> tuple[int | float, str] | None:
    """The longest time the job of ``task`` may run by its own request, and where that is set."""
    request = task.request
    if request is None:
        return None
    if task.operation == "CreateTrainingJob":
        return _training_bound(request)
    if task.operation == "CreateProcessingJob":
        runtime = _seconds(request.get("StoppingCondition", "MaxRuntimeInSeconds"))
        return (runtime, "StoppingCondition.MaxRuntimeInSeconds") if runtime is not None else None
    if task.operation == "CreateHyperParameterTuningJob":
        limit = _seconds(request.get("HyperParameterTuningJobConfig", "ResourceLimits", "MaxRuntimeInSeconds"))
        if limit is not None:
            return limit, "HyperParameterTuningJobConfig.ResourceLimits.MaxRuntimeInSeconds"
        # without a tuning-level limit, one training job alone may take its own bound
        bounds = [bound for job in _definitions(request) if (bound := _training_bound(job)) is not None]
        if bounds:
            seconds, where = max(bounds, key=lambda b: b[0])
            return seconds, f"the training-job definition's {where}"
    return None


def _state_timeout(state: State) -> int | None:
    seconds = _integer(state.body.get("TimeoutSeconds"))
    return seconds if seconds is not None and seconds > 0 else None


# -- names --------------------------------------------------------------------------------------


class StaticResourceName(Rule):
    """## What it does
    Flags a SageMaker create task whose new resource has a literal name: ``TrainingJobName``,
    ``ProcessingJobName``, ``TransformJobName``, ``LabelingJobName``,
    ``HyperParameterTuningJobName`` (any ``Create…Job`` of the AWS SDK form too), ``ModelName``
    of ``createModel`` and ``EndpointConfigName`` of ``createEndpointConfig``.  Inside an inline
    Map it also flags a name built only from ``$$.Execution`` fields, which is the same in every
    iteration.  ``EndpointName`` is not flagged: an endpoint is meant to keep its name.

    ## Why is this bad?
    SageMaker names are unique in an account and Region, and a job's name stays taken after the
    job ends.  The first execution works; every later one fails with ``ResourceInUse`` ("a
    training job with this name already exists").  Build the name from the execution, e.g.
    ``States.Format('train-{}', $$.Execution.Name)``.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName": "churn-training",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('churn-training-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateTrainingJob (TrainingJobName: "must be unique within an Amazon Web Services Region in an Amazon Web Services account")
    - Step Functions Developer Guide: Accessing execution data from the Context object
    """

    id = "CST001"
    name = "static-resource-name"
    severity = Severity.WARNING
    source_url = _SM_API + "API_CreateTrainingJob.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            found = _created_name(task)
            if found is None:
                continue
            member, value = found
            if not value.dynamic:
                if isinstance(value.value, str):
                    yield Violation(
                        value.node,
                        f"{member} {value.value!r} is the same in every execution, so the second execution fails "
                        f"with ResourceInUse; make it unique per execution: {_suggested_name(task, member, literal=value.value)}",
                    )
                continue
            maps = _enclosing_maps(task.state)
            if maps and not any(_distributed(m) for m in maps) and _same_for_every_iteration(value):
                yield Violation(
                    value.node,
                    f"{member} is the same in every iteration of Map {maps[0].name!r}, so the second iteration "
                    f"fails with ResourceInUse; pass $$.Map.Item.Index into the iteration with the Map's "
                    f"ItemSelector and add it to the name",
                )


class RetryReusesName(Rule):
    """## What it does
    Flags a ``.sync`` SageMaker job task with a Retrier for an error that can come after the
    job was created (``States.ALL``, ``States.TaskFailed``, ``States.Timeout``,
    ``States.HeartbeatTimeout``, ``SageMaker.AmazonSageMakerException``) while the job name is
    the same for every attempt: a literal, or an expression of the input, variables or
    ``$$.Execution`` only.

    ## Why is this bad?
    Step Functions retries with the same parameters.  Once the job exists (it failed, was
    stopped, or the state timed out), every retry asks SageMaker to create a job under a name
    that is taken and fails with ``ResourceInUse``, so the Retrier only delays the failure.
    Put ``$$.State.RetryCount`` into the name, or retry only errors raised before creation such
    as ``SageMaker.ResourceLimitExceededException``.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {
       "ProcessingJobName.$": "States.Format('prep-{}-{}', $$.Execution.Name, $$.State.RetryCount)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
     "End": true}
    ```

    ## References
    - aws/aws-step-functions-data-science-sdk-python#140: "all retries will fail in submitting the job as the job name has already been used"
    - Step Functions Developer Guide: Handling errors in Step Functions workflows (Retry)
    - Step Functions Developer Guide: Accessing execution data from the Context object ($$.State.RetryCount)
    """

    id = "CST002"
    name = "retry-reuses-name"
    severity = Severity.WARNING
    source_url = _SFN + "concepts-error-handling.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in _sync_jobs(machine):
            found = _created_name(task)
            if found is None:
                continue
            member, value = found
            if not _same_for_every_attempt(value):
                continue
            retriers = [r for r in _retriers(task.state) if r.attempts is not None and r.attempts > 0]
            # a States error certainly comes after creation; the catch-all SageMaker error may not
            candidates = [(r, e) for r in retriers if (e := r.matches(_AFTER_CREATION[:-1])) is not None]
            candidates += [(r, e) for r in retriers if (e := r.matches(_AFTER_CREATION[-1:])) is not None]
            for retrier, error in candidates:
                label = _JOBS[task.operation or ""]
                yield Violation(
                    retrier.node.child("ErrorEquals") or retrier.node,
                    f"this Retrier retries {error}, which can come after the {label} was created, but {member} "
                    f"is the same for every attempt, so each retry fails with ResourceInUse; add the attempt to "
                    f"the name ({_suggested_name(task, member, per_attempt=True)}) or retry only "
                    f"SageMaker.ResourceLimitExceededException",
                )
                break


class ExecutionNameAsJobName(Rule):
    """## What it does
    Flags ``$$.Execution.Name`` (JSONata: ``$states.context.Execution.Name``) used as it is as
    the name of a new SageMaker training, processing, transform or labeling job, model,
    endpoint configuration or endpoint.  (Tuning jobs, whose names have at most 32 characters,
    are SMX202's.)

    ## Why is this bad?
    Step Functions' default execution name is a UUID, which fits.  A name given to
    ``StartExecution`` may have up to 80 characters and contain ``_`` and ``.``; SageMaker names
    have at most 63 letters, digits and hyphens, so such an execution fails when it reaches the
    task, with a ``ValidationException``.  Derive the name from something of a known form, e.g.
    ``States.Format('train-{}', States.Hash($$.Execution.Name, 'MD5'))``, or make sure every
    caller names executions within the SageMaker pattern.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "$$.Execution.Name",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', States.Hash($$.Execution.Name, 'MD5'))",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - Step Functions API Reference: StartExecution (name: 1-80 characters)
    - SageMaker API Reference: CreateTrainingJob (TrainingJobName pattern)
    """

    id = "CST014"
    name = "execution-name-as-job-name"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            if task.operation == "CreateHyperParameterTuningJob":
                continue
            found = _created_name(task, endpoint=True)
            if found is None:
                continue
            member, value = found
            text = _expression(value) if value.dynamic else None
            if text is None or text.strip() not in _EXECUTION_NAME:
                continue
            yield Violation(
                value.node,
                f"{member} is $$.Execution.Name as it is, which may have up to 80 characters and contain '_' or "
                f"'.', but a SageMaker name allows at most 63 letters, digits and hyphens; derive it from a hash "
                f"(States.Format('{_PREFIX.get(task.operation or '', 'job')}-{{}}', "
                f"States.Hash($$.Execution.Name, 'MD5'))) or keep execution names within that pattern",
            )


# -- retries ------------------------------------------------------------------------------------


class ResourceLimitNotRetried(Rule):
    """## What it does
    Flags a ``.sync`` SageMaker job task that has no Retrier for
    ``SageMaker.ResourceLimitExceededException`` (or for ``SageMaker.AmazonSageMakerException``,
    ``States.TaskFailed`` or ``States.ALL``, which include it).

    ## Why is this bad?
    SageMaker refuses a new job while the account runs as many jobs (or instances of a type) as
    its quota allows.  That is usually a matter of minutes, but without a Retrier the execution
    fails.  Retry it with a long interval, e.g. ``IntervalSeconds`` 60 and a ``BackoffRate``.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "Retry": [{"ErrorEquals": ["SageMaker.ResourceLimitExceededException"], "IntervalSeconds": 60,
       "MaxAttempts": 10, "BackoffRate": 2, "MaxDelaySeconds": 900}],
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Create and manage Amazon SageMaker AI jobs with Step Functions (example Retry)
    - SageMaker Developer Guide: Amazon SageMaker endpoints and quotas
    """

    id = "CST003"
    name = "resource-limit-not-retried"
    severity = Severity.INFO
    source_url = _SFN + "connect-sagemaker.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in _sync_jobs(machine):
            retry = task.state.field("Retry")
            if retry is not None and not isinstance(retry.value, list):
                continue  # not a Retry list: other rules say so
            covered = any(
                r.matches(_RESOURCE_LIMIT) is not None and (r.attempts is None or r.attempts > 0)
                for r in _retriers(task.state)
            )
            if covered:
                continue
            yield Violation(
                retry if retry is not None else task.resource_node,
                f"nothing retries SageMaker.ResourceLimitExceededException, so the execution fails whenever the "
                f"account is at its {_JOBS[task.operation or '']} quota; add a Retrier for it with an "
                f"IntervalSeconds of 60 or more and a BackoffRate",
            )


#: More attempts than this for the catch-all SageMaker error is "many" (the Developer Guide
#: example's 100 attempts from 1 s with back-off 1.1 keep retrying for about 38 hours).
_MANY_ATTEMPTS = 10


class RetryGenericSagemakerException(Rule):
    """## What it does
    Flags a Retrier on ``SageMaker.AmazonSageMakerException`` with more than 10
    ``MaxAttempts``.

    ## Why is this bad?
    ``SageMaker.AmazonSageMakerException`` is the catch-all error of the SageMaker integration:
    besides throttling it also stands for validation errors, which fail again on every attempt.
    With many attempts a request that can never succeed is repeated for hours (the Developer
    Guide's example, 100 attempts from 1 s with a back-off of 1.1, keeps going for about 38
    hours).  Keep the attempts few, and retry ``SageMaker.ResourceLimitExceededException``
    separately for waiting on capacity.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"}},
     "Retry": [{"ErrorEquals": ["SageMaker.AmazonSageMakerException"], "IntervalSeconds": 1,
       "MaxAttempts": 100, "BackoffRate": 1.1}],
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"}},
     "Retry": [{"ErrorEquals": ["SageMaker.AmazonSageMakerException"], "IntervalSeconds": 2,
       "MaxAttempts": 3, "BackoffRate": 2}],
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Create and manage Amazon SageMaker AI jobs with Step Functions (example Retry)
    - Step Functions Developer Guide: Handling errors in Step Functions workflows
    """

    id = "CST004"
    name = "retry-generic-sagemaker-exception"
    severity = Severity.WARNING
    source_url = _SFN + "concepts-error-handling.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            for retrier in _retriers(task.state):
                if "SageMaker.AmazonSageMakerException" not in retrier.errors:
                    continue
                if retrier.attempts is None or retrier.attempts <= _MANY_ATTEMPTS:
                    continue
                yield Violation(
                    retrier.node.child("MaxAttempts") or retrier.node,
                    f"MaxAttempts {retrier.attempts} for SageMaker.AmazonSageMakerException also repeats "
                    f"validation errors that fail every time; allow at most {_MANY_ATTEMPTS} attempts and retry "
                    f"SageMaker.ResourceLimitExceededException in its own Retrier",
                )


#: One wait between attempts longer than a day is rarely meant.
_ONE_DAY = 86_400


class UnboundedRetryDelay(Rule):
    """## What it does
    Flags a Retrier of a SageMaker task whose back-off makes one wait longer than a day
    (``IntervalSeconds`` times ``BackoffRate`` to the power of ``MaxAttempts`` minus 1) without
    ``MaxDelaySeconds``, and a Retrier for quota errors (``ResourceLimitExceeded``,
    ``States.ALL``, ``States.TaskFailed``) of a SageMaker task inside a Map without
    ``"JitterStrategy": "FULL"``.

    ## Why is this bad?
    Exponential back-off grows fast: from 60 s with a rate of 2, the tenth wait is more than
    eight hours and the fifteenth more than eleven days, while the execution sits idle.
    ``MaxDelaySeconds`` caps each wait.  In a Map, iterations that hit the same quota at once
    also retry at the same moments and collide again; full jitter spreads them.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "Retry": [{"ErrorEquals": ["SageMaker.ResourceLimitExceededException"], "IntervalSeconds": 60,
       "MaxAttempts": 20, "BackoffRate": 2}],
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "Retry": [{"ErrorEquals": ["SageMaker.ResourceLimitExceededException"], "IntervalSeconds": 60,
       "MaxAttempts": 20, "BackoffRate": 2, "MaxDelaySeconds": 1800}],
     "End": true}
    ```

    ## References
    - Amazon States Language: Retrying after error (MaxDelaySeconds, JitterStrategy)
    - Step Functions Developer Guide: Handling errors in Step Functions workflows
    """

    id = "CST005"
    name = "unbounded-retry-delay"
    severity = Severity.INFO
    source_url = _SFN + "concepts-error-handling.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            in_map = any(_fans_out(m) for m in _enclosing_maps(task.state))
            for retrier in _retriers(task.state):
                longest = _longest_wait(retrier)
                if longest is not None and longest > _ONE_DAY and "MaxDelaySeconds" not in retrier.node.value:
                    yield Violation(
                        retrier.node.child("BackoffRate") or retrier.node,
                        f"the last of {retrier.attempts} attempts waits {_days(longest)} before it starts; add "
                        f"MaxDelaySeconds to cap each wait (e.g. 3600)",
                    )
                elif (
                    in_map
                    and retrier.matches(_RESOURCE_LIMIT) is not None
                    and retrier.attempts != 0
                    and retrier.field("JitterStrategy") != "FULL"
                ):
                    yield Violation(
                        retrier.node.child("ErrorEquals") or retrier.node,
                        f'the Map\'s iterations that hit the quota together retry together; add "JitterStrategy": '
                        f'"FULL" to this Retrier for {retrier.matches(_RESOURCE_LIMIT)}',
                    )


def _fans_out(map_state: State) -> bool:
    return _integer(map_state.body.get("MaxConcurrency")) != 1


def _longest_wait(retrier: _Retrier) -> float | None:
    """The wait before the last attempt, if every field is a literal number."""
    if retrier.attempts is None or retrier.attempts < 1:
        return None
    interval = retrier.field("IntervalSeconds")
    rate = retrier.field("BackoffRate")
    interval = 1 if interval is None else interval
    rate = 2.0 if rate is None else rate
    if isinstance(interval, bool) or isinstance(rate, bool):
        return None
    if not isinstance(interval, (int, float)) or not isinstance(rate, (int, float)) or rate < 1:
        return None
    exponent = min(retrier.attempts - 1, 200)  # keeps the power finite
    return float(interval) * float(rate) ** exponent


def _days(seconds: float) -> str:
    days = seconds / _ONE_DAY
    return f"about {days:.0f} days" if days < 10_000 else "longer than anyone will wait"


# -- timeouts -----------------------------------------------------------------------------------


class TaskTimeoutBelowJobBound(Rule):
    """## What it does
    Flags a ``.sync`` SageMaker job task whose ``TimeoutSeconds`` is lower than the time its job
    may run by its own request: a training job's ``StoppingCondition.MaxRuntimeInSeconds`` (with
    managed spot training ``MaxWaitTimeInSeconds``), a tuning job's
    ``ResourceLimits.MaxRuntimeInSeconds`` (or else one training job's limit), a processing
    job's ``StoppingCondition.MaxRuntimeInSeconds``.

    ## Why is this bad?
    The state fails with ``States.Timeout`` while the job still runs within its limits.  Step
    Functions then makes a best-effort attempt to stop the job; without ``sagemaker:Stop*``
    permission the job goes on running and billing with nobody waiting for it.  Make the state
    timeout at least the job's limit (plus time for provisioning), or lower the job's limit.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "TimeoutSeconds": 3600,
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 86400}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "TimeoutSeconds": 90000,
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 86400}},
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Discover service integration patterns (Run a Job (.sync))
    - SageMaker API Reference: StoppingCondition, ResourceLimits, ProcessingStoppingCondition
    """

    id = "CST006"
    name = "task-timeout-below-job-bound"
    severity = Severity.WARNING
    source_url = _SFN + "connect-to-resource.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in _sync_jobs(machine):
            timeout = _state_timeout(task.state)
            if timeout is None:
                continue
            bound = _job_bound(task)
            if bound is None or timeout >= bound[0]:
                continue
            seconds, where = bound
            node = task.state.field("TimeoutSeconds")
            assert node is not None
            yield Violation(
                node,
                f"TimeoutSeconds {timeout} is below the {_JOBS[task.operation or '']}'s limit of "
                f"{plain(seconds)} s ({where}), so the state can time out while the job still runs; raise "
                f"TimeoutSeconds to at least {plain(seconds)} or lower the job's limit",
            )


class ExecutionTimeoutBelowJob(Rule):
    """## What it does
    Flags a state machine whose top-level ``TimeoutSeconds`` is lower than the time a ``.sync``
    SageMaker job in it may run by its own request (the limits CST006 reads, or the task's own
    ``TimeoutSeconds`` when that is lower).

    ## Why is this bad?
    The execution times out while the job still runs within its limits; the job is stopped on
    a best-effort basis, and all the work of the execution is lost.  Raise the execution's
    ``TimeoutSeconds`` above the longest job (plus the other states), or lower the job's limit.

    ## Example
    ```json
    {"StartAt": "Train", "TimeoutSeconds": 3600,
     "States": {"Train": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
       "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
         "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 86400}},
       "End": true}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Train", "TimeoutSeconds": 90000,
     "States": {"Train": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
       "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
         "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 86400}},
       "End": true}}}
    ```

    ## References
    - Step Functions Developer Guide: State machine structure (TimeoutSeconds)
    - Step Functions Developer Guide: Discover service integration patterns (Run a Job (.sync))
    """

    id = "CST011"
    name = "execution-timeout-below-job"
    severity = Severity.WARNING
    source_url = _SFN + "statemachine-structure.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        node = machine.node.child("TimeoutSeconds")
        timeout = _integer(node.value) if node is not None else None
        if node is None or timeout is None or timeout <= 0:
            return
        worst: tuple[int | float, SageMakerTask, str] | None = None
        for task in _sync_jobs(machine):
            bound = _job_bound(task)
            if bound is None:
                continue
            seconds, where = bound
            own = _state_timeout(task.state)
            if own is not None and own < seconds:
                seconds, where = own, "its TimeoutSeconds"
            if seconds > timeout and (worst is None or seconds > worst[0]):
                worst = (seconds, task, where)
        if worst is not None:
            seconds, task, where = worst
            yield Violation(
                node,
                f"TimeoutSeconds {timeout} ends the execution before the {_JOBS[task.operation or '']} of state "
                f"{task.state.name!r} may finish ({plain(seconds)} s, {where}); raise it above the longest job "
                f"or lower the job's limit",
            )


class HeartbeatOnSync(Rule):
    """## What it does
    Flags ``HeartbeatSeconds`` (or ``HeartbeatSecondsPath``) on a ``.sync`` SageMaker job task.

    ## Why is this bad?
    Heartbeats are sent with ``SendTaskHeartbeat`` and a task token; a SageMaker job never gets
    the token and never sends one.  The task therefore fails with ``States.HeartbeatTimeout``
    after ``HeartbeatSeconds``, however well the job runs.  Bound the wait with
    ``TimeoutSeconds`` instead.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "TimeoutSeconds": 90000, "HeartbeatSeconds": 600,
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 86400}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "TimeoutSeconds": 90000,
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 86400}},
     "End": true}
    ```

    ## References
    - Step Functions API Reference: SendTaskHeartbeat
    - Step Functions Developer Guide: Discover service integration patterns
    """

    id = "CST007"
    name = "heartbeat-on-sync"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskHeartbeat.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in _sync_jobs(machine):
            for field in ("HeartbeatSeconds", "HeartbeatSecondsPath"):
                node = task.state.field(field)
                if node is not None:
                    yield Violation(
                        node,
                        f"{field} on a .sync SageMaker {_JOBS[task.operation or '']}: nothing sends heartbeats for "
                        f"it, so the task fails with States.HeartbeatTimeout while the job runs; remove {field} "
                        f"and bound the wait with TimeoutSeconds",
                        on_key=True,
                    )


# -- .sync results and failures (opt-in advice) ----------------------------------------------------


class SyncWithoutCatch(Rule):
    """## What it does
    Flags a ``.sync`` SageMaker job task without a Catcher, neither its own nor one on a
    Parallel or Map state around it.  Off by default.

    ## Why is this bad?
    A job that fails or is stopped fails the state, and without a Catcher the whole execution:
    no clean-up of interim data, no notification, no record of why beyond the execution
    history.  A Catcher on ``States.TaskFailed`` (or ``States.ALL``) can route to a state that
    does that.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"StartAt": "Train",
     "States": {
       "Train": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
         "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
           "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
           "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
             "TrainingInputMode": "File"},
           "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
           "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
           "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
         "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Training failed"}],
         "End": true},
       "Training failed": {"Type": "Fail", "Error": "TrainingFailed", "Cause": "The training job failed"}}}
    ```

    ## References
    - Step Functions Developer Guide: Handling errors in Step Functions workflows (Catch)
    """

    id = "CST008"
    name = "sync-without-catch"
    severity = Severity.INFO
    source_url = _SFN + "concepts-error-handling.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in _sync_jobs(machine):
            state: State | None = task.state
            caught = False
            while state is not None and not caught:
                catch = state.body.get("Catch")
                caught = isinstance(catch, list) and bool(catch)
                state = state.scope.owner
            if not caught:
                yield Violation(
                    task.resource_node,
                    f"a failed or stopped {_JOBS[task.operation or '']} fails the whole execution here; add a "
                    f"Catch (e.g. on States.TaskFailed) that cleans up or reports",
                )


class SyncResultSize(Rule):
    """## What it does
    Flags a ``.sync`` SageMaker job task that keeps the whole job description as its result:
    no ``ResultSelector`` and no ``"ResultPath": null`` (JSONata: no ``Output``).  Off by
    default.

    ## Why is this bad?
    The result of a ``.sync`` job task is the ``Describe…Job`` response: hyperparameters,
    channels, status history, metrics.  It grows with the request (100 hyperparameters of up to
    2,500 characters alone approach the limit) and counts against the 256 KiB that a state's
    input and output may hold; beyond it the execution fails with
    ``States.DataLimitExceeded``, which no Catcher handles.  Keep only what later states read.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "ResultSelector": {"ModelArtifacts.$": "$.ModelArtifacts.S3ModelArtifacts",
       "TrainingJobName.$": "$.TrainingJobName"},
     "ResultPath": "$.training",
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Step Functions service quotas (256 KiB of input or output)
    - Step Functions Developer Guide: Create and manage Amazon SageMaker AI jobs with Step Functions
    """

    id = "CST009"
    name = "sync-result-size"
    severity = Severity.INFO
    source_url = _SFN + "service-quotas.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in _sync_jobs(machine):
            body = task.state.body
            if task.jsonata:
                if "Output" in body:
                    continue
                fix = "keep only what later states need with Output"
            else:
                if "ResultSelector" in body or ("ResultPath" in body and body["ResultPath"] is None):
                    continue
                fix = 'keep only what later states need with ResultSelector (or drop it with "ResultPath": null)'
            yield Violation(
                task.resource_node,
                f"the state's result is the whole description of the {_JOBS[task.operation or '']}, which can "
                f"approach the 256 KiB limit of a state's data; {fix}",
            )


# -- endpoints ------------------------------------------------------------------------------------


def _request_field(state: State) -> Any:
    body = state.body
    return body.get("Arguments" if state.query_language == "JSONata" else "Parameters")


def _literal_endpoint_name(state: State) -> str | None:
    request = _request_field(state)
    name = request.get("EndpointName") if isinstance(request, dict) else None
    if not isinstance(name, str) or is_jsonata(name) or is_placeholder(name):
        return None
    return name


def _uses_endpoint(state: State) -> bool:
    """A call that needs the endpoint to be ``InService``: ``sagemakerruntime:invokeEndpoint*``,
    or another ``updateEndpoint``."""
    resource = state.resource
    if resource is None or state.type != "Task":
        return False
    if resource.service == "sagemakerruntime":
        return (resource.action or "").startswith("invokeEndpoint")
    return resource.service == "sagemaker" and resource.action == "updateEndpoint"


def _may_wait(state: State) -> bool:
    """A state after which the endpoint may be ready: a ``describeEndpoint`` call, a callback, a
    Choice on ``EndpointStatus``, or a task whose waiting nobody can see (Lambda, activity,
    other services)."""
    if state.type == "Choice":
        return "EndpointStatus" in repr(state.body)
    if state.type != "Task":
        return False
    resource = state.resource
    if resource is None or resource.service not in ("sagemaker", "sagemakerruntime"):
        return True
    return resource.action == "describeEndpoint" or resource.pattern == "waitForTaskToken"


def _changes_endpoint(state: State) -> bool:
    """``createEndpoint`` or ``updateEndpoint``, in either integration form."""
    resource = state.resource
    return (
        resource is not None
        and resource.service == "sagemaker"
        and resource.action in ("createEndpoint", "updateEndpoint")
    )


def _successors(state: State, *, catch: bool = True) -> Iterator[State]:
    states = state.scope.states
    for path, target in state.targets():
        if not catch and "Catch" in path:
            continue
        if isinstance(target, str) and target in states:
            yield states[target]
    terminal = state.body.get("End") is True or state.type == "Succeed"
    if terminal and state.scope.owner is not None:
        # the branch or iteration ends: the run continues after the Parallel or Map
        yield from _successors(state.scope.owner)


def _unawaited_uses(creators: list[State]) -> Iterator[tuple[State, State]]:
    """``(creator, user)`` for the states that use an endpoint on some path from one of
    ``creators`` with nothing that waits in between.

    One search from all creators at once, each state visited once per endpoint name (a literal
    name, or ``None`` for one known only at run time, which covers every name): linear in the
    size of the machine however many endpoints it creates."""
    queue: deque[tuple[State, State, str | None]] = deque()
    for creator in creators:
        name = _literal_endpoint_name(creator)
        queue.extend((state, creator, name) for state in _successors(creator, catch=False))
    seen: dict[tuple[Any, ...], set[str | None]] = {}
    while queue:
        state, creator, name = queue.popleft()
        names = seen.setdefault(state.path, set())
        if None in names or name in names:
            continue
        names.add(name)
        if state is not creator and _uses_endpoint(state):
            used = _literal_endpoint_name(state)
            if name is None or used is None or used == name:
                yield creator, state
        if _may_wait(state):
            continue
        if _changes_endpoint(state) and state is not creator:
            other = _literal_endpoint_name(state)
            if name is None or other is None or other == name:
                continue  # a later change of (perhaps) the same endpoint is a creator of its own
        if state.scopes:
            for scope in state.scopes:
                start = scope.start_at
                if start is not None and start in scope.states:
                    queue.append((scope.states[start], creator, name))
        else:
            queue.extend((after, creator, name) for after in _successors(state))


class EndpointNotAwaited(Rule):
    """## What it does
    Flags a state that invokes a SageMaker endpoint (``aws-sdk:sagemakerruntime:invokeEndpoint``
    and its variants) or updates it, on a path right after ``createEndpoint`` or
    ``updateEndpoint`` with nothing that waits for the endpoint in between — no
    ``aws-sdk:sagemaker:describeEndpoint`` loop, no callback, no Lambda function.

    ## Why is this bad?
    ``createEndpoint`` and ``updateEndpoint`` return as soon as SageMaker accepts the request,
    while the endpoint is still ``Creating`` or ``Updating`` (usually for several minutes); they
    have no ``.sync`` pattern.  An invocation then fails with a ``ValidationException``, and an
    update with "Cannot update in-progress endpoint".  Poll ``describeEndpoint`` with a Wait and
    a Choice on ``EndpointStatus`` until it is ``InService``.

    ## Example
    ```json
    {"StartAt": "Deploy",
     "States": {
       "Deploy": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpoint",
         "Parameters": {"EndpointName": "churn", "EndpointConfigName.$": "$.EndpointConfigName"},
         "ResultPath": null, "Next": "Score"},
       "Score": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sagemakerruntime:invokeEndpoint",
         "Parameters": {"EndpointName": "churn", "ContentType": "text/csv", "Body.$": "$.Sample"},
         "End": true}}}
    ```

    Use instead:
    ```json
    {"StartAt": "Deploy",
     "States": {
       "Deploy": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpoint",
         "Parameters": {"EndpointName": "churn", "EndpointConfigName.$": "$.EndpointConfigName"},
         "ResultPath": null, "Next": "Describe"},
       "Describe": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sagemaker:describeEndpoint",
         "Parameters": {"EndpointName": "churn"}, "ResultPath": "$.Endpoint", "Next": "Ready?"},
       "Ready?": {"Type": "Choice",
         "Choices": [
           {"Variable": "$.Endpoint.EndpointStatus", "StringEquals": "InService", "Next": "Score"},
           {"Variable": "$.Endpoint.EndpointStatus", "StringEquals": "Failed", "Next": "Deploy failed"}],
         "Default": "Wait"},
       "Wait": {"Type": "Wait", "Seconds": 60, "Next": "Describe"},
       "Deploy failed": {"Type": "Fail", "Error": "EndpointFailed"},
       "Score": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sagemakerruntime:invokeEndpoint",
         "Parameters": {"EndpointName": "churn", "ContentType": "text/csv", "Body.$": "$.Sample"},
         "End": true}}}
    ```

    ## References
    - SageMaker API Reference: CreateEndpoint ("the endpoint status is Creating. After it is InService ...")
    - Step Functions Developer Guide: Create and manage Amazon SageMaker AI jobs with Step Functions
    """

    id = "CST010"
    name = "endpoint-not-awaited"
    severity = Severity.WARNING
    source_url = _SM_API + "API_CreateEndpoint.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        users = [state for state in machine.states if state.type == "Task" and _uses_endpoint(state)]
        if not users:
            return
        # only the endpoints something uses need a search (keeps many deployments cheap)
        used = {_literal_endpoint_name(state) for state in users}
        creators = [
            task.state
            for task in sagemaker_tasks(machine)
            if task.operation in ("CreateEndpoint", "UpdateEndpoint")
            and (None in used or _literal_endpoint_name(task.state) in used | {None})
        ]
        reported: set[tuple[Any, ...]] = set()
        for creator, user in _unawaited_uses(creators):
            if user.path in reported:
                continue
            reported.add(user.path)
            creates = creator.resource is not None and creator.resource.action == "createEndpoint"
            verb, status = ("creates", "Creating") if creates else ("updates", "Updating")
            node = user.field("Resource")
            assert node is not None
            yield Violation(
                node,
                f"state {user.name!r} uses the endpoint that {creator.name!r} {verb}, "
                f"but nothing waits for it in between and it is still {status}; poll "
                f"aws-sdk:sagemaker:describeEndpoint with a Wait and a Choice until EndpointStatus is InService",
            )


# -- fan-out and long-running jobs ---------------------------------------------------------------------

#: The Map default for a distributed Map without MaxConcurrency (Step Functions Developer Guide, "Map state").
_DISTRIBUTED_DEFAULT = 10_000


def _starts_compute(operation: str | None) -> bool:
    return operation is not None and (
        operation == "CreateEndpoint" or (operation.startswith("Create") and operation.endswith("Job"))
    )


class MapFanoutUnbounded(Rule):
    """## What it does
    Flags a Map state without a ``MaxConcurrency`` (or with ``0``) around a SageMaker task that
    starts a job or an endpoint.

    ## Why is this bad?
    An inline Map then runs its iterations in parallel as far as Step Functions allows, and a
    distributed Map up to 10,000 at once.  SageMaker accounts have small quotas for concurrent
    jobs and instances of each type; the surplus iterations fail with
    ``ResourceLimitExceeded`` (or retry in lockstep).  Set ``MaxConcurrency`` to what the
    quotas allow.

    ## Example
    ```json
    {"Type": "Map", "ItemsPath": "$.Datasets", "End": true,
     "ItemSelector": {"Dataset.$": "$$.Map.Item.Value", "Index.$": "$$.Map.Item.Index"},
     "ItemProcessor": {"StartAt": "Train", "States": {"Train": {"Type": "Task",
       "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
       "Parameters": {"TrainingJobName.$": "States.Format('train-{}-{}', $$.Execution.Name, $.Index)",
         "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
       "End": true}}}}
    ```

    Use instead:
    ```json
    {"Type": "Map", "ItemsPath": "$.Datasets", "MaxConcurrency": 4, "End": true,
     "ItemSelector": {"Dataset.$": "$$.Map.Item.Value", "Index.$": "$$.Map.Item.Index"},
     "ItemProcessor": {"StartAt": "Train", "States": {"Train": {"Type": "Task",
       "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
       "Parameters": {"TrainingJobName.$": "States.Format('train-{}-{}', $$.Execution.Name, $.Index)",
         "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
       "End": true}}}}
    ```

    ## References
    - SageMaker Developer Guide: Amazon SageMaker endpoints and quotas
    - Step Functions Developer Guide: Map state (MaxConcurrency)
    """

    id = "CST012"
    name = "map-fanout-unbounded"
    severity = Severity.WARNING
    source_url = _SM_DG + "regions-quotas.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        reported: set[tuple[Any, ...]] = set()
        for task in sagemaker_tasks(machine):
            if not _starts_compute(task.operation):
                continue
            for map_state in _enclosing_maps(task.state):
                if map_state.path in reported or "MaxConcurrencyPath" in map_state.body:
                    continue
                node = map_state.field("MaxConcurrency")
                if node is not None and _integer(node.value) != 0:
                    continue
                reported.add(map_state.path)
                what = f"up to {_DISTRIBUTED_DEFAULT:,} iterations" if _distributed(map_state) else "all its iterations"
                yield Violation(
                    node if node is not None else map_state.node,
                    f"Map {map_state.name!r} sets no MaxConcurrency, so it runs {what} at once and each calls "
                    f"SageMaker {task.operation} in state {task.state.name!r}, beyond the account's quotas; set "
                    f"MaxConcurrency to what the quotas allow",
                    on_key=node is None,
                )


class StreamingLabelingSync(Rule):
    """## What it does
    Flags ``createLabelingJob.sync`` for a streaming labeling job (``InputConfig.DataSource``
    with ``SnsDataSource``).

    ## Why is this bad?
    A streaming labeling job "runs perpetually until it is manually stopped, or remains idle for
    10 days".  A ``.sync`` task waits for the job to end, so the execution sits in this state for
    days at least.  Start streaming jobs request-response (without ``.sync``) and stop them
    separately.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "label",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"SnsDataSource": {
         "SnsTopicArn": "arn:aws:sns:us-east-1:123456789012:labeling-input"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/team",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/ui/template.liquid"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
         "TaskTitle": "Classify images", "TaskDescription": "Pick the category of each image",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300,
         "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn":
           "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "label",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"SnsDataSource": {
         "SnsTopicArn": "arn:aws:sns:us-east-1:123456789012:labeling-input"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/team",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/ui/template.liquid"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
         "TaskTitle": "Classify images", "TaskDescription": "Pick the category of each image",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300,
         "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn":
           "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateLabelingJob (streaming labeling jobs)
    """

    id = "CST013"
    name = "streaming-labeling-sync"
    severity = Severity.WARNING
    source_url = _SM_API + "API_CreateLabelingJob.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in _sync_jobs(machine):
            if task.operation != "CreateLabelingJob" or task.request is None:
                continue
            sns = task.request.get("InputConfig", "DataSource", "SnsDataSource")
            if sns is not None:
                yield Violation(
                    sns.node,
                    "a labeling job with SnsDataSource streams until it is stopped or idle for 10 days, and .sync "
                    "waits that long; start it without .sync and stop it in its own state",
                    on_key=True,
                )


class WarmPoolBilling(Rule):
    """## What it does
    Flags a training job that keeps its instances in a warm pool
    (``ResourceConfig.KeepAlivePeriodInSeconds`` above 0).

    ## Why is this bad?
    The instances of a warm pool are billed while they wait for the next job, and the default
    warm-pool quota of an account is 0 instances, so without a quota increase the setting does
    nothing.  Use it where a next job with the same configuration does come, after asking for
    the quota.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30,
         "KeepAlivePeriodInSeconds": 1800},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: SageMaker AI Managed Warm Pools (billing, resource limits)
    """

    id = "CST015"
    name = "warm-pool-billing"
    severity = Severity.INFO
    source_url = _SM_DG + "train-warm-pools.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateTrainingJob"):
            keep = request.get("ResourceConfig", "KeepAlivePeriodInSeconds")
            seconds = static_number(keep)
            if keep is not None and seconds is not None and seconds > 0:
                yield Violation(
                    keep.node,
                    f"KeepAlivePeriodInSeconds {plain(seconds)} keeps the instances billed for that long after "
                    f"the job, and the account's warm-pool quota is 0 unless raised; set it only when a next job "
                    f"reuses the pool",
                )


#: Built-in algorithms that checkpoint, so they can resume after a spot interruption
#: (SageMaker Developer Guide, "Checkpoints in Amazon SageMaker AI").
_CHECKPOINTING_BUILTINS = ("image-classification", "object-detection", "semantic-segmentation", "sagemaker-xgboost")
_IMAGE_REPOSITORY = re.compile(r"[^/]+\.amazonaws\.com(?:\.cn)?/([^:@]+)")
#: Jobs shorter than this gain little from spot (an interruption costs a restart).
_ONE_HOUR = 3600


class SpotCandidate(Rule):
    """## What it does
    Flags an on-demand training job that could use managed spot training: it may run longer
    than an hour and it checkpoints (``CheckpointConfig`` is set, or the image is a built-in
    algorithm that checkpoints).  Off by default.

    ## Why is this bad?
    Managed spot training "can optimize the cost of training models up to 90% over on-demand
    instances"; with checkpoints an interrupted job resumes instead of starting over.  Set
    ``EnableManagedSpotTraining`` and a ``MaxWaitTimeInSeconds`` at least as long as
    ``MaxRuntimeInSeconds``.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "ResourceConfig": {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 28800}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "CheckpointConfig": {"S3Uri": "s3://example-bucket/checkpoints/"},
       "EnableManagedSpotTraining": true,
       "ResourceConfig": {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 28800, "MaxWaitTimeInSeconds": 43200}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Managed Spot Training in Amazon SageMaker AI
    - SageMaker Developer Guide: Checkpoints in Amazon SageMaker AI
    """

    id = "CST016"
    name = "spot-candidate"
    severity = Severity.INFO
    source_url = _SM_DG + "model-managed-spot-training.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateTrainingJob"):
            spot = request.get("EnableManagedSpotTraining")
            if spot is not None and spot.boolean is not False:
                continue  # on, or decided at run time
            runtime = request.get("StoppingCondition", "MaxRuntimeInSeconds")
            seconds = static_number(runtime)
            if runtime is None or seconds is None or seconds <= _ONE_HOUR:
                continue
            resources = request.get("ResourceConfig")
            if resources is None or not resources.is_object or resources.has("InstancePreferences"):
                continue  # instance preferences exclude spot
            if (static_number(resources.get("KeepAlivePeriodInSeconds")) or 0) > 0:
                continue  # warm pools exclude spot
            if not request.has("CheckpointConfig") and not _checkpointing_builtin(request):
                continue
            yield Violation(
                spot.node if spot is not None else runtime.node,
                f"this on-demand training job may run {plain(seconds)} s and checkpoints, so managed spot "
                f"training could cut its cost by up to 90%; set EnableManagedSpotTraining to true with a "
                f"MaxWaitTimeInSeconds of at least {plain(seconds)}",
            )


def _checkpointing_builtin(request: Value) -> bool:
    image = request.get("AlgorithmSpecification", "TrainingImage")
    text = image.string if image is not None else None
    match = _IMAGE_REPOSITORY.search(text) if text else None
    return match is not None and match.group(1) in _CHECKPOINTING_BUILTINS


class UnboundedJob(Rule):
    """## What it does
    Flags a processing job without ``StoppingCondition`` and a ``.sync`` transform job task
    without ``TimeoutSeconds``.

    ## Why is this bad?
    Without ``StoppingCondition`` nothing in the request limits how long a processing job runs
    (and bills) if its code hangs; a transform job has no runtime limit at all, so only the
    state's ``TimeoutSeconds`` ends a ``.sync`` wait for one that is stuck.  Give each a bound
    that matches the data.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 7200}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProcessingStoppingCondition
    - SageMaker API Reference: CreateTransformJob
    """

    id = "CST017"
    name = "unbounded-job"
    severity = Severity.INFO
    source_url = _SM_API + "API_ProcessingStoppingCondition.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            if task.operation == "CreateProcessingJob" and task.request is not None:
                if not task.request.has("StoppingCondition"):
                    yield Violation(
                        task.request.node,
                        "the processing job has no StoppingCondition, so nothing limits how long it runs; add "
                        "StoppingCondition.MaxRuntimeInSeconds",
                        on_key=True,
                    )
            elif (
                task.operation == "CreateTransformJob"
                and task.optimized
                and task.pattern == "sync"
                and "TimeoutSeconds" not in task.state.body
                and "TimeoutSecondsPath" not in task.state.body
            ):
                yield Violation(
                    task.resource_node,
                    "a transform job has no runtime limit of its own and this .sync state sets no TimeoutSeconds, "
                    "so a stuck job is waited for up to the execution's limit; add TimeoutSeconds",
                )


#: Default quota of parallel training jobs of one tuning job (SageMaker Developer Guide,
#: "Resource Limits for Automatic Model Tuning").
_PARALLEL_DEFAULT = 10


class TuningParallelOverDefault(Rule):
    """## What it does
    Flags a tuning job with ``ResourceLimits.MaxParallelTrainingJobs`` above 10.

    ## Why is this bad?
    By default a tuning job may run at most 10 training jobs at once; more needs a quota
    increase, without which SageMaker refuses the request.  (Bayesian search also learns less
    from each round when many jobs run in parallel.)

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "States.Hash($$.Execution.Name, 'MD5')",
       "HyperParameterTuningJobConfig": {"Strategy": "Random",
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 100, "MaxParallelTrainingJobs": 50},
         "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "validation:rmse"}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "States.Hash($$.Execution.Name, 'MD5')",
       "HyperParameterTuningJobConfig": {"Strategy": "Random",
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 100, "MaxParallelTrainingJobs": 10},
         "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "validation:rmse"}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Resource Limits for Automatic Model Tuning
    """

    id = "CST018"
    name = "tuning-parallel-over-default"
    severity = Severity.INFO
    source_url = _SM_DG + "automatic-model-tuning-limits.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateHyperParameterTuningJob"):
            parallel = request.get("HyperParameterTuningJobConfig", "ResourceLimits", "MaxParallelTrainingJobs")
            count = static_number(parallel)
            if parallel is not None and count is not None and count > _PARALLEL_DEFAULT:
                yield Violation(
                    parallel.node,
                    f"MaxParallelTrainingJobs {plain(count)} is above the default quota of {_PARALLEL_DEFAULT} "
                    f"parallel training jobs per tuning job; lower it or make sure the account's quota was raised",
                )


RULES: list[type[Rule]] = [
    StaticResourceName,
    RetryReusesName,
    ResourceLimitNotRetried,
    RetryGenericSagemakerException,
    UnboundedRetryDelay,
    TaskTimeoutBelowJobBound,
    HeartbeatOnSync,
    SyncWithoutCatch,
    SyncResultSize,
    EndpointNotAwaited,
    ExecutionTimeoutBelowJob,
    MapFanoutUnbounded,
    StreamingLabelingSync,
    ExecutionNameAsJobName,
    WarmPoolBilling,
    SpotCandidate,
    UnboundedJob,
    TuningParallelOverDefault,
]
