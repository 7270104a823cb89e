"""RunSupervisor: real (tiny) training runs in a child process, heard as Qt signals in the GUI thread and
recorded by the app — completed, cancelled, failed on a bad setting, killed from outside, crashed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from medlabel.core.demo.project import create_demo_project
from medlabel.core.events import encode
from medlabel.core.project import open_project
from medlabel.core.run_results import close_interrupted_runs
from medlabel.core.runs import get_predictions, get_run, list_runs
from medlabel.gui import run_supervisor
from medlabel.gui.run_supervisor import KILLED_AFTER_CANCEL, RunEnding, RunSupervisor
from medlabel.ml.attached import SNAPSHOT_DIR, prepare_attached_run

REPO = Path(__file__).resolve().parents[2]
ENV = {"PYTHONPATH": str(REPO)}
TIMEOUT_MS = 240_000
TEST_REPORTS = 10


@pytest.fixture
def root(tmp_path) -> Path:
    folder = tmp_path / "s"
    create_demo_project(folder, "smoking", 60, 50, TEST_REPORTS).close()
    return folder


@pytest.fixture
def project(root):
    opened = open_project(root)
    yield opened
    opened.close()


@pytest.fixture
def supervisors(project):
    """Makes supervisors; any still running when a test fails is shut down before the project closes."""
    made: list[RunSupervisor] = []

    def make(**kwargs) -> RunSupervisor:
        made.append(RunSupervisor(extra_env=ENV, **kwargs))
        return made[-1]

    yield make
    for sup in made:
        sup.shutdown(timeout_s=5)


def settings(model: Path | str, **extra) -> dict:
    return {
        "task": "smoking_status",
        "recipe": "classifier",
        "model": str(model),
        "epochs": 2,
        "max_length": 64,
        "long_text": "head_tail",
        "early_stopping": 0,
        **extra,
    }


class Heard:
    """Every signal of a supervisor, in order, and whether each arrived in the GUI thread."""

    def __init__(self, sup: RunSupervisor) -> None:
        self.signals: list[tuple[str, tuple]] = []
        self.in_gui_thread: set[bool] = set()
        for name in ("started", "progress", "progress_detail", "metrics", "log", "warning", "ended"):
            getattr(sup, name).connect(lambda *args, name=name: self._hear(name, args))

    def _hear(self, name: str, args: tuple) -> None:
        self.in_gui_thread.add(threading.current_thread() is threading.main_thread())
        self.signals.append((name, args))

    def names(self) -> list[str]:
        return [name for name, _ in self.signals]

    def args(self, name: str) -> list[tuple]:
        return [args for n, args in self.signals if n == name]


class Ticks:
    """A timer in the GUI thread; its gaps show whether the event loop stayed responsive."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def longest_gap(self) -> float:
        return max(b - a for a, b in zip(self.times, self.times[1:], strict=False))


def training_progress(heard: Heard) -> list[tuple]:
    return [a for a in heard.args("progress") if a[2].startswith("training")]


def on_first_training_progress(sup: RunSupervisor, action) -> None:
    done = []

    def hear(_done: int, _total: int, phase: str) -> None:
        if phase.startswith("training") and not done:
            done.append(True)
            action()

    sup.progress.connect(hear)


