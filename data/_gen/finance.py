"""Finance retrieval set (BEIR format) for data/finance/.

All text below was written for this course. Company names are fictional.
Each query lists its relevant documents and 1-3 hard negatives explicitly. How the negatives were
chosen: by the author per query; near-miss documents written after a first baseline run (the
"extra near-miss documents" section) are listed first for the queries they target; a query with no
chosen negative got the first two other documents of its topic.
Run:  python data/_gen/finance.py [--out ROOT]   (writes data/finance/ or ROOT/finance/; data/_gen/_builder.py validates and writes)
"""

from _builder import Dataset

D = Dataset("finance", prefix="fin")

# ---------------------------------------------------------------- EBITDA
D.topic("ebitda")
D.doc("ebitda_def", "Operating profit before depreciation as a margin",
      "Earnings before interest, taxes, depreciation and amortisation is calculated by adding depreciation and amortisation charges back to operating profit. "
      "Dividing the result by revenue produces a margin that analysts use to compare the underlying profitability of businesses with different capital structures, tax positions and asset ages.")
D.doc("ebitda_capex", "Limits of earnings before depreciation",
      "Because depreciation is added back, earnings before interest, taxes, depreciation and amortisation treats the wearing out of plant and equipment as if it cost nothing. "
      "A capital-intensive operator can report a high figure while spending most of it on replacing machinery, vehicles or network equipment. "
      "Lenders and equity analysts therefore read it alongside capital expenditure and cash taxes rather than as a proxy for cash generation.")
D.doc("adj_ebitda", "Adjusted earnings measure at Corvell Industries",
      "Corvell Industries presents an adjusted profit measure that, in addition to adding back depreciation and amortisation, excludes restructuring charges, share-based compensation and acquisition-related costs. "
      "Because these adjustments are not defined by accounting standards, the company reconciles the figure to net income in a table in each results release.")
D.doc("adj_addbacks", "Caps on synergy add-backs in loan agreements",
      "Credit agreements often let the borrower add projected cost savings from recent acquisitions to its earnings before interest, taxes, depreciation and amortisation, even though the savings have not yet been achieved. "
      "Lenders commonly cap such pro forma adjustments, for example at 20 per cent of the unadjusted figure, and require the savings to be realisable within 18 to 24 months.")
D.doc("ebitdar", "Adding back rent for airlines and retailers",
      "Airlines, hotel groups and retailers sometimes add rent expense to earnings before interest, taxes, depreciation and amortisation so that companies that lease their aircraft or stores can be compared with those that own them. "
      "The measure has become less common since lease accounting standards brought most rental commitments onto the balance sheet.")
D.doc("ebit_vs_ebitda", "Earnings before interest and taxes",
      "Earnings before interest and taxes keeps depreciation and amortisation as expenses, so it is always lower than the measure that adds those charges back. "
      "Some analysts prefer it for asset-heavy sectors because it recognises that equipment must eventually be replaced.")
D.doc("ebitda_guidance", "Full-year profit guidance at Nordfell Telecom",
      "Nordfell Telecom reiterated its full-year guidance for earnings before interest, taxes, depreciation and amortisation of between NOK 9.2 billion and NOK 9.5 billion. "
      "The company noted that the range assumes no material change in spectrum fees and includes the effect of the fibre network sale completed in March.")
D.doc("ebitda_seg", "Segment profit measure used by management",
      "The chief operating decision maker of Palloway Group assesses segment performance using segment earnings before interest, taxes, depreciation and amortisation. "
      "Corporate overheads and intersegment eliminations are not allocated to the segments and are shown as a separate reconciling line.")
D.query("train", "what does an EBITDA margin tell you", "abbreviation",
        pos=["ebitda_def"], neg=["ebitda_capex", "ebitda_seg"])
D.query("test", "why EBITDA overstates cash generation at capital-intensive firms", "abbreviation hard_negative",
        pos=["ebitda_capex"], neg=["ebitda_def", "ebit_vs_ebitda"])
D.query("train", "which items are removed in adjusted EBITDA beyond D&A", "abbreviation hard_negative",
        pos=["adj_ebitda"], neg=["ebitda_def", "adj_addbacks"])
D.query("test", "bank limits on counting expected merger cost savings in EBITDA, how much is allowed", "abbreviation lay_wording numbers",
        pos=["adj_addbacks"], neg=["adj_ebitda", "ebitda_guidance"])
D.query("train", "EBITDAR airlines meaning", "abbreviation", pos=["ebitdar"], neg=["ebitda_def"])
D.query("train", "is EBIT higher or lower than EBITDA", "abbreviation hard_negative",
        pos=["ebit_vs_ebitda"], neg=["ebitda_def", "ebitda_capex"])

# ---------------------------------------------------------------- EPS
D.topic("eps")
D.doc("eps_basic", "Basic earnings per share calculation",
      "Basic earnings per share divides profit attributable to ordinary shareholders by the weighted average number of ordinary shares outstanding during the period. "
      "Dividends on preference shares are deducted from profit first, and shares issued part-way through the year are weighted by the fraction of the year they were outstanding.")
D.doc("eps_diluted", "Diluted earnings per share",
      "The diluted figure assumes that all dilutive potential ordinary shares, such as employee options, restricted stock units and convertible instruments, were converted at the start of the period. "
      "Options are brought in using the treasury stock method, which assumes the exercise proceeds are used to repurchase shares at the average market price for the period.")
D.doc("eps_antidilutive", "Antidilutive instruments excluded",
      "Potential shares are left out of the diluted calculation when including them would increase earnings per share or reduce a loss per share. "
      "For this reason, in the year Halvorsen Biotech reported a net loss, its basic and diluted loss per share were identical, and 4.2 million options were disclosed as excluded.")
D.doc("eps_ifconverted", "If-converted method for convertible notes",
      "For convertible debt, the if-converted method adds the after-tax interest expense on the notes back to the numerator and adds the shares that would be issued on conversion to the denominator. "
      "The instrument is included only if the combined effect lowers the per-share figure.")
D.doc("eps_buyback", "Share repurchases and per-share earnings",
      "Repurchasing shares reduces the weighted average share count, which can lift earnings per share even when net income is flat. "
      "Analysts therefore separate per-share growth that comes from operating performance from growth that comes from a shrinking share base.")
D.doc("eps_adjusted", "Adjusted earnings per share at Tarrow Brands",
      "Tarrow Brands reports adjusted earnings per share that excludes the amortisation of acquired brands, pension settlement gains and the tax effect of those items. "
      "The statutory basic and diluted figures are presented with equal prominence, and a reconciliation appears in the appendix to the results.")
D.doc("eps_two_class", "Two-class method for participating securities",
      "When a company has securities that share in dividends with ordinary shares, such as certain unvested awards with non-forfeitable dividend rights, earnings are allocated between the classes under the two-class method before the per-share amount is computed.")
D.query("train", "how to compute basic EPS when there are preferred dividends", "abbreviation hard_negative",
        pos=["eps_basic"], neg=["eps_diluted", "eps_adjusted"])
D.query("train", "how staff options are counted in the share count for EPS", "abbreviation lay_wording hard_negative",
        pos=["eps_diluted"], neg=["eps_basic", "eps_ifconverted"])
D.query("test", "why basic and diluted EPS are the same in a loss-making year", "abbreviation hard_negative negation",
        pos=["eps_antidilutive"], neg=["eps_diluted", "eps_basic"])
D.query("test", "convertible bond interest added back in EPS numerator", "abbreviation hard_negative",
        pos=["eps_ifconverted"], neg=["eps_diluted", "eps_basic"])
D.query("train", "can a company raise earnings per share without making more profit", "lay_wording",
        pos=["eps_buyback"], neg=["eps_basic"])

# ---------------------------------------------------------------- revenue recognition
D.topic("revenue")
D.doc("rev_5step", "Five-step model for contracts with customers",
      "The converged US and international revenue standards require an entity to identify the contract, identify the distinct performance obligations, determine the transaction price, allocate that price to the obligations on a relative standalone selling price basis, and recognise revenue when or as each obligation is satisfied.")
D.doc("rev_overtime", "Recognising revenue over time",
      "Revenue is recognised over time when the customer simultaneously receives and consumes the benefit as the entity performs, when the entity's work creates or enhances an asset the customer controls, or when the asset has no alternative use and the entity has an enforceable right to payment for performance completed to date. "
      "If none of these criteria is met, revenue is recognised at the point in time control passes to the customer.")
D.doc("rev_principal", "Principal versus agent assessment",
      "When another party is involved in providing goods or services, the entity reports revenue gross if it controls the good before it is transferred and net, as a fee or commission, if it is only arranging for the other party to provide it. "
      "Tessaro Marketplace records only its fee on third-party seller transactions because it never obtains control of that inventory.")
D.doc("rev_variable", "Variable consideration and the constraint",
      "Volume rebates, discounts, refunds, performance bonuses and penalties make the transaction price variable. "
      "The estimated amount is included in the transaction price only to the extent that it is highly probable a significant reversal of cumulative revenue will not occur once the uncertainty is resolved.")
D.doc("rev_deferred", "Contract liabilities at Brightlane Software",
      "Amounts received from customers before the related service has been provided are recorded as contract liabilities, often described as deferred revenue. "
      "At 31 December Brightlane Software held $84 million of such balances, mostly annual subscriptions invoiced in advance, which it expects to recognise within twelve months.")
D.doc("rev_contract_asset", "Contract assets versus receivables",
      "A contract asset arises when the company has performed but its right to consideration is conditional on something other than the passage of time, such as completing a further milestone. "
      "When the right becomes unconditional, the balance is reclassified to trade receivables.")
D.doc("rev_billhold", "Revenue on bill-and-hold arrangements",
      "In a bill-and-hold arrangement the customer is invoiced but the product stays in the seller's warehouse. "
      "Revenue may be recognised before shipment only if the reason for the arrangement is substantive, the product is separately identified as the customer's, it is ready for physical transfer, and the seller cannot use it or send it to another customer.")
D.doc("rev_breakage", "Breakage on prepaid cards",
      "Retailers expect a portion of prepaid gift cards never to be redeemed. "
      "If the retailer expects to be entitled to this breakage, it recognises the amount in proportion to the pattern of customer redemptions rather than waiting until the cards expire or become remote.")
D.doc("rev_warranty", "Service-type warranties as separate obligations",
      "A warranty that the customer can buy separately, or that provides a service beyond assuring the product meets agreed specifications, is a distinct performance obligation. "
      "Part of the transaction price is allocated to it and recognised as revenue over the coverage period.")
D.doc("rev_license", "Licences of intellectual property",
      "A licence that gives a right to access intellectual property that the licensor continues to update, such as a brand, is recognised over the licence term. "
      "A licence giving a right to use functional intellectual property as it exists, such as completed software, is recognised at the point the customer can first use it.")
D.doc("rev_costs", "Costs of obtaining a contract",
      "Incremental costs of obtaining a contract, such as sales commissions paid only when a deal is signed, are capitalised and amortised over the period the related goods or services are transferred. "
      "As a practical expedient, they may be expensed when the amortisation period would be one year or less.")
D.doc("rev_policy_note", "Revenue disaggregation note at Kelmoor Foods",
      "Kelmoor Foods disaggregates revenue by geographic market and by channel, separating sales to grocery chains from food-service customers. "
      "Revenue is recognised when products are delivered to the customer's distribution centre, and payment terms are typically 30 to 60 days.")
D.query("train", "cash customers paid us upfront for work we haven't done yet, where is it on the balance sheet", "lay_wording hard_negative",
        pos=["rev_deferred"], neg=["rev_contract_asset", "rev_breakage"])
D.query("test", "work performed but not yet billable because next milestone is pending", "lay_wording hard_negative",
        pos=["rev_contract_asset"], neg=["rev_deferred", "rev_overtime"])
D.query("train", "when can sales be booked gradually during a project instead of on handover", "lay_wording",
        pos=["rev_overtime"], neg=["rev_5step", "rev_billhold"])
D.query("train", "marketplace only books its commission and not the full sale price", "lay_wording hard_negative",
        pos=["rev_principal"], neg=["rev_variable", "rev_policy_note"])
D.query("test", "how much of an expected customer rebate can be counted in sales", "lay_wording",
        pos=["rev_variable"], neg=["rev_principal", "rev_5step"])
D.query("train", "income from gift cards that shoppers never spend", "lay_wording",
        pos=["rev_breakage"], neg=["nm_giftcard_liab", "rev_deferred"])
D.query("test", "extended warranty bought separately, is it revenue over time", "hard_negative",
        pos=["rev_warranty"], neg=["pv_warranty", "rev_overtime"])
D.query("train", "steps of ASC 606 / IFRS 15 revenue model", "abbreviation",
        pos=["rev_5step"], neg=["nm_rev_transition", "rev_overtime", "rev_policy_note"])
D.query("test", "customer asked us to keep the goods they bought in our warehouse, can we book the sale", "lay_wording negation",
        pos=["rev_billhold"], neg=["nm_fob", "rev_policy_note", "rev_overtime"])
D.query("train", "brand licence vs software licence revenue timing", "hard_negative",
        pos=["rev_license"], neg=["nm_licence_halvorsen", "rev_overtime"])
D.query("train", "sales commissions capitalised or expensed, one-year exception", "negation numbers",
        pos=["rev_costs"], neg=["nm_commission_plan", "cc_sga"])

# ---------------------------------------------------------------- leases
D.topic("leases")
D.doc("lease_class", "Finance lease classification criteria",
      "Under US GAAP a lessee classifies a lease as a finance lease if it transfers ownership, contains a purchase option the lessee is reasonably certain to exercise, covers a major part of the asset's remaining economic life, has payments whose present value amounts to substantially all of the asset's fair value, or involves an asset so specialised it has no alternative use to the lessor. "
      "Many companies apply 75 per cent and 90 per cent as reference points for the life and value tests. "
      "Leases failing all five tests are operating leases.")
D.doc("lease_op_cost", "Single straight-line cost for operating leases",
      "For an operating lease the lessee records one lease cost on a straight-line basis over the lease term within operating expenses, even though a right-of-use asset and lease liability remain on the balance sheet.")
D.doc("lease_fin_cost", "Expense pattern of finance leases",
      "A finance lease produces separate amortisation of the right-of-use asset and interest on the lease liability. "
      "Because interest is calculated on a declining balance, total expense is highest in the first years of the lease and falls as the liability is paid down.")
D.doc("lease_ifrs16", "Single lessee accounting model",
      "The international leasing standard does not distinguish between operating and finance leases for lessees. "
      "Almost all leases are recognised on the balance sheet, with depreciation and interest presented separately, which increased reported operating profit before depreciation for many retailers and airlines on adoption.")
D.doc("lease_shortterm", "Exemptions for short leases and small assets",
      "Lessees may elect not to recognise a right-of-use asset and liability for leases with a term of 12 months or less. "
      "The international standard also allows an exemption for low-value items such as laptops and office furniture, often interpreted as assets worth around $5,000 or less when new; US GAAP has no equivalent small-asset exemption.")
D.doc("lease_ibr", "Discount rate for lease liabilities",
      "The lease liability is the present value of unpaid lease payments, discounted at the rate implicit in the lease or, when that cannot be readily determined, at the lessee's incremental borrowing rate: the rate it would pay to borrow on a collateralised basis over a similar term.")
D.doc("lease_variable", "Sales-linked and index-linked rent",
      "Rent that varies with the lessee's store sales, such as a percentage of turnover above a threshold, is kept out of the lease liability and expensed as incurred. "
      "Payments that depend on an index such as a consumer price index are included, measured using the index level at commencement.")
D.doc("lease_slb", "Sale and leaseback of property",
      "When a company sells a building and leases it back, the transfer counts as a sale only if control passes to the buyer. "
      "Under the international standard the seller recognises only the portion of the gain that relates to the rights transferred; if the transfer fails, the proceeds are accounted for as a financing.")
D.doc("lease_note", "Lease maturity table at Wrenford Stores",
      "Wrenford Stores operates 412 leased stores and two leased distribution centres. "
      "Its lease note presents undiscounted payments by year for the next five years and thereafter, reconciled to the discounted lease liabilities of £1.6 billion.")
D.doc("lease_lessor", "Lessor accounting for equipment leases",
      "Lessors continue to classify leases as sales-type, direct financing or operating. "
      "In a sales-type lease the lessor derecognises the asset and records a net investment in the lease, recognising selling profit at commencement.")
D.query("train", "capital lease tests 75% of economic life and 90% of fair value", "numbers hard_negative lay_wording",
        pos=["lease_class"], neg=["nm_lease_term", "lease_fin_cost", "lease_op_cost"])
D.query("test", "why finance lease expense is front-loaded", "hard_negative",
        pos=["lease_fin_cost"], neg=["nm_lease_cashflow", "lease_op_cost", "lease_class"])
