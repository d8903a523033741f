"""``python -m smsflow_desktop`` opens the desktop app, as ``smsflow-desktop`` does."""

from smsflow_desktop.ui.app import main

raise SystemExit(main())
