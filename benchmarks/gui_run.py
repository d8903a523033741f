"""GUI figures for running and observing: the window stays responsive during a big run, and
the results table scrolls a million activity rows without stalling.

* run: a campaign with about ``--recipients`` recipients runs from the window against the
  workspace's embedded Vibes emulator; a 1 ms timer on the GUI thread measures the event
  loop's longest stall, and the run panel counts its progress updates (target: stall under
  50 ms, at least 4 updates a second). Reference: the same loop idle, in the same run.
* scroll: the Results tab of a run with ``--activity`` rows; the view is scrolled to its
  end page after page (each step fetches rows) until every row is in, then jumps to random
  places; the longest step is the longest stall (target: under 50 ms). Reference: one step
  at the top of the log.

Run: ``.venv/bin/python benchmarks/gui_run.py [--recipients 20000] [--activity 1000000]``
(offscreen; no display needed).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

from bench_data import build_workspace
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from smsflow_desktop.model.campaign import Campaign, SmsMessage
from smsflow_desktop.services.campaigns import save_campaign, save_message
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace, transaction
from smsflow_desktop.ui.resources import stylesheet

SEED = (
    '{"company_key": "ck", "username": "u", "password": "p", "subscription_lists": '
    '[{"id": "101", "name": "Main list"}], "acquisition_campaigns": [], "subscriptions": []}'
)


class StallMeter:
    """The longest gap between ticks of a 1 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.gaps: list[float] = []

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last:
            self.gaps.append(now - self.last)
        self.last = now

    def start(self) -> None:
        self.gaps, self.last = [], 0.0
        self.timer.start()

    def stop(self) -> tuple[float, float]:
        self.timer.stop()
        gaps = sorted(self.gaps) or [0.0]
        return gaps[-1] * 1000, gaps[int(len(gaps) * 0.99)] * 1000


def spin(app: QApplication, seconds: float, until=None) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not (until and until()):
        app.processEvents()
        time.sleep(0.0005)


class Dialogs:
    """Answers like a user who confirms the run."""

    headless = False

    def confirm_run(self, *_a: object, **_k: object) -> str:
        return "run"

    def confirm(self, *_a: object) -> bool:
        return True

    def __getattr__(self, _name: str):
        return lambda *a, **k: None


def bench_run(app: QApplication, root: Path, recipients: int) -> None:
    from smsflow_desktop.ui.window.main_window import MainWindow

    people = int(recipients / 0.93)
    ws = build_workspace(root / "run", people, people)
    with ws.session() as conn:
        save_message(conn, SmsMessage(name="Bench", body="Hi {{lead.First Name|there}}, spring offer! STOP to opt out"))
        save_campaign(
            conn,
            Campaign.model_validate(
                {
                    "name": "Bench",
                    "flow": [{"type": "send_sms", "message": "Bench", "vibes_list_id": "101"}],
                    "schedule": {"qualification": "every_time"},
                    "settings": {"quiet_hours": {"enabled": False}},
                }
            ),
        )
        set_setting(conn, "vibes.rate_limit.events", "2000")
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(SEED, encoding="utf-8")
    win = MainWindow(ws)
    win.dialogs = Dialogs()  # type: ignore[assignment]
    win.resize(1400, 900)
    win.show()
    win.open_campaign("Bench")
    spin(app, 3.0, until=lambda: not win.engine.runners)  # the engine modules load in the background
    meter = StallMeter()
    meter.start()
    spin(app, 2.0)
    idle_max, idle_p99 = meter.stop()

    stamps: list[float] = []
    meter.start()
    spin(app, 0.2)  # the meter ticks before Run is pressed, so a pause of the click itself counts
    started = time.perf_counter()
    win.engine.run()
    spin(app, 600, until=lambda: win.engine.run_panel is not None)
    panel = win.engine.run_panel
    assert panel is not None
    panel.bar.valueChanged.connect(lambda _v: stamps.append(time.perf_counter()))
    spin(app, 3600, until=lambda: panel.finished_run)
    elapsed = time.perf_counter() - started
    run_max, run_p99 = meter.stop()
    with ws.session() as conn:
        counts = ledger.run_counts(conn, 1)
    win.engine.shutdown()
    window = [t for t in stamps if stamps and stamps[0] + 1 < t < stamps[-1] - 1] or stamps
    span = (window[-1] - window[0]) if len(window) > 1 else 0.0
    per_s = (len(window) - 1) / span if span > 0 else 0.0
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    print(
        f"run: {counts['sent']:,} texts sent to the emulator in {elapsed:.1f} s "
        f"({counts['sent'] / elapsed:.0f} a second), status {panel.status.text()!r}"
    )
    print(
        f"  event loop stall, longest: {run_max:.1f} ms during the run vs {idle_max:.1f} ms idle "
        f"(99th percentile {run_p99:.1f} vs {idle_p99:.1f} ms); target < 50 ms: "
        f"{'met' if run_max < 50 else 'NOT met'}"
    )
    print(
        f"  progress updates: {per_s:.1f} a second on average, longest gap {max(gaps, default=0) * 1000:.0f} ms "
        f"({len(stamps)} updates); target >= 4 a second: {'met' if per_s >= 4 else 'NOT met'}"
    )
    win.close()


