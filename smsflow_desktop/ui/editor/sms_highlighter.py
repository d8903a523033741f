"""Highlighting in the SMS text box: tokens in blue, characters that force UCS-2 in orange.

A character outside the GSM-7 alphabet (an emoji, a curly quote, "ł") makes the whole
message travel as UCS-2 with 70 characters a segment instead of 160; marking it lets the
marketer see which one to replace. The colours are tokens of the scheme in use; the text is
highlighted again when the app switches between light and dark.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from smsflow_desktop.services.sms_text import GSM7_BASIC, GSM7_EXTENSION, TOKEN_RE
from smsflow_desktop.ui import theme


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class SmsHighlighter(QSyntaxHighlighter):
    """Marks tokens and non-GSM characters of a QTextDocument."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.ucs2_format = QTextCharFormat()
        self.ucs2_format.setFontUnderline(True)
        self.token_format = QTextCharFormat()
        self.token_format.setFontWeight(QFont.Weight.DemiBold)
        self._set_colors()
        appearance = theme.appearance()
        if appearance is not None:
            appearance.changed.connect(self._scheme_changed)

    def _set_colors(self) -> None:
        self.ucs2_format.setBackground(theme.color("ucs2_mark_bg"))
        self.ucs2_format.setForeground(theme.color("ucs2_mark_text"))
        self.ucs2_format.setUnderlineColor(theme.color("ucs2_mark_line"))
        self.token_format.setForeground(theme.color("token_text"))
        self.token_format.setBackground(theme.color("token_bg"))

    def _scheme_changed(self, _scheme: str) -> None:
        self._set_colors()
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        # Offsets handed to setFormat are UTF-16 units; Python indexes code points.
        offsets = [0]
        for ch in text:
            offsets.append(offsets[-1] + (2 if ord(ch) > 0xFFFF else 1))
        for m in TOKEN_RE.finditer(text):
            self.setFormat(offsets[m.start()], offsets[m.end()] - offsets[m.start()], self.token_format)
        for i, ch in enumerate(text):
            if ch not in GSM7_BASIC and ch not in GSM7_EXTENSION:
                self.setFormat(offsets[i], offsets[i + 1] - offsets[i], self.ucs2_format)
