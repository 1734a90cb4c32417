"""The engine is pure NumPy: importing it must load no UI package and no optional extra."""

import subprocess
import sys

# Optional extras: scikit-learn (engine.estimator alone imports it), pyarrow (only when an Arrow file is read), dask (engine.cluster alone).
NEVER_AT_IMPORT = ("textual", "textual_plotext", "typer", "rich", "plotext", "click", "tui_clf", "sklearn", "scipy", "pyarrow", "pandas", "dask", "distributed")


def test_importing_engine_loads_no_ui_package_and_no_optional_extra():
    code = (
        "import sys, engine\n"
        "import engine.trainer, engine.model_file, engine.pipeline, engine.data, engine.step_table\n"
        f"bad = sorted(m for m in {NEVER_AT_IMPORT!r} if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"engine imported: {out.stdout.strip()}"


def test_the_estimator_module_is_where_scikit_learn_comes_in():
    code = "import sys, engine.estimator\nprint('sklearn' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
