"""SEC: security policy for SageMaker tasks — VPC, network isolation, encryption in transit and
at rest, interactive access, public workforces, and secrets written into plain request fields.

Most of these are an organisation's choice, so they are opt-in: ``extend-select = ["SEC"]`` in
``[tool.asllint]`` (or ``--extend-select SEC``) turns them on.  Secrets in hyperparameters,
environment variables and tags (SEC006) are a mistake everywhere and are on by default.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.sagemaker.request import find_members, requests, sagemaker_tasks, static_number, static_string

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint_rules.sagemaker.request import Value

_SM_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_SM_DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"

#: Instance families whose instances have EBS storage only, no local NVMe instance store (EC2
#: instance-type documentation).  Families with an instance store (``c5d``, ``g4dn``, ``g5``,
#: ``p4d``, ``trn1`` ...) encrypt their storage with a hardware key and reject
#: ``VolumeKmsKeyId``; a family missing here is treated as unknown and never judged.
_EBS_ONLY = frozenset(
    {
        "c4", "c5", "c5n", "c6g", "c6gn", "c6i", "c6in", "c7g", "c7i", "c7i-flex", "c8g", "c8i", "c8i-flex",
        "inf1", "inf2", "m4", "m5", "m6g", "m6i", "m7i", "m7i-flex", "m8g", "m8i", "m8i-flex", "p2", "p3",
        "r5", "r6g", "r6i", "r7i", "r8g", "r8i", "r8i-flex", "t2", "t3",
    }
)  # fmt: skip


def _ebs_only(instance_type: str) -> bool:
    parts = instance_type.split(".")
    return len(parts) == 3 and parts[0] == "ml" and parts[1] in _EBS_ONLY


def _training_jobs(machine: StateMachine) -> Iterator[tuple[Value, str]]:
    """Every training-job configuration: the CreateTrainingJob requests and the training-job
    definitions of the tuning jobs, with what a message calls them."""
    for task, request in requests(machine, "CreateTrainingJob", "CreateHyperParameterTuningJob"):
        if task.operation == "CreateTrainingJob":
            yield request, "the training job"
            continue
        single = request.get("TrainingJobDefinition")
        if single is not None and single.is_object:
            yield single, "the tuning job's TrainingJobDefinition"
        several = request.get("TrainingJobDefinitions")
        if several is not None:
            for item in several.items():
                if item.is_object:
                    yield item, f"the tuning job's TrainingJobDefinitions[{item.name}]"


def _network_settings(machine: StateMachine) -> Iterator[tuple[Value | None, Value, str]]:
    """Where ``VpcConfig`` and ``EnableNetworkIsolation`` go: ``(the object that holds them, or
    None for a processing job without NetworkConfig; the object to point at when one is
    missing; what a message calls the job)``."""
    for job, label in _training_jobs(machine):
        yield job, job, label
    for _task, request in requests(machine, "CreateModel"):
        yield request, request, "the model"
    for _task, request in requests(machine, "CreateProcessingJob"):
        network = request.get("NetworkConfig")
        if network is None:
            yield None, request, "the processing job"
        elif network.is_object:
            yield network, network, "the processing job"


class JobOutsideVpc(Rule):
    """## What it does
    Flags a training job, the training-job definitions of a tuning job, a processing job
    (``NetworkConfig.VpcConfig``) and a model without ``VpcConfig``.  Off by default; turn the
    SEC rules on with ``extend-select = ["SEC"]``.

    ## Why is this bad?
    Without a VPC the job's containers run in a network that SageMaker manages, with access to
    the internet; data is read from S3 over public endpoints.  In a VPC with private subnets,
    security groups and VPC endpoints the organisation controls what the containers reach, and
    IAM policies can require it with the ``sagemaker:VpcSubnets`` condition key.

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
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
       "VpcConfig": {"SecurityGroupIds": ["sg-0123456789abcdef0"], "Subnets": ["subnet-0123456789abcdef0"]}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: VpcConfig
    - SageMaker Developer Guide: Give SageMaker AI training jobs access to resources in your Amazon VPC
    """

    id = "SEC001"
    name = "job-outside-vpc"
    severity = Severity.INFO
    source_url = _SM_API + "API_VpcConfig.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for holder, where, label in _network_settings(machine):
            if holder is None or not holder.has("VpcConfig"):
                yield Violation(
                    where.node,
                    f"{label} runs outside a VPC; add VpcConfig with private Subnets and SecurityGroupIds so that "
                    f"its containers reach only what your network allows",
                    on_key=True,
                )


class NetworkIsolationOff(Rule):
    """## What it does
    Flags a training job, the training-job definitions of a tuning job, a processing job
    (``NetworkConfig``) and a model whose ``EnableNetworkIsolation`` is absent or ``false``.
    Off by default; turn the SEC rules on with ``extend-select = ["SEC"]``.

    ## Why is this bad?
    Without network isolation the container can open connections to the internet (or, in a
    VPC, to anything the VPC reaches), so code or a dependency in the image can send data
    anywhere.  With isolation SageMaker still moves the input and output data, but the
    container itself has no network access.  IAM policies can require it with the
    ``sagemaker:NetworkIsolation`` condition key.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
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
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"},
       "EnableNetworkIsolation": true},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Run training and inference containers in internet-free mode
    - SageMaker API Reference: CreateTrainingJob, CreateModel, NetworkConfig (EnableNetworkIsolation)
    """

    id = "SEC002"
    name = "network-isolation-off"
    severity = Severity.INFO
    source_url = _SM_DG + "mkt-algo-model-internet-free.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for holder, where, label in _network_settings(machine):
            flag = holder.get("EnableNetworkIsolation") if holder is not None else None
            if flag is not None and flag.boolean is not False:
                continue  # on, or decided at run time
            yield Violation(
                flag.node if flag is not None else where.node,
                f"network isolation is off for {label}, so its container can connect to the internet; set "
                f"EnableNetworkIsolation to true",
                on_key=flag is None,
            )


def _instance_total(config: Value) -> tuple[int, Value | None]:
    """How many instances a resource configuration starts at least (as far as the counts are
    literals), and the count to point at when there is a single one."""
    count = config.get("InstanceCount")
    single = static_number(count)
    if count is not None:
        return int(single or 0), count
    groups = config.get("InstanceGroups")  # a heterogeneous cluster: all groups run together
    if groups is not None:
        return sum(int(static_number(g.get("InstanceCount")) or 0) for g in groups.items()), None
    alternatives = config.get("InstanceConfigs")  # a tuning job uses one of these at a time
    if alternatives is not None:
        return max((int(static_number(a.get("InstanceCount")) or 0) for a in alternatives.items()), default=0), None
    return 0, None


class InterContainerTrafficUnencrypted(Rule):
    """## What it does
    Flags a training job, a tuning job's training-job definition or a processing job that runs
    on more than one instance without ``EnableInterContainerTrafficEncryption: true``.  Off by
    default; turn the SEC rules on with ``extend-select = ["SEC"]``.

    ## Why is this bad?
    In distributed training and processing the instances exchange data (model parameters,
    shards of the data set) over the network, unencrypted unless this is set.  Encryption makes
    the job a little slower and costlier, which is why SageMaker leaves it off; a single
    instance has no such traffic and is not flagged.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 4, "VolumeSizeInGB": 30},
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
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 4, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
       "EnableInterContainerTrafficEncryption": true},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Protect communications between ML compute instances in a distributed training job
    - SageMaker API Reference: CreateTrainingJob (EnableInterContainerTrafficEncryption)
    """

    id = "SEC003"
    name = "inter-container-traffic-unencrypted"
    severity = Severity.WARNING
    source_url = _SM_DG + "train-encrypt.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        places: list[tuple[Value, Value, str]] = []
        for job, label in _training_jobs(machine):
            for name in ("ResourceConfig", "HyperParameterTuningResourceConfig"):
                resources = job.get(name)
                if resources is not None and resources.is_object:
                    places.append((job, resources, label))
        for _task, request in requests(machine, "CreateProcessingJob"):
            network = request.get("NetworkConfig")
            cluster = request.get("ProcessingResources", "ClusterConfig")
            if cluster is None or not cluster.is_object or (network is not None and not network.is_object):
                continue
            places.append((network if network is not None else request, cluster, "the processing job"))
        for holder, resources, label in places:
            flag = holder.get("EnableInterContainerTrafficEncryption")
            if flag is not None and flag.boolean is not False:
                continue  # on, or decided at run time
            total, count = _instance_total(resources)
            if total <= 1:
                continue
            where = " in NetworkConfig" if label == "the processing job" else ""
            yield Violation(
                count.node if count is not None else resources.node,
                f"{label} runs on {total} instances whose traffic to each other is not encrypted; set "
                f"EnableInterContainerTrafficEncryption to true{where}",
                on_key=count is None,
            )


def _express_one_zone(output: Value, member: str) -> bool:
    """Whether the output goes to an S3 Express One Zone directory bucket (``…--x-s3``), for
    which SageMaker does not support a KMS key."""
    uri = static_string(output.get(member))
    if uri is None:
        return False
    bucket = re.sub(r"^s3://", "", uri).split("/", 1)[0]
    return bucket.endswith("--x-s3")


class OutputWithoutKms(Rule):
    """## What it does
    Flags job and endpoint output without a customer managed KMS key (``KmsKeyId``): a training
    job's or tuning definition's ``OutputDataConfig``, a processing job's
    ``ProcessingOutputConfig``, a transform job's ``TransformOutput``, a labeling job's
    ``OutputConfig``, an endpoint configuration's ``DataCaptureConfig`` and asynchronous
    inference ``OutputConfig``.  Off by default; turn the SEC rules on with
    ``extend-select = ["SEC"]``.

    ## Why is this bad?
    Without ``KmsKeyId`` SageMaker encrypts the output with the default key of Amazon S3; the
    organisation then cannot restrict who may decrypt model artefacts and captured data with a
    key policy, nor revoke access by disabling the key.

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
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/",
         "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: OutputDataConfig, ProcessingOutputConfig, TransformOutput, DataCaptureConfig (KmsKeyId)
    - SageMaker Developer Guide: Protect data at rest using encryption
    """

    id = "SEC004"
    name = "output-without-kms"
    severity = Severity.INFO
    source_url = _SM_API + "API_OutputDataConfig.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        outputs: list[Value | None] = [job.get("OutputDataConfig") for job, _label in _training_jobs(machine)]
        for _task, request in requests(
            machine, "CreateProcessingJob", "CreateTransformJob", "CreateLabelingJob", "CreateEndpointConfig"
        ):
            outputs += [
                request.get("ProcessingOutputConfig"),
                request.get("TransformOutput"),
                request.get("OutputConfig"),
                request.get("DataCaptureConfig"),
                request.get("AsyncInferenceConfig", "OutputConfig"),
            ]
        for output in outputs:
            if output is None or not output.is_object or output.has("KmsKeyId"):
                continue
            if _express_one_zone(output, "S3OutputPath"):
                continue
            yield Violation(
                output.node,
                f"{output.name} has no KmsKeyId, so the output is encrypted only with the default S3 key; name a "
                f"customer managed KMS key",
                on_key=True,
            )


def _instance_types(*items: Value | None) -> list[str] | None:
    """The literal instance types of ``items`` (each an object with ``InstanceType``), or
    ``None`` when one of them is not known statically."""
    found = []
    for item in items:
        name = static_string(item.get("InstanceType")) if item is not None and item.is_object else None
        if name is None:
            return None
        found.append(name)
    return found


def _volume_configs(machine: StateMachine) -> Iterator[tuple[Value, list[str] | None]]:
    """``(configuration, instance types)`` of every compute resource with storage volumes; the
    types are ``None`` when not all of them are literals."""
    for job, _label in _training_jobs(machine):
        for name in ("ResourceConfig", "HyperParameterTuningResourceConfig"):
            config = job.get(name)
            if config is None or not config.is_object or config.has("InstancePreferences"):
                continue
            groups = config.get("InstanceGroups") or config.get("InstanceConfigs")
            if groups is not None:
                yield config, _instance_types(*groups.items()) if groups.is_array else None
            else:
                yield config, _instance_types(config)
    for _task, request in requests(machine, "CreateProcessingJob"):
        cluster = request.get("ProcessingResources", "ClusterConfig")
        if cluster is not None and cluster.is_object and not cluster.has("InstancePreferences"):
            yield cluster, _instance_types(cluster)
    for _task, request in requests(machine, "CreateTransformJob"):
        resources = request.get("TransformResources")
        if resources is not None and resources.is_object:
            yield resources, _instance_types(resources)
    for _task, request in requests(machine, "CreateEndpointConfig"):
        variants = request.get("ProductionVariants")
        if variants is None or not variants.is_array:
            continue
        items = list(variants.items())
        if any(v.has("ServerlessConfig") or v.has("InstancePools") for v in items if v.is_object):
            yield request, None  # serverless or pooled variants: not judged
        else:
            yield request, _instance_types(*items)


class VolumeWithoutKms(Rule):
    """## What it does
    Flags the storage volumes of training, tuning, processing and transform instances without
    ``VolumeKmsKeyId``, and an endpoint configuration without ``KmsKeyId``, when every instance
    type is one with EBS storage only.  Instance types with a local instance store are never
    flagged: SageMaker refuses a volume key for them (their storage is encrypted by the
    hardware).  Off by default; turn the SEC rules on with ``extend-select = ["SEC"]``.

    ## Why is this bad?
    Without a customer managed key the EBS volumes that hold the data, checkpoints and model
    during the job are encrypted with an AWS managed key, outside the organisation's key
    policies and audit.

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
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30,
         "VolumeKmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ResourceConfig, ProcessingClusterConfig, TransformResources (VolumeKmsKeyId)
    - SageMaker API Reference: CreateEndpointConfig (KmsKeyId)
    """

    id = "SEC005"
    name = "volume-without-kms"
    severity = Severity.INFO
    source_url = _SM_API + "API_ResourceConfig.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for config, types in _volume_configs(machine):
            member = "KmsKeyId" if config.has("ProductionVariants") else "VolumeKmsKeyId"
            if not types or config.has(member) or not all(_ebs_only(t) for t in types):
                continue  # unknown types, or an instance store, which takes no volume key
            yield Violation(
                config.node,
                f"the EBS volumes of {', '.join(sorted(set(types)))} are encrypted with an AWS managed key; set "
                f"{member} to a customer managed KMS key",
                on_key=True,
            )


# -- secrets ------------------------------------------------------------------------------------

#: Members whose values SageMaker shows to anyone who may describe the resource.
_PLAIN_MAPS = {
    "HyperParameters": "hyperparameter",
    "StaticHyperParameters": "hyperparameter",
    "Environment": "environment variable",
}
#: The last word of a key that names a secret.
_SECRET_WORDS = frozenset(
    {
        "password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "credentials",
        "apikey", "accesskey", "secretkey", "privatekey",
    }
)  # fmt: skip
#: Two last words of a key that name a secret.
_SECRET_PAIRS = frozenset(
    {("api", "key"), ("access", "key"), ("secret", "key"), ("private", "key"), ("client", "secret"), ("signing", "key")}
)
#: Words before ``token`` that make it a model vocabulary setting (``pad_token``), not a secret.
_VOCABULARY = frozenset(
    {"pad", "eos", "bos", "unk", "mask", "sep", "cls", "start", "end", "stop", "special", "max", "min", "num"}
)
#: Static values that hold no secret whatever the key says (``use_auth_token: "true"``).
_NOT_A_SECRET = re.compile(r"(?i)(?:|true|false|none|null|yes|no|\d{1,4}|arn:.*)")
#: Values that are credentials whatever the key says.
_SECRET_VALUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"), "an AWS access key id"),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
    (re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})"), "a GitHub token"),
    (re.compile(r"\bhf_[A-Za-z0-9]{34}\b"), "a Hugging Face token"),
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _words(key: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", _CAMEL.sub("_", key).lower()) if w]


def secret_key(key: str) -> bool:
    """Whether a hyperparameter, environment variable or tag key names a secret: its last word
    (``DB_PASSWORD``, ``HF_TOKEN``) or last two words (``WANDB_API_KEY``, ``clientSecret``) say
    so.  Keys that name where a secret is (``SECRET_ARN``, ``password_file``) do not."""
    words = _words(key)
    if not words:
        return False
    last = words[-1]
    if last == "token" and len(words) > 1 and words[-2] in _VOCABULARY:
        return False
    return last in _SECRET_WORDS or tuple(words[-2:]) in _SECRET_PAIRS


def secret_value(text: str) -> str | None:
    """What kind of credential ``text`` contains, if it contains one."""
    return next((kind for pattern, kind in _SECRET_VALUES if pattern.search(text)), None)


class SecretInPlainFields(Rule):
    """## What it does
    Flags secrets in SageMaker request fields that are stored and shown in plain text:
    hyperparameters, environment variables and tags whose key names a secret (``DB_PASSWORD``,
    ``HF_TOKEN``, ``wandb_api_key``, ``clientSecret``), and values that contain an AWS access key
    id (``AKIA…``/``ASIA…``), a private key, a GitHub or a Hugging Face token.  Keys that say where
    a secret is kept (``SECRET_ARN``, ``password_file``) are fine.

    ## Why is this bad?
    SageMaker returns hyperparameters, environment variables and tags to anyone allowed to
    describe the job or model, shows them in the console and logs; Step Functions keeps them in
    the execution history.  The API Reference says: "Do not include any security-sensitive
    information including account access IDs, secrets, or tokens".  Store the secret in AWS
    Secrets Manager, pass its name or ARN, and read it in the container with the job's role.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
       "Environment": {"WANDB_API_KEY": "0123456789abcdef0123456789abcdef01234567"}},
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
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
       "Environment": {"WANDB_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:wandb-AbCdEf"}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateTrainingJob (HyperParameters, Environment)
    - AWS Secrets Manager User Guide: What is AWS Secrets Manager?
    """

    id = "SEC006"
    name = "secret-in-plain-fields"
    severity = Severity.WARNING
    source_url = _SM_API + "API_CreateTrainingJob.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            if task.request is None:
                continue
            for value in find_members(task.request, lambda name, _: name in _PLAIN_MAPS or name == "Tags"):
                if str(value.name) in _PLAIN_MAPS and value.is_object:
                    what = _PLAIN_MAPS[str(value.name)]
                    for entry in value.members():
                        yield from self._judge(entry, str(entry.name), entry, what)
                elif value.name == "Tags" and value.is_array:
                    for tag in value.items():
                        key = tag.get("Key")
                        text = static_string(key)
                        tag_value = tag.get("Value")
                        if key is not None and text is not None and tag_value is not None:
                            yield from self._judge(key, text, tag_value, "tag")

    def _judge(self, key_node: Value, key: str, value: Value, what: str) -> Iterator[Violation]:
        text = value.string
        kind = secret_value(text) if text is not None else None
        if kind is not None:
            yield Violation(
                value.node,
                f"the {what} {key!r} holds what looks like {kind}, which SageMaker shows to anyone who can describe "
                f"the resource; remove it, rotate it, and let the container read it from Secrets Manager",
            )
        elif secret_key(key) and (value.dynamic or (text is not None and not _NOT_A_SECRET.fullmatch(text))):
            yield Violation(
                key_node.node,
                f"the {what} {key!r} looks like a secret, and SageMaker shows {what}s to anyone who can describe "
                f"the resource; pass the name or ARN of a Secrets Manager secret instead and read it in the container",
                on_key=what != "tag",
            )


# -- access -------------------------------------------------------------------------------------

_INTERACTIVE = {
    "EnableRemoteDebug": "remote debugging lets whoever may start an SSM session open a shell in the training "
    "container",
    "EnableSSMAccess": "SSM access lets whoever may start an SSM session open a shell on the endpoint's instances",
    "EnableSsmAccess": "SSM access lets whoever may start an SSM session open a shell on the endpoint's instances",
}


class InteractiveAccessEnabled(Rule):
    """## What it does
    Flags ``RemoteDebugConfig.EnableRemoteDebug: true`` on a training job and
    ``EnableSSMAccess: true`` on an endpoint's production variant.  Off by default; turn the SEC
    rules on with ``extend-select = ["SEC"]``.

    ## Why is this bad?
    Both open an AWS Systems Manager session into the running containers: whoever holds
    ``ssm:StartSession`` on them gets a shell next to the data, the model and the role's
    credentials.  That is meant for debugging, not for a pipeline that runs unattended; IAM
    policies can deny it with the ``sagemaker:EnableRemoteDebug`` condition key.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
       "RemoteDebugConfig": {"EnableRemoteDebug": true}},
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
    - SageMaker API Reference: RemoteDebugConfig, ProductionVariant (EnableSSMAccess)
    - SageMaker Developer Guide: Access a training container through AWS Systems Manager for remote debugging
    """

    id = "SEC007"
    name = "interactive-access-enabled"
    severity = Severity.WARNING
    source_url = _SM_API + "API_RemoteDebugConfig.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            if task.request is None:
                continue
            for value in find_members(task.request, lambda name, raw: raw is True and name in _INTERACTIVE):
                why = _INTERACTIVE.get(str(value.name))
                if why is not None and value.boolean is True:
                    yield Violation(value.node, f"{why}; remove {value.name} or set it to false")


_PUBLIC_WORKFORCE = re.compile(r"arn:[^:]+:sagemaker:[^:]*:\d*:workteam/public-crowd/default")
_PII_FREE = "FreeOfPersonallyIdentifiableInformation"


class PublicWorkforceData(Rule):
    """## What it does
    Flags a labeling job for the public workforce (Amazon Mechanical Turk, work team
    ``…:workteam/public-crowd/default``) whose ``InputConfig.DataAttributes.ContentClassifiers``
    does not declare the data ``FreeOfPersonallyIdentifiableInformation``.  Off by default; turn
    the SEC rules on with ``extend-select = ["SEC"]``.

    ## Why is this bad?
    Mechanical Turk workers are anyone on the internet.  The API Reference asks that data sent
    to them not include confidential information, personal information or protected health
    information, and to declare with ``ContentClassifiers`` that it is free of personally
    identifiable information.  Without the declaration nobody has confirmed that; use a private
    or vendor work team for data that is not.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "label",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/manifest.json"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/ui/template.liquid"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
         "TaskTitle": "Classify images", "TaskDescription": "Pick the category of each image",
         "NumberOfHumanWorkersPerDataObject": 3, "TaskTimeLimitInSeconds": 300,
         "TaskAvailabilityLifetimeInSeconds": 21600,
         "PublicWorkforceTaskPrice": {"AmountInUsd": {"Dollars": 0, "Cents": 3, "TenthFractionsOfACent": 6}},
         "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn":
           "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "label",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/manifest.json"}},
         "DataAttributes": {"ContentClassifiers": ["FreeOfPersonallyIdentifiableInformation",
           "FreeOfAdultContent"]}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/ui/template.liquid"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
         "TaskTitle": "Classify images", "TaskDescription": "Pick the category of each image",
         "NumberOfHumanWorkersPerDataObject": 3, "TaskTimeLimitInSeconds": 300,
         "TaskAvailabilityLifetimeInSeconds": 21600,
         "PublicWorkforceTaskPrice": {"AmountInUsd": {"Dollars": 0, "Cents": 3, "TenthFractionsOfACent": 6}},
         "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn":
           "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: LabelingJobDataAttributes (ContentClassifiers)
    - SageMaker API Reference: CreateLabelingJob (InputConfig)
    """

    id = "SEC008"
    name = "public-workforce-data"
    severity = Severity.WARNING
    source_url = _SM_API + "API_LabelingJobDataAttributes.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateLabelingJob"):
            team = request.get("HumanTaskConfig", "WorkteamArn")
            arn = static_string(team)
            if team is None or arn is None or not _PUBLIC_WORKFORCE.fullmatch(arn):
                continue
            config = request.get("InputConfig")
            if config is None or not config.is_object:
                continue
            attributes = config.get("DataAttributes")
            classifiers = attributes.get("ContentClassifiers") if attributes is not None else None
            if (attributes is not None and attributes.dynamic) or (classifiers is not None and classifiers.dynamic):
                continue
            if classifiers is not None and any(item.string == _PII_FREE for item in classifiers.items()):
                continue
            yield Violation(
                team.node,
                f"the public workforce (Mechanical Turk) sees this data, and the job does not declare it "
                f"{_PII_FREE}; add that to InputConfig.DataAttributes.ContentClassifiers once checked, or use a "
                f"private work team",
            )


# -- data locations -------------------------------------------------------------------------------

_S3_URI_MEMBER = re.compile(r".*S3(?:Uri|OutputPath|FailurePath)|ModelDataUrl")
_VIRTUAL_HOSTED = re.compile(r"https://([a-z0-9.-]+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?(?:/(.*))?")
_PATH_STYLE = re.compile(r"https://s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?/([a-z0-9.-]+)(?:/(.*))?")


def s3_form(url: str) -> str | None:
    """The ``s3://`` URI of an S3 ``https://`` URL, or ``None`` when the host is not S3."""
    for pattern in (_VIRTUAL_HOSTED, _PATH_STYLE):
        match = pattern.fullmatch(url)
        if match:
            return f"s3://{match.group(1)}/{match.group(2) or ''}"
    return None


