"""SMX2xx: what a SageMaker hyperparameter tuning job needs beyond its request shape.

The training settings inside a tuning job (its ``TrainingJobDefinition`` or each of
``TrainingJobDefinitions``) are checked by the SMX1xx rules of ``training.py``; these rules
check the tuning itself: the definitions, the ranges, the strategy and the resource limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.sagemaker.request import requests, static_number, static_string
from asllint_rules.sagemaker.training import plain

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint_rules.sagemaker.request import SageMakerTask, Value

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"
_OPERATION = "CreateHyperParameterTuningJob"

#: "Resource Limits for Automatic Model Tuning": at most 30 hyperparameters searched per tuning
#: job (integer, continuous and categorical together); 100 hyperparameters in all, static and
#: tuned, counting the ``_tuning_objective_metric`` SageMaker adds ("Define Hyperparameter Ranges").
MAX_TUNED = 30
MAX_HYPERPARAMETERS = 100
#: The limits page: a tuning job runs at most 30 days and has at most 20 metric definitions
#: (the model allows 15,768,000 seconds and 40 definitions).
TUNING_DOCUMENTED_MAX_RUNTIME_SECONDS = 2_592_000
TUNING_DOCUMENTED_MAX_METRICS = 20
_RANGE_KINDS = ("Integer", "Continuous", "Categorical")
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")
_DECIMAL = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*")
_EXECUTION_NAME = {"$$.Execution.Name", "{% $states.context.Execution.Name %}"}
#: A name that fits: the MD5 hash of the execution name is 32 hexadecimal characters.
_HASHED_NAME = {False: "States.Hash($$.Execution.Name, 'MD5')", True: "$hash($states.context.Execution.Name, 'MD5')"}


@dataclass(frozen=True)
class TuningJob:
    """A createHyperParameterTuningJob task with a static request."""

    task: SageMakerTask
    request: Value

    @property
    def config(self) -> Value | None:
        """``HyperParameterTuningJobConfig`` when it is a static object."""
        config = self.request.get("HyperParameterTuningJobConfig")
        return config if config is not None and config.is_object else None

    def config_value(self, *names: str) -> Value | None:
        return self.config.get(*names) if self.config is not None else None

    @property
    def strategy(self) -> str | None:
        return static_string(self.config_value("Strategy"))

    def definitions(self) -> list[Value]:
        """The training job definitions that are static objects."""
        found: list[Value] = []
        single = self.request.get("TrainingJobDefinition")
        if single is not None and single.is_object:
            found.append(single)
        many = self.request.get("TrainingJobDefinitions")
        found.extend(item for item in (many.items() if many is not None else ()) if item.is_object)
        return found

    def range_blocks(self) -> list[Value]:
        """Every static ranges object: the config's ``ParameterRanges`` and each definition's
        ``HyperParameterRanges``."""
        blocks = [self.config_value("ParameterRanges"), *(d.get("HyperParameterRanges") for d in self.definitions())]
        return [block for block in blocks if block is not None and block.is_object]

    def units(self) -> list[tuple[Value | None, Value | None]]:
        """``(definition, ranges)`` for each set of hyperparameters one training job gets: a
        definition's own ``HyperParameterRanges`` or else the config's ``ParameterRanges``."""
        shared = self.config_value("ParameterRanges")
        definitions = self.definitions()
        if not definitions:
            return [(None, shared)]
        return [(d, d.get("HyperParameterRanges") or shared) for d in definitions]

    def has_objective(self, definition: Value | None) -> bool:
        return self.config_value("HyperParameterTuningJobObjective") is not None or (
            definition is not None and definition.has("TuningObjective")
        )


def tuning_jobs(machine: StateMachine) -> Iterator[TuningJob]:
    for task, request in requests(machine, _OPERATION):
        yield TuningJob(task, request)


def ranges_of(block: Value | None, *kinds: str) -> list[tuple[str, Value]]:
    """``(kind, range)`` for each static range object of a ranges block, kinds in order."""
    found: list[tuple[str, Value]] = []
    if block is None or not block.is_object:
        return found
    for kind in kinds or _RANGE_KINDS:
        listed = block.get(f"{kind}ParameterRanges")
        found.extend((kind, item) for item in (listed.items() if listed is not None else ()) if item.is_object)
    return found


def tuned_names(block: Value | None) -> list[tuple[str, Value]]:
    """``(name, name value)`` of each tuned hyperparameter whose name is static."""
    found: list[tuple[str, Value]] = []
    for _kind, item in ranges_of(block):
        value = item.get("Name")
        if value is not None and value.string is not None:
            found.append((value.string, value))
    return found


def static_keys(definition: Value | None) -> set[str] | None:
    """The names of a definition's static hyperparameters (``None`` when not known)."""
    if definition is None:
        return set()
    static = definition.get("StaticHyperParameters")
    if static is None:
        return set()
    if not static.is_object:
        return None
    return {str(member.name) for member in static.members()}


