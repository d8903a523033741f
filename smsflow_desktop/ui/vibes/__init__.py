"""Vibes: the settings dialog (which Vibes, the account, the password in the keyring), the
callback receiver's dialog, and the jobs that talk to Vibes on the runner thread (list sync,
the connection test, extract import).

The window's ``ui.window.vibes_actions`` opens these and starts the jobs. Nothing here
imports the other rooms (``ui.editor``, ``ui.run``, ``ui.people``, ``ui.window``).
"""
