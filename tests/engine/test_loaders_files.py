"""Files that are not usable text, paths that are not files, and the memory cap."""

import gzip
import io
import zipfile

import numpy as np
import pytest
from data_files import refusal, write

from engine.loaders.npy_archive import NpyArchive

GOOD = "a,b,label\n1,2,x\n3,4,y\n"


def test_a_missing_path_is_refused_and_the_bundled_names_are_listed(tmp_path):
    error = refusal(tmp_path / "nowhere.csv", says="no such file")
    assert "iris" in error.message and "blobs-overlap" in error.message


def test_a_directory_is_refused(tmp_path):
    folder = tmp_path / "data.csv"
    folder.mkdir()
    refusal(folder, says="a directory")


def test_a_directory_whose_name_has_no_data_ending_is_refused_as_a_directory(tmp_path):
    # A user's try: `--data runs/exp` said "unknown format 'exp'".
    folder = tmp_path / "exp"
    folder.mkdir()
    error = refusal(folder, says="a directory, not a regular file")
    assert "unknown format" not in error.message


def test_a_missing_path_of_no_data_ending_is_missing_and_a_mistyped_name_gets_a_suggestion(tmp_path):
    error = refusal(tmp_path / "nowhere", says="no such file, nor a bundled dataset")
    assert "unknown format" not in error.message
    refusal(tmp_path / "iriss", says="did you mean iris?")


def test_an_unknown_extension_is_refused_with_the_known_ones(tmp_path):
    refusal(write(tmp_path, "sheet.xlsx", GOOD), says="use .csv")


def test_a_gzipped_npz_is_refused_as_an_unknown_format(tmp_path):
    refusal(write(tmp_path, "arrays.npz.gz", b""), says="unknown format")


def test_gzip_data_under_a_csv_name_is_refused(tmp_path):
    refusal(write(tmp_path, "packed.csv", gzip.compress(GOOD.encode())), says="rename it packed.csv.gz")


def test_a_zip_archive_under_a_csv_name_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sheet.xml", "<x/>")
    refusal(write(tmp_path, "book.csv", buffer.getvalue()), says="zip archive")


def test_binary_data_under_a_csv_name_is_refused_where_the_first_nul_byte_is(tmp_path):
    refusal(write(tmp_path, "blob.csv", b"a,label\n1,\x00\x01\x02\n"), line=2, column=3, says="binary data")


def test_utf16_text_is_refused_with_a_way_out(tmp_path):
    refusal(write(tmp_path, "wide.csv", GOOD.encode("utf-16")), says="save the file as UTF-8")


def test_a_byte_that_is_not_utf8_is_refused_at_its_line_and_column(tmp_path):
    latin1 = "a,label\n1,x\n2,caf\u00e9\n".encode("latin-1")
    refusal(write(tmp_path, "latin1.csv", latin1), line=3, column=6, says="byte 0xe9")


def test_a_truncated_gzip_file_is_refused(tmp_path):
    packed = gzip.compress(GOOD.encode() * 50)
    refusal(write(tmp_path, "cut.csv.gz", packed[: len(packed) // 2]), says="not a readable gzip file")


def test_plain_text_under_a_gz_name_is_refused(tmp_path):
    refusal(write(tmp_path, "fake.csv.gz", GOOD), says="not a readable gzip file")


def test_a_target_column_for_a_format_without_columns_is_refused(tmp_path):
    refusal(write(tmp_path, "f.svm", "1 1:2\n0 1:3\n"), says="applies to CSV, Parquet and Arrow files", target="label")


@pytest.fixture
def no_parsing(monkeypatch):
    """Make any attempt to parse or allocate the matrix fail the test."""

    def forbidden(*args, **kwargs):
        raise AssertionError("parsed or allocated before the memory cap was checked")

    monkeypatch.setattr(np, "loadtxt", forbidden)
    monkeypatch.setattr(np, "zeros", forbidden)
    monkeypatch.setattr(np, "load", forbidden)


def test_a_csv_over_the_memory_cap_is_refused_as_soon_as_its_rows_pass_the_cap(tmp_path):
    text = "a,b,c,d,label\n" + "1,2,3,4,x\n" * 1000  # 1000 x 4 floats: 32 000 bytes; the text is 10 KB
    error = refusal(write(tmp_path, "big.csv", text), says="the first 1000 rows x 4 features need 31.2 KiB", max_bytes=20_000)
    assert "over the memory cap of 19.5 KiB (set TUI_CLF_MAX_BYTES, e.g. TUI_CLF_MAX_BYTES=1M, to raise it)" in error.message


def test_an_svmlight_file_over_the_memory_cap_is_refused_before_the_dense_matrix_exists(tmp_path, no_parsing):
    text = "1 5000:1\n0 1:1\n"  # 2 x 5000 floats: 80 000 bytes from 16 bytes of text
    refusal(write(tmp_path, "wide.svm", text), says="2 rows x 5000 features", max_bytes=50_000)


def test_an_npz_over_the_memory_cap_is_refused_from_its_header_before_loading(tmp_path, monkeypatch):
    path = tmp_path / "big.npz"
    np.savez(path, X=np.ones((100, 50)), y=np.arange(100) % 2)
    monkeypatch.setattr(NpyArchive, "read", lambda *a, **k: pytest.fail("read before the memory cap was checked"))
    refusal(path, says="100 rows x 50 features", max_bytes=30_000)


def test_text_longer_than_the_memory_cap_is_refused_without_reading_it_all(tmp_path):
    refusal(write(tmp_path, "long.csv", GOOD + "5,6,z\n" * 100), says="of text, over the memory cap", max_bytes=100)


def test_a_gzip_bomb_stops_at_the_memory_cap(tmp_path):
    bomb = gzip.compress(GOOD.encode() + b"0" * 10_000_000)
    refusal(write(tmp_path, "bomb.csv.gz", bomb), says="over the memory cap", max_bytes=1_000_000)
