"""Legal retrieval set (BEIR format) for data/legal/.

Domain: commercial contracts (NDAs, indemnities, limitation of liability, force majeure,
termination, governing law and disputes, assignment, IP ownership, warranties, employment,
leases, data protection) and litigation procedure basics.
All text below was written for this course; it is generic, common-law style illustration
and not legal advice for any jurisdiction. Party names are generic.
Each query lists its relevant documents and 1-3 hard negatives explicitly. How the negatives were
chosen: by the author per query; near-miss documents written after a first baseline run (the
"(continued)" sections at the end: same clause family as a query's answer, a different question)
are listed first for the queries they target; a query with fewer than two chosen negatives was
topped up with the documents of its topic that share the most words with it.
Run:  python data/_gen/legal.py [--out ROOT]   (writes data/legal/ or ROOT/legal/; data/_gen/_builder.py validates and writes)
"""

from _builder import Dataset

D = Dataset("legal", prefix="leg", max_sentences=6)

# ---------------------------------------------------------------- CONFIDENTIALITY / NDA
D.topic("nda")
D.doc("nda_mutual", "Reciprocal confidentiality undertaking",
      "Each party may disclose Confidential Information to the other in connection with the Purpose. "
      "Each party, when acting as Receiving Party, shall protect the other's Confidential Information using at least the degree of care it applies to its own information of a similar nature, and in no event less than reasonable care. "
      "The obligations in this clause bind both parties equally.")
D.doc("nda_oneway", "Disclosures by the Company only",
      "This agreement governs information disclosed solely by the Company to the Recipient for the purpose of evaluating a possible engagement. "
      "The Recipient shall hold all such information in strict confidence. "
      "The Company accepts no duty of secrecy in respect of any material the Recipient chooses to provide to it.")
D.doc("nda_definition", "Meaning of Confidential Information",
      "'Confidential Information' means all information of a commercial, financial or technical nature disclosed by or on behalf of the Disclosing Party, including business plans, pricing, supplier terms, customer lists, source code, formulae and know-how. "
      "It includes analyses, notes and compilations prepared by the Recipient that contain or reflect such information.")
D.doc("nda_marking", "Marking and identification of protected material",
      "Written or electronic material qualifies for protection under this Agreement only if it bears a legend such as 'Confidential' or 'Proprietary'. "
      "Information imparted orally or by demonstration qualifies only if it is identified as confidential when imparted and confirmed in a written summary within thirty days.")
D.doc("nda_exclusions", "Information outside the duty of confidence",
      "The restrictions in this clause shall not apply to information that (a) is or becomes generally available to the public other than as a result of a breach by the Recipient; (b) was lawfully in the Recipient's possession before disclosure; (c) is developed by the Recipient independently and without reference to the Disclosing Party's information; or (d) is received from a third party who is not under any obligation of secrecy.")
D.doc("nda_survival", "Continuation of secrecy duties after the agreement ends",
      "Notwithstanding expiry or termination of this Agreement, the Receiving Party's obligations of non-use and non-disclosure shall continue for five years thereafter. "
      "In respect of any trade secret, those obligations shall continue for as long as the information remains a trade secret under applicable law.")
D.doc("nda_term", "Length of the disclosure window",
      "This Agreement applies to information disclosed during the period of two years from the Effective Date. "
      "Either party may bring the disclosure period to an end earlier by giving thirty days' written notice, but doing so does not release the Recipient from its duties regarding information already received.")
D.doc("nda_return", "Return or destruction of confidential materials",
      "Upon written request of the Disclosing Party, or on termination, the Recipient shall promptly return or destroy all documents and media containing Confidential Information and an officer shall certify destruction in writing. "
      "The Recipient may nevertheless retain copies stored in automatic electronic archiving systems, and copies it must keep by law, which remain subject to this Agreement.")
D.doc("nda_compelled", "Disclosure compelled by law or court order",
      "If the Recipient is required by law, regulation or the order of a competent court or authority to disclose any Confidential Information, it shall, so far as legally permitted, give the Disclosing Party prompt notice so that it may seek a protective order or other remedy. "
      "The Recipient shall disclose only that portion which it is legally obliged to disclose.")
D.doc("nda_advisers", "Disclosure to representatives with a need to know",
      "The Recipient may disclose Confidential Information to its directors, employees, professional advisers, auditors and prospective financiers who need to know it for the Purpose. "
      "The Recipient shall ensure each such person is bound by duties of confidentiality no less protective than those in this Agreement, and shall be liable for any breach by them.")
D.doc("nda_residuals", "Residual knowledge retained by personnel",
      "Nothing in this Agreement restricts either party from using residuals, meaning general ideas, concepts and techniques retained in the unaided memory of personnel who had access to the other party's information. "
      "This clause grants no licence under any patent or copyright of the other party and does not permit disclosure of the source of the residuals.")
D.doc("nda_injunction", "Equitable relief for breach of confidence",
      "The Recipient acknowledges that damages alone may not be an adequate remedy for breach of this Agreement. "
      "Accordingly the Disclosing Party shall be entitled to seek an injunction, specific performance or other equitable relief for any threatened or actual breach, without proof of special damage.")
D.doc("nda_no_licence", "Ownership of disclosed information; no implied rights",
      "All Confidential Information remains the property of the Disclosing Party. "
      "No licence under any patent, copyright, trade mark or other intellectual property right is granted or implied by any disclosure. "
      "Information is provided 'as is' without any warranty as to its accuracy or completeness.")
D.doc("nda_no_deal", "No commitment to proceed with the transaction",
      "Neither party is obliged by this Agreement to enter into any further agreement or to proceed with the Proposed Transaction. "
      "Either party may end discussions at any time, for any reason, without liability to the other.")
D.doc("nda_nonsolicit", "Restriction on hiring the discloser's staff",
      "For twelve months from the date of this Agreement the Recipient shall not solicit for employment any employee of the Disclosing Party with whom it had contact during the evaluation. "
      "General recruitment advertisements not specifically targeted at such employees, and hiring anyone who responds to them, are not a breach of this clause.")
D.doc("nda_standstill", "Standstill on share acquisitions",
      "For a period of eighteen months the Bidder shall not, without the prior invitation of the Company's board, acquire or offer to acquire any shares in the Company, solicit proxies from its shareholders, or act in concert with any person seeking control of the Company.")
D.doc("nda_publicity", "Public announcements about the discussions",
      "Neither party shall make any public announcement concerning the existence of discussions or the terms of this Agreement without the prior written consent of the other party, except as required by law or by the rules of any securities exchange on which its shares are listed.")
D.doc("nda_dataroom", "Rules for the virtual data room",
      "Access to the virtual data room is limited to individuals registered by the Bidder in advance. "
      "Documents may be viewed on screen but not downloaded or printed, and all user activity is logged and may be reviewed by the Seller's advisers.")
D.doc("nda_tradesecret", "When information qualifies as a trade secret",
      "Information is generally treated as a trade secret where it is not generally known, derives commercial value from being secret, and has been subject to reasonable steps by its holder to keep it secret. "
      "Protection lasts for as long as those conditions continue to be met, with no fixed term.")
D.doc("nda_export", "Export control of technical data",
      "The Recipient shall not export, re-export or transfer any technical data received under this Agreement except in full compliance with applicable export control and sanctions laws, and shall obtain any required licence at its own cost.")
D.query("train", "how many years do NDA obligations last once the contract is terminated", "abbreviation numbers",
        pos=["nda_survival"], neg=["nda_term", "nda_mutual"])
D.query("train", "are trade secrets covered by the NDA indefinitely rather than for a fixed period", "abbreviation hard_negative",
        pos=["nda_survival"], neg=["nda_tradesecret", "nda_term"])
D.query("train", "two-way NDA where each side guards the other's secrets", "abbreviation hard_negative",
        pos=["nda_mutual"], neg=["nda_oneway", "nda_exclusions"])
D.query("train", "can we show the other company's secret documents to our lawyers and our bank", "lay_wording",
        pos=["nda_advisers"], neg=["nda_dataroom", "nda_mutual"])
D.query("train", "keeping backup copies after being asked to get rid of their files", "negation lay_wording",
        pos=["nda_return"], neg=["nda_dataroom", "nda_tradesecret"])
D.query("train", "can we get a judge to stop them leaking our secrets instead of just suing for money", "lay_wording",
        pos=["nda_injunction"], neg=["nda_publicity", "nda_mutual"])
D.query("train", "does receiving their confidential data give us any rights to use their IP", "abbreviation negation lay_wording",
        pos=["nda_no_licence"], neg=["nda_residuals", "nda_mutual"])
D.query("train", "NDA no-poach of staff during deal evaluation, exception for public job ads", "abbreviation negation hard_negative",
        pos=["nda_nonsolicit"], neg=["nda_exclusions", "nda_term"])
D.query("train", "what kinds of business information are protected, such as pricing and customer lists", "direct",
        pos=["nda_definition"], neg=["nda_marking", "nda_oneway"])
D.query("train", "potential buyer promises not to build up a stake in our company for a year and a half", "lay_wording numbers",
        pos=["nda_standstill"], neg=["nda_publicity", "nda_oneway"])
D.query("test", "NDA carve-out for info that is already public or that we created ourselves", "abbreviation negation hard_negative",
        pos=["nda_exclusions"], neg=["nda_definition", "nda_residuals"])
D.query("test", "a subpoena forces us to reveal a partner's secret information, what do we have to do first", "lay_wording",
        pos=["nda_compelled"], neg=["nda_whistle", "nda_advisers"])
D.query("test", "staff remembering ideas in their heads after seeing the other side's material", "lay_wording hard_negative",
        pos=["nda_residuals"], neg=["nda_clean_team", "nda_no_licence"])
D.query("test", "does signing an NDA oblige us to go ahead with the acquisition", "abbreviation negation",
        pos=["nda_no_deal"], neg=["nda_standstill", "nda_mutual"])
D.query("test", "ending the 2-year sharing period early with a month's notice", "numbers hard_negative",
        pos=["nda_term"], neg=["nda_survival", "nda_compelled"])
D.query("test", "one-sided NDA where only the company hands over information", "abbreviation hard_negative",
        pos=["nda_oneway"], neg=["nda_purpose", "nda_mutual"])
D.query("test", "is something said in a meeting protected if nobody said it was secret", "lay_wording negation",
        pos=["nda_marking"], neg=["nda_definition", "nda_exclusions"])

# ---------------------------------------------------------------- INDEMNITIES
D.topic("indemnity")
D.doc("ind_general", "Supplier indemnity for third-party claims",
      "The Supplier shall indemnify, defend and hold harmless the Customer and its officers and employees from and against all losses, damages, costs and expenses, including reasonable legal fees, arising out of any claim by a third party to the extent resulting from the negligence or wilful misconduct of the Supplier or its personnel.")
D.doc("ind_ip", "Intellectual property infringement indemnity",
      "The Vendor shall defend the Client against any claim that the Software, as delivered, infringes a third party's patent, copyright or trade mark, and shall pay any damages and costs finally awarded against the Client or agreed by the Vendor in settlement of such claim.")
D.doc("ind_ip_remedies", "Vendor options where software is alleged to infringe",
      "If the Software becomes, or in the Vendor's reasonable opinion is likely to become, the subject of an infringement claim, the Vendor may at its option and expense procure the right for the Client to continue using it, modify or replace it so that it becomes non-infringing without loss of material functionality, or terminate the licence and refund the prepaid fees for the unexpired term.")
D.doc("ind_ip_exclusions", "Limits on infringement cover",
      "The Vendor shall have no obligation in respect of any claim arising from modifications not made or authorised by the Vendor, from the combination of the Software with products not supplied by the Vendor, or from use of a superseded release where a non-infringing updated release had been made available to the Client.")
D.doc("ind_procedure", "Notice and conduct of indemnified claims",
      "The indemnified party shall notify the indemnifying party in writing of any claim promptly and in any event within fifteen business days of receiving it, shall allow the indemnifying party sole control of the defence and any settlement negotiations, and shall give reasonable assistance at the indemnifying party's expense. "
      "Failure to give timely notice relieves the indemnifying party only to the extent it is prejudiced.")
D.doc("ind_settlement", "Consent required for certain settlements",
      "The indemnifying party shall not settle any claim on terms that require an admission of fault by the indemnified party or impose on it any obligation other than the payment of money without the indemnified party's prior written consent, which shall not be unreasonably withheld or delayed.")
D.doc("ind_mutual", "Cross-indemnities for personal injury and property damage",
      "Each party shall indemnify the other against claims by third parties for death, bodily injury or damage to tangible property to the extent caused by the negligent acts or omissions of the indemnifying party, its employees or agents.")
D.doc("ind_vs_cap", "Indemnity payments and the aggregate cap",
      "Sums payable under the indemnities in Clause 12 shall not count towards, and are not limited by, the aggregate cap in Clause 14.2. "
      "They remain subject to the exclusion of indirect and consequential loss in Clause 14.3.")
D.doc("ind_first_party", "Indemnity extending to the Customer's own losses",
      "The indemnity in this clause is not confined to claims brought by third parties. "
      "It also covers losses suffered directly by the Customer, including forensic investigation costs and the cost of notifying affected individuals, as a result of any breach by the Supplier of its data security obligations.")
D.doc("ind_insurance", "Insurance supporting the indemnities",
      "The Contractor shall maintain with reputable insurers public liability insurance of not less than £5 million for any one occurrence and professional indemnity insurance of not less than £2 million in the aggregate, and shall produce certificates of cover on request.")
D.doc("ind_holdharmless", "Indemnify and hold harmless compared",
      "Drafters frequently pair 'indemnify' with 'hold harmless'. "
      "Some courts treat the two expressions as meaning the same thing, while others read 'hold harmless' as also shielding the protected party from claims brought by the indemnitor itself. "
      "Because the case law is inconsistent, careful drafting states expressly which losses and claims are covered rather than relying on the phrase.")
D.doc("ind_contrib_neg", "Reduction for the Customer's contributory fault",
      "The Supplier's liability under any indemnity in this Agreement shall be reduced in proportion to the extent that the relevant loss was caused or contributed to by the negligence, breach or wilful default of the Customer or its personnel.")
D.doc("ind_tax", "Tax covenant in a share purchase",
      "The Seller covenants to pay to the Buyer an amount equal to any Tax liability of the Target Company arising from events occurring on or before Completion. "
      "The covenant does not apply to the extent that the liability was provided for in the Completion Accounts or arises in the ordinary course of business after the Accounts Date.")
D.doc("ind_guarantee", "Parent company guarantee",
      "The Guarantor guarantees to the Customer the due and punctual performance by the Supplier of all its obligations under the Agreement. "
      "As a separate and independent obligation, the Guarantor shall pay on demand any sum the Supplier fails to pay, as if it were the principal obligor.")
D.doc("ind_contribution", "Contribution between parties liable for the same damage",
      "Where two or more persons are liable for the same damage, a person who has paid compensation may generally recover a contribution from the others. "
      "The amount is what the court finds just and equitable having regard to each person's responsibility for the damage.")
D.doc("ind_costs_basis", "Costs assessed on the indemnity basis",
      "When a court orders costs to be assessed on the indemnity basis, any doubt as to whether costs were reasonably incurred or reasonable in amount is resolved in favour of the receiving party. "
      "Such an order is usually made to mark unreasonable conduct by the paying party.")
