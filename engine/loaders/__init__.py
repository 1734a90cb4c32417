"""One module per file format (csv_format, svmlight, npz) and the checks they share.

engine.data.load_dataset picks the reader from a file's name; use that rather than these.
"""
