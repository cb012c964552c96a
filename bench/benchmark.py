#!/usr/bin/env python3
"""Measure asllint's speed and peak memory with the installed console script.

    python bench/benchmark.py [--asllint PATH] [--runs N] [--keep DIR]

Cases (inputs are generated here, deterministically, and are valid definitions):

- cold: one 3-state definition, a fresh process per run (start-up cost);
- files-1000: 1,000 definitions of 20-40 states in one process;
- states-1000 / states-10000 / states-20000: one definition of that many states;
- growth: the 20,000/10,000-state wall-time ratio after subtracting the cold start
  (2 is linear; smaller inputs are too close to the start-up time to tell).

Wall time is the median of ``--runs`` runs; peak RSS is the largest ``ru_maxrss`` of the
process tree, from ``os.wait4``.  This is a measurement, not a test: nothing here asserts a
time.  ../shared/bench/peers.py runs the other ASL linters on the same kind of input.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
RETRY = [
    {"ErrorEquals": ["SageMaker.AmazonSageMakerException"], "IntervalSeconds": 5, "MaxAttempts": 3, "BackoffRate": 2},
    {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1},
]


def _training(k: int, next_name: str) -> dict[str, object]:
    return {
        "Type": "Task",
        "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "Parameters": {
            "TrainingJobName.$": f"States.Format('train-{k}-{{}}', $$.Execution.Name)",
            "RoleArn": ROLE,
            "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File"},
            "HyperParameters": {"max_depth": "5", "eta": "0.2", "num_round": str(50 + k % 50)},
            "InputDataConfig": [
                {
                    "ChannelName": name,
                    "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"s3://bucket/{name}/{k}/"}},
                    "ContentType": "text/csv",
                }
                for name in ("train", "validation")
            ],
            "OutputDataConfig": {"S3OutputPath": f"s3://bucket/models/{k}/"},
            "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        },
        "Retry": RETRY,
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
        "ResultPath": f"$.train{k}",
        "Next": next_name,
    }


def _block(k: int, next_name: str) -> dict[str, object]:
    """Ten states: Train, Gate (Choice), Fan out (Parallel of two 2-state branches), Score (Map
    of a 2-state processor); every target in scope, every state reachable."""
    return {
        f"Train {k}": _training(k, f"Gate {k}"),
        f"Gate {k}": {
            "Type": "Choice",
            "Choices": [
                {"Variable": f"$.train{k}.TrainingJobStatus", "StringEquals": "Completed", "Next": f"Fan out {k}"}
            ],
            "Default": "Failed",
        },
        f"Fan out {k}": {
            "Type": "Parallel",
            "Branches": [
                {
                    "StartAt": f"Branch {k}.{b}",
                    "States": {
                        f"Branch {k}.{b}": {"Type": "Pass", "Result": {"b": b}, "Next": f"Branch {k}.{b} done"},
                        f"Branch {k}.{b} done": {"Type": "Succeed"},
                    },
                }
                for b in (1, 2)
            ],
            "ResultPath": None,
            "Next": f"Score {k}",
        },
        f"Score {k}": {
            "Type": "Map",
            "ItemsPath": "$.batches",
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": f"Item {k}",
                "States": {
                    f"Item {k}": {"Type": "Pass", "Next": f"Item {k} done"},
                    f"Item {k} done": {"Type": "Pass", "End": True},
                },
            },
            "ResultPath": None,
            "Next": next_name,
        },
    }


def definition(states: int) -> dict[str, object]:
    """A valid definition of about ``states`` states (blocks of ten, a Succeed and a Fail)."""
    blocks = max(1, (states - 2) // 10)
    machine: dict[str, object] = {}
    for k in range(blocks):
        machine.update(_block(k, f"Train {k + 1}" if k + 1 < blocks else "Done"))
    machine["Done"] = {"Type": "Succeed"}
    machine["Failed"] = {"Type": "Fail", "Error": "PipelineFailed"}
    return {"Comment": f"benchmark, {states} states", "StartAt": "Train 0", "States": machine}


def cold_definition() -> dict[str, object]:
    return {
        "StartAt": "Train 0",
        "States": {"Train 0": _training(0, "Done"), "Done": {"Type": "Succeed"}, "Failed": {"Type": "Fail"}},
    }


def generate(root: Path) -> dict[str, list[str]]:
    """Write every input under ``root``; return the file lists of each case."""
    (root / "files").mkdir(parents=True, exist_ok=True)
    cases: dict[str, list[str]] = {}

    def write(path: Path, value: object) -> str:
        path.write_text(json.dumps(value, indent=2), encoding="utf-8")
        return str(path)

    cases["cold"] = [write(root / "cold.asl.json", cold_definition())]
    cases["files-1000"] = [
        write(root / "files" / f"pipeline-{i:04d}.asl.json", definition(22 + (i * 7) % 20)) for i in range(1000)
    ]
    cases["states-1000"] = [write(root / "states-1000.asl.json", definition(1002))]
    cases["states-10000"] = [write(root / "states-10000.asl.json", definition(10002))]
    cases["states-20000"] = [write(root / "states-20000.asl.json", definition(20002))]
    return cases


def measure(argv: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall seconds, max peak RSS (MiB) and the exit code of ``argv`` over ``runs`` runs."""
    walls, peaks, code = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        code = os.waitstatus_to_exitcode(status)
    return statistics.median(walls), max(peaks), code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--asllint", default=shutil.which("asllint") or "asllint", help="the console script to time")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        print(json.dumps(generate(args.generate)))
        return 0
    root = args.keep or Path(tempfile.mkdtemp(prefix="asllint-bench-"))
    try:
        # generate in a child process: a forked child's peak RSS counts the parent's pages
        out = subprocess.run([sys.executable, __file__, "--generate", str(root)], check=True, capture_output=True)
        cases = json.loads(out.stdout)
        results = {}
        for case, files in cases.items():
            wall, rss, code = measure([args.asllint, "check", "--format", "json", *files], args.runs)
            results[case] = {"wall_s": round(wall, 4), "peak_rss_mib": round(rss, 1), "exit": code, "files": len(files)}
        cold = results["cold"]["wall_s"]
        growth = (results["states-20000"]["wall_s"] - cold) / max(results["states-10000"]["wall_s"] - cold, 1e-9)
        print(f"asllint: {args.asllint}  (Python {sys.version.split()[0]}, {os.cpu_count()} cores)")
        print(f"{'case':<14} {'wall':>9} {'peak RSS':>10} {'exit':>5}")
        for case, r in results.items():
            print(f"{case:<14} {r['wall_s'] * 1000:>7.0f}ms {r['peak_rss_mib']:>7.1f}MiB {r['exit']:>5}")
        print(f"growth 20k/10k states after start-up: {growth:.2f} (2 = linear)")
        files_per_s = 1000 / results["files-1000"]["wall_s"]
        print(f"throughput: {files_per_s:.0f} files/s")
        if args.json:
            args.json.write_text(json.dumps({"results": results, "growth": round(growth, 2)}, indent=2) + "\n")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
