"""The course layer: one module per notebook (its measurements, results record, verdict sentences and
plots: ``nbNN_*``), plus the course runner (``python -m utils.course``), lesson checks, results files and
saved-output settling. Nothing in the library imports from here.
"""
