"""The ``vblint`` command line: argument parsing, planning inputs, running checks, reporting."""
