"""The template rules: reported by the engine while it reads a template (``asllint.templates``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Node, Rule, Severity, Violation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine

_SFN_CFN = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html"
_SAM = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html"


class _TemplateRule(Rule):
    engine_emitted = True

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        return iter(())


class DefinitionNotCheckable(_TemplateRule):
    """## What it does
    Reports a state machine whose definition asllint cannot read from the template: kept in
    S3 (``DefinitionS3Location``, ``DefinitionUri: s3://…`` or a ``Bucket``/``Key`` object) or
    computed by a CloudFormation function at deployment (``Fn::If``, ``Fn::Transform`` …).

    ## Why is this bad?
    Nothing is wrong with the template; the finding says that this state machine was not
    checked, so that a clean run is not mistaken for a checked one.  Keep the definition in
    the repository (``Definition``, ``DefinitionString`` or a local ``DefinitionUri`` file) to
    have it checked.

    ## Example
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          DefinitionUri: s3://artifacts/flow.asl.json
    ```

    Use instead:
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition:
            StartAt: Done
            States:
              Done:
                Type: Succeed
    ```

    ## References
    - AWS CloudFormation User Guide: AWS::StepFunctions::StateMachine
    """

    id = "TPL001"
    name = "definition-not-checkable"
    severity = Severity.INFO
    source_url = _SFN_CFN


class DefinitionProperty(_TemplateRule):
    """## What it does
    Reports a state machine resource whose definition property is malformed: no definition at
    all, a SAM ``Definition`` that is a string rather than an object, or a ``DefinitionUri``
    object without ``Bucket`` and ``Key``.

    ## Why is this bad?
    CloudFormation (or the SAM transform) refuses the template before Step Functions sees the
    state machine.

    ## Example
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition: '{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}'
    ```

    Use instead:
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition:
            StartAt: Done
            States:
              Done:
                Type: Succeed
    ```

    ## References
    - AWS SAM Developer Guide: AWS::Serverless::StateMachine
    """

    id = "TPL002"
    name = "definition-property"
    severity = Severity.ERROR
    source_url = _SAM


class DefinitionFileMissing(_TemplateRule):
    """## What it does
    Reports a ``DefinitionUri`` (SAM) or ``${file(…)}`` definition (Serverless Framework) that
    names a local file which cannot be read, or a ``${file(…):key}`` whose key holds no object
    in that file.  The path is relative to the template's folder.

    ## Why is this bad?
    ``sam build``/``sam deploy`` and ``serverless deploy`` fail: there is no definition to
    upload.

    ## Example
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          DefinitionUri: statemachine/missing.asl.json
    ```

    Use instead:
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition:
            StartAt: Done
            States:
              Done:
                Type: Succeed
    ```

    ## References
    - AWS SAM Developer Guide: AWS::Serverless::StateMachine (DefinitionUri)
    """

    id = "TPL003"
    name = "definition-file-missing"
    severity = Severity.ERROR
    source_url = _SAM


class SamStateMachineProperty(_TemplateRule):
    """## What it does
    Reports what the SAM transform refuses in an ``AWS::Serverless::StateMachine`` beyond its
    definition: an event's ``DeadLetterConfig`` with both or neither of ``Arn`` and ``Type``, a
    ``Type`` other than ``SQS`` or a ``QueueLogicalId`` that is not a string; a ``Schedule``
    event with both ``State`` and ``Enabled``; an ``Api`` event whose ``Auth.Authorizer`` its
    API does not define (``NONE`` without a ``DefaultAuthorizer``), whose
    ``UnescapeMappingTemplate`` is not a boolean, or whose API's ``Auth`` has a
    ``DefaultAuthorizer`` that is not a name or a ``ResourcePolicy`` that is not a map; a
    ``DeploymentPreference`` without ``AutoPublishAlias``.  Values a function computes are not
    judged.

    ## Why is this bad?
    ``sam deploy`` (the transform) fails with "Invalid Serverless Application Specification
    document" before anything is created.

    ## Example
    ```yaml
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Nightly:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition:
            StartAt: Done
            States:
              Done:
                Type: Succeed
          Events:
            EveryNight:
              Type: ScheduleV2
              Properties:
                ScheduleExpression: cron(0 2 * * ? *)
                DeadLetterConfig:
                  QueueLogicalId: NightlyDlq
    ```

    Use instead:
    ```yaml
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Nightly:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition:
            StartAt: Done
            States:
              Done:
                Type: Succeed
          Events:
            EveryNight:
              Type: ScheduleV2
              Properties:
                ScheduleExpression: cron(0 2 * * ? *)
                DeadLetterConfig:
                  Type: SQS
                  QueueLogicalId: NightlyDlq
    ```

    ## References
    - AWS SAM Developer Guide: AWS::Serverless::StateMachine (Events, DeploymentPreference)
    """

    id = "TPL005"
    name = "sam-state-machine-property"
    severity = Severity.ERROR
    source_url = _SAM


class UnresolvedSubstitution(Rule):
    """## What it does
    Flags a ``${name}`` placeholder in a definition whose template gives
    ``DefinitionSubstitutions`` without ``name`` (CloudFormation and SAM; the definition in
    ``Definition``, a plain ``DefinitionString`` or a ``DefinitionUri`` file).  A misspelt key is
    the usual cause.

    ## Why is this bad?
    Only the listed names are replaced: the text ``${name}`` reaches Step Functions as it is,
    and is sent to the service as that literal text.  (A Task ``Resource`` that is only such a
    placeholder makes the definition invalid: ``ASL901`` reports it as an error.)

    ## Example
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          DefinitionSubstitutions:
            ResizeFunctionArn: !GetAtt Resize.Arn
          Definition:
            StartAt: Resize
            States:
              Resize:
                Type: Task
                Resource: arn:aws:states:::lambda:invoke
                Parameters:
                  FunctionName: ${ResizeFunctionARN}
                  Payload.$: $
                End: true
    ```

    Use instead:
    ```yaml
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          DefinitionSubstitutions:
            ResizeFunctionArn: !GetAtt Resize.Arn
          Definition:
            StartAt: Resize
            States:
              Resize:
                Type: Task
                Resource: arn:aws:states:::lambda:invoke
                Parameters:
                  FunctionName: ${ResizeFunctionArn}
                  Payload.$: $
                End: true
    ```

    ## References
    - AWS CloudFormation User Guide: AWS::StepFunctions::StateMachine (DefinitionSubstitutions)
    """

    id = "TPL004"
    name = "unresolved-substitution"
    severity = Severity.WARNING
    source_url = _SFN_CFN

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        embedded = machine.template
        if embedded is None or embedded.substitutions is None:
            return
        names = embedded.substitutions
        # a Task Resource that is only an undefined placeholder is an error of ASL901's
        resources = {
            node.path
            for state in machine.states
            if (node := state.field("Resource")) is not None and embedded.left_as_text(node.value)
        }
        pending: list[tuple[tuple[str | int, ...], object]] = [(machine.path, machine.value)]
        while pending:
            path, value = pending.pop()
            if isinstance(value, dict):
                pending.extend(((*path, k), v) for k, v in value.items())
            elif isinstance(value, list):
                pending.extend(((*path, i), v) for i, v in enumerate(value))
            elif isinstance(value, str) and path not in resources:
                for name in embedded.unsubstituted(value):
                    hint = _closest(name, names)
                    yield Violation(
                        Node(machine.document, path, value),
                        f"${{{name}}} has no entry in DefinitionSubstitutions, so it reaches Step Functions "
                        f"as this text{hint}",
                    )


def _closest(name: str, names: frozenset[str]) -> str:
    from asllint.suggest import did_you_mean

    hint = did_you_mean(name, sorted(names))
    if hint:
        return hint
    if "::" in name or "." in name:  # ${AWS::Region}, ${Function.Arn}: Fn::Sub syntax, not replaced here
        short = name.replace("AWS::", "").replace("::", "").replace(".", "")
        return f"; add an entry (e.g. {short}) to DefinitionSubstitutions and write ${{{short}}}"
    return f"; add {name} to DefinitionSubstitutions"
