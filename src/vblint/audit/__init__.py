"""``vblint audit``: how often a whole archive of records uses the wording vblint flags.

An archive is read in pieces (a Parquet row group, a byte range of a CSV or JSON Lines file, a
key range of a database table); each piece is read and checked in one Dask task that returns
counts only, so note text never leaves the process that read it. The counts are summed into
rates with intervals by category, rule, group and period, with small cells suppressed.
"""
