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
MIN_PAIRS = {"legal": 150, "medical": 60, "finance": 60}
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


def legal(anchor: str, para: str, near: str, unrelated: str = "") -> None:
    P.group("legal", anchor, [para], [near], [unrelated] if unrelated else [])


def ref(citing: str, cited: str, wrong: str) -> None:
    P.ref("legal", citing, cited, [wrong])


def medical(anchor: str, para: str, near: str, unrelated: str = "") -> None:
    P.group("medical", anchor, [para], [near], [unrelated] if unrelated else [])


def finance(anchor: str, para: str, near: str, unrelated: str = "") -> None:
    P.group("finance", anchor, [para], [near], [unrelated] if unrelated else [])


# ================================================================ LEGAL: same obligation / near miss (anchor, paraphrase, near miss[, unrelated])
legal(
    "The Supplier shall indemnify the Customer against all losses arising from any claim that the Deliverables infringe the intellectual property rights of a third party.",
    "If a third party alleges that anything the Supplier delivers breaches that party's patents, copyright or other IP, the Supplier will cover the Customer's resulting losses in full.",
    "The Customer shall indemnify the Supplier against all losses arising from any claim that the Deliverables infringe the intellectual property rights of a third party.",
)
legal(
    "Each party shall indemnify the other against losses caused by its own breach of the data protection obligations in this Agreement.",
    "Whichever party breaks its data protection commitments under this contract must make good the other party's resulting losses; the obligation runs both ways.",
    "The Processor shall indemnify the Controller against losses caused by the Processor's breach of the data protection obligations in this Agreement.",
)
legal(
    "The total liability of either party under this Agreement shall not exceed the fees paid in the twelve months before the claim, and this cap includes liability under the indemnities in clause 9.",
    "Neither side can recover more than one year's fees from the other, counted back from when the claim arises; indemnity claims count towards that same ceiling.",
    "The total liability of either party under this Agreement shall not exceed the fees paid in the twelve months before the claim, but this cap does not apply to liability under the indemnities in clause 9.",
)
legal(
    "The Recipient shall not disclose Confidential Information to any third party without the prior written consent of the Discloser.",
    "Without first getting the Discloser's agreement in writing, the Recipient must keep Confidential Information to itself and not pass it to anyone outside.",
    "The Recipient may disclose Confidential Information to any third party without the prior written consent of the Discloser.",
    "The Tenant shall not keep any animal at the Premises without the Landlord's consent.",
)
legal(
    "The obligations of confidentiality in this Agreement shall survive its termination for a period of five years.",
    "Even after this contract ends, each party must go on keeping the other's secrets for another five years.",
    "The obligations of confidentiality in this Agreement shall end five years after the date on which it is signed.",
)
legal(
    "Information that is or becomes publicly available other than through a breach of this Agreement is not Confidential Information.",
    "Nothing counts as confidential once it is in the public domain, unless it got there because someone broke this agreement.",
    "Information that is or becomes publicly available, including through a breach of this Agreement, is not Confidential Information.",
)
legal(
    "Neither party excludes or limits its liability for death or personal injury caused by its negligence or for fraud.",
    "Nothing in this contract caps or removes either side's responsibility if its carelessness kills or injures someone, or if it acts fraudulently.",
    "Neither party shall be liable for death or personal injury caused by its negligence or for fraud.",
)
legal(
    "Neither party shall be liable for any loss of profit, revenue or goodwill, whether direct or indirect.",
    "Lost profits, lost revenue and damage to goodwill cannot be claimed by either side, no matter whether the loss is direct or consequential.",
    "Neither party shall be liable for any indirect loss of profit, revenue or goodwill.",
)
legal(
    "A party affected by a Force Majeure Event shall not be in breach of this Agreement, provided that it notifies the other party within five Business Days.",
    "If something beyond its control stops a party from performing, that party is not in breach, as long as it tells the other side within five business days.",
    "A party affected by a Force Majeure Event shall not be in breach of this Agreement and need not notify the other party of the event.",
    "The Employee is entitled to 25 days of paid holiday in each holiday year in addition to public holidays.",
)
legal(
    "If a Force Majeure Event continues for more than 90 days, either party may terminate this Agreement by written notice.",
    "Should the event preventing performance last beyond ninety days, each side has the right to end the contract by notice in writing.",
    "If a Force Majeure Event continues for more than 90 days, only the unaffected party may terminate this Agreement by written notice.",
)
legal(
    "The Customer may terminate this Agreement for convenience on 30 days' written notice.",
    "The Customer can walk away from this contract for any reason at all, provided it gives one month's notice in writing.",
    "The Customer may terminate this Agreement for material breach on 30 days' written notice.",
)
legal(
    "Either party may terminate this Agreement immediately if the other commits a material breach that is not remedied within 30 days of written notice requiring it to be remedied.",
    "When one side seriously breaches the contract and fails to fix the problem within thirty days after being told in writing to do so, the other side can end the contract straight away.",
    "Either party may terminate this Agreement immediately if the other commits a material breach, whether or not it is remedied within 30 days of written notice.",
)
legal(
    "The Supplier may terminate this Agreement if the Customer becomes insolvent or enters administration.",
    "Should the Customer go bust or have an administrator appointed, the Supplier is entitled to bring the contract to an end.",
    "The Customer may terminate this Agreement if the Supplier becomes insolvent or enters administration.",
)
legal(
    "This Agreement and any dispute arising out of it shall be governed by the laws of England and Wales.",
    "English law applies to this contract and to every disagreement that comes out of it.",
    "This Agreement shall be governed by the laws of England and Wales, but any non-contractual dispute arising out of it shall be governed by the laws of Scotland.",
    "The Supplier shall deliver the Goods to the Customer's warehouse in Leeds between 8 am and 4 pm on a Business Day.",
)
legal(
    "The courts of England shall have exclusive jurisdiction to settle any dispute arising out of this Agreement.",
    "Only the English courts can decide disputes under this contract; no other court may hear them.",
    "The courts of England shall have non-exclusive jurisdiction to settle any dispute arising out of this Agreement.",
)
legal(
    "Any dispute shall be finally resolved by arbitration under the rules of the London Court of International Arbitration, with its seat in London.",
    "Disagreements must go to LCIA arbitration seated in London, and the tribunal's award is final.",
    "Any dispute may be referred to arbitration under the rules of the London Court of International Arbitration, with its seat in London, if both parties agree at the time.",
)
legal(
    "Neither party may assign or transfer any of its rights under this Agreement without the prior written consent of the other party.",
    "Before handing any of its contractual rights to someone else, each side needs the other's written permission.",
    "Either party may assign or transfer any of its rights under this Agreement without the prior written consent of the other party.",
)
legal(
    "The Supplier may assign this Agreement to an Affiliate without consent, provided it gives the Customer written notice.",
    "The Supplier needs no permission to transfer the contract to a company in its own group, but it must tell the Customer in writing.",
    "The Supplier may assign this Agreement to any third party without consent, provided it gives the Customer written notice.",
    "The Licensee shall display the Licensor's trade mark only in the form set out in Schedule 3.",
)
legal(
    "The Supplier shall remain responsible for the acts and omissions of its subcontractors as if they were its own.",
    "Using a subcontractor does not shift blame: whatever the subcontractor does or fails to do counts as the Supplier's own conduct.",
    "The Supplier shall remain responsible for the acts and omissions of its subcontractors only where it appointed them without the Customer's approval.",
)
legal(
    "All Intellectual Property Rights in the Deliverables shall vest in the Customer on creation.",
    "The Customer owns the rights in everything the Supplier produces under this contract from the moment it is made.",
    "All Intellectual Property Rights in the Deliverables shall remain with the Supplier, and the Customer receives a licence to use them.",
)
legal(
    "The Supplier grants the Customer a non-exclusive, non-transferable licence to use the Software for its internal business purposes.",
    "The Customer may use the Software inside its own business; others may be given the same right, and the Customer cannot pass its right on.",
    "The Supplier grants the Customer an exclusive, transferable licence to use the Software for its internal business purposes.",
)
legal(
    "Each party retains ownership of its Background IP, and nothing in this Agreement transfers it to the other party.",
    "What each side brought to the project stays that side's property; this contract hands none of it over.",
    "Each party retains ownership of its Background IP, except that Customer Background IP incorporated in the Deliverables transfers to the Supplier.",
)
legal(
    "The Supplier warrants that the Services will be performed with reasonable skill and care.",
    "The Supplier promises to carry out the Services as competently and carefully as a reasonable provider would.",
    "The Supplier warrants that the Services will be performed to the highest standard of skill and care available in the industry.",
)
legal(
    "If the Software fails to conform to its specification within 90 days of delivery, the Supplier shall, at its option, repair or replace it.",
    "Any non-conformity with the specification found in the first ninety days after delivery will be fixed, or the Software swapped, whichever the Supplier chooses.",
    "If the Software fails to conform to its specification within 90 days of delivery, the Customer may, at its option, require a repair, a replacement or a refund.",
    "Each party shall bear its own costs of negotiating and entering into this Agreement.",
)
legal(
    "All warranties implied by statute or common law are excluded to the fullest extent permitted by law.",
    "Apart from what is expressly written here, no promise that the law would otherwise read into the contract applies, so far as the law allows that.",
    "All warranties implied by statute or common law are included to the extent that they are consistent with this Agreement.",
)
legal(
    "The Employee may terminate the employment by giving the Company not less than three months' written notice.",
    "To resign, the Employee must tell the Company in writing at least three months ahead.",
    "The Company may terminate the Employee's employment by giving not less than three months' written notice.",
)
legal(
    "For six months after termination, the Employee shall not work for a competitor within the United Kingdom.",
    "Once the job ends, the Employee must stay away from rival businesses in the UK for half a year.",
    "For six months after termination, the Employee shall not solicit customers of the Company within the United Kingdom.",
)
legal(
    "During any period of notice the Company may require the Employee not to attend work, while continuing to pay full salary and benefits.",
    "While notice is running, the Company can tell the Employee to stay at home, but salary and benefits keep being paid in full.",
    "During any period of notice the Company may require the Employee not to attend work, in which case salary is suspended.",
)
legal(
    "The Tenant shall keep the interior of the Premises in good repair, fair wear and tear excepted.",
    "Inside the Premises, the Tenant must keep things properly maintained, although it is not responsible for ordinary ageing through normal use.",
    "The Tenant shall keep the interior and the structure of the Premises in good repair, including making good fair wear and tear.",
    "The claimant must file the particulars of claim within 14 days of serving the claim form.",
)
legal(
    "The rent shall be reviewed every five years and shall not decrease on review.",
    "Every fifth year the rent is looked at again; the review can only keep it the same or push it up.",
    "The rent shall be reviewed every five years and may increase or decrease on review.",
)
legal(
    "The Tenant may end this Lease on the fifth anniversary of the Term Commencement Date by giving at least six months' written notice, provided the rent is paid up to date.",
    "On the lease's fifth anniversary the Tenant can break it, if it has given six months' written notice and owes no rent.",
    "The Landlord may end this Lease on the fifth anniversary of the Term Commencement Date by giving at least six months' written notice, provided the rent is paid up to date.",
)
legal(
    "The Processor shall process Personal Data only on the documented instructions of the Controller.",
    "Personal data may be handled by the Processor solely as the Controller has instructed in writing.",
    "The Processor shall process Personal Data on the documented instructions of the Controller and for its own service improvement purposes.",
)
legal(
    "The Processor shall notify the Controller without undue delay, and in any event within 48 hours, after becoming aware of a Personal Data Breach.",
    "As soon as it learns of a personal data breach, and no later than two days afterwards, the Processor must inform the Controller.",
    "The Processor shall notify the relevant supervisory authority within 48 hours after becoming aware of a Personal Data Breach.",
    "The Processor shall keep a record of all categories of processing carried out on behalf of the Controller.",
)
legal(
    "The Processor shall not engage a sub-processor without the prior specific written authorisation of the Controller.",
    "Before bringing in any other company to process the data, the Processor needs the Controller's written sign-off for that particular company.",
    "The Processor may engage a sub-processor without prior authorisation, provided it informs the Controller of the change within 30 days.",
)
legal(
    "A party wishing to rely on expert evidence must obtain the court's permission before the trial.",
    "No expert report can be used at trial unless the court has first allowed it.",
    "A party wishing to rely on expert evidence must serve the expert's report on the other party before the trial.",
)
legal(
    "The unsuccessful party will generally be ordered to pay the costs of the successful party.",
    "As a rule, whoever loses the case foots the winner's legal bill.",
    "Each party will generally bear its own costs, whatever the outcome of the case.",
)
legal(
    "The Customer shall pay each undisputed invoice within 30 days of receipt.",
    "Invoices that the Customer does not contest must be settled no later than thirty days after they arrive.",
    "The Customer shall pay each invoice within 30 days of receipt, whether or not it is disputed.",
)
legal(
    "Interest shall accrue on overdue sums at 4 per cent a year above the Bank of England base rate.",
    "Any late amount carries interest at base rate plus four percentage points per annum.",
    "Interest shall accrue on overdue sums at the Bank of England base rate, capped at 4 per cent a year.",
    "The Landlord shall insure the Building against fire, storm and flood for its full reinstatement value.",
)
legal(
    "This Agreement constitutes the entire agreement between the parties and supersedes all prior discussions and arrangements.",
    "What is written in this contract is the whole deal; earlier talks and understandings no longer count.",
    "This Agreement is in addition to the parties' prior arrangements, which continue to apply except where they conflict with it.",
)
legal(
    "No variation of this Agreement shall be effective unless it is in writing and signed by both parties.",
    "Changes to the contract only take effect if they are written down and signed by each side.",
    "A variation of this Agreement may be agreed orally or by email and shall be effective when confirmed by either party.",
)
legal(
    "The Customer may audit the Supplier's compliance with this Agreement once a year on 10 Business Days' notice.",
    "Once in any year, and after giving ten business days' warning, the Customer can inspect whether the Supplier is keeping to the contract.",
    "The Supplier may audit the Customer's compliance with this Agreement once a year on 10 Business Days' notice.",
)
legal(
    "The Supplier shall maintain professional indemnity insurance of at least £5 million for each claim during the term and for six years afterwards.",
    "For the life of the contract and six years beyond, the Supplier must hold PI cover of no less than five million pounds per claim.",
    "The Supplier shall maintain professional indemnity insurance of at least £5 million in the aggregate during the term only.",
    "The Customer shall give the Supplier access to its premises as reasonably required to perform the Services.",
)
legal(
    "Neither party shall solicit any employee of the other during the term and for 12 months after it.",
    "While the contract runs and for a year after, each side agrees not to try to hire away the other's people.",
    "The Supplier shall not solicit any employee of the Customer during the term and for 12 months after it.",
)
legal(
    "Notices under this Agreement must be in writing and delivered by hand or by recorded post; email is not valid notice.",
    "Formal notices have to be written and either handed over or sent by tracked post; an email will not do.",
    "Notices under this Agreement must be in writing and may be delivered by hand, by recorded post or by email.",
    "Headings in this Agreement are for convenience only and do not affect its interpretation.",
)
legal(
    "The Supplier shall not be liable for any failure to perform caused by the Customer's failure to provide the information reasonably requested.",
    "Where the Customer holds back information the Supplier reasonably asked for, the Supplier is excused for anything it could not do as a result.",
    "The Supplier shall be liable for any failure to perform, even if caused by the Customer's failure to provide the information reasonably requested.",
    "Any Affiliate of the Customer may place orders under this Agreement on the same terms as the Customer.",
)
legal(
    "The Seller shall not be liable for a breach of warranty unless the Buyer notifies it of the claim within 18 months after Completion.",
    "Warranty claims are barred if the Buyer has not told the Seller about them within a year and a half of Completion.",
    "The Seller shall be liable for a breach of warranty notified by the Buyer at any time within six years after Completion.",
)

