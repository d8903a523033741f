"""``python -m smsflow_desktop.cli`` runs the ``smsflow`` command line."""

from smsflow_desktop.cli import main

raise SystemExit(main())
