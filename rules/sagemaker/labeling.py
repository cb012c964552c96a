"""SMX6xx: cross-field rules of CreateLabelingJob that botocore's model cannot express.

Several limits depend on the task type, which a request does not state.  It is read from
the pre-annotation Lambda function of a built-in task type (``...:function:PRE-BoundingBox``,
listed under ``HumanTaskConfig.PreHumanTaskLambdaArn`` in the API Reference) or from the
worker task template ARN (``...:human-task-ui/VideoObjectTracking``); when neither names a
type, a job with a ``UiTemplateS3Uri`` is a custom, image or text job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.sagemaker.request import given, possibly_given, requests, static_number, static_string

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint_rules.sagemaker.request import Value

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_CREATE_LABELING_JOB = _API + "API_CreateLabelingJob.html"
_HUMAN_TASK_CONFIG = _API + "API_HumanTaskConfig.html"

#: Maximum ``TaskTimeLimitInSeconds`` for custom, image and text tasks (8 hours) and for 3D
#: point cloud and video frame tasks (30 days); HumanTaskConfig.TaskTimeLimitInSeconds.
SHORT_TASK_LIMIT = 28_800
LONG_TASK_LIMIT = 2_592_000
#: Maximum ``TaskAvailabilityLifetimeInSeconds`` with the Amazon Mechanical Turk workforce.
MTURK_AVAILABILITY_LIMIT = 43_200
MTURK_WORKTEAM = ":workteam/public-crowd/default"

#: Built-in task types (the ``PRE-<type>`` Lambda functions), by the time limit that applies.
IMAGE_AND_TEXT_TASKS = frozenset(
    {
        "BoundingBox",
        "AdjustmentBoundingBox",
        "VerificationBoundingBox",
        "ImageMultiClass",
        "ImageMultiClassMultiLabel",
        "SemanticSegmentation",
        "AdjustmentSemanticSegmentation",
        "VerificationSemanticSegmentation",
        "TextMultiClass",
        "TextMultiClassMultiLabel",
        "NamedEntityRecognition",
    }
)
POINT_CLOUD_AND_VIDEO_FRAME_TASKS = frozenset(
    {
        "3DPointCloudObjectDetection",
        "3DPointCloudObjectTracking",
        "3DPointCloudSemanticSegmentation",
        "Adjustment3DPointCloudObjectDetection",
        "Adjustment3DPointCloudObjectTracking",
        "Adjustment3DPointCloudSemanticSegmentation",
        "VideoObjectDetection",
        "VideoObjectTracking",
        "AdjustmentVideoObjectDetection",
        "AdjustmentVideoObjectTracking",
    }
)
#: Task types whose ``LabelAttributeName`` must end with ``-ref``, and the one that must not.
REF_TASKS = frozenset(
    {
        "SemanticSegmentation",
        "AdjustmentSemanticSegmentation",
        "VideoObjectDetection",
        "AdjustmentVideoObjectDetection",
        "VideoObjectTracking",
        "AdjustmentVideoObjectTracking",
        "3DPointCloudSemanticSegmentation",
        "Adjustment3DPointCloudSemanticSegmentation",
        "3DPointCloudObjectTracking",
        "Adjustment3DPointCloudObjectTracking",
    }
)
NO_REF_TASKS = frozenset({"VerificationSemanticSegmentation"})
#: Worker task templates (``human-task-ui/<name>``) and the task type each one stands for; the
#: adjustment variants of a type share its template and its rules.
UI_TASKS = {
    "NamedEntityRecognition": "NamedEntityRecognition",
    "PointCloudObjectDetection": "3DPointCloudObjectDetection",
    "PointCloudObjectTracking": "3DPointCloudObjectTracking",
    "PointCloudSemanticSegmentation": "3DPointCloudSemanticSegmentation",
    "VideoObjectDetection": "VideoObjectDetection",
    "VideoObjectTracking": "VideoObjectTracking",
}
#: Task types that need a ``HumanTaskUiArn`` rather than a ``UiTemplateS3Uri``.
UI_ARN_TASKS = frozenset({"NamedEntityRecognition"} | POINT_CLOUD_AND_VIDEO_FRAME_TASKS)


def _lambda_task(human: Value) -> str | None:
    """The built-in task type a ``PRE-<type>`` pre-annotation Lambda names, if any."""
    arn = static_string(human.get("PreHumanTaskLambdaArn"))
    if arn is None or ":function:" not in arn:
        return None
    function = arn.split(":function:", 1)[1].split(":", 1)[0]
    return function[4:] if function.startswith("PRE-") else None


def _ui_task(human: Value) -> str | None:
    """The task type a worker task template ARN stands for, if any."""
    arn = static_string(human.get("UiConfig", "HumanTaskUiArn"))
    if arn is None or "human-task-ui/" not in arn:
        return None
    return UI_TASKS.get(arn.rsplit("human-task-ui/", 1)[1])


def task_type(human: Value) -> str | None:
    """The built-in task type of a labeling job's ``HumanTaskConfig``, when it is certain."""
    return _lambda_task(human) or _ui_task(human)


