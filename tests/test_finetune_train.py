"""Tests for utils.training.train: mining, the GradCache loss (alone and in MatryoshkaLoss), query length, checkpointing."""

from __future__ import annotations

import numpy as np
import pytest

from tests.finetune_pairs import PAIRS
from utils.training import config as ftc
from utils.training import finetune as ft
from utils.training import train as tr


def test_hard_negatives_exclude_known_positives(tiny_qwen3):
    model = ftc.load_sentence_transformer(tiny_qwen3)
    supplied = [dict(PAIRS[0], negative="a supplied negative text")] + PAIRS[1:]
    corpus = ["the cash margin of the party", "heart heart heart", "liability of the party for revenue"]
    out, n_mined, n_random = tr.add_hard_negatives(model, supplied, corpus)
    assert len(out) == len(PAIRS) and n_mined + n_random == len(PAIRS) - 1
    assert out[0]["negative"] == "a supplied negative text"
    positives = {}
    for p in PAIRS:
        positives.setdefault(p["query"], set()).add(p["positive"])
    for p in out:
        assert p["negative"] not in positives[p["query"]], "a known positive was used as a negative"


def test_mining_prints_no_progress_bar(tiny_qwen3, capfd):
    """sentence-transformers' "Computing similarity scores" bar ignores verbose=False; in a notebook it is a
    plain-text stderr box that is not an error (notebooks 04 and 08), so add_hard_negatives silences it."""
    model = ftc.load_sentence_transformer(tiny_qwen3)
    capfd.readouterr()
    tr.add_hard_negatives(model, PAIRS, ["the cash margin of the party", "heart heart heart"])
    assert "Computing similarity scores" not in capfd.readouterr().err


def _features(model, texts):
    return dict(model.preprocess(texts))


def _loss_and_grads(model, loss, columns):
    import torch

    model.zero_grad()
    feats = [_features(model, c) for c in columns]
    value = loss(feats, torch.zeros(len(columns[0])))
    value.backward()
    grads = {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}
    return float(value.detach()), grads


@pytest.mark.parametrize("matryoshka", [False, True])
def test_cached_loss_equals_the_plain_loss(tiny_qwen3, matryoshka):
    """GradCache is an exact rewrite of in-batch InfoNCE: same loss, same gradients, less memory.

    Compared in float64: the two losses add the same terms in a different order, and in float32 that
    order (which depends on the CPU's vector width and thread count) moved single gradient entries by
    more than a fixed atol on an AVX2 machine (issue 27). In float64 rounding is ~1e-16 of the values,
    so a bound of 1e-9 of each tensor's largest entry holds on any CPU and still fails on a real
    difference (a wrong or missing term changes gradients at the 1e-2 level).
    """
    import torch

    torch.manual_seed(0)
    model = ftc.load_sentence_transformer(tiny_qwen3).eval().double()  # eval: no dropout, so both passes agree
    cfg = dict(matryoshka=matryoshka, matryoshka_dims=[64, 32, 16] if matryoshka else None)
    plain = tr.make_loss(model, ftc.FinetuneConfig(mini_batch_size=0, **cfg))
    cached = tr.make_loss(model, ftc.FinetuneConfig(mini_batch_size=2, **cfg))
    inner = cached.loss if matryoshka else cached
    assert type(inner).__name__ == "CachedMultipleNegativesRankingLoss" and inner.mini_batch_size == 2
    if matryoshka:
        assert type(cached).__name__ == "MatryoshkaLoss" and cached.uses_gradient_cache
    columns = [[p["query"] for p in PAIRS[2:]], [p["positive"] for p in PAIRS[2:]]]
    v1, g1 = _loss_and_grads(model, plain, columns)
    v2, g2 = _loss_and_grads(model, cached, columns)
    assert v1 == pytest.approx(v2, rel=1e-12)
    assert g1.keys() == g2.keys() and g1
    for name in g1:
        assert g1[name].dtype == torch.float64
        scale = g1[name].abs().max().item()
        assert scale > 0 and (g1[name] - g2[name]).abs().max().item() <= 1e-9 * scale, name
    # the bound is tight enough to see a real change: a temperature 0.1% off moves the gradients far past it
    off = tr.make_loss(model, ftc.FinetuneConfig(mini_batch_size=2, temperature=ftc.FinetuneConfig().temperature * 1.001, **cfg))
    _, g3 = _loss_and_grads(model, off, columns)
    assert max((g1[n] - g3[n]).abs().max().item() / g1[n].abs().max().item() for n in g1) > 1e-5