D.query("train", "supplier has to pay our legal bills if its careless work gets us sued by someone else", "lay_wording",
        pos=["ind_general"], neg=["ind_mutual", "ind_costs_basis"])
D.query("train", "vendor covers us if someone claims the program copies their patent", "lay_wording",
        pos=["ind_ip"], neg=["ind_ip_remedies", "ind_first_party"])
D.query("train", "IP indemnity does not apply when the customer altered the software or mixed it with other products", "abbreviation negation hard_negative",
        pos=["ind_ip_exclusions"], neg=["ind_ip", "ind_general"])
D.query("train", "how quickly must we tell the other side about a lawsuit we want them to cover", "numbers lay_wording",
        pos=["ind_procedure"], neg=["ind_settlement", "ind_ip_exclusions"])
D.query("train", "are indemnity payouts limited by the LoL cap", "abbreviation negation hard_negative",
        pos=["ind_vs_cap"], neg=["ind_general", "ind_ip"])
D.query("train", "minimum amount of public liability cover the contractor must carry", "numbers lay_wording",
        pos=["ind_insurance"], neg=["ind_costs_basis", "ind_tax"])
D.query("train", "is there a difference between indemnify and hold harmless", "direct",
        pos=["ind_holdharmless"], neg=["ind_general", "ind_mutual"])
D.query("train", "seller pays the company's old tax bills from before the sale, except those already reserved for", "negation lay_wording",
        pos=["ind_tax"], neg=["ind_guarantee", "ind_general"])
D.query("test", "what can the vendor do if the licensed program is accused of infringing, like swapping it out or refunding", "lay_wording",
        pos=["ind_ip_remedies"], neg=["ind_ip", "ind_ip_exclusions"])
D.query("test", "can the party covering the claim agree a deal that admits guilt on our behalf without our OK", "negation hard_negative",
        pos=["ind_settlement"], neg=["ind_subrogation", "ind_procedure"])
D.query("test", "each side covers the other if its workers injure someone or break equipment", "lay_wording hard_negative",
        pos=["ind_mutual"], neg=["ind_general", "ind_settlement"])
D.query("test", "does the indemnity cover our own breach response costs, not just lawsuits from outsiders", "hard_negative",
        pos=["ind_first_party"], neg=["ind_defence_costs", "ind_general"])
D.query("test", "indemnity payout cut down when our own carelessness partly caused the loss", "negation lay_wording",
        pos=["ind_contrib_neg"], neg=["ind_defence_costs", "ind_contribution"])

# ---------------------------------------------------------------- LIMITATION OF LIABILITY
D.topic("lol")
D.doc("lol_cap", "Aggregate cap on each party's liability",
      "Each party's total liability arising under or in connection with this Agreement, whether in contract, tort (including negligence), breach of statutory duty or otherwise, shall not exceed an amount equal to the fees paid and payable in the twelve months preceding the event giving rise to the claim.")
D.doc("lol_cap_multiple", "Annual cap expressed as a percentage of charges",
      "The Provider's aggregate liability in respect of all claims arising in any Contract Year shall be limited to 150% of the Charges paid or payable in that Contract Year.")
D.doc("lol_consequential", "Exclusion of indirect and consequential loss",
      "Neither party shall be liable to the other for any indirect, special or consequential loss, or for any loss of profits, revenue, business, goodwill or anticipated savings, in each case whether direct or indirect, even if it was advised of the possibility of such loss.")
D.doc("lol_carveouts", "Liability that cannot be limited or excluded",
      "Nothing in this Agreement limits or excludes either party's liability for death or personal injury caused by its negligence, for fraud or fraudulent misrepresentation, or for any other liability which cannot be limited or excluded under applicable law.")
D.doc("lol_supercap", "Enhanced cap for data protection breaches",
      "Notwithstanding Clause 14.2, the Supplier's aggregate liability for breach of its obligations under the Data Protection Legislation shall not exceed the greater of £3,000,000 and three times the annual fees.")
D.doc("lol_ld", "Liquidated damages for late completion",
      "If the Contractor fails to achieve Completion by the Completion Date, it shall pay liquidated damages at the rate of 0.5% of the Contract Price for each week or part week of delay, up to a maximum of 10% of the Contract Price. "
      "The parties agree that this rate represents a genuine pre-estimate of the Employer's loss.")
D.doc("lol_ld_exclusive", "Liquidated damages as the exclusive remedy for delay",
      "Payment of liquidated damages shall be the Employer's sole and exclusive financial remedy for the Contractor's delay, without prejudice to the Employer's right to terminate once the maximum amount of liquidated damages has been reached.")
D.doc("lol_penalty", "Rule against penalties",
      "A clause requiring a party in breach to pay a sum may be unenforceable as a penalty if the detriment it imposes is out of all proportion to any legitimate interest of the innocent party in performance. "
      "Genuine pre-estimates of loss, and sums that protect a legitimate commercial interest, are generally upheld.")
D.doc("lol_time_limit", "Contractual time bar for notifying claims",
      "No claim may be brought under this Agreement unless written notice giving reasonable details of it is served within eighteen months after the claimant became aware, or ought reasonably to have become aware, of the circumstances giving rise to it.")
D.doc("lol_direct", "Losses agreed to be recoverable",
      "The parties agree that the following losses shall be treated as direct and recoverable: the additional cost of procuring replacement services for the remainder of the Term, wasted expenditure, regulatory fines to the extent lawfully recoverable, and the cost of reconstituting lost or corrupted data from the most recent backup.")
D.doc("lol_reasonable", "Reasonableness test for exclusion clauses",
      "Where one party contracts on the other's written standard terms of business, a clause excluding or restricting liability may be effective only if it satisfies a statutory test of reasonableness. "
      "Relevant factors include the parties' relative bargaining strength, whether the customer could have obtained insurance, and whether it could have contracted elsewhere without the clause.")
D.doc("lol_mitigation", "Obligation to mitigate loss",
      "Each party shall use reasonable endeavours to mitigate any loss it suffers as a result of the other party's breach. "
      "The party in default shall not be liable for any part of a loss that could have been avoided by taking such reasonable steps.")
D.doc("lol_basket", "De minimis and threshold for warranty claims",
      "The Seller shall not be liable for any warranty claim unless the amount of that claim exceeds £10,000 and the aggregate of all such claims exceeds £100,000, in which case the Seller shall be liable for the whole amount and not merely the excess.")
D.doc("lol_per_claim", "Limit per claim or series of connected claims",
      "The Consultant's liability in respect of any single claim, or series of claims arising from the same originating cause, shall not exceed £500,000.")
D.doc("lol_insured", "Liability limited to insurance proceeds",
      "The Contractor's liability under or in connection with this Contract shall be limited to the amount actually recovered under the professional indemnity insurance it is required to maintain.")
D.query("train", "LoL cap equal to one year of fees", "abbreviation numbers",
        pos=["lol_cap"], neg=["lol_cap_multiple", "lol_per_claim"])
D.query("train", "does the liability ceiling also apply to claims that the supplier was careless", "lay_wording hard_negative",
        pos=["lol_cap"], neg=["lol_carveouts", "lol_cap_multiple"])
D.query("train", "can we get back the profits we missed out on because the supplier failed", "lay_wording",
        pos=["lol_consequential"], neg=["lol_direct", "lol_supercap"])
D.query("train", "reputational harm and lost savings are not recoverable", "negation",
        pos=["lol_consequential"], neg=["lol_direct", "lol_cap"])
D.query("train", "separate higher limit for GDPR breach claims", "abbreviation numbers",
        pos=["lol_supercap"], neg=["lol_cap", "lol_per_claim"])
D.query("train", "is paying the weekly delay charge the only thing the employer can do about late completion", "negation hard_negative",
        pos=["lol_ld_exclusive"], neg=["lol_ld", "lol_sections"])
D.query("train", "can a court strike down an excessive charge for breaking the contract", "lay_wording hard_negative",
        pos=["lol_penalty"], neg=["lol_ld", "lol_cap"])
D.query("train", "which damages stay claimable despite the consequential loss exclusion, like re-sourcing and data restoration", "hard_negative",
        pos=["lol_direct"], neg=["lol_consequential", "lol_ld"])
D.query("train", "do we have to try to keep our losses down after the supplier breaks the contract", "lay_wording",
        pos=["lol_mitigation"], neg=["lol_reasonable", "lol_cap"])
D.query("train", "small warranty claims under 10k ignored, and once the threshold is crossed the seller pays from the first pound", "numbers negation lay_wording",
        pos=["lol_basket"], neg=["lol_per_claim", "lol_spa_claims"])
D.query("test", "LoL set at 1.5x the yearly charges", "abbreviation numbers",
        pos=["lol_cap_multiple"], neg=["lol_cap", "lol_consequential"])
D.query("test", "what liability is never subject to the cap, for example cheating or someone getting killed", "negation hard_negative",
        pos=["lol_carveouts"], neg=["lol_cap", "lol_cap_multiple"])
D.query("test", "fixed amount per week the builder pays for finishing late and the maximum", "numbers lay_wording",
        pos=["lol_ld"], neg=["lol_sections", "lol_ld_exclusive"])
D.query("test", "deadline under the contract to notify claims, 18 months", "numbers hard_negative",
        pos=["lol_time_limit"], neg=["lol_spa_claims", "lol_cap"])
D.query("test", "are one-sided standard terms that limit liability always enforceable", "lay_wording",
        pos=["lol_reasonable"], neg=["lol_penalty", "lol_per_claim"])

# ---------------------------------------------------------------- FORCE MAJEURE
D.topic("fm")
D.doc("fm_definition", "Definition of Force Majeure Event",
      "'Force Majeure Event' means any event or circumstance beyond the reasonable control of the affected party, including acts of God, flood, fire, earthquake, windstorm, war, terrorism, riot, civil commotion, epidemic, embargo, acts of government and failure of public utility networks.")
D.doc("fm_relief", "Relief from liability during force majeure",
      "Neither party shall be in breach of this Agreement nor liable for delay in performing, or failure to perform, any of its obligations if such delay or failure results from a Force Majeure Event. "
      "The time for performance shall be extended by a period equivalent to that during which performance is so prevented.")
D.doc("fm_notice", "Notification of a force majeure event",
      "The affected party shall notify the other party in writing within five days of becoming aware of the Force Majeure Event, stating its nature, likely duration and the obligations affected, and shall use all reasonable endeavours to mitigate its effects.")
D.doc("fm_prolonged", "Termination after prolonged force majeure",
      "If a Force Majeure Event prevents, hinders or delays performance for a continuous period of more than ninety days, the party not affected may terminate this Agreement by giving fourteen days' written notice to the affected party.")
D.doc("fm_payment", "Payment obligations not suspended",
      "For the avoidance of doubt, a Force Majeure Event shall not excuse or delay any obligation to pay money that has fallen due. "
      "Lack of funds or inability to obtain financing shall not constitute a Force Majeure Event.")
D.doc("fm_exclusions", "Matters that are not force majeure",
      "The following shall not constitute Force Majeure Events: strikes or other industrial action by the affected party's own workforce; default of a subcontractor or supplier unless itself caused by a Force Majeure Event; and changes in market conditions that make performance more costly.")
D.doc("fm_frustration", "Frustration of contract",
      "Where a contract contains no express provision, it may be discharged by frustration if a supervening event, not caused by either party, makes performance impossible or radically different from what was contemplated. "
      "The doctrine is applied narrowly and is not triggered merely because performance has become more expensive or onerous.")
D.doc("fm_pandemic", "Public health restrictions affecting the Works",
      "Where restrictions imposed by a public authority to control the spread of disease delay the Works, the Contractor shall be entitled to an extension of time but not to additional payment, unless the restrictions were first announced after the Contract Date.")
D.doc("fm_allocation", "Allocation of supply during a shortage",
      "If a Force Majeure Event reduces the quantity of Products the Supplier is able to deliver, it may allocate its available output among its customers on a fair and reasonable basis. "
      "The Supplier shall not be obliged to purchase Products from third parties to make up any shortfall.")
D.doc("fm_bcp", "Business continuity plan and relief",
      "The Supplier shall maintain, and test at least once a year, a business continuity and disaster recovery plan. "
      "The Supplier shall not be entitled to relief for a Force Majeure Event to the extent that its effects would have been avoided had the Supplier implemented that plan.")
D.doc("fm_hardship", "Hardship and renegotiation",
      "If an event occurs that fundamentally alters the economic balance of this Agreement without rendering performance impossible, the parties shall meet to renegotiate the pricing in good faith. "
      "If they fail to agree within sixty days, either party may refer the matter to expert determination.")
D.doc("fm_weather", "Exceptionally adverse weather on site",
      "Exceptionally adverse weather conditions at the Site entitle the Contractor to an extension of the time for completion, but do not entitle it to recover loss and expense. "
      "Weather is exceptional only if it is worse than the ten-year average for the location and time of year.")
D.doc("fm_sanctions", "Suspension to comply with sanctions",
      "Neither party shall be required to perform any obligation under this Agreement if doing so would expose it to sanctions imposed by any governmental authority. "
      "Suspension of performance on this ground shall not constitute a breach.")
D.doc("fm_bi_insurance", "Business interruption insurance",
      "Business interruption cover compensates the insured for loss of gross profit following physical damage to insured property. "
      "Standard wordings generally do not respond to losses caused by a disease outbreak or government closure order where no physical damage has occurred.")
D.query("train", "which acts of God and other uncontrollable events count, like storms or a war", "lay_wording",
        pos=["fm_definition"], neg=["fm_bi_insurance", "fm_exclusions"])
D.query("train", "is a trade embargo or a power grid failure listed as an excusing event", "hard_negative",
        pos=["fm_definition"], neg=["fm_sanctions", "fm_relief"])
D.query("train", "FM notice within 5 days, what must it say", "abbreviation numbers",
        pos=["fm_notice"], neg=["fm_prolonged", "fm_hardship"])
D.query("train", "does FM let the customer put off paying invoices", "abbreviation negation hard_negative",
        pos=["fm_payment"], neg=["fm_relief", "fm_backup"])
D.query("train", "no clause for disasters in our contract, is it automatically cancelled if performing becomes impossible", "lay_wording hard_negative",
        pos=["fm_frustration"], neg=["fm_relief", "fm_pandemic"])
D.query("train", "supplier short of stock after a disaster, can it ration deliveries between its customers", "lay_wording",
        pos=["fm_allocation"], neg=["fm_exclusions", "fm_bcp"])
D.query("train", "costs exploded but delivery is still possible, can we reopen the price", "lay_wording hard_negative",
        pos=["fm_hardship"], neg=["fm_frustration", "fm_pandemic"])
D.query("test", "can they sue me if a storm stops the delivery", "lay_wording",
        pos=["fm_relief"], neg=["fm_definition", "fm_weather"])
D.query("test", "can either side exit the contract if the disaster drags on over three months", "numbers hard_negative",
        pos=["fm_prolonged"], neg=["fm_notice", "fm_frustration"])
D.query("test", "FM exclusions such as a walkout by our own employees or rising costs", "abbreviation negation",
        pos=["fm_exclusions"], neg=["fm_definition", "fm_relief"])
D.query("test", "covid lockdown holds up the builder: more time allowed but extra money?", "lay_wording negation",
        pos=["fm_pandemic"], neg=["fm_change_in_law", "fm_weather"])
