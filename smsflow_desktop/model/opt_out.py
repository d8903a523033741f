"""Opt-out language: whether a text tells people how to stop, and which texts must.

A text says how to opt out when it holds the word ``STOP`` or the Swedish ``STOPP`` as a
word of its own, in any case ("Reply stop", "Svara STOPP"; "stopped" or "nonstop" do not
count). :func:`opt_out_hint` is the sentence to add, in the text's language: Swedish
("Svara STOPP för att avsluta") when the text looks Swedish (å, ä or ö, or common Swedish
words), English ("Reply STOP to opt out") when it looks English, and otherwise the
workspace's language (``ui.language``; ``sv`` is Swedish, anything else English).

Which texts must say it (:func:`first_text_branches`): every branch of a step that sends a
text (each choice's Then that sends, and the Default) that *can be a person's first text
from its Vibes list in this campaign*. A branch that sends from list L in step N is one
unless some earlier step sends from L in every one of its branches (every choice and the
Default, none of them Do Nothing): only then has everyone who reaches step N on list L
already had a text from L in this campaign. An earlier step that texts only some people
from L (a choice, or a Do Nothing branch, or another list in some branch) does not count,
because the others may get their first text from L in step N. People who join L during the
flow (a Subscribe step) get Vibes' own opt-in confirmation first, which carries the opt-out
words, so a Subscribe step does not make the next text a first one again. Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from smsflow_desktop.model.step_types import branches_of, choices_of, find_step_type

#: The opt-out keywords a text may name (STOPP is the Swedish word).
OPT_OUT_WORDS = ("STOP", "STOPP")
HINT_EN = "Reply STOP to opt out"
HINT_SV = "Svara STOPP för att avsluta"

_OPT_OUT = re.compile(r"(?<!\w)(?:stop|stopp)(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TOKEN = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SWEDISH_WORDS = _word_set(
    "hej och att för till från svara vi du dig din ditt dina är med på av som det den har kan nu idag "
    "tack vår våra erbjudande rabatt butiken veckan helgen"
)
_ENGLISH_WORDS = _word_set(
    "hi hello and the to for from reply we you your our is with on of that this it has can now today "
    "thanks offer sale store week weekend off get"
)


def has_opt_out(body: str) -> bool:
    """Whether ``body`` names STOP (or STOPP) as a word of its own, in any case."""
    return _OPT_OUT.search(_TOKEN.sub(" ", body)) is not None


def _words(body: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(_TOKEN.sub(" ", body))]


def looks_swedish(body: str) -> bool:
    """Å, ä or ö outside tokens, or more Swedish than English common words."""
    text = _TOKEN.sub(" ", body).casefold()
    if any(ch in text for ch in "åäö"):
        return True
    words = _words(body)
    return sum(w in _SWEDISH_WORDS for w in words) > sum(w in _ENGLISH_WORDS for w in words)


def looks_english(body: str) -> bool:
    words = _words(body)
    return not looks_swedish(body) and any(w in _ENGLISH_WORDS for w in words)


def hint_language(body: str, language: str = "") -> str:
    """``sv`` or ``en``: the text's language when it shows, else the workspace's."""
    if looks_swedish(body):
        return "sv"
    if looks_english(body):
        return "en"
    return "sv" if language == "sv" else "en"


def opt_out_hint(body: str, language: str = "") -> str:
    """The opt-out sentence to add to ``body``, in its language (see the module's rule)."""
    return HINT_SV if hint_language(body, language) == "sv" else HINT_EN


@dataclass(frozen=True)
class FirstText:
    """One branch that can be a person's first text from its list: the step (from 1), the
    field path of its message in the step (``message`` or ``choices[0].then.message``), the
    message's name and the Vibes list."""

    step: int
    field: str
    message: str
    vibes_list_id: str


def _sends(step: Any) -> tuple[str, str] | None:
    """The names of a texting step type's message and Vibes list fields (None: it sends no text)."""
    st = find_step_type(getattr(step, "type", ""))
    if st is None or not st.sends_text:
        return None
    messages, lists = st.field_names("message"), st.field_names("vibes_list")
    if not messages or not lists:
        return None
    return messages[0], lists[0]


def _texts_everyone_from(step: Any) -> str | None:
    """The list every branch of ``step`` texts from, or None when its branches differ or
    one of them does nothing (or the step sends no text)."""
    fields = _sends(step)
    if fields is None:
        return None
    message_field, list_field = fields
    lists = set()
    for params in branches_of(step):
        if params is None or not getattr(params, message_field, None):
            return None
        lists.add(getattr(params, list_field, None))
    if len(lists) != 1:
        return None
    only = lists.pop()
    return only or None


def first_text_branches(campaign: Any) -> list[FirstText]:
    """Every texting branch that can be a person's first text from its Vibes list in this
    campaign, in flow order (each step's choices, then its Default)."""
    out: list[FirstText] = []
    covered: set[str] = set()  # lists an earlier step texts everyone from
    for n, step in enumerate(campaign.flow, start=1):
        fields = _sends(step)
        if fields is None:
            continue
        message_field, list_field = fields
        paths = [f"choices[{i}].then." for i in range(len(choices_of(step)))] + [""]
        for prefix, params in zip(paths, branches_of(step), strict=True):
            if params is None:
                continue
            message, list_id = getattr(params, message_field, None), getattr(params, list_field, None)
            if message and list_id and list_id not in covered:
                out.append(FirstText(n, prefix + message_field, message, list_id))
        everyone = _texts_everyone_from(step)
        if everyone is not None:
            covered.add(everyone)
    return out
