"""The campaign editor: the Smart List, Flow and Schedule tabs, step cards and their fields,
the palette and drops, the undo commands and the document controller that owns them, the
SMS message editor, and campaign files.

Widgets here mirror the campaign document (``model.document``) and change it only through
the controller's verbs. They are given what they show (catalog, connection, counter) and
import nothing from the other rooms (``ui.run``, ``ui.people``, ``ui.vibes``, ``ui.window``).
"""
