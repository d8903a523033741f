"""GUI benchmarks: print figures, each with a reference measured in the same run.

* open: a 200-step flow, to the first painted frame and to every card built, against a
  10-step flow;
* scroll: the worst and median frame while scrolling that flow top to bottom;
* start: process start to the first window on screen (a fresh interpreter), against a bare
  QApplication + QMainWindow in the same kind of process;
* stall: the event loop's longest pause while the live audience count runs over a large
  workspace, against the same loop with nothing running.

Run: ``.venv/bin/python benchmarks/gui.py [--people 300000]`` (offscreen; no display needed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from smsflow_desktop.model.campaign import (
    Campaign,
    Condition,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SendSmsChoice,
    SendSmsParams,
    SendSmsStep,
    SmartList,
    SubscribeVibesListStep,
    WaitStep,
)
from smsflow_desktop.model.document import CampaignDocument
from smsflow_desktop.model.validation import WorkspaceRefs
from smsflow_desktop.services.workspace import Workspace, transaction
from smsflow_desktop.ui.editor.audience import AudienceCounter
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.flow_tab import FlowTab
from smsflow_desktop.ui.resources import stylesheet
from smsflow_desktop.ui.workspace_data import Catalog

REFS = WorkspaceRefs(
    messages={f"Message {i}": "Hi STOP" for i in range(12)},
    vibes_lists={"101": "Offers", "102": "Club", "103": "Sverige"},
    acquisition_campaigns={"201": frozenset({"101"}), "202": frozenset({"102"})},
    static_lists=frozenset({"VIP"}),
)
CATALOG = Catalog(REFS, {"201": "Keyword SPRING", "202": "Club sign-up"})


def flow_of(n: int) -> Campaign:
    steps = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            steps.append(
                SendSmsStep(
                    message="Message 1",
                    vibes_list_id="101",
                    choices=[
                        SendSmsChoice(
                            when=Condition(field="country", values=["SE"]),
                            then=SendSmsParams(message="Message 2", vibes_list_id="103"),
                        )
                    ]
                    if i % 8 == 0
                    else [],
                )
            )
        elif kind == 1:
            steps.append(WaitStep(duration="1 day"))
        elif kind == 2:
            steps.append(SubscribeVibesListStep(vibes_list_id="102", acquisition_campaign_id="202"))
        else:
            steps.append(SendSmsStep(message="Message 3", vibes_list_id="102"))
    return Campaign(name=f"Flow {n}", flow=steps)


def open_flow(app: QApplication, n: int) -> tuple[float, float, FlowTab, float]:
    started = time.perf_counter()
    controller = DocumentController(CampaignDocument(flow_of(n), REFS))
    tab = FlowTab(controller, CATALOG)
    tab.resize(1200, 900)
    tab.show()
    app.processEvents()
    tab.grab()  # the first frame, painted
    first = time.perf_counter() - started
    longest = 0.0
    while tab.flow_view._pending:
        turn = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - turn)
    app.processEvents()
    return first, time.perf_counter() - started, tab, longest


def bench_open(app: QApplication) -> FlowTab:
    ref_first, ref_all, ref_tab, _ = open_flow(app, 10)
    ref_tab.close()
    first, built, tab, longest = open_flow(app, 200)
    print(
        f"open 200-step flow: first frame {first * 1000:.0f} ms, all cards built {built * 1000:.0f} ms "
        f"in the background, longest event-loop turn meanwhile {longest * 1000:.0f} ms "
        f"(10-step flow: {ref_first * 1000:.0f} ms / {ref_all * 1000:.0f} ms; "
        f"ratio first frame {first / ref_first:.1f}x, all built {built / ref_all:.1f}x)"
    )
    return tab


def bench_scroll(app: QApplication, tab: FlowTab) -> None:
    bar = tab.flow_view.verticalScrollBar()
    frames: list[float] = []
    bar.setValue(0)
    app.processEvents()
    step = max(1, tab.flow_view.viewport().height() // 3)
    timer = QElapsedTimer()
    for value in range(0, bar.maximum() + step, step):
        timer.start()
        bar.setValue(value)
        tab.flow_view.viewport().repaint()
        app.processEvents()
        frames.append(timer.nsecsElapsed() / 1e6)
    print(
        f"scroll 200-step flow: {len(frames)} frames, worst {max(frames):.1f} ms, "
        f"median {statistics.median(frames):.1f} ms (reference: a 16.7 ms frame at 60 Hz; "
        f"worst/16.7 = {max(frames) / 16.7:.2f})"
    )


FIRST_WINDOW = r"""
import sys, time
t0 = float(sys.argv[1])
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication([])
if sys.argv[2] == "app":
    from smsflow_desktop.ui.window import startup
    from smsflow_desktop.ui.window.main_window import MainWindow
    startup.configure_application(app)
    ws = startup.open_existing(__import__("pathlib").Path(sys.argv[3]))
    startup.install_language(app, ws)
    w = MainWindow(ws)