class TuningDefinitionExactlyOne(Rule):
    """## What it does
    Flags a tuning job request that gives both ``TrainingJobDefinition`` and
    ``TrainingJobDefinitions``.  (Giving neither is reported by the shape check.)

    ## Why is this bad?
    A tuning job has one training job definition, or a list of up to ten of them for several
    algorithms, never both; SageMaker refuses the request when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
       "TrainingJobDefinitions": [{"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}]},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateHyperParameterTuningJob
    """

    id = "SMX201"
    name = "tuning-definition-exactly-one"
    severity = Severity.ERROR
    source_url = _API + "API_CreateHyperParameterTuningJob.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            many = job.request.get("TrainingJobDefinitions")
            if many is not None and job.request.has("TrainingJobDefinition"):
                yield Violation(
                    many.node,
                    "the request gives both TrainingJobDefinition and TrainingJobDefinitions; keep "
                    "TrainingJobDefinition for one algorithm or TrainingJobDefinitions for several",
                    on_key=True,
                )


class TuningNameFromExecutionName(Rule):
    """## What it does
    Flags a ``HyperParameterTuningJobName`` that is the execution name itself
    (``"HyperParameterTuningJobName.$": "$$.Execution.Name"``, or
    ``{% $states.context.Execution.Name %}`` in JSONata).

    ## Why is this bad?
    Tuning job names have at most 32 characters, and the execution name Step Functions
    generates when none is given is a 36-character UUID (names given by callers may have up to
    80 characters and contain ``_``, which job names cannot).  Such executions fail with a
    ``ValidationException`` at this state.  The MD5 hash of the execution name has 32
    hexadecimal characters: it fits, and stays unique per execution.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$$.Execution.Name",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "States.Hash($$.Execution.Name, 'MD5')",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateHyperParameterTuningJob (HyperParameterTuningJobName)
    - Step Functions API Reference: StartExecution (name)
    """

    id = "SMX202"
    name = "tuning-name-from-execution-name"
    severity = Severity.WARNING
    source_url = _API + "API_CreateHyperParameterTuningJob.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            name = job.request.get("HyperParameterTuningJobName")
            if name is None or not name.dynamic or not isinstance(name.value, str):
                continue
            if " ".join(name.value.split()) in _EXECUTION_NAME:
                yield Violation(
                    name.node,
                    "the tuning job name is the execution name, which is a 36-character UUID by default while "
                    "tuning job names have at most 32 characters; use its 32-character hash, "
                    f"{_HASHED_NAME[name.jsonata]}, or pass a short name in the input",
                )


