"""Where tests save the pictures they take of widgets.

By default a folder under the test's ``tmp_path``, so a test run never writes into the
repository. ``GMM_SCREENSHOTS=1`` saves them in the repository's ``screenshots/`` instead
(git-ignored), to look at them after a change.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
OPT_IN = "GMM_SCREENSHOTS"


def screenshot_folder(tmp_path: Path) -> Path:
    """The folder to save screenshots in (created): ``tmp_path``'s, or the repository's."""
    folder = REPO_SCREENSHOTS if os.environ.get(OPT_IN) else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
