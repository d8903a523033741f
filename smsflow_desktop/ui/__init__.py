"""Everything that draws: windows, the flow editor, dialogs and the Qt bridge to the engine."""

from smsflow_desktop.ui import qt_fixes

qt_fixes.apply()  # PySide6 6.12.0 drops a reference to True/False on every signal emission
