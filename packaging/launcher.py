"""Entry point of the packaged app: ``smsflow-desktop`` (GUI), or the ``smsflow`` command
line when started as ``smsflow-desktop cli ...``."""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "cli":
    from smsflow_desktop.cli import main as cli_main

    raise SystemExit(cli_main(sys.argv[2:]))

from smsflow_desktop.ui.app import main

raise SystemExit(main())
