"""`tui-clf datasets --export DIR`: the bundled datasets as CSV files that load back to the same arrays."""

import json

from engine import BUNDLED, load_dataset


def test_every_exported_file_loads_to_the_bundled_arrays(cli, tmp_path):
    folder = tmp_path / "new" / "data"
    result = cli("datasets", "--export", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == [str(folder / f"{name}.csv") for name in BUNDLED]
    for name in BUNDLED:
        bundled, exported = load_dataset(name), load_dataset(folder / f"{name}.csv")
        assert exported.X.tobytes() == bundled.X.tobytes() and exported.y.tobytes() == bundled.y.tobytes()
        assert (exported.classes, exported.feature_names) == (bundled.classes, bundled.feature_names)


def test_existing_files_are_kept_unless_forced_and_nothing_is_written_first(cli, tmp_path):
    mine = tmp_path / "xor.csv"
    mine.write_text("my own file\n")
    result = cli("datasets", "--export", str(tmp_path))
    assert result.exit_code == 5
    assert result.stderr.strip().splitlines() == [f"tui-clf: error: {mine}: already exists; --force overwrites the bundled datasets' files"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xor.csv"] and mine.read_text() == "my own file\n"
    forced = json.loads(cli("datasets", "--export", str(tmp_path), "--force", "--json").stdout)
    assert len(forced["exported"]) == len(BUNDLED) and load_dataset(mine).n_rows == load_dataset("xor").n_rows


def test_a_folder_that_cannot_be_made_exits_5_in_one_line(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = cli("datasets", "--export", str(blocker / "sub"))
    assert result.exit_code == 5 and len(result.stderr.strip().splitlines()) == 1
    assert "cannot write the dataset" in result.stderr
