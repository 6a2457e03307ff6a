"""Training pairs from documents alone: title -> body, inverse cloze, LLM-written queries (round-trip filtered).

Introduced in notebook 08_pseudo_queries. Most readers have documents and no labelled queries; these
three sources turn a corpus into ``{"query", "positive"}`` pairs that ``python -m utils.training.cli --train``
reads (:func:`utils.data.beir.read_pairs_jsonl`):

- **title**: a document's title is the query, its body (without the title) the positive. Documents
  without a title are skipped and counted.
- **ict**, the inverse cloze task (Lee et al., 2019, "Latent Retrieval for Weakly Supervised Open
  Domain Question Answering"): one sentence of a document is the query and the rest of the document
  (title included) the positive. The sentence is drawn at random from the sentences of at least
  :data:`MIN_QUERY_WORDS` words, with a seeded ``random.Random``; with probability ``remove_prob``
  (default 0.9, as in the paper) it is removed from the positive, otherwise left in, so the model also
  learns some word matching. Documents of one sentence have no "rest" and are skipped and counted.
- **llm**: an instruct model behind any OpenAI-compatible chat endpoint (on the GPU track SGLang
  serving Qwen3-4B-Instruct-2507) writes ``per_doc`` queries per document with a domain-aware prompt
  (:func:`build_messages`): the questions the domain's users ask, lay wording and abbreviations
  included. Replies are parsed leniently (:func:`parse_queries`: a JSON list, ``{"queries": [...]}``
  or one query per line); a reply with no usable query is counted as junk and dropped with a warning;
  when every reply is junk the run stops with :class:`PseudoPairsError`. Then the round-trip filter
  (Promptagator, Dai et al., 2022): a query is kept only if the *base* embedding model ranks its
  source document within the top ``top_k`` of the corpus (:func:`round_trip_filter`).

Command line::

    python -m utils.training.pseudo_pairs --corpus DOCS.jsonl --method title|ict|llm --out PAIRS.jsonl \\
        [--base-url URL --model NAME --api-key KEY --embed-base-url URL --embed-model NAME \\
         --domain medical --per-doc N --top-k K --remove-prob P --seed S --overwrite]

Bad input ends with one ``error: ...`` line and exit status 2: an empty or malformed corpus (file and
line, :class:`utils.data.beir.DataFormatError`), an existing ``--out`` without ``--overwrite``, no usable
pair at all, or a chat server that answered only junk.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from utils.data.beir import DataFormatError, Document, read_jsonl
from utils.paths import writable_folder

METHODS = ("title", "ict", "llm")
MIN_QUERY_WORDS = 4  # an ICT query sentence needs at least this many words
MAX_QUERY_CHARS = 300  # a generated "query" longer than this is not a query
#: Who searches each domain, and how they write: the prompt asks for their kinds of questions.
DOMAIN_USERS = {
    "medical": "patients and carers who use everyday words ('heart attack', 'water tablets') as well as "
    "clinicians who use abbreviations and jargon ('MI', 'ACE inhibitor', 'eGFR')",
    "legal": "business owners and employees who use plain words ('can my landlord keep my deposit') as well "
    "as lawyers who use terms of art and abbreviations ('NDA', 'force majeure', 'GDPR')",
    "finance": "retail investors who use everyday words ('profit before paying interest') as well as "
    "analysts who use abbreviations ('EBITDA', 'P/E', 'YoY')",
}
GENERIC_USERS = "people who use everyday words as well as experts who use the field's abbreviations"

Chat = Callable[[list[dict[str, str]]], str]  # messages -> the reply's text
Embed = Callable[[list[str]], np.ndarray]  # texts -> L2-normalised vectors


class PseudoPairsError(ValueError):
    """No usable pairs could be made; the message says why and what to do."""


@dataclass
class PseudoReport:
    """What one run did: pairs written, documents skipped (reason -> count), and the LLM path's counts."""

    method: str
    n_docs: int
    n_pairs: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    n_generated: int = 0  # llm: parsed queries before the round-trip filter
    n_replies: int = 0
    n_junk_replies: int = 0
    n_kept_by_filter: int = 0
    top_k: int | None = None
    n_removed_sentence: int = 0  # ict: pairs whose query sentence was removed from the positive
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        parts = [f"{self.method}: {self.n_pairs} pairs from {self.n_docs} documents"]
        parts += [f"{n} documents skipped ({why})" for why, n in self.skipped.items() if n]
        if self.method == "ict" and self.n_pairs:
            parts.append(
                f"query sentence removed from the positive in {self.n_removed_sentence} of {self.n_pairs}"
            )
        if self.method == "llm":
            parts.append(f"{self.n_junk_replies} of {self.n_replies} replies were junk (dropped)")
            if self.top_k:
                parts.append(
                    f"round-trip filter (source document in the base model's top {self.top_k}) kept "
                    f"{self.n_kept_by_filter} of {self.n_generated} generated queries"
                )
            else:
                parts.append(f"{self.n_generated} generated queries, NOT round-trip filtered")
        return "; ".join(parts) + f" ({self.seconds:.1f} s)"


