"""SMX5xx: cross-field rules of CreateModel, CreateEndpointConfig, CreateEndpoint and
UpdateEndpoint that botocore's model cannot express."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.sagemaker.request import given, possibly_given, requests, static_number, static_string

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint_rules.sagemaker.request import Value

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_CREATE_MODEL = _API + "API_CreateModel.html"
_CONTAINER = _API + "API_ContainerDefinition.html"
_ENDPOINT_CONFIG = _API + "API_CreateEndpointConfig.html"

#: "The maximum length of all keys and values in the map, combined, is 32 KB", for all the
#: containers of a model together (ContainerDefinition.Environment).
MAX_ENVIRONMENT_BYTES = 32 * 1024
#: Serverless memory sizes: "Valid values are in 1 GB increments" (1024 to 6144 MB).
SERVERLESS_MEMORY_STEP_MB = 1024
_VARIANT_LISTS = ("ProductionVariants", "ShadowProductionVariants")


def _containers(request: Value) -> Iterator[Value]:
    """The static container definitions of a CreateModel request."""
    primary = request.get("PrimaryContainer")
    if primary is not None and primary.is_object:
        yield primary
    containers = request.get("Containers")
    if containers is not None:
        yield from (item for item in containers.items() if item.is_object)


def _variants(request: Value) -> Iterator[Value]:
    """The static production and shadow variants of a CreateEndpointConfig request."""
    for member in _VARIANT_LISTS:
        variants = request.get(member)
        if variants is not None:
            yield from (item for item in variants.items() if item.is_object)


def _variant_label(variant: Value) -> str:
    name = static_string(variant.get("VariantName"))
    return f"variant {name!r}" if name is not None else f"variant #{variant.name}"


class ModelContainerExactlyOne(Rule):
    """## What it does
    Flags a ``CreateModel`` request that gives both ``PrimaryContainer`` and ``Containers``.

    ## Why is this bad?
    A model is either one container (``PrimaryContainer``) or an inference pipeline of up to
    15 containers (``Containers``), never both; SageMaker refuses the request when the state
    runs.  Put the primary container first in ``Containers``, or drop the list.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"},
       "Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/postprocess:1"}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
           "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"},
         {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/postprocess:1"}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateModel
    - SageMaker Developer Guide: Inference pipelines in Amazon SageMaker AI
    """

    id = "SMX501"
    name = "model-container-exactly-one"
    severity = Severity.ERROR
    source_url = _CREATE_MODEL

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateModel"):
            primary, containers = request.get("PrimaryContainer"), request.get("Containers")
            if given(primary) and given(containers):
                yield Violation(
                    containers.node,
                    "a model takes PrimaryContainer or Containers (an inference pipeline), not both; move the "
                    "primary container into Containers or remove the list",
                    on_key=True,
                )


class ModelDataUrl(Rule):
    """## What it does
    Flags a container's ``ModelDataUrl`` that does not name a ``.tar.gz`` archive.  Containers
    in ``Mode: MultiModel`` are skipped: their ``ModelDataUrl`` is the S3 prefix of the models.

    ## Why is this bad?
    "This path must point to a single gzip compressed tar archive (.tar.gz suffix)."  A prefix
    or an uncompressed file makes the endpoint or transform job fail while it downloads the
    model.  To deploy uncompressed artefacts use ``ModelDataSource`` with
    ``CompressionType: None``.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl": "s3://example-bucket/models/churn/"}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl": "s3://example-bucket/models/churn/model.tar.gz"}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ContainerDefinition
    """

    id = "SMX502"
    name = "model-data-url"
    severity = Severity.WARNING
    source_url = _CONTAINER

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateModel"):
            for container in _containers(request):
                url = container.get("ModelDataUrl")
                text = static_string(url)
                mode = container.get("Mode")
                if url is None or text is None or (mode is not None and mode.string != "SingleModel"):
                    continue
                if not text.endswith(".tar.gz"):
                    yield Violation(
                        url.node,
                        f"ModelDataUrl {text!r} is not a .tar.gz archive; point it at the model.tar.gz that "
                        f"training wrote, or use ModelDataSource for uncompressed model data",
                    )


class ModelDataSourceLimits(Rule):
    """## What it does
    Flags a container's ``ModelDataSource`` that cannot work: together with ``ModelDataUrl``
    (two sources for one model), in a ``Mode: MultiModel`` container, or with
    ``S3DataType: S3Prefix`` and an ``S3Uri`` that does not end with ``/``.

    ## Why is this bad?
    The API says ``ModelDataSource`` cannot be used with multi-model endpoints (nor with batch
    transform, serverless endpoints and Marketplace models), and "A valid key name prefix
    identified by S3Uri always ends with a forward slash (/)".  Deployment then fails.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1",
         "ModelDataSource": {"S3DataSource": {"S3Uri": "s3://example-bucket/models/llm",
           "S3DataType": "S3Prefix", "CompressionType": "None"}}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1",
         "ModelDataSource": {"S3DataSource": {"S3Uri": "s3://example-bucket/models/llm/",
           "S3DataType": "S3Prefix", "CompressionType": "None"}}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ContainerDefinition, S3ModelDataSource
    """

    id = "SMX503"
    name = "model-data-source-limits"
    severity = Severity.WARNING
    source_url = _API + "API_S3ModelDataSource.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateModel"):
            for container in _containers(request):
                source = container.get("ModelDataSource")
                if not given(source):
                    continue
                if given(container.get("ModelDataUrl")):
                    yield Violation(
                        source.node,
                        "the container gives both ModelDataUrl and ModelDataSource; keep one of them",
                        on_key=True,
                    )
                if static_string(container.get("Mode")) == "MultiModel":
                    yield Violation(
                        source.node,
                        "ModelDataSource cannot be used with a multi-model container; give the S3 prefix of the "
                        "models in ModelDataUrl instead",
                        on_key=True,
                    )
                s3 = source.get("S3DataSource")
                uri = s3.get("S3Uri") if s3 is not None else None
                text = static_string(uri)
                prefix = s3 is not None and static_string(s3.get("S3DataType")) == "S3Prefix"
                if prefix and uri is not None and text is not None and not text.endswith("/"):
                    yield Violation(
                        uri.node,
                        f"with S3DataType S3Prefix the S3Uri is a key prefix, which must end with '/'; "
                        f"write {text + '/'!r}",
                    )


class PipelineHostnames(Rule):
    """## What it does
    Checks the ``ContainerHostname`` of an inference pipeline (``Containers``): set on every
    container or on none, and never the same twice.

    ## Why is this bad?
    "If you specify a value for the ContainerHostName for any ContainerDefinition that is part
    of an inference pipeline, you must specify a value for the ContainerHostName parameter of
    every ContainerDefinition in that pipeline", and the hostname "uniquely identifies the
    container" in logs and metrics.  SageMaker refuses the model when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "Containers": [{"ContainerHostname": "preprocess",
           "Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/preprocess:1"},
         {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
           "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "Containers": [{"ContainerHostname": "preprocess",
           "Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/preprocess:1"},
         {"ContainerHostname": "predict", "Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
           "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ContainerDefinition
    """

    id = "SMX504"
    name = "pipeline-hostnames"
    severity = Severity.ERROR
    source_url = _CONTAINER

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateModel"):
            containers = request.get("Containers")
            if containers is None or not containers.is_array:
                continue
            items = list(containers.items())
            if len(items) < 2 or not all(item.is_object for item in items):
                continue
            hostnames = [item.get("ContainerHostname") for item in items]
            if any(name is not None and name.dynamic for name in hostnames):
                continue  # a dynamic hostname may be anything, null included
            named = [name for name in hostnames if given(name)]
            if not named:
                continue
            unnamed = [item for item, name in zip(items, hostnames, strict=True) if not given(name)]
            if unnamed:
                yield Violation(
                    unnamed[0].node,
                    f"ContainerHostname is set on {len(named)} of the {len(items)} containers of this pipeline; "
                    f"set it on every container or on none",
                )
            seen: set[str] = set()
            for name in named:
                text = static_string(name)
                if text is None:
                    continue
                if text in seen:
                    yield Violation(
                        name.node,
                        f"ContainerHostname {text!r} names another container of the pipeline already; "
                        f"give each container its own hostname",
                    )
                seen.add(text)


class ModelEnvironmentSize(Rule):
    """## What it does
    Adds up the keys and values of the ``Environment`` maps of all containers of a model and
    flags a total above 32 KB.  Entries whose value is dynamic count with their key only.

    ## Why is this bad?
    "The maximum length of all keys and values in the map, combined, is 32 KB.  If you pass
    multiple containers to a CreateModel request, then the maximum length of all of their
    maps, combined, is also 32 KB."  The per-entry limits (1,024 each) can all hold while the
    total does not; SageMaker refuses the model when the state runs.  Keep large
    configuration in S3 or in the image.

    ## Example
    ```yaml
    StartAt: Create model
    States:
      Create model:
        Type: Task
        Comment: &kilobyte >-
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        Resource: arn:aws:states:::sagemaker:createModel
        Parameters:
          ModelName.$: States.Format('model-{}', $$.Execution.Name)
          ExecutionRoleArn: arn:aws:iam::123456789012:role/SageMakerRole
          PrimaryContainer:
            Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1
            ModelDataUrl.$: $.ModelArtifacts.S3ModelArtifacts
            Environment: {V01: *kilobyte, V02: *kilobyte, V03: *kilobyte, V04: *kilobyte, V05: *kilobyte,
              V06: *kilobyte, V07: *kilobyte, V08: *kilobyte, V09: *kilobyte, V10: *kilobyte, V11: *kilobyte,
              V12: *kilobyte, V13: *kilobyte, V14: *kilobyte, V15: *kilobyte, V16: *kilobyte, V17: *kilobyte,
              V18: *kilobyte, V19: *kilobyte, V20: *kilobyte, V21: *kilobyte, V22: *kilobyte, V23: *kilobyte,
              V24: *kilobyte, V25: *kilobyte, V26: *kilobyte, V27: *kilobyte, V28: *kilobyte, V29: *kilobyte,
              V30: *kilobyte, V31: *kilobyte, V32: *kilobyte, V33: *kilobyte, V34: *kilobyte, V35: *kilobyte,
              V36: *kilobyte}
        End: true
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts",
         "Environment": {"CONFIG_S3_URI": "s3://example-bucket/config/churn.json"}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ContainerDefinition
    """

    id = "SMX505"
    name = "model-environment-size"
    severity = Severity.ERROR
    source_url = _CONTAINER

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateModel"):
            total = 0
            last: Value | None = None
            for container in _containers(request):
                environment = container.get("Environment")
                if environment is None or not environment.is_object:
                    continue
                for entry in environment.members():
                    total += len(str(entry.name).encode("utf-8"))
                    if entry.string is not None:
                        total += len(entry.string.encode("utf-8"))
                    last = environment
            if last is not None and total > MAX_ENVIRONMENT_BYTES:
                yield Violation(
                    last.node,
                    f"the Environment maps of this model hold {total:,} bytes of keys and values; SageMaker allows "
                    f"{MAX_ENVIRONMENT_BYTES:,} for all containers together, so move large values to S3 or the image",
                    on_key=True,
                )


class ModelWithoutRole(Rule):
    """## What it does
    Flags a ``CreateModel`` request without ``ExecutionRoleArn``.

    ## Why is this bad?
    The role is how SageMaker reads the model artefacts in S3 and pulls the image from ECR when
    it deploys the model or runs a transform job.  The API used to require it and the model
    no longer marks it as required, but a model without a role fails when it is used, long
    after this state succeeded.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
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
    - SageMaker API Reference: CreateModel
    - SageMaker Developer Guide: How to use SageMaker AI execution roles
    """

    id = "SMX506"
    name = "model-without-role"
    severity = Severity.WARNING
    source_url = _CREATE_MODEL

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for task, request in requests(machine, "CreateModel"):
            if not possibly_given(request.get("ExecutionRoleArn")):
                yield Violation(
                    task.request_field or request.node,
                    "CreateModel has no ExecutionRoleArn, so SageMaker cannot read the model artefacts or pull the "
                    "image when the model is deployed; add ExecutionRoleArn",
                    on_key=True,
                )


class ShadowVariants(Rule):
    """## What it does
    Flags an endpoint configuration with ``ShadowProductionVariants`` that does not have
    exactly one production variant and exactly one shadow variant.

    ## Why is this bad?
    "If you use this field, you can only specify one variant for ProductionVariants and one
    variant for ShadowProductionVariants."  SageMaker refuses the configuration when the state
    runs.  To compare more models, use several production variants with weights instead.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [
         {"VariantName": "Current", "ModelName": "churn-v1", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1},
         {"VariantName": "Backup", "ModelName": "churn-v0", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}],
       "ShadowProductionVariants": [
         {"VariantName": "Candidate", "ModelName.$": "$.ModelName", "InstanceType": "ml.m5.large",
          "InitialInstanceCount": 1}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [
         {"VariantName": "Current", "ModelName": "churn-v1", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}],
       "ShadowProductionVariants": [
         {"VariantName": "Candidate", "ModelName.$": "$.ModelName", "InstanceType": "ml.m5.large",
          "InitialInstanceCount": 1}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateEndpointConfig
    - SageMaker Developer Guide: Shadow variants
    """

    id = "SMX507"
    name = "shadow-variants"
    severity = Severity.ERROR
    source_url = _ENDPOINT_CONFIG

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateEndpointConfig"):
            shadows = request.get("ShadowProductionVariants")
            if shadows is None or not shadows.is_array or not shadows.value:
                continue
            for member in _VARIANT_LISTS:
                variants = request.get(member)
                if variants is not None and variants.is_array and len(variants.value) > 1:
                    yield Violation(
                        variants.node,
                        f"{member} has {len(variants.value)} variants, but an endpoint with shadow variants takes "
                        f"exactly one production and one shadow variant; keep one",
                    )


class VariantKind(Rule):
    """## What it does
    Checks that each production (or shadow) variant is of one kind: instance-based
    (``InstanceType`` or ``InstancePools``) or serverless (``ServerlessConfig``), not both and
    not neither; and that a serverless ``MemorySizeInMB`` is a whole number of gigabytes.

    ## Why is this bad?
    ``ServerlessConfig`` "specifies a serverless endpoint configuration instead of an
    instance-based endpoint configuration", a variant without either has nothing to run on,
    and serverless memory sizes are "in 1 GB increments: 1024 MB, 2048 MB, 3072 MB, 4096 MB,
    5120 MB, or 6144 MB".  SageMaker refuses such a configuration when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "InstanceType": "ml.m5.large",
         "ServerlessConfig": {"MemorySizeInMB": 3000, "MaxConcurrency": 20}}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "ServerlessConfig": {"MemorySizeInMB": 3072, "MaxConcurrency": 20}}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProductionVariant, ProductionVariantServerlessConfig
    """

    id = "SMX508"
    name = "variant-kind"
    severity = Severity.ERROR
    source_url = _API + "API_ProductionVariantServerlessConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateEndpointConfig"):
            for variant in _variants(request):
                serverless = variant.get("ServerlessConfig")
                instance_members = [variant.get("InstanceType"), variant.get("InstancePools")]
                if given(serverless):
                    for member in instance_members:
                        if given(member):
                            yield Violation(
                                member.node,
                                f"{_variant_label(variant)} has both ServerlessConfig and {member.name}; a variant "
                                f"is serverless or runs on instances, so remove one",
                                on_key=True,
                            )
                    memory = serverless.get("MemorySizeInMB")
                    size = static_number(memory)
                    if memory is not None and size is not None and size % SERVERLESS_MEMORY_STEP_MB:
                        step = SERVERLESS_MEMORY_STEP_MB
                        nearest = min(max(round(size / step), 1), 6) * step
                        yield Violation(
                            memory.node,
                            f"MemorySizeInMB is {size}, but serverless memory comes in steps of {step} MB "
                            f"(1024 to 6144); use {nearest}",
                        )
                elif not possibly_given(serverless) and not any(possibly_given(m) for m in instance_members):
                    yield Violation(
                        variant.node,
                        f"{_variant_label(variant)} has neither InstanceType (or InstancePools) nor ServerlessConfig; "
                        f"give one of them",
                    )


class ElasticInferenceRetired(Rule):
    """## What it does
    Flags ``AcceleratorType`` on a production or shadow variant.

    ## Why is this bad?
    ``AcceleratorType`` attached an Elastic Inference accelerator (``ml.eia1.*``,
    ``ml.eia2.*``).  "This parameter is no longer supported. Elastic Inference (EI) is no
    longer available."  Choose a GPU or AWS Inferentia instance type for the variant instead.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "InstanceType": "ml.m5.large", "InitialInstanceCount": 1, "AcceleratorType": "ml.eia2.medium"}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "InstanceType": "ml.g5.xlarge", "InitialInstanceCount": 1}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProductionVariant
    """

    id = "SMX509"
    name = "elastic-inference-retired"
    severity = Severity.ERROR
    source_url = _API + "API_ProductionVariant.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateEndpointConfig"):
            for variant in _variants(request):
                accelerator = variant.get("AcceleratorType")
                if given(accelerator):
                    yield Violation(
                        accelerator.node,
                        "Elastic Inference is no longer available and SageMaker no longer accepts AcceleratorType; "
                        "remove it and pick a GPU or Inferentia instance type",
                        on_key=True,
                    )


class CrossRegionTraffic(Rule):
    """## What it does
    Flags ``CrossRegionTrafficConfig`` in an endpoint configuration that also has
    ``AsyncInferenceConfig`` or a serverless variant.

    ## Why is this bad?
    "You can't specify it with serverless variants or with AsyncInferenceConfig": SageMaker
    refuses the configuration when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 20}}],
       "CrossRegionTrafficConfig": {"MaxCrossRegionPercentPerEndpoint": 50,
         "MaxInvocationsPerSecondPerInstance": 100}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 20}}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateEndpointConfig
    """

    id = "SMX510"
    name = "cross-region-traffic"
    severity = Severity.ERROR
    source_url = _ENDPOINT_CONFIG

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateEndpointConfig"):
            cap = request.get("CrossRegionTrafficConfig")
            if not given(cap):
                continue
            if given(request.get("AsyncInferenceConfig")):
                reason = "AsyncInferenceConfig"
            else:
                serverless = [v for v in _variants(request) if given(v.get("ServerlessConfig"))]
                if not serverless:
                    continue
                reason = f"a serverless variant ({_variant_label(serverless[0])})"
            yield Violation(
                cap.node,
                f"CrossRegionTrafficConfig cannot be combined with {reason}; remove the cross-Region traffic cap",
                on_key=True,
            )


class UpdateEndpointConfig(Rule):
    """## What it does
    Flags an ``UpdateEndpoint`` request with ``ExcludeRetainedVariantProperties`` whose
    ``RetainAllVariantProperties`` is not ``true``.

    ## Why is this bad?
    ``ExcludeRetainedVariantProperties`` lists the variant properties to take from the new
    endpoint configuration *when* ``RetainAllVariantProperties`` is true.  Without it (the
    default is false) every property comes from the new configuration and the list does
    nothing — usually ``RetainAllVariantProperties`` was forgotten and the update resets the
    instance counts and weights that auto scaling or an operator had set.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:updateEndpoint",
     "Parameters": {"EndpointName": "churn-realtime", "EndpointConfigName.$": "$.EndpointConfigName",
       "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredWeight"}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:updateEndpoint",
     "Parameters": {"EndpointName": "churn-realtime", "EndpointConfigName.$": "$.EndpointConfigName",
       "RetainAllVariantProperties": true,
       "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredWeight"}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: UpdateEndpoint
    """

    id = "SMX511"
    name = "update-endpoint-config"
    severity = Severity.WARNING
    source_url = _API + "API_UpdateEndpoint.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "UpdateEndpoint"):
            excluded = request.get("ExcludeRetainedVariantProperties")
            retain = request.get("RetainAllVariantProperties")
            if not given(excluded) or (retain is not None and (retain.dynamic or retain.boolean is True)):
                continue
            yield Violation(
                excluded.node,
                "ExcludeRetainedVariantProperties applies only when RetainAllVariantProperties is true, which it is "
                "not here; set RetainAllVariantProperties to true or remove the list",
                on_key=True,
            )


class DeploymentPolicyExclusive(Rule):
    """## What it does
    Flags a ``DeploymentConfig`` (``CreateEndpoint``, ``UpdateEndpoint``) that gives both
    ``BlueGreenUpdatePolicy`` and ``RollingUpdatePolicy``.

    ## Why is this bad?
    "Only one update policy should be used in the deployment configuration."  The two describe
    different ways to replace the fleet; which one SageMaker applies, if it accepts the
    request at all, is not documented.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:updateEndpoint",
     "Parameters": {"EndpointName": "churn-realtime", "EndpointConfigName.$": "$.EndpointConfigName",
       "DeploymentConfig": {
         "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}},
         "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 25},
           "WaitIntervalInSeconds": 300}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:updateEndpoint",
     "Parameters": {"EndpointName": "churn-realtime", "EndpointConfigName.$": "$.EndpointConfigName",
       "DeploymentConfig": {
         "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 25},
           "WaitIntervalInSeconds": 300}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: DeploymentConfig
    """

    id = "SMX512"
    name = "deployment-policy-exclusive"
    severity = Severity.WARNING
    source_url = _API + "API_DeploymentConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateEndpoint", "UpdateEndpoint"):
            config = request.get("DeploymentConfig")
            if config is None:
                continue
            blue_green, rolling = config.get("BlueGreenUpdatePolicy"), config.get("RollingUpdatePolicy")
            if given(blue_green) and given(rolling):
                yield Violation(
                    rolling.node,
                    "DeploymentConfig gives both BlueGreenUpdatePolicy and RollingUpdatePolicy; only one update "
                    "policy should be used, so remove the other",
                    on_key=True,
                )


class ServerlessProvisionedConcurrency(Rule):
    """## What it does
    Flags a serverless variant whose ``ProvisionedConcurrency`` is above its
    ``MaxConcurrency``.

    ## Why is this bad?
    ``ProvisionedConcurrency`` "Should be less than or equal to MaxConcurrency": concurrency
    kept warm beyond what the endpoint may ever use is paid for and never served.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 10, "ProvisionedConcurrency": 20}}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 20, "ProvisionedConcurrency": 10}}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProductionVariantServerlessConfig
    """

    id = "SMX513"
    name = "serverless-provisioned-concurrency"
    severity = Severity.WARNING
    source_url = _API + "API_ProductionVariantServerlessConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateEndpointConfig"):
            for variant in _variants(request):
                serverless = variant.get("ServerlessConfig")
                if serverless is None:
                    continue
                provisioned = serverless.get("ProvisionedConcurrency")
                warm = static_number(provisioned)
                ceiling = static_number(serverless.get("MaxConcurrency"))
                if provisioned is not None and warm is not None and ceiling is not None and warm > ceiling:
                    yield Violation(
                        provisioned.node,
                        f"ProvisionedConcurrency {warm} is above MaxConcurrency {ceiling}; provision at most "
                        f"{ceiling} or raise MaxConcurrency",
                    )


class DuplicateVariantName(Rule):
    """## What it does
    Flags two variants of one endpoint configuration with the same ``VariantName``, across
    ``ProductionVariants`` and ``ShadowProductionVariants``.

    ## Why is this bad?
    The variant name is how the endpoint routes traffic (``TargetVariant``), reports metrics
    and is scaled or re-weighted; two variants of one name cannot be told apart, and SageMaker
    refuses the configuration when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [
         {"VariantName": "AllTraffic", "ModelName": "churn-v1", "InstanceType": "ml.m5.large",
          "InitialInstanceCount": 1, "InitialVariantWeight": 0.9},
         {"VariantName": "AllTraffic", "ModelName.$": "$.ModelName", "InstanceType": "ml.m5.large",
          "InitialInstanceCount": 1, "InitialVariantWeight": 0.1}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [
         {"VariantName": "Current", "ModelName": "churn-v1", "InstanceType": "ml.m5.large",
          "InitialInstanceCount": 1, "InitialVariantWeight": 0.9},
         {"VariantName": "Candidate", "ModelName.$": "$.ModelName", "InstanceType": "ml.m5.large",
          "InitialInstanceCount": 1, "InitialVariantWeight": 0.1}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProductionVariant, CreateEndpointConfig
    """

    id = "SMX514"
    name = "duplicate-variant-name"
    severity = Severity.ERROR
    source_url = _ENDPOINT_CONFIG

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateEndpointConfig"):
            seen: set[str] = set()
            for variant in _variants(request):
                name = variant.get("VariantName")
                text = static_string(name)
                if name is None or text is None:
                    continue
                if text in seen:
                    yield Violation(
                        name.node,
                        f"another variant of this endpoint configuration is already named {text!r}; give every "
                        f"variant its own VariantName",
                    )
                seen.add(text)


RULES: list[type[Rule]] = [
    ModelContainerExactlyOne,
    ModelDataUrl,
    ModelDataSourceLimits,
    PipelineHostnames,
    ModelEnvironmentSize,
    ModelWithoutRole,
    ShadowVariants,
    VariantKind,
    ElasticInferenceRetired,
    CrossRegionTraffic,
    UpdateEndpointConfig,
    DeploymentPolicyExclusive,
    ServerlessProvisionedConcurrency,
    DuplicateVariantName,
]
