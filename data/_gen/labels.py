"""Document labels for clustering (notebook 07): data/finance/concepts.tsv and data/legal/clause_families.tsv.

Finance: every document of data/finance/ gets one business-logic CONCEPT (the rules are in
data/README.md, "Finance concepts"). The labels were assigned by reading each document: the
generator's topic gives a default (``FINANCE_TOPIC``) and ``FINANCE_DOC`` overrides it for every
document whose subject is another concept than its topic's (a lease note about debt-like
liabilities, a bank's margin, a covenant built on EBITDA, ...). Surface words cut across concepts on
purpose: "cash" is liquidity, cash generation and valuation; "margin" is profitability (gross margin,
a bank's net interest margin) and leverage (a loan's pricing margin); "EBITDA" is profitability,
leverage (covenant add-backs) and valuation (EV/EBITDA); "tax" is accounting measurement (deferred
tax), cash generation (cash taxes) and household finance (tax-free accounts); "liquidity" is a
company's liquidity and a bank's regulatory liquidity (bank capital). There are 12 concepts, not
fewer, because every document needs one (the background documents too) and each concept needs at
least 15 documents: tax has too few documents of its own and is part of accounting measurement.

Legal: every document of data/legal/ that belongs to one of the 14 clause families gets that family
(its generator topic, checked document by document; ``LEGAL_DOC`` lists the documents that moved);
the 50 background documents get none.

Documents are referred to by their generator key (data/_gen/finance.py, data/_gen/legal.py); ids
follow the generators' declaration order, and the shipped corpus must match the generators' text.
Run:  python data/_gen/labels.py [--out ROOT]   (writes the two files under ROOT/finance/ and ROOT/legal/)
"""

from __future__ import annotations

import json
import runpy
from collections import Counter
from pathlib import Path

from _builder import DATA_DIR, DataError, main

HERE = Path(__file__).resolve().parent
MIN_PER_LABEL = 15

CONCEPTS = (
    "liquidity",
    "leverage",
    "profitability",
    "cash_generation",
    "valuation",
    "revenue_quality",
    "earnings_quality",
    "bank_capital",
    "accounting_measurement",
    "shareholder_returns",
    "household_finance",
    "narrative_disclosure",
)

FINANCE_TOPIC = {
    "ebitda": "profitability",
    "eps": "shareholder_returns",
    "revenue": "revenue_quality",
    "leases": "leverage",
    "impairment": "earnings_quality",
    "cashflow": "cash_generation",
    "workingcap": "liquidity",
    "covenants": "leverage",
    "ratings": "leverage",
    "valuation": "valuation",
    "bankcap": "bank_capital",
    "bankperf": "bank_capital",
    "profitability": "profitability",
    "costs": "accounting_measurement",
    "inventory": "accounting_measurement",
    "depreciation": "accounting_measurement",
    "tax": "accounting_measurement",
    "ma": "accounting_measurement",
    "shareholder": "shareholder_returns",
    "reporting": "narrative_disclosure",
    "personal": "household_finance",
    "debt": "leverage",
    "fx": "accounting_measurement",
    "growth": "revenue_quality",
    "provisions": "earnings_quality",
    "pensions": "leverage",
    "fairvalue": "valuation",
    "nongaap": "earnings_quality",
    "background": "narrative_disclosure",
    # "nearmiss": no default: every near-miss document is labelled in FINANCE_DOC
}