D.query("train", "how operating lease cost is recorded under ASC 842", "abbreviation hard_negative",
        pos=["lease_op_cost"], neg=["nm_lease_incentive", "lease_fin_cost", "lease_class"])
D.query("test", "does IFRS 16 still allow off-balance-sheet operating leases for tenants", "abbreviation negation",
        pos=["lease_ifrs16"], neg=["lease_op_cost", "lease_shortterm"])
D.query("train", "leases under a year that don't have to go on the balance sheet", "negation numbers lay_wording",
        pos=["lease_shortterm"], neg=["nm_lease_term", "lease_ifrs16"])
D.query("test", "which turnover-based rent payments are left out of the lease liability", "negation",
        pos=["lease_variable"], neg=["nm_lease_remeasure", "lease_ibr", "lease_note"])
D.query("train", "IBR used to discount lease payments", "abbreviation",
        pos=["lease_ibr"], neg=["nm_lease_remeasure", "lease_variable"])
D.query("train", "selling our head office and renting it back, how much gain can we book", "lay_wording",
        pos=["lease_slb"], neg=["nm_property_sale", "lease_lessor"])

# ---------------------------------------------------------------- impairment
D.topic("impairment")
D.doc("gw_annual", "Annual goodwill impairment test",
      "Goodwill is not amortised by public companies under US GAAP; instead it is tested for impairment at least once a year at the reporting-unit level, and more often if events suggest a decline in value. "
      "A loss is recognised for the amount by which the reporting unit's carrying amount exceeds its fair value, limited to the goodwill allocated to that unit.")
D.doc("gw_qual", "Qualitative assessment before a goodwill test",
      "Before performing a quantitative calculation, an entity may assess qualitative factors such as macroeconomic conditions, cost increases and share price trends to decide whether it is more likely than not that a reporting unit's fair value is below its carrying amount. "
      "If it concludes that it is not, no further testing is required for that year.")
D.doc("imp_reversal", "Reversing impairment losses",
      "The international standard permits a previously recognised impairment of property, plant and equipment or of intangible assets other than goodwill to be reversed when the recoverable amount increases, up to the carrying amount that would have existed without the write-down. "
      "Impairment of goodwill can never be reversed, and US GAAP prohibits reversals for assets held and used.")
D.doc("imp_triggers", "Indicators that an asset may be impaired",
      "Events that require an interim impairment review include a sustained fall in market capitalisation below book value, the loss of a major customer, adverse regulatory decisions, physical damage and a significant downward revision of forecast cash flows.")
D.doc("imp_recoverable", "Recoverable amount under IAS 36",
      "Under the international standard an asset or cash-generating unit is impaired when its carrying amount exceeds its recoverable amount, defined as the higher of fair value less costs of disposal and value in use. "
      "Value in use is the present value of the future cash flows expected from continuing to use the asset.")
D.doc("imp_recoverability", "Undiscounted cash flow recoverability step",
      "Under US GAAP long-lived assets held and used are first tested for recoverability by comparing their carrying amount with the sum of undiscounted cash flows expected from their use and eventual disposal. "
      "Only when those undiscounted flows fall short is a loss measured, as the excess of carrying amount over fair value.")
D.doc("imp_meridane", "Goodwill charge at Meridane Retail",
      "Meridane Retail recorded a non-cash charge of $310 million against goodwill in its European stores segment after footfall fell and its market capitalisation dropped below book value. "
      "The charge did not affect cash or compliance with its credit agreement, which excludes non-cash impairment from the covenant definition of earnings.")
D.doc("amort_intang", "Amortisation of acquired customer relationships",
      "Intangible assets with finite lives, such as customer relationships, order backlogs and developed technology, are amortised over their estimated useful lives, usually on a straight-line basis. "
      "Only intangibles with indefinite lives, such as certain trademarks, are tested annually instead of being amortised.")
D.doc("imp_sensitivity", "Headroom sensitivity disclosure",
      "Ostrava Chemicals disclosed that the recoverable amount of its coatings unit exceeded its carrying amount by €45 million. "
      "A 1.0 percentage point increase in the pre-tax discount rate or a 0.5 point reduction in the long-term growth rate would eliminate that headroom.")
D.doc("gw_private", "Goodwill amortisation alternative for private companies",
      "Private companies reporting under US GAAP may elect an accounting alternative to amortise goodwill on a straight-line basis over ten years or less and test it for impairment only when a triggering event occurs.")
D.query("train", "how often is goodwill tested for impairment under US GAAP", "abbreviation hard_negative",
        pos=["gw_annual"], neg=["nm_gw_alloc", "gw_qual", "gw_private"])
D.query("test", "can a goodwill write-down be reversed later under IFRS", "abbreviation negation lay_wording",
        pos=["imp_reversal"], neg=["gw_annual", "imp_recoverable"])
D.query("train", "can a company skip the numerical goodwill test in some years", "lay_wording negation",
        pos=["gw_qual"], neg=["nm_gw_alloc", "gw_annual", "imp_triggers"])
D.query("test", "warning signs that force a mid-year impairment review", "lay_wording",
        pos=["imp_triggers"], neg=["gw_annual", "imp_sensitivity"])
D.query("train", "value in use vs fair value less costs of disposal, which one counts", "hard_negative",
        pos=["imp_recoverable"], neg=["imp_recoverability", "imp_sensitivity"])
D.query("test", "undiscounted cash flow test for PP&E under GAAP", "abbreviation hard_negative",
        pos=["imp_recoverability"], neg=["imp_recoverable", "gw_annual"])
D.query("train", "are customer lists amortised or just tested each year like goodwill", "hard_negative",
        pos=["amort_intang"], neg=["gw_annual"])
D.query("train", "how far can WACC rise before a write-down becomes necessary", "abbreviation lay_wording numbers",
        pos=["imp_sensitivity"], neg=["imp_recoverable"])
D.query("train", "can unlisted firms write goodwill off over a decade", "lay_wording numbers",
        pos=["gw_private"], neg=["gw_annual", "amort_intang"])

# ---------------------------------------------------------------- cash flow
D.topic("cashflow")
D.doc("cf_fcf", "Free cash flow definition",
      "Free cash flow is commonly defined as net cash from operating activities less purchases of property, plant and equipment. "
      "It shows how much cash the business generates after maintaining and expanding its asset base, and therefore what is available to repay debt, pay dividends or repurchase shares.")
D.doc("cf_levered", "Levered versus unlevered free cash flow",
      "Unlevered free cash flow is measured before interest payments and is used in enterprise discounted cash flow models. "
      "Levered free cash flow deducts interest and mandatory debt repayments and represents the cash left over for equity holders.")
D.doc("cf_indirect", "Indirect method for operating cash flow",
      "Most companies present operating cash flow using the indirect method: starting from net income, they add back non-cash charges such as depreciation, amortisation, share-based compensation and impairment, and then adjust for movements in receivables, inventory and payables.")
D.doc("cf_interest", "Presentation of financing-related cash flows",
      "US GAAP requires interest paid and interest received to be shown within operating activities and dividends paid within financing activities. "
      "The international standard has traditionally allowed a choice, so interest paid may appear in operating or financing activities provided the policy is applied consistently.")
D.doc("cf_capex", "Maintenance and growth capital expenditure",
      "Purchases of property, plant and equipment appear as investing outflows. "
      "Maintenance spending keeps existing capacity running, whereas growth spending adds capacity; because companies rarely split the two in the statutory statement, analysts often use depreciation as a rough estimate of the maintenance portion.")
D.doc("cf_noncash", "Non-cash investing and financing transactions",
      "Transactions that involve no cash, such as obtaining equipment under a new finance lease or converting notes into shares, are left out of the cash flow statement itself and disclosed in a supplementary note.")
D.doc("cf_conversion", "Cash conversion ratio",
      "Cash conversion compares operating cash flow, or free cash flow, with net income or operating profit. "
      "A ratio persistently below about 80 per cent may indicate that reported profit is tied up in receivables or inventory rather than turning into cash.")
D.doc("cf_supplier", "Disclosures for payables finance arrangements",
      "In a supplier finance programme, sometimes called reverse factoring, a bank pays the company's suppliers early and the company settles with the bank later. "
      "Buyers must disclose the key terms, the amounts outstanding and the range of payment due dates, because such programmes can flatter operating cash flow and payable days.")
D.doc("cf_statement_vantor", "Cash flow summary at Vantor Machinery",
      "Vantor Machinery generated operating cash flow of $412 million in the year, compared with $388 million a year earlier. "
      "Investing outflows of $190 million included the purchase of a casting plant in Ohio, and financing outflows reflected dividends and a $75 million term loan repayment.")
D.doc("cf_restricted", "Restricted cash presentation",
      "Cash held in escrow or pledged as collateral is shown as restricted cash. "
      "Under US GAAP the cash flow statement explains the change in cash, cash equivalents and restricted cash together, so transfers into restricted accounts are not reported as cash flows.")
D.query("train", "FCF formula", "abbreviation hard_negative",
        pos=["cf_fcf"], neg=["cf_levered", "cf_conversion"])
D.query("test", "cash left for shareholders after paying lenders", "lay_wording hard_negative",
        pos=["cf_levered"], neg=["cf_fcf", "cf_conversion"])
D.query("train", "why depreciation is added back to net income in the cash flow statement", "direct",
        pos=["cf_indirect"], neg=["cf_statement_vantor"])
D.query("test", "where interest paid goes in the cash flow statement, IFRS vs GAAP", "abbreviation",
        pos=["cf_interest"], neg=["nm_lease_cashflow", "cf_indirect", "cf_restricted"])
D.query("train", "how analysts estimate the sustaining part of capex", "abbreviation lay_wording",
        pos=["cf_capex"], neg=["nm_capex_guidance", "cf_fcf", "cf_statement_vantor"])
D.query("test", "equipment acquired under a finance lease not shown as an investing outflow", "negation",
        pos=["cf_noncash"], neg=["cf_capex", "lease_fin_cost"])
D.query("train", "what share of profits actually turns into cash, warning level", "lay_wording numbers",
        pos=["cf_conversion"], neg=["nm_ocf_bridge", "cf_fcf"])
D.query("test", "disclosure when a bank pays our suppliers early for us", "lay_wording",
        pos=["cf_supplier"], neg=["wc_dpo", "cf_restricted"])
D.query("train", "escrow cash in the cash flow statement reconciliation", "lay_wording",
        pos=["cf_restricted"], neg=["cf_noncash"])

# ---------------------------------------------------------------- working capital
D.topic("workingcap")
D.doc("wc_dso", "Days sales outstanding at Quillmont Foods",
      "Days sales outstanding equals trade receivables divided by revenue, multiplied by the number of days in the period. "
      "Quillmont Foods reported 47 days at year-end, up from 41 days, because several large grocery customers moved to longer settlement terms.")
D.doc("wc_dio", "Days inventory outstanding",
      "Inventory days are calculated as inventory divided by cost of sales, multiplied by 365. "
      "A rising figure can signal slowing demand or deliberate stock building ahead of a product launch, so management commentary is needed to interpret it.")
D.doc("wc_dpo", "Days payables outstanding",
      "Payable days are trade payables divided by cost of sales, multiplied by 365. "
      "Extending the figure conserves cash in the short term but can strain supplier relationships or lead to less favourable pricing.")
D.doc("wc_ccc", "Cash conversion cycle",
      "The cash conversion cycle adds inventory days to receivable days and subtracts payable days. "
      "A negative cycle, common among subscription businesses and some large discount retailers, means customers pay before the company has to settle with its suppliers.")
D.doc("wc_current", "Current ratio as a liquidity measure",
      "The current ratio divides current assets by current liabilities. "
      "A value below 1.0 means obligations due within a year exceed the assets expected to be realised in that period, although businesses with fast inventory turnover often operate safely at such levels.")
D.doc("wc_quick", "Acid-test ratio for liquidity",
      "The acid-test ratio compares only cash, marketable securities and receivables with current liabilities. "
      "Inventory and prepaid expenses are left out because they cannot be converted into cash quickly without a discount.")
D.doc("wc_nwc", "Operating working capital in transactions",
      "Net working capital is current assets minus current liabilities. "
      "In acquisition agreements buyers usually use an operating definition that leaves out cash, debt and tax balances, so that the purchase price adjustment captures only receivables, inventory, payables and accruals.")
D.doc("wc_allowance", "Allowance for expected credit losses on receivables",
      "Trade receivables are presented net of an allowance for expected credit losses, estimated using historical default rates by ageing bucket and adjusted for current and forecast economic conditions. "
      "Balances are written off when there is no reasonable expectation of recovery.")
D.doc("wc_factoring", "Receivables factoring and derecognition",
      "When a company sells receivables to a factor, it removes them from the balance sheet only if it transfers control and substantially all the risks; if the factor has full recourse to the seller for bad debts, the proceeds are treated as a borrowing.")
D.doc("wc_seasonal", "Seasonal working capital at Hollis Toys",
      "Hollis Toys builds inventory from July to October ahead of the holiday season, and its revolving credit drawings peak in November. "
      "Receivables from retailers are collected mostly in January, after which the facility is typically repaid in full.")
D.query("train", "how long customers take on average to pay their invoices", "lay_wording hard_negative",
        pos=["wc_dso"], neg=["wc_dpo", "wc_ccc"])
D.query("test", "metric for how long we take to pay our own suppliers", "lay_wording hard_negative",
        pos=["wc_dpo"], neg=["wc_dso", "cf_supplier"])
D.query("train", "what does a negative CCC mean", "abbreviation",
        pos=["wc_ccc"], neg=["nm_wc_programme", "wc_current"])
D.query("test", "DIO calculation", "abbreviation hard_negative", pos=["wc_dio"], neg=["wc_dpo", "wc_dso"])
D.query("train", "short-term assets smaller than bills due within a year, is that dangerous", "lay_wording numbers hard_negative",
        pos=["wc_current"], neg=["nm_current_class", "nm_wc_programme", "wc_quick"])
D.query("test", "what the quick ratio leaves out", "negation hard_negative",
        pos=["wc_quick"], neg=["nm_current_class", "wc_current", "wc_nwc"])
D.query("train", "is cash part of NWC in an M&A price adjustment", "abbreviation negation",
        pos=["wc_nwc"], neg=["wc_current", "ma_ppa"])
D.query("test", "reserve for customers who probably won't pay", "lay_wording",
        pos=["wc_allowance"], neg=["wc_dso", "wc_factoring"])
D.query("train", "selling invoices to a finance company, when do they leave the balance sheet", "lay_wording",
        pos=["wc_factoring"], neg=["cf_supplier", "wc_allowance"])

# ---------------------------------------------------------------- covenants
D.topic("covenants")
D.doc("cov_lev", "Maximum leverage covenant at Stanbridge Logistics",
      "The revolving credit agreement of Stanbridge Logistics requires consolidated total debt to be no more than 3.5 times consolidated earnings before interest, taxes, depreciation and amortisation, tested at each quarter end on a trailing twelve-month basis. "
      "The limit steps down to 3.0 times from the second anniversary of the agreement.")
D.doc("cov_icr", "Minimum interest cover covenant",
      "The facility requires the borrower's earnings before interest, taxes, depreciation and amortisation to be at least four times its consolidated cash interest expense for each rolling four-quarter period. "
      "Interest on shareholder loans that is capitalised rather than paid is excluded from the calculation.")
D.doc("cov_lite", "Loans without maintenance covenants",
      "Covenant-lite term loans contain no financial ratios that are tested every quarter. "
      "The borrower is constrained only by incurrence covenants, which are checked when it takes a specific action such as raising additional debt, making an acquisition or paying a dividend.")
D.doc("cov_springing", "Springing financial covenant",
      "Many revolving facilities in leveraged loans include a leverage test that applies only when drawings, often including letters of credit, exceed a threshold such as 35 per cent of total commitments. "
      "If usage stays below the threshold at the test date, the ratio is not measured.")
D.doc("cov_breach", "Covenant breach and debt classification",
      "If a covenant is breached, lenders typically gain the right to demand immediate repayment. "
      "When a breach exists at the reporting date and the company has not obtained a waiver before that date, the international standard requires the loan to be presented as a current liability, which may also raise doubts about going concern.")
D.doc("cov_cure", "Equity cure rights",
      "An equity cure lets the private equity owner inject new equity that is treated as an addition to earnings for covenant purposes, curing a breach. "
      "Agreements typically allow no more than two cures in any four consecutive quarters and five over the life of the loan, and the cure amount cannot exceed the shortfall.")
D.doc("cov_rp", "Restricted payments covenant",
      "A restricted payments covenant limits dividends, share repurchases and repayments of subordinated debt. "
      "High-yield indentures often permit such payments from a builder basket equal to 50 per cent of cumulative consolidated net income since issue, plus equity proceeds.")
