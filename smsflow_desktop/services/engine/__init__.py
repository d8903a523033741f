"""The campaign engine: who a step reaches (preview), and the runner that texts them.

``preview.preview_step`` counts a step's audience under the contract's rules;
``runner.start_run`` / ``runner.resume_run`` work through a run's ledger; ``results``
lists runs and exports their activity. No Qt here.
"""