D.query("test", "no FM relief where the BCP/DR plan would have prevented the outage", "abbreviation negation hard_negative",
        pos=["fm_bcp"], neg=["fm_backup", "fm_relief"])

# ---------------------------------------------------------------- TERMINATION
D.topic("termination")
D.doc("term_convenience", "Termination for convenience by the Customer",
      "The Customer may terminate this Agreement at any time and for any reason by giving the Supplier not less than sixty days' prior written notice. "
      "The Customer shall pay all fees for Services properly performed up to the effective date of termination.")
D.doc("term_breach", "Termination for material breach",
      "Either party may terminate this Agreement with immediate effect by written notice if the other party commits a material breach which is incapable of remedy or, if remediable, is not remedied within thirty days after receipt of notice specifying the breach and requiring it to be remedied.")
D.doc("term_insolvency", "Termination on insolvency events",
      "Either party may terminate this Agreement immediately by written notice if the other party becomes unable to pay its debts as they fall due, has a receiver, administrator or liquidator appointed over any of its assets, enters into any composition or arrangement with its creditors, or ceases to carry on business.")
D.doc("term_effects", "Consequences of termination",
      "On termination of this Agreement all licences granted under it shall immediately cease, each party shall return any property of the other in its possession, and the Customer shall pay all outstanding invoices within thirty days. "
      "Termination shall not affect any rights or remedies that have accrued as at the date of termination.")
D.doc("term_survival", "Provisions that survive termination",
      "Clauses 8 (Confidentiality), 11 (Indemnities), 12 (Limitation of Liability) and 19 (Governing Law and Jurisdiction) shall survive termination or expiry of this Agreement, as shall any other provision which by its nature is intended to continue in force.")
D.doc("term_exit", "Exit assistance after termination",
      "For up to six months following termination or expiry, the Supplier shall provide such assistance as the Customer reasonably requires to ensure an orderly transfer of the Services to the Customer or a replacement provider, charged at the rates set out in Schedule 3.")
D.doc("term_renewal", "Automatic renewal and non-renewal notice",
      "This Agreement shall continue for an initial term of three years and shall then renew automatically for successive periods of twelve months, unless either party gives written notice of non-renewal at least ninety days before the end of the then-current term.")
D.doc("term_repudiation", "Repudiatory breach at common law",
      "A breach that goes to the root of the contract, or a clear refusal by one party to perform, is repudiatory. "
      "The innocent party may elect either to affirm the contract and claim damages, or to accept the repudiation, treat itself as discharged from further performance and claim damages for loss of the bargain.")
D.doc("term_suspension", "Suspension of services for non-payment",
      "If any undisputed invoice remains unpaid for more than forty-five days after its due date, the Supplier may, without prejudice to its other rights, suspend performance of the Services on ten days' written notice until payment is received in full.")
D.doc("term_coc", "Termination on change of control of the Supplier",
      "The Customer may terminate this Agreement by written notice given within ninety days after it becomes aware that the Supplier has undergone a change of control. "
      "A change of control occurs when any person acquires, directly or indirectly, more than fifty per cent of the voting shares in the Supplier.")
D.doc("term_persistent", "Persistent minor breaches treated as material",
      "A series of breaches, none of which is material on its own, that together demonstrate a persistent failure by the Supplier to perform the Services in accordance with the Service Levels shall be deemed a material breach for the purposes of Clause 17.2.")
D.doc("term_etc", "Early termination charge",
      "If the Customer terminates for convenience during the Minimum Term, it shall pay an early termination charge equal to the recurring charges that would have been payable for the remainder of the Minimum Term, discounted at the rate of 5% per annum.")
D.doc("term_data", "Return of customer data on exit",
      "Within thirty days after termination the Supplier shall deliver to the Customer a complete copy of the Customer Data in a commonly used, machine-readable format, after which the Supplier may delete the Customer Data from its systems.")
D.doc("term_expiry", "Expiry at the end of a fixed term",
      "This Agreement shall commence on the Effective Date and shall expire automatically at the end of the Initial Term, without the need for either party to give notice.")
D.doc("term_stepin", "Customer step-in rights",
      "If the Supplier fails to provide a Critical Service, the Customer may, itself or through a third party, take over the affected Service for as long as reasonably necessary. "
      "The Supplier shall cooperate fully and shall bear the additional costs reasonably incurred by the Customer in doing so.")
D.doc("term_remediation", "Remediation plan for service failures",
      "Where the Supplier fails the same Service Level on two occasions in any quarter, it shall within ten business days submit a remediation plan explaining the root cause and the steps it will take to prevent recurrence.")
D.query("train", "can the client walk away without giving a reason, and how much warning is needed", "lay_wording numbers hard_negative",
        pos=["term_convenience"], neg=["term_breach", "term_etc"])
D.query("train", "if the customer ends the deal without cause does it still owe for work already done", "negation",
        pos=["term_convenience"], neg=["term_etc", "term_effects"])
D.query("train", "ending the contract if the other company goes bust", "lay_wording",
        pos=["term_insolvency"], neg=["term_coc", "term_repudiation"])
D.query("train", "which contract terms keep applying after the agreement is over", "hard_negative",
        pos=["term_survival"], neg=["term_effects", "nda_survival"])
D.query("train", "stop the contract rolling over, deadline to opt out", "numbers lay_wording",
        pos=["term_renewal"], neg=["term_expiry", "term_exit"])
D.query("train", "how long is the first commitment before it starts renewing year by year", "numbers",
        pos=["term_renewal"], neg=["term_expiry", "term_stepin"])
D.query("train", "can the supplier stop working if we're a month and a half late paying", "numbers hard_negative",
        pos=["term_suspension"], neg=["term_breach", "term_convenience"])
D.query("train", "repeated small SLA misses counted as grounds to terminate", "abbreviation hard_negative",
        pos=["term_persistent"], neg=["term_remediation", "term_convenience"])
D.query("train", "getting all our records back in a usable format when we leave the platform", "lay_wording hard_negative",
        pos=["term_data"], neg=["term_exit", "term_convenience"])
D.query("test", "how long does a party get to fix a serious default before the other side can end the deal", "numbers hard_negative",
        pos=["term_breach"], neg=["term_suspension", "term_persistent"])
D.query("test", "what happens to licences and unpaid invoices once the agreement ends", "direct",
        pos=["term_effects"], neg=["term_survival", "term_convenience"])
D.query("test", "vendor has to help us move to a new provider after the contract ends, for how long", "lay_wording numbers",
        pos=["term_exit"], neg=["term_staff_transfer", "term_data"])
D.query("test", "the other side says it simply won't perform, can we treat the contract as over", "lay_wording",
        pos=["term_repudiation"], neg=["term_breach", "term_insolvency"])
D.query("test", "vendor gets bought by another company, can we cancel", "lay_wording numbers hard_negative",
        pos=["term_coc"], neg=["term_coc_notice", "term_insolvency"])
D.query("test", "fee if we cancel before the minimum commitment period ends", "lay_wording numbers",
        pos=["term_etc"], neg=["term_minimum", "term_convenience"])

# ---------------------------------------------------------------- GOVERNING LAW AND DISPUTES
D.topic("disputes")
D.doc("gov_law", "Choice of governing law",
      "This Agreement and any dispute or claim, including non-contractual disputes or claims, arising out of or in connection with it or its subject matter or formation shall be governed by and construed in accordance with the law of England and Wales.")
D.doc("gov_jurisdiction", "Exclusive jurisdiction of the courts",
      "Each party irrevocably agrees that the courts of the City of Westbridge shall have exclusive jurisdiction to settle any dispute arising out of or in connection with this Agreement, and waives any objection to proceedings in those courts on the ground of venue or that the proceedings have been brought in an inconvenient forum.")
D.doc("gov_nonexclusive", "Non-exclusive submission to jurisdiction",
      "The parties submit to the non-exclusive jurisdiction of the courts of Singapore. "
      "Nothing in this clause limits the right of a party to bring proceedings in any other court of competent jurisdiction, including proceedings to enforce a judgment, nor does the taking of proceedings in one jurisdiction preclude proceedings in another.")
D.doc("gov_arbitration", "Arbitration of disputes",
      "Any dispute arising out of or in connection with this Agreement shall be referred to and finally resolved by arbitration under the rules of the designated arbitral institution. "
      "The tribunal shall consist of three arbitrators, the seat of arbitration shall be London and the language of the arbitration shall be English.")
D.doc("gov_escalation", "Escalation to senior management",
      "Before commencing any proceedings, a party shall refer the dispute to the parties' project managers and, if it is not resolved within ten business days, to their chief executives, who shall meet within a further ten business days to attempt in good faith to resolve it.")
D.doc("gov_mediation", "Mediation before litigation",
      "If the dispute is not resolved by negotiation, the parties shall attempt to settle it by mediation under the model procedure of a recognised mediation body. "
      "No party may commence court proceedings until thirty days after the appointment of the mediator, except to seek urgent interim relief.")
D.doc("gov_jury", "Waiver of jury trial",
      "To the fullest extent permitted by applicable law, each party knowingly and voluntarily waives any right it may have to a trial by jury in any action or proceeding arising out of or relating to this Agreement.")
D.doc("gov_expert", "Expert determination of the earn-out",
      "Any dispute regarding the calculation of the Earn-Out Payment shall be referred to an independent firm of chartered accountants acting as an expert and not as an arbitrator. "
      "The expert's determination shall be final and binding on the parties save in the case of fraud or manifest error.")
D.doc("gov_continue", "Continued performance during a dispute",
      "Pending final resolution of any dispute, each party shall continue to perform its obligations under this Agreement, and the Supplier shall not suspend or withhold the Services by reason of the existence of the dispute.")
D.doc("gov_cisg", "Exclusion of the international sales convention",
      "The United Nations Convention on Contracts for the International Sale of Goods shall not apply to this Agreement or to any purchase order issued under it.")
D.doc("gov_newyork", "Cross-border enforcement of arbitral awards",
      "An arbitral award can usually be enforced in the courts of any of the many states that are party to the 1958 New York Convention, subject to narrow grounds for refusal. "
      "This international enforceability is a principal reason why parties to cross-border contracts choose arbitration over litigation in national courts.")
D.doc("gov_renvoi", "Exclusion of conflict of laws rules",
      "References to the governing law are to the internal law of the chosen state, excluding any choice of law or conflict of laws rules that would otherwise require the application of the law of another jurisdiction.")
D.doc("gov_language", "Language of the agreement",
      "This Agreement is made in the English language. "
      "If it is translated into any other language, the English text shall prevail in the event of any inconsistency.")
D.doc("gov_consumer", "Jurisdiction clauses in consumer contracts",
      "Terms that require a consumer to bring claims only in a distant or foreign forum are frequently unenforceable, and consumers can usually sue a trader in the courts of the place where they live.")
D.doc("gov_arb_confidential", "Privacy of arbitration proceedings",
      "Unlike most court hearings, arbitration hearings take place in private, and parties commonly agree that the award and any documents produced in the arbitration are to be kept confidential.")
D.query("train", "which legal system governs the agreement including claims not based on the contract itself", "direct hard_negative",
        pos=["gov_law"], neg=["gov_renvoi", "gov_jurisdiction"])
D.query("train", "can we still sue in another country even though a specific court was named", "negation hard_negative",
        pos=["gov_nonexclusive"], neg=["gov_jurisdiction", "gov_mediation"])
D.query("train", "a private panel of 3 decision makers instead of going to court", "lay_wording numbers",
        pos=["gov_arbitration"], neg=["gov_arb_confidential", "gov_nonexclusive"])
D.query("train", "where is the seat and what language for the arbitral proceedings", "direct",
        pos=["gov_arbitration"], neg=["gov_language", "gov_award_challenge"])
D.query("train", "compulsory ADR step before suing, with an exception for urgent injunctions", "abbreviation negation",
        pos=["gov_mediation"], neg=["gov_escalation", "gov_law"])
D.query("train", "an accountant decides the earn-out figure and it can only be challenged for obvious mistakes", "negation lay_wording",
        pos=["gov_expert"], neg=["gov_arbitration", "gov_award_challenge"])
D.query("train", "CISG excluded from the contract", "abbreviation negation",
        pos=["gov_cisg"], neg=["gov_law", "gov_jurisdiction"])
D.query("train", "stop the chosen law from pointing us to another country's law", "negation hard_negative",
        pos=["gov_renvoi"], neg=["gov_law", "gov_nonexclusive"])
D.query("test", "where must lawsuits about the deal be filed, and can we object that the court is inconvenient", "lay_wording hard_negative",
        pos=["gov_jurisdiction"], neg=["gov_nonexclusive", "gov_consumer"])
D.query("test", "must senior bosses meet before either side can go to court", "lay_wording numbers",
        pos=["gov_escalation"], neg=["gov_steering", "gov_mediation"])
D.query("test", "giving up the right to have ordinary citizens decide the case", "lay_wording",
        pos=["gov_jury"], neg=["gov_judge_alone", "gov_jurisdiction"])
D.query("test", "can the supplier halt services while we argue over an invoice", "negation lay_wording",
        pos=["gov_continue"], neg=["term_suspension", "gov_law"])
D.query("test", "why choose arbitration for an international deal, getting the decision enforced abroad", "direct hard_negative",
        pos=["gov_newyork"], neg=["gov_award_challenge", "gov_arbitration", "gov_arb_confidential"])

# ---------------------------------------------------------------- ASSIGNMENT AND SUBCONTRACTING
D.topic("assignment")
D.doc("asg_prohibit", "Restriction on assignment and transfer",
      "Neither party may assign, transfer, charge, subcontract or otherwise deal with any of its rights or obligations under this Agreement without the prior written consent of the other party, such consent not to be unreasonably withheld or delayed.")
D.doc("asg_affiliate", "Assignment within the corporate group",
      "Notwithstanding Clause 22.1, either party may assign this Agreement without consent to any of its Affiliates, provided that it gives the other party written notice and remains jointly and severally liable for the Affiliate's performance.")
D.doc("asg_merger", "Assignment on merger or sale of business",
      "Either party may assign this Agreement without consent to a successor in connection with a merger, reorganisation or sale of all or substantially all of its assets or business, provided that the successor is not a competitor of the other party and agrees in writing to be bound by this Agreement.")
D.doc("asg_void", "Assignments made in breach are void",
      "Any purported assignment, transfer or delegation in violation of this clause shall be null and void and of no effect as against the other party.")
D.doc("asg_novation", "Novation distinguished from assignment",
      "An assignment transfers the benefit of a contract but not its burden, so the assignor remains liable for performance. "
      "To transfer obligations so that the original party is released, a novation is required; it needs the agreement of all three parties and takes effect as a new contract.")
D.doc("asg_subcontract", "Subcontracting and responsibility for subcontractors",
      "The Supplier may subcontract the performance of any of its obligations only with the Customer's prior written approval, and shall remain responsible for all acts and omissions of its subcontractors as if they were its own.")
D.doc("asg_receivables", "Assignment of the right to payment",
      "Nothing in this clause prevents the Supplier from assigning its right to receive payment under this Agreement to a bank, factoring company or other financial institution, whether outright or by way of security.")
D.doc("asg_personal", "Contracts for personal services",
      "Contracts that depend on personal skill or confidence, such as the engagement of a named consultant, are generally not assignable without consent even where the contract is silent, because the counterparty bargained for performance by that particular individual.")
