"""Kill ``newsfuse analyze`` on the sample corpus at many seeded points, re-run it, and check that the
store and the briefings equal a clean run's (issue 18 item 1); and run two ``analyze`` at once on one
store (item 2). The CI test (tests/test_crash_safety.py) does a few of these; this does many.

Kinds of trial, each in a fresh folder, each ending with one run left to finish and the comparison
(articles, versions, layers and every annotation, quarantine, stories, members, aliases, the briefing
files byte for byte, figure statuses, ``PRAGMA integrity_check`` and ``foreign_key_check``):

- **event**: SIGKILL at the k-th event of the run (tests/crash_harness.py counts every document read,
  stage call, store write, moment before a commit, briefing rendered and written); k drawn per phase
  (ingest, store, annotate, brief) with the seed.
- **double**: the run killed at one event, its re-run (which resumes) killed at another, then a run.
- **timed**: SIGKILL from outside after a seeded delay, anywhere in the run (spaCy loading included).
- **sigterm**: SIGTERM from outside after a seeded delay (must be recorded as ``interrupted``).
- **concurrent**: two runs started a seeded delay apart on one store; both must end 0.

``--src DIR`` runs the trials against another checkout's ``src`` (e.g. ``git archive`` of an older
commit), to see what the fix changed.

    .venv/bin/python bench/crash_kill.py [--seed 18] [--per-phase 10] [--double 5] [--timed 10]
                                         [--sigterm 3] [--concurrent 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import crash_harness as harness  # noqa: E402


def concurrent(reference: harness.Reference, workdir: Path, offset: float) -> harness.Outcome:
    db = workdir / "n.db"
    first = harness.start_analyze(db, workdir / "out1")
    time.sleep(offset)
    second = harness.start_analyze(db, workdir / "out2")
    _, first_err = first.communicate(timeout=600)
    _, second_err = second.communicate(timeout=600)
    problems = [f"run {n} exit {p.returncode}: {err[-300:]}"
                for n, p, err in ((1, first, first_err), (2, second, second_err)) if p.returncode != 0]
    problems += harness.compare(reference, db, workdir / "out2")
    waited = "waited" if "is in use by another newsfuse run" in first_err + second_err else "no overlap"
    label = f"two runs {offset:.2f} s apart ({waited})"
    return harness.Outcome(label, [label], True, not problems, problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--per-phase", type=int, default=10, help="event kill points per phase")
    parser.add_argument("--double", type=int, default=5)
    parser.add_argument("--timed", type=int, default=10)
    parser.add_argument("--sigterm", type=int, default=3)
    parser.add_argument("--concurrent", type=int, default=3)
    parser.add_argument("--src", help="run another newsfuse: the src folder of another checkout")
    parser.add_argument("--keep", action="store_true", help="keep the work folders")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.src:
        os.environ["PYTHONPATH"] = str(Path(args.src).resolve())

    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="newsfuse-crash-"))
    reference = harness.clean_reference(root / "clean")
    points = harness.stratified_points(reference, rng, args.per_phase)
    trials = [("event", [k]) for k in points]
    middle = [k for k in range(1, len(reference.events) + 1) if reference.phase_of(k) in ("store", "annotate")]
    trials += [("double", sorted(rng.sample(middle, 2))) for _ in range(args.double)]
    trials += [("timed", round(rng.uniform(0.3, reference.seconds), 2)) for _ in range(args.timed)]
    trials += [("sigterm", round(rng.uniform(1.5, reference.seconds), 2)) for _ in range(args.sigterm)]
    trials += [("concurrent", round(rng.uniform(0.0, 2.0), 2)) for _ in range(args.concurrent)]

    outcomes = []
    started = time.monotonic()
    for n, (kind, what) in enumerate(trials, 1):
        workdir = root / f"{n:03d}-{kind}"
        workdir.mkdir()
        if kind in ("event", "double"):
            outcome = harness.kill_and_rerun(reference, workdir, what, kind)
        elif kind == "timed":
            outcome = harness.kill_after_seconds(reference, workdir, what)
        elif kind == "sigterm":
            outcome = harness.kill_after_seconds(reference, workdir, what, signal.SIGTERM)
        else:
            outcome = concurrent(reference, workdir, what)
        outcomes.append((kind, outcome))
        if not args.json:
            mark = "ok  " if outcome.ok else "LOST"
            died = "" if outcome.killed else " (finished before the kill)"
            print(f"{n:3d} {mark} {kind:10s} {', '.join(outcome.kills)}{died}"
                  + (f"  -- {'; '.join(outcome.problems)}" if outcome.problems else ""), flush=True)

    kinds = {}
    for kind, outcome in outcomes:
        tally = kinds.setdefault(kind, {"tried": 0, "killed": 0, "survived": 0})
        tally["tried"] += 1
        tally["killed"] += outcome.killed
        tally["survived"] += outcome.ok
    summary = {
        "seed": args.seed,
        "newsfuse": args.src or str(REPO / "src"),
        "events_in_a_clean_run": len(reference.events),
        "clean_run_seconds": round(reference.seconds, 1),
        "figure_statuses": {k: len(v) for k, v in reference.statuses.items()},
        "trials": kinds,
        "tried": len(outcomes),
        "survived": sum(o.ok for _, o in outcomes),
        "failures": [{"kind": k, "kills": o.kills, "problems": o.problems} for k, o in outcomes if not o.ok],
        "seconds": round(time.monotonic() - started),
    }
    if not args.keep:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(json.dumps({k: v for k, v in summary.items() if k != "failures"}))
        print(f"{summary['survived']} of {summary['tried']} trials left the store a clean run leaves")


if __name__ == "__main__":
    main()
