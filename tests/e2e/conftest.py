"""In CI the end-to-end tests must run, not skip: a machine without tmux is a broken CI machine."""

import os
import shutil

import pytest

if os.environ.get("CI") == "true" and shutil.which("tmux") is None:
    raise pytest.UsageError("CI must run the end-to-end tests in tmux: install it first (apt-get install -y tmux)")