def task_time_limit(human: Value) -> int | None:
    """The maximum ``TaskTimeLimitInSeconds`` for this job, or ``None`` when it is not known."""
    kind = task_type(human)
    if kind in IMAGE_AND_TEXT_TASKS:
        return SHORT_TASK_LIMIT
    if kind in POINT_CLOUD_AND_VIDEO_FRAME_TASKS:
        return LONG_TASK_LIMIT
    if kind is not None:
        return None  # a built-in type the documentation gives no limit for (video classification)
    pre = human.get("PreHumanTaskLambdaArn")
    if pre is not None and pre.dynamic:
        return None
    ui = human.get("UiConfig")
    if ui is not None and given(ui.get("UiTemplateS3Uri")) and not possibly_given(ui.get("HumanTaskUiArn")):
        # only 3D point cloud and video frame jobs allow more, and they need a HumanTaskUiArn
        return SHORT_TASK_LIMIT
    return None


class LabelingDataSource(Rule):
    """## What it does
    Flags a labeling job whose ``InputConfig.DataSource`` has neither ``S3DataSource`` (an
    input manifest) nor ``SnsDataSource`` (an input topic for a streaming job).

    ## Why is this bad?
    "You must specify at least one of the following: S3DataSource or SnsDataSource."  Neither
    member is marked required in the model, so the request looks valid until SageMaker
    refuses it when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "category", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/templates/classify.liquid.html"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
         "TaskTitle": "Classify tickets", "TaskDescription": "Pick the category of each support ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300,
         "AnnotationConsolidationConfig": {
           "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass"}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "category", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/templates/classify.liquid.html"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
         "TaskTitle": "Classify tickets", "TaskDescription": "Pick the category of each support ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300,
         "AnnotationConsolidationConfig": {
           "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass"}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateLabelingJob, LabelingJobDataSource
    """

    id = "SMX601"
    name = "labeling-data-source"
    severity = Severity.ERROR
    source_url = _API + "API_LabelingJobDataSource.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateLabelingJob"):
            source = request.get("InputConfig", "DataSource")
            if source is None or not source.is_object:
                continue
            if not possibly_given(source.get("S3DataSource")) and not possibly_given(source.get("SnsDataSource")):
                yield Violation(
                    source.node,
                    "DataSource names no input; add S3DataSource with the input manifest, or SnsDataSource for a "
                    "streaming labeling job",
                )


class LabelAttributeName(Rule):
    """## What it does
    Checks a labeling job's ``LabelAttributeName``: it must not end with ``-metadata``; for
    semantic segmentation, video frame object detection and tracking, and 3D point cloud
    semantic segmentation and object tracking jobs (and their adjustment jobs) it must end with
    ``-ref``; for semantic segmentation verification jobs it must not.  The task type is read
    from the built-in pre-annotation Lambda or the worker task template.

    ## Why is this bad?
    The name is the key of the label in the output manifest; Ground Truth keeps
    ``<name>-metadata`` for itself and uses ``-ref`` for labels stored as files.  The API
    documents these requirements, and SageMaker refuses the job when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "category-metadata", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/templates/classify.liquid.html"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
         "TaskTitle": "Classify tickets", "TaskDescription": "Pick the category of each support ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300,
         "AnnotationConsolidationConfig": {
           "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass"}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "category", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/templates/classify.liquid.html"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
         "TaskTitle": "Classify tickets", "TaskDescription": "Pick the category of each support ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300,
         "AnnotationConsolidationConfig": {
           "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass"}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: CreateLabelingJob (LabelAttributeName)
    """

    id = "SMX602"
    name = "label-attribute-name"
    severity = Severity.ERROR
    source_url = _CREATE_LABELING_JOB

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateLabelingJob"):
            label = request.get("LabelAttributeName")
            text = static_string(label)
            if label is None or text is None:
                continue
            if text.endswith("-metadata"):
                yield Violation(
                    label.node,
                    f"LabelAttributeName {text!r} ends with -metadata, which Ground Truth keeps for its own key; "
                    f"choose another name",
                )
                continue
            human = request.get("HumanTaskConfig")
            kind = task_type(human) if human is not None else None
            if kind in REF_TASKS and not text.endswith("-ref"):
                yield Violation(
                    label.node,
                    f"a {kind} labeling job needs a LabelAttributeName that ends with -ref; write {text + '-ref'!r}",
                )
            elif kind in NO_REF_TASKS and text.endswith("-ref"):
                yield Violation(
                    label.node,
                    f"a {kind} labeling job needs a LabelAttributeName that does not end with -ref; "
                    f"write {text.removesuffix('-ref')!r}",
                )