class TuningRangeCount(Rule):
    """## What it does
    Flags a tuning job that searches more than 30 hyperparameters: the integer, continuous and
    categorical ranges of one training job definition together (each list alone is limited to
    30 by the shape check).

    ## Why is this bad?
    "The maximum number of hyperparameters that can be searched" is 30 per tuning job;
    SageMaker refuses the request.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Random",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"IntegerParameterRanges": [
           {"Name": "p01", "MinValue": "1", "MaxValue": "9"}, {"Name": "p02", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p03", "MinValue": "1", "MaxValue": "9"}, {"Name": "p04", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p05", "MinValue": "1", "MaxValue": "9"}, {"Name": "p06", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p07", "MinValue": "1", "MaxValue": "9"}, {"Name": "p08", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p09", "MinValue": "1", "MaxValue": "9"}, {"Name": "p10", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p11", "MinValue": "1", "MaxValue": "9"}, {"Name": "p12", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p13", "MinValue": "1", "MaxValue": "9"}, {"Name": "p14", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p15", "MinValue": "1", "MaxValue": "9"}, {"Name": "p16", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p17", "MinValue": "1", "MaxValue": "9"}, {"Name": "p18", "MinValue": "1", "MaxValue": "9"},
           {"Name": "p19", "MinValue": "1", "MaxValue": "9"}, {"Name": "p20", "MinValue": "1", "MaxValue": "9"}],
           "CategoricalParameterRanges": [
           {"Name": "c01", "Values": ["a", "b"]}, {"Name": "c02", "Values": ["a", "b"]},
           {"Name": "c03", "Values": ["a", "b"]}, {"Name": "c04", "Values": ["a", "b"]},
           {"Name": "c05", "Values": ["a", "b"]}, {"Name": "c06", "Values": ["a", "b"]},
           {"Name": "c07", "Values": ["a", "b"]}, {"Name": "c08", "Values": ["a", "b"]},
           {"Name": "c09", "Values": ["a", "b"]}, {"Name": "c10", "Values": ["a", "b"]},
           {"Name": "c11", "Values": ["a", "b"]}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Random",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"IntegerParameterRanges": [
           {"Name": "p01", "MinValue": "1", "MaxValue": "9"}, {"Name": "p02", "MinValue": "1", "MaxValue": "9"}],
           "CategoricalParameterRanges": [{"Name": "c01", "Values": ["a", "b"]}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "StaticHyperParameters": {"p03": "5", "c02": "a"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Resource Limits for Automatic Model Tuning
    - SageMaker Developer Guide: Define Hyperparameter Ranges
    """

    id = "SMX203"
    name = "tuning-range-count"
    severity = Severity.ERROR
    source_url = _DG + "automatic-model-tuning-limits.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            reported: set[str] = set()
            for _definition, block in job.units():
                if block is None or block.node.pointer in reported:
                    continue
                count = len(ranges_of(block))
                if count > MAX_TUNED:
                    reported.add(block.node.pointer)
                    yield Violation(
                        block.node,
                        f"{block.name} searches {count} hyperparameters, but a tuning job searches at most "
                        f"{MAX_TUNED}; fix the others in StaticHyperParameters",
                        on_key=True,
                    )


