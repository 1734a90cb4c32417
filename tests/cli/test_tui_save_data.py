"""`tui-clf tui --save-data FILE` refuses a file it could not write before the app opens (exit 5)."""

from typer.testing import CliRunner

from tui_clf.cli import app


def test_save_data_into_a_missing_folder_is_refused_before_the_app_opens(tmp_path):
    result = CliRunner().invoke(app, ["tui", "--save-data", str(tmp_path / "no-such-folder" / "edited.csv")])
    assert result.exit_code == 5
    assert "edited.csv" in result.stderr and "cannot be written" in result.stderr