D.doc("cov_xdefault", "Linkage between debt agreements",
      "A cross-default clause makes a default under one debt agreement an event of default under another, usually once the defaulted amount exceeds a threshold such as $50 million. "
      "A cross-acceleration clause is narrower and applies only when the other debt has actually been accelerated.")
D.doc("cov_compliance", "Covenant compliance certificate",
      "Within 45 days after each quarter end, the borrower delivers a compliance certificate signed by its chief financial officer showing the calculation of each financial covenant and confirming that no default is continuing.")
D.doc("cov_mac", "Material adverse change clauses",
      "A material adverse change clause allows lenders to refuse new drawings if the borrower's business, assets or financial condition deteriorate significantly. "
      "Courts have set a high bar for invoking such clauses, and borrowers negotiate to limit them to the signing date.")
D.query("train", "maximum net debt to EBITDA test in a bank loan", "abbreviation hard_negative",
        pos=["cov_lev"], neg=["nm_headroom", "cov_icr", "cov_compliance"])
D.query("test", "loan clause on how many times earnings must cover interest", "lay_wording hard_negative",
        pos=["cov_icr"], neg=["cov_lev", "cov_compliance"])
D.query("train", "cov-lite TLB, are there any maintenance tests", "abbreviation negation",
        pos=["cov_lite"], neg=["nm_incurrence", "cov_springing", "cov_compliance"])
D.query("test", "revolver ratio test that only applies when borrowings are high", "lay_wording negation hard_negative",
        pos=["cov_springing"], neg=["cov_lite", "cov_lev"])
D.query("train", "we broke a loan condition at the balance sheet date and the bank hasn't forgiven it, how is the debt classified", "lay_wording negation",
        pos=["cov_breach"], neg=["nm_headroom", "cov_mac"])
D.query("test", "PE sponsor injecting money to fix a covenant miss, how often allowed", "abbreviation lay_wording numbers",
        pos=["cov_cure"], neg=["cov_breach", "cov_rp"])
D.query("train", "limits on paying dividends in high-yield bonds builder basket", "hard_negative",
        pos=["cov_rp"], neg=["nm_incurrence", "sh_payout"])
D.query("test", "default on one loan triggering default on other debt", "lay_wording",
        pos=["cov_xdefault"], neg=["cov_breach"])
D.query("train", "document the finance chief sends lenders each quarter proving ratios are met, deadline", "lay_wording numbers",
        pos=["cov_compliance"], neg=["nm_headroom", "cov_lev"])

# ---------------------------------------------------------------- credit ratings
D.topic("ratings")
D.doc("cr_ig", "Investment-grade rating threshold",
      "Bonds rated BBB- or higher by S&P Global Ratings and Fitch, or Baa3 or higher by Moody's, are classed as investment grade. "
      "Anything below that level is speculative grade, also called high yield.")
D.doc("cr_fallen", "Fallen angel downgrades and consequences",
      "An issuer downgraded from the lowest investment-grade rung into speculative grade is called a fallen angel. "
      "Because many investment mandates cannot hold sub-investment-grade bonds, such downgrades can trigger forced selling and a sharp widening of spreads.")
D.doc("cr_outlook", "Rating outlook versus review for downgrade",
      "A rating outlook indicates the likely direction of a rating over the next six months to two years. "
      "Placing a rating on review or watch signals that a change may occur in the near term, often within 90 days, usually after a specific event such as an acquisition announcement.")
D.doc("cr_notch", "Notching of subordinated debt",
      "Agencies rate individual instruments below the issuer's credit rating when they rank behind other creditors, for instance subordinated notes or debt issued by a holding company whose assets sit in operating subsidiaries. "
      "The gap, expressed in notches, reflects expected lower recovery in a default.")
D.doc("cr_adjdebt", "Rating agency adjustments to debt",
      "When assessing leverage, rating agencies add items such as lease liabilities, unfunded pension deficits and a portion of hybrid securities to reported borrowings, and may subtract only part of cash balances. "
      "Their leverage ratios are therefore usually higher than those in the company's own presentations.")
D.doc("cr_stepup", "Coupon step-up on downgrade at Ferrowind Energy",
      "Notes issued by Ferrowind Energy carry a clause raising the coupon by 25 basis points for each notch the rating falls below investment grade, up to a maximum of 100 basis points. "
      "The coupon steps back down if the rating is later restored.")
D.doc("cr_scale", "Short-term rating scale",
      "Short-term ratings such as A-1 and P-1 assess the ability to repay commercial paper and other obligations maturing within about a year. "
      "They map to ranges of long-term ratings, so a company rated A- long term would typically hold a short-term rating of A-2.")
D.doc("cr_annual_report", "Credit rating section of Halden Utilities report",
      "Halden Utilities maintained its long-term ratings of A3 from Moody's and A- from S&P during the year, both with stable outlooks. "
      "Management targets funds from operations to net debt of at least 18 per cent to preserve these ratings.")
D.query("train", "lowest IG rating at Moody's", "abbreviation",
        pos=["cr_ig"], neg=["nm_pricing_grid", "cr_fallen", "cr_scale"])
D.query("test", "what happens when a BBB- company is cut to junk", "lay_wording hard_negative",
        pos=["cr_fallen"], neg=["cr_ig", "cr_outlook"])
D.query("train", "negative outlook vs credit watch difference", "hard_negative",
        pos=["cr_outlook"], neg=["nm_rating_method", "cr_annual_report"])
D.query("test", "why holding company bonds are rated below the issuer rating", "hard_negative",
        pos=["cr_notch"], neg=["cr_ig", "cr_adjdebt"])
D.query("train", "do rating agencies treat pension shortfalls as debt", "lay_wording",
        pos=["cr_adjdebt"], neg=["nm_rating_method", "cr_annual_report", "pen_funded"])
D.query("test", "bond interest goes up 25 bps for each notch of downgrade", "abbreviation numbers",
        pos=["cr_stepup"], neg=["nm_pricing_grid", "cr_notch", "cr_fallen"])
D.query("train", "what A-1 and P-1 grades on CP mean", "abbreviation", pos=["cr_scale"], neg=["cr_ig"])

# ---------------------------------------------------------------- valuation
D.topic("valuation")
D.doc("val_ev", "Calculating enterprise value",
      "Enterprise value equals the market value of equity plus borrowings, preferred shares and non-controlling interests, minus cash and cash equivalents. "
      "It represents the value of the operating business to all providers of capital, not just shareholders.")
D.doc("val_ev_ebitda", "Why capital-structure-neutral multiples are used",
      "Because both the numerator and the denominator are measured before the effects of financing, the ratio of enterprise value to earnings before interest, taxes, depreciation and amortisation is less distorted by differences in leverage than the price-to-earnings ratio. "
      "It is therefore the standard multiple for comparing companies with very different amounts of debt.")
D.doc("val_pe", "Trailing and forward price-to-earnings ratios",
      "The price-to-earnings ratio divides the share price by earnings per share. "
      "A trailing ratio uses the last twelve months of reported earnings, whereas a forward ratio uses the consensus forecast for the next financial year, so the forward multiple is usually lower for a growing company.")
D.doc("val_peg", "Adjusting the earnings multiple for growth",
      "Dividing the price-to-earnings ratio by the expected annual growth rate of earnings, expressed as a whole number, gives the price/earnings-to-growth ratio. "
      "A reading near 1.0 is often taken to mean the multiple is in line with growth, though the measure ignores risk and the durability of that growth.")
D.doc("val_evsales", "Revenue multiples for loss-making companies",
      "When a company has negative earnings, profit-based multiples are meaningless, so investors often compare enterprise value with revenue. "
      "The ratio should be interpreted together with gross margin, because a dollar of revenue is worth more in a business that keeps 80 cents of it than in one that keeps 20 cents.")
D.doc("val_tv", "Terminal value in discounted cash flow models",
      "The terminal value captures cash flows beyond the explicit forecast period, using either a perpetual growth formula or an exit multiple. "
      "In many models it accounts for more than 60 per cent of the total value, so small changes in the long-term growth rate or discount rate move the result substantially.")
D.doc("val_wacc", "Weighted average cost of capital",
      "The discount rate for unlevered cash flows is the weighted average of the after-tax cost of debt and the cost of equity, using market-value weights. "
      "Debt is taken after tax because interest is deductible, which makes borrowing cheaper than its coupon suggests.")
D.doc("val_capm", "Cost of equity via asset pricing model",
      "The capital asset pricing model estimates the return shareholders require as the risk-free rate plus beta multiplied by the equity risk premium. "
      "Beta measures how sensitive the stock's returns are to movements in the overall market.")
D.doc("val_mismatch", "Mismatched numerators and denominators",
      "A common valuation error is to divide the market value of equity by earnings before interest, taxes, depreciation and amortisation, or enterprise value by net income. "
      "Metrics that belong to all capital providers must be paired with enterprise value, and metrics that belong only to shareholders with equity value.")
D.doc("val_comps", "Trading comparables for Linvale Chemicals",
      "The peer group used for Linvale Chemicals comprises seven listed specialty chemical producers with revenue between $1 billion and $6 billion. "
      "The median multiple of the group was applied to Linvale's forecast earnings, with a 10 per cent discount for its smaller scale and customer concentration.")
D.doc("val_control", "Control premiums in takeover valuations",
      "Acquirers typically pay a premium over the undisturbed share price to obtain control, often in the range of 20 to 40 per cent. "
      "Precedent transaction multiples therefore tend to be higher than multiples derived from trading comparables.")
D.query("train", "going from market cap to EV", "abbreviation lay_wording",
        pos=["val_ev"], neg=["val_mismatch", "val_ev_ebitda"])
D.query("test", "why EV/EBITDA is preferred over P/E when companies carry different amounts of debt", "abbreviation hard_negative",
        pos=["val_ev_ebitda"], neg=["val_pe", "val_mismatch"])
D.query("train", "NTM vs LTM P/E", "abbreviation hard_negative",
        pos=["val_pe"], neg=["nm_earnings_yield", "val_ev_ebitda", "val_peg"])
D.query("test", "PEG ratio of 1 meaning", "abbreviation numbers",
        pos=["val_peg"], neg=["nm_earnings_yield", "val_pe"])
D.query("train", "how to value a startup that isn't profitable yet", "lay_wording negation",
        pos=["val_evsales"], neg=["val_comps"])
D.query("test", "how much of a DCF comes from the terminal value", "abbreviation numbers",
        pos=["val_tv"], neg=["val_wacc"])
D.query("train", "WACC and the tax shield on debt", "abbreviation hard_negative",
        pos=["val_wacc"], neg=["val_capm", "val_tv"])
D.query("test", "estimating the return shareholders expect using beta", "lay_wording hard_negative",
        pos=["val_capm"], neg=["val_wacc"])
D.query("train", "error of dividing equity value by EBITDA", "abbreviation",
        pos=["val_mismatch"], neg=["val_ev", "val_ev_ebitda"])
D.query("train", "why M&A deal multiples exceed where peers trade", "abbreviation lay_wording",
        pos=["val_control"], neg=["nm_precedents", "val_comps"])

# ---------------------------------------------------------------- bank capital
D.topic("bankcap")
D.doc("bk_min", "Basel III minimum capital ratios",
      "Under the Basel III framework, banks must maintain common equity tier 1 capital of at least 4.5 per cent of risk-weighted assets, tier 1 capital of at least 6 per cent and total capital of at least 8 per cent.")
D.doc("bk_ccb", "Capital conservation buffer",
      "On top of the minimum requirements, banks hold a conservation buffer of 2.5 per cent of risk-weighted assets in common equity, bringing the effective common equity requirement to 7 per cent. "
      "A bank that uses the buffer is not in breach of its minimum, but it faces automatic restrictions on dividends, share buybacks and discretionary bonuses until the buffer is rebuilt.")
D.doc("bk_ccyb", "Countercyclical capital buffer",
      "National authorities can require an additional countercyclical buffer of between 0 and 2.5 per cent of risk-weighted assets when credit growth is judged excessive. "
      "The buffer can be released in a downturn so that banks keep lending.")
D.doc("bk_gsib", "Surcharges for systemically important banks",
      "Banks identified as globally systemically important must hold additional common equity ranging from 1 to 3.5 per cent of risk-weighted assets, depending on their size, interconnectedness, complexity and cross-border activity.")
D.doc("bk_lev", "Basel leverage ratio",
      "The leverage ratio divides tier 1 capital by a bank's total exposure measure, including off-balance-sheet commitments and derivatives, without applying any risk weights. "
      "The minimum is 3 per cent and it serves as a backstop to risk-based requirements.")
D.doc("bk_rwa", "Measuring risk-weighted assets for banks",
      "Each exposure is multiplied by a risk weight reflecting its credit risk. "
      "Under the standardised approach, claims on highly rated sovereigns can carry a weight of zero, residential mortgages typically carry lower weights than unsecured corporate loans, and operational and market risk add further amounts.")
D.doc("bk_lcr", "Liquidity coverage ratio",
      "The liquidity coverage ratio requires a bank to hold high-quality liquid assets at least equal to its projected net cash outflows over a 30-day stress scenario, meaning a ratio of at least 100 per cent.")
D.doc("bk_nsfr", "Net stable funding ratio",
      "The net stable funding ratio compares available stable funding, such as capital and long-term deposits, with the stable funding required by a bank's assets over a one-year horizon. "
      "It must be at least 100 per cent and discourages funding long-term loans with short-term wholesale borrowing.")
D.doc("bk_at1", "Additional tier 1 instruments",
      "Additional tier 1 securities are perpetual, allow the bank to cancel coupons at its discretion, and must convert into shares or be written down if the common equity ratio falls below a trigger, commonly 5.125 per cent of risk-weighted assets.")
D.doc("bk_deduct", "Regulatory deductions from common equity",
      "Goodwill, other intangible assets and deferred tax assets that depend on future profitability are deducted when calculating common equity tier 1 capital, because they cannot be relied on to absorb losses in a stress.")
D.doc("bk_pillar3", "Pillar 3 disclosures at Ashgrove Bancorp",
      "Ashgrove Bancorp publishes quarterly Pillar 3 tables showing the composition of its regulatory capital, risk-weighted assets by risk type and its liquidity ratios. "
      "At year end its common equity tier 1 ratio was 13.4 per cent, compared with a requirement of 10.1 per cent.")
D.doc("bk_stress", "Supervisory stress tests",
      "Supervisors project each large bank's losses, revenues and capital under a severely adverse scenario over nine quarters. "
      "The largest projected decline in the common equity ratio feeds into the bank's stress capital buffer, which replaces the fixed conservation buffer in the United States.")
D.query("train", "minimum CET1 ratio under Basel III", "abbreviation numbers hard_negative",
        pos=["bk_min"], neg=["nm_tier2", "bk_ccb", "bk_pillar3"])
D.query("test", "what happens if a bank's CET1 dips into the 2.5% buffer, is it a breach", "abbreviation numbers negation hard_negative",
        pos=["bk_ccb"], neg=["bk_min", "bk_ccyb"])
D.query("train", "range of the CCyB", "abbreviation numbers",
        pos=["bk_ccyb"], neg=["nm_buffer_stack", "bk_ccb", "bk_gsib"])
D.query("test", "extra capital demanded from the world's largest banks", "lay_wording",
        pos=["bk_gsib"], neg=["bk_min", "bk_stress"])
D.query("train", "bank capital ratio with no risk weighting, 3% minimum", "numbers negation hard_negative",
        pos=["bk_lev"], neg=["bk_rwa", "bk_min"])
D.query("test", "what are RWAs and why do home loans count for less", "abbreviation lay_wording",
        pos=["bk_rwa"], neg=["bk_lev", "bk_pillar3"])
D.query("train", "LCR requirement HQLA 30 days", "abbreviation numbers hard_negative",
        pos=["bk_lcr"], neg=["bk_nsfr"])
D.query("test", "what the NSFR measures", "abbreviation hard_negative", pos=["bk_nsfr"], neg=["bk_lcr"])
D.query("train", "AT1 bonds write-down trigger level", "abbreviation numbers",
        pos=["bk_at1"], neg=["nm_tier2", "bk_min"])
D.query("test", "why goodwill doesn't count toward a bank's core capital", "negation lay_wording",
        pos=["bk_deduct"], neg=["bk_min", "gw_annual"])
D.query("train", "what sets a US bank's SCB", "abbreviation",
        pos=["bk_stress"], neg=["nm_buffer_stack", "bk_ccb"])

# ---------------------------------------------------------------- bank performance and credit losses
D.topic("bankperf")
D.doc("bm_nim", "Net interest margin at Ashgrove Bancorp",
      "Net interest margin equals net interest income divided by average interest-earning assets. "
      "Ashgrove Bancorp's margin widened by 18 basis points to 3.12 per cent as loan yields repriced faster than the cost of deposits.")
D.doc("bm_eff", "Efficiency ratio in lender reporting",
      "The efficiency ratio divides non-interest expense by total revenue, defined as net interest income plus non-interest income. "
      "A lower ratio is better; many regional lenders target a level below 55 per cent.")