class HttpDataUri(Rule):
    """## What it does
    Flags an ``https://`` URL in a SageMaker member that takes an S3 location (``S3Uri``,
    ``S3OutputPath``, ``ModelDataUrl`` …).  The pattern of these members allows both forms.  Off
    by default; turn the SEC rules on with ``extend-select = ["SEC"]``.

    ## Why is this bad?
    An ``https://`` URL can name any host, and even for S3 it hides the bucket in the host name
    or the path: reviews, bucket allow-lists and policy checks that reason about ``s3://bucket``
    locations miss it.  Write the ``s3://bucket/key`` form.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl": "https://example-bucket.s3.us-east-1.amazonaws.com/models/model.tar.gz"}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl": "s3://example-bucket/models/model.tar.gz"}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: S3DataSource (S3Uri), ContainerDefinition (ModelDataUrl)
    """

    id = "SEC010"
    name = "http-data-uri"
    severity = Severity.INFO
    source_url = _SM_API + "API_S3DataSource.html"
    opt_in = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task in sagemaker_tasks(machine):
            if task.request is None:
                continue
            https = find_members(task.request, lambda _, raw: type(raw) is str and raw.startswith("https://"))
            for value in https:
                text = value.string
                if text is None or not text.startswith("https://") or not _S3_URI_MEMBER.fullmatch(str(value.name)):
                    continue
                s3 = s3_form(text)
                fix = f"write {s3!r}" if s3 else "the host is not Amazon S3; copy the data to a bucket and use s3://"
                yield Violation(value.node, f"{value.name} is an https:// URL where an s3:// URI belongs; {fix}")


RULES: list[type[Rule]] = [
    JobOutsideVpc,
    NetworkIsolationOff,
    InterContainerTrafficUnencrypted,
    OutputWithoutKms,
    VolumeWithoutKms,
    SecretInPlainFields,
    InteractiveAccessEnabled,
    PublicWorkforceData,
    HttpDataUri,
]
