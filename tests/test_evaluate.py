"""Metric helpers checked on hand-computed examples, the paired comparison, and the CLI."""

import math

import numpy as np
import pytest

from utils.search.evaluate import compare, evaluate_run, main, per_query, search_dense

QRELS = {"q1": {"d1": 1, "d3": 1}, "q2": {"d2": 1}}


def test_metrics_match_hand_computation():
    run = {"q1": {"d2": 0.9, "d1": 0.8, "d3": 0.1}, "q2": {"d1": 0.5, "d3": 0.4}}
    table = per_query(QRELS, run)
    # q1: relevant at ranks 2 and 3 -> DCG = 1/log2(3) + 1/log2(4); IDCG = 1 + 1/log2(3)
    dcg, idcg = 1 / math.log2(3) + 1 / math.log2(4), 1 + 1 / math.log2(3)
    assert table.loc["q1", "nDCG@10"] == pytest.approx(dcg / idcg)
    assert table.loc["q1", "R@10"] == pytest.approx(1.0)
    assert table.loc["q1", "RR@10"] == pytest.approx(0.5)
    # q2: relevant document never retrieved -> all zeros
    assert table.loc["q2"].tolist() == [0.0, 0.0, 0.0]
    means = evaluate_run(QRELS, run)
    assert means["RR@10"] == pytest.approx(0.25)


def test_query_missing_from_run_counts_as_zero():
    table = per_query(QRELS, {"q1": {"d1": 1.0}})
    assert table.loc["q2", "nDCG@10"] == 0.0 and len(table) == 2


def test_a_query_retrieving_its_own_id_is_scored_as_beir_does():
    """ArguAna and Quora hold each query in the corpus: BEIR leaves the self-hit out (ignore_identical_ids)."""
    qrels = {"a1": {"a1-counter": 1}, "q2": {"q2": 1}}
    run = {"a1": {"a1": 0.99, "a1-counter": 0.7}, "q2": {"q2": 0.9, "x": 0.1}}
    with pytest.warns(UserWarning, match="ignore_identical_ids"):
        table = per_query(qrels, run)
    assert table.loc["a1", "RR@10"] == pytest.approx(1.0)  # with the self-hit it would be 0.5
    assert table.loc["q2", "RR@10"] == pytest.approx(1.0)  # a judged self pair stays
    assert run["a1"] == {"a1": 0.99, "a1-counter": 0.7}  # the caller's run is not modified
    with pytest.warns(UserWarning, match="ignore_identical_ids"):  # the paired comparison says so too
        c = compare(qrels, run, {"a1": {"a1-counter": 0.7}, "q2": {"q2": 0.9}})
    assert c.wins == c.losses == 0


def test_search_dense_orders_by_cosine():
    docs = np.eye(3, dtype=np.float32)
    q = np.array([[0.1, 0.9, 0.0]], dtype=np.float32)
    run = search_dense(q, docs, ["q"], ["a", "b", "c"], k=2)
    assert list(run["q"]) == ["b", "a"]
    with pytest.raises(ValueError, match="same width"):
        search_dense(q[:, :2], docs, ["q"], ["a", "b", "c"])


def test_compare_wins_losses_and_test():
    qrels = {f"q{i}": {"good": 1} for i in range(12)}
    worse = {q: {"bad": 1.0, "good": 0.5} for q in qrels}  # good at rank 2
    better = {q: {"good": 1.0} for q in qrels}  # good at rank 1
    c = compare(qrels, worse, better, "RR@10")
    assert (c.wins, c.losses, c.ties) == (12, 0, 0)
    assert c.delta == pytest.approx(0.5) and c.p_value < 0.01 and c.significant
    same = compare(qrels, worse, worse, "RR@10")
    assert (same.wins, same.losses, same.ties, same.p_value) == (0, 0, 12, 1.0)
    assert "wins 12" in str(c)