class LabelingUi(Rule):
    """## What it does
    Checks a labeling job's ``HumanTaskConfig.UiConfig``: exactly one of ``UiTemplateS3Uri``
    (a worker task template in S3) and ``HumanTaskUiArn`` (a template that AWS provides), and
    ``HumanTaskUiArn`` for named entity recognition, 3D point cloud and video frame jobs.

    ## Why is this bad?
    The two members are alternative ways to give the worker UI, and the API says to use
    ``HumanTaskUiArn`` "when you are creating a labeling job for named entity recognition, 3D
    point cloud and video frame labeling jobs".  A job with none, both, or the wrong one is
    refused when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "entities", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "LabelCategoryConfigS3Uri": "s3://example-bucket/labels/categories.json",
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/templates/entities.liquid.html"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-NamedEntityRecognition",
         "TaskTitle": "Mark products", "TaskDescription": "Mark every product name in the ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300,
         "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn":
           "arn:aws:lambda:us-east-1:432418664414:function:ACS-NamedEntityRecognition"}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "entities", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "LabelCategoryConfigS3Uri": "s3://example-bucket/labels/categories.json",
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {
           "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/NamedEntityRecognition"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-NamedEntityRecognition",
         "TaskTitle": "Mark products", "TaskDescription": "Mark every product name in the ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300,
         "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn":
           "arn:aws:lambda:us-east-1:432418664414:function:ACS-NamedEntityRecognition"}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: UiConfig
    """

    id = "SMX603"
    name = "labeling-ui"
    severity = Severity.ERROR
    source_url = _API + "API_UiConfig.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateLabelingJob"):
            human = request.get("HumanTaskConfig")
            ui = human.get("UiConfig") if human is not None else None
            if human is None or ui is None or not ui.is_object:
                continue
            template, arn = ui.get("UiTemplateS3Uri"), ui.get("HumanTaskUiArn")
            if given(template) and given(arn):
                yield Violation(
                    arn.node,
                    "UiConfig gives both UiTemplateS3Uri and HumanTaskUiArn; keep the one the task type uses",
                    on_key=True,
                )
            elif not possibly_given(template) and not possibly_given(arn):
                yield Violation(
                    ui.node,
                    "UiConfig names no worker UI; add UiTemplateS3Uri (a template in S3) or HumanTaskUiArn "
                    "(for named entity recognition, 3D point cloud and video frame jobs)",
                    on_key=True,
                )
            elif given(template) and not possibly_given(arn):
                kind = _lambda_task(human)
                if kind in UI_ARN_TASKS:
                    yield Violation(
                        template.node,
                        f"a {kind} labeling job takes its worker UI from HumanTaskUiArn, not UiTemplateS3Uri; use "
                        f"the human-task-ui ARN that the API Reference lists for the task type",
                        on_key=True,
                    )


