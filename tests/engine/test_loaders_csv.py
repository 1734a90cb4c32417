"""CSV files: what loads and how, and every malformed file refused at its line and column."""

import gzip

import numpy as np
import pytest
from data_files import refusal, write

from engine.data import load_dataset
from engine.loaders import csv_format
from engine.pipeline import fit
from engine.train_config import TrainConfig

IRIS_LIKE = "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n4.9,1.5,setosa\n"


# What loads


def test_string_labels_become_classes_in_sorted_order(tmp_path):
    data = load_dataset(write(tmp_path, "flowers.csv", IRIS_LIKE))
    assert data.classes == ("setosa", "versicolor", "virginica")
    assert data.y.tolist() == [0, 1, 2, 0]
    assert data.y.dtype == np.intp
    assert data.feature_names == ("sepal", "petal")
    assert data.X.tolist() == [[5.1, 1.4], [7.0, 4.7], [6.3, 6.0], [4.9, 1.5]]
    assert data.X.dtype == np.float64 and data.X.flags.c_contiguous
    assert data.name == "flowers"


def test_integer_labels_are_sorted_as_numbers_not_as_text(tmp_path):
    data = load_dataset(write(tmp_path, "digits.csv", "a,digit\n1,10\n2,9\n3,-1\n4,9\n"))
    assert data.classes == ("-1", "9", "10")
    assert data.y.tolist() == [2, 1, 0, 1]


def test_one_number_written_three_ways_is_one_class(tmp_path):
    data = load_dataset(write(tmp_path, "signs.csv", "a,t\n1,+1\n2,1.0\n3,1\n4,-1\n"))
    assert data.classes == ("-1", "1")
    assert data.y.tolist() == [1, 1, 1, 0]


def test_the_label_column_is_chosen_by_name(tmp_path):
    data = load_dataset(write(tmp_path, "f.csv", "a,kind,b\n1,x,2\n3,y,4\n"), target="kind")
    assert data.classes == ("x", "y")
    assert data.feature_names == ("a", "b")
    assert data.X.tolist() == [[1, 2], [3, 4]]


@pytest.mark.parametrize("target", [0, -3, "0"])
def test_the_label_column_is_chosen_by_index_counting_from_zero_or_from_the_end(tmp_path, target):
    data = load_dataset(write(tmp_path, "f.csv", "t,a,b\nx,1,2\ny,3,4\n"), target=target)
    assert data.classes == ("x", "y")
    assert data.feature_names == ("a", "b")
    assert data.X.tolist() == [[1, 2], [3, 4]]


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column_name(tmp_path):
    data = load_dataset(write(tmp_path, "bom.csv", "\ufeffa,b,label\n1,2,x\n3,4,y\n"))
    assert data.feature_names == ("a", "b")


def test_windows_line_endings_load_like_unix_ones(tmp_path):
    unix = load_dataset(write(tmp_path, "unix.csv", IRIS_LIKE))
    windows = load_dataset(write(tmp_path, "windows.csv", IRIS_LIKE.replace("\n", "\r\n")))
    assert windows.X.tolist() == unix.X.tolist() and windows.classes == unix.classes


def test_quoted_fields_may_hold_commas_quotes_and_numbers(tmp_path):
    text = '"width, cm","the ""b""",label\n"1.5",2,"red, dark"\n3,4,plain\n'
    data = load_dataset(write(tmp_path, "q.csv", text))
    assert data.feature_names == ("width, cm", 'the "b"')
    assert data.classes == ("plain", "red, dark")
    assert data.X.tolist() == [[1.5, 2], [3, 4]]


def test_a_gzipped_csv_loads_like_the_plain_one(tmp_path):
    plain = load_dataset(write(tmp_path, "f.csv", IRIS_LIKE))
    packed = load_dataset(write(tmp_path, "f.csv.gz", gzip.compress(IRIS_LIKE.encode())))
    assert packed.X.tolist() == plain.X.tolist() and packed.classes == plain.classes
    assert packed.name == "f"


def test_blank_lines_and_a_missing_final_newline_are_fine(tmp_path):
    data = load_dataset(write(tmp_path, "f.csv", "a,label\n\n1,x\n   \n2,y"))
    assert data.X.tolist() == [[1], [2]]