class TuningHyperparameterTotal(Rule):
    """## What it does
    Flags a tuning job whose training jobs would get more than 100 hyperparameters: the static
    ones, the tuned ones and the ``_tuning_objective_metric`` that SageMaker adds when the job
    has an objective.

    ## Why is this bad?
    A training job takes at most 100 hyperparameters, and "the objective metric ... counts
    toward the limit"; SageMaker refuses the tuning job.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "StaticHyperParameters": {
           "s01": "1", "s02": "1", "s03": "1", "s04": "1", "s05": "1", "s06": "1", "s07": "1", "s08": "1", "s09": "1",
           "s10": "1", "s11": "1", "s12": "1", "s13": "1", "s14": "1", "s15": "1", "s16": "1", "s17": "1", "s18": "1",
           "s19": "1", "s20": "1", "s21": "1", "s22": "1", "s23": "1", "s24": "1", "s25": "1", "s26": "1", "s27": "1",
           "s28": "1", "s29": "1", "s30": "1", "s31": "1", "s32": "1", "s33": "1", "s34": "1", "s35": "1", "s36": "1",
           "s37": "1", "s38": "1", "s39": "1", "s40": "1", "s41": "1", "s42": "1", "s43": "1", "s44": "1", "s45": "1",
           "s46": "1", "s47": "1", "s48": "1", "s49": "1", "s50": "1", "s51": "1", "s52": "1", "s53": "1", "s54": "1",
           "s55": "1", "s56": "1", "s57": "1", "s58": "1", "s59": "1", "s60": "1", "s61": "1", "s62": "1", "s63": "1",
           "s64": "1", "s65": "1", "s66": "1", "s67": "1", "s68": "1", "s69": "1", "s70": "1", "s71": "1", "s72": "1",
           "s73": "1", "s74": "1", "s75": "1", "s76": "1", "s77": "1", "s78": "1", "s79": "1", "s80": "1", "s81": "1",
           "s82": "1", "s83": "1", "s84": "1", "s85": "1", "s86": "1", "s87": "1", "s88": "1", "s89": "1", "s90": "1",
           "s91": "1", "s92": "1", "s93": "1", "s94": "1", "s95": "1", "s96": "1", "s97": "1", "s98": "1", "s99": "1"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "StaticHyperParameters": {"s01": "1", "s02": "1", "s03": "1"},
         "InputDataConfig": [{"ChannelName": "config",
           "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://example-bucket/config/"}}}],
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Define Hyperparameter Ranges
    - SageMaker API Reference: HyperParameterTrainingJobDefinition (StaticHyperParameters)
    """

    id = "SMX204"
    name = "tuning-hyperparameter-total"
    severity = Severity.ERROR
    source_url = _DG + "automatic-model-tuning-define-ranges.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            for definition, block in job.units():
                static = static_keys(definition)
                if static is None or len(static) > MAX_HYPERPARAMETERS:
                    continue  # not known, or already too many for the shape check (SMS009)
                tuned = {name for name, _value in tuned_names(block)} - static
                objective = 1 if job.has_objective(definition) else 0
                total = len(static) + len(tuned) + objective
                if total <= MAX_HYPERPARAMETERS:
                    continue
                where = definition.get("StaticHyperParameters") if definition is not None else None
                if where is None:
                    continue
                yield Violation(
                    where.node,
                    f"the training jobs would get {total} hyperparameters ({len(static)} static, {len(tuned)} tuned"
                    f"{', and _tuning_objective_metric' if objective else ''}), over the limit of "
                    f"{MAX_HYPERPARAMETERS}; move static settings into a file in an input channel",
                    on_key=True,
                )


class TuningStaticAndTuned(Rule):
    """## What it does
    Flags a hyperparameter that a tuning job both fixes in ``StaticHyperParameters`` and
    searches in a range, or searches in two ranges.

    ## Why is this bad?
    A hyperparameter has one value per training job: either the tuner chooses it or the
    definition fixes it.  With both, it is unclear which value the training job gets, and the
    request may be refused.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "StaticHyperParameters": {"eta": "0.1", "num_round": "100"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "StaticHyperParameters": {"num_round": "100"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Define Hyperparameter Ranges
    """

    id = "SMX205"
    name = "tuning-static-and-tuned"
    severity = Severity.WARNING
    source_url = _DG + "automatic-model-tuning-define-ranges.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            reported: set[str] = set()
            for definition, block in job.units():
                static = static_keys(definition) or set()
                seen: set[str] = set()
                for name, value in tuned_names(block):
                    pointer = value.node.pointer
                    if name in seen and pointer not in reported:
                        reported.add(pointer)
                        yield Violation(
                            value.node, f"hyperparameter {name!r} is tuned by two ranges; keep one range for it"
                        )
                    elif name in static and pointer not in reported:
                        reported.add(pointer)
                        yield Violation(
                            value.node,
                            f"hyperparameter {name!r} is both tuned and set in StaticHyperParameters; remove the "
                            "static value or the range",
                        )
                    seen.add(name)