# --------------------------------------------------------------------------- reading
def read_corpus(path: str | Path) -> list[Document]:
    """Documents of a BEIR ``corpus.jsonl`` (``_id``, ``text``, optional ``title``); errors name file and line."""
    return [
        Document(r["_id"], str(r.get("title") or "").strip(), r["text"])
        for r in read_jsonl(Path(path), ("_id", "text"))
    ]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])|\s*\n\s*")


def split_sentences(text: str) -> list[str]:
    """Sentences: split after ``.``, ``!`` or ``?`` followed by a space and a capital or digit, and at every
    line break (headings, list items and paragraphs of long documents are never glued to a sentence; no model)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


# --------------------------------------------------------------------------- title and inverse cloze
def title_pairs(docs: Sequence[Document]) -> tuple[list[dict[str, str]], PseudoReport]:
    """Title as the query, body (without the title) as the positive; documents without either are counted."""
    t = time.perf_counter()
    report = PseudoReport("title", len(docs), skipped={"no title": 0, "no body": 0})
    pairs = []
    for d in docs:
        if not d.title:
            report.skipped["no title"] += 1
        elif not d.text.strip():  # a document known by its title alone (TREC-COVID): nothing to find
            report.skipped["no body"] += 1
        else:
            pairs.append({"query": d.title, "positive": d.text, "doc_id": d.id})
    if not pairs:
        raise PseudoPairsError(
            f"none of the {len(docs)} documents has a title and a body ({report.skipped['no title']} without a title, "
            f"{report.skipped['no body']} without a body); use --method ict or llm."
        )
    report.n_pairs, report.seconds = len(pairs), time.perf_counter() - t
    return pairs, report


def ict_pairs(
    docs: Sequence[Document], per_doc: int = 1, remove_prob: float = 0.9, seed: int = 0
) -> tuple[list[dict[str, str]], PseudoReport]:
    """Inverse cloze: up to ``per_doc`` random sentences per document as queries (seeded), see the module doc."""
    if per_doc < 1 or not 0.0 <= remove_prob <= 1.0:
        raise ValueError("per_doc must be >= 1 and remove_prob in [0, 1].")
    t = time.perf_counter()
    rng = random.Random(seed)
    report = PseudoReport(
        "ict", len(docs), skipped={"one sentence": 0, f"no sentence of {MIN_QUERY_WORDS}+ words": 0}
    )
    pairs = []
    for d in docs:
        sents = split_sentences(d.text)
        if len(sents) < 2:
            report.skipped["one sentence"] += 1
            continue
        candidates = [i for i, s in enumerate(sents) if len(s.split()) >= MIN_QUERY_WORDS]
        if not candidates:
            report.skipped[f"no sentence of {MIN_QUERY_WORDS}+ words"] += 1
            continue
        for i in sorted(rng.sample(candidates, min(per_doc, len(candidates)))):
            remove = rng.random() < remove_prob
            rest = sents[:i] + sents[i + 1 :] if remove else sents
            report.n_removed_sentence += remove
            pairs.append(
                {
                    "query": sents[i],
                    "positive": Document(d.id, d.title, " ".join(rest)).full_text,
                    "doc_id": d.id,
                }
            )
    if not pairs:
        raise PseudoPairsError(
            f"none of the {len(docs)} documents has two sentences or more; inverse cloze needs a sentence "
            "and a rest: use --method title or llm."
        )
    report.n_pairs, report.seconds = len(pairs), time.perf_counter() - t
    return pairs, report


# --------------------------------------------------------------------------- LLM-written queries
def build_messages(
    doc: Document, domain: str | None = None, n: int = 3, max_chars: int = 4000
) -> list[dict[str, str]]:
    """The chat messages asking for ``n`` queries about ``doc``, in the words of ``domain``'s users."""
    users = DOMAIN_USERS.get(domain or "", GENERIC_USERS)
    where = f"a {domain} search engine" if domain else "a search engine"
    body = doc.text if len(doc.text) <= max_chars else doc.text[:max_chars] + " ..."
    system = (
        f"You write realistic search queries for {where}. Its users are {users}. "
        "Answer with a JSON list of strings and nothing else."
    )
    user = (
        f"Write {n} different search queries that this document answers, as its users would type them: "
        "mix a plain-language question a layperson would ask, a short keyword query, and one using the "
        "abbreviations or jargon a professional would use. Do not copy sentences from the document.\n\n"
        f"Document title: {doc.title or '(none)'}\nDocument: {body}"
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


_THINK = re.compile(r"<think>.*?(</think>|$)", re.S)
_FENCE = re.compile(r"^```[a-zA-Z]*\s*|\s*```$", re.M)
_NOT_JSON = object()
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\(?\d+[.):])\s*")