D.doc("asg_third_party", "Rights of third parties excluded",
      "A person who is not a party to this Agreement shall have no right to enforce any of its terms, except that the persons indemnified under Clause 11 may enforce their rights under that clause, subject to the other terms of this Agreement.")
D.doc("asg_flowdown", "Flow-down of terms to subcontractors",
      "The Supplier shall ensure that each subcontract contains provisions on confidentiality, data protection, audit and anti-bribery that are no less onerous than those in this Agreement, and shall provide copies of those provisions to the Customer on request.")
D.doc("asg_name_change", "Change of corporate name",
      "A change in the corporate name of a party does not constitute an assignment of this Agreement and requires only written notice to the other party, accompanied by a copy of the certificate of change of name.")
D.doc("asg_no_agency", "No partnership or agency",
      "Nothing in this Agreement creates a partnership, joint venture or relationship of principal and agent between the parties, and neither party has authority to bind the other or to incur any liability on its behalf.")
D.query("train", "can we hand the contract over to another business without asking first", "lay_wording",
        pos=["asg_prohibit"], neg=["asg_affiliate", "asg_merger"])
D.query("train", "can the other party refuse on a whim when we want to transfer the contract", "negation",
        pos=["asg_prohibit"], neg=["asg_void", "asg_novation"])
D.query("train", "if we sell our business, can the buyer take over the contract without permission", "negation lay_wording hard_negative",
        pos=["asg_merger"], neg=["asg_prohibit", "term_coc"])
D.query("train", "how do we get released from our obligations when passing a contract to a new party", "lay_wording hard_negative",
        pos=["asg_novation"], neg=["asg_prohibit", "asg_affiliate"])
D.query("train", "can the supplier sell its invoices to a financing company", "lay_wording negation",
        pos=["asg_receivables"], neg=["asg_prohibit", "asg_subcontract"])
D.query("train", "can a company that didn't sign the contract enforce it", "negation lay_wording",
        pos=["asg_third_party"], neg=["asg_no_agency", "asg_novation"])
D.query("train", "do subcontractors have to accept the same privacy and audit terms", "hard_negative",
        pos=["asg_flowdown"], neg=["asg_subcontract", "asg_third_party"])
D.query("test", "transfer the agreement to our sister company without needing approval", "negation hard_negative",
        pos=["asg_affiliate"], neg=["asg_prohibit", "asg_merger"])
D.query("test", "what happens if someone transfers the contract without permission", "negation hard_negative",
        pos=["asg_void"], neg=["asg_prohibit", "asg_novation"])
D.query("test", "can the vendor outsource part of the work to another firm, and who is on the hook", "lay_wording",
        pos=["asg_subcontract"], neg=["asg_flowdown", "asg_prohibit"])
D.query("test", "we hired one particular consultant, can they send someone else instead", "lay_wording",
        pos=["asg_personal"], neg=["asg_subcontract", "asg_prohibit"])

# ---------------------------------------------------------------- INTELLECTUAL PROPERTY
D.topic("ip")
D.doc("ip_wmfh", "Deliverables as works made for hire",
      "All Deliverables created by the Contractor under this Agreement shall, to the extent permitted by law, be deemed works made for hire for the Client. "
      "To the extent any Deliverable does not qualify as such, the Contractor hereby assigns to the Client all right, title and interest in and to it, including all copyright and related rights.")
D.doc("ip_background", "Retention of Background IP",
      "Each party retains ownership of its Background IP, meaning intellectual property rights owned by or licensed to it before the Effective Date or developed independently of this Agreement. "
      "Nothing in this Agreement transfers any Background IP from one party to the other.")
D.doc("ip_bg_licence", "Licence of developer materials embedded in deliverables",
      "To the extent that any Background IP of the Developer is incorporated in the Deliverables, the Developer grants the Client a non-exclusive, perpetual, irrevocable, royalty-free licence to use, copy and modify that Background IP as part of the Deliverables.")
D.doc("ip_moral", "Waiver of moral rights",
      "The Author irrevocably and unconditionally waives all moral rights in the Works, including the right to be identified as author and the right to object to derogatory treatment of the Works, to the extent that such rights may lawfully be waived.")
D.doc("ip_feedback", "Use of customer feedback",
      "If the Customer provides suggestions, comments or other feedback about the Platform, the Provider may use and incorporate that feedback in its products and services without restriction and without any obligation to compensate the Customer.")
D.doc("ip_oss", "Restrictions on open source components",
      "The Supplier shall not incorporate into the Deliverables any open source software licensed on terms that would require disclosure or distribution of the Client's proprietary source code, or grant third parties rights in it, without the Client's prior written consent.")
D.doc("ip_further", "Further assurance for transfer of rights",
      "The Assignor shall, at the Assignee's cost, execute all documents and do all acts reasonably required to perfect and record the assignment of the Assigned Rights, including filings with patent and trade mark registries in any country.")
D.doc("ip_licence_scope", "Scope of the software licence",
      "Subject to payment of the Fees, the Licensor grants the Licensee a non-exclusive, non-transferable licence, without the right to sublicense, to use the Software for its internal business purposes within the Territory during the Term.")
D.doc("ip_escrow", "Source code escrow",
      "The Licensor shall deposit the source code of the Software, with build instructions, with an independent escrow agent and update the deposit with each major release. "
      "The Licensee shall be entitled to release of the deposit if the Licensor becomes insolvent or ceases to maintain the Software.")
D.doc("ip_joint", "Jointly developed inventions",
      "Inventions conceived jointly by personnel of both parties shall be owned by the parties jointly in equal shares. "
      "Each party may exploit a joint invention without accounting to the other, but neither may grant an exclusive licence of it without the other's written consent.")
D.doc("ip_tm_licence", "Quality control in a trade mark licence",
      "The Licensee shall use the Marks only in the form approved by the Licensor and shall ensure that all goods sold under the Marks meet the Licensor's quality standards, supplying representative samples for inspection on request.")
D.doc("ip_prosecution", "Filing and maintenance of licensed patents",
      "The Owner shall have the first right to prepare, file, prosecute and maintain patent applications for the Licensed Patents at its own cost. "
      "If it decides not to do so in any country, it shall notify the Licensee, who may file in its own name and at its own expense.")
D.doc("ip_royalty", "Royalty rate and sales reports",
      "The Licensee shall pay the Licensor a royalty of 6% of Net Sales of Licensed Products. "
      "Payments shall be accompanied by a report of Net Sales by country, delivered within thirty days after the end of each calendar quarter.")
D.doc("ip_tm_registration", "Registering a trade mark",
      "A trade mark application must identify the sign and the goods or services for which protection is sought. "
      "Once registered, a mark can generally be renewed indefinitely in ten-year periods, provided it is used.")
D.doc("ip_copyright_term", "Duration of copyright protection",
      "Copyright in literary works, which include computer programs, generally lasts for the life of the author plus seventy years. "
      "Some systems give works created for hire or by corporate authors a fixed term measured from publication instead.")
D.doc("ip_patentability", "Requirements for patentability",
      "To be patentable an invention must be new, involve an inventive step and be capable of industrial application. "
      "Public disclosure of the invention before the filing date can destroy its novelty.")
D.query("train", "who owns the code we paid the freelancer to write", "lay_wording abbreviation",
        pos=["ip_wmfh"], neg=["ip_background", "ip_copyright_term"])
D.query("train", "fallback if the deliverables don't count as commissioned works", "negation hard_negative",
        pos=["ip_wmfh"], neg=["ip_bg_licence", "ip_moral"])
D.query("train", "the developer's own existing tools are built into the product we bought, can we keep using them", "lay_wording hard_negative",
        pos=["ip_bg_licence"], neg=["ip_background", "ip_prosecution"])
D.query("train", "can the software company use our improvement ideas for free", "lay_wording",
        pos=["ip_feedback"], neg=["ip_joint", "ip_improvements"])
D.query("train", "must the seller sign paperwork so that our ownership of the patents is recorded", "lay_wording",
        pos=["ip_further"], neg=["ip_prosecution", "ip_background"])
D.query("train", "getting access to the program's underlying code if the vendor goes out of business", "lay_wording",
        pos=["ip_escrow"], neg=["ip_oss", "ip_licence_scope"])
D.query("train", "TM licensing: brand owner checking product standards", "abbreviation",
        pos=["ip_tm_licence"], neg=["ip_tm_registration", "ip_prosecution"])
D.query("train", "who handles and pays for patent applications under the licence deal", "lay_wording",
        pos=["ip_prosecution"], neg=["ip_patentability", "ip_joint_application"])
D.query("train", "what percentage of sales goes to the patent owner and how often is it reported", "numbers lay_wording",
        pos=["ip_royalty"], neg=["ip_prosecution", "ip_further"])
D.query("test", "supplier keeps its pre-existing IPR", "abbreviation negation hard_negative",
        pos=["ip_background"], neg=["ip_improvements", "ip_bg_licence", "ip_wmfh"])
D.query("test", "designer insists on being credited and objects to us editing their artwork", "lay_wording",
        pos=["ip_moral"], neg=["ip_copyright_term", "ip_wmfh"])
D.query("test", "no copyleft OSS such as GPL code in the deliverables unless approved", "abbreviation negation",
        pos=["ip_oss"], neg=["ip_oss_notices", "ip_escrow"])
D.query("test", "can we let our own customers use the program we licensed", "negation lay_wording",
        pos=["ip_licence_scope"], neg=["ip_bg_licence", "ip_prosecution"])
D.query("test", "who owns something both teams invented together", "hard_negative",
        pos=["ip_joint"], neg=["ip_joint_application", "ip_wmfh"])

# ---------------------------------------------------------------- WARRANTIES
D.topic("warranty")
D.doc("war_disclaimer", "Disclaimer of implied warranties",
      "Except as expressly stated in this Agreement, the Software is provided 'as is', and all implied warranties and conditions, including those of merchantability, satisfactory quality and fitness for a particular purpose, are excluded to the fullest extent permitted by law.")
D.doc("war_performance", "Software performance warranty",
      "The Supplier warrants that for a period of ninety days from delivery the Software will perform materially in accordance with the Documentation when used in the recommended operating environment.")
D.doc("war_remedy", "Exclusive remedy for warranty breach",
      "The Customer's sole remedy for breach of the warranty in Clause 9.1 shall be, at the Supplier's option, the correction of the non-conformity within a reasonable time or a refund of the licence fee paid for the non-conforming Software.")
D.doc("war_authority", "Warranty of capacity and authority",
      "Each party warrants that it has full power and authority to enter into and perform this Agreement, that it has obtained all necessary corporate approvals, and that doing so will not breach any other agreement by which it is bound.")
D.doc("war_goods", "Warranty of goods against defects",
      "The Seller warrants that on delivery, and for a period of twelve months thereafter, the Goods shall conform in all material respects with the Specification and be free from defects in design, material and workmanship.")
D.doc("war_goods_excl", "Circumstances excluded from the goods warranty",
      "The Seller shall not be liable for a defect in the Goods arising from fair wear and tear, wilful damage, negligence, abnormal storage or working conditions, failure to follow the Seller's instructions, or alteration or repair of the Goods without the Seller's consent.")
D.doc("war_rep_vs_war", "Representations and warranties distinguished",
      "A representation is a statement of existing fact made to induce a party to enter into the contract; if it is untrue, the innocent party may be entitled to rescind and to claim damages for misrepresentation. "
      "A warranty is a contractual promise, breach of which gives rise to a claim for damages but not usually a right to rescind.")
D.doc("war_non_reliance", "Non-reliance on pre-contract statements",
      "Each party acknowledges that in entering into this Agreement it has not relied on any statement, representation, assurance or warranty that is not expressly set out in this Agreement, and shall have no remedy in respect of any such statement, except in the case of fraud.")
D.doc("war_malware", "No malicious code",
      "The Supplier warrants that it will use industry-standard measures to ensure that the Software, at the time of delivery, does not contain any virus, time bomb, Trojan horse, worm or other malicious code.")
D.doc("war_compliance", "Compliance with laws",
      "The Supplier warrants that it will perform the Services in compliance with all applicable laws, including anti-bribery and anti-slavery legislation, and that it holds and will maintain all licences, permits and consents required for that purpose.")
D.doc("war_sqp", "Implied term of satisfactory quality",
      "Where goods are sold in the course of a business, statute generally implies a term that they are of satisfactory quality, meaning the standard a reasonable person would regard as satisfactory taking account of their description, price and all other relevant circumstances.")
D.doc("war_title", "Retention of title and passing of risk",
      "Risk in the Goods shall pass to the Buyer on delivery. "
      "Title to the Goods shall not pass to the Buyer until the Seller has received payment in full for them and for all other goods supplied to the Buyer.")
D.doc("war_consumer_guarantee", "Manufacturer's guarantee to consumers",
      "A voluntary guarantee offered by a manufacturer to consumers is in addition to, and does not reduce, the consumer's statutory rights against the retailer who sold the goods.")
D.doc("war_disclosure", "Disclosure against sale warranties",
      "The Seller's warranties are qualified by the matters fairly disclosed in the Disclosure Letter, and the Buyer shall not be entitled to claim for breach of warranty in respect of any matter so disclosed.")
D.doc("war_support", "Support response and resolution times",
      "The Supplier shall provide second-line support during Business Hours and shall respond to Priority 1 incidents within one hour and use reasonable endeavours to resolve them within eight hours.")
D.query("train", "the vendor makes no promise that the program will suit what we need it for", "negation lay_wording",
        pos=["war_disclaimer"], neg=["war_performance", "war_rep_vs_war"])
D.query("train", "exclusion of merchantability in a software contract", "direct",
        pos=["war_disclaimer"], neg=["war_sqp", "war_performance"])
D.query("train", "only remedy for a buggy product is a fix or our money back", "negation hard_negative",
        pos=["war_remedy"], neg=["war_disclaimer", "war_non_reliance"])
D.query("train", "factory faults in delivered products showing up within a year", "numbers lay_wording",
        pos=["war_goods"], neg=["war_goods_excl", "war_remedy"])
D.query("train", "difference between a false statement before signing and a broken promise in the contract", "hard_negative lay_wording",
        pos=["war_rep_vs_war"], neg=["war_non_reliance", "war_disclaimer"])
D.query("train", "promise that the software contains no malware", "lay_wording",
        pos=["war_malware"], neg=["war_performance", "war_disclaimer"])
D.query("train", "legal standard for goods bought from a business to be good enough", "lay_wording",
        pos=["war_sqp"], neg=["war_consumer_guarantee", "war_goods"])
D.query("train", "we received the goods but have not paid yet, who owns them", "lay_wording hard_negative",
        pos=["war_title"], neg=["war_goods", "war_remedy"])
D.query("test", "how long does the vendor promise the software will work as described", "numbers lay_wording",
        pos=["war_performance"], neg=["war_documentation", "war_goods", "war_support"])
D.query("test", "assurance that the signing company is legally allowed to enter the deal", "direct hard_negative",
        pos=["war_authority"], neg=["war_compliance", "war_rep_vs_war"])
D.query("test", "manufacturer refuses to cover faults because we modified or mishandled the machine ourselves", "negation lay_wording hard_negative",
        pos=["war_goods_excl"], neg=["war_goods", "war_consumer_guarantee"])
D.query("test", "sales pitch claims that were never written into the contract", "negation lay_wording",
        pos=["war_non_reliance"], neg=["war_rep_vs_war", "war_gifts"])
