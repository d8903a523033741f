"""smsflow-desktop: design, preview and run SMS marketing flows over the Vibes platform.

The package is layered: ``model`` (pydantic, no Qt, no I/O) under ``services`` (SQLite
workspace, Vibes client and emulator, engine) under ``ui`` (PySide6). ``cli`` is the
``smsflow`` command line over the services.
"""

__version__ = "0.1.0"
