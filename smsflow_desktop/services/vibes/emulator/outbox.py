"""What the emulator sends out on its own: callbacks to registered URLs, on a schedule.

Store changes (a subscription added or removed, a participant added or changed) and event
processing stages (routing, carrier and handset delivery receipts) become callback payloads
for every registered callback whose type and filter match. Each is POSTed (or PUT) to its
destination by a small worker pool; a failed delivery is retried with a growing delay, and
with ``duplicate_rate`` a delivered callback is sometimes sent again, as Vibes may do. One
scheduler thread runs timed work (retries, delivery receipts after a delay).
"""

from __future__ import annotations

import heapq
import itertools
import json
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from smsflow_desktop.services.vibes.emulator.store import EmulatorStore

log = logging.getLogger(__name__)

CALLBACK_TYPES = (
    "subscription_added",
    "subscription_removed",
    "ack_participant_added",
    "ack_participant_changed",
    "event_processed",
)


class Dispatcher:
    """Schedules timed work and delivers callbacks for one emulator."""

    def __init__(
        self,
        store: EmulatorStore,
        *,
        retry_delay_s: float = 0.5,
        max_attempts: int = 5,
        duplicate_rate: float = 0.0,
        rng: random.Random | None = None,
        timeout: float = 5.0,
    ) -> None:
        self.store = store
        self.retry_delay_s = retry_delay_s
        self.max_attempts = max_attempts
        self.duplicate_rate = duplicate_rate
        self.rng = rng or random.Random()
        self.deliveries: list[dict[str, Any]] = []
        self._timeout = timeout
        self._http: httpx.Client | None = None  # made on the first delivery
        self._http_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="vibes-emulator-callback")
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="vibes-emulator-scheduler", daemon=True)
        store.listeners.append(self.on_store_event)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._http is not None:
            self._http.close()
        if self.on_store_event in self.store.listeners:
            self.store.listeners.remove(self.on_store_event)

    # -- scheduling -----------------------------------------------------------------------
    def schedule(self, delay_s: float, work: Callable[[], None]) -> None:
        with self._cond:
            if self._stopped:
                return
            heapq.heappush(self._heap, (time.monotonic() + max(0.0, delay_s), next(self._seq), work))
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopped and (not self._heap or self._heap[0][0] > time.monotonic()):
                    self._cond.wait(None if not self._heap else max(0.0, self._heap[0][0] - time.monotonic()))
                if self._stopped:
                    return
                _, _, work = heapq.heappop(self._heap)
            try:
                work()
            except Exception:
                log.exception("emulator background job failed")

    def pending(self) -> int:
        with self._cond:
            return len(self._heap)

    # -- callbacks ------------------------------------------------------------------------
    def matching(
        self,
        kind: str,
        *,
        list_id: str | None = None,
        campaign_id: str | None = None,
        event_type: str | None = None,
        stage: str | None = None,
        success: bool = True,
    ) -> list[dict[str, Any]]:
        out = []
        for row in self.store.q("SELECT id, body FROM callbacks WHERE active = 1 AND callback_type = ?", (kind,)):
            body = json.loads(row["body"])
            spec = body.get(kind) if isinstance(body.get(kind), dict) else {}
            if list_id and spec.get("list_id") and str(spec["list_id"]) != list_id:
                continue
            if campaign_id and spec.get("campaign_id") and str(spec["campaign_id"]) != campaign_id:
                continue
            if kind == "event_processed":
                if spec.get("event_type") and spec["event_type"] != event_type:
                    continue
                wanted = spec.get("callbacks_to_send") or "all"
                if wanted == "only_failures" and success:
                    continue
                if wanted not in ("all", "only_failures") and wanted != stage:
                    continue
            out.append({"callback_id": str(row["id"]), **body})
        return out

    def send(self, callbacks: list[dict[str, Any]], kind: str, payload: dict[str, Any]) -> None:
        for callback in callbacks:
            full = {
                "event_id": str(uuid.uuid4()),
                "event_type": kind,
                "event_date": self.store.now_iso(),
                "callback_id": callback["callback_id"],
                **payload,
            }
            self._pool_submit(callback, full, 1)

    def _pool_submit(
        self, callback: dict[str, Any], payload: dict[str, Any], attempt: int, repeat: bool = False
    ) -> None:
        try:
            self._pool.submit(self._deliver, callback, payload, attempt, repeat)
        except RuntimeError:  # shut down
            log.debug("emulator stopped; callback %s not delivered", payload["event_id"])

    def _deliver(self, callback: dict[str, Any], payload: dict[str, Any], attempt: int, repeat: bool) -> None:
        dest = callback.get("destination") or {}
        url, method = dest.get("url"), (dest.get("method") or "POST").upper()
        content_type = dest.get("content_type") or "application/json"
        record: dict[str, Any] = {
            "callback_id": callback["callback_id"],
            "event_id": payload["event_id"],
            "event_type": payload["event_type"],
            "url": url,
            "attempt": attempt,
        }
        with self._http_lock:
            if self._http is None:
                self._http = httpx.Client(timeout=self._timeout)
        try:
            if not isinstance(url, str) or not url:
                raise httpx.InvalidURL("the callback has no destination URL")
            response = self._http.request(
                method, url, content=json.dumps(payload).encode(), headers={"Content-Type": content_type}
            )
            record["status"] = response.status_code
            ok = 200 <= response.status_code < 300
        except httpx.HTTPError as exc:
            record["error"] = f"{type(exc).__name__}: {exc}"
            ok = False
        self.deliveries.append(record)
        if ok:
            if not repeat and self.duplicate_rate and self.rng.random() < self.duplicate_rate:
                self.schedule(0.05, lambda: self._pool_submit(callback, payload, 1, repeat=True))
            return
        if attempt < self.max_attempts:
            delay = self.retry_delay_s * (2 ** (attempt - 1))
            self.schedule(delay, lambda: self._pool_submit(callback, payload, attempt + 1, repeat))
        else:
            log.info("callback %s to %s given up after %d attempts", payload["event_id"], url, attempt)

    # -- payloads ---------------------------------------------------------------------------
    def _person_ref(self, person: dict[str, Any]) -> dict[str, Any]:
        ck = self.store.company["company_key"]
        key = person.get("person_key")
        return {
            "id": key,
            "person_key": key,
            "external_person_id": person.get("external_person_id"),
            "mobile_phone": {"mdn": person.get("mdn")},
            "url": f"/companies/{ck}/mobiledb/persons/{key}",
        }

    def on_store_event(self, kind: str, data: dict[str, Any]) -> None:
        ck = self.store.company["company_key"]
        if kind in ("subscription_added", "subscription_removed"):
            callbacks = self.matching(kind, list_id=data["list_id"])
            if not callbacks:
                return
            sub = data["subscription"]
            self.send(
                callbacks,
                kind,
                {
                    "subscription": {
                        "person": self._person_ref(data["person"]),
                        "subscription_list": {
                            "id": data["list_id"],
                            "name": data["list_name"],
                            "url": f"/companies/{ck}/mobiledb/subscription_lists/{data['list_id']}",
                        },
                        "opt_in_date": sub.get("opt_in_date"),
                        "opt_out_date": sub.get("opt_out_date"),
                        "opt_out_reason": sub.get("opt_out_reason"),
                    }
                },
            )
        elif kind in ("ack_participant_added", "ack_participant_changed"):
            part, campaign = data["participant"], data["campaign"]
            callbacks = self.matching(kind, campaign_id=part["acquisition_id"])
            if not callbacks:
                return
            keywords = json.loads(campaign.get("keywords") or "[]")
            self.send(
                callbacks,
                kind,
                {
                    "participant": {
                        **self._person_ref(data["person"]),
                        "status": part["status"],
                        "participation_date": part["participation_date"],
                        "expire_date": part["expire_date"],
                        "acquisition_campaign": {
                            "api_key": part["acquisition_id"],
                            "description": campaign.get("description"),
                            "keyword": keywords[0] if keywords else None,
                        },
                        "subscription_list": {"id": data["list_ids"][0] if data["list_ids"] else None},
                        "subscription_list_ids": data["list_ids"],
                    }
                },
            )

    def event_processed(self, event: dict[str, Any], stage: str, success: bool, reason: str | None) -> None:
        self.store.emit("event_processed", {"event_id": event["event_id"], "stage": stage, "success": success})
        callbacks = self.matching("event_processed", event_type=event["event_type"], stage=stage, success=success)
        if not callbacks:
            return
        self.send(
            callbacks,
            "event_processed",
            {
                "event_processed": {
                    "event_id": event["event_id"],
                    "event_type": event["event_type"],
                    "event_data": json.loads(event["event_data"]),
                    "mdn": event["mdn"],
                    "person_key": event["person_key"],
                    "event_triggered_message_id": event["etm_id"],
                    "stage": stage,
                    "status": "success" if success else "failure",
                    "reason": reason,
                }
            },
        )
