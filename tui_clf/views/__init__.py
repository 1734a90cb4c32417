"""Pure computations both faces draw from: plain data in, plain data out.

Boundary grids, margins, decimation, ticks, number formats, drawable values, bounded curves and the
run's history. Imports only the engine, NumPy and the standard library: no textual, typer, rich or
plotext, no printing.
"""