D.query("test", "supplier promises to obey anti-corruption laws", "direct",
        pos=["war_compliance"], neg=["war_gifts", "war_authority"])

# ---------------------------------------------------------------- EMPLOYMENT
D.topic("employment")
D.doc("emp_noncompete", "Post-termination non-competition covenant",
      "For six months after the Termination Date the Employee shall not, within the Restricted Territory, be engaged or concerned in any business which competes with any part of the Company's business in which the Employee was materially involved during the final twelve months of employment.")
D.doc("emp_nonsolicit", "Non-solicitation of clients",
      "For twelve months after the Termination Date the Employee shall not solicit or deal with any person who was a client of the Company during the twelve months before that date and with whom the Employee had material dealings.")
D.doc("emp_nonpoach", "Non-poaching of employees",
      "For twelve months after the Termination Date the Employee shall not induce or attempt to induce any senior employee of the Company with whom they worked to leave the Company's employment.")
D.doc("emp_garden", "Garden leave during notice",
      "During all or any part of any notice period the Company may require the Employee to remain away from work, not to contact clients, suppliers or colleagues, and to perform no duties, while continuing to receive full salary and contractual benefits.")
D.doc("emp_notice", "Notice periods for ending employment",
      "After successful completion of the probationary period, either party may terminate the Employee's employment by giving three months' written notice. "
      "During the probationary period one week's notice applies on either side.")
D.doc("emp_probation", "Probationary period and its extension",
      "The first six months of employment are probationary. "
      "The Company may extend the probationary period by up to three further months if the Employee's performance has not been satisfactory, and will confirm in writing when probation has been completed.")
D.doc("emp_pilon", "Payment in lieu of notice",
      "The Company may, in its sole discretion, terminate the Employee's employment with immediate effect by paying basic salary in lieu of the unexpired notice period. "
      "The payment shall not include any bonus, commission, holiday accrual or benefits for that period.")
D.doc("emp_inventions", "Inventions made by employees",
      "All inventions, designs, software and other works created by the Employee in the course of employment, or using the Company's resources, shall belong to the Company. "
      "The Employee shall promptly disclose them and shall sign any document needed to vest the rights in the Company.")
D.doc("emp_atwill", "At-will nature of employment",
      "Employment with the Company is at will, meaning that either the Employee or the Company may end the employment relationship at any time, with or without cause or advance notice, subject only to applicable law.")
D.doc("emp_gross", "Summary dismissal for gross misconduct",
      "The Company may terminate employment without notice or payment in lieu of notice in cases of gross misconduct, including dishonesty, theft, violence, serious insubordination or serious breach of health and safety rules.")
D.doc("emp_covenants", "Enforceability of restrictive covenants",
      "Post-employment restrictions are void as restraints of trade unless they protect a legitimate business interest, such as trade secrets, client connections or workforce stability, and go no further than reasonably necessary in duration, geographic area and scope of activity.")
D.doc("emp_severance", "Severance conditional on a release",
      "Subject to the Employee signing, and not revoking, a general release of claims in the form provided by the Company, the Company shall pay severance equal to two weeks' base salary for each full year of service, subject to a minimum of eight weeks' base salary.")
D.doc("emp_holiday", "Annual leave entitlement",
      "The Employee is entitled to 25 working days' paid holiday in each holiday year in addition to public holidays. "
      "Up to five days of unused entitlement may be carried forward into the next holiday year; any other unused holiday is forfeited.")
D.doc("emp_contractor", "Status of an independent contractor",
      "The Consultant is engaged as an independent contractor and not as an employee, and is responsible for all income tax and social security contributions on the fees paid. "
      "Nothing in this Agreement creates a relationship of employment.")
D.doc("emp_bonus", "Discretionary bonus scheme",
      "Any bonus is payable at the absolute discretion of the Company. "
      "No bonus shall be payable to an Employee who, on the payment date, has given or received notice of termination or is no longer employed.")
D.doc("emp_confidentiality", "Employee duty of confidentiality",
      "The Employee shall not, during or after employment, use or disclose any trade secret or confidential information of the Company, other than in the proper performance of their duties or as required by law.")
D.doc("emp_whistle", "Protected disclosures permitted",
      "Nothing in this Agreement prevents the Employee from making a protected disclosure to a regulator or law enforcement agency about suspected wrongdoing, from reporting a criminal offence, or from disclosing information where required by law.")
D.doc("emp_hours", "Normal working hours",
      "The Employee's normal hours of work are 9.00 am to 5.30 pm, Monday to Friday, together with such additional hours as are necessary for the proper performance of the role, for which no additional pay is due.")
D.doc("emp_sickpay", "Sick pay during absence",
      "The Employee shall receive full basic salary for up to ten working days of sickness absence in any rolling twelve-month period, and thereafter statutory sick pay only.")
D.doc("emp_disciplinary", "Stages of the disciplinary procedure",
      "The Company's disciplinary procedure, which does not form part of the contract of employment, provides for an informal discussion, a written warning and a final written warning before dismissal for misconduct.")
D.query("train", "how long after quitting am I barred from working for a rival", "lay_wording numbers",
        pos=["emp_noncompete"], neg=["emp_nonsolicit", "emp_covenants"])
D.query("train", "competition ban limited to the parts of the business I worked in during my last year", "numbers",
        pos=["emp_noncompete"], neg=["emp_nonsolicit", "emp_side_projects"])
D.query("train", "ex-employee recruiting their former colleagues", "lay_wording hard_negative",
        pos=["emp_nonpoach"], neg=["emp_nonsolicit", "nda_nonsolicit"])
D.query("train", "how much notice do I give to resign while still on my trial period", "numbers lay_wording",
        pos=["emp_notice"], neg=["emp_probation", "emp_garden"])
D.query("train", "how long must I warn my employer before leaving once I've passed probation", "numbers lay_wording",
        pos=["emp_notice"], neg=["emp_probation", "emp_client_property"])
D.query("train", "PILON excludes bonus and benefits", "abbreviation negation",
        pos=["emp_pilon"], neg=["emp_bonus", "emp_garden"])
D.query("train", "can my boss fire me for no reason without any warning", "lay_wording",
        pos=["emp_atwill"], neg=["emp_gross", "emp_disciplinary"])
D.query("train", "will a court enforce a ban on working in my industry after I leave", "lay_wording hard_negative",
        pos=["emp_covenants"], neg=["emp_noncompete", "emp_holiday"])
D.query("train", "how many vacation days can roll over to next year", "numbers lay_wording",
        pos=["emp_holiday"], neg=["emp_sickpay", "emp_severance"])
D.query("train", "do I still get my bonus if I've resigned before it's paid out", "negation lay_wording",
        pos=["emp_bonus"], neg=["emp_pilon", "emp_holiday"])
D.query("train", "can I tell my next employer about my old company's secret recipes", "lay_wording hard_negative",
        pos=["emp_confidentiality"], neg=["emp_whistle", "emp_noncompete"])
D.query("train", "does my confidentiality clause stop me reporting fraud to the authorities", "negation lay_wording",
        pos=["emp_whistle"], neg=["emp_confidentiality", "emp_noncompete"])
D.query("test", "after leaving can I contact customers I worked with in my final year", "lay_wording numbers hard_negative",
        pos=["emp_nonsolicit"], neg=["emp_client_property", "emp_nonpoach", "emp_noncompete"])
D.query("test", "employer tells me to stay away from the office but keeps paying me while I serve notice", "lay_wording",
        pos=["emp_garden"], neg=["emp_pilon", "emp_notice"])
D.query("test", "can my trial period be made longer", "numbers hard_negative",
        pos=["emp_probation"], neg=["emp_notice", "emp_garden"])
D.query("test", "who owns the app I built at work", "lay_wording",
        pos=["emp_inventions"], neg=["emp_side_projects", "ip_wmfh"])
D.query("test", "fired on the spot without notice pay for stealing", "lay_wording negation",
        pos=["emp_gross"], neg=["emp_suspension", "emp_disciplinary"])
D.query("test", "how much redundancy pay per year worked and what do I need to sign", "numbers lay_wording",
        pos=["emp_severance"], neg=["emp_redundancy_consult", "emp_pilon"])
D.query("test", "freelancer not on the payroll, who pays their taxes", "lay_wording hard_negative",
        pos=["emp_contractor"], neg=["asg_no_agency", "emp_noncompete"])

# ---------------------------------------------------------------- LEASES
D.topic("lease")
D.doc("lease_review", "Upward-only open market rent review",
      "On each Review Date the Annual Rent shall be reviewed to the higher of the rent payable immediately before the Review Date and the open market rent determined in accordance with this Schedule, so that the rent cannot fall on review.")
D.doc("lease_index", "Index-linked rent increases",
      "On each anniversary of the Term Commencement Date the Annual Rent shall increase by the percentage change in the consumer price index over the preceding twelve months, subject to a minimum increase of 1% and a maximum increase of 4% in any year.")
D.doc("lease_deposit", "Rent deposit and its return",
      "The Tenant shall pay the Landlord a deposit equal to three months' rent, which the Landlord may apply towards any unpaid rent or the cost of remedying the Tenant's breaches. "
      "The Landlord shall return the balance within sixty days after the end of the Term.")
D.doc("lease_repair", "Tenant's repairing covenant",
      "The Tenant shall keep the interior of the Premises in good and substantial repair and condition. "
      "The Tenant shall not be liable to repair damage caused by an Insured Risk unless the insurance money is withheld because of the Tenant's act or default.")
D.doc("lease_break", "Tenant's break option",
      "The Tenant may terminate this Lease on the fifth anniversary of the Term Commencement Date by giving the Landlord at least six months' prior written notice, provided that on the break date it has paid all the Annual Rent due and gives vacant possession of the Premises.")
D.doc("lease_quiet", "Covenant for quiet enjoyment",
      "The Landlord covenants that the Tenant, paying the rents and observing its obligations, may peaceably hold and enjoy the Premises during the Term without any interruption by the Landlord or any person lawfully claiming under or in trust for the Landlord.")
D.doc("lease_alienation", "Dealings with the lease",
      "The Tenant shall not assign the whole of this Lease without the Landlord's consent, which shall not be unreasonably withheld. "
      "The Tenant shall not underlet, part with or share possession or occupation of the whole or any part of the Premises.")
D.doc("lease_holdover", "Holding over after the end of the Term",
      "If the Tenant remains in occupation after the end of the Term without the Landlord's written consent, it shall pay mesne profits at double the daily rate of the Annual Rent for the whole period of holding over.")
D.doc("lease_service", "Service charge for common parts",
      "The Tenant shall pay a fair proportion of the costs incurred by the Landlord in maintaining, repairing, insuring and managing the common parts of the Building, payable quarterly in advance on account, with an annual reconciliation against actual expenditure.")
D.doc("lease_use", "Permitted use of the premises",
      "The Tenant shall use the Premises only as offices within the relevant planning use class. "
      "The Tenant shall not use the Premises for residential purposes or for any noisy, offensive or dangerous trade.")
D.doc("lease_forfeiture", "Landlord's right of re-entry",
      "If any rent is unpaid twenty-one days after becoming due, whether or not formally demanded, or if the Tenant breaches any covenant in this Lease, the Landlord may re-enter the Premises, whereupon the Term shall end, without prejudice to any claim for prior breaches.")
D.doc("lease_rentfree", "Rent-free period at lease start",
      "The Tenant shall not be required to pay the Annual Rent for the first six months of the Term. "
      "The service charge and insurance rent shall nevertheless be payable from the Term Commencement Date.")
D.doc("lease_dilaps", "Yielding up at the end of the Term",
      "At the end of the Term the Tenant shall, if so required by the Landlord, remove its alterations and make good any damage caused by their removal, and shall yield up the Premises in the state of repair and condition required by this Lease.")
D.doc("lease_insurance", "Insurance of the building",
      "The Landlord shall insure the Building against the Insured Risks for its full reinstatement cost, including professional fees and three years' loss of rent. "
      "The Tenant shall repay the proportion of the insurance premium attributable to the Premises.")
D.doc("lease_res_deposit", "Protection of residential tenancy deposits",
      "In many residential tenancies the landlord must place the tenant's deposit in an authorised protection scheme within a set period after receiving it and give the tenant prescribed information about the scheme.")
D.doc("lease_alterations", "Alterations to the premises",
      "The Tenant shall not make any structural alterations to the Premises. "
      "The Tenant may make internal non-structural alterations only with the Landlord's consent, which shall not be unreasonably withheld.")
D.doc("lease_entry", "Landlord's right of entry",
      "The Landlord may enter the Premises on reasonable prior notice, except in an emergency, to inspect their condition, to carry out works to adjoining property, or to show the Premises to prospective purchasers.")
D.query("train", "can the landlord's rent adjustment ever lower what we pay", "negation lay_wording",
        pos=["lease_review"], neg=["lease_index", "lease_deposit"])
D.query("train", "when do I get my deposit back after moving out", "lay_wording numbers",
        pos=["lease_deposit"], neg=["lease_res_deposit", "lease_entry"])
D.query("train", "landlord dipping into the deposit to cover rent we didn't pay", "lay_wording",
        pos=["lease_deposit"], neg=["lease_forfeiture", "lease_holdover"])
D.query("train", "can we leave the office lease early after five years", "lay_wording numbers hard_negative",
        pos=["lease_break"], neg=["lease_holdover", "lease_alienation"])
D.query("train", "conditions for a tenant's break option to be valid: rent paid and premises empty", "direct hard_negative",
        pos=["lease_break"], neg=["lease_dilaps", "lease_forfeiture"])
D.query("train", "can I rent out part of my shop to someone else", "lay_wording negation hard_negative",
        pos=["lease_alienation"], neg=["lease_use", "asg_prohibit"])
D.query("train", "paying our share of the upkeep of shared areas in the building", "lay_wording",
        pos=["lease_service"], neg=["lease_insurance", "lease_quiet"])
D.query("train", "can the landlord take the premises back when rent is three weeks late", "lay_wording numbers",
        pos=["lease_forfeiture"], neg=["lease_deposit", "lease_insurance"])
D.query("train", "what do we need to do to the building when we move out at the end", "lay_wording",
        pos=["lease_dilaps"], neg=["lease_alterations", "lease_deposit"])
D.query("train", "who pays for the building's property cover in a commercial lease", "lay_wording",
        pos=["lease_insurance"], neg=["lease_service", "lease_break"])
D.query("test", "rent tied to CPI with a floor of 1% and a ceiling of 4%", "abbreviation numbers",
        pos=["lease_index"], neg=["lease_review", "lease_deposit"])
D.query("test", "does the renter have to fix damage from a fire", "negation lay_wording",
        pos=["lease_repair"], neg=["lease_rent_suspension", "lease_insurance"])
D.query("test", "the landlord keeps coming in and disturbing my business", "lay_wording hard_negative",
        pos=["lease_quiet"], neg=["lease_entry", "lease_access_hours"])
D.query("test", "staying in the premises after the lease runs out, what do we pay", "lay_wording numbers",
        pos=["lease_holdover"], neg=["lease_break", "lease_alienation"])
D.query("test", "can we live in the commercial office we rent", "negation lay_wording",
        pos=["lease_use"], neg=["lease_access_hours", "lease_alienation"])