class LabelingTimeLimits(Rule):
    """## What it does
    Flags a ``TaskTimeLimitInSeconds`` above the maximum for the job's task type — 8 hours
    (28,800 s) for custom, image and text jobs, 30 days for 3D point cloud and video frame
    jobs — and a ``TaskAvailabilityLifetimeInSeconds`` above 12 hours (43,200 s) with the
    Amazon Mechanical Turk workforce.  It judges only jobs whose type is certain (see
    ``labeling-time-limit-task-type`` for the others).

    ## Why is this bad?
    The API documents these maxima in ``HumanTaskConfig``; the model sets only the minimum, so
    the request looks valid until SageMaker refuses it when the state runs.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "category", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/templates/classify.liquid.html"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
         "TaskTitle": "Classify tickets", "TaskDescription": "Pick the category of each support ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 86400,
         "AnnotationConsolidationConfig": {
           "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass"}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "category", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri": "s3://example-bucket/templates/classify.liquid.html"},
         "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
         "TaskTitle": "Classify tickets", "TaskDescription": "Pick the category of each support ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 28800,
         "AnnotationConsolidationConfig": {
           "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass"}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: HumanTaskConfig
    """

    id = "SMX604"
    name = "labeling-time-limits"
    severity = Severity.ERROR
    source_url = _HUMAN_TASK_CONFIG

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateLabelingJob"):
            human = request.get("HumanTaskConfig")
            if human is None or not human.is_object:
                continue
            limit = human.get("TaskTimeLimitInSeconds")
            seconds = static_number(limit)
            maximum = task_time_limit(human)
            if limit is not None and seconds is not None and maximum is not None and seconds > maximum:
                kind = task_type(human) or "custom, image or text"
                yield Violation(
                    limit.node,
                    f"TaskTimeLimitInSeconds is {seconds:,}; a {kind} labeling job allows at most {maximum:,} "
                    f"({_duration(maximum)}), so lower it",
                )
            lifetime = human.get("TaskAvailabilityLifetimeInSeconds")
            available = static_number(lifetime)
            workteam = static_string(human.get("WorkteamArn"))
            if (
                lifetime is not None
                and available is not None
                and workteam is not None
                and workteam.endswith(MTURK_WORKTEAM)
                and available > MTURK_AVAILABILITY_LIMIT
            ):
                yield Violation(
                    lifetime.node,
                    f"TaskAvailabilityLifetimeInSeconds is {available:,}; with the Amazon Mechanical Turk workforce "
                    f"the maximum is {MTURK_AVAILABILITY_LIMIT:,} (12 hours), so lower it",
                )


class LabelingTimeLimitTaskType(Rule):
    """## What it does
    Flags a ``TaskTimeLimitInSeconds`` above 8 hours (28,800 s) in a labeling job whose task
    type cannot be read from the definition (for instance a dynamic ``HumanTaskUiArn`` or
    pre-annotation Lambda).

    ## Why is this bad?
    Only 3D point cloud and video frame jobs may give workers more than 8 hours per task;
    custom, image and text jobs with a longer limit are refused when the state runs.  If the
    job is a 3D point cloud or video frame job, suppress this warning for it.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "category", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri.$": "$.template"},
         "PreHumanTaskLambdaArn.$": "$.preAnnotationLambda",
         "TaskTitle": "Classify tickets", "TaskDescription": "Pick the category of each support ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 86400,
         "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn.$": "$.consolidationLambda"}}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createLabelingJob.sync",
     "Parameters": {"LabelingJobName.$": "States.Format('label-{}', $$.Execution.Name)",
       "LabelAttributeName": "category", "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://example-bucket/tickets.manifest"}}},
       "OutputConfig": {"S3OutputPath": "s3://example-bucket/labels/"},
       "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers",
         "UiConfig": {"UiTemplateS3Uri.$": "$.template"},
         "PreHumanTaskLambdaArn.$": "$.preAnnotationLambda",
         "TaskTitle": "Classify tickets", "TaskDescription": "Pick the category of each support ticket",
         "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 28800,
         "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn.$": "$.consolidationLambda"}}},
     "End": true}
    ```

    ## References
    - SageMaker API Reference: HumanTaskConfig
    """

    id = "SMX605"
    name = "labeling-time-limit-task-type"
    severity = Severity.WARNING
    source_url = _HUMAN_TASK_CONFIG

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for _task, request in requests(machine, "CreateLabelingJob"):
            human = request.get("HumanTaskConfig")
            if human is None or not human.is_object or task_type(human) is not None:
                continue
            limit = human.get("TaskTimeLimitInSeconds")
            seconds = static_number(limit)
            if limit is None or seconds is None or seconds <= SHORT_TASK_LIMIT or task_time_limit(human) is not None:
                continue
            yield Violation(
                limit.node,
                f"TaskTimeLimitInSeconds is {seconds:,}, above the {SHORT_TASK_LIMIT:,} (8 hours) that custom, image "
                f"and text labeling jobs allow; lower it unless this is a 3D point cloud or video frame job",
            )


def _duration(seconds: int) -> str:
    days, rest = divmod(seconds, 86_400)
    return f"{days} days" if days and not rest else f"{seconds // 3600} hours"


RULES: list[type[Rule]] = [
    LabelingDataSource,
    LabelAttributeName,
    LabelingUi,
    LabelingTimeLimits,
    LabelingTimeLimitTaskType,
]
