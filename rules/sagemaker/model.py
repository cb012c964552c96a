"""The SageMaker service model, as generated from botocore, and the facts about Step Functions'
SageMaker integration that the model does not hold.

The data file is ``data/sagemaker.json``, written by ``scripts/generate_sagemaker_data.py``;
it is read once, the first time a rule meets a SageMaker task.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

#: The optimized integrations: Resource action -> (API operation, supports ``.sync``).
#: Source: Step Functions Developer Guide, "Create and manage Amazon SageMaker AI jobs with Step Functions".
OPTIMIZED: dict[str, tuple[str, bool]] = {
    "createEndpoint": ("CreateEndpoint", False),
    "createEndpointConfig": ("CreateEndpointConfig", False),
    "createHyperParameterTuningJob": ("CreateHyperParameterTuningJob", True),
    "createLabelingJob": ("CreateLabelingJob", True),
    "createModel": ("CreateModel", False),
    "createProcessingJob": ("CreateProcessingJob", True),
    "createTrainingJob": ("CreateTrainingJob", True),
    "createTransformJob": ("CreateTransformJob", True),
    "updateEndpoint": ("UpdateEndpoint", False),
}

#: The instance-type enums of the model, by the API family that uses them.
INSTANCE_TYPE_ENUMS: dict[str, str] = {
    "training": "TrainingInstanceType",
    "transform": "TransformInstanceType",
    "processing": "ProcessingInstanceType",
    "hosting": "ProductionVariantInstanceType",
}
#: What a user calls each family in a message.
FAMILY_LABELS = {
    "training": "training (CreateTrainingJob, tuning jobs)",
    "transform": "batch transform (CreateTransformJob)",
    "processing": "processing (CreateProcessingJob, Debugger and Profiler rules)",
    "hosting": "hosting (CreateEndpointConfig)",
}
#: ``ml.<family>.<size>``: the form every SageMaker instance type has.
INSTANCE_TYPE_FORM = re.compile(r"ml\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.(?:nano|micro|small|medium|large|metal|\d*xlarge)")


#: Instance families whose instances come with local NVMe instance storage: SageMaker mounts
#: that storage instead of an EBS volume, so a ``VolumeKmsKeyId`` is refused ("You can't
#: request a VolumeKmsKeyId when using an instance type with local storage").  Source: the
#: Amazon EC2 "Instance store volumes" table, as summarised in the SageMaker domain reference
#: (§3.1 T5).  Families still to be confirmed (``p6-b200``, ``p6-b300``, ``p6e-gb200``, ``g7``,
#: ``g7e``) are left out, so that the rules stay silent on them.
INSTANCE_STORE_FAMILIES: frozenset[str] = frozenset(
    {
        "c5d",
        "m5d",
        "r5d",
        "c6gd",
        "m6gd",
        "r6gd",
        "r7gd",
        "g4dn",
        "g5",
        "g6",
        "g6e",
        "p3dn",
        "p4d",
        "p4de",
        "p5",
        "p5e",
        "p5en",
        "trn1",
        "trn1n",
        "trn2",
        "dl1",
    }
)


def instance_family(instance_type: str) -> str | None:
    """The family of an instance type (``ml.g5.xlarge`` -> ``g5``), if it has the usual form."""
    parts = instance_type.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == "ml" else None


def has_instance_store(instance_type: str | None) -> bool:
    """Whether ``instance_type`` is known to come with local NVMe instance storage."""
    return instance_type is not None and instance_family(instance_type) in INSTANCE_STORE_FAMILIES


class ServiceModel:
    """The shapes and operations of the SageMaker API, as botocore describes them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.botocore_version: str = data["botocore_version"]
        self.operations: dict[str, str] = data["operations"]
        self.shapes: dict[str, dict[str, Any]] = data["shapes"]
        self._by_action = {name[0].lower() + name[1:]: name for name in self.operations}
        self._patterns: dict[str, re.Pattern[str]] = {}

    def shape(self, name: str) -> dict[str, Any]:
        """The shape called ``name``."""
        return self.shapes[name]

    def operation_for(self, action: str) -> str | None:
        """The operation an aws-sdk action names (``createTrainingJob`` -> ``CreateTrainingJob``)."""
        return self._by_action.get(action)

    def actions(self) -> list[str]:
        """Every operation as an aws-sdk action name (lower camel case)."""
        return list(self._by_action)

    def input_shape(self, operation: str) -> str | None:
        """The request shape of ``operation``."""
        return self.operations.get(operation)

    def pattern(self, shape_name: str) -> re.Pattern[str] | None:
        """The compiled pattern of a string shape (matched in full), if it has one."""
        compiled = self._patterns.get(shape_name)
        if compiled is None:
            text = self.shapes[shape_name].get("pattern")
            if text is None:
                return None
            compiled = self._patterns[shape_name] = re.compile(text)
        return compiled

    @cache  # noqa: B019 - one model per process
    def instance_types(self, family: str) -> frozenset[str]:
        """The instance types the enum of ``family`` (see :data:`INSTANCE_TYPE_ENUMS`) allows."""
        return frozenset(self.shapes[INSTANCE_TYPE_ENUMS[family]].get("enum", ()))

    def instance_families(self, instance_type: str) -> list[str]:
        """The API families whose enum holds ``instance_type``."""
        return [family for family in INSTANCE_TYPE_ENUMS if instance_type in self.instance_types(family)]


@cache
def service_model() -> ServiceModel:
    """The bundled SageMaker model (read on first use)."""
    from importlib import resources  # only when a definition has a SageMaker task

    text = resources.files("asllint_rules.sagemaker").joinpath("data/sagemaker.json").read_text(encoding="utf-8")
    return ServiceModel(json.loads(text))