else:
    from PySide6.QtWidgets import QMainWindow
    w = QMainWindow()
w.show()
app.processEvents()
print(time.time() - t0)
w.close()
"""


def bench_start(root: Path) -> None:
    def once(kind: str) -> float:
        out = subprocess.run(
            [sys.executable, "-c", FIRST_WINDOW, repr(time.time()), kind, str(root)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "HOME": str(root)},
        )
        return float(out.stdout.strip().splitlines()[-1])

    app_times = sorted(once("app") for _ in range(3))
    bare_times = sorted(once("bare") for _ in range(3))
    print(
        f"start to first window: {app_times[1] * 1000:.0f} ms median of 3 "
        f"(bare PySide6 window: {bare_times[1] * 1000:.0f} ms; ratio {app_times[1] / bare_times[1]:.1f}x)"
    )


def fill_workspace(root: Path, people: int) -> Workspace:
    ws = Workspace.open(root, create=True)
    now = "2026-01-01T00:00:00Z"
    with ws.session(synchronous="OFF") as conn:
        if conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] >= people:
            return ws
        cities = ["Stockholm", "Umeå", "Austin", "Seattle", "Dallas", "Malmö", "Boston"]
        batch = []
        with transaction(conn):
            for i in range(1, people + 1):
                phone = f"+1206{i:07d}"
                batch.append(
                    (
                        f"x{i}",
                        f"First{i % 997}",
                        f"Last{i % 991}",
                        f"p{i}@example.com",
                        phone,
                        phone,
                        1,
                        "SE" if i % 3 == 0 else "US",
                        cities[i % len(cities)],
                        now,
                        now,
                    )
                )
                if len(batch) == 20000:
                    conn.executemany(
                        "INSERT INTO people(external_id, first_name, last_name, email, phone_raw, "
                        "phone_e164, phone_valid, country, city, created_at, updated_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        batch,
                    )
                    batch = []
            if batch:
                conn.executemany(
                    "INSERT INTO people(external_id, first_name, last_name, email, phone_raw, "
                    "phone_e164, phone_valid, country, city, created_at, updated_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    batch,
                )
            conn.execute("INSERT OR IGNORE INTO vibes_lists(id, name) VALUES ('101', 'Offers')")
            conn.execute(
                "INSERT INTO vibes_memberships(list_id, mdn, active, updated_at) "
                "SELECT '101', phone_e164, 1, ? FROM people WHERE id % 2 = 0",
                (now,),
            )
    return ws


def max_stall(app: QApplication, seconds: float, during: callable | None = None) -> tuple[float, int]:
    """The longest gap between 5 ms timer ticks while ``during`` keeps work going."""
    gaps: list[float] = []
    last = time.perf_counter()

    def tick() -> None:
        nonlocal last
        now = time.perf_counter()
        gaps.append(now - last)
        last = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    end = time.perf_counter() + seconds
    counts = 0
    while time.perf_counter() < end:
        if during is not None:
            counts += during()
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return max(gaps) * 1000 if gaps else 0.0, counts


def bench_stall(app: QApplication, root: Path, people: int) -> None:
    ws = fill_workspace(root, people)
    counter = AudienceCounter(ws.root)
    done: list[int] = []
    counter.counted.connect(done.append)
    smart_lists = [
        SmartList(
            logic="1 and 2",
            filters=[
                PersonFieldFilter(field="city", operator="contains", values=[c]),
                MemberOfVibesListFilter(vibes_list_id="101"),
            ],
        )
        for c in ("holm", "å", "ust", "ton")
    ]
    started = time.perf_counter()
    counter.request_now(smart_lists[0])
    while not done:
        app.processEvents()
        time.sleep(0.001)
    one_count = time.perf_counter() - started
    state = {"i": 0}

    def keep_counting() -> int:
        if not counter.busy:
            state["i"] += 1
            counter.request_now(smart_lists[state["i"] % len(smart_lists)])
            return 1
        return 0

    baseline, _ = max_stall(app, 2.0)
    stall, n = max_stall(app, 4.0, keep_counting)
    counter.shutdown()
    print(
        f"live count over {people} people: one count {one_count * 1000:.0f} ms off the GUI thread; "
        f"event loop max stall {stall:.1f} ms during {n} counts (idle loop: {baseline:.1f} ms; "
        f"ratio {stall / max(baseline, 0.1):.1f}x)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300_000, help="people in the large workspace (default 300000)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the workspaces here (default: a temp dir)")
    args = parser.parse_args()
    app = QApplication([])
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())
    tab = bench_open(app)
    bench_scroll(app, tab)
    tab.close()
    with tempfile.TemporaryDirectory(prefix="smsflow-bench-") as tmp:
        work = args.workdir or Path(tmp)
        small = Workspace.open(work / "start", create=True)
        bench_start(small.root)
        bench_stall(app, work / "large", args.people)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
