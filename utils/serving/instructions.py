"""Task instructions for Qwen3-Embedding: one English task description per domain, and the anti-pattern.

Introduced in notebook 02_instructions; used by the later notebooks wherever queries are embedded.

Qwen3-Embedding was trained with an instruction on the **query side only**::

    Instruct: {task}\\nQuery:{query}        (documents are embedded as they are)

:func:`utils.serving.qwen3.format_query` builds that string; this module only supplies the ``task``.
Task descriptions are one English sentence in the style of the Qwen team's own evaluation
prompts ("Given a ..., retrieve ... that ..."), in English even for other languages.

The popular tutorial form, ``f"{instruction} {text}"`` on every input (queries *and* documents),
is kept here as :func:`naive_prefix` only so that notebook 02 can measure it against the right one.
Do not use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from utils.serving.qwen3 import DEFAULT_TASK, format_query

if TYPE_CHECKING:  # pandas is imported lazily in side_by_side
    import pandas as pd

#: The key of the default (web search) task, for domains without a description of their own.
DEFAULT = "default"

#: Domain -> task description, written as Qwen3 expects (English, one sentence, no trailing colon).
TASKS: Mapping[str, str] = MappingProxyType(
    {
        "medical": "Given a clinical question, retrieve medical passages that answer it",
        "legal": "Given a legal question, retrieve the contract clauses and legal passages that answer it",
        "finance": "Given a financial question, retrieve passages from financial reporting and analysis that answer it",
        "code": "Given a question about a programming library or API, retrieve the documentation passages that answer it",
        DEFAULT: DEFAULT_TASK,
    }
)

#: Slices that share another domain's (English) task: Qwen3's instructions stay English for every language.
ALIASES: Mapping[str, str] = MappingProxyType({"medical_zh": "medical"})


def task_for(domain: str) -> str:
    """The Qwen3 task description for ``domain`` (``medical``, ``legal``, ``finance``, ``code``, ``default``).

    Language slices such as ``medical_zh`` get their base domain's English task (see :data:`ALIASES`).
    Raises ``KeyError`` naming the known domains for anything else; pass
    ``utils.serving.qwen3.DEFAULT_TASK`` (or ``task_for("default")``) explicitly if you want the fallback.
    """
    if not isinstance(domain, str):
        raise TypeError(f"domain must be a string, got {type(domain).__name__}")
    key = ALIASES.get(domain, domain)
    if key not in TASKS:
        known = ", ".join(list(TASKS) + list(ALIASES))
        raise KeyError(
            f"no task description for domain {domain!r}; known: {known}. "
            "Write one in English ('Given a ..., retrieve ... that ...') or use task_for('default')."
        )
    return TASKS[key]


def query_for(query: str, domain: str) -> str:
    """A query formatted for Qwen3 with ``domain``'s task: ``format_query(query, task_for(domain))``."""
    return format_query(query, task_for(domain))


def naive_prefix(instruction: str, text: str) -> str:
    """THE ANTI-PATTERN, kept for measurement only: ``f"{instruction} {text}"``.

    This is what many tutorials do, on queries *and* documents alike. Qwen3-Embedding was not
    trained on it: there is no ``Instruct:``/``Query:`` frame, and documents were never prefixed.
    Notebook 02 measures it against :func:`utils.serving.qwen3.format_query`. Use ``format_query`` instead.
    """
    if not isinstance(instruction, str) or not isinstance(text, str):
        raise TypeError("instruction and text must be strings")
    return f"{instruction} {text}" if instruction else text