D.query("test", "first half year free of rent, do we still pay the other charges", "negation numbers lay_wording",
        pos=["lease_rentfree"], neg=["lease_turnover", "lease_service"])

# ---------------------------------------------------------------- DATA PROTECTION
D.topic("dataprot")
D.doc("dp_processor", "Core obligations of the processor",
      "The Processor shall process Personal Data only on the documented instructions of the Controller, including with regard to transfers, unless required to do otherwise by law. "
      "It shall ensure that persons authorised to process the Personal Data are bound by confidentiality.")
D.doc("dp_security", "Security of processing",
      "Taking into account the state of the art, the costs of implementation and the risks to individuals, the Processor shall implement measures such as pseudonymisation and encryption of personal data, the ability to restore availability and access in a timely manner after an incident, and regular testing of the effectiveness of those measures.")
D.doc("dp_subprocessor", "Engagement of sub-processors",
      "The Processor shall not engage another processor without the Controller's prior specific or general written authorisation. "
      "Where general authorisation is given, the Processor shall inform the Controller at least thirty days in advance of any intended addition or replacement, giving the Controller the opportunity to object.")
D.doc("dp_breach", "Notification of breaches to the controller",
      "The Processor shall notify the Controller without undue delay, and in any event within 24 hours, after becoming aware of a Personal Data Breach. "
      "The notice shall describe the nature of the breach, the categories and approximate number of individuals and records concerned, and the measures taken to address it.")
D.doc("dp_breach_sa", "Notifying the supervisory authority of a breach",
      "The controller must notify a personal data breach to the competent supervisory authority without undue delay and, where feasible, not later than 72 hours after becoming aware of it. "
      "Notification is not required where the breach is unlikely to result in a risk to the rights and freedoms of natural persons.")
D.doc("dp_transfer", "Transfers outside the European Economic Area",
      "The Processor shall not transfer Personal Data to any country outside the European Economic Area unless appropriate safeguards are in place, such as the standard contractual clauses approved by the European Commission, together with any supplementary measures needed to ensure an essentially equivalent level of protection.")
D.doc("dp_rights", "Assistance with requests from individuals",
      "Taking into account the nature of the processing, the Processor shall assist the Controller by appropriate technical and organisational measures in responding to requests from individuals exercising their rights of access, rectification, erasure, restriction, portability and objection.")
D.doc("dp_deletion", "Deletion or return of personal data",
      "At the end of the provision of the Services, the Processor shall at the Controller's choice delete or return all Personal Data and delete existing copies, unless applicable law requires the Processor to retain them.")
D.doc("dp_audit", "Compliance information and inspections",
      "The Processor shall make available to the Controller all information necessary to demonstrate compliance with this Addendum and allow for audits, including inspections, by the Controller or an auditor it mandates, on not less than thirty days' notice and not more than once in any twelve-month period.")
D.doc("dp_roles", "Controllers and processors distinguished",
      "A controller determines the purposes and means of processing personal data, while a processor processes it on the controller's behalf. "
      "A service provider that decides for its own ends how the data will be used may itself become a controller of that data.")
D.doc("dp_dpia", "Assistance with impact assessments",
      "The Processor shall provide reasonable assistance to the Controller with any data protection impact assessment, and any prior consultation with a supervisory authority, that the Controller reasonably considers to be required in relation to the processing.")
D.doc("dp_lawful", "Lawful bases for processing",
      "Processing of personal data is lawful only if a recognised basis applies: consent, performance of a contract with the individual, compliance with a legal obligation, protection of vital interests, a task in the public interest, or legitimate interests that are not overridden by the individual's rights.")
D.doc("dp_special", "Special categories of personal data",
      "Neither party shall process under this Agreement any special categories of personal data, such as data revealing racial or ethnic origin, political opinions, religious beliefs, health or sexual orientation, unless such data is expressly described in Annex 1.")
D.doc("dp_retention", "Storage limitation and retention schedule",
      "Personal data shall be kept in identifiable form for no longer than is necessary for the purposes for which it is processed. "
      "The Company's retention schedule sets a default period of six years after the end of the customer relationship, after which records are deleted or anonymised.")
D.doc("dp_cookies", "Consent for cookies and trackers",
      "Cookies and similar tracking technologies that are not strictly necessary to provide the service requested by the user may be placed on a device only with the user's prior consent. "
      "Consent must be freely given and as easy to withdraw as to give.")
D.doc("dp_marketing", "Right to object to direct marketing",
      "Individuals have an absolute right to object to the processing of their personal data for direct marketing, and every marketing email must offer a simple means of unsubscribing.")
D.doc("dp_dpo", "Data protection officer",
      "The Company has appointed a data protection officer who may be contacted on any matter concerning the processing of personal data and who reports directly to the board.")
D.doc("dp_notice", "Information to be given at collection",
      "When personal data is collected, individuals must be told the identity of the controller, the purposes and legal basis of the processing, the recipients of the data, how long it will be kept and what rights they have.")
D.query("train", "DPA: vendor may only use our data the way we tell it to", "abbreviation lay_wording",
        pos=["dp_processor"], neg=["dp_roles", "dp_lawful"])
D.query("train", "what technical safeguards like scrambling the data must a service provider put in place", "lay_wording",
        pos=["dp_security"], neg=["dp_processor", "dp_transfer"])
D.query("train", "how fast must the vendor tell us about a hack exposing customer records", "numbers lay_wording hard_negative",
        pos=["dp_breach"], neg=["dp_breach_sa", "dp_retention"])
D.query("train", "what details must the provider give when reporting a data leak to us", "lay_wording",
        pos=["dp_breach"], neg=["dp_notice", "dp_roles"])
D.query("train", "SCCs for sending EU customer data to a US vendor", "abbreviation",
        pos=["dp_transfer"], neg=["dp_subprocessor", "dp_retention"])
D.query("train", "are model clauses alone enough when exporting personal information abroad", "hard_negative",
        pos=["dp_transfer"], neg=["dp_security", "dp_notice"])
D.query("train", "must the vendor wipe our customers' data when the contract ends, unless the law says keep it", "negation lay_wording",
        pos=["dp_deletion"], neg=["dp_retention", "term_data"])
D.query("train", "who decides what happens to customer data, us or the cloud provider", "lay_wording hard_negative",
        pos=["dp_roles"], neg=["dp_processor", "dp_retention"])
D.query("train", "do we need customers' permission to use their information or are there other grounds", "lay_wording",
        pos=["dp_lawful"], neg=["dp_cookies", "dp_audit"])
D.query("train", "how long can we keep records about former customers", "numbers lay_wording",
        pos=["dp_retention"], neg=["dp_deletion", "dp_breach"])
D.query("test", "DPA notice period before the vendor adds a new sub-processor", "abbreviation numbers hard_negative",
        pos=["dp_subprocessor"], neg=["dp_subproc_liability", "dp_processor", "asg_subcontract"])
D.query("test", "72h GDPR reporting to the regulator, when is it not needed", "abbreviation numbers negation hard_negative",
        pos=["dp_breach_sa"], neg=["dp_breach", "dp_transfer"])
D.query("test", "vendor help answering DSARs and right-to-be-forgotten requests", "abbreviation lay_wording",
        pos=["dp_rights"], neg=["dp_marketing", "dp_processor"])
D.query("test", "how often can we inspect the provider's handling of personal data", "numbers lay_wording",
        pos=["dp_audit"], neg=["dp_security", "dp_roles"])
D.query("test", "DPIA support from the processor", "abbreviation",
        pos=["dp_dpia"], neg=["dp_dpo", "dp_processor"])
D.query("test", "medical or religious information about people is off limits unless listed", "negation lay_wording",
        pos=["dp_special"], neg=["dp_criminal", "dp_lawful"])
D.query("test", "website tracking needs visitors' permission except for the essential ones", "lay_wording negation",
        pos=["dp_cookies"], neg=["dp_marketing", "dp_processor"])

# ---------------------------------------------------------------- LITIGATION PROCEDURE
D.topic("litigation")
D.doc("lit_limitation", "Limitation periods for contract claims",
      "An action for breach of a simple contract must generally be commenced within six years from the date on which the cause of action accrued. "
      "A claim on a contract executed as a deed may benefit from a longer period of twelve years.")
D.doc("lit_disclosure", "Disclosure of documents",
      "Parties to litigation must generally disclose the documents on which they rely and those which adversely affect their own case or support another party's case, subject to any valid claim of privilege. "
      "They must also preserve relevant documents, including electronic records, as soon as litigation is contemplated.")
D.doc("lit_privilege", "Legal professional privilege",
      "Confidential communications between a client and its lawyer made for the purpose of giving or receiving legal advice are privileged from production. "
      "Communications with third parties, such as consultants, are privileged only if made for the dominant purpose of actual or reasonably contemplated litigation.")
D.doc("lit_wp", "Without prejudice negotiations",
      "Genuine attempts to settle an existing dispute, whether oral or in writing, are generally inadmissible as evidence of any admission, so that parties can negotiate freely. "
      "The protection does not extend to open correspondence, nor where it would act as a cloak for unambiguous impropriety.")
D.doc("lit_summary", "Summary judgment without a trial",
      "The court may decide a claim or a particular issue without a full trial if it considers that the claimant or defendant has no real prospect of succeeding on it and there is no other compelling reason why the case should be disposed of at trial.")
D.doc("lit_interim", "Interim injunctions before trial",
      "An interim injunction may be granted before trial where there is a serious question to be tried, damages would not be an adequate remedy, and the balance of convenience favours granting relief. "
      "The applicant is usually required to give a cross-undertaking in damages.")
D.doc("lit_service", "Service of proceedings",
      "A claim must be formally served on the defendant by a permitted method, such as personal delivery or post to an address for service. "
      "Commercial contracts with foreign parties often appoint an agent for service of process in the chosen jurisdiction to avoid the delay of serving abroad.")
D.doc("lit_costs", "Costs follow the event",
      "The general rule is that the unsuccessful party is ordered to pay the costs of the successful party. "
      "The court may make a different order having regard to the parties' conduct, any partial success and any admissible offers to settle.")
D.doc("lit_pleadings", "Claim form and defence",
      "Proceedings start with a claim form and particulars of claim containing a concise statement of the facts relied on. "
      "The defendant must file a defence stating which allegations it admits, which it denies with its reasons, and which it is unable to admit or deny and requires the claimant to prove.")
D.doc("lit_default", "Judgment in default",
      "If a defendant fails to acknowledge service or to file a defence within the time allowed, the claimant may obtain judgment in default without a trial. "
      "The court may set aside a default judgment where the defendant shows a real prospect of successfully defending the claim.")
D.doc("lit_security", "Security for costs",
      "A defendant may apply for an order requiring the claimant to give security for the defendant's costs, for example where the claimant is resident outside the jurisdiction or is a company and there is reason to believe it will be unable to pay the defendant's costs if ordered to do so.")
D.doc("lit_offers", "Formal settlement offers with costs consequences",
      "A formal written offer to settle made under the relevant procedural rule can shift costs and interest against a party who rejects it and then fails to obtain a better result at trial. "
      "The regime is intended to encourage realistic offers and early settlement.")
D.doc("lit_expert", "Duties of expert witnesses",
      "An expert witness owes an overriding duty to the court, which takes precedence over any obligation to the party instructing or paying them. "
      "Expert evidence is restricted to that which is reasonably required to resolve the proceedings.")
D.doc("lit_group", "Group and representative actions",
      "Where many claims give rise to common or related issues of fact or law, the court may manage them together under a group litigation order, and some systems permit a representative or class action brought on behalf of all persons with the same interest.")
D.doc("lit_preaction", "Conduct before issuing proceedings",
      "Before starting proceedings the parties are expected to exchange enough information to understand each other's position, to consider alternative dispute resolution and to try to settle. "
      "An unreasonable failure to do so may be penalised in costs.")
D.doc("lit_appeal", "Permission to appeal",
      "An appeal generally requires permission, which is granted only where the appeal would have a real prospect of success or there is some other compelling reason for it to be heard. "
      "The appeal court does not usually rehear the evidence.")
D.doc("lit_enforce", "Enforcing a money judgment",
      "A judgment creditor whose judgment remains unpaid may enforce it by methods such as seizure and sale of goods, a charging order over land, a third-party debt order against money held in the debtor's bank account, or an attachment of earnings order.")
D.doc("lit_freezing", "Freezing injunctions over assets",
      "A freezing injunction restrains a defendant from removing or dealing with assets up to a specified value pending trial, where there is a good arguable case and a real risk that a judgment would otherwise go unsatisfied.")
D.doc("lit_witness", "Form of witness statements",
      "A witness statement must set out, in the witness's own words, the evidence that the witness would be allowed to give orally, and must be verified by a statement of truth.")
D.doc("lit_strikeout", "Striking out a statement of case",
      "The court may strike out a statement of case that discloses no reasonable grounds for bringing or defending the claim, that is an abuse of process, or where a party has failed to comply with a rule or order.")
D.query("train", "how long do I have to sue over a broken contract", "lay_wording numbers",
        pos=["lit_limitation"], neg=["lol_time_limit", "lit_appeal"])
D.query("train", "time limit for bringing a claim under a deed", "numbers",
        pos=["lit_limitation"], neg=["lol_time_limit", "lit_default"])
D.query("train", "are messages with our attorney shielded from being shown to the other side", "lay_wording negation hard_negative",
        pos=["lit_privilege"], neg=["lit_wp", "lit_disclosure"])
D.query("train", "is a report from an outside consultant protected if it was prepared mainly for the lawsuit", "negation hard_negative",
        pos=["lit_privilege"], neg=["lit_expert", "lit_security"])
D.query("train", "getting a case ended early because the other side's argument is hopeless", "lay_wording hard_negative",
        pos=["lit_summary"], neg=["lit_strikeout", "lit_default"])
D.query("train", "how to officially deliver lawsuit papers to an overseas company", "lay_wording",
        pos=["lit_service"], neg=["lit_default", "lit_security"])
D.query("train", "what does the company need to write when responding to a lawsuit", "lay_wording",
        pos=["lit_pleadings"], neg=["lit_witness", "lit_security"])
D.query("train", "making a shell company that sues us put money up front in case it loses", "lay_wording hard_negative",
        pos=["lit_security"], neg=["lit_freezing", "lit_disclosure"])
D.query("train", "is the specialist we hire to testify working for our side", "lay_wording hard_negative",
        pos=["lit_expert"], neg=["lit_witness", "lit_limitation"])
D.query("train", "what is expected before filing suit, exchanging letters and trying ADR", "lay_wording abbreviation hard_negative",
        pos=["lit_preaction"], neg=["gov_mediation", "lit_limitation"])
D.query("train", "can we challenge the judge's decision in a higher court", "lay_wording",
        pos=["lit_appeal"], neg=["lit_summary", "lit_costs"])
D.query("train", "the other side lost but won't pay, how do we collect", "lay_wording",
        pos=["lit_enforce"], neg=["lit_freezing", "lit_summary"])
D.query("test", "do we have to hand over emails that hurt our case in the lawsuit", "lay_wording hard_negative",
        pos=["lit_disclosure"], neg=["lit_privilege", "lit_summary"])
D.query("test", "can our settlement offer letter be used against us in court", "lay_wording negation",
        pos=["lit_wp"], neg=["lit_offers", "lit_summary"])