D.doc("bm_npl", "Non-performing loan classification",
      "A loan is generally classified as non-performing when principal or interest is 90 days or more past due, or when the borrower is judged unlikely to pay in full without realising collateral. "
      "The non-performing loan ratio divides these balances by gross loans.")
D.doc("bm_cecl", "Current expected credit loss model",
      "Under the US current expected credit loss model, lenders record an allowance for losses expected over the full contractual life of a loan from the day it is originated or purchased, using reasonable and supportable forecasts. "
      "There is no staging and no minimum threshold of deterioration before lifetime losses are recognised.")
D.doc("bm_ifrs9", "Three-stage expected loss model",
      "The international approach measures 12-month expected credit losses for performing loans in stage 1 and lifetime losses once credit risk has increased significantly (stage 2) or the loan is credit-impaired (stage 3). "
      "A loan more than 30 days past due is presumed to have experienced a significant increase in credit risk unless the lender can rebut that presumption.")
D.doc("bm_nco", "Net charge-off ratio",
      "Net charge-offs are loan balances written off during the period less recoveries of amounts previously written off. "
      "Expressed as an annualised percentage of average loans, the ratio shows realised credit losses, whereas the provision reflects expected ones.")
D.doc("bm_beta", "Deposit beta in rate cycles",
      "Deposit beta measures the share of a change in policy interest rates that a bank passes on to its depositors. "
      "A cumulative beta of 40 per cent means that deposit rates rose by 0.4 percentage points for every 1 point increase in the central bank rate.")
D.doc("bm_ldr", "Loan-to-deposit ratio and funding",
      "The loan-to-deposit ratio divides gross loans by customer deposits. "
      "A ratio above 100 per cent indicates that the bank relies partly on wholesale or market funding to finance its lending.")
D.doc("bm_provision", "Provision for credit losses in the income statement",
      "The provision for credit losses is the income statement charge needed to bring the allowance to the level required at period end. "
      "It rises when loan growth is strong or the economic outlook deteriorates, even if actual defaults have not yet increased.")
D.doc("bm_nii_sens", "Interest rate sensitivity disclosure",
      "Ashgrove Bancorp estimates that an immediate, parallel 100 basis point increase in rates would raise net interest income over the next twelve months by about 3.5 per cent, assuming a static balance sheet.")
D.query("train", "NIM formula for a bank", "abbreviation hard_negative",
        pos=["bm_nim"], neg=["nm_nii_trend", "bm_nii_sens", "bm_eff"])
D.query("test", "bank costs as a share of income, lower is better", "lay_wording numbers",
        pos=["bm_eff"], neg=["bm_nim"])
D.query("train", "NPL definition, how many days late", "abbreviation numbers lay_wording",
        pos=["bm_npl"], neg=["nm_forbearance", "bm_ifrs9", "bm_nco"])
D.query("test", "CECL lifetime loss allowance from day one", "abbreviation hard_negative",
        pos=["bm_cecl"], neg=["bm_ifrs9", "bm_provision"])
D.query("train", "IFRS 9 stage 2 and the 30 days past due presumption", "abbreviation numbers hard_negative",
        pos=["bm_ifrs9"], neg=["bm_cecl", "bm_npl"])
D.query("test", "NCOs vs provisions", "abbreviation hard_negative",
        pos=["bm_nco"], neg=["bm_provision", "bm_npl"])
D.query("train", "how much of a rate hike banks pass on to savers", "lay_wording",
        pos=["bm_beta"], neg=["bm_nii_sens", "bm_nim"])
D.query("test", "LDR above 100% meaning", "abbreviation numbers", pos=["bm_ldr"], neg=["bm_nim", "bm_nco"])
D.query("train", "why a bank's loan loss charge can rise before defaults do", "lay_wording",
        pos=["bm_provision"], neg=["nm_forbearance", "bm_nco"])
D.query("train", "NII sensitivity to a 100 bp rate rise", "abbreviation numbers",
        pos=["bm_nii_sens"], neg=["nm_nii_trend", "bm_beta"])

# ---------------------------------------------------------------- profitability ratios
D.topic("profitability")
D.doc("pr_gross", "Gross margin definition and scope",
      "Gross margin is revenue less cost of goods sold, expressed as a percentage of revenue. "
      "It reflects pricing power and production efficiency but ignores selling and administrative costs, research spending, interest and tax.")
D.doc("pr_operating", "Operating margin definition and scope",
      "Operating margin is operating income divided by revenue. "
      "It captures all costs of running the business, including selling, general and administrative expenses and depreciation, but is struck before interest expense, investment income and income tax.")
D.doc("pr_net", "Net profit margin",
      "Net profit margin divides net income by revenue. "
      "Because it is measured after interest, tax and non-recurring items, it can move sharply because of a refinancing or a tax settlement even when the underlying trading is stable.")
D.doc("pr_roe", "Return on equity",
      "Return on equity is net income divided by average shareholders' equity. "
      "A company can raise the ratio by adding debt and shrinking equity, so a high figure is not necessarily a sign of a better business.")
D.doc("pr_roa", "Return on assets",
      "Return on assets divides net income by average total assets. "
      "It is widely used for banks, where a figure around 1 per cent is often regarded as healthy because of their very large balance sheets.")
D.doc("pr_roic", "Return on invested capital",
      "Return on invested capital divides net operating profit after tax by the capital invested in the business, typically debt plus equity less excess cash. "
      "A company creates value when this return exceeds its weighted average cost of capital.")
D.doc("pr_dupont", "Three-factor DuPont analysis",
      "The DuPont framework splits return on equity into net profit margin, asset turnover and the equity multiplier. "
      "It shows whether a change in returns came from profitability, from using assets more intensively or from greater financial leverage.")
D.doc("pr_contrib", "Contribution margin in cost analysis",
      "Contribution margin is revenue minus variable costs, either in total or per unit. "
      "It shows how much each additional sale contributes toward covering fixed costs and is the basis of break-even analysis.")
D.doc("pr_oplev", "Operating leverage and cost structure",
      "A business with a high proportion of fixed costs experiences large percentage changes in operating profit for a given change in sales. "
      "This operating leverage helps margins in growth years and hurts them when volumes fall.")
D.doc("pr_margins_kelmoor", "Margin commentary at Kelmoor Foods",
      "Kelmoor Foods' gross margin declined 120 basis points to 31.4 per cent, reflecting higher dairy and packaging costs that were only partly recovered through price increases. "
      "Net margin was broadly flat because of a lower effective tax rate.")
D.doc("pr_breakeven", "Calculating the break-even point",
      "The break-even volume equals fixed costs divided by contribution per unit. "
      "Below this level the business makes a loss; above it, each unit adds its full contribution to profit.")
D.query("train", "profit left after production costs as a percentage of sales", "lay_wording hard_negative",
        pos=["pr_gross"], neg=["pr_net", "pr_margins_kelmoor"])
D.query("test", "bottom-line profit as a share of revenue", "lay_wording hard_negative",
        pos=["pr_net"], neg=["pr_gross", "pr_operating"])
D.query("train", "can ROE be inflated by taking on debt", "abbreviation hard_negative",
        pos=["pr_roe"], neg=["pr_roa", "pr_dupont"])
D.query("test", "ROIC compared with WACC", "abbreviation hard_negative",
        pos=["pr_roic"], neg=["pr_roe", "val_wacc"])
D.query("train", "breaking return on equity into three drivers", "lay_wording",
        pos=["pr_dupont"], neg=["pr_roe"])
D.query("test", "ROA benchmark for banks", "abbreviation numbers hard_negative",
        pos=["pr_roa"], neg=["pr_roe", "bm_nim"])
D.query("train", "sales minus variable costs per unit", "lay_wording hard_negative",
        pos=["pr_contrib"], neg=["pr_breakeven", "pr_gross"])
D.query("test", "why profit swings more than sales when most costs are fixed", "lay_wording",
        pos=["pr_oplev"], neg=["pr_breakeven", "pr_contrib"])
D.query("train", "which costs are not deducted when computing operating margin", "negation hard_negative",
        pos=["pr_operating"], neg=["nm_seg_margin", "pr_net", "pr_gross"])
D.query("train", "how many units to sell to stop losing money", "lay_wording",
        pos=["pr_breakeven"], neg=["nm_margin_safety", "pr_contrib"])

# ---------------------------------------------------------------- cost classification
D.topic("costs")
D.doc("cc_cogs", "Cost of sales for a manufacturer",
      "Cost of goods sold for a manufacturer includes direct materials, direct labour and production overheads such as factory utilities, plant depreciation and inbound freight. "
      "Costs of selling and distributing products to customers and head-office costs are generally excluded and reported within operating expenses.")
D.doc("cc_sga", "Selling, general and administrative expenses",
      "Selling, general and administrative expenses cover the costs of running the business that are not directly tied to production, such as sales staff salaries and commissions, advertising, head-office rent, finance and legal teams, and executive pay.")
D.doc("cc_capitalise", "Capitalising versus expensing asset spending",
      "Spending that merely keeps an asset in its existing condition, such as routine repairs and maintenance, is expensed as incurred. "
      "Spending that extends an asset's useful life, increases its capacity or improves its output is capitalised and depreciated over the remaining life.")
D.doc("cc_rnd_us", "Research and development under US GAAP",
      "US GAAP generally requires research and development costs to be expensed as incurred. "
      "Narrow exceptions allow capitalisation of software to be sold once technological feasibility is reached and of internal-use software during the application development stage.")
D.doc("cc_rnd_ifrs", "Capitalising development costs under IAS 38",
      "Under the international standard, research costs are expensed, but development costs must be capitalised once the entity can demonstrate technical feasibility, intention and ability to complete and use or sell the asset, how it will generate future economic benefits, adequate resources, and reliable measurement of the expenditure.")
D.doc("cc_cloud", "Implementation costs of cloud software",
      "Fees for hosted software that the customer does not control are a service cost. "
      "Under US GAAP, implementation costs for such arrangements follow the internal-use software rules and may be deferred and expensed over the hosting term, whereas under the international standards many configuration and customisation costs are expensed as the service is received.")
D.doc("cc_opex_note", "Operating expense analysis at Brightlane Software",
      "Brightlane Software's operating expenses rose 9 per cent, driven by sales and marketing headcount in Europe, while research and development spending fell as a percentage of revenue to 21 per cent.")
D.doc("cc_byfunction", "Presenting expenses by nature or by function",
      "Companies may present expenses in the income statement by function, such as cost of sales and distribution costs, or by nature, such as raw materials, employee benefits and depreciation. "
      "Those presenting by function must disclose additional information on the nature of expenses.")
D.query("train", "what costs are included in COGS for a factory", "abbreviation lay_wording hard_negative",
        pos=["cc_cogs"], neg=["nm_cost_of_revenue_saas", "cc_sga", "pr_gross"])
D.query("test", "what is typically in SG&A", "abbreviation hard_negative",
        pos=["cc_sga"], neg=["cc_cogs", "cc_opex_note"])
D.query("train", "when a repair gets put on the balance sheet instead of expensed", "lay_wording",
        pos=["cc_capitalise"], neg=["cf_capex"])
D.query("test", "can R&D be capitalised under US GAAP", "abbreviation negation hard_negative",
        pos=["cc_rnd_us"], neg=["nm_cap_software", "cc_rnd_ifrs", "cc_opex_note"])
D.query("train", "criteria to capitalise development spending under IFRS", "abbreviation hard_negative",
        pos=["cc_rnd_ifrs"], neg=["nm_cap_software", "cc_rnd_us"])
D.query("test", "SaaS implementation costs, expense or capitalise", "abbreviation lay_wording",
        pos=["cc_cloud"], neg=["cc_rnd_us", "cc_capitalise"])
D.query("train", "two ways to lay out expenses on the P&L", "abbreviation lay_wording hard_negative",
        pos=["cc_byfunction"], neg=["cc_opex_note", "cc_sga"])

# ---------------------------------------------------------------- inventory
D.topic("inventory")
D.doc("inv_fifo", "First-in, first-out cost formula",
      "Under the first-in, first-out formula, the oldest costs are charged to cost of sales first and the most recent costs remain in closing inventory. "
      "When purchase prices are rising, this produces lower cost of sales and higher reported profit than the last-in, first-out method.")
D.doc("inv_lifo", "Last-in, first-out across frameworks",
      "The last-in, first-out method is permitted under US GAAP but prohibited under the international standards. "
      "US companies that use it for tax purposes must also use it in their financial statements under the conformity rule.")
D.doc("inv_lifo_reserve", "LIFO reserve disclosure",
      "Companies using the last-in, first-out method disclose the difference between inventory measured on that basis and on a first-in, first-out or current cost basis. "
      "Analysts add this reserve to reported inventory, and its change to cost of sales, to compare such companies with peers.")
D.doc("inv_nrv", "Lower of cost and net realisable value",
      "Inventory is written down when its net realisable value, the expected selling price less costs to complete and sell, falls below cost. "
      "The international standard requires such write-downs to be reversed if prices recover, whereas US GAAP does not allow reversal.")
D.doc("inv_obsolete", "Provision for slow-moving stock at Hollis Toys",
      "Hollis Toys reviews inventory ageing each quarter and records a provision for items that have not sold within 180 days or belong to discontinued product lines. "
      "The provision rose to $14 million after a licensed film range underperformed.")
D.doc("inv_consign", "Inventory held on consignment",
      "Goods delivered to a retailer on consignment remain the inventory of the supplier until the retailer sells them to an end customer, because control has not passed. "
      "The supplier recognises revenue only when that onward sale occurs.")
D.doc("inv_turnover", "Inventory turnover ratio",
      "Inventory turnover divides cost of sales by average inventory. "
      "A grocer may turn its stock 15 to 20 times a year, while a jeweller may turn it fewer than twice.")
D.doc("inv_absorption", "Fixed overhead absorption",
      "Fixed production overheads are allocated to inventory on the basis of normal capacity. "
      "Unallocated overheads in periods of abnormally low production are expensed immediately rather than added to inventory cost.")
D.query("train", "is LIFO allowed under IFRS", "abbreviation negation hard_negative",
        pos=["inv_lifo"], neg=["inv_fifo", "inv_lifo_reserve"])
D.query("test", "adjusting a LIFO company's inventory to FIFO for peer comparison", "abbreviation hard_negative",
        pos=["inv_lifo_reserve"], neg=["inv_lifo", "inv_fifo"])
D.query("train", "writing down stock when selling prices fall below cost", "lay_wording",
        pos=["inv_nrv"], neg=["inv_obsolete"])
D.query("test", "which inventory method gives higher profit when prices are rising", "lay_wording hard_negative",
        pos=["inv_fifo"], neg=["inv_lifo", "inv_turnover"])
D.query("train", "stock a retailer holds on sale-or-return for a supplier, on whose books", "lay_wording",
        pos=["inv_consign"], neg=["nm_fob", "rev_billhold"])
D.query("test", "how many times a year stock is sold and replaced", "lay_wording numbers",
        pos=["inv_turnover"], neg=["wc_dio", "inv_obsolete"])
D.query("train", "factory overhead during a production shutdown, capitalise into stock or not", "negation lay_wording",
        pos=["inv_absorption"], neg=["cc_cogs"])

# ---------------------------------------------------------------- depreciation
D.topic("depreciation")
D.doc("dep_sl", "Straight-line depreciation of assets",
      "Straight-line depreciation allocates the cost of an asset less its estimated residual value evenly over its useful life. "
      "A machine costing $100,000 with a residual value of $10,000 and a nine-year life is depreciated by $10,000 a year.")
D.doc("dep_ddb", "Declining-balance depreciation methods",
      "Declining-balance methods apply a fixed rate to the asset's opening net book value each year, so charges are highest in the early years. "
      "The double-declining variant uses twice the straight-line rate and usually switches to straight line when that gives a larger charge.")
D.doc("dep_component", "Depreciating significant components separately",
      "The international standard requires each part of an item of property, plant and equipment with a cost that is significant in relation to the total to be depreciated separately. "
      "An airline therefore depreciates engines, cabin interiors and airframes over different lives.")
D.doc("dep_land", "Land and depreciation",
      "Land normally has an unlimited useful life and is therefore not depreciated, although buildings on it are. "
      "Exceptions include quarries and landfill sites, whose land is consumed as the resource is extracted or the space filled.")
D.doc("dep_estimate", "Changing useful life estimates",
      "A revision of an asset's useful life or residual value is a change in accounting estimate. "
      "It is applied prospectively from the date of the change, and prior-period figures are not restated.")
D.doc("dep_capex_ratio", "Comparing capital spending with depreciation",
      "The ratio of capital expenditure to depreciation indicates whether a company is reinvesting enough to maintain its asset base. "
      "A ratio persistently below 1.0 can mean the fixed asset base is ageing, while a high ratio is typical of expansion phases.")
