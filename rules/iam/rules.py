"""IAM001-IAM004, IAM010."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from asllint import Rule, Severity, Violation
from asllint.iam.policy import Decision, Request, Statement, decide, statements
from asllint.iam.requirements import Need, needs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import Node, StateMachine

_SFN_IAM = "https://docs.aws.amazon.com/step-functions/latest/dg/service-integration-iam-templates.html"
#: condition keys whose presence the definition decides (absent unless a template sets them)
_KNOWN_KEYS = frozenset({"iam:passedtoservice"})


def _policy(machine: StateMachine) -> list[Statement]:
    """The role's statements: from ``--policy``/``iam-policy``, else from the template."""
    cache: dict[str, list[Statement]] = machine.cache
    found = cache.get(__name__)
    if found is None:
        found = []
        roots = list(machine.settings.iam_policies)
        if not roots and machine.template is not None:
            role = machine.template.role_policy()
            if role is not None:
                roots = role.documents
                machine.cache[__name__ + ".complete"] = role.complete
                if not roots:
                    machine.cache[__name__ + ".empty"] = True
        for root in roots:
            found.extend(statements(root))
        cache[__name__] = found
    return found


def _complete(machine: StateMachine) -> bool:
    """Whether everything the role has is known (an AWS managed policy may grant anything)."""
    _policy(machine)
    return bool(machine.cache.get(__name__ + ".complete", True))


def _decisions(machine: StateMachine) -> list[tuple[Need, Decision, list[Statement]]]:
    """Each need of the machine with the policy's decision, computed once per machine."""
    key = __name__ + ".decisions"
    found = machine.cache.get(key)
    if found is None:
        policy = _policy(machine)
        found = []
        if policy or machine.cache.get(__name__ + ".empty"):
            for need in needs(machine):
                if not need.checked:
                    continue
                request = Request(need.action, need.wanted, need.context, _KNOWN_KEYS | need.known_keys)
                decision, basis = decide(policy, request)
                found.append((need, decision, basis))
        machine.cache[key] = found
    return found


_LABELS = {
    "map:distributed": "the Distributed Map (its child executions)",
    "s3:getObject": "the Distributed Map's ItemReader",
    "s3:listObjectsV2": "the Distributed Map's ItemReader",
    "s3:putObject": "the Distributed Map's ResultWriter",
}


def _label(need: Need) -> str:
    return _LABELS.get(need.integration, need.integration)


def _resource_node(need: Need) -> Node:
    node = need.state.field(*need.at)
    return node if node is not None else need.state.node


class MissingPermission(Rule):
    """## What it does
    Checks each Task state against the IAM policy of the state machine's role (``asllint check
    --policy FILE``): every action the Step Functions Developer Guide's policy template for that
    integration lists (for SageMaker ``.sync``: the Create, Describe and Stop actions on the job,
    ``sagemaker:ListTags``, ``iam:PassRole`` on the ``RoleArn`` passed, and the EventBridge actions
    on the managed rule) must be allowed on the resource the definition names.  This rule reports
    what the call itself needs: the integration's own action and ``iam:PassRole``; ``IAM003``
    reports what following the job needs, ``IAM004`` what some runs need.  The finding is on the
    state's ``Resource`` and names the action and the resource.  Without a policy (``--policy``,
    ``iam-policy`` or the role in the template) the rule checks nothing; a grant asllint cannot
    decide is not reported.

    ## Why is this bad?
    The state fails at run time with ``States.TaskFailed`` (AccessDenied).

    ## Example
    With a role that may publish to the topic ``alerts`` only:

    ```toml
    [[tool.asllint.iam-policy]]
    Version = "2012-10-17"
    Statement = [{Effect = "Allow", Action = "sns:Publish", Resource = "arn:aws:sns:*:*:alerts"}]
    ```

    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:audit", "Message.$": "$.text"},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message.$": "$.text"},
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: IAM policies for integrated services
    """

    example_config: ClassVar[str] = (
        '[[iam-policy]]\nVersion = "2012-10-17"\n'
        'Statement = [{Effect = "Allow", Action = "sns:Publish", Resource = "arn:aws:sns:*:*:alerts"}]\n'
    )
    id = "IAM001"
    name = "missing-permission"
    severity = Severity.ERROR
    source_url = _SFN_IAM

    #: the permissions this rule reports (``Need.tier``): those the call needs (IAM001),
    #: supporting ones (IAM003), or those some runs need (IAM004)
    tier = "call"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        if not _complete(machine):
            return  # a permission not found may be in a policy asllint cannot read
        by_action: dict[tuple[str, str, str], list[tuple[Need, Decision]]] = {}
        for need, decision, _ in _decisions(machine):
            by_action.setdefault((need.state.name, need.integration, need.action), []).append((need, decision))
        missing: dict[tuple[str, str, str], list[Need]] = {}
        for key, pairs in by_action.items():
            denied = [need for need, decision in pairs if decision is Decision.NOT_ALLOWED]
            if not denied:
                continue
            # the call itself fails when none of the resources its template names is granted;
            # a gap in some of them (Athena's data catalogs beside its workgroup) is a warning
            tier = denied[0].tier
            if tier == "call" and len(denied) < len(pairs):
                tier = "supporting"
            if tier == self.tier:
                missing[key] = denied
        for (_, _, action), group in missing.items():
            resources = ", ".join(dict.fromkeys(n.resource for n in group))
            if action == "iam:PassRole" and resources == "*":
                resources = "the role the request passes (*: its ARN is not written in the definition)"
            yield Violation(
                _resource_node(group[0]),
                f"the role's policy does not allow {action} on {resources}, which {_label(group[0])} needs; "
                "grant it (asllint policy prints the statement)",
            )