def _clean(q: Any) -> str | None:
    if not isinstance(q, str):
        return None
    q = " ".join(q.split()).strip("\"'` ")
    return q if 2 <= len(q) <= MAX_QUERY_CHARS and any(c.isalnum() for c in q) else None


def parse_queries(reply: str | None, n: int = 3) -> list[str]:
    """Queries in a model's reply (JSON list, ``{"queries": [...]}``, or one per line); ``[]`` for junk.

    Thinking blocks and code fences are removed; a JSON value that is not a list of strings, lines that
    end in ``:`` (preambles), and "queries" over :data:`MAX_QUERY_CHARS` characters are not queries.
    At most ``n`` distinct queries are returned.
    """
    text = _FENCE.sub("", _THINK.sub("", reply or "")).strip()
    if not text:
        return []
    value: Any = _NOT_JSON
    for candidate in (text, text[text.find("[") : text.rfind("]") + 1]):
        try:
            value = json.loads(candidate)
            break
        except json.JSONDecodeError:
            continue
    if value is _NOT_JSON:  # plain text: one query per line, bullets and numbers stripped, preambles dropped
        found: list[Any] = [
            _BULLET.sub("", line) for line in text.splitlines() if not line.rstrip().endswith(":")
        ]
    else:
        if isinstance(value, dict):
            value = next((v for v in value.values() if isinstance(v, list)), None)
        found = value if isinstance(value, list) else []
    return list(dict.fromkeys(q for q in map(_clean, found) if q))[:n]


def openai_chat(
    base_url: str,
    model: str,
    api_key: str | None = None,
    temperature: float = 0.7,
    max_tokens: int = 256,
    timeout: float = 120.0,
) -> Chat:
    """A :data:`Chat` over any OpenAI-compatible ``/v1/chat/completions`` (the ``openai`` client)."""
    import openai

    client = openai.OpenAI(
        base_url=base_url.rstrip("/"), api_key=api_key or "not-needed", timeout=timeout, max_retries=2
    )

    def chat(messages: list[dict[str, str]]) -> str:
        resp = client.chat.completions.create(
            model=model,
            messages=messages,
            temperature=temperature,
            max_tokens=max_tokens,  # type: ignore[arg-type]
        )
        return (resp.choices[0].message.content or "") if resp.choices else ""

    return chat


def round_trip_filter(
    queries: Sequence[str],
    sources: Sequence[int],
    doc_texts: Sequence[str],
    embed: Embed,
    top_k: int,
    query_task: str | None = None,
) -> tuple[list[bool], list[int]]:
    """Keep query ``i`` when the base model ranks its source document ``sources[i]`` within the top ``top_k``.

    Returns (kept, rank) per query; rank 0 is first. A tie counts against the query: one that matches
    nothing scores every document alike and is dropped. ``query_task``: the Qwen3 instruction put before
    each query (``None`` for models without instructions, such as all-MiniLM-L6-v2).
    """
    from utils.serving.qwen3 import format_queries

    if not queries:
        return [], []
    q, d = (
        np.asarray(embed(format_queries(queries, query_task)), dtype=np.float32),
        np.asarray(embed(list(doc_texts)), dtype=np.float32),
    )
    scores = q @ d.T
    own = scores[np.arange(len(queries)), np.asarray(sources)]
    ranks = ((scores >= own[:, None]).sum(axis=1) - 1).astype(int).tolist()  # minus the source itself
    return [r < top_k for r in ranks], ranks