# ================================================================ LEGAL: a clause and the clause it refers to (citing, cited, wrong target)
ref(
    "Subject to the limits in clause 12, the Supplier shall be liable for loss of or damage to the Customer's tangible property caused by its personnel.",
    "12. Limitation of liability. Neither party shall be liable for indirect or consequential loss, and each party's aggregate liability in any contract year is limited to 150% of the charges payable in that year.",
    "12. Force majeure. Neither party shall be liable for delay or failure to perform caused by events beyond its reasonable control, provided it notifies the other party promptly.",
)
ref(
    "The Customer's remedies for late delivery are limited to the service credits set out in clause 7.",
    "7. Service credits. If the Supplier misses a delivery date, the Customer shall receive a credit of 2% of the monthly charges for each week of delay, up to 10% in total.",
    "7. Delivery. The Supplier shall deliver the Goods on the dates set out in the Delivery Schedule, and time of delivery is of the essence.",
)
ref(
    "The indemnity in clause 9 does not apply to claims arising from modifications made by the Customer.",
    "9. Intellectual property indemnity. The Supplier shall defend the Customer against any claim that the Software infringes a third party's rights and pay any damages finally awarded.",
    "9. Warranties. The Supplier warrants that the Software will perform materially in accordance with the Documentation for 12 months.",
)
ref(
    "Clause 14 (Confidentiality) shall survive termination of this Agreement.",
    "14. Confidentiality. Each party shall keep the other's confidential information secret and use it only to perform this Agreement.",
    "14. Termination. Either party may end this Agreement by giving three months' written notice to the other.",
)
ref(
    "Any dispute about the amount of an invoice shall be resolved under the procedure in clause 20.",
    "20. Dispute resolution. The parties shall first refer a dispute to their senior managers; if it is unresolved after 15 Business Days, either party may refer it to mediation.",
    "20. Invoicing. The Supplier shall invoice the Customer monthly in arrears, and each invoice shall itemise the Services provided.",
)
ref(
    "Personal data received under this Agreement shall be handled in accordance with Schedule 4.",
    "Schedule 4 (Data processing). The Processor shall process the personal data only to provide the Services, keep it secure and delete it at the end of the term.",
    "Schedule 4 (Service levels). The Supplier shall achieve availability of 99.5% in each calendar month, measured at the network boundary.",
)
ref(
    "The Employee's obligations in clause 18 (Restrictive covenants) continue after the employment ends.",
    "18. Restrictive covenants. For six months after leaving, the Employee shall not deal with any client for whom they worked in the final year of employment.",
    "18. Holiday. The holiday year runs from 1 January, and up to five unused days may be carried over to the next year.",
)
ref(
    "The Tenant shall pay the service charge calculated in accordance with Schedule 2.",
    "Schedule 2 (Service charge). The Tenant shall pay 12% of the Landlord's costs of maintaining the common parts, estimated in advance and reconciled each year.",
    "Schedule 2 (Rent review). The rent shall be reviewed on each fifth anniversary to the open market rent of the Premises.",
)
ref(
    "Termination under clause 16.2 is without prejudice to any rights that accrued before termination.",
    "16.2 Either party may terminate this Agreement with immediate effect if the other becomes insolvent.",
    "16.2 The Customer may suspend payment of any invoice it disputes in good faith until the dispute is resolved.",
)
ref(
    "The Supplier's liability under the indemnities in clause 10 shall be unlimited.",
    "10. Indemnities. The Supplier shall indemnify the Customer against losses arising from death or personal injury caused by the Supplier's staff.",
    "10. Insurance. The Supplier shall maintain public liability insurance of at least £10 million for any one occurrence.",
)
ref(
    "Nothing in clause 11 limits either party's liability for fraud.",
    "11. Limitation of liability. Each party's total liability for all claims in a contract year shall not exceed the charges paid in that year.",
    "11. Fraud prevention. The Supplier shall take all reasonable steps to prevent fraud by its staff in connection with this Agreement.",
)
ref(
    "The Licensee may not sub-license the rights granted in clause 3 without the Licensor's consent.",
    "3. Grant of licence. The Licensor grants the Licensee a non-exclusive licence to use the Patents to make and sell Products in Germany.",
    "3. Sub-licensing fees. The Licensee shall pay the Licensor 20% of any fees it receives from sub-licensees.",
)
ref(
    "The notice periods in clause 5 apply equally to termination by the Company and by the Employee.",
    "5. Notice. After probation, either party may end the employment by giving one week's notice for each full year of service, up to twelve weeks.",
    "5. Probation. The first six months of employment are a probationary period during which performance will be reviewed.",
)
ref(
    "Any extension of time granted under clause 25 shall not entitle the Contractor to additional payment.",
    "25. Extensions of time. If completion is delayed by a Relevant Event, the Employer shall grant the Contractor a fair and reasonable extension of the completion date.",
    "25. Loss and expense. The Contractor is entitled to recover direct loss and expense caused by a Relevant Matter that delays the works.",
)
ref(
    "The Customer shall comply with the acceptable use policy in clause 6.3.",
    "6.3 The Customer shall not use the Service to store or send unlawful, defamatory or infringing material, or to attempt to break its security.",
    "6.3 The Supplier shall announce planned maintenance at least five Business Days in advance and perform it outside business hours.",
)
ref(
    "The Buyer's right to reject under clause 8.1 must be exercised within 14 days of delivery.",
    "8.1 The Buyer may reject any Goods that do not conform to the Specification by notifying the Seller and returning them at the Seller's cost.",
    "8.1 Risk in the Goods passes to the Buyer on delivery, and title passes when the Seller has received payment in full.",
)
ref(
    "For the purposes of clause 12, a Change of Control occurs when a person acquires more than 50% of the voting shares of a party.",
    "12. Change of control. If a party undergoes a Change of Control, the other party may terminate this Agreement by notice within three months.",
    "12. Change control. Either party may request a change to the Services, which shall take effect only once agreed in a signed change note.",
)
ref(
    "The cap in clause 13.2 does not apply to the Customer's obligation to pay the Charges.",
    "13.2 Subject to clause 13.1, each party's aggregate liability arising under or in connection with this Agreement shall not exceed £2 million.",
    "13.2 The Charges shall be increased each April by the change in the Consumer Prices Index over the previous year.",
)
ref(
    "The exceptions in clause 4.2 do not permit disclosure to competitors of the Disclosing Party.",
    "4.2 The Recipient may disclose Confidential Information to its professional advisers, or where required by law or by a regulator.",
    "4.2 The Recipient shall return or destroy all Confidential Information within ten days of a written request.",
)
ref(
    "A claim under the warranties in clause 7 must be notified within 18 months of Completion.",
    "7. Seller's warranties. The Seller warrants that each statement in Schedule 3 is true and accurate at the date of this Agreement and at Completion.",
    "7. Completion. Completion shall take place at the Buyer's solicitors' offices ten Business Days after the conditions are satisfied.",
)
ref(
    "The Landlord may exercise the right of re-entry in clause 9 only after giving the Tenant 21 days' written notice.",
    "9. Forfeiture. If any rent is unpaid 21 days after it is due, or the Tenant breaches a covenant, the Landlord may re-enter the Premises and the Lease shall end.",
    "9. Quiet enjoyment. The Tenant may peaceably hold and enjoy the Premises without interruption by the Landlord.",
)
ref(
    "The costs of the expert appointed under clause 17 shall be borne equally by the parties.",
    "17. Expert determination. A dispute about the valuation shall be referred to an independent accountant, whose decision shall be final and binding except for manifest error.",
    "17. Costs. Each party shall pay its own legal and accounting costs incurred in connection with the valuation.",
)
ref(
    "The Processor shall assist the Controller with data subject requests as described in paragraph 5 of the Annex.",
    "Annex, paragraph 5. The Processor shall forward any request from an individual to access, correct or erase their data to the Controller within three working days.",
    "Annex, paragraph 5. The Processor shall encrypt all personal data in transit and at rest using industry-standard algorithms.",
)
ref(
    "The Supplier shall pay liquidated damages at the rate set out in clause 21 for each day of delay.",
    "21. Liquidated damages. For each day by which Go-Live is late, the Supplier shall pay the Customer £1,500, up to a maximum of £150,000.",
    "21. Day rates. The Customer shall pay £1,500 for each day of consultancy services supplied, invoiced monthly in arrears.",
)
ref(
    "The restrictions in clause 15 apply to any Affiliate of the Supplier as if it were a party.",
    "15. Exclusivity. During the term, the Supplier shall not provide similar services to any other retailer in the United Kingdom.",
    "15. Affiliates. Any Affiliate of the Customer may order Services under this Agreement on the same terms.",
)
ref(
    "Clause 19 shall not prevent a party from seeking an injunction from a court.",
    "19. Arbitration. All disputes arising out of this Agreement shall be finally settled by arbitration in Singapore under the SIAC Rules.",
    "19. Injunctive relief. Damages alone may not be an adequate remedy for breach of the confidentiality obligations.",
)
ref(
    "If the Supplier fails to meet a Milestone, the Customer may withhold payment under clause 6 until it is met.",
    "6. Milestone payments. The Customer shall pay each instalment of the Charges within 30 days after the related Milestone is achieved.",
    "6. Milestones. The Supplier shall use reasonable endeavours to achieve each Milestone by its planned date.",
)
ref(
    "Clause 22 (Set-off) does not apply to sums owed under the Loan Agreement.",
    "22. Set-off. Either party may deduct from any amount it owes the other any amount the other owes it under this Agreement.",
    "22. Loan repayment. The Borrower shall repay the Loan in eight equal quarterly instalments starting twelve months after drawdown.",
)