class MissingSupportingPermission(MissingPermission):
    """## What it does
    Like ``IAM001``, for the permissions that following a job needs rather than starting it: the
    Describe actions Step Functions polls a ``.sync`` job with, the EventBridge actions on its
    managed rule (``StepFunctionsGetEventsForSageMakerTrainingJobsRule`` ...),
    ``sagemaker:ListTags``, and the S3 objects a Distributed Map reads and writes, all of which
    the Developer Guide's policy templates grant.  Permissions only some runs need are
    ``IAM004``'s.

    ## Why is this bad?
    The job still starts, but Step Functions learns of its end late or not at all (with the
    events or the Describe action it can follow the job; without both it cannot), or the
    Distributed Map cannot read its items or write its results.

    ## Example
    With a role that may start, describe and list the tags of training jobs, and pass their role:

    ```toml
    [[tool.asllint.iam-policy]]
    Version = "2012-10-17"
    Statement = [
      {Effect = "Allow", Action = ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], Resource = "*"},
      {Effect = "Allow", Action = "sagemaker:ListTags", Resource = "*"},
      {Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/SageMakerRole"},
    ]
    ```

    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
     "Parameters": {"TrainingJobName.$": "States.Format('churn-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://ml-artifacts/churn/"},
       "ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob",
     "Parameters": {"TrainingJobName.$": "States.Format('churn-{}', $$.Execution.Name)",
       "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "TrainingInputMode": "File"},
       "OutputDataConfig": {"S3OutputPath": "s3://ml-artifacts/churn/"},
       "ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30},
       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
     "End": true}
    ```

    ## References
    - Step Functions Developer Guide: Additional permissions for tasks using the Run a Job pattern
    """

    example_config: ClassVar[str] = (
        '[[iam-policy]]\nVersion = "2012-10-17"\nStatement = [\n'
        '  {Effect = "Allow", Action = ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], '
        'Resource = "*"},\n'
        '  {Effect = "Allow", Action = "sagemaker:ListTags", Resource = "*"},\n'
        '  {Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/SageMakerRole"},\n]\n'
    )
    id = "IAM003"
    name = "missing-supporting-permission"
    severity = Severity.WARNING
    source_url = _SFN_IAM
    tier = "supporting"


class MissingOccasionalPermission(MissingPermission):
    """## What it does
    Like ``IAM001``, for the permissions the Developer Guide's policy templates grant for some
    runs only: the Stop, Terminate and Cancel actions Step Functions calls when an execution is
    stopped while its job runs (``sagemaker:StopTrainingJob``, ``ecs:StopTask``,
    ``states:StopExecution`` ...), a Distributed Map's Describe and Stop of its child
    executions, the cleanup of a failed multipart upload (``s3:AbortMultipartUpload``), and the
    Glue catalog, Lake Formation and S3 permissions an Athena query may use.

    ## Why is this bad?
    Runs that go well do not notice.  When an execution is stopped (or times out) while the job
    runs, Step Functions cannot stop the job: it keeps running, and billing, until it ends on
    its own; an Athena query on a table the role may not read fails.

    ## Example
    A role that may start and follow the build, but not stop it:

    ```yaml
    Resources:
      BuildRole:
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument:
            Statement:
              - {Effect: Allow, Principal: {Service: states.amazonaws.com}, Action: sts:AssumeRole}
          Policies:
            - PolicyName: build
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: [codebuild:StartBuild, codebuild:BatchGetBuilds]
                    Resource: arn:aws:codebuild:*:*:project/nightly
                  - Effect: Allow
                    Action: [events:PutTargets, events:PutRule, events:DescribeRule]
                    Resource: arn:aws:events:*:*:rule/StepFunctionsGetEventForCodeBuildStartBuildRule
      Nightly:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          RoleArn: !GetAtt BuildRole.Arn
          Definition:
            StartAt: Build
            States:
              Build:
                Type: Task
                Resource: arn:aws:states:::codebuild:startBuild.sync
                Parameters:
                  ProjectName: nightly
                End: true
    ```

    Use instead:
    ```yaml
    Resources:
      BuildRole:
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument:
            Statement:
              - {Effect: Allow, Principal: {Service: states.amazonaws.com}, Action: sts:AssumeRole}
          Policies:
            - PolicyName: build
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: [codebuild:StartBuild, codebuild:StopBuild, codebuild:BatchGetBuilds]
                    Resource: arn:aws:codebuild:*:*:project/nightly
                  - Effect: Allow
                    Action: [events:PutTargets, events:PutRule, events:DescribeRule]
                    Resource: arn:aws:events:*:*:rule/StepFunctionsGetEventForCodeBuildStartBuildRule
      Nightly:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          RoleArn: !GetAtt BuildRole.Arn
          Definition:
            StartAt: Build
            States:
              Build:
                Type: Task
                Resource: arn:aws:states:::codebuild:startBuild.sync
                Parameters:
                  ProjectName: nightly
                End: true
    ```

    ## References
    - Step Functions Developer Guide: IAM policies for integrated services
    """

    example_config: ClassVar[str] = ""  # the examples are templates: the role is in them
    id = "IAM004"
    name = "missing-occasional-permission"
    severity = Severity.INFO
    source_url = _SFN_IAM
    tier = "occasional"


