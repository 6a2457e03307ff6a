"""A tiny, randomly initialised Qwen3 (no download) for checks of the serving and training code paths.

Used by ``python -m utils.serving.gpu_check --tiny`` (a GPU reader's smoke check before downloading the real
weights), by the SGLang tier and by the tests. Its vectors mean nothing: never evaluate retrieval with it.
"""

from __future__ import annotations

from pathlib import Path

WORDS = (
    "the a of and to in is for on with that by as are be this from or at patient dose renal heart "
    "contract clause party liability revenue cash flow margin query passage retrieve instruct"
)


def _word_level_tokenizer():  # noqa: ANN202 - a tokenizers.Tokenizer (imported lazily)
    """A word-level vocabulary of :data:`WORDS` and single characters; any other word is ``[UNK]``."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {"<|endoftext|>": 0, "[UNK]": 1}
    for w in WORDS.split():
        vocab.setdefault(w, len(vocab))
    for ch in "abcdefghijklmnopqrstuvwxyz0123456789:.,?!-":
        vocab.setdefault(ch, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    return tok


def _byte_level_bpe_tokenizer(vocab_size: int = 512):  # noqa: ANN202 - a tokenizers.Tokenizer
    """A byte-level BPE, as Qwen3's own tokenizer is, trained here on a few sentences (no download).

    Every text tokenizes without an unknown token (the 256 byte symbols are in the vocabulary), and it
    decodes back to the text: what SGLang's tokenizer manager and grammar backend expect of a tokenizer.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    corpus = [WORDS, "Instruct: Given a web search query, retrieve relevant passages that answer the query",
              "Query: which dose for the patient with renal failure? The contract clause caps liability."]
    # "yes" and "no" become single tokens: a reranker served by SGLang scores those two next tokens
    tok.train_from_iterator(corpus * 4 + ["yes no"] * 8, trainer)
    return tok


def make_tiny_qwen3(
    folder: str | Path, hidden_size: int = 64, seed: int = 0, byte_level_bpe: bool = False
) -> Path:
    """Write a tiny, randomly initialised Qwen3 model and tokenizer to ``folder`` (no download).

    It has the real architecture (``Qwen3Model``) and an ``<|endoftext|>`` EOS/pad token (id 0, appended
    to every text as Qwen3-Embedding's tokenizer does), so the pooling, padding, server and LoRA code
    paths can be tested without the real weights. Its vectors mean nothing. The tokenizer is word-level
    (few ids; unknown words become ``[UNK]``) unless ``byte_level_bpe``: then a byte-level BPE trained here
    on a few sentences, like Qwen3's own, which SGLang serves (``utils.serving.gpu_check.build_tiny_model``).
    """
    import torch
    from tokenizers import processors
    from transformers import PreTrainedTokenizerFast, Qwen3Config, Qwen3Model

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tok = _byte_level_bpe_tokenizer() if byte_level_bpe else _word_level_tokenizer()
    eos_id = tok.token_to_id("<|endoftext|>")
    assert eos_id == 0, eos_id
    tok.post_processor = processors.TemplateProcessing(
        single="$A <|endoftext|>", special_tokens=[("<|endoftext|>", eos_id)]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token="<|endoftext|>",
        pad_token="<|endoftext|>",
        **({} if byte_level_bpe else {"unk_token": "[UNK]"}),
    )
    fast.padding_side = "left"
    fast.save_pretrained(str(folder))
    vocab = tok.get_vocab()
    torch.manual_seed(seed)
    config = Qwen3Config(
        vocab_size=len(vocab),
        hidden_size=hidden_size,
        intermediate_size=hidden_size * 2,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=hidden_size // 4,
        max_position_embeddings=512,
        eos_token_id=0,
        pad_token_id=0,
        bos_token_id=0,
    )
    Qwen3Model(config).save_pretrained(str(folder))
    return folder
