"""Services over the model: the SQLite workspace, importers, the Vibes client and emulator,
and the campaign engine. No Qt here."""