@dataclass(frozen=True)
class TemplateRewrite:
    """One popular-form template (from the tutorial this course grew from) and its Qwen3 rewrite.

    ``popular`` is a prefix the tutorial glued onto every text; ``task`` is the Qwen3 task
    description that replaces it, used on queries only.
    """

    domain: str
    popular: str
    task: str

    def popular_query(self, query: str) -> str:
        """The tutorial's query string (wrong)."""
        return naive_prefix(self.popular, query)

    def popular_document(self, document: str) -> str:
        """The tutorial's document string (wrong: documents get no instruction)."""
        return naive_prefix(self.popular, document)

    def qwen3_query(self, query: str) -> str:
        """The corrected query string: ``Instruct: {task}\\nQuery:{query}``."""
        return format_query(query, self.task)

    @staticmethod
    def qwen3_document(document: str) -> str:
        """The corrected document string: the document itself."""
        return document


#: The templates of the tutorial this course grew from (a popular Chinese-language Qwen3-Embedding
#: guide): the medical one verbatim; legal and finance written in the same style. Their rewrites are
#: simply the domain tasks above used the Qwen3 way.
TUTORIAL_TEMPLATES: Mapping[str, TemplateRewrite] = MappingProxyType(
    {
        "medical": TemplateRewrite(
            "medical", "Represent this medical question for retrieving relevant documents:", TASKS["medical"]
        ),
        "legal": TemplateRewrite(
            "legal", "Represent this legal question for retrieving relevant documents:", TASKS["legal"]
        ),
        "finance": TemplateRewrite(
            "finance",
            "Represent this financial question for retrieving relevant documents:",
            TASKS["finance"],
        ),
    }
)


def side_by_side(
    query: str,
    task: str | None,
    embed: Callable[[list[str]], np.ndarray],
    doc_vecs: np.ndarray,
    doc_ids: Sequence[str],
    doc_titles: Sequence[str],
    k: int = 5,
) -> pd.DataFrame:
    """Top-``k`` documents for ``query`` without and with the Qwen3 instruction ``task``, side by side.

    ``embed`` maps texts to L2-normalised vectors (e.g. ``EmbeddingClient.embed``); ``doc_vecs`` are
    the documents' vectors, embedded *without* any instruction. Returns one row per rank with the
    document id, title and cosine score under each condition, and whether that rank changed.
    Notebook 02's explorer is built on it.
    """
    import pandas as pd

    if not query or not query.strip():
        raise ValueError("query is empty")
    if len(doc_ids) != len(doc_vecs) or len(doc_titles) != len(doc_vecs):
        raise ValueError(
            f"doc_ids ({len(doc_ids)}), doc_titles ({len(doc_titles)}) and doc_vecs ({len(doc_vecs)}) must align"
        )
    if k < 1:
        raise ValueError("k must be at least 1")
    k = min(k, len(doc_ids))
    q = np.asarray(embed([query, format_query(query, task)]), dtype=np.float32)
    scores = q @ np.asarray(doc_vecs, dtype=np.float32).T
    cols = {}
    for row, label in ((0, "no instruction"), (1, "with instruction")):
        top = np.argsort(-scores[row], kind="stable")[:k]
        cols[(label, "doc")] = [doc_ids[j] for j in top]
        cols[(label, "title")] = [doc_titles[j] for j in top]
        cols[(label, "score")] = [round(float(scores[row, j]), 4) for j in top]
    table = pd.DataFrame(cols, index=pd.RangeIndex(1, k + 1, name="rank"))
    table[("", "changed")] = table[("no instruction", "doc")] != table[("with instruction", "doc")]
    return table


# --------------------------------------------------------------------------- verdicts (notebook 02)
def verdict(comparison: Mapping, tol: float, alpha: float = 0.05) -> str:
    """``helped``, ``hurt`` or ``made no clear difference``: a change counts only when it exceeds ``tol``
    (metric points) and the paired test gives p below ``alpha``. ``comparison`` is a
    :meth:`utils.search.evaluate.Comparison.as_dict` (B against A). Notebook 02's sentences built on it
    are :func:`utils.course.nb02_instructions.verdict_lines`."""
    delta, p = float(comparison["delta"]), float(comparison["p_value"])
    if delta > tol and p < alpha:
        return "helped"
    if delta < -tol and p < alpha:
        return "hurt"
    return "made no clear difference"
