"""The optimized service integrations of Step Functions: which APIs each service offers and
with which patterns.

``arn:aws:states:::<service>:<api>[.<pattern>]`` names an optimized integration; anything else
a service offers is reached through ``arn:aws:states:::aws-sdk:<service>:<api>``.  The table
follows the Step Functions Developer Guide ("Integrating optimized services with Step
Functions" and one page per service); SageMaker's nine APIs live with the SageMaker rules
(``asllint_rules.sagemaker.model.OPTIMIZED``) and are repeated here only so that the service
is known.
"""

from __future__ import annotations

from typing import Final

#: the patterns, as written after the API name
SYNC: Final = "sync"
SYNC2: Final = "sync:2"
CALLBACK: Final = "waitForTaskToken"

#: service -> API -> the patterns that API takes beside request-response
INTEGRATIONS: Final[dict[str, dict[str, frozenset[str]]]] = {
    "apigateway": {"invoke": frozenset({CALLBACK})},
    "athena": {
        "startQueryExecution": frozenset({SYNC}),
        "stopQueryExecution": frozenset(),
        "getQueryExecution": frozenset(),
        "getQueryResults": frozenset(),
    },
    "batch": {"submitJob": frozenset({SYNC})},
    "bedrock": {"invokeModel": frozenset(), "createModelCustomizationJob": frozenset({SYNC})},
    "codebuild": {
        "startBuild": frozenset({SYNC}),
        "stopBuild": frozenset(),
        "batchDeleteBuilds": frozenset(),
        "batchGetReports": frozenset(),
        "startBuildBatch": frozenset({SYNC}),
        "stopBuildBatch": frozenset(),
        "retryBuildBatch": frozenset({SYNC}),
        "deleteBuildBatch": frozenset(),
    },
    "databrew": {"startJobRun": frozenset({SYNC})},
    "dynamodb": {
        "getItem": frozenset(),
        "putItem": frozenset(),
        "updateItem": frozenset(),
        "deleteItem": frozenset(),
    },
    "ecs": {"runTask": frozenset({SYNC, CALLBACK})},
    "eks": {
        "createCluster": frozenset({SYNC}),
        "deleteCluster": frozenset({SYNC}),
        "createFargateProfile": frozenset({SYNC}),
        "deleteFargateProfile": frozenset({SYNC}),
        "createNodegroup": frozenset({SYNC}),
        "deleteNodegroup": frozenset({SYNC}),
        "runJob": frozenset({SYNC}),
        "call": frozenset(),
    },
    "elasticmapreduce": {
        "createCluster": frozenset({SYNC}),
        "terminateCluster": frozenset({SYNC}),
        "addStep": frozenset({SYNC}),
        "cancelStep": frozenset(),
        "setClusterTerminationProtection": frozenset(),
        "modifyInstanceFleetByName": frozenset(),
        "modifyInstanceGroupByName": frozenset(),
    },
    "emr-containers": {
        "createVirtualCluster": frozenset(),
        "deleteVirtualCluster": frozenset({SYNC}),
        "startJobRun": frozenset({SYNC}),
    },
    "emr-serverless": {
        "createApplication": frozenset({SYNC}),
        "startApplication": frozenset({SYNC}),
        "stopApplication": frozenset({SYNC}),
        "deleteApplication": frozenset({SYNC}),
        "startJobRun": frozenset({SYNC}),
        "cancelJobRun": frozenset({SYNC}),
    },
    "events": {"putEvents": frozenset({CALLBACK})},
    "glue": {"startJobRun": frozenset({SYNC})},
    "http": {"invoke": frozenset()},
    "lambda": {"invoke": frozenset({CALLBACK})},
    "mediaconvert": {"createJob": frozenset({SYNC})},
    "sns": {"publish": frozenset({CALLBACK})},
    "sqs": {"sendMessage": frozenset({CALLBACK})},
    "states": {"startExecution": frozenset({SYNC, SYNC2, CALLBACK})},
}

#: service -> the patterns beside request-response that any of its APIs takes, from the Developer
#: Guide's table of optimized integrations (finer than the per-API lists above, which may lag)
SERVICE_PATTERNS: Final[dict[str, frozenset[str]]] = {
    "apigateway": frozenset({CALLBACK}),
    "athena": frozenset({SYNC}),
    "batch": frozenset({SYNC}),
    "bedrock": frozenset({SYNC, CALLBACK}),
    "codebuild": frozenset({SYNC}),
    "databrew": frozenset({SYNC}),
    "dynamodb": frozenset(),
    "ecs": frozenset({SYNC, CALLBACK}),
    "eks": frozenset({SYNC, CALLBACK}),
    "elasticmapreduce": frozenset({SYNC}),
    "emr-containers": frozenset({SYNC}),
    "emr-serverless": frozenset({SYNC}),
    "events": frozenset({CALLBACK}),
    "glue": frozenset({SYNC}),
    "http": frozenset(),
    "lambda": frozenset({CALLBACK}),
    "mediaconvert": frozenset({SYNC}),
    "sagemaker": frozenset({SYNC}),
    "sns": frozenset({CALLBACK}),
    "sqs": frozenset({CALLBACK}),
    "states": frozenset({SYNC, SYNC2, CALLBACK}),
}

#: every service with optimized integrations (SageMaker's APIs are judged by SMI001/SMI002)
SERVICES: Final = frozenset(SERVICE_PATTERNS)

PATTERN_NAMES: Final = {SYNC: ".sync (Run a Job)", SYNC2: ".sync:2", CALLBACK: ".waitForTaskToken (callback)"}
