"""SMX4xx: cross-field rules of CreateTransformJob that botocore's model cannot express."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.sagemaker.processing import volume_kms_on_instance_store
from asllint_rules.sagemaker.request import requests, static_number

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_CREATE_TRANSFORM_JOB = _API + "API_CreateTransformJob.html"

#: "The value of MaxPayloadInMB cannot be greater than 100 MB", nor MaxConcurrentTransforms
#: times MaxPayloadInMB (CreateTransformJob).
MAX_PAYLOAD_MB = 100
#: "The default value is 1, and the maximum is 100" (TransformResources.InstanceCount).
MAX_TRANSFORM_INSTANCES = 100
#: A JSONPath over the state input: ``$`` alone or followed by ``.`` or ``[`` (not ``$$``, the
#: context object, nor ``$name``, a variable).
_STATE_INPUT_PATH = re.compile(r"\$(?:$|[.\[])")


class TransformPayload(Rule):
    """## What it does
    Flags a transform job whose ``MaxPayloadInMB`` is above 100, or whose
    ``MaxConcurrentTransforms`` times ``MaxPayloadInMB`` is above 100.

    ## Why is this bad?
    The API documents both limits: "The value of MaxPayloadInMB cannot be greater than 100 MB.
    If you specify the MaxConcurrentTransforms parameter, the value of (MaxConcurrentTransforms
    * MaxPayloadInMB) also cannot exceed 100 MB."  The model gives no maximum, so only the
    call, when the state runs, finds the mistake.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "MaxConcurrentTransforms": 8, "MaxPayloadInMB": 20,
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "MaxConcurrentTransforms": 4, "MaxPayloadInMB": 20,
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateTransformJob
    """

    id = "SMX401"
    name = "transform-payload"
    severity = Severity.ERROR
    source_url = _CREATE_TRANSFORM_JOB

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateTransformJob"):
            payload = request.get("MaxPayloadInMB")
            payload_mb = static_number(payload)
            if payload is not None and payload_mb is not None and payload_mb > MAX_PAYLOAD_MB:
                yield Violation(
                    payload.node,
                    f"MaxPayloadInMB is {payload_mb}; the maximum is {MAX_PAYLOAD_MB} MB, so lower it "
                    f"(records larger than that need HTTP chunked encoding, MaxPayloadInMB 0)",
                )
                continue
            concurrent = request.get("MaxConcurrentTransforms")
            requests_at_once = static_number(concurrent)
            if concurrent is None or requests_at_once is None or payload_mb is None:
                continue
            if requests_at_once > 0 and requests_at_once * payload_mb > MAX_PAYLOAD_MB:
                yield Violation(
                    concurrent.node,
                    f"MaxConcurrentTransforms {requests_at_once} x MaxPayloadInMB {payload_mb} is "
                    f"{requests_at_once * payload_mb} MB; the product may not exceed {MAX_PAYLOAD_MB} MB, so lower "
                    f"one of them",
                )


class TransformBatchNeedsSplit(Rule):
    """## What it does
    Flags a transform job with ``BatchStrategy: MultiRecord`` whose input is not split into
    records: ``TransformInput.SplitType`` is absent or ``None``.

    ## Why is this bad?
    "To enable the batch strategy, you must set the SplitType property to Line, RecordIO, or
    TFRecord."  Without a split type each S3 object is one record, so there is nothing to
    batch, and SageMaker refuses the combination when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName", "BatchStrategy": "MultiRecord",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/", "AssembleWith": "Line"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName", "BatchStrategy": "MultiRecord",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/", "AssembleWith": "Line"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateTransformJob (BatchStrategy), TransformInput (SplitType)
    """

    id = "SMX402"
    name = "transform-batch-needs-split"
    severity = Severity.ERROR
    source_url = _CREATE_TRANSFORM_JOB

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateTransformJob"):
            strategy = request.get("BatchStrategy")
            transform_input = request.get("TransformInput")
            if strategy is None or strategy.string != "MultiRecord" or transform_input is None:
                continue
            if not transform_input.is_object:
                continue
            split = transform_input.get("SplitType")
            if split is not None and (split.dynamic or split.string not in ("None", None)):
                continue
            shown = "None" if split is not None and split.string == "None" else "not set"
            yield Violation(
                strategy.node,
                f"BatchStrategy MultiRecord needs records to batch, but TransformInput.SplitType is {shown}; set "
                f"SplitType to Line, RecordIO or TFRecord, or use BatchStrategy SingleRecord",
            )


class TransformInstanceCount(Rule):
    """## What it does
    Flags a transform job that asks for more than 100 instances in
    ``TransformResources.InstanceCount``.

    ## Why is this bad?
    The API documents "The default value is 1, and the maximum is 100"; the model only sets
    the minimum, so the request looks valid until SageMaker refuses it when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 200}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 100}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: TransformResources
    """

    id = "SMX403"
    name = "transform-instance-count"
    severity = Severity.ERROR
    source_url = _API + "API_TransformResources.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateTransformJob"):
            count = request.get("TransformResources", "InstanceCount")
            number = static_number(count)
            if count is not None and number is not None and number > MAX_TRANSFORM_INSTANCES:
                yield Violation(
                    count.node,
                    f"InstanceCount is {number}; a transform job runs on at most {MAX_TRANSFORM_INSTANCES} "
                    f"instances, so lower it or split the input over several jobs",
                )


class TransformFilterEvaluatedBySfn(Rule):
    """## What it does
    Flags ``"InputFilter.$"`` or ``"OutputFilter.$"`` in a transform job's ``DataProcessing``
    whose value is a JSONPath over the state input such as ``"$[1:]"`` or ``"$.features"``.
    Paths whose text mentions a filter (``"$.inputFilter"``), context paths (``$$.``),
    variables and intrinsic functions are taken as deliberate and left alone.

    ## Why is this bad?
    ``InputFilter`` and ``OutputFilter`` are JSONPath expressions that *SageMaker* applies to
    each record.  The ``.$`` suffix makes *Step Functions* evaluate the expression against the
    state input instead and send the result, so the job gets the wrong filter, or the state
    fails with ``States.Runtime`` when the path does not match the input.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/", "AssembleWith": "Line"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1},
       "DataProcessing": {"InputFilter.$": "$[1:]", "JoinSource": "Input"}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/", "AssembleWith": "Line"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1},
       "DataProcessing": {"InputFilter": "$[1:]", "JoinSource": "Input"}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: DataProcessing
    - Amazon States Language: Payload Template
    """

    id = "SMX404"
    name = "transform-filter-evaluated-by-sfn"
    severity = Severity.WARNING
    source_url = _API + "API_DataProcessing.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task, request in requests(machine, "CreateTransformJob"):
            if task.jsonata:
                continue
            processing = request.get("DataProcessing")
            if processing is None:
                continue
            for member in ("InputFilter", "OutputFilter"):
                value = processing.get(member)
                if value is None or not value.dynamic or not str(value.written_key).endswith(".$"):
                    continue
                path = value.value
                if not isinstance(path, str) or not _STATE_INPUT_PATH.match(path) or "filter" in path.lower():
                    continue
                yield Violation(
                    value.node,
                    f'"{member}.$" makes Step Functions evaluate {json.dumps(path)} against the state input, but '
                    f'the filter is for SageMaker to apply to each record; write "{member}": {json.dumps(path)}',
                    on_key=True,
                )


class TransformVolumeKmsOnInstanceStore(Rule):
    """## What it does
    Flags a transform job that sets ``TransformResources.VolumeKmsKeyId`` for an instance type
    with local NVMe instance storage (families such as ``g4dn``, ``g5``, ``g6``, ``p4d``,
    ``trn1``).

    ## Why is this bad?
    On these instance types the job uses the local storage, which the instance encrypts with a
    hardware module, and "You can't request a VolumeKmsKeyId when using an instance type with
    local storage": SageMaker refuses the request when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
       "TransformResources": {"InstanceType": "ml.g4dn.xlarge", "InstanceCount": 1,
         "VolumeKmsKeyId": "alias/sagemaker-volumes"}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "ContentType": "text/csv", "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
       "TransformResources": {"InstanceType": "ml.g4dn.xlarge", "InstanceCount": 1}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: TransformResources
    - Amazon EC2 User Guide: Instance store volumes
    """

    id = "SMX405"
    name = "transform-volume-kms-on-instance-store"
    severity = Severity.ERROR
    source_url = _API + "API_TransformResources.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateTransformJob"):
            yield from volume_kms_on_instance_store(request.get("TransformResources"), "TransformResources")


RULES: list[type[Rule]] = [
    TransformPayload,
    TransformBatchNeedsSplit,
    TransformInstanceCount,
    TransformFilterEvaluatedBySfn,
    TransformVolumeKmsOnInstanceStore,
]