def llm_pairs(
    docs: Sequence[Document],
    chat: Chat,
    embed: Embed | None,
    domain: str | None = None,
    per_doc: int = 3,
    top_k: int = 3,
    concurrency: int = 8,
    progress: bool = False,
    query_task: str | None = None,
) -> tuple[list[dict[str, str]], PseudoReport]:
    """LLM-written queries per document, junk dropped, then round-trip filtered with ``embed`` (the base model).

    ``top_k=0`` (or ``embed=None``) skips the filter, with a warning. Connection errors propagate;
    an HTTP error or an empty reply for one document counts as junk.
    """
    import openai

    t = time.perf_counter()
    report = PseudoReport("llm", len(docs), skipped={"no usable query": 0}, top_k=top_k if embed else None)

    def ask(doc: Document) -> list[str]:
        try:
            return parse_queries(chat(build_messages(doc, domain, per_doc)), per_doc)
        except openai.APIConnectionError:
            raise
        except (openai.APIError, ValueError):
            return []

    with ThreadPoolExecutor(max(1, concurrency)) as pool:
        results = pool.map(ask, docs)
        if progress:
            from tqdm.auto import tqdm

            results = tqdm(results, total=len(docs), desc="generating", unit="doc")
        replies = list(results)
    report.n_replies = len(replies)
    report.n_junk_replies = sum(not r for r in replies)
    report.skipped["no usable query"] = report.n_junk_replies
    if report.n_junk_replies:
        warnings.warn(
            f"{report.n_junk_replies} of {len(replies)} chat replies held no usable query and were dropped",
            stacklevel=2,
        )
    queries = [(q, i) for i, r in enumerate(replies) for q in r]
    if not queries:
        raise PseudoPairsError(
            f"all {len(replies)} replies of the chat model were junk (no JSON list, no query lines): check "
            "--base-url/--model, and that the model is an instruct model that follows the prompt."
        )
    report.n_generated = len(queries)
    if embed is None or top_k <= 0:
        warnings.warn("round-trip filtering is off: generated queries are kept unchecked", stacklevel=2)
        keep = [True] * len(queries)
        report.top_k = None
    else:
        keep, _ = round_trip_filter(
            [q for q, _ in queries],
            [i for _, i in queries],
            [d.full_text for d in docs],
            embed,
            top_k,
            query_task,
        )
    pairs = [
        {"query": q, "positive": docs[i].full_text, "doc_id": docs[i].id}
        for (q, i), k in zip(queries, keep, strict=True)
        if k
    ]
    report.n_kept_by_filter = report.n_pairs = len(pairs)
    report.seconds = time.perf_counter() - t
    if not pairs:
        raise PseudoPairsError(
            f"the round-trip filter kept none of {len(queries)} generated queries (top {top_k}); raise --top-k "
            "or check that --embed-base-url serves the base model you will fine-tune."
        )
    return pairs, report


def sample_pairs(pairs: Sequence[dict[str, str]], n: int, seed: int = 0) -> list[dict[str, str]]:
    """At most ``n`` of ``pairs``: all of them when there are few enough, else a seeded random sample."""
    return list(pairs) if len(pairs) <= n else random.Random(seed).sample(list(pairs), n)


# --------------------------------------------------------------------------- writing and the command line
def check_out(out: str | Path, overwrite: bool = False) -> None:
    """Refuse an ``out`` that cannot be written, before any pairs are made (the LLM method costs minutes).

    ``FileExistsError`` for an existing file without ``overwrite`` or a folder; :class:`PseudoPairsError`
    naming the folder when the folder ``out`` goes in (the nearest that exists) is not writable.
    """
    out = Path(out)
    if out.exists() and not overwrite:
        raise FileExistsError(f"{out} exists; pass --overwrite to replace it, or choose another --out.")
    if out.is_dir():
        raise FileExistsError(f"{out} is a folder; --out must be a file path.")
    parent, writable = writable_folder(out.parent)
    if not writable:
        raise PseudoPairsError(
            f"--out {out}: cannot write in {parent} (permission denied or a read-only file system); "
            "choose a path you can write to."
        )