class TuningRangeValues(Rule):
    """## What it does
    Checks the bounds of each integer and continuous range of a tuning job: ``MinValue`` and
    ``MaxValue`` must be numbers written as strings (whole numbers for integer ranges),
    ``MinValue`` must not exceed ``MaxValue``, ``Logarithmic`` scaling needs ``MinValue`` above
    0, and ``ReverseLogarithmic`` scaling needs the whole range within 0 <= x < 1.

    ## Why is this bad?
    SageMaker refuses the request: a range it cannot parse or order cannot be searched, and the
    logarithmic scalings are undefined outside those bounds ("Reverse logarithmic scaling works
    only for ranges that are entirely within the range 0<=x<1.0").

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [
           {"Name": "eta", "MinValue": "0", "MaxValue": "0.3", "ScalingType": "Logarithmic"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [
           {"Name": "eta", "MinValue": "0.001", "MaxValue": "0.3", "ScalingType": "Logarithmic"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ContinuousParameterRange, IntegerParameterRange
    - SageMaker Developer Guide: Define Hyperparameter Ranges
    """

    id = "SMX206"
    name = "tuning-range-values"
    severity = Severity.ERROR
    source_url = _API + "API_ContinuousParameterRange.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            for block in job.range_blocks():
                for kind, item in ranges_of(block, "Integer", "Continuous"):
                    yield from self._check_range(kind, item)

    @staticmethod
    def _check_range(kind: str, item: Value) -> Iterator[Violation]:
        name = static_string(item.get("Name"))
        label = f"range {name!r}" if name is not None else "the range"
        pattern = _INTEGER if kind == "Integer" else _DECIMAL
        bounds: dict[str, float] = {}
        written: dict[str, str] = {}
        for member in ("MinValue", "MaxValue"):
            value = item.get(member)
            text = static_string(value)
            if value is None or text is None:
                continue
            if not pattern.fullmatch(text):
                what = "a whole number" if kind == "Integer" else "a number"
                yield Violation(value.node, f"{member} {text!r} of {label} is not {what}; write {what} as a string")
                continue
            bounds[member], written[member] = float(text), text.strip()
        low, high = bounds.get("MinValue"), bounds.get("MaxValue")
        min_value = item.get("MinValue")
        if low is not None and high is not None and low > high:
            assert min_value is not None
            yield Violation(
                min_value.node,
                f"MinValue {written['MinValue']} of {label} is above its MaxValue {written['MaxValue']}; swap the bounds",
            )
            return
        scaling = static_string(item.get("ScalingType"))
        if scaling == "Logarithmic" and low is not None and low <= 0:
            assert min_value is not None
            yield Violation(
                min_value.node,
                f"{label} uses Logarithmic scaling, which needs MinValue above 0, not {written['MinValue']}; raise MinValue or "
                "use Linear scaling",
            )
        elif scaling == "ReverseLogarithmic":
            if low is not None and low < 0:
                assert min_value is not None
                yield Violation(
                    min_value.node,
                    f"{label} uses ReverseLogarithmic scaling, which needs the range within 0 <= x < 1, but MinValue "
                    f"is {written['MinValue']}; raise it to 0 or more or use Linear scaling",
                )
            max_value = item.get("MaxValue")
            if high is not None and high >= 1:
                assert max_value is not None
                yield Violation(
                    max_value.node,
                    f"{label} uses ReverseLogarithmic scaling, which needs the range within 0 <= x < 1, but MaxValue "
                    f"is {written['MaxValue']}; lower it below 1 or use Linear scaling",
                )