# ================================================================ MEDICAL (anchor, same statement reworded, near miss that flips a dose, drug, threshold or contraindication[, unrelated])
medical(
    "Metformin should not be started when the estimated glomerular filtration rate is below 30 mL/min/1.73 m2.",
    "Do not begin metformin in a patient whose eGFR has fallen under 30.",
    "Metformin can be continued at a reduced dose when the estimated glomerular filtration rate is between 30 and 45 mL/min/1.73 m2.",
)
medical(
    "For adults, the maximum daily dose of paracetamol is 4 grams, divided into doses at least four hours apart.",
    "Grown-ups should take no more than 4 g of acetaminophen in 24 hours, leaving four hours or more between doses.",
    "For adults, the maximum single dose of paracetamol is 1 gram, and no more than 4 doses may be taken in 24 hours.",
)
medical(
    "Warfarin should be withheld and vitamin K given orally when the INR is above 8 without bleeding.",
    "If a patient on warfarin has an INR over 8 and is not bleeding, stop the warfarin and give oral vitamin K.",
    "Warfarin should be withheld and vitamin K given intravenously when the INR is raised with major bleeding.",
)
medical(
    "Beta-blockers should not be stopped abruptly because of the risk of rebound tachycardia and angina.",
    "Sudden withdrawal of a beta-blocker can provoke a fast heart rate and chest pain, so the dose should be tapered.",
    "Beta-blockers should not be started during acute decompensated heart failure because they can worsen it.",
)
medical(
    "ACE inhibitors are contraindicated in pregnancy because they can damage the fetal kidneys.",
    "Women who are pregnant must not take ACE inhibitors, as these drugs harm the developing baby's kidneys.",
    "Labetalol is a first-choice antihypertensive in pregnancy because it does not damage the fetal kidneys.",
    "Hand hygiene before and after each patient contact reduces hospital-acquired infections.",
)
medical(
    "Adults with community-acquired pneumonia and a CURB-65 score of 3 or more should be managed in hospital.",
    "A CURB-65 of at least 3 in an adult with pneumonia caught in the community means admission rather than treatment at home.",
    "Adults with community-acquired pneumonia and a CURB-65 score of 0 or 1 can usually be managed at home.",
)
medical(
    "Amoxicillin 500 mg three times a day for five days is the usual first-line treatment for non-severe pneumonia in adults.",
    "For an adult with mild pneumonia, start with a five-day course of amoxicillin, 500 mg taken three times daily.",
    "Amoxicillin 500 mg three times a day for five days is not enough for severe pneumonia in adults, which needs intravenous antibiotics.",
)
medical(
    "Trimethoprim should be avoided in the first trimester of pregnancy because it is a folate antagonist.",
    "Early in pregnancy, steer clear of trimethoprim: it blocks folate.",
    "Nitrofurantoin should be avoided near term in pregnancy because of the risk of neonatal haemolysis.",
)
medical(
    "Children under 16 should not be given aspirin because of the risk of Reye's syndrome.",
    "Aspirin is unsuitable for under-sixteens, as it can trigger Reye's syndrome.",
    "Children under 16 may be given ibuprofen for fever, provided they are drinking enough fluids.",
)
medical(
    "Lithium levels should be checked 12 hours after the last dose, one week after starting and after each dose change.",
    "Measure serum lithium on a sample taken 12 hours post-dose, a week into treatment and again whenever the dose is altered.",
    "Lithium levels should be checked 2 hours after the last dose, one week after starting and after each dose change.",
    "Bowel cancer screening with a faecal immunochemical test is offered every two years from the age of 50.",
)
medical(
    "In suspected anaphylaxis, give intramuscular adrenaline 0.5 mg into the anterolateral thigh of an adult.",
    "An adult who may be having anaphylaxis needs 500 micrograms of adrenaline injected into the outer thigh muscle.",
    "In suspected anaphylaxis, give intravenous adrenaline 0.5 mg as a rapid bolus to an adult.",
)
medical(
    "Sodium valproate must not be used in women of childbearing potential unless a pregnancy prevention programme is in place.",
    "Women who could become pregnant should only receive valproate if they are enrolled in a programme to prevent pregnancy.",
    "Sodium valproate is the preferred treatment for women of childbearing potential, with or without a pregnancy prevention programme.",
)
medical(
    "Statins should be stopped if creatine kinase rises above five times the upper limit of normal.",
    "When CK climbs past five times the normal upper limit in someone on a statin, the statin must be discontinued.",
    "Statins can be continued if creatine kinase is below five times the upper limit of normal and muscle symptoms are tolerable.",
)
medical(
    "Levothyroxine should be taken on an empty stomach, at least 30 minutes before breakfast.",
    "Take your thyroid tablet with water half an hour or more before you eat in the morning.",
    "Levothyroxine should be taken with breakfast to reduce stomach upset.",
)
medical(
    "Methotrexate for rheumatoid arthritis is taken once a week, never daily.",
    "For rheumatoid arthritis, the methotrexate dose is weekly; a daily dose is a dangerous error.",
    "Folic acid for patients on methotrexate is taken once a week, on a different day from the methotrexate.",
    "Stopping smoking at any age lowers the risk of a heart attack within a few years.",
)
medical(
    "Oral prednisolone taken for more than three weeks should be withdrawn gradually.",
    "After over three weeks on prednisolone tablets, the dose must be tapered rather than stopped all at once.",
    "Oral prednisolone taken for less than three weeks can usually be stopped without tapering.",
)
medical(
    "Nitrates must not be taken within 24 hours of sildenafil because the combination can cause severe hypotension.",
    "Anyone who has used sildenafil in the last day should not take a nitrate, as blood pressure may crash.",
    "Nitrates must not be taken within 48 hours of tadalafil because the combination can cause severe hypotension.",
)
medical(
    "Clopidogrel is continued with aspirin for 12 months after an acute coronary syndrome.",
    "Following ACS, patients usually stay on dual antiplatelet therapy, aspirin plus clopidogrel, for a year.",
    "Clopidogrel replaces aspirin for 12 months after an acute coronary syndrome in patients who are allergic to aspirin.",
)
medical(
    "Gentamicin doses are based on an adjusted body weight, not the actual weight, in obese patients.",
    "For an obese patient, work out the gentamicin dose from a dosing weight between ideal and actual weight rather than from what the patient weighs.",
    "Gentamicin doses are based on actual body weight in patients who are not obese.",
)
medical(
    "A fever of 38 °C or higher in an infant under three months is a red flag that needs urgent assessment.",
    "Any baby younger than three months with a temperature of at least 38 degrees should be seen urgently.",
    "A fever of 39 °C or higher in a child aged three to six months is an amber warning sign.",
    "Cataract surgery replaces the clouded lens with an artificial intraocular lens.",
)
medical(
    "Ibuprofen should be avoided in patients with an eGFR below 30 because it can worsen kidney function.",
    "NSAIDs such as ibuprofen are best not used when eGFR is under 30, since they may damage the kidneys further.",
    "Ibuprofen should be avoided in patients with active peptic ulcer disease because it can cause bleeding.",
)
medical(
    "Metformin is usually withheld on the day of an iodinated contrast scan in patients with reduced kidney function.",
    "If kidney function is impaired, pause metformin when the patient has a CT scan with iodine contrast.",
    "Metformin can usually be continued on the day of an iodinated contrast scan when kidney function is normal.",
)
medical(
    "Emergency contraception with levonorgestrel is licensed for use up to 72 hours after unprotected sex.",
    "The levonorgestrel morning-after pill can be taken within three days of unprotected intercourse.",
    "Emergency contraception with ulipristal acetate is licensed for use up to 120 hours after unprotected sex.",
)
medical(
    "Target oxygen saturation for patients with COPD at risk of hypercapnia is 88 to 92 per cent.",
    "In COPD patients who may retain carbon dioxide, aim for an SpO2 between 88% and 92%.",
    "Target oxygen saturation for most acutely ill patients without a risk of hypercapnia is 94 to 98 per cent.",
)
medical(
    "Potassium chloride must never be given as an undiluted intravenous bolus.",
    "Concentrated potassium should always be diluted and infused, not pushed directly into a vein.",
    "Potassium chloride should usually be given orally, not intravenously, when hypokalaemia is mild.",
    "Physiotherapy after a knee replacement helps restore the range of movement.",
)
medical(
    "Live vaccines should not be given to patients taking prednisolone 20 mg or more a day for two weeks or longer.",
    "People on at least 20 mg of prednisolone daily for a fortnight or more must not receive live vaccines.",
    "Inactivated vaccines can be given to patients taking prednisolone 20 mg or more a day for two weeks or longer.",
    "The recommended intake of fruit and vegetables is at least five portions a day.",
)
medical(
    "Alendronic acid should be taken with a full glass of water, and the patient must stay upright for 30 minutes afterwards.",
    "Swallow alendronate with plenty of plain water and remain sitting or standing for half an hour.",
    "Alendronic acid should be taken with milk, and the patient may lie down straight afterwards.",
)
medical(
    "Loperamide should not be given to children under 12 with acute diarrhoea.",
    "For children younger than twelve with sudden diarrhoea, do not use loperamide.",
    "Oral rehydration solution should be given to children under 12 with acute diarrhoea.",
)

