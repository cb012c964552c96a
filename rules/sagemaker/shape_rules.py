"""SMS: SageMaker request shapes, checked against botocore's model (see ``shapes.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity
from asllint_rules.sagemaker import shapes

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine, Violation

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"


class _ShapeRule(Rule):
    def check(self, machine: StateMachine) -> Iterator[Violation]:
        return shapes.problems_of(machine, self.id)


class UnknownSagemakerMember(_ShapeRule):
    """## What it does
    Flags a member of a SageMaker request that the API does not have (``Key.$`` counts as
    ``Key``).  The message suggests the member that was probably meant and calls out
    differences of case only and members put at the wrong level.

    ## Why is this bad?
    Step Functions refuses the definition ("The field ... is not supported by Step
    Functions"), or, when the field arrives through a path, the execution fails with
    ``States.Runtime``, which no Catcher can handle.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataURL.$": "$.ModelArtifacts.S3ModelArtifacts"}},
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
    - SageMaker API Reference: CreateModel, ContainerDefinition
    - Step Functions Developer Guide: Create and manage Amazon SageMaker AI jobs with Step Functions
    """

    id = "SMS001"
    name = "unknown-sagemaker-member"
    severity = Severity.ERROR
    source_url = _API + "API_Operations_Amazon_SageMaker_Service.html"


class MissingSagemakerMember(_ShapeRule):
    """## What it does
    Flags a SageMaker request object that lacks a member the API requires: the model's
    required members, and the requirements that newer models no longer mark but the API still
    enforces (a training job's ``AlgorithmSpecification``, ``ResourceConfig`` and
    ``StoppingCondition``; ``TrainingImage`` or ``AlgorithmName``; a processing cluster's
    ``InstanceType`` and ``InstanceCount``; a model's ``PrimaryContainer`` or ``Containers``;
    a tuning job's ``TrainingJobDefinition`` or ``TrainingJobDefinitions``).  A member that
    arrives through ``Key.$`` counts as present.

    ## Why is this bad?
    SageMaker refuses the request with a ``ValidationException`` when the state runs, after
    the earlier states of the execution have done their work.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole"},
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
    - SageMaker API Reference: CreateTrainingJob, CreateProcessingJob, CreateModel
    """

    id = "SMS002"
    name = "missing-sagemaker-member"
    severity = Severity.ERROR
    source_url = _API + "API_CreateTrainingJob.html"


class WrongSagemakerType(_ShapeRule):
    """## What it does
    Flags a SageMaker request value of the wrong JSON type: a quoted number where an integer
    belongs (``"InstanceCount": "1"``), the string ``"true"`` for a boolean, a number as a
    hyperparameter or environment value (they are strings), an object where a list belongs.
    For a ``Key.$`` member it checks the type an intrinsic function is certain to return
    (``States.Format`` gives a string), and nothing else.

    ## Why is this bad?
    Step Functions passes the JSON as written; SageMaker refuses a value of the wrong type with
    a ``ValidationException`` or a serialization error when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "InstanceType": "ml.m5.large", "InitialInstanceCount": "1"}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: Common data types (ProductionVariant, ResourceConfig)
    """

    id = "SMS003"
    name = "wrong-sagemaker-type"
    severity = Severity.ERROR
    source_url = _API + "API_ProductionVariant.html"


class InvalidSagemakerEnum(_ShapeRule):
    """## What it does
    Flags a value outside the set the API accepts for that member, and says when only the
    case differs: the channel ``CompressionType`` is ``Gzip``, the output ``CompressionType``
    is ``GZIP``, early stopping is ``Off`` or ``Auto`` although the prose writes ``OFF``.

    ## Why is this bad?
    SageMaker refuses the request ("Member must satisfy enum value set") when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "SplitType": "line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
     "Parameters": {"TransformJobName.$": "States.Format('score-{}', $$.Execution.Name)",
       "ModelName.$": "$.ModelName",
       "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
         "S3Uri": "s3://example-bucket/score/"}}, "SplitType": "Line"},
       "TransformOutput": {"S3OutputPath": "s3://example-bucket/scored/"},
       "TransformResources": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: TransformInput
    """

    id = "SMS004"
    name = "invalid-sagemaker-enum"
    severity = Severity.ERROR
    source_url = _API + "API_TransformInput.html"


class InstanceTypeNotForApi(_ShapeRule):
    """## What it does
    Flags an instance type that the API of this request does not offer.  Training, batch
    transform, processing and hosting each have their own list: ``ml.inf2.xlarge`` hosts and
    transforms but cannot train, ``ml.t3.medium`` trains and processes but cannot host.  The
    message names the APIs where the type is valid.  A value that is not an instance type at
    all (``ml.t3.medum``) is flagged with the closest match.

    ## Why is this bad?
    SageMaker refuses the request with a ``ValidationException`` when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.inf2.xlarge",
         "InstanceCount": 1, "VolumeSizeInGB": 30}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge",
         "InstanceCount": 1, "VolumeSizeInGB": 30}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ResourceConfig, ProcessingClusterConfig, TransformResources, ProductionVariant
    """

    id = "SMS005"
    name = "instance-type-not-for-api"
    severity = Severity.ERROR
    source_url = _API + "API_ProcessingClusterConfig.html"


class SagemakerStringLength(_ShapeRule):
    """## What it does
    Flags a string (or map key) shorter or longer than the API allows: job names are at most
    63 characters (tuning jobs 32), hyperparameter keys 256, tag values 256.  A string built at
    run time (``States.Format``, a JSONata ``&`` concatenation) is flagged when its fixed text
    alone is longer than allowed.

    ## Why is this bad?
    SageMaker refuses the request with a ``ValidationException`` when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpoint",
     "Parameters": {"EndpointName": "customer-churn-realtime-endpoint-for-the-marketing-analytics-team",
       "EndpointConfigName.$": "$.EndpointConfigName"},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpoint",
     "Parameters": {"EndpointName": "churn-realtime",
       "EndpointConfigName.$": "$.EndpointConfigName"},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateEndpoint
    """

    id = "SMS006"
    name = "sagemaker-string-length"
    severity = Severity.ERROR
    source_url = _API + "API_CreateEndpoint.html"


class SagemakerStringPattern(_ShapeRule):
    """## What it does
    Flags a string that does not match the pattern the API declares for it: names with ``_``
    or ``.``, a ``RoleArn`` that is not an IAM role ARN, an S3 URI without ``s3://`` or
    ``https://``, a malformed KMS key or subnet id.  Patterns are matched in full.  A string
    built at run time (``"TrainingJobName.$": "States.Format('train_{}', $$.Execution.Name)"``,
    or a JSONata ``&`` concatenation) is flagged when its fixed text holds a character that no
    value matching the pattern contains, whatever the expression adds.

    ## Why is this bad?
    SageMaker refuses the request with a ``ValidationException`` when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName.$": "States.Format('model-{}', $$.Execution.Name)",
       "ExecutionRoleArn": "SageMakerExecutionRoleForChurn",
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
    """

    id = "SMS007"
    name = "sagemaker-string-pattern"
    severity = Severity.ERROR
    source_url = _API + "API_CreateModel.html"


class SagemakerNumberRange(_ShapeRule):
    """## What it does
    Flags a number outside the range the API declares: a processing volume above 16,384 GB, a
    hosting volume above 512 GB, a warm pool longer than the model's maximum, a labeling job
    with more than 9 workers per object.

    ## Why is this bad?
    SageMaker refuses the request with a ``ValidationException`` when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge",
         "InstanceCount": 1, "VolumeSizeInGB": 99999}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createProcessingJob.sync",
     "Parameters": {"ProcessingJobName.$": "States.Format('prep-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1"},
       "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge",
         "InstanceCount": 1, "VolumeSizeInGB": 500}},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ProcessingClusterConfig
    """

    id = "SMS008"
    name = "sagemaker-number-range"
    severity = Severity.ERROR
    source_url = _API + "API_ProcessingClusterConfig.html"


class SagemakerCollectionSize(_ShapeRule):
    """## What it does
    Flags a list or map with fewer or more entries than the API allows: more than 100
    hyperparameters, more than 50 tags, an empty ``ProductionVariants``, more than 16 subnets.

    ## Why is this bad?
    SageMaker refuses the request with a ``ValidationException`` when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": []},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
     "Parameters": {"EndpointConfigName.$": "States.Format('config-{}', $$.Execution.Name)",
       "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.ModelName",
         "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}]},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateEndpointConfig
    """

    id = "SMS009"
    name = "sagemaker-collection-size"
    severity = Severity.ERROR
    source_url = _API + "API_CreateEndpointConfig.html"


class ReadOnlySagemakerMember(_ShapeRule):
    """## What it does
    Flags ``SelectedInstanceType`` and ``SelectedInstanceCount`` in a training job's
    ``ResourceConfig``: they appear in the Describe response and are often copied from it.

    ## Why is this bad?
    The API documents them as read-only members that "aren't accepted in CreateTrainingJob
    requests".

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30,
         "SelectedInstanceType": "ml.m5.xlarge"},
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
    - SageMaker API Reference: ResourceConfig
    """

    id = "SMS010"
    name = "read-only-sagemaker-member"
    severity = Severity.ERROR
    source_url = _API + "API_ResourceConfig.html"


class InstanceTypeUnknown(_ShapeRule):
    """## What it does
    Flags an instance type of the usual form ``ml.<family>.<size>`` that the bundled botocore
    data does not list for any SageMaker API.  It is a warning, not an error: SageMaker adds
    instance types faster than any release, so the type may be newer than the data.

    ## Why is this bad?
    If it is a typo or a type SageMaker does not offer, the request is refused when the state
    runs.  If the type is new, refresh the data (``scripts/generate_sagemaker_data.py``) or
    ignore the warning for that file.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/models/"},
       "ResourceConfig": {"InstanceType": "ml.m9.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
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
    - SageMaker API Reference: ResourceConfig
    """

    id = "SMS011"
    name = "instance-type-unknown"
    severity = Severity.WARNING
    source_url = _API + "API_ResourceConfig.html"


RULES: list[type[Rule]] = [
    UnknownSagemakerMember,
    MissingSagemakerMember,
    WrongSagemakerType,
    InvalidSagemakerEnum,
    InstanceTypeNotForApi,
    SagemakerStringLength,
    SagemakerStringPattern,
    SagemakerNumberRange,
    SagemakerCollectionSize,
    ReadOnlySagemakerMember,
    InstanceTypeUnknown,
]
