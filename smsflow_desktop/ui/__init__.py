"""Everything that draws: windows, the flow editor, dialogs and the Qt bridge to the engine."""
