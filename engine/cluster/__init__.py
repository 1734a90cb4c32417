"""Training on a Dask cluster (the optional extra tui-clf[dask]): the same objective, summed over partitions.

`import engine` never imports this package, nor dask: only `engine.cluster.*` modules do, when asked.
blocks.py is plain NumPy (it runs on the workers); the others speak to dask.distributed.
"""