def test_query_max_seq_length_cuts_queries_only(tiny_qwen3):
    model = ftc.load_sentence_transformer(tiny_qwen3, max_seq_length=64)
    long = " ".join(["heart dose renal"] * 30)
    rows = [{"query": long, "positive": long}, {"query": "short", "positive": long}]
    batch = tr.make_collator(model, None, 8)(rows)
    assert batch["query_input_ids"].shape[1] == 8
    assert batch["positive_input_ids"].shape[1] == 64
    plain = tr.make_collator(model, None, None)(rows)
    assert plain["query_input_ids"].shape[1] == 64


def test_gradient_checkpointing_trains(tiny_qwen3, tmp_path):
    cfg = ftc.FinetuneConfig(
        epochs=1,
        batch_size=4,
        val_fraction=0.0,
        progress=False,
        learning_rate=1e-2,
        gradient_checkpointing=True,
        mini_batch_size=2,
        query_max_seq_length=16,
    )
    res = ft.finetune(tiny_qwen3, PAIRS, tmp_path / "out", cfg)
    assert res.merge_check is not None and res.merge_check.ok
    assert res.loss_history and all(np.isfinite(h["loss"]) for h in res.loss_history)


def test_plain_callbacks_drops_the_model_card_and_swaps_the_notebook_table():
    """Saved notebooks read as text: no 'Computing widget examples' bar, no '<IPython...HTML object>' table."""
    from transformers.trainer_callback import ProgressCallback

    from utils.training.train import plain_callbacks

    class SentenceTransformerModelCardCallback:  # the names are what plain_callbacks matches
        pass

    class NotebookProgressCallback:
        pass

    class ValidationCallback:
        pass

    class FakeTrainer:
        def __init__(self, callbacks):
            self.callback_handler = type("H", (), {"callbacks": list(callbacks)})()

        def remove_callback(self, cb):
            self.callback_handler.callbacks.remove(cb)

        def add_callback(self, cb):
            self.callback_handler.callbacks.append(cb() if isinstance(cb, type) else cb)

    keep = ValidationCallback()
    trainer = FakeTrainer([SentenceTransformerModelCardCallback(), NotebookProgressCallback(), keep])
    assert plain_callbacks(trainer) == ["SentenceTransformerModelCardCallback", "NotebookProgressCallback"]
    kinds = [type(cb) for cb in trainer.callback_handler.callbacks]
    assert kinds[0] is ValidationCallback and trainer.callback_handler.callbacks[0] is keep
    assert issubclass(kinds[1], ProgressCallback) and len(kinds) == 2
    assert plain_callbacks(trainer) == []  # nothing left to change


def test_bar_only_progress_writes_no_log_dicts(capsys):
    """The swapped-in bar keeps the bar and drops ProgressCallback's per-step dict of numbers-as-strings."""
    from transformers.trainer_callback import ProgressCallback, TrainerControl, TrainerState

    from utils.training.train import bar_only_progress

    state, logs = TrainerState(max_steps=2), {"loss": 0.10581, "grad_norm": 1.5}
    state.is_world_process_zero = True
    for cls, printed in ((ProgressCallback, True), (bar_only_progress(), False)):
        cb = cls()
        cb.on_train_begin(None, state, TrainerControl())
        cb.on_log(None, state, TrainerControl(), logs=logs)
        cb.on_train_end(None, state, TrainerControl())
        out = capsys.readouterr()
        assert ("'loss': '0.1058'" in out.out + out.err) == printed


