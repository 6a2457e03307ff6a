"""Helpers for the Qwen3-Embedding domain-adaptation workbook, in two layers.

**The library** (what a reader copies into a project; no notebook in mind), grouped by job:

============================  ===================================================================  ========
package                       its job                                                              notebook
============================  ===================================================================  ========
:mod:`utils.serving`          settings and mode, devices, Qwen3 format and pooling, encoders, the  00, 01
                              CPU server, launching SGLang, the OpenAI-client wrapper, GPU check
:mod:`utils.data`             BEIR folders with file:line errors; the long-text policy             00, 06
:mod:`utils.search`           metrics and paired tests, FAISS and quantisation, the vector store,  02, 03, 05
                              fusion and reranking, corpus embedding at scale
:mod:`utils.training`         LoRA fine-tuning (config <- train <- output <- finetune <- cli),     04, 08
                              pseudo-pairs, the fine-tuning benchmark
============================  ===================================================================  ========

**The capstone** (:mod:`utils.adapt`): ``python -m utils.adapt``, every lever measured on the reader's own
folder and a pipeline recommended (notebook 09); it sits above both layers and may import either.

**The course** (:mod:`utils.course`): one module per notebook (``nb00_setup``, ``nb01_serve_and_embed``,
``nb02_instructions``, ``nb03_dimensions``, ``nb05_pipeline``, ``nb06_long_documents``, ``nb07_beyond_search``,
...) holding that notebook's measurements, results record, verdicts and plots; the course runner
(``python -m utils.course``), lesson checks, timing in interleaved rounds (``timing``), results files,
saved-output settling and plot styles.

Imports run one way: notebooks -> course -> library; inside the library, search and training -> data and
serving; nothing imports in a circle (``tests/test_layout.py`` checks it). :mod:`utils.paths` holds the one
fact every layer needs (the repository root). Nothing here does work at import time, and nothing is
re-exported: import the module you need (``from utils.data import longtext``).
"""
