"""Strings built at run time (``States.Format``, JSONata ``&``): judged only on their fixed text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sagemaker import SM, definition, errors, jsonata, model, training, where

from asllint.partial import fixed_pieces
from asllint_rules.sagemaker.model import service_model
from asllint_rules.sagemaker.partial import alphabet


@pytest.mark.parametrize(
    ("value", "pieces"),
    [
        ("States.Format('train_{}', $$.Execution.Name)", ["train_", None]),
        ("States.Format('{}-{}', States.UUID(), $.n)", [None, "-", None]),
        ("States.Format('{}', $.name)", [None]),
        # escaped braces are text; a string literal argument is known text
        ("States.Format('a\\{\\}{}-{}', 'b_c', $.d)", ["a{}b_c-", None]),
        ("States.Format('it\\'s {}', $.x)", ["it's ", None]),
        ("States.Format($.template, $.x)", None),  # not a literal template
        ("States.UUID()", None),
        ("$.name", None),
        ("States.Format('unclosed {}', $.x", None),  # a syntax error is ASL's, not judged here
    ],
)
def test_fixed_pieces_of_an_intrinsic(value: str, pieces: list[str | None] | None) -> None:
    found = fixed_pieces(value, jsonata=False)
    assert (list(found) if found is not None else None) == pieces


@pytest.mark.parametrize(
    ("value", "pieces"),
    [
        ("{% 'train_' & $states.context.Execution.Name %}", ["train_", None]),
        ("{% 'a' & $x & \"b c\" & $y %}", ["a", None, "b c", None]),
        ("{% $states.input.name %}", None),
        ("{% $uppercase('a_b') %}", None),  # a function's result is not its argument
        ("{% 'a' & %}", None),
    ],
)
def test_fixed_pieces_of_a_jsonata_concatenation(value: str, pieces: list[str | None] | None) -> None:
    found = fixed_pieces(value, jsonata=True)
    assert (list(found) if found is not None else None) == pieces


def test_the_alphabet_of_a_pattern() -> None:
    name = alphabet("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
    assert name is not None
    assert [c for c in "aZ9-_. /" if not name(c)] == ["_", ".", " ", "/"]
    digits = alphabet(r"\d{12}")
    assert digits is not None and digits("7") and not digits("x")
    folded = alphabet("(?i)[a-c]+")
    assert folded is not None and folded("B") and not folded("d")
    for anything in (".*", "[^/]+", r"(https|s3)://([^/]+)/?(.*)", r"[\S\s]+", r"\W+"):
        assert alphabet(anything) is None, anything


PATTERNS = sorted(
    {(shape["pattern"], shape_name) for shape_name, shape in service_model().shapes.items() if "pattern" in shape}
)
JUDGED = [(text, name) for text, name in PATTERNS if alphabet(service_model().pattern(name).pattern) is not None]
#: one shape per distinct pattern; hypothesis is slow to draw from the few whose classes span
#: most of Unicode (their alphabets refuse almost nothing anyway)
SAMPLED = [(text, name) for text, name in dict(JUDGED).items() if text.isascii() and "\\u" not in text]


@pytest.mark.parametrize(
    ("text", "shape_name"), SAMPLED[:: max(1, len(SAMPLED) // 40)], ids=lambda v: v if v[:1].isupper() else ""
)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_string_a_pattern_matches_is_made_of_its_alphabet(text: str, shape_name: str, data: Any) -> None:
    """Soundness: a character the alphabet refuses is in no matching string, so a fixed text
    holding it can never be part of a valid value."""
    compiled = service_model().pattern(shape_name)
    allowed = alphabet(compiled.pattern, compiled.flags)
    assert allowed is not None
    value = data.draw(st.from_regex(compiled, fullmatch=True).filter(lambda s: len(s) < 200))
    assert all(allowed(c) for c in value), (text, value)


def test_the_model_has_patterns_to_judge() -> None:
    assert len(JUDGED) > 50  # names, ARNs, ids: most patterns are usable


def _training_with(name: str) -> bytes:
    request = training()
    request["TrainingJobName.$"] = name
    return definition(SM + "createTrainingJob.sync", request)


def test_a_fixed_character_no_name_may_contain_is_an_error() -> None:
    (finding,) = errors(_training_with("States.Format('train_{}', $$.Execution.Name)"))
    assert (finding.rule, finding.path) == ("SMS007", "/States/Job/Parameters/TrainingJobName.$")
    assert "'_'" in finding.message and "write '-' instead" in finding.message


@pytest.mark.parametrize(
    "name",
    [
        "States.Format('train-{}', $$.Execution.Name)",
        "States.Format('{}', $.name)",
        "States.Format('train-{}-{}', $.a, States.UUID())",
        "$.name",
        "States.UUID()",
    ],
)
def test_fixed_text_that_may_be_part_of_a_valid_name_is_not_judged(name: str) -> None:
    assert errors(_training_with(name)) == []


def test_a_literal_argument_is_fixed_text_too() -> None:
    assert where(errors(_training_with("States.Format('train-{}-{}', 'nightly_run', $.id)"))) == [
        ("SMS007", "/TrainingJobName.$")
    ]


def test_fixed_text_longer_than_allowed_is_an_error() -> None:
    data = definition(
        SM + "createHyperParameterTuningJob",
        {
            "HyperParameterTuningJobName.$": "States.Format('hyperparameter-tuning-job-for-churn-{}', $.id)",
            "HyperParameterTuningJobConfig.$": "$.config",
            "TrainingJobDefinition.$": "$.definition",
        },
    )
    (finding,) = errors(data)
    assert finding.rule == "SMS006" and "36 characters" in finding.message and "32" in finding.message


def test_a_jsonata_concatenation() -> None:
    request = jsonata(model())
    request["ModelName"] = "{% 'model for ' & $states.context.Execution.Name %}"
    found = errors(definition(SM + "createModel", request, field="Arguments", QueryLanguage="JSONata"))
    assert where(found) == [("SMS007", "/ModelName")]
    request["ModelName"] = "{% 'model-' & $states.context.Execution.Name %}"
    assert errors(definition(SM + "createModel", request, field="Arguments", QueryLanguage="JSONata")) == []


def test_a_pattern_that_allows_anything_is_not_used() -> None:
    request = training()
    request["OutputDataConfig"] = {"S3OutputPath.$": "States.Format('s3://my bucket_/{}', $.run)"}
    assert errors(definition(SM + "createTrainingJob.sync", request)) == []


def test_an_intrinsic_of_the_wrong_type_is_reported_once() -> None:
    request = training()
    request["TrainingJobName.$"] = "States.MathAdd(1, 2)"
    assert [f.rule for f in errors(definition(SM + "createTrainingJob.sync", request))] == ["SMS003"]


def test_template_placeholders_are_not_fixed_text() -> None:
    assert errors(_training_with("States.Format('${Prefix}-{}', $.id)")) == []
