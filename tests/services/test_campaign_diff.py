"""The readable diff between two versions of a campaign: step by step (steps matched by id, so a
moved step reads as moved), smart list filters and triggers, schedule and quiet hours; the same
change said in English for the command line and through a translation for the app."""

from __future__ import annotations

from smsflow_desktop.model.campaign import (
    AddedToListTrigger,
    Campaign,
    Condition,
    EveryDays,
    MemberOfListFilter,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    Recurrence,
)
from smsflow_desktop.model.step_types import (
    SendSmsChoice,
    SendSmsParams,
    SendSmsStep,
    SubscribeVibesListStep,
    WaitStep,
)
from smsflow_desktop.services.campaign_diff import Term, diff_campaigns, diff_texts

LISTS = {"101": "Offers", "102": "Text Club"}


def base() -> Campaign:
    return Campaign(
        name="Spring promo",
        smart_list={"filters": [PersonFieldFilter(field="country", operator="is", values=["US", "SE"])]},
        flow=[
            SendSmsStep(
                message="Spring offer",
                vibes_list_id="101",
                choices=[
                    SendSmsChoice(
                        when=Condition(field="country", operator="is", values=["SE"]),
                        then=SendSmsParams(message="Vårerbjudande", vibes_list_id="101"),
                    )
                ],
            ),
            WaitStep(duration="4 hours"),
            SubscribeVibesListStep(vibes_list_id="102", acquisition_campaign_id="202"),
        ],
    )


def test_the_same_campaign_has_no_changes() -> None:
    old = base()
    assert diff_campaigns(old, old.model_copy(deep=True)) == []


def test_a_step_field_change_names_the_step_the_field_and_both_values() -> None:
    old = base()
    new = old.model_copy(deep=True)
    new.flow[0].message = "Spring offer v2"  # type: ignore[union-attr]
    new.flow[1].duration = "1 day"  # type: ignore[union-attr]
    new.flow[0].vibes_list_id = "102"  # type: ignore[union-attr]
    assert diff_texts(old, new, vibes_lists=LISTS) == [
        "Step 1 Send SMS Message: SMS message changed from “Spring offer” to “Spring offer v2”",
        "Step 1 Send SMS Message: Vibes list changed from Offers (101) to Text Club (102)",
        "Step 2 Wait: duration changed from 4 hours to 1 day",
    ]


def test_steps_added_removed_and_moved_are_told_apart() -> None:
    old = base()
    new = old.model_copy(deep=True)
    subscribe = new.flow.pop(2)
    new.flow.insert(0, subscribe)  # moved to the top
    new.flow.pop(2)  # the Wait (now third) removed
    new.flow.append(WaitStep(duration="2 days", resume_weekdays=["mon"]))
    assert diff_texts(old, new, vibes_lists=LISTS) == [
        "Step 2 Wait removed (duration 4 hours)",
        "Subscribe to Vibes List moved from step 3 to step 1",
        "Step 3 Wait added (duration 2 days, resume on mon)",
    ]


def test_choices_filters_logic_and_triggers() -> None:
    old = base()
    new = old.model_copy(deep=True)
    new.flow[0].choices[0].then = None  # type: ignore[union-attr]
    new.flow[0].choices.append(  # type: ignore[union-attr]
        SendSmsChoice(when=Condition(field="state", operator="is_empty"), then=None)
    )
    new.smart_list.filters.append(MemberOfListFilter(list="VIP"))
    new.smart_list.filters.append(MemberOfVibesListFilter(vibes_list_id="101"))
    new.smart_list.logic = "1 and (2 or 3)"
    new.smart_list.triggers.append(AddedToListTrigger(list="VIP"))
    assert diff_texts(old, new, vibes_lists=LISTS) == [
        "Smart list filter 2 added: member of list “VIP”",
        "Smart list filter 3 added: member of vibes list Offers (101)",
        "Filter logic changed from “all” to “1 and (2 or 3)”",
        "Trigger added: added to list “VIP”",
        "Step 1 Send SMS Message: choice 1 now reads: if country is SE, then Do Nothing "
        "(before: if country is SE, then SMS message “Vårerbjudande”, Vibes list Offers (101))",
        "Step 1 Send SMS Message: choice 2 added: if state is empty, then Do Nothing",
    ]
    changed = old.model_copy(deep=True)
    changed.smart_list.filters[0].values = ["US"]  # type: ignore[union-attr]
    assert diff_texts(old, changed) == ["Smart list filter 1 changed from country is US, SE to country is US"]


def test_name_schedule_and_quiet_hours() -> None:
    old = base()
    new = old.model_copy(deep=True)
    new.name = "Summer promo"
    new.schedule.qualification = EveryDays(every_days=30)
    new.schedule.start = "2026-05-01T08:00:00Z"
    new.schedule.recurrence = Recurrence(every="week", interval=2, on=["mon", "thu"], at="10:00")
    new.settings.quiet_hours.start = "09:00"
    changes = diff_campaigns(old, new)
    assert [c.area for c in changes] == ["campaign", "schedule", "schedule", "schedule", "settings"]
    assert [c.english() for c in changes] == [
        "Renamed from “Spring promo” to “Summer promo”",
        "Qualification changed from once to at most once every 30 days",
        "Start changed from (none) to 2026-05-01T08:00:00Z",
        "Repeats changed from does not repeat to every 2 weeks, on mon, thu, at 10:00",
        "Quiet hours changed: texts go 09:00–21:00 instead of 08:00–21:00",
    ]
    off = old.model_copy(deep=True)
    off.settings.quiet_hours.enabled = False
    assert diff_texts(old, off) == ["Quiet hours turned off"]


def test_the_app_says_the_same_change_through_its_translations() -> None:
    old = base()
    new = old.model_copy(deep=True)
    new.flow[0].message = "Ny text"  # type: ignore[union-attr]
    (change,) = diff_campaigns(old, new)
    swedish = {
        "%1: %2 changed from %3 to %4": "%1: %2 ändrades från %3 till %4",
        "Step %1 %2": "Steg %1 %2",
    }
    labels = {("step_type", "send_sms"): "Skicka SMS", ("field", "message"): "SMS-meddelande"}

    def label(term: Term) -> str:
        return labels[(term.kind, term.key)]

    text = change.text.render(lambda t: swedish.get(t, t), label)
    assert text == "Steg 1 Skicka SMS: SMS-meddelande ändrades från “Spring offer” till “Ny text”"