# ================================================================ FINANCE (anchor, same measure or rule reworded, near miss: a sibling measure or a flipped effect[, unrelated])
finance(
    "Basic earnings per share divides profit attributable to ordinary shareholders by the weighted average number of shares outstanding.",
    "To get the undiluted per-share profit, take the earnings belonging to ordinary shareholders and spread them over the average share count for the period.",
    "Diluted earnings per share divides profit attributable to ordinary shareholders by the weighted average number of shares outstanding plus potential shares from options and convertibles.",
)
finance(
    "Net debt is total borrowings less cash and cash equivalents.",
    "Take everything the company owes to lenders and subtract the cash it holds: that is its net indebtedness.",
    "Gross debt is total borrowings before any cash and cash equivalents are deducted.",
)
finance(
    "The current ratio divides current assets by current liabilities.",
    "Compare everything expected to turn into cash within a year with everything due within a year: that quotient is the current ratio.",
    "The quick ratio divides current assets excluding inventory by current liabilities.",
)
finance(
    "Free cash flow is operating cash flow minus capital expenditure.",
    "Take the cash generated by operations and subtract what was spent on property and equipment to get free cash flow.",
    "Operating cash flow is net income plus non-cash charges, minus the increase in working capital.",
)
finance(
    "Gross margin is revenue less cost of goods sold, divided by revenue.",
    "What is left of each unit of sales after paying for the goods sold, as a share of sales, is the gross margin.",
    "Operating margin is revenue less cost of goods sold and operating expenses, divided by revenue.",
    "The annual general meeting will be held in Oslo on 14 May.",
)
finance(
    "Enterprise value equals market capitalisation plus net debt.",
    "Add what the company owes its lenders, net of its cash, to the market value of its shares to get the value of the whole firm.",
    "Enterprise value equals market capitalisation plus gross debt, with no deduction for cash.",
)
finance(
    "Return on equity divides net income by average shareholders' equity.",
    "Profit for the year as a share of the owners' average book equity is the return on equity.",
    "Return on assets divides net income by average total assets.",
)
finance(
    "Interest cover is EBITDA divided by net interest expense.",
    "Divide earnings before interest, tax, depreciation and amortisation by net finance costs to see how many times interest is covered.",
    "Leverage is net debt divided by EBITDA.",
)
finance(
    "Revenue is recognised when control of the goods passes to the customer.",
    "Sales are booked at the point the customer obtains control of what it bought.",
    "Revenue is recognised when the customer pays for the goods.",
)
finance(
    "Deferred revenue is cash received in advance for services not yet delivered and is shown as a liability.",
    "Money collected before the service is provided sits on the balance sheet as an obligation until the work is done.",
    "Accrued revenue is income earned for services delivered but not yet invoiced and is shown as an asset.",
    "The company employs 4,200 people across 11 countries.",
)
finance(
    "Under IFRS 16 almost all leases are recognised on the lessee's balance sheet.",
    "The international leasing standard brings nearly every lease a company rents onto its balance sheet as an asset and a liability.",
    "Under IFRS 16 lessors still classify leases as finance or operating leases.",
)
finance(
    "Goodwill is not amortised under IFRS but tested for impairment at least annually.",
    "Instead of writing goodwill down a little every year, IFRS preparers check it for impairment every year or more often.",
    "Goodwill may be amortised over up to ten years by private companies that elect the US GAAP alternative.",
)
finance(
    "A dividend payout ratio of 40% means that 40% of net income is paid out to shareholders as dividends.",
    "If the company pays shareholders two-fifths of its profit as dividends, its payout ratio is 40 per cent.",
    "A dividend yield of 4% means that the annual dividend equals 4% of the share price.",
)
finance(
    "Days sales outstanding measures the average number of days it takes to collect receivables.",
    "DSO tells you how long, on average, customers take to pay what they owe.",
    "Days payables outstanding measures the average number of days it takes to pay suppliers.",
)
finance(
    "The CET1 ratio divides common equity tier 1 capital by risk-weighted assets.",
    "A bank's core equity capital as a share of its risk-weighted exposures is its CET1 ratio.",
    "The leverage ratio divides tier 1 capital by total exposure, without risk weighting.",
    "The board has appointed a new chair of the remuneration committee.",
)
finance(
    "Net interest margin is net interest income divided by average interest-earning assets.",
    "A lender's spread earnings, expressed relative to the average assets earning interest, is its net interest margin.",
    "Net interest income is interest earned on loans and securities minus interest paid on deposits and borrowings.",
)
finance(
    "A share buyback reduces the number of shares outstanding and can raise earnings per share even if profit is flat.",
    "When a company repurchases its own stock, fewer shares share the same profit, so EPS can rise without any earnings growth.",
    "A share issue increases the number of shares outstanding and can lower earnings per share even if profit is flat.",
)
finance(
    "The price-to-earnings ratio divides the share price by earnings per share.",
    "Share price over per-share profit gives the P/E multiple.",
    "The earnings yield divides earnings per share by the share price.",
)
finance(
    "Capitalised development costs are amortised over the expected useful life of the resulting product.",
    "Once development spending is put on the balance sheet, it is expensed gradually over the period the product is expected to earn money.",
    "Research costs are expensed immediately as incurred and are never capitalised.",
)
finance(
    "A deferred tax asset is recognised for tax losses carried forward only to the extent that future taxable profits are probable.",
    "Unused tax losses create a deferred tax asset only if the company is likely to earn enough taxable profit to use them.",
    "A deferred tax liability arises when tax depreciation runs ahead of accounting depreciation.",
    "The new distribution centre in Rotterdam opened in September.",
)
finance(
    "Organic growth excludes the effects of acquisitions, disposals and currency movements.",
    "To measure underlying growth, strip out revenue from businesses bought or sold and the impact of exchange rates.",
    "Reported growth includes the effects of acquisitions, disposals and currency movements.",
)
finance(
    "An inventory write-down is required when net realisable value falls below cost.",
    "If stock can now only be sold for less than it cost, after selling costs, it must be written down.",
    "An inventory write-down is reversed under IFRS when net realisable value recovers.",
)
finance(
    "A covenant requiring net leverage below 3.5 times is tested at the end of each quarter.",
    "Every quarter end, net debt to EBITDA must be under 3.5x to satisfy this covenant.",
    "A covenant requiring net leverage below 3.5 times is tested only when new debt is incurred.",
)
finance(
    "Contingent consideration classified as a liability is remeasured at fair value through profit or loss.",
    "An earn-out recorded as a liability is revalued at each reporting date, with changes going through the income statement.",
    "Contingent consideration classified as equity is not remeasured after the acquisition date.",
)
finance(
    "A bond's price falls when market interest rates rise.",
    "Higher prevailing yields push down the value of existing fixed-rate bonds.",
    "A fixed-rate bond's coupon does not change when market interest rates rise.",
    "The group's sustainability report is published each March.",
)
finance(
    "The effective tax rate is the tax charge divided by profit before tax.",
    "Divide the income tax expense by pre-tax profit to get the effective rate.",
    "The statutory tax rate is the rate set by law on taxable profits.",
    "The head office moved to a renovated building near the station.",
)
finance(
    "Diluted EPS excludes antidilutive options, so in a loss-making year it equals basic EPS.",
    "When a company makes a loss, options would shrink the loss per share, so they are left out and the basic and diluted figures are the same.",
    "Diluted EPS includes all options, so in a loss-making year it is lower than basic EPS.",
)
finance(
    "Working capital released by collecting receivables faster increases operating cash flow.",
    "Getting customers to pay sooner frees cash tied up in receivables and lifts cash from operations.",
    "Working capital released by collecting receivables faster increases operating profit.",
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