D.doc("dep_units", "Units-of-production depreciation method",
      "Under the units-of-production method, depreciation is charged in proportion to actual output or usage, such as machine hours or tonnes extracted. "
      "It suits mining equipment and oil and gas assets whose wear depends on activity rather than time.")
D.doc("dep_policy", "Useful lives table at Vantor Machinery",
      "Vantor Machinery depreciates buildings over 40 years, plant and machinery over 8 to 15 years and computer equipment over 3 years, all on a straight-line basis. "
      "Freehold land is carried at cost.")
D.query("train", "yearly depreciation formula with salvage value", "lay_wording hard_negative",
        pos=["dep_sl"], neg=["nm_dep_start", "dep_ddb", "dep_policy"])
D.query("test", "DDB depreciation", "abbreviation hard_negative",
        pos=["dep_ddb"], neg=["nm_tax_dep", "dep_sl", "dep_units"])
D.query("train", "do we charge wear and tear on the ground under our factory", "lay_wording negation",
        pos=["dep_land"], neg=["nm_invest_property", "dep_policy"])
D.query("test", "depreciating an aircraft engine separately from the airframe under IFRS", "abbreviation",
        pos=["dep_component"], neg=["dep_sl", "dep_estimate"])
D.query("train", "if we extend asset lives, do prior years get restated", "negation lay_wording",
        pos=["dep_estimate"], neg=["dep_policy"])
D.query("test", "capex to D&A ratio below 1", "abbreviation numbers",
        pos=["dep_capex_ratio"], neg=["nm_capex_guidance", "cf_capex", "dep_sl"])
D.query("train", "depreciation based on machine hours or output", "lay_wording",
        pos=["dep_units"], neg=["nm_dep_start", "dep_ddb"])

# ---------------------------------------------------------------- income tax
D.topic("tax")
D.doc("tax_etr", "Effective versus statutory tax rate",
      "The effective tax rate is income tax expense divided by pre-tax income. "
      "The tax note reconciles it to the statutory rate, which is 21 per cent for US federal purposes, showing the effect of state taxes, foreign rate differences, non-deductible expenses, credits and changes in valuation allowances.")
D.doc("tax_dta", "Deferred tax assets from carried-forward losses",
      "Unused tax losses and credits that can be carried forward to reduce future taxable profit give rise to a deferred tax asset, as do deductible temporary differences such as provisions that are only deductible when paid.")
D.doc("tax_va", "Valuation allowance against deferred tax assets",
      "Under US GAAP a valuation allowance is recorded when it is more likely than not, meaning a likelihood above 50 per cent, that some or all of a deferred tax asset will not be realised. "
      "A history of cumulative losses in recent years is significant negative evidence that is difficult to overcome.")
D.doc("tax_dtl", "Deferred tax liabilities from accelerated tax depreciation",
      "When tax rules allow assets to be deducted faster than they are depreciated in the accounts, taxable profit is lower than accounting profit in early years. "
      "The tax deferred is recorded as a deferred tax liability that reverses as the book depreciation catches up.")
D.doc("tax_utp", "Uncertain tax positions",
      "A tax benefit is recognised only if it is more likely than not that the position would be sustained on examination by the tax authority, based on its technical merits. "
      "The benefit recognised is the largest amount that has a greater than 50 per cent likelihood of being realised on settlement.")
D.doc("tax_pillar2", "Global minimum tax",
      "The OECD Pillar Two rules impose a top-up tax so that large multinational groups, with consolidated revenue of at least €750 million, pay an effective rate of at least 15 per cent in each jurisdiction where they operate.")
D.doc("tax_note_ostrava", "Tax charge commentary at Ostrava Chemicals",
      "Ostrava Chemicals' tax charge was €62 million, an effective rate of 24.8 per cent, compared with 26.1 per cent a year earlier. "
      "The decrease mainly reflects a research tax credit in Czechia and lower non-deductible interest.")
D.doc("tax_cash", "Cash taxes versus tax expense",
      "Tax expense in the income statement includes current and deferred tax, whereas the cash flow statement shows income taxes actually paid. "
      "The two differ because of deferred tax movements and the timing of instalment payments and refunds.")
D.query("train", "why the ETR differs from the 21% statutory rate", "abbreviation numbers hard_negative",
        pos=["tax_etr"], neg=["tax_note_ostrava", "tax_cash"])
D.query("test", "writing down a DTA when losses may never be used", "abbreviation lay_wording hard_negative",
        pos=["tax_va"], neg=["tax_dta", "tax_utp"])
D.query("train", "unused NOLs recognised on the balance sheet", "abbreviation hard_negative",
        pos=["tax_dta"], neg=["nm_nol_limits", "tax_va", "tax_dtl"])
D.query("test", "fast tax write-offs of equipment create which deferred tax balance", "lay_wording hard_negative",
        pos=["tax_dtl"], neg=["tax_dta", "dep_ddb"])
D.query("train", "GloBE top-up tax rate and the €750m threshold", "abbreviation numbers",
        pos=["tax_pillar2"], neg=["nm_rate_change", "tax_etr"])
D.query("test", "booking a tax benefit that the tax authority might challenge", "lay_wording",
        pos=["tax_utp"], neg=["tax_va"])
D.query("train", "gap between cash tax and the book tax charge", "lay_wording hard_negative",
        pos=["tax_cash"], neg=["nm_rate_change", "tax_etr"])

# ---------------------------------------------------------------- M&A
D.topic("ma")
D.doc("ma_ppa", "Purchase price allocation",
      "In a business combination, the acquirer measures the identifiable assets acquired and liabilities assumed at fair value at the acquisition date, including intangible assets not previously recognised by the target, such as customer relationships and brands. "
      "Any excess of the consideration over these net assets is recognised as goodwill.")
D.doc("ma_bargain", "Bargain purchase gains",
      "If the fair value of net assets acquired exceeds the consideration transferred, the acquirer first reassesses whether it has identified and measured everything correctly. "
      "Any remaining excess is recognised immediately as a gain in profit or loss, which is rare and usually arises in distressed sales.")
D.doc("ma_earnout", "Contingent consideration after acquisition",
      "An earn-out is measured at fair value at the acquisition date and included in the consideration. "
      "If it is classified as a liability, later changes in its fair value are recognised in profit or loss and do not adjust goodwill, except for measurement-period adjustments based on facts existing at the acquisition date.")
D.doc("ma_accretion", "Accretion and dilution analysis",
      "Accretion and dilution analysis estimates whether an acquisition will increase or reduce the buyer's earnings per share, combining the target's earnings with financing costs, new share issuance and amortisation of acquired intangibles. "
      "A deal can be accretive and still destroy value if the return on the purchase price is below the cost of capital.")
D.doc("ma_costs", "Acquisition-related transaction costs",
      "Advisory, legal, accounting and valuation fees incurred to complete a business combination are expensed as incurred and are not included in goodwill. "
      "Costs of issuing debt or shares to fund the deal are instead deducted from the carrying amount of those instruments.")
D.doc("ma_nci", "Presenting non-controlling interests in equity",
      "When a parent owns less than 100 per cent of a subsidiary it controls, it consolidates all of the subsidiary's assets and liabilities and presents the share owned by outside shareholders as non-controlling interests within equity. "
      "Profit attributable to those shareholders is shown separately below net income.")
D.doc("ma_synergies", "Synergy assumptions in the Linvale transaction",
      "Linvale Chemicals expects annual cost synergies of $60 million by the third year after closing, mainly from combining procurement and closing two overlapping plants. "
      "One-off integration costs are expected to total $85 million.")
D.doc("ma_asset_vs_entity", "Asset acquisition versus business combination",
      "If substantially all of the fair value of the gross assets acquired is concentrated in a single asset or group of similar assets, the transaction is an asset acquisition. "
      "No goodwill is recognised in an asset acquisition, and transaction costs are capitalised as part of the asset's cost.")
D.doc("ma_equity_method", "Equity method for associates",
      "An investor with significant influence, usually presumed at 20 to 50 per cent of voting rights, accounts for the investee using the equity method: it records its share of the investee's profit as a single line and adjusts the carrying amount of the investment.")
D.query("train", "paying less than the fair value of the net assets in an acquisition", "lay_wording hard_negative",
        pos=["ma_bargain"], neg=["nm_goodwill_linvale", "ma_ppa", "ma_asset_vs_entity"])
D.query("test", "change in earn-out estimate after closing, does goodwill change", "negation lay_wording",
        pos=["ma_earnout"], neg=["ma_ppa", "gw_annual"])
D.query("train", "will the acquisition increase the buyer's EPS", "abbreviation",
        pos=["ma_accretion"], neg=["eps_diluted", "ma_synergies"])
D.query("test", "are M&A advisory fees added to goodwill", "abbreviation negation",
        pos=["ma_costs"], neg=["nm_goodwill_linvale", "ma_ppa", "ma_asset_vs_entity"])
D.query("train", "allocating the M&A purchase price to intangibles", "abbreviation hard_negative",
        pos=["ma_ppa"], neg=["nm_measurement_period", "ma_bargain", "amort_intang"])
D.query("test", "minority shareholders in a subsidiary on consolidated statements", "lay_wording hard_negative",
        pos=["ma_nci"], neg=["ma_equity_method"])
D.query("train", "buying one building through a company, no goodwill recognised", "negation lay_wording",
        pos=["ma_asset_vs_entity"], neg=["ma_ppa"])
D.query("train", "accounting for a 30% stake in another company", "numbers lay_wording",
        pos=["ma_equity_method"], neg=["ma_nci"])

# ---------------------------------------------------------------- shareholder returns
D.topic("shareholder")
D.doc("sh_payout", "Dividend payout ratio",
      "The payout ratio is dividends divided by net income, or dividends per share divided by earnings per share. "
      "Tarrow Brands targets a ratio of 40 to 50 per cent of adjusted earnings, retaining the rest for investment and debt reduction.")
D.doc("sh_yield", "Dividend yield as a measure",
      "Dividend yield equals the annual dividend per share divided by the current share price. "
      "A yield that rises because the share price has collapsed may signal that the market expects the dividend to be cut.")
D.doc("sh_treasury", "Accounting for repurchased shares",
      "Shares bought back and held in treasury are shown as a deduction from equity. "
      "No gain or loss is recognised in the income statement when treasury shares are later reissued at a price different from their cost; the difference is taken to equity.")
D.doc("sh_sbc", "Share-based compensation expense",
      "Equity-settled awards such as stock options and restricted stock units are measured at their fair value on the grant date. "
      "That amount is recognised as an expense over the vesting period and is not remeasured for later share price changes.")
D.doc("sh_dates", "Dividend timetable and entitlement",
      "A dividend is paid to shareholders on the register at the record date. "
      "Because settlement takes time, shares bought on or after the ex-dividend date do not carry the right to the upcoming payment.")
D.doc("sh_split", "Stock splits and per-share data",
      "A stock split increases the number of shares without changing total equity or the company's value. "
      "Earnings per share and dividends per share for all periods presented are adjusted retrospectively, so a two-for-one split halves every historical per-share figure.")
D.doc("sh_scrip", "Scrip dividend alternatives",
      "A scrip dividend allows shareholders to take new shares instead of cash. "
      "It conserves cash but increases the share count, and some companies buy back shares to offset the resulting dilution.")
D.doc("sh_tsr", "Total shareholder return",
      "Total shareholder return combines share price appreciation and dividends, assuming dividends are reinvested. "
      "It is often used as the performance condition for long-term incentive plans, measured against a peer group over three years.")
D.query("train", "what fraction of profit is paid out to shareholders", "lay_wording hard_negative",
        pos=["sh_payout"], neg=["sh_yield", "sh_tsr"])
D.query("test", "annual dividend relative to current share price", "lay_wording hard_negative",
        pos=["sh_yield"], neg=["sh_payout", "sh_dates"])
D.query("train", "gain on reselling bought-back shares, income statement or equity", "negation lay_wording",
        pos=["sh_treasury"], neg=["nm_buyback_prog", "eps_buyback"])
D.query("test", "SBC measured at grant date, remeasured later?", "abbreviation negation",
        pos=["sh_sbc"], neg=["sh_treasury", "adj_ebitda"])
D.query("train", "bought the stock the day it went ex, do I still get paid", "lay_wording negation",
        pos=["sh_dates"], neg=["nm_special_div", "sh_yield"])
D.query("test", "effect of a 2-for-1 split on historical EPS", "abbreviation numbers",
        pos=["sh_split"], neg=["eps_basic", "sh_scrip"])
D.query("train", "taking dividends as new shares instead of cash", "lay_wording",
        pos=["sh_scrip"], neg=["nm_drip", "sh_dates"])
D.query("train", "TSR in executive pay plans", "abbreviation", pos=["sh_tsr"], neg=["sh_sbc"])

# ---------------------------------------------------------------- annual report / SEC reporting
D.topic("reporting")
D.doc("tk_mdna", "Management's discussion and analysis",
      "Management's discussion and analysis explains the results of operations, liquidity and capital resources through the eyes of management. "
      "It must describe known trends and uncertainties reasonably likely to affect future results, and the critical accounting estimates that involve significant judgement.")
D.doc("tk_risk", "Risk factors in the annual report",
      "Item 1A of the annual report on Form 10-K sets out the material risks that could adversely affect the company's business, financial condition or share price. "
      "Generic risks that could apply to any issuer are discouraged, and a summary is required if the section exceeds 15 pages.")
D.doc("tk_going", "Going concern assessment",
      "Under US GAAP management must evaluate whether conditions raise substantial doubt about the entity's ability to continue as a going concern within one year after the financial statements are issued. "
      "If substantial doubt exists, disclosures are required even when management's plans alleviate it, and the auditor adds an explanatory paragraph if it is not alleviated.")
D.doc("tk_subsequent", "Events after the reporting period",
      "Events between the balance sheet date and the date the financial statements are issued that provide evidence of conditions existing at the balance sheet date, such as the bankruptcy of a customer whose debt was already overdue, are adjusted for. "
      "Events that reflect new conditions, such as a fire or an acquisition after year end, are disclosed but not recognised.")
D.doc("tk_mw", "Material weakness in internal control",
      "A material weakness is a deficiency, or combination of deficiencies, in internal control over financial reporting such that there is a reasonable possibility that a material misstatement will not be prevented or detected on a timely basis. "
      "Its existence requires management to conclude that controls were not effective and leads to an adverse auditor opinion on internal control.")
D.doc("tk_restate", "Correcting errors in issued financial statements",
      "An error material to previously issued financial statements requires those statements to be reissued, often called a Big R restatement, and a Form 8-K filing. "
      "An error that is immaterial to prior periods but would be material if corrected in the current period is fixed by revising the comparative figures in the next filing, known as a little r revision.")
D.doc("tk_cam", "Critical audit matters",
      "The auditor's report for large US-listed companies describes critical audit matters: matters communicated to the audit committee that relate to material accounts or disclosures and involved especially challenging, subjective or complex auditor judgement. "
      "For each one, the auditor explains why it was critical and how it was addressed.")
D.doc("tk_segment", "Identifying reportable segments",
      "Operating segments are components whose results are regularly reviewed by the chief operating decision maker. "
      "A segment must be reported separately if its revenue, profit or loss, or assets are 10 per cent or more of the combined total, and reportable segments must together cover at least 75 per cent of external revenue.")
D.doc("tk_10q", "Assurance on quarterly reports",
      "Interim financial statements filed on Form 10-Q are not audited. "
      "They are reviewed by the independent auditor, a procedure that is substantially narrower in scope than an audit and provides only limited assurance.")
D.doc("tk_8k", "Current reports on Form 8-K",
      "A current report must generally be filed within four business days after a triggering event, such as entry into a material agreement, completion of an acquisition, a change in auditor or the departure of a director. "
      "Earnings releases are furnished under a separate item.")
D.doc("tk_filing_deadline", "Annual report filing deadlines",
      "Large accelerated filers must file the annual report within 60 days of fiscal year-end, accelerated filers within 75 days and other registrants within 90 days.")
D.doc("tk_palloway_overview", "Business overview of Palloway Group",
      "Palloway Group designs and manufactures packaging for the food and beverage industry, operating 38 plants in 11 countries. "
      "Its three reportable segments are Rigid Plastics, Flexible Films and Metal Closures, and its largest customer accounts for about 9 per cent of revenue.")
D.doc("tk_contractual", "Contractual obligations disclosure",
      "Companies describe their material cash requirements from known contractual obligations, such as debt maturities, lease payments and purchase commitments, together with the expected timing and the sources of funding.")
D.query("train", "what must be covered in MD&A", "abbreviation",
        pos=["tk_mdna"], neg=["tk_risk", "tk_contractual"])
D.query("test", "where in the annual filing the main threats to the business are listed", "lay_wording",
        pos=["tk_risk"], neg=["tk_mdna", "tk_cam"])