def test_a_tiny_training_runs_through_the_supervisor(qtbot, project, supervisors, tiny_bert_dir):
    sup = supervisors()
    heard = Heard(sup)
    ticks = Ticks()
    with qtbot.waitSignal(sup.ended, timeout=TIMEOUT_MS) as blocker:
        run_id = sup.start(project, settings(tiny_bert_dir.path))
        assert sup.is_running() and sup.run_id == run_id and sup.pid
    ticks.stop()
    ending: RunEnding = blocker.args[0]

    names = heard.names()
    assert names[0] == "started" and names[-1] == "ended" and names.count("ended") == 1
    started = heard.args("started")[0][0]
    assert started["event"] == "started" and started["run"] == run_id
    assert started["settings"]["recipe"] == "classifier"
    training = training_progress(heard)
    assert training and all(total > 0 and 0 <= done <= total for done, total, _ in training)
    details = [a[0] for a in heard.args("progress_detail") if a[0]["phase"].startswith("training")]
    assert len(details) == len(training) and details[-1]["epochs"] == 2 and details[-1]["epoch"] > 0
    assert any(d.get("eta_s") is not None for d in details)
    assert any("loss" in values for values, _step in heard.args("metrics"))
    assert heard.in_gui_thread == {True}

    assert ending.status == "completed" and ending.exit_code == 0 and not ending.killed
    assert ending.event["event"] == "finished" and ending.event["run"] == run_id
    assert 0 <= ending.event["headline"]["value"] <= 1
    assert ending.run.id == run_id and ending.run.status == "completed" and ending.error is None
    assert ending.log_file == project.runs_dir / str(run_id) / "run.log" and ending.log_file.is_file()
    assert not sup.is_running() and sup.ending is ending

    run = get_run(project, run_id)
    assert run.status == "completed" and run.model_hash and run.data_hash == started["data_hash"]
    # The frozen test split (about TEST_REPORTS, stratified) is predicted in full.
    test_size = sum(started["counts"]["test"].values())
    assert test_size >= TEST_REPORTS - 2 and len(get_predictions(project, run_id)) == test_size
    assert not (project.runs_dir / str(run_id) / SNAPSHOT_DIR).exists()
    # The GUI thread kept turning while the child trained (it is only told what happens).
    assert len(ticks.times) > 20 and ticks.longest_gap() < 5.0, ticks.longest_gap()


def test_b_cancel_during_training_records_the_run_cancelled(qtbot, project, supervisors, tiny_bert_dir):
    sup = supervisors()
    heard = Heard(sup)
    on_first_training_progress(sup, sup.cancel)
    with qtbot.waitSignal(sup.ended, timeout=TIMEOUT_MS) as blocker:
        run_id = sup.start(project, settings(tiny_bert_dir.path, epochs=50))
    ending: RunEnding = blocker.args[0]

    assert sup.is_cancel_requested() and training_progress(heard)
    assert ending.status == "cancelled" and ending.exit_code == 130 and not ending.killed
    assert ending.event["event"] == "cancelled"
    assert heard.names()[-1] == "ended"
    run = get_run(project, run_id)
    assert run.status == "cancelled" and run.finished_at
    assert get_predictions(project, run_id) == []
    assert not (project.runs_dir / str(run_id) / SNAPSHOT_DIR).exists()


def test_c_a_missing_model_folder_ends_failed_with_a_user_error(qtbot, project, supervisors, tmp_path):
    missing = tmp_path / "no-such-model"
    sup = supervisors()
    with qtbot.waitSignal(sup.ended, timeout=TIMEOUT_MS) as blocker:
        run_id = sup.start(project, settings(missing))
    ending: RunEnding = blocker.args[0]

    assert ending.status == "failed" and ending.exit_code == 1
    assert ending.event["event"] == "failed" and ending.event["kind"] == "user_error"
    assert "no-such-model" in ending.event["message"]
    run = get_run(project, run_id)
    assert run.status == "failed" and "no-such-model" in run.error
    assert not (project.runs_dir / str(run_id) / SNAPSHOT_DIR).exists()


def test_d_a_child_killed_from_outside_ends_failed_and_leaves_the_project_unlocked(
    qtbot, root, project, supervisors, tiny_bert_dir
):
    sup = supervisors()
    heard = Heard(sup)
    ticks = Ticks()
    on_first_training_progress(sup, lambda: os.kill(sup.pid, signal.SIGKILL))
    with qtbot.waitSignal(sup.ended, timeout=TIMEOUT_MS) as blocker:
        run_id = sup.start(project, settings(tiny_bert_dir.path, epochs=50))
    ticks.stop()
    ending: RunEnding = blocker.args[0]

    assert training_progress(heard)
    assert ending.status == "failed" and ending.exit_code == -signal.SIGKILL and not ending.killed
    assert ending.event is None  # it had no time to say anything
    run = get_run(project, run_id)
    assert run.status == "failed" and "ended without a result" in run.error
    assert not (project.runs_dir / str(run_id) / SNAPSHOT_DIR).exists()
    assert len(ticks.times) > 10 and ticks.longest_gap() < 5.0, ticks.longest_gap()

    project.close()
    with open_project(root) as again:  # the write lock opens at once: nothing was left locked
        assert close_interrupted_runs(again) == []
        assert [r.id for r in list_runs(again) if r.status == "running"] == []
        assert get_run(again, run_id).status == "failed"


