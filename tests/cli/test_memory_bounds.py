"""Memory is bounded by the cap the user set, not by what a file claims.

Each file here claims far more than the cap; tui-clf runs in a child process whose address
space is limited to a little more than the cap (TUI_CLF_MAX_BYTES=256M), so a loader that
allocated the claim would die of MemoryError (exit 1). It must refuse the file instead: one
line naming the file, the cap and how to raise it, and the data (3) or model (5) exit code.
"""

import gzip

import numpy as np
import pytest
from crafted_archives import npy_header, write_archive
from memory_limit import run_with_memory_limit

CAP = {"TUI_CLF_MAX_BYTES": "256M"}
ROOM = 768 * 2**20  # three times the cap on top of the interpreter


def refused(result, path, code: int, says: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"tui-clf: error: {path}"), lines[0]
    assert says in lines[0], lines[0]


def a_model(tmp_path):
    path = tmp_path / "model.npz"
    result = run_with_memory_limit(["train", "--data", "blobs", "--epochs", "2", "--save", str(path)], ROOM)
    assert result.returncode == 0, result.stderr
    return path


def test_a_four_line_svmlight_file_with_index_60_million_is_refused_at_that_index(tmp_path):
    path = tmp_path / "wide.svm"
    path.write_text("1 1:0.5 60000000:1\n0 2:1\n1 3:1\n0 1:2\n")  # 4 rows x 6e7 features: 1.9 GB dense
    result = run_with_memory_limit(["train", "--data", str(path), "--epochs", "1"], ROOM, env=CAP)
    refused(result, path, 3, "feature index 60000000")
    assert "TUI_CLF_MAX_BYTES" in result.stderr


def test_a_small_csv_gz_of_two_gib_of_rows_is_refused_within_the_cap(tmp_path):
    path = tmp_path / "rows.csv.gz"
    chunk = gzip.compress(b"1,2,3,4,x\n0,1,2,3,y\n" * 50_000, compresslevel=9)  # 1 MB of rows per member
    with open(path, "wb") as file:
        file.write(gzip.compress(b"a,b,c,d,label\n"))
        for _ in range(1900):  # gzip members concatenated are one stream: 1.9 GiB of rows, a few MB of file
            file.write(chunk)
    assert path.stat().st_size < 8 * 2**20
    result = run_with_memory_limit(["train", "--data", str(path), "--epochs", "1"], ROOM, env=CAP)
    refused(result, path, 3, "over the memory cap of 256.0 MiB (set TUI_CLF_MAX_BYTES")


def test_an_npz_whose_labels_claim_100_million_characters_each_is_refused_from_its_header(tmp_path):
    path = write_archive(
        tmp_path / "wide-labels.npz",
        {"X": np.ones((4, 2)), "y": npy_header((4,), "<U100000000") + b"\0" * 64},  # claims 1.6 GB
    )
    result = run_with_memory_limit(["train", "--data", str(path), "--epochs", "1"], ROOM)
    refused(result, path, 3, "y is stored as strings of 100000000 characters")


@pytest.mark.parametrize("name", ["data.npz", "data.csv", "data.svm"])
def test_data_that_links_to_dev_zero_is_refused_before_a_byte_is_read(tmp_path, name):
    path = tmp_path / name
    path.symlink_to("/dev/zero")
    result = run_with_memory_limit(["train", "--data", str(path), "--epochs", "1"], ROOM, timeout=30)
    refused(result, path, 3, "a character device (through a symbolic link), not a regular file")


def test_a_model_that_links_to_dev_zero_is_refused_before_a_byte_is_read(tmp_path):
    path = tmp_path / "model.npz"
    path.symlink_to("/dev/zero")
    result = run_with_memory_limit(["evaluate", "--model", str(path), "--data", "blobs"], ROOM, timeout=30)
    refused(result, path, 5, "a character device (through a symbolic link), not a regular file")


def model_arrays(path) -> dict:
    with np.load(path, allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def test_a_zipped_model_whose_weights_inflate_to_2_gb_is_refused_before_they_are_inflated(tmp_path):
    arrays = model_arrays(a_model(tmp_path))
    # W claims 1 x 250 million float64 (2 GB); its first 64 MiB of zeros are there, deflated to 64 KB.
    arrays["W"] = npy_header((1, 250_000_000), "<f8") + b"\0" * 64 * 2**20
    path = write_archive(tmp_path / "bomb.npz", arrays, compressed=True)
    assert path.stat().st_size < 2 * 2**20
    result = run_with_memory_limit(["evaluate", "--model", str(path), "--data", "blobs"], ROOM)
    refused(result, path, 5, "W has shape (1, 250000000), not (1, 2)")


def test_a_model_whose_weights_claim_1e9_by_1e9_is_refused_at_the_memory_cap(tmp_path):
    arrays = model_arrays(a_model(tmp_path))
    arrays["W"] = npy_header((10**9, 10**9), "<f8")
    path = write_archive(tmp_path / "huge.npz", arrays)
    result = run_with_memory_limit(["evaluate", "--model", str(path), "--data", "blobs"], ROOM)
    refused(result, path, 5, "W has shape (1000000000, 1000000000)), over the memory cap of 2.0 GiB")


def test_a_model_whose_metadata_claims_400_mb_of_text_is_refused_at_the_memory_cap(tmp_path):
    arrays = model_arrays(a_model(tmp_path))
    arrays["meta"] = npy_header((), "<U100000000")  # 400 MB of text, claimed
    path = write_archive(tmp_path / "talkative.npz", arrays)
    result = run_with_memory_limit(["evaluate", "--model", str(path), "--data", "blobs"], ROOM, env=CAP)
    refused(result, path, 5, "over the memory cap of 256.0 MiB")
