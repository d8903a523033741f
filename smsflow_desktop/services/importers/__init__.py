"""Importers: People CSV files and Vibes extract files into the workspace.

Each importer checks its file before writing, streams it with bounded memory, writes in
one transaction and returns a result with counts and the problems it found, each with its
line. A file it cannot read raises :class:`ImportFileError` naming the file and the line;
a People CSV that changes while it is imported raises :class:`FileChangedError` (one too).
"""

from smsflow_desktop.services.importers.people_csv import (
    FileChangedError,
    PeopleCsvPlan,
    PeopleImportResult,
    import_people_csv,
    inspect_people_csv,
)
from smsflow_desktop.services.importers.textfile import ImportFileError
from smsflow_desktop.services.importers.vibes_extract import (
    ExtractImportResult,
    ExtractPlan,
    import_vibes_extract,
    inspect_vibes_extract,
)

__all__ = [
    "ExtractImportResult",
    "ExtractPlan",
    "FileChangedError",
    "ImportFileError",
    "PeopleCsvPlan",
    "PeopleImportResult",
    "import_people_csv",
    "import_vibes_extract",
    "inspect_people_csv",
    "inspect_vibes_extract",
]
