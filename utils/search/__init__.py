"""The search layer: metrics and paired tests, FAISS indexes and quantisation, the vector store, fusion and
two-stage search, corpus embedding at scale. Introduced in notebooks 02, 03 and 05.
"""