def test_e_a_crashing_child_ends_failed_with_its_exit_code_and_stderr(qtbot, project, supervisors):
    sup = supervisors()
    sup.command = lambda root, run_id, fd: [
        sys.executable,
        "-c",
        "import sys; sys.stderr.write('warming up\\nboom\\n'); sys.exit(3)",
    ]
    with qtbot.waitSignal(sup.ended, timeout=TIMEOUT_MS) as blocker:
        run_id = sup.start(project, settings("unused"))
    ending: RunEnding = blocker.args[0]

    assert ending.status == "failed" and ending.exit_code == 3 and ending.event is None
    assert ending.stderr_tail.splitlines() == ["warming up", "boom"]
    run = get_run(project, run_id)
    assert run.status == "failed" and "ended without a result" in run.error


def test_an_undecodable_line_is_passed_on_as_a_log_and_reading_goes_on(qtbot, project, supervisors):
    good = (
        encode("log", message="still here")
        + "\n"
        + encode("warning", code="w.c", params={"n": 1}, message="careful")
    )
    script = (
        "import os, sys; fd = int(sys.argv[1]); "
        "os.write(fd, b'not an event\\n' + sys.argv[2].encode() + b'\\n{\"half\": '); "
        "sys.stderr.write('x\\n' * 100)"
    )
    sup = supervisors()
    heard = Heard(sup)
    sup.command = lambda root, run_id, fd: [sys.executable, "-c", script, str(fd), good]
    with qtbot.waitSignal(sup.ended, timeout=TIMEOUT_MS) as blocker:
        sup.start(project, settings("unused"))
    ending: RunEnding = blocker.args[0]

    assert [a[0] for a in heard.args("log")] == ["not an event", "still here", '{"half": ']
    assert heard.args("warning") == [("w.c", {"n": 1}, "careful")]
    assert ending.status == "failed" and ending.exit_code == 0
    assert len(ending.stderr_tail.splitlines()) == run_supervisor.STDERR_LINES


def test_a_child_that_ignores_cancel_is_killed_and_recorded_cancelled(qtbot, project, supervisors):
    sup = supervisors(kill_after_s=0.5)
    # A child that reads nothing on stdin and sleeps: only the kill can end it.
    sup.command = lambda root, run_id, fd: [sys.executable, "-c", "import time; time.sleep(120)"]
    run_id = sup.start(project, settings("unused"))
    with qtbot.waitSignal(sup.ended, timeout=30_000) as blocker:
        sup.cancel()
    ending: RunEnding = blocker.args[0]

    assert ending.killed and ending.exit_code == -signal.SIGKILL
    assert ending.status == "cancelled" and ending.run.error == KILLED_AFTER_CANCEL
    assert get_run(project, run_id).status == "cancelled"
    assert not (project.runs_dir / str(run_id) / SNAPSHOT_DIR).exists()


def test_shutdown_stops_a_real_run_and_records_it_before_returning(
    qtbot, root, project, supervisors, tiny_bert_dir
):
    sup = supervisors()
    heard = Heard(sup)
    with qtbot.waitSignal(
        sup.progress, timeout=TIMEOUT_MS, check_params_cb=lambda d, t, p: p.startswith("training")
    ):
        run_id = sup.start(project, settings(tiny_bert_dir.path, epochs=50))
    ending = sup.shutdown(timeout_s=60)

    assert ending is not None and not sup.is_running() and heard.names()[-1] == "ended"
    assert ending.status == "cancelled" and ending.exit_code == 130 and not ending.killed
    assert get_run(project, run_id).status == "cancelled"
    project.close()
    with open_project(root) as again:
        assert [r.id for r in list_runs(again) if r.status == "running"] == []


