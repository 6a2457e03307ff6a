"""A tiny, randomly initialised Qwen3 (no download) for checks of the serving and training code paths.

Used by ``python -m utils.serving.gpu_check --tiny`` (a GPU reader's smoke check before downloading the real
weights), by the SGLang tier and by the tests. Its vectors mean nothing: never evaluate retrieval with it.
"""

from __future__ import annotations

from pathlib import Path


def make_tiny_qwen3(folder: str | Path, hidden_size: int = 64, seed: int = 0) -> Path:
    """Write a tiny, randomly initialised Qwen3 model and tokenizer to ``folder`` (no download).

    It has the real architecture (``Qwen3Model``) and an ``<|endoftext|>`` EOS/pad token, so the
    pooling, padding, server and LoRA code paths can be tested without the real weights. Its
    vectors mean nothing.
    """
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast, Qwen3Config, Qwen3Model

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    words = (
        "the a of and to in is for on with that by as are be this from or at patient dose renal heart "
        "contract clause party liability revenue cash flow margin query passage retrieve instruct"
    ).split()
    vocab = {"<|endoftext|>": 0, "[UNK]": 1}
    for w in words:
        vocab.setdefault(w, len(vocab))
    for ch in "abcdefghijklmnopqrstuvwxyz0123456789:.,?!-":
        vocab.setdefault(ch, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(
        single="$A <|endoftext|>", special_tokens=[("<|endoftext|>", 0)]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, eos_token="<|endoftext|>", pad_token="<|endoftext|>", unk_token="[UNK]"
    )
    fast.padding_side = "left"
    fast.save_pretrained(str(folder))
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