D.query("train", "doubts the company can survive the next 12 months, disclosure requirements", "lay_wording numbers",
        pos=["tk_going"], neg=["cov_breach", "tk_subsequent"])
D.query("test", "something happens after year end but before the accounts are issued, adjust or just disclose", "lay_wording negation hard_negative",
        pos=["tk_subsequent"], neg=["tk_restate", "tk_going"])
D.query("train", "ICFR deficiency severe enough for an adverse SOX 404 opinion", "abbreviation hard_negative",
        pos=["tk_mw"], neg=["nm_sox302", "tk_cam", "tk_restate"])
D.query("test", "small error in last year's accounts that's immaterial to the past, how to fix it", "lay_wording hard_negative",
        pos=["tk_restate"], neg=["nm_policy_change", "tk_mw", "tk_8k"])
D.query("train", "CAMs in the auditor's report", "abbreviation",
        pos=["tk_cam"], neg=["nm_opinion_types", "tk_mw", "tk_10q"])
D.query("test", "10% tests for reportable segments and the CODM", "abbreviation numbers",
        pos=["tk_segment"], neg=["tk_palloway_overview", "ebitda_seg"])
D.query("train", "does the auditor sign off on the 10-Q", "abbreviation negation",
        pos=["tk_10q"], neg=["nm_opinion_types", "tk_cam", "tk_filing_deadline"])
D.query("test", "how many days to file an 8-K after a major event", "numbers hard_negative",
        pos=["tk_8k"], neg=["tk_filing_deadline", "tk_restate"])
D.query("train", "10-K due date for large accelerated filers", "numbers hard_negative",
        pos=["tk_filing_deadline"], neg=["tk_8k"])

# ---------------------------------------------------------------- personal finance
D.topic("personal")
D.doc("pf_apr", "Annual percentage rate and annual percentage yield",
      "The annual percentage rate on a loan or savings account is a simple annualised rate that ignores compounding. "
      "The annual percentage yield includes the effect of compounding within the year, so a deposit paying 4.9 per cent compounded monthly has a yield of about 5.0 per cent.")
D.doc("pf_compound", "Compound growth and the rule of 72",
      "With compound interest, returns are earned on previously earned returns as well as on the original amount. "
      "A quick approximation of the time needed to double an investment is 72 divided by the annual rate, so money growing at 6 per cent a year doubles in roughly 12 years.")
D.doc("pf_emergency", "Sizing an emergency fund",
      "Financial planners commonly suggest keeping three to six months of essential living costs in an easily accessible savings account. "
      "Households with irregular income or a single earner may aim for the upper end of that range or beyond.")
D.doc("pf_match", "Employer matching contributions",
      "Many employer-sponsored defined contribution plans match part of what employees put in, for example 50 cents for each dollar contributed up to 6 per cent of salary. "
      "Contributing less than the amount needed to receive the full match leaves part of the compensation package unclaimed.")
D.doc("pf_roth", "Tax treatment of retirement accounts",
      "Contributions to a traditional retirement account are usually made from pre-tax income and taxed on withdrawal, while contributions to a Roth account are made from income that has already been taxed and qualified withdrawals are tax-free. "
      "The better choice depends largely on whether the saver expects a higher or lower tax rate in retirement.")
D.doc("pf_util", "Credit utilisation and credit scores",
      "Credit utilisation is the share of available revolving credit that a borrower is using. "
      "Keeping balances below about 30 per cent of total card limits is often recommended, and lower utilisation generally supports a higher credit score.")
D.doc("pf_amort", "Mortgage amortisation schedule",
      "With a fixed-rate repayment mortgage, each monthly instalment is the same, but interest is charged on the outstanding balance. "
      "In the early years most of each payment therefore goes to interest, and the share repaying principal grows over time.")
D.doc("pf_bondprice", "Bond prices and market interest rates",
      "When market interest rates rise, existing bonds with lower fixed coupons become less attractive, so their prices fall until their yield matches new issues. "
      "The longer the bond's maturity, the larger the price change for a given move in rates.")
D.doc("pf_fees", "Fund expense ratios over time",
      "An annual expense ratio of 1 per cent instead of 0.05 per cent can reduce the final value of a long-term investment by a fifth or more over 30 years, because the fee compounds along with the returns.")
D.doc("pf_dti", "Debt-to-income ratio in mortgage underwriting",
      "Lenders compare a borrower's monthly debt payments, including the proposed mortgage, with gross monthly income. "
      "Many conventional loan programmes prefer a ratio of 36 per cent or less and set an upper limit of around 43 to 50 per cent.")
D.doc("pf_budget", "The 50/30/20 budgeting guideline",
      "A simple budgeting rule allocates about 50 per cent of after-tax income to needs, 30 per cent to wants and 20 per cent to saving and debt repayment.")
D.doc("pf_inflation", "Real versus nominal returns",
      "The real return on an investment is approximately the nominal return minus inflation. "
      "A savings account paying 3 per cent during a year of 4 per cent inflation loses purchasing power even though the balance grows.")
D.query("train", "APY vs APR on a savings account", "abbreviation hard_negative",
        pos=["pf_apr"], neg=["pf_compound", "pf_inflation"])
D.query("test", "how long to double my money at 6% a year", "numbers lay_wording",
        pos=["pf_compound"], neg=["pf_apr", "pf_fees"])
D.query("train", "rainy-day savings, how many months' worth", "lay_wording numbers",
        pos=["pf_emergency"], neg=["nm_sinking", "pf_budget"])
D.query("test", "is it worth contributing enough to my 401(k) to get the company match", "abbreviation lay_wording",
        pos=["pf_match"], neg=["pf_roth"])
D.query("train", "pay tax now or later on retirement savings", "lay_wording hard_negative",
        pos=["pf_roth"], neg=["nm_hsa", "pf_match"])
D.query("test", "how much of my credit card limit should I use", "lay_wording numbers",
        pos=["pf_util"], neg=["pf_dti"])
D.query("train", "why early mortgage payments are mostly interest", "lay_wording",
        pos=["pf_amort"], neg=["nm_overpay", "pf_apr"])
D.query("test", "why my bond fund lost value when the Fed hiked", "lay_wording",
        pos=["pf_bondprice"], neg=["nm_coupon", "dbt_duration", "dbt_ytm"])
D.query("train", "DTI limit for a mortgage", "abbreviation numbers",
        pos=["pf_dti"], neg=["pf_util", "pf_amort"])
D.query("test", "cost of a 1% fund fee vs 0.05% over 30 years", "numbers",
        pos=["pf_fees"], neg=["nm_active_passive", "pf_compound"])
D.query("train", "50/30/20 rule", "numbers", pos=["pf_budget"], neg=["pf_emergency"])
D.query("train", "is a 3% savings rate losing money when inflation is 4%", "numbers lay_wording",
        pos=["pf_inflation"], neg=["nm_inflation_bonds", "pf_apr"])

# ---------------------------------------------------------------- debt instruments
D.topic("debt")
D.doc("dbt_ytm", "Yield to maturity",
      "Yield to maturity is the single discount rate that equates the present value of a bond's remaining coupons and principal with its current market price, assuming it is held until it matures and all payments are made on time.")
D.doc("dbt_ytw", "Yield to call and yield to worst",
      "For a callable bond, the yield to call assumes the issuer redeems the bond at the first call date and price. "
      "Investors quote the yield to worst, the lowest of the yields to each possible call date and to maturity, as the most conservative measure of return.")
D.doc("dbt_duration", "Modified duration of bonds",
      "Modified duration estimates the percentage change in a bond's price for a one percentage point change in its yield. "
      "A bond with a modified duration of seven would lose roughly 7 per cent of its value if yields rose by one point.")
D.doc("dbt_convert", "Accounting for convertible notes",
      "Under the international standards, a convertible bond that converts into a fixed number of shares is split into a liability component, measured as the value of a similar bond without the conversion feature, and an equity component for the residual. "
      "Since the 2020 simplification, US GAAP generally accounts for such notes as a single liability at amortised cost.")
D.doc("dbt_spread", "Credit spreads over government bonds",
      "A corporate bond's credit spread is the extra yield it offers over a government bond of similar maturity, quoted in basis points. "
      "A spread of 250 basis points means the bond yields 2.5 percentage points more than the benchmark, compensating investors for default risk and lower liquidity.")
D.doc("dbt_issuance", "Debt issuance costs",
      "Fees paid to arrange a bond or term loan are presented as a deduction from the carrying amount of the debt rather than as a separate asset. "
      "They are amortised to interest expense over the term using the effective interest method, so reported interest cost exceeds the cash coupon.")
D.doc("dbt_netdebt", "How net debt is defined",
      "Net debt is total borrowings, including bonds, bank loans and often lease liabilities, less cash and short-term deposits. "
      "Companies should state whether leases are included, because the choice can change the figure substantially for retailers and airlines.")
D.doc("dbt_rcf", "Revolving credit facility terms",
      "A revolving credit facility allows the borrower to draw, repay and redraw up to a committed amount. "
      "Interest is charged on drawn amounts at a reference rate plus a margin, and a commitment fee, often 30 to 40 per cent of the margin, is charged on the undrawn portion.")
D.doc("dbt_maturity", "Debt maturity profile at Stanbridge Logistics",
      "Stanbridge Logistics has no significant debt maturities until 2028, when $600 million of senior notes fall due. "
      "Its revolving facility of $750 million was undrawn at year end.")
D.doc("dbt_callable", "Call protection in high-yield bonds",
      "High-yield bonds are typically non-callable for the first two to five years. "
      "After that, the issuer may redeem them at a premium to par that declines each year, usually starting at half the annual coupon.")
D.query("train", "YTM meaning", "abbreviation hard_negative",
        pos=["dbt_ytm"], neg=["nm_zero_coupon", "nm_coupon", "dbt_ytw"])
D.query("test", "YTW on a callable bond", "abbreviation hard_negative",
        pos=["dbt_ytw"], neg=["dbt_ytm", "dbt_callable"])
D.query("train", "how much a bond's price moves if rates change by 1%", "lay_wording numbers hard_negative",
        pos=["dbt_duration"], neg=["pf_bondprice"])
D.query("test", "convertible bond split into liability and equity parts under IFRS", "abbreviation",
        pos=["dbt_convert"], neg=["eps_ifconverted"])
D.query("train", "spread of 250 bps over treasuries", "abbreviation numbers",
        pos=["dbt_spread"], neg=["nm_zero_coupon", "cr_stepup", "dbt_ytm"])
D.query("test", "where fees for arranging a loan go on the balance sheet", "lay_wording",
        pos=["dbt_issuance"], neg=["ma_costs", "dbt_rcf"])
D.query("train", "net debt with or without lease liabilities", "hard_negative",
        pos=["dbt_netdebt"], neg=["nm_gross_net_lev", "val_ev", "cr_adjdebt"])
D.query("test", "fee on the unused part of a credit line", "lay_wording",
        pos=["dbt_rcf"], neg=["dbt_issuance", "dbt_maturity"])
D.query("train", "when can the issuer redeem a junk bond early and at what price", "lay_wording",
        pos=["dbt_callable"], neg=["dbt_ytw"])

# ---------------------------------------------------------------- foreign currency and hedging
D.topic("fx")
D.doc("fx_functional", "Determining functional currency",
      "An entity's functional currency is the currency of the primary economic environment in which it operates, indicated mainly by the currency that drives its sales prices and its labour and material costs. "
      "Financing and the currency in which receipts are retained are secondary indicators.")
D.doc("fx_cta", "Translation differences on foreign operations",
      "When a foreign subsidiary's financial statements are translated into the parent's presentation currency, the resulting exchange differences are recognised in other comprehensive income and accumulated in a separate reserve within equity. "
      "They are reclassified to profit or loss only when the foreign operation is disposed of.")
D.doc("fx_transaction", "Exchange gains and losses on monetary items",
      "Receivables, payables and loans denominated in a currency other than the entity's functional currency are retranslated at the closing rate at each reporting date. "
      "The resulting gains and losses go to profit or loss in the period they arise.")
D.doc("fx_constant", "Constant currency growth",
      "Constant currency growth restates the current period's results at the prior period's exchange rates so that growth is not distorted by currency movements. "
      "It is a non-GAAP measure and should be reconciled to reported growth.")
D.doc("fx_cfh", "Cash flow hedges",
      "When a derivative hedges the variability of future cash flows, such as a forward contract on highly probable foreign currency purchases, the effective portion of its fair value change is held in other comprehensive income. "
      "It is released to profit or loss when the hedged purchase affects earnings.")
D.doc("fx_fvh", "Fair value hedges",
      "In a fair value hedge, such as an interest rate swap converting fixed-rate debt to floating, both the derivative and the hedged item are remeasured through profit or loss, so the two changes largely offset in the same period.")
D.doc("fx_exposure", "Currency exposure at Nordfell Telecom",
      "About 35 per cent of Nordfell Telecom's revenue is generated in Swedish kronor and Danish kroner. "
      "A 10 per cent strengthening of the Norwegian krone against both currencies would have reduced reported revenue by around NOK 1.1 billion.")
D.doc("fx_hyperinfl", "Subsidiaries in hyperinflationary economies",
      "When a subsidiary operates in a hyperinflationary economy, commonly indicated by cumulative inflation over three years approaching or exceeding 100 per cent, its financial statements are restated for changes in purchasing power before translation.")
D.query("train", "CTA in OCI, when does it get recycled", "abbreviation hard_negative",
        pos=["fx_cta"], neg=["nm_nih", "fx_transaction", "fx_cfh"])
D.query("test", "FX gains on a foreign-currency receivable, P&L or OCI", "abbreviation hard_negative",
        pos=["fx_transaction"], neg=["fx_cta"])
D.query("train", "restating this year's sales at last year's FX rates", "abbreviation lay_wording",
        pos=["fx_constant"], neg=["fx_exposure", "og_organic"])
D.query("test", "hedge of future foreign purchases, gains parked in equity until purchase", "lay_wording hard_negative",
        pos=["fx_cfh"], neg=["fx_fvh", "fx_cta"])
D.query("train", "how to decide a subsidiary's functional currency", "direct",
        pos=["fx_functional"], neg=["nm_presentation_ccy", "fx_cta"])
D.query("train", "swap converting fixed-rate debt to floating, hedge accounting", "hard_negative",
        pos=["fx_fvh"], neg=["nm_nih", "fx_cfh"])
D.query("test", "IAS 29 restatement for an Argentine subsidiary", "abbreviation",
        pos=["fx_hyperinfl"], neg=["fx_functional"])

# ---------------------------------------------------------------- growth metrics
D.topic("growth")
D.doc("og_organic", "Organic revenue growth",
      "Organic growth measures the change in revenue after removing the effects of acquisitions, disposals and currency translation. "
      "Palloway Group reported organic growth of 4.1 per cent against reported growth of 9.8 per cent, the difference reflecting two acquisitions completed in the year.")
D.doc("og_lfl", "Like-for-like sales growth",
      "Like-for-like sales compare revenue from stores that have been trading for at least twelve months in both periods, excluding new openings, closures and significant refits. "
      "Wrenford Stores reported like-for-like growth of 2.3 per cent.")
D.doc("og_yoy", "Year-over-year and sequential comparisons",
      "Year-over-year comparisons measure a quarter against the same quarter of the prior year, removing most seasonal effects. "
      "Sequential comparisons measure a quarter against the immediately preceding quarter and are more sensitive to seasonality.")
D.doc("og_cagr", "Compound annual growth rate",
      "The compound annual growth rate is the constant yearly rate that would take a value from its starting level to its ending level over a period: the ratio of ending to starting value, raised to the power of one divided by the number of years, minus one.")
D.doc("og_arr", "Annual recurring revenue",
      "Annual recurring revenue is the annualised value of active subscription contracts at a point in time, excluding one-off fees for implementation and services. "
      "It is an operating metric, not a revenue figure under accounting standards.")
D.doc("og_nrr", "Net revenue retention",
      "Net revenue retention compares recurring revenue from a cohort of customers with the same cohort a year earlier, including upsells and deducting downgrades and churn. "
      "A rate above 100 per cent means existing customers are spending more in aggregate even after some have left.")
D.doc("og_churn", "Measuring gross customer churn",
      "Gross churn is the percentage of recurring revenue or customers lost during a period through cancellations and non-renewals, without offsetting expansion from remaining customers.")
D.doc("og_backlog", "Order backlog at Vantor Machinery",
      "Vantor Machinery's order backlog stood at $1.3 billion at year end, equivalent to about nine months of revenue. "
      "Backlog includes only firm orders with agreed delivery schedules and excludes framework agreements without committed volumes.")
D.query("train", "revenue growth excluding acquisitions", "lay_wording negation hard_negative",
        pos=["og_organic"], neg=["fx_constant", "og_lfl"])
D.query("test", "same-store sales, stores open at least a year", "lay_wording numbers",
        pos=["og_lfl"], neg=["og_organic"])