D.query("test", "emergency court order to stop the other side before the full hearing, what must we show", "lay_wording hard_negative",
        pos=["lit_interim"], neg=["lit_freezing", "nda_injunction"])
D.query("test", "does the loser pay the winner's legal fees", "lay_wording",
        pos=["lit_costs"], neg=["com_own_costs", "ind_costs_basis"])
D.query("test", "what happens if we ignore the court papers", "lay_wording negation",
        pos=["lit_default"], neg=["lit_service", "lit_summary"])
D.query("test", "penalty for turning down a settlement offer and then doing worse at trial", "lay_wording hard_negative",
        pos=["lit_offers"], neg=["lit_settlement_agreement", "lit_wp"])
D.query("test", "lots of customers suing together over the same problem", "lay_wording",
        pos=["lit_group"], neg=["lit_limitation", "lit_disclosure"])

# ---------------------------------------------------------------- COMMERCIAL TERMS AND BOILERPLATE
D.topic("commercial")
D.doc("com_credits", "Service credits for missed availability",
      "If Availability in any calendar month falls below 99.9%, the Provider shall credit the Customer with 5% of the monthly fees for each 0.1% by which Availability falls short, up to a maximum of 25% of the monthly fees for that month.")
D.doc("com_credits_sole", "Service credits as the exclusive remedy",
      "Service credits are a price adjustment reflecting the reduced value of the Services. "
      "Save where the Customer terminates for material breach, service credits are the Customer's sole and exclusive remedy for any failure to meet the Availability target.")
D.doc("com_downtime_excl", "Downtime excluded from the availability calculation",
      "Downtime caused by scheduled maintenance notified to the Customer at least 48 hours in advance, by the Customer's own equipment or software, or by events outside the Provider's reasonable control shall be disregarded when calculating Availability.")
D.doc("com_precedence", "Order of precedence between contract documents",
      "In the event of any conflict or inconsistency between the documents forming this Agreement, the following order of precedence shall apply: the Master Services Agreement, then the Data Processing Agreement, then each Statement of Work, and then the Schedules.")
D.doc("com_sow", "Statements of work under the master agreement",
      "Each project shall be described in a Statement of Work setting out the services, deliverables, milestones, acceptance criteria and charges. "
      "Each Statement of Work forms a separate contract incorporating the terms of this Master Agreement.")
D.doc("com_loi", "Non-binding letter of intent",
      "This letter of intent records the present intentions of the parties only. "
      "Save for the paragraphs headed Confidentiality, Exclusivity and Governing Law, it is not intended to create legally binding obligations, and no party shall be bound until definitive agreements are signed.")
D.doc("com_entire", "Entire agreement clause",
      "This Agreement constitutes the entire agreement between the parties and supersedes and extinguishes all previous drafts, agreements, arrangements and understandings between them, whether written or oral, relating to its subject matter.")
D.doc("com_variation", "Variations must be in writing",
      "No variation of this Agreement shall be effective unless it is in writing, refers expressly to this Agreement and is signed by authorised representatives of each party.")
D.doc("com_late_interest", "Interest on late payment",
      "If the Customer fails to pay any undisputed amount by the due date, interest shall accrue on the overdue amount at the rate of 4% per annum above the base lending rate from time to time, from the due date until the date of actual payment, whether before or after judgment.")
D.doc("com_payment", "Invoicing and disputed amounts",
      "The Supplier shall invoice monthly in arrears and the Customer shall pay each valid invoice within thirty days of receipt. "
      "The Customer may withhold any amount disputed in good faith, provided that it notifies the Supplier of the reasons within ten days of receiving the invoice and pays the undisputed balance.")
D.doc("com_severability", "Severability of invalid provisions",
      "If any provision of this Agreement is found by a court to be invalid or unenforceable, it shall be deemed modified to the minimum extent necessary to make it enforceable, and the validity and enforceability of the remaining provisions shall not be affected.")
D.doc("com_waiver", "No waiver by delay",
      "A failure or delay by a party in exercising any right or remedy under this Agreement shall not constitute a waiver of that right or remedy, nor shall it prevent or restrict the further exercise of that or any other right or remedy.")
D.doc("com_notices", "Service of formal notices",
      "Any notice given under this Agreement shall be in writing and delivered by hand or by recorded delivery to the registered office of the recipient. "
      "Email is not a valid method of serving a notice of termination or any document in legal proceedings.")
D.doc("com_counterparts", "Counterparts and electronic signature",
      "This Agreement may be executed in any number of counterparts, each of which when executed shall constitute an original, and all of which together shall constitute one agreement. "
      "Each party agrees that an electronic signature shall be as valid as a handwritten one.")
D.doc("com_tcs", "Exclusion of the buyer's purchasing terms",
      "These terms and conditions apply to every order to the exclusion of any other terms that the Buyer seeks to impose or incorporate in a purchase order, confirmation or similar document, or which are implied by trade, custom, practice or course of dealing.")
D.doc("com_exclusivity", "Exclusive purchasing obligation",
      "During the Term the Customer shall purchase all of its requirements for the Products exclusively from the Supplier and shall not procure equivalent or competing products from any third party.")
D.doc("com_mfn", "Most favoured customer pricing",
      "If during the Term the Supplier offers substantially similar services in comparable volumes to any other customer at lower prices, it shall promptly notify the Customer and offer it the same prices for the remainder of the Term.")
D.doc("com_acceptance", "Acceptance testing of deliverables",
      "The Customer shall carry out acceptance tests within ten business days after delivery. "
      "If the Deliverable fails the tests, the Supplier shall remedy the defects and resubmit it; if it fails a second time, the Customer may reject it and recover all amounts paid for it.")
D.doc("com_fin_audit", "Audit of charges",
      "The Customer may, on reasonable notice and not more than once in any twelve-month period, audit the Supplier's records relating to the Charges. "
      "If the audit reveals an overcharge of more than 5%, the Supplier shall refund the overcharge and bear the reasonable cost of the audit.")
D.doc("com_price_rise", "Annual indexation of charges",
      "The Supplier may increase the Charges once in each Contract Year by giving not less than sixty days' written notice, by a percentage not exceeding the increase in the retail price index over the previous twelve months.")
D.doc("com_vat", "Charges exclusive of tax",
      "The Charges are set out in Schedule 2 and are exclusive of value added tax, which the Customer shall pay in addition at the applicable rate on receipt of a valid tax invoice.")
D.doc("com_no_minimum", "No minimum commitment under a framework",
      "This framework agreement does not oblige the Customer to place any orders, and the Supplier acknowledges that no minimum volume or value of work is guaranteed.")
D.doc("com_lockout", "Exclusivity period in a sale process",
      "In consideration of the Buyer incurring due diligence costs, the Seller shall not solicit, encourage or negotiate any offer from any other prospective purchaser for a period of sixty days.")
D.doc("com_escalation_sla", "Service review meetings",
      "The parties' service managers shall meet monthly to review performance against the Service Levels, open incidents and planned changes, and shall keep minutes of each meeting.")
D.query("train", "SLA uptime credit percentages per shortfall", "abbreviation numbers",
        pos=["com_credits"], neg=["com_credits_sole", "com_downtime_excl"])
D.query("train", "maximum SLA credit in any one month", "abbreviation numbers",
        pos=["com_credits"], neg=["com_credits_sole", "com_counterparts"])
D.query("train", "planned maintenance with two days' warning not counted against SLA uptime", "abbreviation negation numbers",
        pos=["com_downtime_excl"], neg=["com_credits", "com_escalation_sla"])
D.query("train", "what goes into an SOW under the framework MSA", "abbreviation",
        pos=["com_sow"], neg=["com_no_minimum", "com_precedence"])
D.query("train", "do earlier emails and draft deals still count once the contract is signed", "hard_negative lay_wording",
        pos=["com_entire"], neg=["war_non_reliance", "com_price_rise"])
D.query("train", "what interest can we charge on overdue invoices", "numbers lay_wording",
        pos=["com_late_interest"], neg=["com_payment", "com_credits"])
D.query("train", "from when does late-payment interest start running", "direct",
        pos=["com_late_interest"], neg=["com_payment", "com_credits"])
D.query("train", "if one clause is struck down, does the rest of the contract still stand", "lay_wording",
        pos=["com_severability"], neg=["com_entire", "com_precedence"])
D.query("train", "is sending a termination by email OK", "negation lay_wording",
        pos=["com_notices"], neg=["com_counterparts", "com_credits"])
D.query("train", "battle of the forms: our T&Cs versus the buyer's PO terms", "abbreviation hard_negative",
        pos=["com_tcs"], neg=["com_precedence", "com_sow"])
D.query("train", "supplier's standard terms shut out terms implied from past dealings", "negation",
        pos=["com_tcs"], neg=["com_entire", "com_sow"])
D.query("train", "MFN clause, getting the best price offered to anyone else", "abbreviation lay_wording",
        pos=["com_mfn"], neg=["com_price_rise", "com_credits_sole"])
D.query("train", "who pays for checking the vendor's books if they overbilled us by more than five percent", "numbers hard_negative",
        pos=["com_fin_audit"], neg=["dp_audit", "com_payment"])
D.query("train", "vendor can raise fees once a year capped at RPI, how many days' notice", "abbreviation numbers",
        pos=["com_price_rise"], neg=["lease_index", "com_fin_audit"])
D.query("test", "are SLA credits the only thing we get for downtime", "abbreviation negation hard_negative",
        pos=["com_credits_sole"], neg=["com_credits", "com_downtime_excl"])
D.query("test", "if the MSA and an SOW conflict which one wins", "abbreviation hard_negative",
        pos=["com_precedence"], neg=["com_sow", "com_counterparts"])
D.query("test", "is an LOI enforceable and which parts of it bind", "abbreviation negation",
        pos=["com_loi"], neg=["com_lockout", "com_severability"])
D.query("test", "can we change the contract in a phone call", "lay_wording negation",
        pos=["com_variation"], neg=["com_notices", "com_precedence"])
D.query("test", "can we hold back part of a bill we disagree with", "numbers negation lay_wording",
        pos=["com_payment"], neg=["com_late_interest", "com_credits"])
D.query("test", "we never complained about late deliveries before, have we lost the right to", "lay_wording negation",
        pos=["com_waiver"], neg=["com_variation", "com_late_interest"])
D.query("test", "can we sign separately using a digital signature tool", "lay_wording",
        pos=["com_counterparts"], neg=["com_deed", "com_notices"])
D.query("test", "can we buy the same products from another supplier", "lay_wording hard_negative",
        pos=["com_exclusivity"], neg=["com_min_purchase", "com_no_minimum"])
D.query("test", "the system we ordered flunks our checks a second time, can we send it back and get refunded", "lay_wording",
        pos=["com_acceptance"], neg=["com_deemed_acceptance", "war_remedy"])

# ================================================================ near-miss documents written after a first baseline run

# ---------------------------------------------------------------- DATA PROTECTION (continued)
D.topic("dataprot")
D.doc("dp_subproc_liability", "Processor liability for sub-processors",
      "The Processor shall impose on each sub-processor, by written contract, the same data protection obligations as are set out in this Addendum. "
      "The Processor remains fully liable to the Controller for the performance of each sub-processor's obligations.")

# ---------------------------------------------------------------- CONFIDENTIALITY / NDA (continued)
D.topic("nda")
D.doc("nda_whistle", "Reports to government agencies",
      "Nothing in this Agreement prohibits either party from reporting a possible violation of law to a governmental agency or regulator, or from cooperating with an investigation, and no prior notice to the other party is required for such a report.")

# ---------------------------------------------------------------- EMPLOYMENT (continued)
D.topic("employment")
D.doc("emp_client_property", "Return of client information on leaving",
      "On leaving employment the Employee shall return all client lists, contact details and other Company property, and shall delete any client contact information held on personal devices or personal social media accounts.")

# ---------------------------------------------------------------- INDEMNITIES (continued)
D.topic("indemnity")
D.doc("ind_subrogation", "Subrogation after payment of a claim",
      "Where the indemnifying party has paid a claim in full, it shall be subrogated to the rights of the indemnified party against any third party in respect of that claim, and the indemnified party shall execute any documents reasonably required to give effect to this.")

# ---------------------------------------------------------------- COMMERCIAL TERMS AND BOILERPLATE (continued)
D.topic("commercial")
D.doc("com_min_purchase", "Minimum purchase commitments of a distributor",
      "The Distributor shall purchase at least the minimum annual quantities of the Products set out in Schedule 4. "
      "If it fails to do so in two consecutive years, the Supplier may by notice convert the Distributor's appointment from exclusive to non-exclusive.")

# ---------------------------------------------------------------- LEASES (continued)
D.topic("lease")
D.doc("lease_access_hours", "Hours of access to the premises",
      "The Tenant may have access to the Premises 24 hours a day on every day of the year, subject to the Landlord's reasonable security arrangements outside normal business hours.")

# ---------------------------------------------------------------- COMMERCIAL TERMS AND BOILERPLATE (continued)
D.topic("commercial")
D.doc("com_deed", "Execution of a document as a deed",
      "A document intended to take effect as a deed must state that it is executed as a deed, be signed in the presence of a witness who attests the signature, and is delivered when the party shows an intention to be bound by it.")

# ---------------------------------------------------------------- FORCE MAJEURE (continued)
D.topic("fm")
D.doc("fm_change_in_law", "Adjustment for change in law",
      "If a Change in Law occurring after the Contract Date increases the Contractor's cost of carrying out the Works, the Contract Price shall be adjusted to reflect the additional cost reasonably and properly incurred.")

# ---------------------------------------------------------------- LIMITATION OF LIABILITY (continued)
D.topic("lol")
D.doc("lol_spa_claims", "Warranty claim deadlines in share sales",
      "The Buyer must notify the Seller of any warranty claim within 24 months after Completion, except that claims under the tax covenant may be notified up to seven years after Completion.")

# ---------------------------------------------------------------- COMMERCIAL TERMS AND BOILERPLATE (continued)
D.topic("commercial")
D.doc("com_own_costs", "Each party bears its own costs",
      "Each party shall pay its own legal, accounting and other costs and expenses incurred in connection with the negotiation, preparation and execution of this Agreement.")

# ---------------------------------------------------------------- LEASES (continued)
D.topic("lease")
D.doc("lease_rent_suspension", "Suspension of rent after insured damage",
      "If the Premises are damaged by an Insured Risk so as to be unfit for occupation and use, the Annual Rent shall be suspended until the Premises are reinstated or for three years, whichever is shorter.")

# ---------------------------------------------------------------- TERMINATION (continued)
D.topic("termination")
D.doc("term_minimum", "Minimum term of the services",
      "The Minimum Term is thirty-six months from the Service Commencement Date. "
      "After the Minimum Term the Services continue until terminated by either party giving at least three months' written notice.")

# ---------------------------------------------------------------- EMPLOYMENT (continued)
D.topic("employment")
D.doc("emp_suspension", "Suspension during an investigation",
      "The Company may suspend the Employee on full pay for as long as is reasonably necessary to investigate any allegation of misconduct. "
      "Suspension is a neutral act and not a disciplinary sanction.")

# ---------------------------------------------------------------- LEASES (continued)
D.topic("lease")
D.doc("lease_turnover", "Turnover rent on gross sales",
      "In addition to the base rent, the Tenant shall pay turnover rent equal to 8% of the gross sales made from the Premises in each year to the extent that amount exceeds the base rent.")

