"""The small training pairs the fine-tuning tests share (test_finetune*.py)."""

PAIRS = [
    {"query": "patient dose for renal failure", "positive": "reduce the dose when renal clearance is low"},
    {"query": "patient dose for renal failure", "positive": "renal impairment needs a lower dose"},
    {"query": "heart patient query", "positive": "the heart patient was given a beta blocker"},
    {"query": "contract clause on liability", "positive": "the party liability clause caps damages"},
    {"query": "revenue and cash flow", "positive": "cash flow from revenue rose this quarter"},
    {"query": "margin of the party", "positive": "the margin fell as revenue slowed"},
    {"query": "instruct retrieve passage", "positive": "a passage to retrieve for the query"},
    {"query": "heart dose", "positive": "the dose of the heart drug"},
]