D.query("train", "YoY vs QoQ comparisons", "abbreviation", pos=["og_yoy"], neg=["nm_bookings", "og_cagr"])
D.query("test", "CAGR calculation", "abbreviation", pos=["og_cagr"], neg=["og_yoy", "pf_compound"])
D.query("train", "ARR for a subscription business", "abbreviation hard_negative",
        pos=["og_arr"], neg=["nm_cac", "og_nrr", "rev_deferred"])
D.query("test", "NRR above 100%", "abbreviation numbers hard_negative",
        pos=["og_nrr"], neg=["og_churn", "og_arr"])
D.query("train", "percentage of subscribers cancelling", "lay_wording",
        pos=["og_churn"], neg=["nm_cac", "og_nrr"])
D.query("train", "order book months of revenue", "lay_wording",
        pos=["og_backlog"], neg=["nm_bookings", "rev_deferred"])

# ---------------------------------------------------------------- provisions and contingencies
D.topic("provisions")
D.doc("pv_gaap", "Loss contingencies under US GAAP",
      "A loss contingency, such as pending litigation, is accrued when it is probable that a liability has been incurred and the amount can be reasonably estimated. "
      "If the loss is only reasonably possible, or probable but not estimable, it is disclosed without an accrual; remote contingencies generally require neither.")
D.doc("pv_ifrs", "Recognition threshold for provisions under IAS 37",
      "Under the international standard a provision is recognised when an outflow of resources is probable, which is interpreted as more likely than not, and a reliable estimate can be made. "
      "This threshold is lower than the one commonly applied under US GAAP, so provisions may be recognised earlier.")
D.doc("pv_warranty", "Product warranty provisions",
      "When products are sold with a standard warranty, the expected cost of repairs and replacements is provided for at the time of sale, based on historical claim rates. "
      "The provision is reduced as claims are paid and re-estimated at each reporting date.")
D.doc("pv_restructure", "Recognising restructuring provisions",
      "A restructuring provision is recognised only when the company has a detailed formal plan and has raised a valid expectation among those affected, for example by announcing it. "
      "Costs associated with ongoing activities, such as retraining retained staff, and future operating losses are not provided for.")
D.doc("pv_onerous", "Provisions for onerous contracts",
      "A contract is onerous when the unavoidable costs of meeting its obligations exceed the economic benefits expected from it. "
      "The present obligation is recognised as a provision measured at the lower of the cost of fulfilling the contract and any penalty for exiting it.")
D.doc("pv_aro", "Asset retirement obligations",
      "Where a company is legally required to dismantle an asset and restore the site, such as an offshore platform or a mine, it recognises the present value of the expected costs as a liability and adds the same amount to the asset's cost. "
      "The discount unwinds as an interest-type charge over the asset's life.")
D.doc("pv_gain", "Treatment of gain contingencies",
      "Possible gains, such as damages claimed in a lawsuit the company expects to win, are not recognised until they are realised or virtually certain. "
      "Disclosure is permitted but must avoid misleading implications about the likelihood of realisation.")
D.doc("pv_litigation_note", "Litigation disclosure at Halvorsen Biotech",
      "Halvorsen Biotech is defending a patent infringement claim brought by a competitor seeking damages of $120 million. "
      "The company believes the claim is without merit and has not recorded a liability, but notes that the outcome of litigation is inherently uncertain.")
D.query("train", "when to accrue for a lawsuit under US GAAP", "abbreviation lay_wording hard_negative",
        pos=["pv_gaap"], neg=["nm_env_remed", "pv_ifrs", "pv_litigation_note"])
D.query("test", "how likely must a payout be before booking a provision under IFRS", "abbreviation lay_wording hard_negative",
        pos=["pv_ifrs"], neg=["pv_gaap", "pv_gain"])
D.query("train", "expected cost of repairs for products under guarantee", "lay_wording",
        pos=["pv_warranty"], neg=["nm_env_remed", "rev_warranty"])
D.query("test", "can future operating losses be provided for in a restructuring", "negation",
        pos=["pv_restructure"], neg=["pv_onerous"])
D.query("train", "accounting for a customer contract that will lose money", "lay_wording",
        pos=["pv_onerous"], neg=["pv_restructure"])
D.query("test", "ARO for decommissioning an oil platform", "abbreviation", pos=["pv_aro"], neg=["dep_units"])
D.query("train", "is an expected lawsuit win recorded as income", "negation lay_wording",
        pos=["pv_gain"], neg=["pv_gaap", "pv_litigation_note"])

# ---------------------------------------------------------------- pensions
D.topic("pensions")
D.doc("pen_dbdc", "Defined benefit and defined contribution plans",
      "In a defined contribution plan the employer pays fixed contributions and the employee bears the investment risk. "
      "In a defined benefit plan the employer promises a specified pension, usually based on salary and years of service, and must make up any shortfall if plan assets underperform.")
D.doc("pen_funded", "Funded status of pension plans",
      "The funded status is the fair value of plan assets minus the defined benefit obligation. "
      "A deficit is recognised as a liability on the balance sheet, and Halden Utilities reported a net deficit of $240 million, equal to 88 per cent funding.")
D.doc("pen_discount", "Discount rate for pension obligations",
      "Pension obligations are discounted using yields on high-quality corporate bonds, usually those rated AA, with maturities matching the expected benefit payments. "
      "A rise in those yields reduces the present value of the obligation.")
D.doc("pen_remeasure", "Remeasurements of the net defined benefit liability",
      "Under the international standard, actuarial gains and losses and the return on plan assets excluding interest income are recognised in other comprehensive income. "
      "They are never reclassified to profit or loss in later periods.")
D.doc("pen_cost", "Components of pension cost",
      "Service cost, reflecting benefits earned by employees in the year, is presented in operating expenses. "
      "The interest component on the net liability is shown in finance costs, and US GAAP requires the non-service components to be presented outside operating income.")
D.query("train", "which pension plan leaves investment risk with the employer", "lay_wording hard_negative",
        pos=["pen_dbdc"], neg=["nm_multiemployer", "pen_funded"])
D.query("test", "how the gap between pension assets and promised benefits is reported", "lay_wording",
        pos=["pen_funded"], neg=["pen_dbdc", "cr_adjdebt"])
D.query("train", "why higher corporate bond yields shrink pension liabilities", "direct",
        pos=["pen_discount"], neg=["pen_funded"])
D.query("test", "are actuarial losses under IAS 19 ever recycled to profit", "abbreviation negation",
        pos=["pen_remeasure"], neg=["fx_cta", "pen_cost"])
D.query("train", "where pension service cost vs interest cost are presented", "hard_negative",
        pos=["pen_cost"], neg=["nm_multiemployer", "pen_remeasure"])

# ---------------------------------------------------------------- fair value
D.topic("fairvalue")
D.doc("fv_levels", "Fair value hierarchy",
      "Fair value measurements are classified into three levels. "
      "Level 1 uses quoted prices for identical assets in active markets, Level 2 uses other observable inputs such as quoted prices for similar assets or market interest rates, and Level 3 relies on unobservable inputs developed by the entity.")
D.doc("fv_l3", "Disclosures for Level 3 measurements",
      "For recurring measurements based on significant unobservable inputs, entities present a reconciliation of opening and closing balances showing gains and losses, purchases, sales and transfers, and describe the sensitivity of the valuation to changes in those inputs.")
D.doc("fv_exit", "Fair value as an exit price",
      "Fair value is the price that would be received to sell an asset or paid to transfer a liability in an orderly transaction between market participants at the measurement date. "
      "It is an exit price, not the price the entity would pay to acquire the asset, and transaction costs are not deducted from it.")
D.doc("fv_option", "Fair value option",
      "Entities may irrevocably elect to measure certain financial assets and liabilities at fair value through profit or loss, typically to reduce an accounting mismatch with related derivatives.")
D.doc("fv_ownc", "Own credit risk on liabilities at fair value",
      "When a company measures its own debt at fair value, a deterioration in its creditworthiness lowers the fair value of the liability. "
      "To avoid reporting a profit from worsening credit, the portion of the change attributable to own credit risk is presented in other comprehensive income.")
D.query("train", "Level 1 vs Level 2 inputs", "hard_negative numbers",
        pos=["fv_levels"], neg=["nm_valuation_tech", "fv_l3"])
D.query("test", "roll-forward required for assets valued with unobservable inputs", "hard_negative",
        pos=["fv_l3"], neg=["fv_levels", "imp_sensitivity"])
D.query("train", "fair value is a selling price not a buying price", "negation lay_wording",
        pos=["fv_exit"], neg=["nm_valuation_tech", "fv_levels"])
D.query("test", "why a company's own debt losing value doesn't boost profit", "negation lay_wording",
        pos=["fv_ownc"], neg=["fv_option", "fv_exit"])

# ---------------------------------------------------------------- non-GAAP measures and earnings quality
D.topic("nongaap")
D.doc("ng_rules", "Presentation rules for non-GAAP measures",
      "US securities rules require any measure that departs from the accounting framework to be reconciled to the most directly comparable standard measure, which must be presented with equal or greater prominence. "
      "A measure may be misleading if it excludes normal, recurring cash operating expenses.")
D.doc("ng_recurring", "Recurring charges labelled as one-off",
      "Analysts become sceptical when a company excludes restructuring costs from its adjusted profit every year. "
      "If such charges recur, they are effectively part of the cost of running the business, and adjusted earnings will persistently overstate sustainable profit.")
D.doc("ng_apm", "Alternative performance measures in Europe",
      "European listed companies presenting alternative performance measures must define them, explain their relevance, reconcile them to the closest line item in the financial statements and present comparatives, under guidelines issued by the European securities regulator.")
D.doc("eq_accruals", "Accruals and earnings quality",
      "When net income consistently exceeds operating cash flow, the gap is made up of accruals such as rising receivables or capitalised costs. "
      "Research suggests earnings with a high accrual component are less persistent, so analysts treat a widening gap as a warning sign.")
D.doc("eq_channel", "Channel stuffing warning signs",
      "Channel stuffing occurs when a manufacturer ships excess product to distributors near the end of a period, often with extended payment terms or generous return rights, to inflate sales. "
      "Warning signs include receivables growing much faster than revenue and a spike in returns in the following quarter.")
D.doc("eq_cookie", "Cookie-jar reserves and smoothing",
      "A company that over-provides in good years can release those excess reserves in weaker years to smooth reported profit. "
      "Regulators treat such unsupported reserve changes as earnings management.")
D.query("train", "SEC rules on how prominently non-GAAP numbers can be shown", "abbreviation hard_negative",
        pos=["ng_rules"], neg=["nm_adj_op", "ng_apm", "adj_ebitda"])
D.query("test", "restructuring charges excluded from adjusted profit every single year, red flag", "negation hard_negative",
        pos=["ng_recurring"], neg=["adj_ebitda", "pv_restructure"])
D.query("train", "ESMA guidelines on APMs", "abbreviation", pos=["ng_apm"], neg=["ng_rules"])
D.query("train", "why earnings built on accounting estimates rather than cash tend not to last", "lay_wording hard_negative",
        pos=["eq_accruals"], neg=["nm_ocf_bridge", "cf_indirect"])
D.query("test", "pushing extra product onto distributors at quarter end", "lay_wording",
        pos=["eq_channel"], neg=["rev_billhold", "inv_consign"])
D.query("train", "over-reserving in good years to release later", "lay_wording",
        pos=["eq_cookie"], neg=["nm_adj_op", "pv_warranty"])

# ---------------------------------------------------------------- extra near-miss documents
# Each near-miss shares vocabulary with the queries that list it first but answers a different question.
D.topic("nearmiss")
D.doc("nm_giftcard_liab", "Gift card balances at Meridane Retail",
      "Meridane Retail presents unredeemed gift cards within contract liabilities. "
      "The balance rose to $41 million because more cards were sold through supermarket and online partners during the holiday season.")
D.doc("nm_rev_transition", "Adopting the new revenue standard at Kelmoor Foods",
      "Kelmoor Foods adopted the converged revenue standard using the modified retrospective method, recognising the cumulative effect in opening retained earnings without restating comparative periods. "
      "The main change related to the timing of promotional allowances.")
D.doc("nm_licence_halvorsen", "Partnering income at Halvorsen Biotech",
      "Halvorsen Biotech received an upfront payment of $30 million from a regional partner for development and commercial rights to its lead candidate. "
      "Further milestone payments depend on regulatory approvals, and royalties are payable on future sales.")
D.doc("nm_commission_plan", "Sales compensation plan at Brightlane Software",
      "Brightlane Software pays account executives a commission of 10 per cent of first-year contract value, with accelerators once annual quota is exceeded. "
      "Commissions are paid monthly after the customer's first invoice is settled.")
D.doc("nm_lease_term", "Determining the lease term",
      "The lease term is the non-cancellable period plus periods covered by extension options the lessee is reasonably certain to exercise and termination options it is reasonably certain not to exercise. "
      "Significant leasehold improvements and relocation costs are factors in that judgement.")
D.doc("nm_lease_incentive", "Lease incentives and rent-free periods",
      "Landlord contributions to fit-out costs and rent-free periods are treated as lease incentives. "
      "They reduce the lease payments used to measure the right-of-use asset, lowering the lease cost recognised over the term.")
D.doc("nm_lease_remeasure", "Remeasuring the lease liability",
      "The lease liability is remeasured when the lease term changes, when the assessment of a purchase option changes, or when index-linked payments are reset. "
      "A revised discount rate is used only for changes in the lease term or purchase option assessment.")
D.doc("nm_property_sale", "Disposal of freehold stores by Wrenford",
      "Wrenford Stores sold three freehold stores to a pension fund for £48 million and vacated them after relocating trade to nearby leased sites. "
      "The profit on disposal of £9 million is shown as a non-underlying item.")
D.doc("nm_lease_cashflow", "Lease payments in the cash flow statement",
      "Repayments of the principal portion of finance lease liabilities are financing cash outflows, while operating lease payments are generally presented within operating activities. "
      "Short-term lease payments are also operating outflows.")
D.doc("nm_gw_alloc", "Allocating goodwill to reporting units",
      "Goodwill is assigned to the reporting units expected to benefit from the synergies of a business combination. "
      "When a company reorganises its reporting structure, goodwill is reassigned using the relative fair values of the affected units.")
D.doc("nm_capex_guidance", "Investment outlook at Nordfell Telecom",
      "Nordfell Telecom expects capital expenditure of about NOK 6 billion next year, with 5G radio upgrades peaking in the first half. "
      "Spending on fibre roll-out will fall as the network build approaches completion.")
D.doc("nm_ocf_bridge", "Operating cash flow bridge at Palloway Group",
      "Palloway Group's operating cash flow fell to $318 million despite higher operating profit, because trade receivables increased by $90 million after the acquisition of a films business with longer customer terms.")
D.doc("nm_wc_programme", "Working capital programme at Tarrow Brands",
      "Tarrow Brands reduced trade working capital to 4 per cent of sales by standardising supplier terms and moving key retailers to vendor-managed inventory. "
      "The programme released about £120 million of cash over two years.")
D.doc("nm_current_class", "Classifying assets and liabilities as current",
      "An asset is classified as current when it is expected to be realised within twelve months or within the normal operating cycle, and a liability when it is due to be settled within twelve months or the entity has no right to defer settlement.")
D.doc("nm_incurrence", "Incurrence test for additional debt",
      "Under the indenture, the issuer may incur additional debt only if its fixed charge coverage ratio, calculated pro forma for the new borrowing, is at least 2.0 to 1. "
      "The test is applied only at the time of the incurrence.")
D.doc("nm_headroom", "Covenant headroom at Meridane Retail",
      "Meridane Retail's leverage was 2.6 times at year end against a maximum of 3.5 times, and interest cover was 7.2 times against a minimum of 4.0 times. "
      "Management expects to remain in compliance throughout the next twelve months.")
D.doc("nm_pricing_grid", "Rating-based margin grid in Halden's revolver",
      "The margin on Halden Utilities' revolving facility ranges from 0.85 per cent when its senior unsecured rating is A- or better to 1.50 per cent at BBB-. "
      "The margin is reset within five business days after any rating change.")
D.doc("nm_rating_method", "Rating methodology for regulated utilities",
      "Agencies rating regulated utilities weigh the predictability of the regulatory framework, the ability to recover costs through tariffs, and cash flow metrics such as funds from operations relative to debt.")
D.doc("nm_earnings_yield", "Earnings yield on shares",
      "The earnings yield is earnings per share divided by the share price, the inverse of the price-to-earnings ratio. "
      "Investors sometimes compare it with government bond yields to judge whether equities look expensive.")
D.doc("nm_precedents", "Precedent transaction analysis",
      "Precedent transaction analysis compiles the multiples paid in past acquisitions of comparable businesses. "
      "Analysts adjust the sample for deal size, the date of each transaction and whether the buyer was a strategic acquirer or a financial sponsor.")
