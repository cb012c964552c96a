"""ASL3xx: paths, payload templates, intrinsic functions, variables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint_rules.spec.paths.callback_without_token import CallbackWithoutToken
from asllint_rules.spec.paths.dollar_key_value_invalid import DollarKeyValueInvalid
from asllint_rules.spec.paths.dollar_key_value_not_string import DollarKeyValueNotString
from asllint_rules.spec.paths.duplicate_field_after_suffix import DuplicateFieldAfterSuffix
from asllint_rules.spec.paths.intrinsic_arguments import IntrinsicArguments
from asllint_rules.spec.paths.intrinsic_not_allowed_here import IntrinsicNotAllowedHere
from asllint_rules.spec.paths.invalid_path import InvalidPath
from asllint_rules.spec.paths.path_like_literal import PathLikeLiteral
from asllint_rules.spec.paths.resultpath_not_reference_path import ResultpathNotReferencePath
from asllint_rules.spec.paths.task_token_without_callback import TaskTokenWithoutCallback
from asllint_rules.spec.paths.unknown_context_field import UnknownContextField
from asllint_rules.spec.paths.unknown_intrinsic import UnknownIntrinsic
from asllint_rules.spec.paths.variable_name_invalid import VariableNameInvalid
from asllint_rules.spec.paths.variable_undefined import VariableUndefined

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = [
    InvalidPath,
    ResultpathNotReferencePath,
    DollarKeyValueNotString,
    DollarKeyValueInvalid,
    PathLikeLiteral,
    DuplicateFieldAfterSuffix,
    UnknownIntrinsic,
    IntrinsicArguments,
    IntrinsicNotAllowedHere,
    UnknownContextField,
    TaskTokenWithoutCallback,
    CallbackWithoutToken,
    VariableUndefined,  # ASL313
    VariableNameInvalid,  # ASL314
]
