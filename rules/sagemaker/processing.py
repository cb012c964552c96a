"""SMX3xx: cross-field rules of CreateProcessingJob that botocore's model cannot express.

Also home of two small helpers the other SMX modules share: :func:`given` and
:func:`possibly_given` (whether a member is sent), and the table of instance families whose
storage is local NVMe (:data:`~asllint_rules.sagemaker.model.INSTANCE_STORE_FAMILIES`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.sagemaker.model import has_instance_store
from asllint_rules.sagemaker.request import given, possibly_given, requests, static_string

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint_rules.sagemaker.request import Value

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"

#: Where a processing container finds its inputs and leaves its outputs.
PROCESSING_ROOT = "/opt/ml/processing/"


def volume_kms_on_instance_store(resources: Value | None, what: str) -> Iterator[Violation]:
    """A violation when ``resources`` (a cluster or transform resources object) sets a volume
    KMS key for an instance type with local storage."""
    if resources is None:
        return
    instance_type = static_string(resources.get("InstanceType"))
    key = resources.get("VolumeKmsKeyId")
    if has_instance_store(instance_type) and given(key):
        yield Violation(
            key.node,
            f"{instance_type} has local NVMe instance storage, which the instance encrypts itself, and SageMaker "
            f"refuses a VolumeKmsKeyId for it; remove VolumeKmsKeyId from {what} or choose a type without "
            f"instance storage",
            on_key=True,
        )


def _suggest_local_path(text: str) -> str:
    """A path under :data:`PROCESSING_ROOT` for a ``LocalPath`` that is not."""
    if ("/" + text.lstrip("/")).startswith(PROCESSING_ROOT):
        return "/" + text.lstrip("/")
    last = text.rstrip("/").rsplit("/", 1)[-1]
    return PROCESSING_ROOT + (last if last and last != "processing" else "data")


def _inputs(request: Value) -> Iterator[Value]:
    inputs = request.get("ProcessingInputs")
    if inputs is not None:
        yield from (item for item in inputs.items() if item.is_object)


def _outputs(request: Value) -> Iterator[Value]:
    outputs = request.get("ProcessingOutputConfig", "Outputs")
    if outputs is not None:
        yield from (item for item in outputs.items() if item.is_object)


class ProcessingCluster(Rule):
    """## What it does
    Checks how a processing cluster names its instances when it lists ``InstancePreferences``:
    ``InstanceType`` must then be left out, and the instance count must be given exactly one
    way — either ``InstanceCount`` in ``ClusterConfig`` and on no preference, or
    ``InstanceCount`` on every preference and not in ``ClusterConfig``.

    ## Why is this bad?
    The API documents ``InstancePreferences`` as mutually exclusive with ``InstanceType``, and
    SageMaker "rejects requests that set InstanceCount on only some preferences, that set it
    both per preference and in ProcessingClusterConfig, or that omit it in both places".  The
    execution fails when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "InstancePreferences": [{"InstanceType": "ml.m5.xlarge"}, {"InstanceType": "ml.m5.2xlarge"}],
         "VolumeSizeInGB": 30}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1,
         "InstancePreferences": [{"InstanceType": "ml.m5.xlarge"}, {"InstanceType": "ml.m5.2xlarge"}],
         "VolumeSizeInGB": 30}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProcessingClusterConfig, ProcessingInstancePreference
    """

    id = "SMX301"
    name = "processing-cluster"
    severity = Severity.ERROR
    source_url = _API + "API_ProcessingClusterConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateProcessingJob"):
            cluster = request.get("ProcessingResources", "ClusterConfig")
            preferences = cluster.get("InstancePreferences") if cluster is not None else None
            if cluster is None or not given(preferences):
                continue
            instance_type = cluster.get("InstanceType")
            if given(instance_type):
                yield Violation(
                    instance_type.node,
                    "InstancePreferences is mutually exclusive with InstanceType; remove InstanceType and list "
                    "every acceptable type in InstancePreferences",
                    on_key=True,
                )
            items = list(preferences.items())
            if not preferences.is_array or not items or not all(item.is_object for item in items):
                continue
            cluster_count = cluster.get("InstanceCount")
            counts = [item.get("InstanceCount") for item in items]
            with_count = [count for count in counts if given(count)]
            without_count = [item for item, count in zip(items, counts, strict=True) if not possibly_given(count)]
            if with_count and given(cluster_count):
                yield Violation(
                    with_count[0].node,
                    "InstanceCount is set both in ClusterConfig and on a preference; set it in one place only",
                    on_key=True,
                )
            elif with_count and without_count:
                yield Violation(
                    without_count[0].node,
                    "InstanceCount is set on some InstancePreferences but not on this one; set it on every "
                    "preference or only once in ClusterConfig",
                )
            elif len(without_count) == len(items) and not possibly_given(cluster_count):
                yield Violation(
                    preferences.node,
                    "no InstanceCount is given; set InstanceCount in ClusterConfig or on every preference",
                    on_key=True,
                )


class ProcessingGzipNeedsPipe(Rule):
    """## What it does
    Flags a processing input with ``S3CompressionType: Gzip`` whose ``S3InputMode`` is not
    ``Pipe`` (an absent mode means File).

    ## Why is this bad?
    "Gzip can only be used when Pipe mode is specified as the S3InputMode": SageMaker refuses
    the request when the state runs.  In File mode the data is copied as it is; decompress it
    in the container instead, or stream it in Pipe mode.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "ProcessingInputs": [{"InputName": "raw", "S3Input": {"S3Uri": "s3://example-bucket/raw/",
         "LocalPath": "/opt/ml/processing/input", "S3DataType": "S3Prefix", "S3InputMode": "File",
         "S3CompressionType": "Gzip"}}],
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
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
       "ProcessingInputs": [{"InputName": "raw", "S3Input": {"S3Uri": "s3://example-bucket/raw/",
         "LocalPath": "/opt/ml/processing/input", "S3DataType": "S3Prefix", "S3InputMode": "Pipe",
         "S3CompressionType": "Gzip"}}],
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProcessingS3Input
    """

    id = "SMX302"
    name = "processing-gzip-needs-pipe"
    severity = Severity.ERROR
    source_url = _API + "API_ProcessingS3Input.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateProcessingJob"):
            for item in _inputs(request):
                s3 = item.get("S3Input")
                compression = s3.get("S3CompressionType") if s3 is not None else None
                if s3 is None or compression is None or compression.string != "Gzip":
                    continue
                mode = s3.get("S3InputMode")
                if mode is not None and (mode.dynamic or mode.string == "Pipe"):
                    continue
                shown = mode.string if mode is not None and mode.string is not None else "File (the default)"
                yield Violation(
                    compression.node,
                    f"S3CompressionType Gzip works only in Pipe mode, but S3InputMode is {shown}; set S3InputMode "
                    f"to Pipe or S3CompressionType to None",
                )


class ProcessingLocalPath(Rule):
    """## What it does
    Checks the ``LocalPath`` of processing inputs (``S3Input``, ``DatasetDefinition``) and
    outputs (``S3Output``): it must begin with ``/opt/ml/processing/``, and it must be given
    unless the input or output sets ``AppManaged: true``.

    ## Why is this bad?
    SageMaker mounts inputs and collects outputs only under ``/opt/ml/processing/`` ("For both
    ProcessingInput and ProcessingOutput, the path in the processing container must begin with
    /opt/ml/processing/"), and "LocalPath is a required parameter when AppManaged is False
    (default)".  The request is refused when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "ProcessingInputs": [{"InputName": "raw", "S3Input": {"S3Uri": "s3://example-bucket/raw/",
         "LocalPath": "/data/raw", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
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
       "ProcessingInputs": [{"InputName": "raw", "S3Input": {"S3Uri": "s3://example-bucket/raw/",
         "LocalPath": "/opt/ml/processing/raw", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: How SageMaker Processing Configures Input and Output For Your Processing Container
    - SageMaker API Reference: ProcessingS3Input, DatasetDefinition, ProcessingS3Output
    """

    id = "SMX303"
    name = "processing-local-path"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/sagemaker/latest/dg/byoc-input-and-output.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateProcessingJob"):
            for item in _inputs(request):
                yield from self._check(item, ("S3Input", "DatasetDefinition"))
            for item in _outputs(request):
                yield from self._check(item, ("S3Output",))

    @staticmethod
    def _check(item: Value, members: tuple[str, ...]) -> Iterator[Violation]:
        app_managed = item.get("AppManaged")
        managed_by_sagemaker = app_managed is None or app_managed.boolean is False or app_managed.value is None
        for member in members:
            source = item.get(member)
            if source is None or not source.is_object:
                continue
            path = source.get("LocalPath")
            text = static_string(path)
            if path is not None and text is not None and not text.startswith(PROCESSING_ROOT):
                yield Violation(
                    path.node,
                    f"LocalPath {text!r} is not under {PROCESSING_ROOT}; SageMaker accepts only paths that begin "
                    f"with it, e.g. {_suggest_local_path(text)!r}",
                )
            elif not possibly_given(path) and managed_by_sagemaker:
                yield Violation(
                    source.node,
                    f"{member} has no LocalPath; give the directory under {PROCESSING_ROOT} where SageMaker "
                    f"{'downloads the input' if member != 'S3Output' else 'collects the output'}, "
                    f"or set AppManaged to true",
                    on_key=True,
                )


class ProcessingVolumeKmsOnInstanceStore(Rule):
    """## What it does
    Flags a processing cluster that sets ``VolumeKmsKeyId`` for an instance type with local
    NVMe instance storage (families such as ``g4dn``, ``g5``, ``m5d``, ``p4d``, ``trn1``).

    ## Why is this bad?
    On these instance types SageMaker uses the local storage, which the instance encrypts with
    a hardware module, and "You can't request a VolumeKmsKeyId when using an instance type with
    local storage": the request is refused when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30, "VolumeKmsKeyId": "alias/sagemaker-volumes"}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProcessingClusterConfig
    - Amazon EC2 User Guide: Instance store volumes
    """

    id = "SMX304"
    name = "processing-volume-kms-on-instance-store"
    severity = Severity.ERROR
    source_url = _API + "API_ProcessingClusterConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateProcessingJob"):
            cluster = request.get("ProcessingResources", "ClusterConfig")
            yield from volume_kms_on_instance_store(cluster, "ClusterConfig")


class ProcessingDuplicateNames(Rule):
    """## What it does
    Flags two processing inputs with the same ``InputName``, or two outputs with the same
    ``OutputName``.

    ## Why is this bad?
    The names identify inputs and outputs in the job description, in the Describe response
    that a ``.sync`` task returns and in the processing container's configuration; two entries
    of one name are ambiguous, and the usual cause is an entry copied and not renamed.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "ProcessingOutputConfig": {"Outputs": [
         {"OutputName": "train", "S3Output": {"S3Uri": "s3://example-bucket/train/",
           "LocalPath": "/opt/ml/processing/train", "S3UploadMode": "EndOfJob"}},
         {"OutputName": "train", "S3Output": {"S3Uri": "s3://example-bucket/test/",
           "LocalPath": "/opt/ml/processing/test", "S3UploadMode": "EndOfJob"}}]},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
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
       "ProcessingOutputConfig": {"Outputs": [
         {"OutputName": "train", "S3Output": {"S3Uri": "s3://example-bucket/train/",
           "LocalPath": "/opt/ml/processing/train", "S3UploadMode": "EndOfJob"}},
         {"OutputName": "test", "S3Output": {"S3Uri": "s3://example-bucket/test/",
           "LocalPath": "/opt/ml/processing/test", "S3UploadMode": "EndOfJob"}}]},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProcessingInput, ProcessingOutput
    """

    id = "SMX305"
    name = "processing-duplicate-names"
    severity = Severity.WARNING
    source_url = _API + "API_ProcessingInput.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateProcessingJob"):
            yield from self._duplicates(_inputs(request), "InputName", "input")
            yield from self._duplicates(_outputs(request), "OutputName", "output")

    @staticmethod
    def _duplicates(items: Iterator[Value], member: str, what: str) -> Iterator[Violation]:
        seen: set[str] = set()
        for item in items:
            name = item.get(member)
            text = static_string(name)
            if name is None or text is None:
                continue
            if text in seen:
                yield Violation(
                    name.node,
                    f"another {what} is already named {text!r}; give every {what} its own {member}",
                )
            seen.add(text)


class ProcessingIoExactlyOne(Rule):
    """## What it does
    Checks that every processing input has exactly one of ``S3Input`` and
    ``DatasetDefinition``, and every output exactly one of ``S3Output`` and
    ``FeatureStoreOutput``; a ``FeatureStoreOutput`` also needs ``AppManaged: true``.

    ## Why is this bad?
    The API says "The processing input must specify exactly one of either S3Input or
    DatasetDefinition types", likewise for outputs, and that a Feature Store output "is only
    supported when AppManaged is specified".  The model marks none of these members as
    required, so the request shape looks valid, yet SageMaker refuses it when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "ProcessingInputs": [{"InputName": "raw"}],
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
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
       "ProcessingInputs": [{"InputName": "raw", "S3Input": {"S3Uri": "s3://example-bucket/raw/",
         "LocalPath": "/opt/ml/processing/raw", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProcessingInput, ProcessingOutput
    """

    id = "SMX306"
    name = "processing-io-exactly-one"
    severity = Severity.ERROR
    source_url = _API + "API_ProcessingOutput.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateProcessingJob"):
            for item in _inputs(request):
                yield from self._exactly_one(item, "input", "S3Input", "DatasetDefinition")
            for item in _outputs(request):
                problems = list(self._exactly_one(item, "output", "S3Output", "FeatureStoreOutput"))
                yield from problems
                feature_store, app_managed = item.get("FeatureStoreOutput"), item.get("AppManaged")
                if problems:
                    continue
                if given(feature_store) and (app_managed is None or app_managed.boolean is False):
                    yield Violation(
                        feature_store.node,
                        "FeatureStoreOutput is supported only when the output sets AppManaged to true; "
                        "add AppManaged: true or write to S3Output",
                        on_key=True,
                    )

    @staticmethod
    def _exactly_one(item: Value, what: str, first: str, second: str) -> Iterator[Violation]:
        one, other = item.get(first), item.get(second)
        if given(one) and given(other):
            yield Violation(
                other.node,
                f"a processing {what} takes exactly one of {first} and {second}; split it into two {what}s "
                f"or remove one",
                on_key=True,
            )
        elif not possibly_given(one) and not possibly_given(other):
            yield Violation(item.node, f"this processing {what} has neither {first} nor {second}; add one of them")


class ProcessingSharedLocalPath(Rule):
    """## What it does
    Flags two processing inputs, or an input and an output, that use the same ``LocalPath``.

    ## Why is this bad?
    Each input is downloaded into its own directory and each output is uploaded from its own
    directory.  Users report that SageMaker refuses a job whose inputs share a destination
    (an empty ``ValidationException`` message, support's answer: "each input should have the
    destination location unique") and one whose input and output paths are the same.  Two
    outputs may share a directory.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
         "VolumeSizeInGB": 30}},
       "ProcessingInputs": [
         {"InputName": "raw", "S3Input": {"S3Uri": "s3://example-bucket/raw/",
           "LocalPath": "/opt/ml/processing/input", "S3DataType": "S3Prefix", "S3InputMode": "File"}},
         {"InputName": "code", "S3Input": {"S3Uri": "s3://example-bucket/code/",
           "LocalPath": "/opt/ml/processing/input", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
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
       "ProcessingInputs": [
         {"InputName": "raw", "S3Input": {"S3Uri": "s3://example-bucket/raw/",
           "LocalPath": "/opt/ml/processing/input", "S3DataType": "S3Prefix", "S3InputMode": "File"}},
         {"InputName": "code", "S3Input": {"S3Uri": "s3://example-bucket/code/",
           "LocalPath": "/opt/ml/processing/input/code", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - aws/sagemaker-python-sdk#4939: Empty validation error when submitting a processing job
    - aws/sagemaker-python-sdk#1950: Processing job input and output cannot be the same
    """

    id = "SMX307"
    name = "processing-shared-local-path"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/sagemaker/latest/dg/byoc-input-and-output.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateProcessingJob"):
            inputs: dict[str, str] = {}
            for item in _inputs(request):
                for path in self._paths(item, ("S3Input", "DatasetDefinition")):
                    text = self._normal(path)
                    if text in inputs:
                        yield Violation(
                            path.node,
                            f"input {inputs[text]} is already downloaded to {text!r}; give every input "
                            f"its own LocalPath",
                        )
                    else:
                        inputs[text] = self._label(item)
            for item in _outputs(request):
                for path in self._paths(item, ("S3Output",)):
                    text = self._normal(path)
                    if text in inputs:
                        yield Violation(
                            path.node,
                            f"output LocalPath {text!r} is also where input {inputs[text]} is downloaded; "
                            f"write outputs to a directory of their own",
                        )

    @staticmethod
    def _paths(item: Value, members: tuple[str, ...]) -> Iterator[Value]:
        for member in members:
            path = item.get(member, "LocalPath")
            if path is not None and path.string is not None:
                yield path

    @staticmethod
    def _normal(path: Value) -> str:
        text = path.string or ""
        return text.rstrip("/") or text

    @staticmethod
    def _label(item: Value) -> str:
        name = static_string(item.get("InputName"))
        return repr(name) if name is not None else f"ProcessingInputs[{item.name}]"


RULES: list[type[Rule]] = [
    ProcessingCluster,
    ProcessingGzipNeedsPipe,
    ProcessingLocalPath,
    ProcessingVolumeKmsOnInstanceStore,
    ProcessingDuplicateNames,
    ProcessingIoExactlyOne,
    ProcessingSharedLocalPath,
]