FINANCE_DOC = {
    # EBITDA documents: lender add-backs are about leverage tests, the capex caveat about cash
    "ebitda_capex": "cash_generation",
    "adj_ebitda": "earnings_quality",
    "adj_addbacks": "leverage",
    # per-share: adjusted EPS is an earnings-quality question
    "eps_adjusted": "earnings_quality",
    # leases: the cost pattern is an income-statement question; lessor and sale-and-leaseback accounting
    "lease_op_cost": "profitability",
    "lease_fin_cost": "profitability",
    "lease_lessor": "revenue_quality",
    "lease_slb": "accounting_measurement",
    # impairment: recoverable amount is a valuation of the asset
    "imp_recoverable": "valuation",
    # cash flow: restricted cash is about what cash is available; supplier finance stretches payables
    "cf_supplier": "liquidity",
    # working capital: the receivables allowance is an estimate; factoring is a financing choice but a liquidity lever
    "wc_allowance": "earnings_quality",
    # ratings: a short-term rating is about paying within a year
    "cr_scale": "liquidity",
    # bank performance: margins and efficiency are a bank's profitability
    "bm_nim": "profitability",
    "bm_eff": "profitability",
    "bm_nii_sens": "profitability",
    "bm_beta": "profitability",
    "bm_ldr": "liquidity",
    # bank capital: liquidity rules stay with bank regulation (the word "liquidity" cuts across)
    # profitability ratios
    "pr_breakeven": "profitability",
    # costs: classification of expenses is about margins
    "cc_cogs": "profitability",
    "cc_sga": "profitability",
    "cc_opex_note": "profitability",
    "cc_byfunction": "profitability",
    # inventory: turnover is a liquidity ratio; absorption sets the cost of goods sold
    "inv_turnover": "liquidity",
    "inv_absorption": "profitability",
    "inv_consign": "revenue_quality",
    # depreciation: capex against depreciation is about reinvestment of cash
    "dep_capex_ratio": "cash_generation",
    # tax: cash taxes paid are a cash-generation question
    "tax_cash": "cash_generation",
    "amort_intang": "accounting_measurement",
    # M&A: deal value and per-share effect
    "ma_accretion": "valuation",
    "ma_synergies": "valuation",
    # shareholder returns: share-based pay is an expense measured at grant
    "sh_sbc": "earnings_quality",
    "sh_yield": "valuation",
    # reporting: going concern is the liquidity question; contractual obligations are debt-like claims
    "tk_going": "liquidity",
    "tk_contractual": "leverage",
    "tk_restate": "earnings_quality",
    # personal finance: bond pricing is valuation of a bond
    "pf_bondprice": "household_finance",
    # debt: yields, duration and spreads price a bond; a revolver is a liquidity line
    "dbt_ytm": "valuation",
    "dbt_ytw": "valuation",
    "dbt_duration": "valuation",
    "dbt_spread": "valuation",
    "dbt_rcf": "liquidity",
    # fx: constant currency is a growth measure
    "fx_constant": "revenue_quality",
    "fx_exposure": "revenue_quality",  # the currency effect on reported revenue
    # pensions: costs and remeasurements hit profit and equity, not the debt-like deficit
    "pen_cost": "accounting_measurement",
    "pen_remeasure": "accounting_measurement",
    # fair value: own-credit gains are an earnings-quality trap
    "fv_ownc": "earnings_quality",
    "fv_option": "accounting_measurement",
    # near-miss documents, one by one
    "nm_giftcard_liab": "revenue_quality",
    "nm_rev_transition": "revenue_quality",
    "nm_licence_halvorsen": "revenue_quality",
    "nm_commission_plan": "revenue_quality",
    "nm_lease_term": "leverage",
    "nm_lease_incentive": "earnings_quality",
    "nm_lease_remeasure": "leverage",
    "nm_property_sale": "earnings_quality",
    "nm_lease_cashflow": "cash_generation",
    "nm_gw_alloc": "earnings_quality",
    "nm_capex_guidance": "cash_generation",
    "nm_ocf_bridge": "cash_generation",
    "nm_wc_programme": "liquidity",
    "nm_current_class": "liquidity",
    "nm_incurrence": "leverage",
    "nm_headroom": "leverage",
    "nm_pricing_grid": "leverage",
    "nm_rating_method": "leverage",
    "nm_earnings_yield": "valuation",
    "nm_precedents": "valuation",
    "nm_tier2": "bank_capital",
    "nm_buffer_stack": "bank_capital",
    "nm_forbearance": "bank_capital",
    "nm_nii_trend": "profitability",
    "nm_seg_margin": "profitability",
    "nm_margin_safety": "profitability",
    "nm_cost_of_revenue_saas": "profitability",
    "nm_cap_software": "accounting_measurement",
    "nm_fob": "revenue_quality",
    "nm_invest_property": "valuation",
    "nm_dep_start": "accounting_measurement",
    "nm_tax_dep": "accounting_measurement",
    "nm_nol_limits": "accounting_measurement",
    "nm_rate_change": "accounting_measurement",
    "nm_measurement_period": "accounting_measurement",
    "nm_goodwill_linvale": "accounting_measurement",
    "nm_special_div": "shareholder_returns",
    "nm_drip": "shareholder_returns",
    "nm_buyback_prog": "shareholder_returns",
    "nm_opinion_types": "narrative_disclosure",
    "nm_sox302": "narrative_disclosure",
    "nm_policy_change": "earnings_quality",
    "nm_overpay": "household_finance",
    "nm_sinking": "household_finance",
    "nm_hsa": "household_finance",
    "nm_inflation_bonds": "valuation",
    "nm_coupon": "valuation",
    "nm_active_passive": "household_finance",
    "nm_gross_net_lev": "leverage",
    "nm_zero_coupon": "valuation",
    "nm_nih": "accounting_measurement",
    "nm_presentation_ccy": "accounting_measurement",
    "nm_cac": "revenue_quality",
    "nm_bookings": "revenue_quality",
    "nm_env_remed": "earnings_quality",
    "nm_multiemployer": "leverage",
    "nm_valuation_tech": "valuation",
    "nm_adj_op": "earnings_quality",
}