@pytest.mark.parametrize("model_name", ["tiny_qwen3", "minilm"])
def test_step0_validation_reuses_mining_vectors_exactly(request, model_name):
    """Mining embeds the documents with the base model; the step-0 validation (the base too) takes those
    vectors instead of embedding them again. They must be the very vectors it would compute itself
    (bitwise), and the step-0 score the same as without the reuse."""
    from unittest import mock

    if model_name == "minilm":
        from utils.serving.settings import default_cpu_model_path

        path = default_cpu_model_path()
    else:
        path = request.getfixturevalue("tiny_qwen3")
    corpus = ["the cash margin of the party", "heart heart heart", "liability of the party for revenue",
              "a long document " * 40]
    train, val = PAIRS[:4], PAIRS[4:]
    docs = tr.validation_docs(val, list(dict.fromkeys(corpus + [p["positive"] for p in PAIRS])))
    model = ftc.load_sentence_transformer(path)
    vectors: dict = {}
    pairs, n_mined, _ = tr.add_hard_negatives(model, train, docs, doc_vectors=vectors)
    assert n_mined > 0 and set(vectors) == set(docs)
    assert np.array_equal(np.stack([vectors[d] for d in docs]), ftc.encode(model, docs))

    config = ftc.FinetuneConfig(epochs=1, batch_size=2, mini_batch_size=0, progress=False)
    base = []
    for known in (vectors, None):
        m = ftc.load_sentence_transformer(path)
        with mock.patch.object(tr, "encode", wraps=tr.encode) as enc:
            stats = tr.train_lora(m, pairs, config, val_pairs=val, val_corpus=docs, base_doc_vectors=known)
        base.append(stats["val_history"][0]["nDCG@10"])
        first = [len(c.args[1]) for c in enc.call_args_list][:2]  # step 0: the queries, then (without reuse) the docs
        assert (len(docs) in first) == (known is None), first
    assert base[0] == base[1]


def test_mining_vectors_in_another_order_are_not_reused(tiny_qwen3, monkeypatch):
    """If a sentence-transformers version saved its corpus vectors in another order than the one assumed, the
    vectors must be dropped (step 0 then embeds the documents itself), not reused under the wrong texts."""
    model = ftc.load_sentence_transformer(tiny_qwen3)
    corpus = ["the cash margin of the party", "heart heart heart", "liability of the party for revenue"]
    docs = list(dict.fromkeys(corpus + [p["positive"] for p in PAIRS]))
    good = ftc.encode(model, docs)
    assert tr._same_rows(model, docs, good)
    assert not tr._same_rows(model, docs, good[::-1].copy())  # reversed: first and last rows swapped
    assert not tr._same_rows(model, docs, good[:-1])  # a row short
    real_load = np.load
    monkeypatch.setattr(tr.np, "load", lambda f, *a, **k: real_load(f, *a, **k)[::-1].copy())
    vectors: dict = {}
    tr.add_hard_negatives(model, PAIRS[:4], corpus, doc_vectors=vectors)
    assert vectors == {}


def test_mining_without_room_for_its_vectors_still_mines(tiny_qwen3, monkeypatch):
    """Keeping mining's vectors writes a temporary file; a full or read-only temporary folder must cost only
    the reuse (step 0 embeds the documents itself), never the mining."""
    model = ftc.load_sentence_transformer(tiny_qwen3)
    corpus = ["the cash margin of the party", "heart heart heart", "liability of the party for revenue"]
    expected = tr.add_hard_negatives(model, PAIRS[:4], corpus)

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    for target in (tr.tempfile, tr.np):
        with monkeypatch.context() as m:
            m.setattr(target, "TemporaryDirectory" if target is tr.tempfile else "save", no_room)
            vectors: dict = {}
            assert tr.add_hard_negatives(model, PAIRS[:4], corpus, doc_vectors=vectors) == expected
            assert vectors == {}