def write_pairs(pairs: Sequence[dict[str, str]], out: str | Path, overwrite: bool = False) -> Path:
    """Write JSONL (one pair a line) via a temporary sibling; an existing ``out`` needs ``overwrite``.

    A write that fails (a read-only folder, a full disk) leaves no temporary file and raises
    :class:`PseudoPairsError` naming the path and the cause.
    """
    out = Path(out)
    check_out(out, overwrite)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PseudoPairsError(
            f"cannot write {exc.filename or out}: {exc.strerror or exc}; {len(pairs)} pairs were made but not "
            "saved: free space (or fix the permissions) and rerun."
        ) from exc
    return out


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m utils.training.pseudo_pairs",
        description="Make {query, positive} training pairs from documents alone (for python -m utils.training.cli "
        "--train). Bad input and an --out that cannot be written are one error line and exit 2, checked before "
        "any pair is made.",
    )
    p.add_argument("--corpus", required=True, help="BEIR corpus.jsonl (_id, text, optional title)")
    p.add_argument("--method", required=True, choices=METHODS)
    p.add_argument(
        "--out", required=True, help="pairs JSONL to write (its folder must be writable: checked first)"
    )
    p.add_argument("--overwrite", action="store_true", help="replace an existing --out")
    p.add_argument("--per-doc", type=int, default=None, help="queries per document (ict: 1, llm: 3)")
    p.add_argument("--remove-prob", type=float, default=0.9, help="ict: chance the query sentence leaves the positive")
    p.add_argument("--seed", type=int, default=0, help="ict: which sentence is drawn")
    p.add_argument("--base-url", default=None, help="llm: OpenAI-compatible chat endpoint (.../v1)")
    p.add_argument("--model", default=None, help="llm: the chat model's name on that endpoint")
    p.add_argument("--api-key", default=None, help="llm: key of the chat endpoint, if it needs one")
    p.add_argument("--domain", default=None, help="llm: medical, legal, finance or any word for the prompt")
    p.add_argument("--embed-base-url", default=None, help="llm: embeddings endpoint serving the BASE model (round trip)")
    p.add_argument("--embed-model", default=None, help="llm: the embedding model's name on that endpoint")
    p.add_argument(
        "--embed-api-key",
        default=os.environ.get("EMB_API_KEY"),
        help="llm: key of the embeddings endpoint (default: EMB_API_KEY, as the course's server uses)",
    )
    p.add_argument("--top-k", type=int, default=3, help="llm: keep a query if its document ranks in the top K (0: no filter)")
    p.add_argument("--concurrency", type=int, default=8, help="llm: requests in flight")
    p.add_argument("--task", default=None, help="llm: Qwen3 query instruction for the round trip (none for MiniLM)")
    return p


def make_pairs(a: argparse.Namespace, docs: Sequence[Document]) -> tuple[list[dict[str, str]], PseudoReport]:
    """Run the chosen method with the command line's arguments."""
    if a.method == "title":
        return title_pairs(docs)
    if a.method == "ict":
        return ict_pairs(docs, a.per_doc or 1, a.remove_prob, a.seed)
    chat = openai_chat(a.base_url, a.model, a.api_key)
    embed = None
    if a.top_k > 0:
        from utils.serving.client import EmbeddingClient

        client = EmbeddingClient(a.embed_base_url, a.embed_model or "", api_key=a.embed_api_key)
        client.model = a.embed_model or client.models()[0]  # default: the endpoint's (first) served model
        embed = client.embed
    return llm_pairs(docs, chat, embed, a.domain, a.per_doc or 3, a.top_k, a.concurrency, True, a.task)


def main(argv: list[str] | None = None) -> int:
    a = build_parser().parse_args(argv)
    try:
        if (a.per_doc is not None and a.per_doc < 1) or not 0 <= a.remove_prob <= 1 or a.top_k < 0:
            raise ValueError("--per-doc must be >= 1, --remove-prob in [0, 1] and --top-k >= 0.")
        if a.method == "llm" and not (a.base_url and a.model):
            raise ValueError("--method llm needs --base-url (an OpenAI-compatible chat endpoint) and --model.")
        if a.method == "llm" and a.top_k > 0 and not a.embed_base_url:
            raise ValueError(
                "round-trip filtering needs the base model's embeddings endpoint: --embed-base-url URL "
                "(e.g. `python -m utils.serving.server`), or --top-k 0 to keep every generated query unchecked."
            )
        check_out(a.out, a.overwrite)  # before any pairs are made
        docs = read_corpus(a.corpus)
        pairs, report = make_pairs(a, docs)
        write_pairs(pairs, a.out, a.overwrite)
    except (DataFormatError, PseudoPairsError, FileExistsError, ValueError) as exc:
        print(f"error: {str(exc).replace(chr(10), ' ')}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file that cannot be read: one line, not a traceback
        print(f"error: cannot read or write {exc.filename or a.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a server that cannot be reached: one line, not a traceback
        if type(exc).__module__.split(".")[0] not in ("openai", "httpx", "utils"):
            raise
        where = a.base_url if type(exc).__module__.startswith("openai") else a.embed_base_url
        print(f"error: {type(exc).__name__}: {exc} (is the server at {where} running?)", file=sys.stderr)
        return 1
    print(report.summary())
    print(f"wrote {len(pairs)} pairs to {a.out}; next: python -m utils.training.cli --model PATH --train {a.out} --out DIR")
    return 0


if __name__ == "__main__":
    sys.exit(main())