LEGAL_FAMILY = {
    "nda": "confidentiality",
    "indemnity": "indemnity",
    "lol": "limitation_of_liability",
    "fm": "force_majeure",
    "termination": "termination",
    "disputes": "governing_law_disputes",
    "assignment": "assignment",
    "ip": "intellectual_property",
    "warranty": "warranties",
    "employment": "employment",
    "lease": "property_lease",
    "dataprot": "data_protection",
    "litigation": "litigation_procedure",
    "commercial": "commercial_boilerplate",
}
LEGAL_UNLABELLED = ("background",)
LEGAL_DOC = {  # documents whose clause family is not their generator topic's (read one by one)
    "ind_costs_basis": "litigation_procedure",  # costs "on the indemnity basis" is a court costs order
    "fm_backup": "commercial_boilerplate",  # a service obligation (backups), not relief from performance
    "war_gifts": "employment",  # a rule of conduct for employees, not a warranty
    "gov_steering": "commercial_boilerplate",  # contract governance meetings, not dispute resolution
}


def _docs(domain: str) -> list[tuple[str, str, str, str]]:
    """(id, key, topic, text) of every document the generator declares, checked against the shipped corpus."""
    dataset = runpy.run_path(str(HERE / f"{domain}.py"))["D"]
    corpus = dataset.records()[0]
    shipped = DATA_DIR / domain / "corpus.jsonl"
    rows = [json.loads(line) for line in shipped.read_text(encoding="utf-8").splitlines() if line.strip()]
    if rows != corpus:
        raise DataError(
            f"{shipped} differs from data/_gen/{domain}.py's documents: regenerate {domain} first"
        )
    return [
        (rec["_id"], d.key, d.topic, d.text) for rec, d in zip(corpus, dataset.docs.values(), strict=True)
    ]


def finance_concepts() -> list[tuple[str, str]]:
    """(corpus-id, concept) for every finance document."""
    out = []
    unknown = sorted(set(FINANCE_DOC) - {k for _, k, _, _ in _docs("finance")})
    if unknown:
        raise DataError(f"FINANCE_DOC names keys that data/_gen/finance.py does not declare: {unknown}")
    for did, key, topic, _ in _docs("finance"):
        concept = FINANCE_DOC.get(key, FINANCE_TOPIC.get(topic))
        if concept is None:
            raise DataError(
                f"finance document {key!r} (topic {topic!r}) has no concept: add it to FINANCE_DOC"
            )
        if concept not in CONCEPTS:
            raise DataError(f"finance document {key!r}: {concept!r} is not one of {CONCEPTS}")
        out.append((did, concept))
    counts = Counter(c for _, c in out)
    short = {c: counts[c] for c in CONCEPTS if counts[c] < MIN_PER_LABEL}
    if short:
        raise DataError(f"concepts with fewer than {MIN_PER_LABEL} documents: {short}")
    return out


def legal_families() -> list[tuple[str, str]]:
    """(corpus-id, family) for every legal document of a clause family (background documents have none)."""
    out = []
    for did, key, topic, _ in _docs("legal"):
        if topic in LEGAL_UNLABELLED:
            continue
        if topic not in LEGAL_FAMILY:
            raise DataError(f"legal document {key!r}: topic {topic!r} has no clause family in LEGAL_FAMILY")
        out.append((did, LEGAL_DOC.get(key, LEGAL_FAMILY[topic])))
    unknown = sorted(set(LEGAL_DOC) - {k for _, k, _, _ in _docs("legal")})
    if unknown:
        raise DataError(f"LEGAL_DOC names keys that data/_gen/legal.py does not declare: {unknown}")
    counts = Counter(f for _, f in out)
    short = {f: n for f, n in counts.items() if n < MIN_PER_LABEL - 5}
    if short or len(counts) != 14:
        raise DataError(
            f"expected 14 clause families of at least {MIN_PER_LABEL - 5} documents: {dict(counts)}"
        )
    return out


def _write(path: Path, column: str, rows: list[tuple[str, str]]) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"corpus-id\t{column}\n")
        for did, label in rows:
            f.write(f"{did}\t{label}\n")
    counts = Counter(label for _, label in rows)
    return f"wrote {path}: {len(rows)} documents, " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))


def build(root: Path) -> list[str]:
    concepts, families = finance_concepts(), legal_families()
    return [
        _write(root / "finance" / "concepts.tsv", "concept", concepts),
        _write(root / "legal" / "clause_families.tsv", "family", families),
    ]


if __name__ == "__main__":
    raise SystemExit(main(build, None, "Validate and write the finance concepts and legal clause families."))
