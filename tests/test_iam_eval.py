"""The IAM wildcard matcher and the three-valued policy evaluation, with hypothesis properties."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asllint.document import Document, SourceText
from asllint.iam.match import action_matches, covers, matches, overlaps
from asllint.iam.policy import Decision, Request, decide, statements
from asllint.parse.json import load_json

if TYPE_CHECKING:
    import random

ALPHABET = "ab:/-"
texts = st.text(alphabet=ALPHABET, max_size=8)
patterns = st.text(alphabet=ALPHABET + "*?", max_size=8)


def _instances(wanted: str, rng: random.Random, n: int = 6) -> list[str]:
    """Concrete values of ``wanted``: each ``*`` replaced by random text of one ARN segment."""
    return ["".join(rng.choice(["", "a", "ab", "b-", "-a-b"]) if c == "*" else c for c in wanted) for _ in range(n)]


@given(texts)
def test_a_literal_matches_itself_and_star_matches_all(value: str) -> None:
    assert matches(value, value)
    assert matches("*", value)


@given(patterns, texts, st.integers(min_value=0, max_value=8))
def test_another_star_only_widens(pattern: str, value: str, where: int) -> None:
    wider = pattern[:where] + "*" + pattern[where:]
    if matches(pattern, value):
        assert matches(wider, value)


@given(patterns, texts)
def test_covers_without_unknowns_is_matching(pattern: str, value: str) -> None:
    assert covers(pattern, value) == matches(pattern, value)


@settings(max_examples=300)
@given(patterns, patterns, st.randoms(use_true_random=False))
def test_covers_and_overlaps_are_sound(pattern: str, wanted: str, rng: random.Random) -> None:
    values = _instances(wanted, rng)
    if covers(pattern, wanted):
        assert overlaps(pattern, wanted)
        assert all(matches(pattern, v) for v in values)
    if not overlaps(pattern, wanted):
        assert not any(matches(pattern, v) for v in values)


def test_known_cases() -> None:
    assert action_matches("sagemaker:Create*", "SageMaker:CreateTrainingJob")
    assert not matches("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket")  # ARNs keep their case
    assert covers("arn:aws:sagemaker:*:*:training-job/*", "arn:aws:sagemaker:*:*:training-job/*")
    assert not covers("arn:aws:sagemaker:us-east-1:1:training-job/*", "arn:aws:sagemaker:*:*:training-job/*")
    assert overlaps("arn:aws:sagemaker:us-east-1:1:training-job/*", "arn:aws:sagemaker:*:*:training-job/*")
    assert not overlaps("arn:aws:sagemaker:*:*:model/*", "arn:aws:sagemaker:*:*:training-job/*")


def _policy(*items: dict[str, object]) -> list:  # type: ignore[type-arg]
    text = json.dumps({"Version": "2012-10-17", "Statement": list(items)})
    document = load_json("p.json", SourceText(text))
    assert isinstance(document, Document)
    return statements(document.root)


TRAIN = Request(
    "sagemaker:CreateTrainingJob",
    "arn:aws:sagemaker:us-east-1:123456789012:training-job/train-1",
    {"sagemaker:instancetypes": ["ml.m5.xlarge"]},
    frozenset({"sagemaker:instancetypes", "sagemaker:volumekmskey"}),
)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], Decision.NOT_ALLOWED),
        ([{"Effect": "Allow", "Action": "sagemaker:*", "Resource": "*"}], Decision.ALLOWED),
        (
            [
                {"Effect": "Allow", "Action": "*", "Resource": "*"},
                {"Effect": "Deny", "Action": "sagemaker:Create*", "Resource": "*"},
            ],
            Decision.DENIED,
        ),
        ([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}], Decision.ALLOWED),
        (
            [{"Effect": "Allow", "Action": "sagemaker:*", "NotResource": "arn:aws:sagemaker:*:*:domain/*"}],
            Decision.ALLOWED,
        ),
        (
            [{"Effect": "Allow", "Action": "sagemaker:*", "NotResource": "arn:aws:sagemaker:*:*:training-job/*"}],
            Decision.NOT_ALLOWED,
        ),
        (
            [{"Effect": "Allow", "Action": "sagemaker:CreateTrainingJob", "Resource": "arn:aws:sagemaker:*:*:model/*"}],
            Decision.NOT_ALLOWED,
        ),
        (
            [
                {
                    "Effect": "Allow",
                    "Action": "sagemaker:*",
                    "Resource": "*",
                    "Condition": {"ForAllValues:StringLike": {"sagemaker:InstanceTypes": ["ml.m5.*"]}},
                }
            ],
            Decision.ALLOWED,
        ),
        (
            [
                {
                    "Effect": "Allow",
                    "Action": "sagemaker:*",
                    "Resource": "*",
                    "Condition": {"ForAllValues:StringLike": {"sagemaker:InstanceTypes": ["ml.p4d.*"]}},
                }
            ],
            Decision.NOT_ALLOWED,
        ),
        (
            [
                {"Effect": "Allow", "Action": "sagemaker:*", "Resource": "*"},
                {
                    "Effect": "Deny",
                    "Action": "sagemaker:*",
                    "Resource": "*",
                    "Condition": {"Null": {"sagemaker:VolumeKmsKey": "true"}},
                },
            ],
            Decision.DENIED,
        ),
        (
            [
                {
                    "Effect": "Allow",
                    "Action": "sagemaker:*",
                    "Resource": "*",
                    "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}},
                }
            ],
            Decision.UNKNOWN,
        ),
        (
            [{"Effect": "Allow", "Action": "sagemaker:*", "Resource": "arn:aws:sagemaker:*:${aws:PrincipalAccount}:*"}],
            Decision.UNKNOWN,
        ),
    ],
)
def test_decisions(items: list[dict[str, object]], expected: Decision) -> None:
    assert decide(_policy(*items), TRAIN)[0] is expected


STATEMENTS = st.fixed_dictionaries(
    {
        "Effect": st.sampled_from(["Allow", "Deny"]),
        "Action": st.sampled_from(["*", "sagemaker:*", "sagemaker:Create*", "iam:PassRole", "s3:*"]),
        "Resource": st.sampled_from(["*", "arn:aws:sagemaker:*:*:training-job/*", "arn:aws:sagemaker:*:*:model/*"]),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(STATEMENTS, max_size=6), st.randoms(use_true_random=False))
def test_the_order_of_statements_does_not_matter(items: list[dict[str, object]], rng: random.Random) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert decide(_policy(*items), TRAIN)[0] is decide(_policy(*shuffled), TRAIN)[0]


@settings(max_examples=200, deadline=None)
@given(st.lists(STATEMENTS, max_size=6))
def test_an_applying_deny_always_wins_and_allow_star_grants(items: list[dict[str, object]]) -> None:
    deny_all = {"Effect": "Deny", "Action": "*", "Resource": "*"}
    assert decide(_policy(*items, deny_all), TRAIN)[0] is Decision.DENIED
    allow_all = {"Effect": "Allow", "Action": "*", "Resource": "*"}
    before = decide(_policy(*items), TRAIN)[0]
    after = decide(_policy(*items, allow_all), TRAIN)[0]
    assert after is (Decision.DENIED if before is Decision.DENIED else Decision.ALLOWED)
