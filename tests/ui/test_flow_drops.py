"""Dropping onto the flow: the palette's own MIME data sent to the flow's viewport, at every
gap; reordering with the flow's move data; what the flow refuses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint

from smsflow_desktop.model.campaign import Campaign, SendSmsStep, UnsubscribeVibesListStep, WaitStep
from smsflow_desktop.model.step_types import type_ids
from smsflow_desktop.ui.editor.drop_handling import insertion_index, move_destination
from smsflow_desktop.ui.step_types import (
    MIME_STEP_MOVE,
    MIME_STEP_TYPE,
    read_step_type,
    step_move_mime,
    step_type_mime,
)

from .conftest import gap_point, send_drag


def three_steps() -> Campaign:
    return Campaign(
        name="Three",
        flow=[
            SendSmsStep(message="Spring offer", vibes_list_id="101"),
            WaitStep(duration="1 day"),
            UnsubscribeVibesListStep(vibes_list_id="102"),
        ],
    )


def test_palette_drag_carries_only_the_type_id(qapp) -> None:
    from smsflow_desktop.ui.editor.palette import FlowPalette

    palette = FlowPalette()
    for type_id, item in palette.items.items():
        mime = palette.tree.mimeData([item])
        assert mime.formats() == [MIME_STEP_TYPE]
        assert bytes(mime.data(MIME_STEP_TYPE).data()).decode() == type_id
        assert read_step_type(mime) == type_id


@pytest.mark.parametrize("gap", [0, 1, 2, 3])
@pytest.mark.parametrize("type_id", type_ids())
def test_drop_from_palette_at_every_gap(make_editor, type_id: str, gap: int) -> None:
    editor = make_editor(three_steps())
    before = [s.type for s in editor.document.campaign.flow]
    assert send_drag(editor.view.viewport(), step_type_mime(type_id), gap_point(editor.view, gap))
    after = [s.type for s in editor.document.campaign.flow]
    assert after == before[:gap] + [type_id] + before[gap:]
    card = editor.view.card(gap)
    assert card.type_id == type_id and card.number_label.text() == str(gap + 1)
    assert [c.number_label.text() for c in editor.view.cards] == ["1", "2", "3", "4"]
    assert editor.controller.stack.count() == 1
    editor.controller.stack.undo()
    assert [s.type for s in editor.document.campaign.flow] == before
    assert len(editor.view.cards) == 3


def test_drop_on_the_empty_flow(make_editor) -> None:
    editor = make_editor()
    assert editor.view.empty_state.isVisible()
    assert send_drag(editor.view.viewport(), step_type_mime("send_sms"), QPoint(300, 100))
    assert [s.type for s in editor.document.campaign.flow] == ["send_sms"]
    assert not editor.view.empty_state.isVisible()
    editor.controller.stack.undo()
    assert editor.view.empty_state.isVisible()


def test_drop_indicator_follows_the_pointer_and_hides(make_editor) -> None:
    editor = make_editor(three_steps())
    view = editor.view
    mime = step_type_mime("wait")
    assert send_drag(view.viewport(), mime, gap_point(view, 1), drop=False)
    assert view.indicator.isVisible()
    first_bottom = view.cards[0].geometry().bottom()
    second_top = view.cards[1].geometry().top()
    middle = view.indicator.geometry().center().y()
    assert first_bottom <= middle <= second_top
    assert send_drag(view.viewport(), mime, gap_point(view, 3), drop=False)
    assert view.indicator.geometry().top() >= view.cards[2].geometry().bottom()
    assert send_drag(view.viewport(), mime, gap_point(view, 3))
    assert not view.indicator.isVisible()


@pytest.mark.parametrize("src", [0, 1, 2])
@pytest.mark.parametrize("gap", [0, 1, 2, 3])
def test_reorder_by_dragging_a_card_to_every_gap(make_editor, src: int, gap: int) -> None:
    editor = make_editor(three_steps())
    ids = [s.id for s in editor.document.campaign.flow]
    send_drag(editor.view.viewport(), step_move_mime(editor.view.token, src), gap_point(editor.view, gap))
    expected = ids[:]
    moved = expected.pop(src)
    dst = move_destination(src, gap)
    if dst is None:
        assert [s.id for s in editor.document.campaign.flow] == ids
        assert editor.controller.stack.count() == 0
        return
    expected.insert(dst, moved)
    assert [s.id for s in editor.document.campaign.flow] == expected
    assert [c.step().id for c in editor.view.cards] == expected
    assert [c.number_label.text() for c in editor.view.cards] == ["1", "2", "3"]
    editor.controller.stack.undo()
    assert [s.id for s in editor.document.campaign.flow] == ids


def test_move_data_from_another_flow_is_refused(make_editor) -> None:
    editor = make_editor(three_steps())
    ids = [s.id for s in editor.document.campaign.flow]
    foreign = step_move_mime("another-window", 0)
    assert not send_drag(editor.view.viewport(), foreign, gap_point(editor.view, 3))
    assert [s.id for s in editor.document.campaign.flow] == ids


def test_unrelated_drag_data_is_refused(make_editor) -> None:
    editor = make_editor(three_steps())
    text = QMimeData()
    text.setText("send_sms")
    assert not send_drag(editor.view.viewport(), text, gap_point(editor.view, 0))
    unknown = QMimeData()
    unknown.setData(MIME_STEP_TYPE, b"launch_rocket")
    assert not send_drag(editor.view.viewport(), unknown, gap_point(editor.view, 0))
    assert len(editor.document.campaign.flow) == 3


def test_move_mime_round_trip() -> None:
    mime = step_move_mime("tok", 7)
    assert mime.formats() == [MIME_STEP_MOVE]


def test_insertion_index_and_destinations() -> None:
    spans = [(0, 100), (110, 210), (220, 320)]
    assert [insertion_index(spans, y) for y in (-5, 49, 51, 159, 161, 300, 400)] == [0, 0, 1, 1, 2, 3, 3]
    assert move_destination(0, 0) is None and move_destination(0, 1) is None
    assert move_destination(0, 3) == 2 and move_destination(2, 0) == 0 and move_destination(1, 3) == 2