def test_cli_on_a_fixture(tmp_path, capsys):
    from tests.test_data import write_beir

    folder = write_beir(tmp_path / "set")
    from utils.serving.settings import default_cpu_model_path

    assert main(["--model", default_cpu_model_path(), "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "nDCG@10" in out and "MRR@10" in out and "2 queries" in out
    (folder / "corpus.jsonl").write_text("{bad\n")
    assert main(["--model", default_cpu_model_path(), "--data", str(folder)]) == 2
    assert "corpus.jsonl:1" in capsys.readouterr().err


# --------------------------------------------------------------------------- long documents (the CLI)
FILLER = [
    "The committee met on a Tuesday and reviewed the minutes of the previous meeting.",
    "Members discussed the schedule, the budget for the coming year and the room bookings.",
    "Several routine items were noted and no objections were raised by those present.",
]
NEEDLES = [
    ("the lighthouse keeper feeds the seagulls with sardines at dawn", "who feeds seagulls sardines"),
    ("a violin made of spruce and maple needs new strings every spring", "when to restring a maple violin"),
    ("the volcano erupted and covered the village in grey ash", "village buried by volcanic ash"),
    ("our kidney clinic prescribes dialysis three times a week", "how often is dialysis prescribed"),
    ("the chess champion sacrificed her queen to win the final", "queen sacrifice in the chess final"),
    ("penguins huddle together to survive the antarctic winter", "how penguins survive antarctic cold"),
]


def write_long_beir(folder):
    """Six documents of about 800 tokens; each one's distinctive sentence (the needle) is at its end."""
    from tests.test_data import write_beir

    filler = " ".join(FILLER[i % 3] for i in range(50))  # about 790 tokens
    corpus = [
        {"_id": f"d{i}", "title": "", "text": f"{filler} Finally, {needle}."}
        for i, (needle, _) in enumerate(NEEDLES)
    ]
    queries = [{"_id": f"q{i}", "text": q} for i, (_, q) in enumerate(NEEDLES)]
    qrels = "query-id\tcorpus-id\tscore\n" + "".join(f"q{i}\td{i}\t1\n" for i in range(len(NEEDLES)))
    return write_beir(folder, corpus, queries, qrels)


def _ndcg(out: str) -> float:
    line = next(ln for ln in out.splitlines() if ln.startswith("nDCG@10"))
    return float(line.split()[1])


def test_cli_long_documents_truncate_with_one_warning_then_chunk(tmp_path, capsys):
    from utils.serving.settings import default_cpu_model_path

    folder = write_long_beir(tmp_path / "long")
    model = default_cpu_model_path()
    assert main(["--model", model, "--data", str(folder)]) == 0
    cap = capsys.readouterr()
    warnings_ = [ln for ln in cap.err.splitlines() if "warning" in ln.lower()]
    assert len(warnings_) == 1, cap.err
    assert warnings_[0].startswith("warning: truncated 6 of 6 text(s) to 256 tokens"), cap.err
    truncated = _ndcg(cap.out)
    assert "truncated to 256 tokens" in cap.out

    assert main(["--model", model, "--data", str(folder), "--chunk", "128:32"]) == 0
    cap = capsys.readouterr()
    assert "warning" not in cap.err.lower(), cap.err  # every chunk fits: nothing cut, no warning
    chunked = _ndcg(cap.out)
    assert "chunks 128:32" in cap.out
    # the needles sit past token 700: truncation cannot see them, the best chunk can
    assert chunked > truncated + 0.3, (truncated, chunked)

    assert main(["--model", model, "--data", str(folder), "--chunk", "64", "--aggregate", "mean"]) == 0
    assert "document = mean" in capsys.readouterr().out


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--chunk", "128:200"], "overlap"),
        (["--chunk", "big"], "SIZE or SIZE:OVERLAP"),
        (["--chunk", "512"], "over the model's limit"),
        (["--max-tokens", "0"], "at least 8"),
        (["--max-tokens", "64", "--chunk", "128"], "over --max-tokens"),
        (["--dimensions", "0"], "positive"),
        (["--aggregate", "median"], "--aggregate"),
    ],
)
def test_cli_flag_errors_are_one_line_and_exit_2(tmp_path, capsys, flags, message):
    from tests.test_data import write_beir
    from utils.serving.settings import default_cpu_model_path

    folder = write_beir(tmp_path / "set")
    assert main(["--model", default_cpu_model_path(), "--data", str(folder), *flags]) == 2
    err = capsys.readouterr().err
    errors = [ln for ln in err.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1 and message in errors[0] and "Traceback" not in err, err


def test_cli_flag_errors_come_before_the_model_loads(tmp_path, capsys, monkeypatch):
    import utils.serving.encoders

    def boom(*args, **kwargs):
        raise AssertionError("the model must not load when a flag is wrong")

    monkeypatch.setattr(utils.serving.encoders, "load_encoder", boom)
    folder = write_long_beir(tmp_path / "long")
    assert main(["--model", str(tmp_path), "--data", str(folder), "--chunk", "0"]) == 2
    assert main(["--model", str(tmp_path / "nope"), "--data", str(folder)]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["--base-url", "http://127.0.0.1:9/v1", "--data", str(folder), "--chunk", "64"]) == 2
    assert "--tokenizer" in capsys.readouterr().err


def _loader_reports_encoding_errors(tmp_path) -> bool:
    from utils.data.beir import DataFormatError, load_beir

    folder = write_long_beir(tmp_path / "probe")
    with (folder / "corpus.jsonl").open("ab") as f:
        f.write(b'{"_id": "bad", "text": "caf\xe9"}\n')
    try:
        load_beir(folder)
    except DataFormatError:
        return True
    except UnicodeDecodeError:
        return False
    return False


def test_cli_non_utf8_line_is_one_error_line_naming_file_and_line(tmp_path, capsys):
    if not _loader_reports_encoding_errors(tmp_path):
        pytest.skip("needs utils.data.beir to raise DataFormatError for non-UTF-8 lines (issue 11, engineer h11)")
    from utils.serving.settings import default_cpu_model_path

    folder = write_long_beir(tmp_path / "long")
    lines = (folder / "corpus.jsonl").read_bytes().splitlines(keepends=True)
    lines[3] = lines[3].replace(b"Finally", b"Fin\xe9lly")  # a Latin-1 byte on line 4
    (folder / "corpus.jsonl").write_bytes(b"".join(lines))
    assert main(["--model", default_cpu_model_path(), "--data", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err, err
    assert "corpus.jsonl:4" in err, err


def test_cli_against_a_server_truncates_on_the_client_or_reports_the_400(tmp_path, capsys, cpu_server):
    from utils.serving.settings import CPU_MODEL_NAME, default_cpu_model_path

    folder = write_long_beir(tmp_path / "long")
    base = ["--base-url", cpu_server.base_url, "--served-model", CPU_MODEL_NAME, "--data", str(folder)]
    # the server keeps the OpenAI contract: over-long input is a 400, reported as one error line
    assert main(base) == 2
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error: ")]
    assert len(err) == 1 and "tokens" in err[0], err
    # with the served model's tokenizer, the CLI cuts on the client (one warning) or chunks
    tok = ["--tokenizer", default_cpu_model_path()]
    assert main([*base, *tok, "--max-tokens", "256"]) == 0
    cap = capsys.readouterr()
    assert [ln for ln in cap.err.splitlines() if ln.startswith("warning: truncated 6 of 6")], cap.err
    truncated = _ndcg(cap.out)
    assert main([*base, *tok, "--chunk", "128:32"]) == 0
    assert _ndcg(capsys.readouterr().out) > truncated + 0.3

# --------------------------------------------------------------------------- evaluation at several widths (notebook 04)
def test_cached_embed_embeds_each_text_once():
    from utils.search.evaluate import cached_embed

    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    cached = cached_embed(embed)
    first = cached(["a", "bb", "a"])
    assert first.shape == (3, 2) and first[0, 0] == 1 and first[1, 0] == 2
    assert np.array_equal(first[0], first[2])
    second = cached(["bb", "ccc"])
    assert calls == [["a", "bb"], ["ccc"]]  # "bb" came from the cache
    assert second[1, 0] == 3
    bad = cached_embed(lambda texts: np.zeros((1, 2)))
    with pytest.raises(ValueError):
        bad(["x", "y"])


def test_cached_embed_with_a_given_memo_reuses_and_fills_it():
    from utils.search.evaluate import cached_embed

    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts])

    memo = {"a": np.array([9.0, 9.0], dtype=np.float32)}  # a vector from an earlier run of the same model
    out = cached_embed(embed, memo)(["a", "bb"])
    assert calls == [["bb"]] and out[0, 0] == 9.0 and out[1, 0] == 2.0
    assert set(memo) == {"a", "bb"}  # the new vector went into the given memo


def test_evaluate_at_dims_matches_evaluate_embedder_per_width():
    from utils.data.beir import general_probe
    from utils.search.evaluate import evaluate_at_dims, evaluate_embedder

    rs = general_probe()
    rng = np.random.default_rng(0)
    table = {t: rng.normal(size=16).astype(np.float32) for t in rs.doc_texts + rs.query_texts}

    def embed(texts):
        v = np.stack([table[t] for t in texts])
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    out = evaluate_at_dims(rs, embed, [None, 8])
    for dim in (None, 8):
        assert out[dim][0] == evaluate_embedder(rs, embed, dimensions=dim)[0]


def test_cli_sends_the_api_key_to_a_server(tmp_path, capsys, monkeypatch):
    """Issue 26 item 6: EMB_API_KEY=K evaluate --base-url said the key was rejected: it never sent one."""
    from tests.fake_chat import EMBED_MODEL, FakeChat
    from tests.test_data import write_beir

    folder = write_beir(tmp_path / "set")
    with FakeChat(embed_key="sk-eval") as server:
        base = ["--base-url", server.base_url, "--data", str(folder)]  # no --served-model: GET /v1/models
        monkeypatch.setenv("EMB_API_KEY", "sk-eval")
        assert main(base) == 0, capsys.readouterr().err
        assert "nDCG@10" in capsys.readouterr().out
        monkeypatch.delenv("EMB_API_KEY")
        assert main([*base, "--served-model", EMBED_MODEL, "--api-key", "sk-eval"]) == 0
        capsys.readouterr()
        assert main(base) == 2
        err = capsys.readouterr().err.strip()
        assert "no API key was sent" in err and "EMB_API_KEY" in err and err.count("\n") == 0, err
