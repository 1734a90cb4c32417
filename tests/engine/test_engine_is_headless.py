"""The engine is pure NumPy: importing it must not load any UI package."""

import subprocess
import sys


def test_importing_engine_loads_no_ui_package():
    code = (
        "import sys, engine\n"
        "import engine.trainer, engine.model_file, engine.pipeline\n"
        "bad = sorted(m for m in ('textual', 'textual_plotext', 'typer', 'rich', 'plotext', 'click', 'tui_clf') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"engine imported UI packages: {out.stdout.strip()}"