def test_a_first_line_of_numbers_is_refused_even_if_it_could_be_column_names(tmp_path):
    # "0,1,spam" may be the column names 0 and 1, or the first example: asking loses nothing.
    refusal(write(tmp_path, "nohead.csv", "0,1,spam\n1,0,ham\n0,0,spam\n1,1,ham\n"), line=1, says="no header row")
    refusal(write(tmp_path, "pixels.csv", "0,1,2,label\n0,0,5,a\n9,0,0,b\n"), line=1, says="no header row")


def test_a_column_name_given_twice_is_refused_where_it_repeats(tmp_path):
    refusal(write(tmp_path, "twice.csv", "a,b,a,label\n1,2,3,x\n4,5,6,y\n"), line=1, column=3, says="appears twice")


def test_a_column_without_a_name_is_refused(tmp_path):
    refusal(write(tmp_path, "unnamed.csv", "a,,label\n1,2,x\n4,5,y\n"), line=1, column=2, says="no name")


def test_data_with_one_class_loads_when_asked_for_scoring_not_training(tmp_path):
    path = write(tmp_path, "positives.csv", "a,b,label\n1,2,yes\n3,4,yes\n")
    refusal(path, says="only one class")
    assert load_dataset(path, min_classes=1).classes == ("yes",)


def test_the_precise_pass_reads_a_clean_file_exactly_as_the_fast_pass(tmp_path, monkeypatch):
    path = write(tmp_path, "f.csv", '\ufeffa,b,label\r\n0.1,-2e-5,"x, y"\r\n\r\n1e300,7,z\r\n3,4," x, y "\r\n')
    fast = load_dataset(path)

    def refuse(*args):
        raise ValueError("fast pass off")

    monkeypatch.setattr(csv_format, "_parse_fast", refuse)
    precise = load_dataset(path)
    assert precise.X.tobytes() == fast.X.tobytes()
    assert precise.y.tolist() == fast.y.tolist() == [0, 1, 0]
    assert precise.classes == fast.classes == ("x, y", "z")


def test_a_users_csv_with_string_labels_trains_end_to_end(tmp_path):
    rng = np.random.default_rng(0)
    rows = [f"{x:.4f},{y:.4f},{'north' if y > 0 else 'south'}" for x, y in rng.normal(size=(120, 2))]
    data = load_dataset(write(tmp_path, "mine.csv", "east,up,side\n" + "\n".join(rows) + "\n"))
    result = fit(data, TrainConfig(loss="cross-entropy", lr=0.5, epochs=200), val_split=0.25)
    assert result.model.classes == ("north", "south")
    accuracy = np.mean(result.model.predict(data.X) == data.y)
    assert accuracy > 0.95


# What is refused


def test_an_empty_file_is_refused(tmp_path):
    refusal(write(tmp_path, "empty.csv", ""), says="empty file")


@pytest.mark.parametrize("content", ["\n \r\n\n", "\ufeff"])
def test_a_file_of_blank_lines_or_only_a_byte_order_mark_is_refused_as_empty(tmp_path, content):
    refusal(write(tmp_path, "blank.csv", content), says="empty file")


def test_a_header_without_rows_is_refused(tmp_path):
    refusal(write(tmp_path, "header.csv", "a,b,label\n\n"), says="only a header row")


def test_a_row_with_too_few_fields_is_refused_where_the_first_one_is_missing(tmp_path):
    refusal(
        write(tmp_path, "short.csv", "a,b,label\n1,2,x\n3,y\n"), line=3, column=3, says="2 fields, but the header has 3"
    )


def test_a_row_with_too_many_fields_is_refused_at_the_first_extra_one(tmp_path):
    refusal(write(tmp_path, "long.csv", "a,b,label\n1,2,x\n3,4,y,5\n"), line=3, column=4, says="4 fields")


def test_every_row_one_field_wider_than_the_header_is_refused_too(tmp_path):
    refusal(
        write(tmp_path, "wide.csv", "a,label\n1,x,5\n2,y,6\n"), line=2, column=3, says="3 fields, but the header has 2"
    )


def test_a_row_of_one_empty_quoted_field_is_a_short_row_not_a_blank_line(tmp_path):
    refusal(write(tmp_path, "f.csv", 'a,label\n1,x\n""\n2,y\n'), line=3, column=2, says="1 field, but the header has 2")


