"""Preview and runs: the engine's jobs for the runner thread, the Run confirmation, the run
panel, recovery of unfinished runs, the Results tab with its chart and activity log, and the
preview's funnel.

These widgets draw what ``services.engine`` reports and say what the user asked for through
their signals; the window's ``ui.window.engine_actions`` starts the jobs and wires them up.
Nothing here imports the other rooms (``ui.editor``, ``ui.people``, ``ui.vibes``, ``ui.window``).
"""
