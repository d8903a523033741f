"""People: the People page (a lazy table over everyone in the workspace, searchable), one
person's pane (details, lists, Vibes memberships, history) and the People CSV import wizard
with its job for the runner thread.

The window's ``ui.window.workspace_actions`` shows the page and opens the wizard. Nothing
here imports the other rooms (``ui.editor``, ``ui.run``, ``ui.vibes``, ``ui.window``).
"""