def test_a_word_in_a_feature_column_is_refused_at_its_cell(tmp_path):
    refusal(
        write(tmp_path, "word.csv", "a,b,label\n1,2,x\n3,four,y\n"), line=3, column=2, says="'four' is not a number"
    )


def test_an_empty_feature_cell_is_refused_at_its_cell(tmp_path):
    refusal(write(tmp_path, "hole.csv", "a,b,label\n1,,x\n3,4,y\n"), line=2, column=2, says="empty cell")


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-Infinity"])
def test_nan_and_infinity_in_a_feature_are_refused_at_their_cell(tmp_path, cell):
    refusal(write(tmp_path, "nan.csv", f"a,b,label\n1,2,x\n{cell},4,y\n"), line=3, column=1, says=repr(cell))


def test_a_number_too_big_for_a_float_is_refused_as_overflowing(tmp_path):
    refusal(write(tmp_path, "huge.csv", "a,b,label\n1,2,x\n3,1e400,y\n"), line=3, column=2, says="1e400 overflows")


def test_an_empty_label_is_refused_at_its_cell(tmp_path):
    refusal(write(tmp_path, "nolabel.csv", "a,b,label\n1,2,x\n3,4,\n"), line=3, column=3, says="empty label")


def test_a_single_class_is_refused(tmp_path):
    refusal(write(tmp_path, "one.csv", "a,label\n1,x\n2,x\n"), says="only one class ('x')")


def test_a_label_column_name_that_does_not_exist_is_refused(tmp_path):
    error = refusal(write(tmp_path, "f.csv", IRIS_LIKE), line=1, says="no column 'kind'", target="kind")
    assert "sepal, petal, species" in error.message


def test_a_label_column_index_past_the_end_is_refused(tmp_path):
    refusal(write(tmp_path, "f.csv", IRIS_LIKE), line=1, says="no column 3", target=3)


def test_a_semicolon_separated_file_is_refused_not_loaded_as_one_column(tmp_path):
    refusal(write(tmp_path, "euro.csv", "a;b;label\n1,5;2,0;x\n3,1;4,2;y\n"), line=1, says="looks ;-separated")


def test_a_tab_separated_file_is_refused_not_loaded_as_one_column(tmp_path):
    refusal(write(tmp_path, "tabs.csv", "a\tb\tlabel\n1\t2\tx\n3\t4\ty\n"), line=1, says="looks tab-separated")


def test_semicolon_rows_under_a_comma_header_are_refused_with_the_hint(tmp_path):
    refusal(write(tmp_path, "mixed.csv", "a,b,label\n1;2;x\n"), line=2, column=2, says="looks ;-separated")


def test_a_file_without_a_header_is_refused_rather_than_losing_its_first_row(tmp_path):
    headless = "5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n"
    refusal(write(tmp_path, "headless.csv", headless), line=1, says="no header row? the first line looks like data")


def test_a_headerless_file_of_numbers_only_is_refused_too(tmp_path):
    refusal(write(tmp_path, "numbers.csv", "0.5,1.5,0\n2.5,0.1,1\n"), line=1, says="no header row?")


def test_a_single_column_file_is_refused(tmp_path):
    refusal(write(tmp_path, "one.csv", "label\nx\ny\n"), line=1, says="only one column")


def test_an_unclosed_quote_is_refused_at_its_line_not_allowed_to_swallow_the_rows_after_it(tmp_path):
    refusal(write(tmp_path, "quote.csv", 'a,label\n1,x\n2,"y\n3,z\n4,w\n'), line=3, says="malformed CSV")


def test_a_quoted_label_over_two_lines_keeps_its_newline(tmp_path):
    data = load_dataset(write(tmp_path, "f.csv", 'a,label\n1,"two\nlines"\n2,y\n'))
    assert data.classes == ("two\nlines", "y")


def test_lines_are_counted_in_the_file_even_after_blank_lines_and_quoted_newlines(tmp_path):
    text = 'a,label\n\n1,"two\nlines"\n\n2,y\n3,oops,z\n'
    refusal(write(tmp_path, "f.csv", text), line=7, column=3, says="3 fields")