class HyperbandConstraints(Rule):
    """## What it does
    Flags a tuning job whose strategy settings do not fit together: ``Strategy: Hyperband``
    with ``TrainingJobEarlyStoppingType: Auto``, or a ``StrategyConfig`` (Hyperband settings)
    with another strategy.

    ## Why is this bad?
    Hyperband stops training jobs early itself, so "TrainingJobEarlyStoppingType must be OFF to
    use Hyperband", and ``StrategyConfig`` "should be provided only if Hyperband is selected".
    SageMaker refuses the request.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Hyperband", "TrainingJobEarlyStoppingType": "Auto",
         "StrategyConfig": {"HyperbandStrategyConfig": {"MinResource": 1, "MaxResource": 30}},
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Hyperband", "TrainingJobEarlyStoppingType": "Off",
         "StrategyConfig": {"HyperbandStrategyConfig": {"MinResource": 1, "MaxResource": 30}},
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: HyperParameterTuningJobConfig (TrainingJobEarlyStoppingType, StrategyConfig)
    - SageMaker Developer Guide: Understand the hyperparameter tuning strategies available
    """

    id = "SMX207"
    name = "hyperband-constraints"
    severity = Severity.ERROR
    source_url = _API + "API_HyperParameterTuningJobConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            strategy = job.strategy
            if strategy is None:
                continue
            stopping = job.config_value("TrainingJobEarlyStoppingType")
            if strategy == "Hyperband" and static_string(stopping) == "Auto":
                assert stopping is not None
                yield Violation(
                    stopping.node,
                    "Hyperband stops training jobs early itself, so TrainingJobEarlyStoppingType must be Off; set "
                    "it to Off or remove it",
                )
            strategy_config = job.config_value("StrategyConfig")
            if strategy != "Hyperband" and strategy_config is not None:
                yield Violation(
                    strategy_config.node,
                    f"StrategyConfig holds Hyperband settings, but the strategy is {strategy}; remove StrategyConfig "
                    "or use the Hyperband strategy",
                    on_key=True,
                )


class GridWithNumericRanges(Rule):
    """## What it does
    Flags a tuning job with ``Strategy: Grid`` that has integer or continuous ranges.

    ## Why is this bad?
    Grid search enumerates every combination of values, so "only categorical parameters are
    supported"; SageMaker refuses the request.  List the values to try as a categorical range.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Grid",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "3", "MaxValue": "9"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Grid",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"CategoricalParameterRanges": [{"Name": "max_depth", "Values": ["3", "6", "9"]}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker Developer Guide: Understand the hyperparameter tuning strategies available (Grid search)
    """

    id = "SMX208"
    name = "grid-with-numeric-ranges"
    severity = Severity.ERROR
    source_url = _DG + "automatic-model-tuning-how-it-works.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            if job.strategy != "Grid":
                continue
            for block in job.range_blocks():
                for kind in ("Integer", "Continuous"):
                    listed = block.get(f"{kind}ParameterRanges")
                    if listed is not None and listed.is_array and listed.value:
                        yield Violation(
                            listed.node,
                            f"grid search takes only categorical ranges, not {kind}ParameterRanges; list the values "
                            "to try in CategoricalParameterRanges",
                            on_key=True,
                        )


class TuningResourceConfig(Rule):
    """## What it does
    Flags a tuning job definition that gives both ``ResourceConfig`` and
    ``HyperParameterTuningResourceConfig``, or a ``HyperParameterTuningResourceConfig`` with
    ``InstanceConfigs`` that also sets ``InstanceType``, ``InstanceCount`` or
    ``VolumeSizeInGB``.

    ## Why is this bad?
    The cluster of a tuning job's training jobs is described once: by ``ResourceConfig``, or by
    ``HyperParameterTuningResourceConfig``, which with ``InstanceConfigs`` lists the choices
    ("If you specify InstanceConfigs, do not provide values for InstanceType, VolumeSizeInGB or
    InstanceCount").  SageMaker refuses the request.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "HyperParameterTuningResourceConfig": {"InstanceType": "ml.m5.xlarge", "AllocationStrategy": "Prioritized",
           "InstanceConfigs": [{"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
             {"InstanceType": "ml.m5.2xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}]},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "HyperParameterTuningResourceConfig": {"AllocationStrategy": "Prioritized",
           "InstanceConfigs": [{"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
             {"InstanceType": "ml.m5.2xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}]},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: HyperParameterTuningResourceConfig, HyperParameterTrainingJobDefinition
    """

    id = "SMX210"
    name = "tuning-resource-config"
    severity = Severity.ERROR
    source_url = _API + "API_HyperParameterTuningResourceConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            for definition in job.definitions():
                tuning_config = definition.get("HyperParameterTuningResourceConfig")
                if tuning_config is None:
                    continue
                if definition.has("ResourceConfig"):
                    yield Violation(
                        tuning_config.node,
                        "the definition gives both ResourceConfig and HyperParameterTuningResourceConfig; keep one "
                        "of them",
                        on_key=True,
                    )
                if not tuning_config.is_object or not tuning_config.has("InstanceConfigs"):
                    continue
                for member in ("InstanceType", "InstanceCount", "VolumeSizeInGB"):
                    found = tuning_config.get(member)
                    if found is not None:
                        yield Violation(
                            found.node,
                            f"{member} cannot be combined with InstanceConfigs; set it in each instance "
                            "configuration instead",
                            on_key=True,
                        )