def test_shutdown_kills_a_child_that_does_not_stop_in_time(qtbot, project, supervisors):
    sup = supervisors()
    sup.command = lambda root, run_id, fd: [sys.executable, "-c", "import time; time.sleep(120)"]
    run_id = sup.start(project, settings("unused"))
    started = time.monotonic()
    ending = sup.shutdown(timeout_s=1)

    assert time.monotonic() - started < 20
    assert ending.killed and ending.status == "cancelled" and not sup.is_running()
    assert get_run(project, run_id).status == "cancelled"


def test_a_dropped_supervisor_lives_on_until_its_run_has_ended(qtbot, project):
    sup = RunSupervisor(extra_env=ENV)
    sup.command = lambda root, run_id, fd: [sys.executable, "-c", "import time; time.sleep(1)"]
    ended: list[RunEnding] = []
    sup.ended.connect(ended.append)
    run_id = sup.start(project, settings("unused"))
    assert sup in run_supervisor._LIVE
    del sup
    qtbot.waitUntil(lambda: bool(ended), timeout=30_000)
    qtbot.waitUntil(lambda: not run_supervisor._LIVE, timeout=5_000)
    assert ended[0].status == "failed" and get_run(project, run_id).status == "failed"


def test_a_command_that_cannot_start_still_ends_recorded(qtbot, project, supervisors, tmp_path):
    sup = supervisors()
    sup.command = lambda root, run_id, fd: [str(tmp_path / "no-such-program")]
    with qtbot.waitSignal(sup.ended, timeout=30_000) as blocker:
        run_id = sup.start(project, settings("unused"))
    ending: RunEnding = blocker.args[0]
    assert ending.status == "failed" and ending.exit_code is None and "could not start" in ending.stderr_tail
    assert get_run(project, run_id).status == "failed"


def test_the_supervisor_and_preparing_a_run_load_no_torch(tmp_path):
    code = (
        "import sys\n"
        "from medlabel.core.demo.project import create_demo_project\n"
        "from medlabel.gui.run_supervisor import RunSupervisor\n"
        "from medlabel.ml.attached import prepare_attached_run\n"
        f"with create_demo_project({str(tmp_path / 'p')!r}, 'smoking', 30, 20, 5) as p:\n"
        "    prepare_attached_run(p, {'task': 'smoking_status', 'recipe': 'classifier'})\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in {'torch', 'transformers', 'peft'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env={**os.environ, **ENV},
    )
    assert json.loads(out.stdout.strip().replace("'", '"')) == []


def test_a_prepared_run_can_be_started_by_its_id(qtbot, project, supervisors):
    run_id = prepare_attached_run(project, settings("unused"))
    sup = supervisors()
    sup.command = lambda root, rid, fd: [sys.executable, "-c", f"assert {rid} == {run_id}"]
    with pytest.raises(TypeError):
        sup.start(project)
    with qtbot.waitSignal(sup.ended, timeout=30_000) as blocker:
        assert sup.start(project, run_id=run_id) == run_id
    assert blocker.args[0].exit_code == 0 and blocker.args[0].run.id == run_id
    with pytest.raises(RuntimeError):
        sup.start(project, run_id=run_id)


def test_the_reader_is_destroyed_in_the_gui_thread(qtbot, project, supervisors):
    # A Python QObject destroyed in its worker thread can deadlock against the GUI thread
    # (tests/gui/test_worker_threads.py says how).
    sup = supervisors()
    sup.command = lambda root, run_id, fd: [sys.executable, "-c", "import sys; sys.exit(0)"]
    where: list[str] = []
    with qtbot.waitSignal(sup.ended, timeout=TIMEOUT_MS):
        sup.start(project, settings("unused"))
        sup._reader.destroyed.connect(
            lambda *_: where.append(threading.current_thread().name), Qt.ConnectionType.DirectConnection
        )
    qtbot.waitUntil(lambda: bool(where), timeout=TIMEOUT_MS)
    assert where == [threading.main_thread().name]
