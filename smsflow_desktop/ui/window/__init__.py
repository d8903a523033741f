"""The main window and what it is made of: menus and toolbar, the navigator, the welcome
page, the window's dialogs and remembered layout, and its helpers for runs
(``engine_actions``), Vibes (``vibes_actions``) and workspace pages (``workspace_actions``);
also the first start, the quick tour and starting the app.

This is the one room that may import the others: it puts the editor, run, people and Vibes
widgets together around the ``ui.context.WorkspaceContext``. Its helpers take that context
and the few widgets they need, never the window itself.
"""