class TuningResourceLimits(Rule):
    """## What it does
    Flags tuning job limits that do not make sense or exceed the documented quotas:
    ``MaxParallelTrainingJobs`` above ``MaxNumberOfTrainingJobs``, a
    ``ResourceLimits.MaxRuntimeInSeconds`` above 30 days, and more than 20 metric definitions
    in a training job definition's ``AlgorithmSpecification``.

    ## Why is this bad?
    A tuning job never runs more jobs in parallel than it runs in all, so the parallel limit is
    misleading and probably one of the two numbers is wrong.  The limits page of automatic model
    tuning documents at most 30 days and 20 metric definitions per tuning job (the API model
    allows more), so such jobs may be refused.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 8},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
     "Parameters": {"HyperParameterTuningJobName.$": "$.TuningJobName",
       "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
         "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
         "ResourceLimits": {"MaxNumberOfTrainingJobs": 8, "MaxParallelTrainingJobs": 4},
         "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3"}]}},
       "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
           "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://example-bucket/tuning/"},
         "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: ResourceLimits
    - SageMaker Developer Guide: Resource Limits for Automatic Model Tuning
    """

    id = "SMX211"
    name = "tuning-resource-limits"
    severity = Severity.WARNING
    source_url = _API + "API_ResourceLimits.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for job in tuning_jobs(machine):
            parallel = job.config_value("ResourceLimits", "MaxParallelTrainingJobs")
            total = static_number(job.config_value("ResourceLimits", "MaxNumberOfTrainingJobs"))
            in_parallel = static_number(parallel)
            if parallel is not None and in_parallel is not None and total is not None and in_parallel > total:
                yield Violation(
                    parallel.node,
                    f"MaxParallelTrainingJobs ({plain(in_parallel)}) is above MaxNumberOfTrainingJobs ({plain(total)}), so at "
                    f"most {plain(total)} jobs ever run in parallel; lower it or raise MaxNumberOfTrainingJobs",
                )
            runtime = job.config_value("ResourceLimits", "MaxRuntimeInSeconds")
            seconds = static_number(runtime)
            if runtime is not None and seconds is not None and seconds > TUNING_DOCUMENTED_MAX_RUNTIME_SECONDS:
                yield Violation(
                    runtime.node,
                    f"ResourceLimits.MaxRuntimeInSeconds is {plain(seconds)} ({seconds / 86_400:.1f} days), above the 30 "
                    f"days a tuning job may run; lower it to {TUNING_DOCUMENTED_MAX_RUNTIME_SECONDS} or less",
                )
            for definition in job.definitions():
                metrics = definition.get("AlgorithmSpecification", "MetricDefinitions")
                if metrics is None or not metrics.is_array:
                    continue
                count = len(metrics.value)
                if count > TUNING_DOCUMENTED_MAX_METRICS:
                    yield Violation(
                        metrics.node,
                        f"the definition has {count} metric definitions, above the {TUNING_DOCUMENTED_MAX_METRICS} a "
                        "tuning job supports; keep the objective metric and the ones you need",
                        on_key=True,
                    )


RULES: list[type[Rule]] = [
    TuningDefinitionExactlyOne,
    TuningNameFromExecutionName,
    TuningRangeCount,
    TuningHyperparameterTotal,
    TuningStaticAndTuned,
    TuningRangeValues,
    HyperbandConstraints,
    GridWithNumericRanges,
    TuningResourceConfig,
    TuningResourceLimits,
]
