"""The data layer: BEIR folders (read, validate with file:line errors, domains of the course) and the
long-text policy (token counts, truncation warnings, chunking). Introduced in notebooks 00, 02 and 06.
"""
