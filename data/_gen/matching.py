"""Passage matching pairs (notebook 07): data/matching/pairs.jsonl.

All text below was written for this course (original drafting; party and company names are
fictional). A pair is two passages and a label: 1 when they say the same thing or one is the
passage the other refers to, 0 when they do not. Kinds:

- ``paraphrase`` (1): the same obligation or statement in another drafting style, not word swaps;
- ``reference`` (1): a clause that refers to another clause, with that clause's text;
- ``near_miss`` (0): shares most words but not the effect (mutual vs one-way, "may" vs "shall",
  a carve-out reversed, basic vs diluted, a dose or contraindication flipped, or a clause that
  refers to clause 9 paired with a clause that is not clause 9);
- ``unrelated`` (0): a passage of the same domain about something else.

Pairs are declared in GROUPS: an anchor passage with its paraphrases, near misses and unrelated
passages (``group``), or a referring clause with the clause it cites and wrong targets (``ref``).
A group's texts never appear in another group, and whole groups go to one split: groups of each
domain and kind alternate train, test, train, ... in declaration order, so no text is in both
splits and each domain and kind is split about 50/50. Ids are ``m-leg-0001``, ``m-med-0001``,
``m-fin-0001`` in declaration order: the output is deterministic.
Run:  python data/_gen/matching.py [--out ROOT]   (writes data/matching/ or ROOT/matching/)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from _builder import DataError, main

PREFIX = {"legal": "leg", "medical": "med", "finance": "fin"}
MIN_PAIRS = {"legal": 6, "medical": 4, "finance": 4}  # first cut; raised as pairs are added
KIND_LABEL = {"paraphrase": 1, "reference": 1, "near_miss": 0, "unrelated": 0}


@dataclass
class Group:
    domain: str
    kind: str  # "group" or "ref": the unit that alternates between splits
    pairs: list[tuple[str, str, str]]  # (a, b, kind)
    where: str
    split: str = ""


@dataclass
class Pairs:
    groups: list[Group] = field(default_factory=list)

    def _add(self, domain: str, kind: str, pairs: list[tuple[str, str, str]]) -> None:
        frame = sys._getframe(2)
        self.groups.append(Group(domain, kind, pairs, f"{frame.f_code.co_filename}:{frame.f_lineno}"))

    def group(
        self,
        domain: str,
        anchor: str,
        paraphrase: tuple[str, ...] | list[str] = (),
        near_miss: tuple[str, ...] | list[str] = (),
        unrelated: tuple[str, ...] | list[str] = (),
    ) -> None:
        """An anchor passage paired with each paraphrase (1), near miss (0) and unrelated passage (0)."""
        pairs = [(anchor, p, "paraphrase") for p in paraphrase]
        pairs += [(anchor, n, "near_miss") for n in near_miss]
        pairs += [(anchor, u, "unrelated") for u in unrelated]
        self._add(domain, "group", pairs)

    def ref(self, domain: str, citing: str, cited: str, wrong: tuple[str, ...] | list[str] = ()) -> None:
        """A clause that refers to another (``cited``, label 1) and clauses it does not refer to (0)."""
        self._add(domain, "ref", [(citing, cited, "reference")] + [(citing, w, "near_miss") for w in wrong])

    # ------------------------------------------------------------------ checks and records
    def records(self) -> list[dict]:
        """Assign splits (alternating per domain and group kind), validate, and return the JSON records."""
        owner: dict[str, str] = {}
        turn: Counter[tuple[str, str]] = Counter()
        for g in self.groups:
            if g.domain not in PREFIX:
                raise DataError(f"{g.where}: domain {g.domain!r} is not one of {tuple(PREFIX)}")
            if not g.pairs:
                raise DataError(f"{g.where}: a group needs at least one pair")
            for a, b, _ in g.pairs:
                for text in (a, b):
                    if not text.strip() or text != " ".join(text.split()):
                        raise DataError(f"{g.where}: empty text or stray whitespace in {text[:50]!r}")
                if a == b:
                    raise DataError(f"{g.where}: a pair of identical texts: {a[:50]!r}")
            for text in {t for a, b, _ in g.pairs for t in (a, b)}:
                key = text.lower()
                if key in owner and owner[key] != g.where:
                    raise DataError(
                        f"{g.where}: text {text[:60]!r} is already used by the group at {owner[key]}"
                    )
                owner[key] = g.where
            g.split = ("train", "test")[turn[g.domain, g.kind] % 2]
            turn[g.domain, g.kind] += 1
        out, number = [], Counter()
        for g in self.groups:
            for a, b, kind in g.pairs:
                number[g.domain] += 1
                out.append(
                    {
                        "_id": f"m-{PREFIX[g.domain]}-{number[g.domain]:04d}",
                        "domain": g.domain,
                        "split": g.split,
                        "a": a,
                        "b": b,
                        "label": KIND_LABEL[kind],
                        "kind": kind,
                    }
                )
        self._check_balance(out)
        return out

    @staticmethod
    def _check_balance(rows: list[dict]) -> None:
        for domain, least in MIN_PAIRS.items():
            mine = [r for r in rows if r["domain"] == domain]
            if len(mine) < least:
                raise DataError(f"{domain}: {len(mine)} pairs; at least {least} are needed")
            positive = sum(r["label"] for r in mine) / len(mine)
            if not 0.35 <= positive <= 0.65:
                raise DataError(
                    f"{domain}: {positive:.0%} of pairs are positive; keep it between 35% and 65%"
                )
            for kind in KIND_LABEL:
                of_kind = [r for r in mine if r["kind"] == kind]
                if len(of_kind) >= 10:
                    train = sum(r["split"] == "train" for r in of_kind) / len(of_kind)
                    if not 0.3 <= train <= 0.7:
                        raise DataError(
                            f"{domain}/{kind}: {train:.0%} of pairs in train; rebalance the groups"
                        )

    def summary(self, rows: list[dict]) -> str:
        counts = Counter((r["domain"], r["split"], r["kind"]) for r in rows)
        lines = [f"matching: {len(rows)} pairs"]
        for domain in PREFIX:
            for split in ("train", "test"):
                lines.append(
                    f"  {domain:8s} {split:5s} "
                    + " ".join(f"{k}={counts[domain, split, k]}" for k in KIND_LABEL)
                )
        return "\n".join(lines)


P = Pairs()

# ================================================================ LEGAL
# ---------------------------------------------------------------- indemnities
P.group(
    "legal",
    "The Supplier shall indemnify the Customer against all losses arising from any claim that the Deliverables infringe the intellectual property rights of a third party.",
    paraphrase=[
        "If a third party alleges that anything the Supplier delivers breaches that party's patents, copyright or other IP, the Supplier will cover the Customer's resulting losses in full.",
    ],
    near_miss=[
        "The Customer shall indemnify the Supplier against all losses arising from any claim that the Deliverables infringe the intellectual property rights of a third party.",
    ],
)
P.group(
    "legal",
    "Each party shall indemnify the other against losses caused by its own breach of the data protection obligations in this Agreement.",
    paraphrase=[
        "Whichever party breaks its data protection commitments under this contract must make good the other party's resulting losses; the obligation runs both ways.",
    ],
    near_miss=[
        "The Processor shall indemnify the Controller against losses caused by the Processor's breach of the data protection obligations in this Agreement.",
    ],
)
# ---------------------------------------------------------------- limitation of liability
P.group(
    "legal",
    "The total liability of either party under this Agreement shall not exceed the fees paid in the twelve months before the claim, and this cap includes liability under the indemnities in clause 9.",
    paraphrase=[
        "Neither side can recover more than one year's fees from the other, counted back from when the claim arises; indemnity claims count towards that same ceiling.",
    ],
    near_miss=[
        "The total liability of either party under this Agreement shall not exceed the fees paid in the twelve months before the claim, but this cap does not apply to liability under the indemnities in clause 9.",
    ],
)
P.ref(
    "legal",
    "Subject to the limits in clause 12, the Supplier shall be liable for loss of or damage to the Customer's tangible property caused by its personnel.",
    "12. Limitation of liability. Neither party shall be liable for indirect or consequential loss, and each party's aggregate liability in any contract year is limited to 150% of the charges payable in that year.",
    wrong=[
        "12. Force majeure. Neither party shall be liable for delay or failure to perform caused by events beyond its reasonable control, provided it notifies the other party promptly.",
    ],
)

# ================================================================ MEDICAL
P.group(
    "medical",
    "Metformin should not be started when the estimated glomerular filtration rate is below 30 mL/min/1.73 m2.",
    paraphrase=[
        "Do not begin metformin in a patient whose eGFR has fallen under 30.",
    ],
    near_miss=[
        "Metformin should be started when the estimated glomerular filtration rate is below 30 mL/min/1.73 m2.",
    ],
)
P.group(
    "medical",
    "For adults, the maximum daily dose of paracetamol is 4 grams, divided into doses at least four hours apart.",
    paraphrase=[
        "Grown-ups should take no more than 4 g of acetaminophen in 24 hours, leaving four hours or more between doses.",
    ],
    near_miss=[
        "For adults, the maximum single dose of paracetamol is 4 grams, divided into doses at least four hours apart.",
    ],
)

# ================================================================ FINANCE
P.group(
    "finance",
    "Basic earnings per share divides profit attributable to ordinary shareholders by the weighted average number of shares outstanding.",
    paraphrase=[
        "To get the undiluted per-share profit, take the earnings belonging to ordinary shareholders and spread them over the average share count for the period.",
    ],
    near_miss=[
        "Diluted earnings per share divides profit attributable to ordinary shareholders by the weighted average number of shares outstanding plus potential shares from options and convertibles.",
    ],
)
P.group(
    "finance",
    "Net debt is total borrowings less cash and cash equivalents.",
    paraphrase=[
        "Take everything the company owes to lenders and subtract the cash it holds: that is its net indebtedness.",
    ],
    near_miss=[
        "Gross debt is total borrowings before any cash and cash equivalents are deducted.",
    ],
)


def build(root: Path) -> list[str]:
    rows = P.records()
    folder = root / "matching"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "pairs.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return [P.summary(rows), f"wrote {folder / 'pairs.jsonl'}"]


if __name__ == "__main__":
    raise SystemExit(main(build, None, "Validate and write the passage matching pairs."))