D.doc("nm_tier2", "Tier 2 capital instruments",
      "Tier 2 capital consists mainly of subordinated debt with an original maturity of at least five years. "
      "In the final five years before maturity, the amount recognised as regulatory capital is reduced on a straight-line basis.")
D.doc("nm_buffer_stack", "Combined buffer requirement at Ashgrove Bancorp",
      "Ashgrove Bancorp's combined buffer requirement of 3.5 per cent comprises the conservation buffer and a countercyclical buffer of 1.0 per cent set by its home regulator. "
      "Management targets an operating margin of 150 to 200 basis points above the total requirement.")
D.doc("nm_forbearance", "Forbearance on loans",
      "A loan is forborne when the lender grants a concession, such as a payment holiday or reduced interest rate, because the borrower is in financial difficulty. "
      "Forborne exposures remain under monitoring for a probation period before they can return to performing status.")
D.doc("nm_nii_trend", "Net interest income growth at Ashgrove Bancorp",
      "Net interest income rose 11 per cent to $2.1 billion, driven by 6 per cent growth in average loans and higher yields on the securities portfolio, partly offset by a shift from current accounts to term deposits.")
D.doc("nm_seg_margin", "Segment operating margins at Palloway Group",
      "Palloway Group's Metal Closures segment achieved an operating margin of 14.2 per cent, compared with 9.8 per cent in Rigid Plastics, where resin cost inflation was only partly passed on to customers.")
D.doc("nm_margin_safety", "Margin of safety",
      "The margin of safety is the amount by which actual or budgeted sales exceed break-even sales, often expressed as a percentage of actual sales. "
      "It indicates how far revenue could fall before the business begins to make a loss.")
D.doc("nm_cost_of_revenue_saas", "Cost of revenue for a software company",
      "Brightlane Software's cost of revenue consists of cloud hosting fees, customer support staff and amortisation of capitalised software. "
      "Subscription gross margin was 81 per cent.")
D.doc("nm_cap_software", "Capitalised software at Brightlane Software",
      "Brightlane Software capitalised $38 million of internal development costs during the year and amortises them over three years from the date each module is released to customers.")
D.doc("nm_fob", "Goods in transit and shipping terms",
      "When goods are shipped on terms under which the buyer takes control at the seller's dock, they belong to the buyer while in transit. "
      "When control passes only on delivery, the seller keeps them in inventory until they arrive.")
D.doc("nm_invest_property", "Investment property at fair value",
      "Land and buildings held to earn rentals or for capital appreciation may be measured at fair value under the international standard, with changes recognised in profit or loss. "
      "Properties measured this way are not depreciated.")
D.doc("nm_dep_start", "When depreciation begins",
      "Depreciation starts when an asset is available for use, meaning it is in the location and condition necessary to operate as intended, not when it is purchased or first used at full capacity.")
D.doc("nm_tax_dep", "Tax depreciation schedules",
      "Tax authorities often prescribe their own depreciation schedules, such as accelerated recovery periods or immediate expensing for certain equipment, which can differ from the methods used in the financial statements.")
D.doc("nm_nol_limits", "Limits on using federal tax losses",
      "US federal net operating losses arising in tax years after 2017 can be carried forward indefinitely, but can offset only 80 per cent of taxable income in any year. "
      "Ownership changes can further limit their annual use.")
D.doc("nm_rate_change", "Effect of tax rate changes on deferred taxes",
      "Deferred tax balances are measured at the rates expected to apply when they reverse. "
      "When a new rate is enacted, the balances are remeasured and the effect is recognised in the period of enactment.")
D.doc("nm_measurement_period", "Measurement period adjustments",
      "An acquirer has up to one year from the acquisition date to finalise provisional amounts for assets acquired and liabilities assumed. "
      "Adjustments reflecting facts that existed at the acquisition date are made against goodwill.")
D.doc("nm_goodwill_linvale", "Goodwill arising on the Linvale acquisition",
      "Goodwill of $410 million arising on the acquisition of Linvale Chemicals reflects the assembled workforce and expected synergies. "
      "None of the goodwill is expected to be deductible for tax purposes.")
D.doc("nm_special_div", "One-off special dividends",
      "A special dividend is a one-off distribution outside a company's regular dividend policy, often paid after an asset sale. "
      "Companies sometimes combine it with a share consolidation so that the share price remains comparable.")
D.doc("nm_drip", "Dividend reinvestment plans",
      "In a dividend reinvestment plan, the cash dividend is used to buy existing shares in the market on the shareholder's behalf. "
      "Unlike an issue of new shares, it does not change the company's share count.")
D.doc("nm_buyback_prog", "Share repurchase programme at Tarrow Brands",
      "Tarrow Brands announced a £500 million share repurchase programme to be completed within twelve months. "
      "Shares bought back will be cancelled, and the programme is funded from free cash flow and existing facilities.")
D.doc("nm_opinion_types", "Types of audit opinion",
      "An unmodified opinion states that the financial statements are presented fairly in all material respects. "
      "A qualified opinion is given when misstatements or scope limitations are material but not pervasive, an adverse opinion when they are pervasive, and a disclaimer when the auditor cannot obtain sufficient evidence.")
D.doc("nm_sox302", "Officer certifications of periodic reports",
      "The chief executive and chief financial officer certify in each annual and quarterly report that, to their knowledge, the report contains no material misstatement and that they are responsible for establishing disclosure controls.")
D.doc("nm_policy_change", "Voluntary changes in accounting policy",
      "A voluntary change in accounting principle is applied retrospectively to all prior periods presented, unless impracticable. "
      "US registrants must also obtain a preferability letter from their auditor explaining why the new principle is preferable.")
D.doc("nm_overpay", "Overpaying a mortgage",
      "Extra payments toward the principal of a mortgage shorten its term and reduce total interest paid. "
      "Some lenders limit penalty-free overpayments on fixed-rate deals to 10 per cent of the balance each year.")
D.doc("nm_sinking", "Saving for predictable irregular costs",
      "A sinking fund sets aside a fixed amount each month for known future expenses, such as annual insurance premiums, car servicing or holidays, so that they do not have to be paid from an emergency reserve.")
D.doc("nm_hsa", "Health savings accounts",
      "A health savings account, available with high-deductible health plans, allows pre-tax contributions, tax-free investment growth and tax-free withdrawals for qualified medical expenses.")
D.doc("nm_inflation_bonds", "Inflation-linked government bonds",
      "Inflation-linked bonds adjust their principal in line with a consumer price index, so coupon payments and the final repayment rise with inflation. "
      "Their quoted yield is a real yield above inflation.")
D.doc("nm_coupon", "Bond coupons and payment frequency",
      "A bond's coupon is the fixed interest rate paid on its face value, usually in semi-annual instalments for US corporate bonds and annually for many European issues. "
      "The coupon does not change after issue for a fixed-rate bond.")
D.doc("nm_active_passive", "Active and passive funds",
      "Passive funds aim to replicate an index, while active funds try to outperform it through security selection. "
      "Over long periods, a majority of active funds in many categories have underperformed their benchmarks after costs.")
D.doc("nm_gross_net_lev", "Gross versus net leverage",
      "Gross leverage divides total borrowings by earnings before interest, taxes, depreciation and amortisation, while net leverage first subtracts cash. "
      "Lenders sometimes cap the amount of cash that can be netted.")
D.doc("nm_zero_coupon", "How zero-coupon bonds work",
      "A zero-coupon bond pays no periodic interest and is issued at a discount to its face value. "
      "The investor's return comes entirely from the difference between the purchase price and the amount repaid at maturity.")
D.doc("nm_nih", "Net investment hedges",
      "A company may borrow in euros to hedge its investment in a euro-denominated subsidiary. "
      "Exchange differences on the borrowing that are effective as a hedge are recognised in the same equity reserve as the translation of the subsidiary.")
D.doc("nm_presentation_ccy", "Choice of presentation currency",
      "A group may present its consolidated financial statements in any currency, regardless of the functional currencies of its entities. "
      "Many groups with global investors present in US dollars.")
D.doc("nm_cac", "Customer acquisition cost payback",
      "The payback period on customer acquisition cost measures how many months of gross profit from a new subscriber are needed to recover the sales and marketing spend incurred to win that subscriber.")
D.doc("nm_bookings", "Bookings versus billings",
      "Bookings represent the total value of contracts signed in a period, whereas billings are the amounts invoiced, equal to revenue plus the change in deferred revenue. "
      "Neither is a revenue measure under accounting standards.")
D.doc("nm_env_remed", "Environmental remediation liabilities",
      "Costs of cleaning up contamination caused by past operations are accrued when remediation is probable and the cost can be reasonably estimated, often on an undiscounted basis when timing is uncertain.")
D.doc("nm_multiemployer", "Multi-employer pension plans",
      "Some employers participate in plans shared with other companies in the same industry. "
      "Where the information needed for defined benefit accounting is not available, contributions are expensed as if the plan were defined contribution.")
D.doc("nm_valuation_tech", "Valuation techniques for fair value",
      "Fair value may be measured using a market approach based on prices of comparable assets, an income approach that discounts future cash flows, or a cost approach based on replacement cost. "
      "Entities should maximise the use of observable inputs.")
D.doc("nm_adj_op", "Adjusted operating profit at Tarrow Brands",
      "Tarrow Brands defines adjusted operating profit as operating profit before amortisation of acquired intangibles, impairment and gains on disposals. "
      "The measure is used to set management bonuses.")

# ---------------------------------------------------------------- background documents (unrelated distractors)
D.topic("background")
D.doc("bg_01", "Annual general meeting arrangements",
      "The annual general meeting of Palloway Group will be held at its head office on 14 May at 10:00. "
      "Shareholders unable to attend may appoint a proxy using the form enclosed with the notice.")
D.doc("bg_02", "Board composition and independence",
      "Seven of the ten directors of Halden Utilities are independent non-executives. "
      "The chair of the audit committee is a qualified accountant with previous experience as a chief financial officer.")
D.doc("bg_03", "Auditor tenure and rotation",
      "Kelmoor Foods first appointed its current audit firm in 2016. "
      "The lead engagement partner rotates every five years, and the audit committee will run a tender for the 2027 audit.")
D.doc("bg_04", "Employee headcount by region",
      "At year end Vantor Machinery employed 6,840 people, of whom 58 per cent worked in North America, 27 per cent in Europe and the remainder in Asia.")
D.doc("bg_05", "Property portfolio of Wrenford Stores",
      "Wrenford Stores owns 19 of its larger out-of-town sites and leases the remainder. "
      "The average remaining lease term across the estate is seven years.")
D.doc("bg_06", "Corporate history of Nordfell Telecom",
      "Nordfell Telecom was formed through the merger of two regional operators in 1998 and listed on the Oslo exchange two years later. "
      "It launched its first fibre-to-the-home service in 2011.")
D.doc("bg_07", "Sustainability targets at Ostrava Chemicals",
      "Ostrava Chemicals aims to cut scope 1 and 2 greenhouse gas emissions by 42 per cent by 2030 against a 2020 baseline, mainly by electrifying process heat at its two largest sites.")
D.doc("bg_08", "Executive remuneration policy",
      "The remuneration committee sets base salaries with reference to companies of similar size and complexity. "
      "Annual bonuses are capped at 150 per cent of salary for the chief executive.")
D.doc("bg_09", "Product portfolio of Hollis Toys",
      "Hollis Toys sells construction sets, plush toys and board games under four brands. "
      "Licensed products accounted for about a quarter of sales in the most recent year.")
D.doc("bg_10", "Research pipeline at Halvorsen Biotech",
      "Halvorsen Biotech has three candidates in clinical development, the most advanced of which is in a phase 2 trial for a rare liver disorder. "
      "Results are expected in the second half of next year.")
D.doc("bg_11", "Customer service operations at Brightlane Software",
      "Brightlane Software provides support in nine languages from centres in Dublin, Manila and Montevideo. "
      "Average first-response time for priority tickets was under one hour.")
D.doc("bg_12", "Fleet composition at Stanbridge Logistics",
      "Stanbridge Logistics operates 2,300 tractor units and 5,100 trailers. "
      "The average age of the tractor fleet is 3.8 years, and 12 per cent of new units ordered this year are battery-electric.")
D.doc("bg_13", "Water supply network at Halden Utilities",
      "Halden Utilities maintains about 14,000 kilometres of water mains serving 1.9 million customers. "
      "Leakage fell to 82 litres per property per day.")
D.doc("bg_14", "Distribution network of Kelmoor Foods",
      "Kelmoor Foods ships chilled products from four regional distribution centres, each within a four-hour drive of most customer stores.")
D.doc("bg_15", "Brand portfolio of Tarrow Brands",
      "Tarrow Brands owns household cleaning, personal care and pet food brands sold in more than 60 countries. "
      "Its three largest brands generate just over half of sales.")
D.doc("bg_16", "Information security programme",
      "Corvell Industries runs annual penetration tests and phishing simulations for all staff. "
      "Its security programme is aligned with a recognised international information security standard.")
D.doc("bg_17", "Manufacturing footprint of Linvale Chemicals",
      "Linvale Chemicals operates specialty resin plants in Texas, the Netherlands and Singapore. "
      "The Singapore site was expanded last year to serve electronics customers in Asia.")
D.doc("bg_18", "Whistleblowing arrangements for staff",
      "Employees and contractors of Meridane Retail can report concerns anonymously through an independent hotline. "
      "Reports are reviewed by the head of internal audit and summarised for the audit committee.")
D.doc("bg_19", "Stock exchange listing details",
      "The ordinary shares of Tarrow Brands are listed on the main market of the London Stock Exchange, and American depositary receipts representing them trade over the counter in the United States.")
D.doc("bg_20", "Investor relations contacts",
      "Questions from analysts and institutional investors should be directed to the investor relations team at Ferrowind Energy, which publishes presentations and webcast replays on its website.")
D.doc("bg_21", "Health and safety record",
      "Vantor Machinery's lost-time injury frequency rate fell to 0.41 per 200,000 hours worked, reflecting a programme of machine guarding upgrades across its plants.")
D.doc("bg_22", "Wind farm portfolio of Ferrowind Energy",
      "Ferrowind Energy owns 31 onshore wind farms with a combined capacity of 2.4 gigawatts, most of which sell power under long-term contracts with utilities.")
D.doc("bg_23", "Marketplace seller programme",
      "Tessaro Marketplace hosts about 48,000 independent sellers. "
      "New sellers complete an onboarding course covering listing standards, shipping times and returns handling.")
D.doc("bg_24", "Spectrum holdings of Nordfell Telecom",
      "Nordfell Telecom holds mobile spectrum in the 700 MHz, 1800 MHz and 3.5 GHz bands, with licences expiring between 2033 and 2040.")
D.doc("bg_25", "History of double-entry bookkeeping",
      "Double-entry bookkeeping, in which every transaction is recorded as equal debits and credits, was described in print by the Italian mathematician Luca Pacioli in 1494 and spread through European trading houses.")
D.doc("bg_26", "Role of the audit committee",
      "The audit committee oversees financial reporting, the internal audit function and the relationship with the external auditor, including approval of non-audit services.")
D.doc("bg_27", "Clinical trial phases",
      "Drug development typically proceeds from phase 1 safety studies in small groups, through phase 2 trials assessing efficacy and dosing, to larger phase 3 trials used to support regulatory approval.")
D.doc("bg_28", "Shipping container basics",
      "Standard shipping containers come in 20-foot and 40-foot lengths, and trade volumes are measured in twenty-foot equivalent units.")
D.doc("bg_29", "Office relocation at Corvell Industries",
      "Corvell Industries moved its headquarters to a smaller, energy-efficient building during the year, consolidating three previous office locations in the same city.")
D.doc("bg_30", "Charitable giving programme",
      "Quillmont Foods donates surplus edible stock to food banks and matches employee charitable donations up to a set annual amount per person.")
D.doc("bg_31", "Store format trials at Meridane Retail",
      "Meridane Retail is trialling smaller convenience formats in city centres, with extended opening hours and a narrower product range focused on fresh food.")
D.doc("bg_32", "Workforce diversity statistics",
      "Women make up 41 per cent of Brightlane Software's total workforce and 33 per cent of its senior leadership team.")
D.doc("bg_33", "Packaging recycling initiative",
      "Palloway Group has introduced a take-back scheme with two beverage customers, collecting used closures for recycling into new products.")
D.doc("bg_34", "Seasonal staffing at Hollis Toys",
      "Hollis Toys hires around 900 temporary warehouse staff each autumn to handle peak order volumes ahead of the holiday season.")
D.doc("bg_35", "Flood defences at Halden Utilities",
      "Halden Utilities is investing in flood barriers at 14 treatment works identified as high risk in its climate adaptation review.")

if __name__ == "__main__":
    raise SystemExit(D.main())