class ExplicitlyDenied(Rule):
    """## What it does
    Flags a Task state that needs an action the role's policy denies explicitly (a ``Deny``
    statement that applies to the request, conditions included where the definition fixes their
    keys).

    ## Why is this bad?
    An explicit ``Deny`` wins over every ``Allow``: the state fails at run time with AccessDenied.

    ## Example
    With a role that may invoke every function but ``resize``:

    ```toml
    [[tool.asllint.iam-policy]]
    Version = "2012-10-17"
    Statement = [
      {Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "*"},
      {Effect = "Deny", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:*:*:function:resize"},
    ]
    ```

    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
     "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:resize", "Payload.$": "$"},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
     "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:thumbnail", "Payload.$": "$"},
     "End": true}
    ```

    ## References
    - IAM User Guide: Policy evaluation logic
    """

    example_config: ClassVar[str] = (
        '[[iam-policy]]\nVersion = "2012-10-17"\nStatement = [\n'
        '  {Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "*"},\n'
        '  {Effect = "Deny", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:*:*:function:resize"},\n]\n'
    )
    id = "IAM002"
    name = "explicitly-denied"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        seen: set[tuple[str, str]] = set()
        for need, decision, basis in _decisions(machine):
            if decision is not Decision.DENIED or (need.state.name, need.action) in seen:
                continue
            seen.add((need.state.name, need.action))
            where = f" (statement {basis[0].sid!r})" if basis and basis[0].sid else ""
            yield Violation(
                _resource_node(need),
                f"the role's policy denies {need.action} on {need.resource}{where}, which {_label(need)} needs",
            )


class BroadGrant(Rule):
    """## What it does
    Flags a statement of a policy asllint reads (a ``--policy`` file, an ``iam-policy`` file,
    or the role's policy in the template) that grants what a Task needs by allowing far more:
    every action (``*``), every action of a service (``sagemaker:*``), or ``iam:PassRole`` on
    every role (``Resource: "*"``).  The finding is on the statement's ``Action``; a statement
    that serves no Task of the definition is left alone.

    ## Why is this bad?
    The role can do anything the wildcard covers, whatever the definition calls;
    ``iam:PassRole`` on ``*`` lets it hand any role to a service.  ``asllint policy FILE`` prints
    the least-privilege policy instead.

    ## Example
    With the policy file ``examples/policies/broad-role.json`` (``sagemaker:*`` and
    ``iam:PassRole`` on ``*``, and ``sns:Publish`` on one topic), a SageMaker state is served
    by the broad statements, the SNS state below by the narrow one:

    ```toml
    [tool.asllint]
    iam-policy = ["examples/policies/broad-role.json"]
    ```

    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
     "Parameters": {"ModelName": "churn-model",
       "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
       "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
         "ModelDataUrl.$": "$.ModelArtifacts.S3ModelArtifacts"}},
     "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message.$": "$.text"},
     "End": true}
    ```

    ## References
    - IAM User Guide: Security best practices in IAM (grant least privilege)
    """

    example_config: ClassVar[str] = 'iam-policy = ["examples/policies/broad-role.json"]\n'
    id = "IAM010"
    name = "broad-grant"
    severity = Severity.WARNING
    source_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        seen: set[int] = set()
        for _, decision, basis in _decisions(machine):
            if decision is not Decision.ALLOWED:
                continue
            for statement in basis:
                if id(statement) in seen or statement.node is None or statement.actions is None:
                    continue
                if statement.node.document.format == "inline":  # written in the configuration
                    continue
                message = _broad(statement)
                if message is not None:
                    seen.add(id(statement))
                    yield Violation(statement.node.child("Action") or statement.node, message)


def _broad(statement: Statement) -> str | None:
    resources = statement.resources or []
    for action in statement.actions or ():
        lowered = action.lower()
        if lowered in ("*", "*:*"):
            return f"this statement allows every action ({action!r}); list the actions the state machine needs"
        if lowered.endswith(":*"):
            return f"{action} allows every {lowered[:-2]} action; list the ones the state machine needs"
        if lowered in ("iam:passrole", "iam:pass*", "iam:*") and "*" in resources:
            return 'iam:PassRole on every role (Resource "*"); name the roles the state machine passes'
    return None
