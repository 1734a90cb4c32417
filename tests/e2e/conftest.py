"""In CI the end-to-end tests must run, not skip: a machine without tmux or Chromium is a broken CI machine."""

import os
import shutil

import pytest

if os.environ.get("CI") == "true":
    for program, package in (("tmux", "tmux"), ("chromium", "chromium")):
        if shutil.which(program) is None:
            raise pytest.UsageError(f"CI must run the end-to-end tests with {program}: install it first (apt-get install -y {package})")