# ---------------------------------------------------------------- LIMITATION OF LIABILITY (continued)
D.topic("lol")
D.doc("lol_sections", "Liquidated damages for sections of the works",
      "Where the Works are divided into Sections, liquidated damages apply separately to each Section. "
      "If the Employer takes any part of a Section into use before completion, the liquidated damages for that Section are reduced in proportion to the value of the part taken over.")

# ---------------------------------------------------------------- GOVERNING LAW AND DISPUTES (continued)
D.topic("disputes")
D.doc("gov_judge_alone", "Trial by judge alone",
      "Most commercial claims are tried by a judge sitting alone, who decides questions of both fact and law and gives a reasoned judgment that can be appealed.")

# ---------------------------------------------------------------- WARRANTIES (continued)
D.topic("warranty")
D.doc("war_documentation", "Updates to the documentation",
      "The Documentation describes the functions and operating requirements of the Software. "
      "The Supplier may update the Documentation from time to time, provided that no update materially reduces the functionality of the Software.")

# ---------------------------------------------------------------- EMPLOYMENT (continued)
D.topic("employment")
D.doc("emp_redundancy_consult", "Consultation and selection for redundancy",
      "Where redundancies are proposed, the Company will consult the affected employees, apply fair and objective selection criteria, and consider any suitable alternative roles before any dismissal is confirmed.")

# ---------------------------------------------------------------- DATA PROTECTION (continued)
D.topic("dataprot")
D.doc("dp_criminal", "Data about criminal convictions",
      "Personal data relating to criminal convictions and offences may be processed only under the control of official authority or where the processing is specifically authorised by law.")

# ---------------------------------------------------------------- GOVERNING LAW AND DISPUTES (continued)
D.topic("disputes")
D.doc("gov_steering", "Programme steering committee",
      "A steering committee comprising two senior representatives of each party shall meet quarterly to review the strategic direction of the programme and to approve changes to the roadmap.")

# ---------------------------------------------------------------- FORCE MAJEURE (continued)
D.topic("fm")
D.doc("fm_backup", "Backups of customer data",
      "The Provider shall back up the Customer Data daily, retain each backup for thirty days, and store backups in a data centre geographically separate from the primary site.")

# ---------------------------------------------------------------- INTELLECTUAL PROPERTY (continued)
D.topic("ip")
D.doc("ip_oss_notices", "Third-party open source notices",
      "The Software includes third-party open source components, which are listed together with their licence terms in the notices file supplied with the Software. "
      "Those licence terms govern the relevant components to the extent they conflict with this Agreement.")

# ---------------------------------------------------------------- CONFIDENTIALITY / NDA (continued)
D.topic("nda")
D.doc("nda_clean_team", "Clean team arrangements",
      "Commercially sensitive information exchanged between the parties, who are competitors, shall be made available only to a clean team of named individuals who are not involved in pricing, marketing or sales decisions.")

# ---------------------------------------------------------------- INTELLECTUAL PROPERTY (continued)
D.topic("ip")
D.doc("ip_improvements", "Ownership of improvements to licensed technology",
      "Any improvement to the Licensed Technology made by the Licensee shall be owned by the Licensee, which hereby grants the Licensor a non-exclusive, royalty-free licence to use that improvement.")

# ---------------------------------------------------------------- WARRANTIES (continued)
D.topic("warranty")
D.doc("war_gifts", "Gifts and hospitality limits",
      "No employee may accept gifts or hospitality from a supplier with a value exceeding 100 euros without the prior written approval of the compliance officer, and all gifts must be recorded in the register.")

# ---------------------------------------------------------------- TERMINATION (continued)
D.topic("termination")
D.doc("term_coc_notice", "Notice of ownership changes",
      "The Supplier shall notify the Customer in writing within ten days of any change in its ownership or in the identity of the Key Personnel assigned to the Services.")
D.doc("term_staff_transfer", "Transfer of staff on exit",
      "On exit, employees of the Supplier who are wholly or mainly assigned to the Services may transfer to the replacement provider by operation of law, and the Supplier shall provide the employee information reasonably required for that purpose.")

# ---------------------------------------------------------------- COMMERCIAL TERMS AND BOILERPLATE (continued)
D.topic("commercial")
D.doc("com_deemed_acceptance", "Deemed acceptance of deliverables",
      "A Deliverable shall be deemed accepted if the Customer uses it in live operation, other than for testing, or fails to notify any defect before the end of the acceptance period.")

# ---------------------------------------------------------------- INDEMNITIES (continued)
D.topic("indemnity")
D.doc("ind_defence_costs", "Advancement of defence costs",
      "The indemnifying party shall pay defence costs as they are incurred, subject to repayment if it is finally determined that the indemnified party was not entitled to be indemnified.")

# ---------------------------------------------------------------- INTELLECTUAL PROPERTY (continued)
D.topic("ip")
D.doc("ip_joint_application", "Joint patent applications",
      "Where the parties decide to seek patent protection for a joint invention, they shall agree which of them will prosecute the application and share the filing costs equally.")

# ---------------------------------------------------------------- EMPLOYMENT (continued)
D.topic("employment")
D.doc("emp_side_projects", "Outside activities and side projects",
      "The Employee shall not, without the Company's written consent, engage in any other business or paid activity during employment, except for unpaid charitable work and passive investments of up to 3% in listed companies.")

# ---------------------------------------------------------------- GOVERNING LAW AND DISPUTES (continued)
D.topic("disputes")
D.doc("gov_award_challenge", "Challenging an arbitral award",
      "An arbitral award may be challenged at the seat only on limited grounds, such as lack of jurisdiction or serious procedural irregularity; the parties exclude any right of appeal on a point of law to the extent such exclusion is permitted.")

# ---------------------------------------------------------------- CONFIDENTIALITY / NDA (continued)
D.topic("nda")
D.doc("nda_purpose", "Use restricted to the purpose",
      "The Recipient shall use the Confidential Information solely for the purpose of evaluating the Proposed Transaction and for no other purpose, including competing with the Disclosing Party or soliciting its customers.")

# ---------------------------------------------------------------- LITIGATION PROCEDURE (continued)
D.topic("litigation")
D.doc("lit_settlement_agreement", "Recording a settlement",
      "Where a claim is settled after proceedings have begun, the terms are often recorded in a consent order that stays the claim except for the purpose of carrying the agreed terms into effect.")

# ---------------------------------------------------------------- BACKGROUND (unrelated to any query)
D.topic("background")
D.doc("bg_01", "Quorum for board meetings",
      "The quorum for the transaction of business at meetings of the directors is two, and a meeting may be held by video conference provided all participants can hear each other.")
D.doc("bg_02", "Drag-along rights of majority shareholders",
      "If holders of more than 75% of the shares accept an offer for the whole company, they may require the remaining shareholders to sell their shares to the buyer on the same terms.")
D.doc("bg_03", "Tag-along rights of minority shareholders",
      "A minority shareholder may require a buyer of a controlling stake to offer to purchase the minority's shares at the same price per share and on the same terms.")
D.doc("bg_04", "Pre-emption on share issues",
      "New shares must first be offered to existing shareholders in proportion to their holdings, and only shares not taken up within the offer period may be offered to outsiders.")
D.doc("bg_05", "Directors' duty to avoid conflicts",
      "A director must avoid situations in which they have, or could have, an interest that conflicts with the interests of the company, unless the conflict has been authorised by the board or the shareholders.")
D.doc("bg_06", "Lawful payment of dividends",
      "A company may pay dividends only out of profits available for the purpose, and directors who authorise an unlawful distribution may be personally liable to repay it.")
D.doc("bg_07", "Amending the articles",
      "The articles of association may be amended by special resolution, which requires the approval of at least three quarters of the votes cast.")
D.doc("bg_08", "Registration for value added tax",
      "A business must register for value added tax once its taxable turnover exceeds the registration threshold, and must then charge tax on its taxable supplies.")
D.doc("bg_09", "Arm's length pricing between group companies",
      "Transactions between associated enterprises should be priced as if they had been agreed between independent parties, and tax authorities may adjust profits where they were not.")
D.doc("bg_10", "Easements over neighbouring land",
      "An easement such as a right of way benefits one piece of land and burdens another, and it passes automatically with the land when either property is sold.")
D.doc("bg_11", "Registration of land ownership",
      "Title to registered land is proved by the entry on the register rather than by the bundle of historic deeds, and the register is open to public inspection.")
D.doc("bg_12", "Making a valid will",
      "A will is generally valid only if it is in writing, signed by the testator and witnessed by two people present at the same time, neither of whom should benefit under it.")
D.doc("bg_13", "Prohibition of cartel agreements",
      "Agreements between competitors to fix prices, share markets or rig bids are prohibited and can lead to substantial fines and, in some systems, criminal liability for individuals.")
D.doc("bg_14", "Abuse of a dominant position",
      "An undertaking holding a dominant position in a market must not abuse it, for example by predatory pricing, refusing to supply without justification or tying unrelated products.")
D.doc("bg_15", "Cooling-off period for distance sales",
      "Consumers who buy goods online usually have fourteen days from delivery to cancel the purchase without giving any reason, subject to exceptions for perishable or personalised items.")
D.doc("bg_16", "Adequate procedures to prevent bribery",
      "A company can defend a charge of failing to prevent bribery by showing that it had adequate procedures in place, such as risk assessment, due diligence on intermediaries and staff training.")
D.doc("bg_17", "Moratorium in company administration",
      "When a company enters administration a statutory moratorium prevents creditors from enforcing security or starting legal proceedings against it without the administrator's consent or the court's permission.")
D.doc("bg_18", "Retention money in building contracts",
      "A percentage of each interim payment, often 3% to 5%, is held back by the employer and released partly at practical completion and partly at the end of the defects period.")
D.doc("bg_19", "Practical completion of building works",
      "Practical completion is certified when the works are complete except for minor defects that do not prevent the building from being used for its intended purpose.")
D.doc("bg_20", "Free on board delivery term",
      "Under a free on board term the seller's delivery obligation is fulfilled when the goods are placed on board the vessel nominated by the buyer at the named port of shipment.")
D.doc("bg_21", "Financial covenants in loan facilities",
      "A facility agreement commonly requires the borrower to keep its leverage ratio below an agreed level and its interest cover above a minimum, tested at each quarter end.")
D.doc("bg_22", "Events of default under a loan",
      "Non-payment, breach of financial covenants, cross-default and insolvency are typical events of default that allow the lender to accelerate the loan and demand immediate repayment.")
D.doc("bg_23", "Offence of insider dealing",
      "It is an offence for a person who has inside information to deal in securities whose price would be significantly affected if the information were made public.")
D.doc("bg_24", "Compensation for commercial agents",
      "On termination of a commercial agency the agent may be entitled to an indemnity or compensation for the loss of the goodwill it built up for the principal.")
D.doc("bg_25", "Public procurement tenders",
      "Public bodies awarding contracts above financial thresholds must advertise them and evaluate tenders transparently against criteria published in advance.")
D.doc("bg_26", "Environmental permits for facilities",
      "Operators of regulated facilities must hold an environmental permit and comply with its conditions on emissions, monitoring and reporting.")
D.doc("bg_27", "Powers of attorney",
      "A lasting power of attorney allows a person to appoint someone to make decisions on their behalf if they later lose mental capacity, and must be registered before use.")
D.doc("bg_28", "Company secretary role",
      "The company secretary maintains the statutory registers, files annual returns and ensures that board and shareholder meetings are properly convened and minuted.")
D.doc("bg_29", "Trusts and trustees",
      "A trustee holds property for the benefit of beneficiaries and must act in their best interests, keep trust assets separate and avoid profiting from the position.")
D.doc("bg_30", "Negligence: duty of care",
      "To succeed in negligence a claimant must show that the defendant owed a duty of care, breached it by falling below the standard of a reasonable person, and caused foreseeable damage.")
D.doc("bg_31", "Basics of defamation law",
      "A statement is defamatory if it tends to lower a person in the estimation of right-thinking members of society; truth and honest opinion are common defences.")
D.doc("bg_32", "Criminal standard of proof",
      "In criminal trials the prosecution must prove guilt beyond reasonable doubt, whereas civil claims are decided on the balance of probabilities.")
D.doc("bg_33", "Notarisation of documents",
      "A notary public certifies signatures and copies of documents for use abroad, and some countries additionally require an apostille confirming the notary's authority.")
D.doc("bg_34", "Product safety recalls",
      "A producer that discovers a product poses a serious risk must notify the market surveillance authority and take action, which may include withdrawing or recalling the product.")
D.doc("bg_35", "Minimum wage compliance",
      "Employers must pay at least the national minimum hourly rate, and records must be kept to show that pay for each pay reference period meets that rate.")
D.doc("bg_36", "Health and safety risk assessments",
      "Employers must carry out suitable and sufficient risk assessments of the hazards their employees face at work and record the significant findings.")
D.doc("bg_37", "Charity trustee obligations",
      "Trustees of a charity must ensure it pursues only its charitable purposes and files annual accounts and a trustees' report with the regulator.")
D.doc("bg_38", "Immigration right-to-work checks",
      "Before employment begins, employers must check that each worker has the right to work in the country, and keep copies of the documents inspected.")
D.doc("bg_39", "Franchise pre-sale disclosure",
      "Franchisors are often required to give prospective franchisees a disclosure document describing fees, litigation history and financial performance representations before any agreement is signed.")
D.doc("bg_40", "Shareholder derivative claims",
      "A shareholder may, with the court's permission, bring a claim on behalf of the company against a director for negligence, default or breach of duty.")
D.doc("bg_41", "Piercing the corporate veil",
      "A company is a separate legal person from its shareholders, and courts will disregard that separation only in narrow circumstances, such as where the company is used to evade an existing obligation.")
D.doc("bg_42", "Bills of lading",
      "A bill of lading acts as a receipt for goods shipped, evidence of the contract of carriage and a document of title that can be transferred to sell goods in transit.")
D.doc("bg_43", "Letters of credit",
      "Under a documentary letter of credit the issuing bank undertakes to pay the seller on presentation of documents that strictly comply with the credit's terms, regardless of disputes about the goods.")
D.doc("bg_44", "Anti-money laundering checks",
      "Regulated businesses must carry out customer due diligence, identify beneficial owners and report suspicious transactions to the financial intelligence unit.")
D.doc("bg_45", "When planning permission is needed",
      "Material development of land, including most changes of use and new buildings, requires planning permission from the local planning authority.")
D.doc("bg_46", "Residential eviction procedure",
      "A residential landlord generally cannot evict a tenant without first serving the correct statutory notice and obtaining a possession order from the court.")
D.doc("bg_47", "Patent box tax regime",
      "Some tax systems apply a reduced rate of corporation tax to profits derived from patented inventions, provided the company carried out qualifying development.")
D.doc("bg_48", "Jurisdiction of small claims courts",
      "Low-value civil claims are usually allocated to a small claims track with simplified procedure and limited recovery of legal costs.")
D.doc("bg_49", "Sale of shares versus sale of assets",
      "In a share sale the buyer acquires the company together with all its liabilities, whereas in an asset sale it can choose which assets and liabilities to take over.")
D.doc("bg_50", "Statutory accounts filing",
      "Companies must file annual accounts with the registry within a set number of months after the financial year end, and late filing attracts automatic penalties.")

if __name__ == "__main__":
    raise SystemExit(D.main())