def bench_scroll(app: QApplication, root: Path, rows: int) -> None:
    from smsflow_desktop.ui.run.results_tab import ResultsTab

    ws = Workspace.open(root / "log", create=True)
    t = time.perf_counter()
    with ws.session(synchronous="OFF") as conn, transaction(conn):
        conn.execute(
            "INSERT INTO runs(campaign_name, status, snapshot, started_at, finished_at) VALUES "
            "('Big', 'completed', ?, '2026-04-01T10:00:00Z', '2026-04-01T12:00:00Z')",
            (ledger.Snapshot(Campaign(name="Big"), {}, "x").to_json(),),
        )
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
            "INSERT INTO people(id, first_name, last_name, phone_raw, phone_valid, created_at, "
            "updated_at) SELECT i, 'First' || i, 'Last' || i, '', 0, 'x', 'x' FROM n"
        )
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1) "
            "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) "
            "SELECT 1, '2026-04-01T10:' || printf('%02d', i / 20000 % 60) || ':00Z', 1 + i % 1000, "
            "'+1206' || printf('%07d', i), 1, CASE WHEN i % 3 = 0 THEN 'Send SMS' ELSE 'SMS Sent' END, "
            "'event ' || i FROM n",
            (rows,),
        )
    print(f"scroll: {rows:,} activity rows written in {time.perf_counter() - t:.1f} s")
    conn = ws.connect()
    tab = ResultsTab(conn, "Big", root=ws.root)
    tab.resize(1300, 850)
    tab.show()
    spin(app, 30, until=lambda: tab.summary is not None and not tab.runners)
    view, model = tab.activity, tab.activity_model
    bar = view.verticalScrollBar()

    def step(action) -> float:
        s = time.perf_counter()
        action()
        app.processEvents()
        return (time.perf_counter() - s) * 1000

    first = step(lambda: bar.setValue(bar.value() + bar.pageStep()))
    steps: list[float] = []
    t = time.perf_counter()
    while model.canFetchMore() or bar.value() < bar.maximum():
        steps.append(step(lambda: bar.setValue(bar.maximum())))
        if len(steps) > rows:  # safety
            break
    loaded = time.perf_counter() - t
    jumps = [step(lambda: bar.setValue(random.randint(0, bar.maximum()))) for _ in range(300)]
    worst = max(steps + jumps)
    print(
        f"  scrolled to the end: {model.rowCount():,} rows in {loaded:.1f} s over {len(steps)} steps; "
        f"memory holds ids only ({len(model.ids) * 8 / 1e6:.0f} MB) and {len(model.pages)} pages of cells"
    )
    print(
        f"  longest step {worst:.1f} ms (median {statistics.median(steps):.1f} ms, random jumps: longest "
        f"{max(jumps):.1f} ms) vs {first:.1f} ms for one page at the top; target < 50 ms: "
        f"{'met' if worst < 50 else 'NOT met'}"
    )
    tab.shutdown()
    conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--recipients", type=int, default=20_000)
    ap.add_argument("--activity", type=int, default=1_000_000)
    ap.add_argument("--skip-run", action="store_true")
    ap.add_argument("--skip-scroll", action="store_true")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(stylesheet())
    with tempfile.TemporaryDirectory(prefix="smsflow-gui-run-") as tmp:
        if not args.skip_run:
            bench_run(app, Path(tmp), args.recipients)  # type: ignore[arg-type]
        if not args.skip_scroll:
            bench_scroll(app, Path(tmp), args.activity)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
