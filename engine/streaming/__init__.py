"""Training on a file larger than memory: its rows are read chunk by chunk for every pass.

open_stream.open_streamed(path, config, ...) scans the file once (scan.py: row count, classes,
standardisation statistics by column_moments.py, validation rows, a sample for the views) and
returns a Trainer on StreamedRows (streamed_rows.py), which reads the file through a reader per
format (npy_chunks.py, csv_chunks.py, parquet_chunks.py) for every full pass, and window by
window (row_cursor.py) for minibatches. Memory stays flat: a few chunk buffers and one window.
"""
