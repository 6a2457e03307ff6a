"""``python -m utils.adapt``: which of the course's levers to use on YOUR corpus, measured, in one command.

The capstone of the course (notebook 09_capstone_your_domain runs it step by step)::

    python -m utils.adapt --data BEIR_DIR --out REPORT_DIR [--model M] [--base-url URL] [--budget-minutes N]

It reads a BEIR folder (labelled queries, or a corpus alone: then pseudo-queries, notebook 08), measures
each lever the course teaches against one base and side by side (BM25; the base model, truncated and
chunked; Qwen3's instruction; a LoRA fine-tune within the time budget, with its forgetting; hybrid fusion;
int8 and binary storage; a reranker when one is served), recommends a pipeline chosen on validation
queries and reports it on test, and writes ``REPORT_DIR/report.md``, ``report.html`` and ``report.json``.

Parts (imports run one way: inputs, cache <- study <- report <- cli):

* :mod:`utils.adapt.inputs`: read and split the folder, guard the report folder;
* :mod:`utils.adapt.cache`: embeddings cached on disk by model and text (re-runs resume);
* :mod:`utils.adapt.study`: the levers, each a row with quality, paired test and price;
* :mod:`utils.adapt.report`: the recommendation and the report files;
* :mod:`utils.adapt.cli`: the command line (``python -m utils.adapt``);
* :mod:`utils.adapt.bench`: the README's timing of the whole command on a 5,465-document set
  (``python -m utils.adapt.bench --out DIR``).

It sits at the top of the import graph: it uses the library (serving, data, search, training) and one
rule of the course (notebook 05's choice of the cheapest pipeline within a tolerance).
"""
