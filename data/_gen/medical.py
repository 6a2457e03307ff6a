"""English medical retrieval set (BEIR format) for data/medical/.

All documents and queries are original text written for this course. Each topic has several short
facet documents (dosing, contraindications, adverse effects, monitoring, ...), keyed "topic.facet".
A query targets one facet; sibling facets of the same drug or condition serve as its near-miss
hard negatives (1-3, listed explicitly). Near-miss documents from a second pass (same vocabulary as
a query's answer, a different population, step or drug of the class) sit with their topic and are
listed first among the negatives of the queries they target; relevant documents and negatives are
listed in document order.
Run:  python data/_gen/medical.py [--out ROOT]   (writes data/medical/ or ROOT/medical/; data/_gen/_builder.py validates and writes)
"""

from _builder import Dataset

D = Dataset("medical", prefix="med", title_words=(3, 8))

# ---------------------------------------------------------------- cardiology
D.topic("bb")
D.doc("bb.dur", "Beta-blocker therapy after myocardial infarction",
      "After an acute myocardial infarction, an oral beta-adrenoceptor blocker such as bisoprolol or metoprolol is started once the patient is haemodynamically stable. "
      "In people with reduced left ventricular systolic function it should be continued indefinitely. "
      "Where systolic function is preserved, the continuing benefit is uncertain and many guidelines suggest reviewing the need for the drug after about one year.")
D.doc("bb.asthma", "Beta-blockers and reactive airways disease",
      "Non-selective beta-blockers such as propranolol can provoke severe bronchospasm and must be avoided in people with asthma. "
      "Cardioselective agents are not entirely free of this risk and should be introduced only cautiously, at a low dose, when the cardiac indication is compelling.")
D.doc("bb.stop", "Withdrawing beta-blockers safely",
      "Abrupt withdrawal of a beta-blocker can cause rebound tachycardia, worsening angina and occasionally myocardial infarction, because receptors have become up-regulated. "
      "When the drug must be discontinued, the dose should be reduced gradually over one to two weeks.")
D.doc("bb.brady", "Beta-blockers in conduction disease",
      "Beta-blockers slow conduction through the atrioventricular node. "
      "They are contraindicated in second- or third-degree atrioventricular block without a functioning pacemaker, in sick sinus syndrome, and in symptomatic bradycardia with a resting rate below about 50 beats per minute.")
D.query("train", "how long should someone stay on a beta blocker after an MI", "abbreviation hard_negative",
        pos=["bb.dur"], neg=["bb.asthma", "bb.stop"])
D.query("test", "is it dangerous to suddenly quit my metoprolol", "lay_wording hard_negative",
        pos=["bb.stop"], neg=["bb.dur", "bb.brady"])
D.query("train", "BB in 2nd degree AVB or HR <50", "abbreviation negation numbers",
        pos=["bb.brady"], neg=["bb.asthma"])

D.topic("statin")
D.doc("statin.acs", "High-intensity statin after acute coronary syndrome",
      "After an acute coronary syndrome, including myocardial infarction, a high-intensity statin such as atorvastatin 80 mg once daily should be started before discharge whatever the baseline cholesterol. "
      "The aim is to lower low-density lipoprotein cholesterol by at least 50 percent from baseline, with further lipid-lowering therapy added if this is not achieved.")
D.doc("statin.myo", "Statin-associated muscle symptoms",
      "Muscle aches are the most frequently reported adverse effect of statins, although true myopathy is uncommon. "
      "Creatine kinase should be measured if pain is accompanied by weakness or is unexplained; a level above five times the upper limit of normal warrants stopping the drug. "
      "Rhabdomyolysis is a rare but serious complication.")
D.doc("statin.preg", "Statins in pregnancy and breastfeeding",
      "Statins are contraindicated during pregnancy and lactation because cholesterol synthesis is needed for fetal development. "
      "Women of childbearing potential should use effective contraception and discontinue the statin three months before a planned conception.")
D.doc("statin.lft", "Liver enzyme monitoring on statin therapy",
      "Serum transaminases should be measured before a statin is started, and again at three months and at twelve months. "
      "Treatment does not need to be stopped for a rise that remains below three times the upper limit of normal.")
D.doc("statin.cyp", "Statin interactions with macrolides and grapefruit",
      "Simvastatin and atorvastatin are metabolised by cytochrome P450 3A4, so clarithromycin, itraconazole and large quantities of grapefruit juice raise their plasma concentrations and the risk of muscle toxicity. "
      "Simvastatin should be suspended for the duration of a clarithromycin course.")
D.doc("statin.primary", "Statins for primary cardiovascular prevention",
      "For primary prevention, atorvastatin 20 mg daily is offered to adults whose estimated 10-year cardiovascular risk is 10 percent or more. "
      "Lipids are rechecked at three months, aiming for a reduction in non-HDL cholesterol of more than 40 percent.")
D.doc("statin.intol", "Managing statin intolerance",
      "If muscle symptoms resolve after stopping a statin and recur on rechallenge, options include a lower dose, a different statin, alternate-day dosing, or ezetimibe. "
      "Most people labelled intolerant can tolerate some statin therapy.")
D.query("test", "MI secondary prevention statin intensity and LDL goal", "abbreviation hard_negative",
        pos=["statin.acs"], neg=["statin.myo", "statin.lft", "statin.primary"])
D.query("train", "cholesterol tablets causing leg aches when should CK be checked", "abbreviation lay_wording hard_negative",
        pos=["statin.myo"], neg=["statin.acs", "statin.cyp", "statin.intol"])
D.query("train", "should a woman trying for a baby keep taking her cholesterol medicine", "lay_wording negation",
        pos=["statin.preg"], neg=["statin.lft"])
D.query("train", "LFTs schedule after starting atorvastatin", "abbreviation hard_negative",
        pos=["statin.lft"], neg=["statin.acs", "statin.myo", "statin.primary"])
D.query("train", "antibiotic that clashes with simvastatin", "lay_wording hard_negative",
        pos=["statin.cyp"], neg=["statin.myo"])

D.topic("hfref")
D.doc("hfref.pillars", "Disease-modifying drugs for reduced ejection fraction",
      "Patients with heart failure and a left ventricular ejection fraction of 40 percent or less should receive four classes of prognostic therapy: an angiotensin receptor-neprilysin inhibitor or angiotensin-converting enzyme inhibitor, an evidence-based beta-blocker, a mineralocorticoid receptor antagonist and a sodium-glucose co-transporter 2 inhibitor. "
      "Each is titrated towards the doses used in clinical trials.")
D.doc("hfref.arni", "Switching to sacubitril with valsartan",
      "Sacubitril/valsartan must never be given together with an angiotensin-converting enzyme inhibitor because the combination markedly increases the risk of angioedema. "
      "The angiotensin-converting enzyme inhibitor is stopped at least 36 hours before the first dose of sacubitril/valsartan.")
D.doc("hfref.bnp", "Natriuretic peptide testing for suspected heart failure",
      "In a person with breathlessness or ankle swelling, an N-terminal pro-B-type natriuretic peptide level below 400 ng/L makes chronic heart failure unlikely. "
      "A level above 2000 ng/L warrants specialist assessment and echocardiography within two weeks. "
      "Obesity lowers the level, while renal impairment and age raise it.")
D.doc("hfref.fluid", "Self-monitoring of weight in heart failure",
      "People with heart failure are encouraged to weigh themselves every morning after passing urine and to report a gain of more than 2 kg over three days. "
      "Routine severe fluid restriction is not advised, but a limit of 1.5 to 2 litres per day may help those with hyponatraemia or persistent congestion.")
D.doc("hfref.echo", "Echocardiography in suspected heart failure",
      "Transthoracic echocardiography confirms heart failure and classifies it by left ventricular ejection fraction: reduced (40 percent or less), mildly reduced (41 to 49 percent) or preserved (50 percent or more). "
      "It also identifies valve disease and raised pulmonary pressures.")
D.doc("hfref.apo", "Initial treatment of acute pulmonary oedema",
      "In acute pulmonary oedema the patient is sat upright and given oxygen if hypoxaemic. "
      "Intravenous nitrates may be used if systolic blood pressure is above 90 mmHg, and opiates are not given routinely.")
D.query("train", "what meds should every patient with HFrEF be on", "abbreviation",
        pos=["hfref.pillars"], neg=["hfref.arni"])
D.query("train", "washout after stopping ACEi before starting Entresto", "abbreviation hard_negative",
        pos=["hfref.arni"], neg=["hfref.pillars"])
D.query("test", "BNP level that rules out CHF in a breathless patient", "abbreviation hard_negative",
        pos=["hfref.bnp"], neg=["hfref.fluid", "hfref.echo"])
D.query("train", "swollen ankles heart patient how many kilos of weight gain should worry me", "lay_wording numbers",
        pos=["hfref.fluid"], neg=["hfref.bnp"])

D.topic("diuretic")
D.doc("diuretic.iv", "Furosemide in acute decompensated heart failure",
      "In acute decompensated heart failure, intravenous furosemide is given at a dose at least equal to the patient's usual total daily oral dose, as boluses or a continuous infusion. "
      "Urine output, daily weight, renal function and electrolytes are reviewed every day and the dose adjusted to response.")
D.doc("diuretic.side", "Adverse effects of loop diuretics",
      "Loop diuretics commonly cause hypokalaemia, hyponatraemia, dehydration and postural hypotension, and may precipitate gout. "
      "Large intravenous doses given rapidly can cause tinnitus and sensorineural deafness, particularly in renal impairment.")
D.doc("diuretic.timing", "Timing of diuretic doses",
      "Once-daily diuretics are best taken in the morning, and a second dose, if prescribed, no later than mid-afternoon, so that the diuresis does not disturb sleep. "
      "Patients may safely move the dose later on days when they need to travel or be away from a toilet.")
D.doc("diuretic.thiazide", "Thiazide-like diuretics in hypertension",
      "Indapamide or chlortalidone once daily are the preferred thiazide-like diuretics for hypertension. "
      "Sodium, potassium and calcium should be measured within four weeks of starting, because these drugs can lower sodium and potassium and raise calcium.")
D.query("train", "water pills making me get up at night to pee what time should I take them", "lay_wording",
        pos=["diuretic.timing"], neg=["diuretic.side", "bg.nocturia"])
D.query("test", "can water tablets cause ringing in the ears or hearing loss", "lay_wording hard_negative",
        pos=["diuretic.side"], neg=["diuretic.iv", "diuretic.timing", "bg.tinnitus"])
D.query("train", "IV loop diuretic dose in ADHF versus usual tablets", "abbreviation hard_negative",
        pos=["diuretic.iv"], neg=["hfref.apo", "diuretic.side"])
D.query("train", "U&Es after starting a thiazide-like for HTN", "abbreviation",
        pos=["diuretic.thiazide"], neg=["diuretic.side"])

D.topic("warf")
D.doc("warf.inr", "Target ranges for warfarin anticoagulation",
      "For most indications, including atrial fibrillation and venous thromboembolism, warfarin is adjusted to keep the international normalised ratio between 2.0 and 3.0, with a target of 2.5. "
      "A higher target of 3.5 is used for some mechanical mitral valves and for recurrent thrombosis despite adequate anticoagulation.")
D.doc("warf.high", "Managing over-anticoagulation with warfarin",
      "If the international normalised ratio is between 5 and 8 with no bleeding, one or two doses of warfarin are withheld and the maintenance dose reduced. "
      "If it is above 8 without bleeding, oral vitamin K 1 to 5 mg is also given.")
D.doc("warf.interact", "Warfarin interactions with drugs and diet",
      "Many antibiotics, amiodarone and azole antifungals enhance the effect of warfarin, whereas rifampicin and carbamazepine reduce it. "
      "Large changes in the intake of green leafy vegetables, which are rich in vitamin K, alter the anticoagulant response, so a consistent diet is advised rather than avoidance.")
D.doc("warf.preg", "Warfarin and pregnancy",
      "Warfarin crosses the placenta and is teratogenic, particularly between weeks 6 and 12 of gestation, and increases the risk of fetal bleeding near term. "
      "Women who become pregnant while taking it are usually switched to low-molecular-weight heparin.")
D.doc("warf.bleed", "Warfarin-associated major bleeding",
      "In a patient taking warfarin who has major or life-threatening bleeding, warfarin is stopped and four-factor prothrombin complex concentrate is given with intravenous vitamin K 5 mg, regardless of the international normalised ratio.")
D.doc("warf.start", "Starting warfarin and early monitoring",
      "Warfarin is usually started with a loading regimen guided by the international normalised ratio measured daily or on alternate days. "
      "Heparin cover continues until the ratio has been in range for at least 24 hours when treating acute thrombosis.")
D.query("train", "INR goal for an AF patient on warfarin", "abbreviation hard_negative",
        pos=["warf.inr"], neg=["warf.high", "warf.start"])
D.query("test", "INR of 7 and no bleeding what to do with warfarin", "abbreviation numbers hard_negative",
        pos=["warf.high"], neg=["warf.inr", "warf.bleed"])
D.query("train", "does eating spinach or kale affect my blood thinner", "lay_wording",
        pos=["warf.interact"], neg=["warf.preg", "warf.start", "bg.stonediet"])

D.topic("doac")
D.doc("doac.apix", "Apixaban dose reduction in atrial fibrillation",
      "The standard apixaban dose for stroke prevention in non-valvular atrial fibrillation is 5 mg twice daily. "
      "It is reduced to 2.5 mg twice daily when at least two of the following apply: age 80 years or older, body weight 60 kg or less, or serum creatinine 133 micromol/L or more.")
D.doc("doac.valve", "Direct oral anticoagulants and mechanical valves",
      "Direct oral anticoagulants such as dabigatran, apixaban, edoxaban and rivaroxaban must not be used in patients with mechanical heart valves or moderate-to-severe mitral stenosis. "
      "Warfarin remains the anticoagulant of choice in these groups.")
D.doc("doac.reverse", "Reversal of factor Xa inhibitors",
      "Life-threatening bleeding in a patient taking apixaban or rivaroxaban may be treated with andexanet alfa where available, or otherwise with prothrombin complex concentrate. "
      "Dabigatran is reversed with the monoclonal antibody fragment idarucizumab.")
D.doc("doac.riva", "Rivaroxaban should be taken with food",
      "Rivaroxaban 15 mg and 20 mg tablets must be taken with a meal, because absorption is substantially reduced on an empty stomach. "
      "The 10 mg tablet can be taken with or without food.")
D.doc("doac.renal", "Direct oral anticoagulants in renal impairment",
      "Renal function for direct oral anticoagulant dosing is assessed with creatinine clearance from the Cockcroft-Gault equation. "
      "Dabigatran is avoided when clearance is below 30 mL/min, and rivaroxaban 15 mg daily is used for atrial fibrillation when it is 15 to 49 mL/min.")
D.query("train", "when to lower the Eliquis dose in an elderly AF patient", "abbreviation hard_negative",
        pos=["doac.apix"], neg=["doac.reverse", "doac.renal"])
D.query("test", "which patients cannot use NOACs instead of warfarin", "abbreviation negation",
        pos=["doac.valve"], neg=["doac.apix"])
D.query("train", "antidote for bleeding on the new blood thinners", "lay_wording",
        pos=["doac.reverse"], neg=["warf.bleed", "doac.riva"])
D.query("train", "does the 20 mg riva dose have to go with breakfast", "abbreviation numbers hard_negative",
        pos=["doac.riva"], neg=["doac.reverse"])
D.query("train", "rivaroxaban dose in AF with CrCl 15-49", "abbreviation numbers hard_negative",
        pos=["doac.renal"], neg=["doac.apix", "doac.riva"])

D.topic("af")
D.doc("af.chads", "Stroke risk scoring in atrial fibrillation",
      "The CHA2DS2-VASc score estimates annual stroke risk in atrial fibrillation. "
      "Anticoagulation is recommended for men with a score of 2 or more and women with a score of 3 or more, and should be considered for men with a score of 1. "
      "Aspirin alone is not recommended for stroke prevention.")
D.doc("af.rate", "Ventricular rate control in atrial fibrillation",
      "For most patients with atrial fibrillation, a beta-blocker or a rate-limiting calcium channel blocker such as diltiazem is first-line for controlling the ventricular rate, aiming initially for a resting heart rate below 110 beats per minute. "
      "Digoxin is an option for sedentary people.")
D.doc("af.cv", "Anticoagulation around elective cardioversion",
      "If atrial fibrillation has been present for more than 48 hours, or the onset is uncertain, patients should be anticoagulated for at least three weeks before elective cardioversion, or have left atrial thrombus excluded by transoesophageal echocardiography. "
      "Anticoagulation continues for at least four weeks afterwards.")
D.doc("af.sympt", "Presentation of atrial fibrillation",
      "Atrial fibrillation may cause palpitations, breathlessness, dizziness or fatigue, but many people have no symptoms and it is discovered on a routine pulse check. "
      "An irregularly irregular pulse should prompt a 12-lead electrocardiogram.")
D.doc("af.rhythm", "Rhythm control in atrial fibrillation",
      "Rhythm control with cardioversion, antiarrhythmic drugs or catheter ablation is considered for people whose symptoms persist despite rate control, for new-onset atrial fibrillation, and for atrial fibrillation with a reversible cause.")
D.doc("af.bleedrisk", "Bleeding risk assessment before anticoagulation",
      "Bleeding risk scores such as ORBIT are used to identify modifiable bleeding risk factors in atrial fibrillation, such as uncontrolled hypertension or alcohol excess. "
      "A high score alone should not be used to withhold anticoagulation.")
D.query("train", "AF >48h anticoag before DCCV", "abbreviation numbers hard_negative",
        pos=["af.cv"], neg=["af.chads", "af.rhythm"])
D.query("test", "AF on bisoprolol what resting HR to aim for", "abbreviation hard_negative",
        pos=["af.rate"], neg=["af.sympt", "af.rhythm"])
D.query("train", "irregular heartbeat stroke score when do I need blood thinners", "lay_wording",
        pos=["af.chads"], neg=["af.cv", "af.bleedrisk"])

D.topic("htn")
D.doc("htn.dx", "Confirming hypertension with out-of-office readings",
      "If clinic blood pressure is 140/90 mmHg or higher, ambulatory or home monitoring is offered to confirm the diagnosis. "
      "Hypertension is confirmed when the daytime ambulatory or average home reading is 135/85 mmHg or higher.")
D.doc("htn.cough", "Cough with angiotensin-converting enzyme inhibitors",
      "A dry, persistent cough develops in up to one in ten people taking angiotensin-converting enzyme inhibitors such as ramipril, due to accumulation of bradykinin. "
      "It may begin weeks or months after starting; switching to an angiotensin II receptor blocker such as losartan usually resolves it.")
D.doc("htn.first", "Choosing the first antihypertensive drug",
      "For people under 55 who are not of Black African or African-Caribbean family origin, an angiotensin-converting enzyme inhibitor or angiotensin receptor blocker is the usual first step. "
      "For those aged 55 or over, or of Black African or African-Caribbean origin, a calcium channel blocker such as amlodipine is preferred.")
D.doc("htn.ankle", "Amlodipine and ankle oedema",
      "Dihydropyridine calcium channel blockers such as amlodipine frequently cause ankle oedema. "
      "It results from pre-capillary arteriolar dilatation rather than fluid retention, so it responds poorly to diuretics; dose reduction or adding an angiotensin-converting enzyme inhibitor may help.")
D.doc("htn.preg", "Antihypertensives to avoid in pregnancy",
      "Angiotensin-converting enzyme inhibitors and angiotensin receptor blockers are contraindicated in pregnancy because they impair fetal renal development, particularly in the second and third trimesters. "
      "Labetalol is first-line for hypertension in pregnancy, with nifedipine or methyldopa as alternatives.")
D.doc("htn.hbpm", "Technique for home blood pressure monitoring",
      "For home blood pressure monitoring, two consecutive seated readings at least one minute apart are taken morning and evening for at least four days, ideally seven. "
      "Readings from the first day are discarded and the remainder averaged.")
D.doc("htn.angio", "Angioedema with angiotensin-converting enzyme inhibitors",
      "Angioedema of the lips, tongue or throat is a rare but potentially life-threatening reaction to angiotensin-converting enzyme inhibitors, more common in people of Black African descent, and may occur after years of treatment. "
      "The drug should be stopped permanently.")
D.doc("htn.step", "Adding further antihypertensive drugs",
      "If blood pressure remains uncontrolled on two drugs, a combination of an angiotensin-converting enzyme inhibitor or angiotensin receptor blocker, a calcium channel blocker and a thiazide-like diuretic is used. "
      "At step four, low-dose spironolactone is considered if potassium is 4.5 mmol/L or less.")
D.doc("htn.legswell", "Causes of bilateral leg swelling",
      "Bilateral leg swelling may result from heart failure, chronic venous insufficiency, low serum albumin from liver or kidney disease, or medicines. "
      "Assessment includes examination for raised jugular venous pressure and urine testing for protein.")
D.doc("htn.postnatal", "Antihypertensives after birth and breastfeeding",
      "Women who need blood pressure treatment after giving birth, including those who are breastfeeding, are usually offered enalapril. "
      "Amlodipine or nifedipine are alternatives, and treatment is reviewed at two weeks.")
D.query("train", "tickly cough since starting ramipril", "lay_wording hard_negative",
        pos=["htn.cough"], neg=["htn.first", "htn.angio", "bg.postviralcough"])
D.query("test", "HBPM average to diagnose HTN", "abbreviation hard_negative",
        pos=["htn.dx"], neg=["htn.first", "htn.hbpm"])
D.query("train", "which BP tablets are unsafe when pregnant", "abbreviation lay_wording negation",
        pos=["htn.preg"], neg=["htn.first", "htn.postnatal"])
D.query("test", "swollen feet on amlodipine will a water pill fix it", "lay_wording hard_negative",
        pos=["htn.ankle"], neg=["diuretic.side", "htn.first", "htn.legswell"])
D.query("train", "first-line antiHTN for a 60 yo", "abbreviation numbers",
        pos=["htn.first"], neg=["htn.preg", "htn.step"])

D.topic("digoxin")
D.doc("digoxin.tox", "Clinical features of digoxin toxicity",
      "Digoxin toxicity presents with nausea, vomiting, confusion, visual disturbance such as yellow-green tinting of vision, and arrhythmias including bradycardia and ventricular ectopy. "
      "Hypokalaemia, hypomagnesaemia and renal impairment increase the risk.")
D.doc("digoxin.level", "Measuring plasma digoxin concentration",
      "Blood for plasma digoxin concentration should be taken at least six hours after a dose. "
      "A concentration of 0.5 to 1.0 micrograms/L is generally adequate in heart failure, and toxicity becomes more likely above 2.0 micrograms/L.")
D.doc("digoxin.fab", "Digoxin-specific antibody fragments",
      "Digoxin-specific antibody fragments are indicated for life-threatening digoxin toxicity, such as haemodynamically unstable arrhythmias, or potassium above 5 mmol/L after acute overdose. "
      "The dose is calculated from the amount ingested or the plasma concentration.")
D.doc("digoxin.indic", "Digoxin in heart failure",
      "Digoxin may be added for people with heart failure and reduced ejection fraction who remain symptomatic despite optimal therapy, particularly if they also have atrial fibrillation. "
      "It improves symptoms and reduces hospital admissions but does not reduce mortality.")
D.query("train", "when to draw blood for a dig level after the dose", "abbreviation hard_negative",
        pos=["digoxin.level"], neg=["digoxin.tox", "digoxin.indic"])
D.query("test", "seeing yellow halos while on heart failure medicine", "lay_wording",
        pos=["digoxin.tox"], neg=["digoxin.level", "digoxin.indic"])
D.query("train", "antidote for severe digoxin overdose when is it given", "hard_negative",
        pos=["digoxin.fab"], neg=["digoxin.tox"])

D.topic("amio")
D.doc("amio.mon", "Baseline and follow-up tests for amiodarone",
      "Thyroid function and liver function tests should be checked before starting amiodarone and every six months thereafter, and a chest X-ray is taken at baseline. "
      "New cough or breathlessness should prompt evaluation for pulmonary toxicity.")
D.doc("amio.thyroid", "Amiodarone-induced thyroid dysfunction",
      "Because each tablet contains a large amount of iodine, amiodarone can cause either hypothyroidism or thyrotoxicosis. "
      "Hypothyroidism can usually be treated with levothyroxine while amiodarone is continued, whereas thyrotoxicosis often needs specialist management.")
D.doc("amio.skin", "Amiodarone photosensitivity and skin discolouration",
      "Amiodarone causes phototoxic skin reactions and, with long-term use, a slate-grey discolouration of sun-exposed skin. "
      "Patients should use broad-spectrum sunscreen and protective clothing, continuing for months after stopping because of the very long half-life.")
D.doc("amio.load", "Amiodarone loading and maintenance doses",
      "Oral amiodarone is started with a loading regimen of 200 mg three times daily for one week, then twice daily for one week, followed by a maintenance dose of 200 mg daily or less. "
      "Intravenous loading should be given through a central line where possible.")
D.doc("amio.lung", "Pulmonary toxicity of amiodarone",
      "Amiodarone can cause interstitial pneumonitis and pulmonary fibrosis, presenting with cough, breathlessness, fever and weight loss. "
      "The drug is stopped and corticosteroids may be needed.")
D.query("test", "TFT and LFT frequency on amio", "abbreviation hard_negative",
        pos=["amio.mon"], neg=["amio.thyroid", "amio.load"])
D.query("train", "grey-blue skin and sunburn on a heart rhythm drug", "lay_wording",
        pos=["amio.skin"], neg=["amio.mon", "amio.lung", "bg.doxysun"])
D.query("train", "amio-induced hypothyroidism continue amio?", "abbreviation negation hard_negative",
        pos=["amio.thyroid"], neg=["amio.mon"])

D.topic("nitrate")
D.doc("nitrate.gtn", "Sublingual glyceryl trinitrate for angina",
      "For an episode of angina, one or two sprays of glyceryl trinitrate are given under the tongue while sitting down. "
      "A second dose may be taken after 5 minutes if pain persists, and emergency services should be called if the pain is not relieved 5 minutes after the second dose.")
D.doc("nitrate.pde5", "Nitrates with phosphodiesterase-5 inhibitors",
      "Nitrates must never be combined with sildenafil, tadalafil or other phosphodiesterase-5 inhibitors, because the combination can cause profound hypotension. "
      "Nitrates should not be given within 24 hours of sildenafil or 48 hours of tadalafil.")
D.doc("nitrate.tol", "Avoiding nitrate tolerance",
      "Continuous exposure to isosorbide mononitrate leads to tolerance. "
      "Asymmetric dosing, with the second dose taken about eight hours after the first, provides a nitrate-free interval overnight and preserves the anti-anginal effect.")
D.doc("nitrate.headache", "Headache when starting nitrates",
      "Throbbing headache and flushing are common when nitrates are started, because of vasodilatation, and usually settle within a few days of regular use. "
      "Simple analgesics can be used meanwhile.")
D.query("train", "GTN spray chest pain how many doses before calling an ambulance", "abbreviation lay_wording",
        pos=["nitrate.gtn"], neg=["nitrate.headache"])
D.query("test", "can I use my angina spray after taking Viagra", "lay_wording negation",
        pos=["nitrate.pde5"], neg=["nitrate.gtn"])
D.query("train", "why is the second ISMN dose taken in the early afternoon", "abbreviation",
        pos=["nitrate.tol"], neg=["nitrate.headache"])

D.topic("aspirin")
D.doc("aspirin.primary", "Aspirin for primary cardiovascular prevention",
      "Low-dose aspirin is not recommended for the primary prevention of cardiovascular disease in most people, because the small reduction in myocardial infarction and ischaemic stroke is outweighed by the increase in major bleeding.")
D.doc("aspirin.dapt", "Dual antiplatelet therapy after acute coronary syndrome",
      "After an acute coronary syndrome, aspirin 75 mg daily is combined with a P2Y12 inhibitor such as ticagrelor or prasugrel for twelve months, after which aspirin alone is continued lifelong. "
      "A shorter course may be chosen when bleeding risk is high.")
D.doc("aspirin.child", "Aspirin in children and Reye's syndrome",
      "Aspirin should not be given to children under 16 years because of the risk of Reye's syndrome, a rare illness causing acute encephalopathy and liver failure. "
      "Exceptions include Kawasaki disease, where it is used under specialist supervision.")
D.query("train", "should healthy people take baby aspirin to prevent a heart attack", "lay_wording negation hard_negative",
        pos=["aspirin.primary"], neg=["aspirin.dapt"])
D.query("test", "DAPT duration after ACS", "abbreviation", pos=["aspirin.dapt"], neg=["aspirin.primary"])
D.query("train", "why can't teenagers take aspirin", "lay_wording negation",
        pos=["aspirin.child"], neg=["aspirin.primary", "bg.periodpain"])

D.topic("spiro")
D.doc("spiro.k", "Hyperkalaemia with mineralocorticoid receptor antagonists",
      "Spironolactone and eplerenone can cause dangerous hyperkalaemia, especially with angiotensin-converting enzyme inhibitors or in renal impairment. "
      "Potassium and creatinine are checked at one and four weeks after starting and after each dose change, and the drug is stopped if potassium exceeds 6.0 mmol/L.")
D.doc("spiro.gyn", "Gynaecomastia with spironolactone",
      "Spironolactone has anti-androgenic effects that cause painful breast enlargement in up to one in ten men. "
      "Eplerenone, which is more selective for the mineralocorticoid receptor, is an alternative when this occurs.")
D.doc("spiro.acne", "Spironolactone for hormonal acne in women",
      "Spironolactone 50 to 100 mg daily may be used off-label for persistent hormonal acne in women. "
      "Effective contraception is needed because the drug could feminise a male fetus.")
D.doc("spiro.hf", "Spironolactone in heart failure",
      "Spironolactone 25 mg once daily, increased to 50 mg if tolerated, is added for symptomatic heart failure with reduced ejection fraction and reduces both mortality and hospital admission.")
D.query("test", "K+ level at which to stop spironolactone", "abbreviation hard_negative",
        pos=["spiro.k"], neg=["spiro.gyn", "spiro.hf"])
D.query("train", "man on heart failure diuretic with sore swollen breasts", "lay_wording",
        pos=["spiro.gyn"], neg=["spiro.k", "spiro.hf"])
D.query("train", "spiro for acne dose", "abbreviation hard_negative", pos=["spiro.acne"], neg=["spiro.gyn"])

D.topic("dvt")
D.doc("dvt.wells", "Diagnostic pathway for suspected leg vein thrombosis",
      "In suspected deep vein thrombosis, a two-level Wells score of 2 or more means the diagnosis is likely and proximal leg vein ultrasound should be performed within 4 hours. "
      "If the score is 1 or less, a D-dimer test is done first, and a negative result excludes the diagnosis.")
D.doc("dvt.dur", "Duration of anticoagulation for venous thromboembolism",
      "For a first provoked deep vein thrombosis or pulmonary embolism, anticoagulation is usually given for three months. "
      "Unprovoked events may warrant longer, potentially indefinite, treatment if the bleeding risk is acceptable.")
D.doc("dvt.stock", "Compression stockings after deep vein thrombosis",
      "Graduated compression stockings are no longer routinely recommended to prevent post-thrombotic syndrome after a deep vein thrombosis. "
      "They may still relieve leg swelling and aching in individual patients.")
D.doc("dvt.flight", "Long-haul travel and venous thromboembolism",
      "Flights of more than four hours modestly increase the risk of venous thromboembolism. "
      "Walking in the aisle, calf exercises and staying hydrated are advised; prophylactic anticoagulation is reserved for travellers at high risk.")
D.doc("dvt.dimer", "Limitations of D-dimer testing",
      "D-dimer is raised in pregnancy, infection, cancer, after surgery and with increasing age, so a positive result is non-specific. "
      "Age-adjusted cut-offs may be used in people over 50 years.")
D.doc("dvt.cancer", "Venous thromboembolism in active cancer",
      "People with active cancer and venous thromboembolism are usually treated with a direct oral anticoagulant, or low-molecular-weight heparin where there is a high risk of gastrointestinal bleeding, for at least six months.")
D.doc("dvt.proph", "Thromboprophylaxis for hospital inpatients",
      "Adults admitted to hospital are assessed for venous thromboembolism risk. "
      "Low-molecular-weight heparin is offered to those at increased risk, and anti-embolism stockings may be used for surgical patients unless contraindicated by peripheral arterial disease.")
D.query("train", "how long on blood thinners after a provoked DVT", "abbreviation lay_wording",
        pos=["dvt.dur"], neg=["dvt.flight", "dvt.cancer"])
D.query("test", "DVT unlikely on Wells what test first", "abbreviation hard_negative",
        pos=["dvt.wells"], neg=["dvt.dur", "dvt.dimer"])
D.query("train", "GCS after DVT to prevent PTS?", "abbreviation negation hard_negative",
        pos=["dvt.stock"], neg=["dvt.flight", "dvt.proph"])

D.topic("pe")
D.doc("pe.lysis", "Thrombolysis for pulmonary embolism",
      "Systemic thrombolysis with alteplase is indicated for pulmonary embolism with haemodynamic instability, such as persistent systolic blood pressure below 90 mmHg. "
      "It is not routinely recommended for haemodynamically stable patients, even with right ventricular strain, because of the bleeding risk.")
D.doc("pe.perc", "Pulmonary embolism rule-out criteria",
      "In patients with a low clinical probability of pulmonary embolism, the rule-out criteria allow the diagnosis to be excluded without a D-dimer if all eight are met, including age under 50 years, heart rate below 100 per minute, oxygen saturation of 95 percent or more, and no haemoptysis or oestrogen use.")
D.doc("pe.ctpa", "Imaging for suspected pulmonary embolism",
      "Computed tomography pulmonary angiography is the first-line imaging test when pulmonary embolism is likely. "
      "A ventilation/perfusion scan is preferred in pregnancy, or when contrast is contraindicated because of severe renal impairment or allergy.")
D.query("test", "PE with SBP under 90 should tPA be given", "abbreviation numbers",
        pos=["pe.lysis"], neg=["pe.perc"])
D.query("train", "?PE in pregnancy which scan", "abbreviation hard_negative",
        pos=["pe.ctpa"], neg=["pe.perc"])
D.query("train", "PERC rule components", "abbreviation", pos=["pe.perc"], neg=["pe.lysis"])

# ---------------------------------------------------------------- nephrology
D.topic("ckd")
D.doc("ckd.stage", "Staging chronic kidney disease by filtration rate",
      "Chronic kidney disease is classified by estimated glomerular filtration rate into categories G1 to G5: G3a is 45 to 59, G3b is 30 to 44, G4 is 15 to 29 and G5 is below 15 mL/min/1.73m2. "
      "The albuminuria category, A1 to A3, is added to the stage to refine the risk of progression.")
D.doc("ckd.acr", "Urine albumin-to-creatinine ratio",
      "The albumin-to-creatinine ratio on an early-morning urine sample is the preferred test for proteinuria. "
      "A ratio of 3 mg/mmol or more is clinically significant, and a ratio above 70 mg/mmol, unless caused by diabetes and already treated, should prompt referral to nephrology.")
D.doc("ckd.refer", "Referral criteria for renal specialist review",
      "Referral to a renal specialist is recommended for an estimated glomerular filtration rate below 30, a sustained fall of 25 percent with a change in category, or a fall of 15 mL/min/1.73m2 or more within 12 months. "
      "Hypertension that remains poorly controlled despite four agents is another indication.")
D.doc("ckd.anaemia", "Anaemia of chronic kidney disease",
      "Reduced erythropoietin production causes anaemia in advanced chronic kidney disease. "
      "Iron stores are replenished first, often intravenously, and erythropoiesis-stimulating agents are considered when haemoglobin remains below 100 g/L.")
D.doc("ckd.diet", "Dietary potassium and phosphate in advanced renal disease",
      "In advanced kidney disease a renal dietitian may advise limiting high-potassium foods such as bananas, potatoes and tomatoes, and phosphate-rich processed foods and colas. "
      "Phosphate binders taken with meals are used if serum phosphate remains high.")
D.doc("ckd.egfr", "Estimating glomerular filtration rate",
      "Glomerular filtration rate is estimated from serum creatinine using the CKD-EPI equation. "
      "Cystatin C may be used when muscle mass is unusual, and a single low result should be repeated within two weeks to exclude acute kidney injury.")
D.query("train", "eGFR of 35 which CKD stage", "abbreviation numbers hard_negative",
        pos=["ckd.stage"], neg=["ckd.refer", "ckd.egfr"])
D.query("test", "ACR cut-off that needs a nephrology referral", "abbreviation hard_negative",
        pos=["ckd.acr"], neg=["ckd.stage", "ckd.refer"])
D.query("train", "kidney patient with low blood count when are EPO injections used", "abbreviation lay_wording",
        pos=["ckd.anaemia"], neg=["ckd.stage"])
D.query("train", "foods to avoid with failing kidneys", "lay_wording",
        pos=["ckd.diet"], neg=["ckd.anaemia", "bg.stonediet"])

D.topic("aki")
D.doc("aki.def", "Definition of acute kidney injury",
      "Acute kidney injury is defined by a rise in serum creatinine of 26.5 micromol/L or more within 48 hours, a rise to 1.5 times baseline or more within 7 days, or urine output below 0.5 mL/kg/hour for more than 6 hours.")
D.doc("aki.meds", "Medicines to withhold in acute kidney injury",
      "During acute kidney injury, non-steroidal anti-inflammatory drugs, angiotensin-converting enzyme inhibitors, angiotensin receptor blockers, diuretics and metformin should usually be withheld, and the doses of renally cleared drugs such as gentamicin and low-molecular-weight heparin reviewed.")
D.doc("aki.sick", "Restarting medicines after dehydrating illness",
      "Patients who paused certain medicines during a dehydrating illness, such as vomiting, diarrhoea or fever with sweats, can restart them 24 to 48 hours after they are eating and drinking normally again. "
      "They should seek advice if they remain unwell or are unsure.")
D.doc("aki.cause", "Causes and imaging in acute kidney injury",
      "Causes of acute kidney injury are grouped as pre-renal (hypovolaemia, sepsis, heart failure), intrinsic renal (acute tubular necrosis, glomerulonephritis, interstitial nephritis) and post-renal (urinary tract obstruction). "
      "Renal tract ultrasound within 24 hours is recommended when obstruction is suspected.")
D.doc("aki.stage", "Staging the severity of acute kidney injury",
      "Acute kidney injury is staged by the peak creatinine relative to baseline: stage 1 is 1.5 to 1.9 times, stage 2 is 2.0 to 2.9 times, and stage 3 is three times baseline or more, a creatinine of 354 micromol/L or more, or the need for renal replacement therapy.")
D.query("test", "AKI creatinine rise criteria within 48 hours", "abbreviation numbers hard_negative",
        pos=["aki.def"], neg=["aki.cause", "aki.stage"])
D.query("train", "which drugs to hold in AKI", "abbreviation hard_negative",
        pos=["aki.meds"], neg=["aki.sick"])
D.query("train", "after a tummy bug when can I restart my water tablets and metformin", "lay_wording hard_negative",
        pos=["aki.sick"], neg=["aki.meds"])
D.query("train", "when is a kidney scan needed in acute renal failure", "lay_wording",
        pos=["aki.cause"], neg=["aki.def"])

D.topic("hyperk")
D.doc("hyperk.ecg", "Electrocardiographic changes in hyperkalaemia",
      "Hyperkalaemia produces tall tented T waves, flattened or absent P waves, a prolonged PR interval and broad QRS complexes, progressing to a sine-wave pattern and ventricular fibrillation. "
      "Changes correlate poorly with the exact potassium level.")
D.doc("hyperk.ca", "Intravenous calcium in hyperkalaemia",
      "When potassium is 6.5 mmol/L or higher, or there are electrocardiographic changes, 30 mL of 10 percent calcium gluconate is given intravenously over 5 to 10 minutes to stabilise the myocardium. "
      "It does not lower the serum potassium, so treatment to shift potassium into cells must follow.")
D.doc("hyperk.insulin", "Insulin and glucose to shift potassium",
      "Ten units of soluble insulin with 25 g of glucose intravenously lowers serum potassium by driving it into cells, with an effect within 15 minutes lasting 4 to 6 hours. "
      "Capillary glucose must be monitored for at least 6 hours afterwards because of the risk of hypoglycaemia.")
D.doc("hyperk.binder", "Oral potassium binders",
      "Sodium zirconium cyclosilicate and patiromer bind potassium in the gut and can be used for persistent hyperkalaemia, allowing patients with heart failure or chronic kidney disease to continue renin-angiotensin system inhibitors.")
D.doc("hyperk.salb", "Nebulised salbutamol in hyperkalaemia",
      "Nebulised salbutamol 10 to 20 mg shifts potassium into cells and can be used as an adjunct to insulin and glucose. "
      "It may cause tachycardia and is used cautiously in ischaemic heart disease.")
D.doc("hyperk.causes", "Common causes of raised potassium",
      "Raised potassium may be spurious from a haemolysed or delayed sample, or caused by acute kidney injury, chronic kidney disease, drugs such as angiotensin-converting enzyme inhibitors and spironolactone, or adrenal insufficiency.")
D.query("train", "high K+ ECG findings", "abbreviation",
        pos=["hyperk.ecg"], neg=["hyperk.ca", "hyperk.causes"])
D.query("test", "hours of BM checks after an insulin-glucose shift for hyperK", "abbreviation lay_wording hard_negative",
        pos=["hyperk.insulin"], neg=["hyperk.ca", "hyperk.salb"])
D.query("train", "why give Ca gluconate in hyperK", "abbreviation hard_negative",
        pos=["hyperk.ca"], neg=["hyperk.insulin", "hyperk.salb"])
D.query("train", "Lokelma to stay on an ACEi with raised potassium", "abbreviation",
        pos=["hyperk.binder"], neg=["hyperk.ecg"])

D.topic("contrast")
D.doc("contrast.prev", "Preventing contrast-associated kidney injury",
      "Adults with an estimated glomerular filtration rate below 30 mL/min/1.73m2 who are having intravenous iodinated contrast should be offered intravenous volume expansion with 0.9 percent sodium chloride or isotonic sodium bicarbonate. "
      "Oral acetylcysteine is not recommended.")
D.doc("contrast.metf", "Metformin around iodinated contrast",
      "Metformin should be withheld at the time of iodinated contrast administration in patients with acute kidney injury or an estimated glomerular filtration rate below 30, and restarted after 48 hours if renal function is stable.")
D.doc("contrast.gad", "Gadolinium and nephrogenic systemic fibrosis",
      "Gadolinium-based contrast agents used in magnetic resonance imaging have been associated with nephrogenic systemic fibrosis in patients with severe renal impairment or on dialysis. "
      "Macrocyclic agents carry the lowest risk and are preferred when imaging cannot be avoided.")
D.doc("contrast.allergy", "Previous reaction to iodinated contrast",
      "Patients who had a previous moderate or severe reaction to iodinated contrast should be discussed with the radiologist; an alternative test or a different contrast agent may be chosen, and resuscitation facilities must be available.")
D.query("train", "CIN prevention before CT", "abbreviation hard_negative",
        pos=["contrast.prev"], neg=["contrast.metf", "contrast.allergy"])
D.query("test", "stop the diabetes pill before a scan with dye", "lay_wording hard_negative",
        pos=["contrast.metf"], neg=["contrast.prev", "metformin.renal"])
D.query("train", "MRI contrast in ESRF", "abbreviation", pos=["contrast.gad"], neg=["contrast.prev"])

D.topic("dialysis")
D.doc("dialysis.ind", "Indications for urgent renal replacement therapy",
      "Urgent renal replacement therapy is indicated for refractory hyperkalaemia, severe metabolic acidosis, fluid overload unresponsive to diuretics, uraemic complications such as pericarditis or encephalopathy, and poisoning with dialysable substances such as lithium or methanol.")
D.doc("dialysis.fistula", "Care of an arteriovenous fistula",
      "An arteriovenous fistula is created several months before haemodialysis is expected to start, to allow it to mature. "
      "Blood pressure cuffs, cannulas and venepuncture should be avoided on the fistula arm, and the thrill should be checked daily.")
D.doc("dialysis.pd", "Peritonitis in peritoneal dialysis",
      "Cloudy effluent, abdominal pain or fever in a patient on peritoneal dialysis suggests peritonitis. "
      "Effluent is sent for cell count and culture, and intraperitoneal antibiotics covering Gram-positive and Gram-negative organisms are started.")
D.doc("dialysis.line", "Tunnelled haemodialysis catheters",
      "A tunnelled central venous catheter is used for haemodialysis when a fistula is not yet available. "
      "It should be accessed only by trained staff and kept dry, and fever or rigors during dialysis suggest line infection.")
D.doc("dialysis.bpcuff", "Measuring blood pressure correctly",
      "Blood pressure should be measured with a cuff of appropriate size on the upper arm supported at heart level. "
      "If readings differ between arms by more than 15 mmHg, the arm with the higher reading is used for future measurements.")
D.query("train", "AEIOU indications for emergency HD", "abbreviation",
        pos=["dialysis.ind"], neg=["dialysis.fistula", "dialysis.line"])
D.query("test", "BP cuff on the AVF arm ok?", "abbreviation negation",
        pos=["dialysis.fistula"], neg=["dialysis.ind", "dialysis.line", "dialysis.bpcuff"])
D.query("train", "cloudy bag and tummy pain on PD", "abbreviation lay_wording",
        pos=["dialysis.pd"], neg=["dialysis.ind"])

D.topic("nephrotic")
D.doc("nephrotic.def", "Definition and causes of nephrotic syndrome",
      "Nephrotic syndrome is the combination of heavy proteinuria (more than 3.5 g per day in adults), hypoalbuminaemia and oedema, often with hyperlipidaemia. "
      "Minimal change disease is the commonest cause in children, while membranous nephropathy and focal segmental glomerulosclerosis are common in adults.")
D.doc("nephrotic.clot", "Thrombosis risk in nephrotic syndrome",
      "Urinary loss of antithrombin and other anticoagulant proteins makes nephrotic syndrome a hypercoagulable state, with a particular risk of renal vein thrombosis. "
      "Prophylactic anticoagulation is considered when serum albumin falls below about 20 to 25 g/L, especially in membranous nephropathy.")
D.doc("nephrotic.kids", "Corticosteroids for childhood nephrotic syndrome",
      "Children with a first episode of nephrotic syndrome are usually treated with oral prednisolone 60 mg/m2 daily for four weeks, followed by 40 mg/m2 on alternate days for four weeks. "
      "Most respond within two weeks, supporting a diagnosis of minimal change disease.")
D.doc("nephrotic.oedema", "Managing oedema in nephrotic syndrome",
      "Oedema in nephrotic syndrome is treated with dietary sodium restriction and loop diuretics, sometimes in high doses because of reduced diuretic delivery. "
      "Angiotensin-converting enzyme inhibitors reduce proteinuria.")
D.query("train", "how much protein in the urine counts as nephrotic range", "lay_wording hard_negative",
        pos=["nephrotic.def"], neg=["nephrotic.kids"])
D.query("test", "low albumin kidney leak why are blood clots a risk", "lay_wording",
        pos=["nephrotic.clot"], neg=["nephrotic.def", "nephrotic.oedema"])
D.query("train", "prednisolone regimen for a child with puffy eyes and frothy urine", "lay_wording hard_negative",
        pos=["nephrotic.kids"], neg=["nephrotic.def", "nephrotic.oedema"])

D.topic("sglt2")
D.doc("sglt2.ckd", "Gliflozins to slow chronic kidney disease",
      "Dapagliflozin and empagliflozin slow the progression of chronic kidney disease and reduce cardiovascular events in people with or without diabetes. "
      "They can be started when the estimated glomerular filtration rate is 20 mL/min/1.73m2 or above; an initial small fall in filtration rate is expected and is not a reason to stop.")
D.doc("sglt2.dka", "Euglycaemic ketoacidosis with gliflozins",
      "Sodium-glucose co-transporter 2 inhibitors can cause diabetic ketoacidosis with near-normal blood glucose. "
      "They should be paused during acute illness, before major surgery and during very low-carbohydrate diets, and ketones checked if the patient is unwell.")
D.doc("sglt2.thrush", "Genital infections with gliflozins",
      "Because they cause glycosuria, sodium-glucose co-transporter 2 inhibitors increase the risk of genital fungal infections. "
      "Good genital hygiene is advised, and rare cases of Fournier's gangrene have been reported.")
D.doc("sglt2.hf", "Gliflozins in heart failure",
      "Dapagliflozin or empagliflozin 10 mg once daily reduce hospital admission and cardiovascular death in heart failure across the range of ejection fraction, with or without diabetes.")
D.doc("sglt2.glyc", "Glucose-lowering effect and renal function",
      "The glucose-lowering effect of sodium-glucose co-transporter 2 inhibitors falls as estimated glomerular filtration rate declines below 45 mL/min/1.73m2, so additional agents may be needed for glycaemic control, although renal and cardiac benefits persist.")
D.query("test", "lowest eGFR to initiate an SGLT2i in CKD", "abbreviation hard_negative",
        pos=["sglt2.ckd"], neg=["sglt2.dka", "sglt2.hf", "sglt2.glyc"])
D.query("train", "DKA with normal sugar on dapagliflozin", "abbreviation lay_wording hard_negative",
        pos=["sglt2.dka"], neg=["sglt2.thrush"])
D.query("train", "thrush from the diabetes tablet that makes you pee out sugar", "lay_wording",
        pos=["sglt2.thrush"], neg=["sglt2.dka"])

# ---------------------------------------------------------------- endocrinology
D.topic("metformin")
D.doc("metformin.renal", "Metformin dose adjustment for renal function",
      "Metformin can be used at full dose when the estimated glomerular filtration rate is 45 mL/min/1.73m2 or above. "
      "Between 30 and 44 the maximum daily dose is reduced, typically to 1 g, and the drug is stopped below 30 because of the risk of lactic acidosis.")
D.doc("metformin.gi", "Gastrointestinal effects of metformin",
      "Nausea, abdominal discomfort and diarrhoea are common when metformin is started. "
      "Beginning with 500 mg once daily with food and increasing slowly, or switching to a modified-release formulation, improves tolerability.")
D.doc("metformin.b12", "Vitamin B12 deficiency with metformin",
      "Long-term metformin reduces vitamin B12 absorption. "
      "Levels should be checked in patients who develop anaemia or peripheral neuropathy, and periodically in long-term users.")
D.doc("metformin.neuro", "Diabetic peripheral neuropathy",
      "Diabetic peripheral neuropathy causes numbness, tingling and burning pain in the feet. "
      "Annual foot checks with a monofilament are recommended, and painful neuropathy may be treated with amitriptyline, duloxetine, gabapentin or pregabalin.")
D.doc("metformin.surgery", "Metformin around surgery",
      "Metformin can usually be continued around minor procedures, but a dose is omitted on the day of surgery if more than one meal will be missed, and it is withheld after surgery until eating and renal function are normal.")
D.query("train", "metf max dose eGFR 30-44", "abbreviation numbers hard_negative",
        pos=["metformin.renal"], neg=["contrast.metf", "metformin.surgery"])
D.query("test", "diabetes pill and tingling feet could it be low B12", "lay_wording",
        pos=["metformin.b12"], neg=["metformin.gi", "metformin.neuro"])
D.query("train", "metformin giving me the runs any way round it", "lay_wording hard_negative",
        pos=["metformin.gi"], neg=["metformin.b12"])

D.topic("hba1c")
D.doc("hba1c.dx", "Diagnosing diabetes with glycated haemoglobin",
      "A glycated haemoglobin of 48 mmol/mol (6.5 percent) or above is diagnostic of type 2 diabetes; in a person without symptoms the test should be repeated to confirm. "
      "Values of 42 to 47 mmol/mol (6.0 to 6.4 percent) indicate a high risk of developing diabetes.")
D.doc("hba1c.unreliable", "When glycated haemoglobin is unreliable",
      "Glycated haemoglobin should not be used to diagnose diabetes in children, in pregnancy, when type 1 diabetes is suspected, when symptoms have lasted less than two months, or in conditions that alter red cell turnover such as haemolysis, haemoglobinopathies or recent transfusion.")
D.doc("hba1c.target", "Individualised glycaemic targets",
      "For adults with type 2 diabetes managed by lifestyle and metformin, a glycated haemoglobin target of 48 mmol/mol is usual; for those on drugs that can cause hypoglycaemia, 53 mmol/mol is appropriate. "
      "Targets are relaxed in frail older people.")
D.doc("hba1c.freq", "Interval for repeating glycated haemoglobin",
      "Glycated haemoglobin is measured every 3 to 6 months until stable, then every 6 months. "
      "Because it reflects average glucose over the lifespan of red cells, it should not be repeated sooner than about three months after a change in therapy.")
D.doc("hba1c.ogtt", "Oral glucose tolerance test",
      "The oral glucose tolerance test measures plasma glucose two hours after a 75 g glucose drink; a value of 11.1 mmol/L or more indicates diabetes. "
      "It is the standard test for gestational diabetes at 24 to 28 weeks.")
D.query("train", "HbA1c cut-off for a diabetes diagnosis", "abbreviation hard_negative",
        pos=["hba1c.dx"], neg=["hba1c.target"])
D.query("test", "A1c unreliable for DM diagnosis when", "abbreviation negation hard_negative",
        pos=["hba1c.unreliable"], neg=["hba1c.dx", "hba1c.ogtt"])
D.query("train", "what three month sugar average should I aim for on gliclazide", "lay_wording",
        pos=["hba1c.target"], neg=["hba1c.freq"])
D.query("train", "repeat A1c interval after a med change", "abbreviation hard_negative",
        pos=["hba1c.freq"], neg=["hba1c.target"])

D.topic("insulin")
D.doc("insulin.hypo", "Treating hypoglycaemia in a conscious adult",
      "If capillary glucose is below 4.0 mmol/L and the person can swallow, give 15 to 20 g of fast-acting carbohydrate such as glucose tablets or fruit juice. "
      "Recheck after 10 to 15 minutes and repeat up to three times, then give a longer-acting carbohydrate snack.")
D.doc("insulin.glucagon", "Glucagon for severe hypoglycaemia",
      "If a person with hypoglycaemia is unconscious or cannot swallow safely, 1 mg of glucagon is given intramuscularly, or intravenous 10 percent glucose in hospital. "
      "Glucagon may be ineffective when liver glycogen is depleted, for example after prolonged fasting or alcohol excess.")
D.doc("insulin.basal", "Starting basal insulin in type 2 diabetes",
      "Basal insulin such as glargine is usually started at 10 units once daily, or 0.1 to 0.2 units/kg, and titrated by 2 units every three days until fasting glucose is within target. "
      "Metformin is normally continued.")
D.doc("insulin.sites", "Rotating insulin injection sites",
      "Repeated injection into the same spot causes lipohypertrophy, fatty lumps under the skin that absorb insulin erratically. "
      "Sites should be rotated within the abdomen, thighs or buttocks, and pen needles used only once.")
D.doc("insulin.unaware", "Impaired awareness of hypoglycaemia",
      "People with long-standing diabetes may lose warning symptoms of hypoglycaemia such as sweating and tremor. "
      "Strict avoidance of hypoglycaemia for several weeks can restore awareness, and driving rules require reporting recurrent severe episodes.")
D.doc("insulin.mix", "Twice-daily premixed insulin",
      "Premixed insulin containing short- and intermediate-acting components is injected twice daily before breakfast and the evening meal. "
      "It suits people with regular meal patterns but gives less flexibility than a basal-bolus regimen.")
D.query("train", "hypo below 4 what should I eat", "lay_wording numbers",
        pos=["insulin.hypo"], neg=["insulin.glucagon", "insulin.unaware", "bg.exercisehypo"])
D.query("test", "diabetic passed out and can't swallow which injection", "lay_wording hard_negative",
        pos=["insulin.glucagon"], neg=["insulin.hypo", "insulin.unaware"])
D.query("train", "glargine starting dose and titration in T2DM", "abbreviation",
        pos=["insulin.basal"], neg=["insulin.sites", "insulin.mix"])
D.query("train", "lumpy patches on my belly where I do my insulin jabs", "lay_wording",
        pos=["insulin.sites"], neg=["insulin.basal", "bg.lipoma"])

D.topic("dka")
D.doc("dka.crit", "Diagnostic criteria for diabetic ketoacidosis",
      "Diabetic ketoacidosis is diagnosed when blood ketones are 3.0 mmol/L or above (or urine ketones 2+ or more), blood glucose is above 11.0 mmol/L or diabetes is known, and venous bicarbonate is below 15.0 mmol/L and/or venous pH is below 7.3.")
D.doc("dka.fri", "Fixed-rate insulin infusion in ketoacidosis",
      "In adult diabetic ketoacidosis, a fixed-rate intravenous insulin infusion is run at 0.1 units/kg/hour based on estimated weight. "
      "The patient's usual long-acting insulin is continued, and 10 percent glucose is added once blood glucose falls below 14 mmol/L.")
D.doc("dka.k", "Potassium replacement in ketoacidosis",
      "Total body potassium is depleted in diabetic ketoacidosis even when the initial serum level is normal. "
      "Potassium chloride 40 mmol/L is added to each litre of fluid if serum potassium is 5.5 mmol/L or below; none is added above 5.5, and senior review is needed if it falls below 3.5.")
D.doc("dka.cerebral", "Cerebral oedema in paediatric ketoacidosis",
      "Cerebral oedema is the most feared complication of diabetic ketoacidosis in children and young people. "
      "Headache, falling heart rate, rising blood pressure, agitation or reduced consciousness should prompt immediate treatment with mannitol or hypertonic saline.")
D.doc("dka.fluids", "Fluid resuscitation in ketoacidosis",
      "In adult diabetic ketoacidosis without shock, 0.9 percent sodium chloride is given as 1 litre over the first hour, then 1 litre over two hours twice, then 1 litre over four hours, with more caution in older people and those with heart failure.")
D.doc("dka.resolve", "Resolution of ketoacidosis and subcutaneous insulin",
      "Diabetic ketoacidosis is considered resolved when ketones are below 0.6 mmol/L and venous pH is above 7.3. "
      "Subcutaneous insulin is restarted with a meal, and the intravenous insulin infusion is stopped 30 to 60 minutes later.")
D.doc("dka.hhs", "Hyperosmolar hyperglycaemic state",
      "Hyperosmolar hyperglycaemic state is characterised by marked hyperglycaemia of 30 mmol/L or more, serum osmolality of 320 mOsm/kg or more and severe dehydration, without significant ketonaemia or acidosis. "
      "Fluid replacement is the priority and insulin is given at a lower rate.")
D.query("test", "units per kg per hour for the FRIII in DKA", "abbreviation hard_negative",
        pos=["dka.fri"], neg=["dka.k", "dka.fluids", "dka.resolve"])
D.query("train", "DKA dx criteria", "abbreviation hard_negative",
        pos=["dka.crit"], neg=["dka.fri", "dka.resolve"])
D.query("train", "when not to add KCl to the bags in DKA", "abbreviation negation",
        pos=["dka.k"], neg=["dka.fri", "dka.fluids"])
D.query("train", "paeds DKA headache and bradycardia", "abbreviation", pos=["dka.cerebral"], neg=["dka.crit"])
D.query("train", "blood sugar over 30 with very concentrated blood but no ketones", "lay_wording numbers hard_negative",
        pos=["dka.hhs"], neg=["dka.crit", "dka.fluids"])

D.topic("hypothyroid")
D.doc("hypothyroid.dose", "Starting dose of levothyroxine",
      "In adults under 65 without cardiac disease, levothyroxine can be started at about 1.6 micrograms/kg/day. "
      "Older people and those with ischaemic heart disease start at 25 micrograms daily, increasing cautiously every three to six weeks.")
D.doc("hypothyroid.take", "How to take levothyroxine",
      "Levothyroxine should be taken on an empty stomach, 30 to 60 minutes before breakfast, with water. "
      "Calcium, iron supplements and antacids impair its absorption and should be taken at least four hours apart.")
D.doc("hypothyroid.tsh", "Monitoring thyroid-stimulating hormone on replacement",
      "Thyroid-stimulating hormone is checked 6 to 8 weeks after starting or changing the levothyroxine dose, aiming for a level within the reference range. "
      "Once stable, annual testing is sufficient.")
D.doc("hypothyroid.subclin", "Managing subclinical hypothyroidism in adults",
      "Subclinical hypothyroidism describes a raised thyroid-stimulating hormone with normal free thyroxine. "
      "Treatment is usually considered if the level is 10 mU/L or higher on two occasions three months apart; below this, observation is generally preferred, although a trial may be offered to younger symptomatic people.")
D.doc("hypothyroid.central", "Monitoring secondary hypothyroidism",
      "In hypothyroidism caused by pituitary disease, thyroid-stimulating hormone is unreliable for monitoring, and the levothyroxine dose is adjusted to keep free thyroxine in the upper half of the reference range.")
D.doc("hypothyroid.preg", "Levothyroxine requirements in pregnancy",
      "Women taking levothyroxine usually need a dose increase of about 25 to 30 percent as soon as pregnancy is confirmed, because requirements rise in the first trimester.")
D.doc("hypothyroid.forms", "Levothyroxine formulations and brands",
      "Levothyroxine oral solution can be used by people who cannot swallow tablets. "
      "Some patients notice symptoms when switched between brands, and a consistent product may then be prescribed.")
D.query("train", "can I take my thyroid tablet with my iron pills", "lay_wording negation",
        pos=["hypothyroid.take"], neg=["hypothyroid.dose", "hypothyroid.forms"])
D.query("test", "how soon to recheck TSH after a dose change", "abbreviation hard_negative",
        pos=["hypothyroid.tsh"], neg=["hypothyroid.subclin", "hypothyroid.central"])
D.query("train", "thyroxine starting dose for an elderly man with angina", "hard_negative",
        pos=["hypothyroid.dose"], neg=["hypothyroid.take", "hypothyroid.preg"])
D.query("train", "TSH 8 with normal T4 treat or not", "abbreviation numbers negation hard_negative",
        pos=["hypothyroid.subclin"], neg=["hypothyroid.tsh"])

D.topic("hyperthyroid")
D.doc("hyperthyroid.agran", "Carbimazole and agranulocytosis",
      "Carbimazole can rarely cause agranulocytosis, usually within the first three months. "
      "Patients must stop the drug and seek an urgent full blood count if they develop a sore throat, mouth ulcers, fever or other signs of infection.")
D.doc("hyperthyroid.preg", "Antithyroid drugs in pregnancy",
      "Propylthiouracil is preferred in the first trimester of pregnancy because carbimazole is associated with congenital abnormalities. "
      "Treatment may switch to carbimazole from the second trimester because propylthiouracil carries a risk of severe liver injury.")
D.doc("hyperthyroid.rai", "Radioactive iodine for Graves' disease",
      "Radioactive iodine is a definitive treatment for Graves' disease and toxic nodular goitre. "
      "It is contraindicated in pregnancy and breastfeeding, pregnancy should be avoided for at least six months afterwards, and active thyroid eye disease may worsen.")
D.doc("hyperthyroid.sympt", "Clinical features of hyperthyroidism",
      "Hyperthyroidism causes weight loss despite a good appetite, heat intolerance, tremor, palpitations, anxiety and frequent loose stools. "
      "Beta-blockers such as propranolol give rapid symptomatic relief while antithyroid drugs take effect.")
D.doc("hyperthyroid.regimen", "Carbimazole titration and block-and-replace",
      "Carbimazole is started at 20 to 40 mg daily and either titrated down according to thyroid function or combined with levothyroxine in a block-and-replace regimen, usually for 12 to 18 months.")
D.doc("hyperthyroid.surgery", "Thyroidectomy for Graves' disease",
      "Total thyroidectomy is preferred for Graves' disease with a large goitre, suspicion of cancer or for people who wish to avoid radioactive treatment. "
      "Risks include hypocalcaemia and recurrent laryngeal nerve injury.")
D.query("train", "carbi and sore throat", "abbreviation hard_negative",
        pos=["hyperthyroid.agran"], neg=["hyperthyroid.sympt", "hyperthyroid.regimen"])
D.query("test", "which thyroid-blocking tablet for an overactive thyroid at 8 weeks pregnant", "lay_wording numbers hard_negative",
        pos=["hyperthyroid.preg"], neg=["hyperthyroid.rai", "hyperthyroid.regimen"])
D.query("train", "who shouldn't have radioiodine for an overactive thyroid", "lay_wording negation",
        pos=["hyperthyroid.rai"], neg=["hyperthyroid.preg", "hyperthyroid.surgery"])

D.topic("osteo")
D.doc("osteo.alend", "How to take alendronic acid",
      "Alendronic acid 70 mg once weekly must be swallowed whole with a full glass of plain water on an empty stomach, at least 30 minutes before food or other medicines. "
      "The patient should remain upright for 30 minutes to reduce the risk of oesophageal irritation and ulceration.")
D.doc("osteo.onj", "Osteonecrosis of the jaw with antiresorptives",
      "Bisphosphonates and denosumab are associated with osteonecrosis of the jaw, especially with high intravenous doses in cancer. "
      "A dental check-up is advised before starting, and good oral hygiene maintained throughout treatment.")
D.doc("osteo.holiday", "Bisphosphonate treatment breaks",
      "After five years of oral bisphosphonate, or three years of intravenous zoledronic acid, fracture risk should be reassessed. "
      "Patients at lower risk may take a treatment break, whereas those with previous vertebral fractures or a high risk should continue.")
D.doc("osteo.dexa", "Interpreting bone density T-scores",
      "A dual-energy X-ray absorptiometry T-score of -2.5 or lower at the hip or spine defines osteoporosis, while a score between -1 and -2.5 indicates osteopenia. "
      "The result is combined with clinical risk factors to estimate fracture risk.")
D.doc("osteo.denosumab", "Stopping denosumab safely",
      "Denosumab injections are given every six months and must not be stopped or delayed without a plan, because discontinuation causes rapid bone loss and multiple vertebral fractures. "
      "A bisphosphonate is usually given afterwards.")
D.doc("osteo.frax", "Fracture risk assessment tools",
      "Tools such as FRAX estimate the 10-year probability of hip and major osteoporotic fracture from age, sex, body mass index and clinical risk factors, with or without bone mineral density.")
D.query("train", "why stay sitting up after the weekly bone tablet", "lay_wording",
        pos=["osteo.alend"], neg=["osteo.holiday"])
D.query("test", "after how many years can I stop my bone strengthening pills", "lay_wording hard_negative",
        pos=["osteo.holiday"], neg=["osteo.alend", "osteo.denosumab"])
D.query("train", "DXA T of -2.7 what does it mean", "abbreviation numbers",
        pos=["osteo.dexa"], neg=["osteo.holiday", "osteo.frax"])
D.query("train", "see the dentist before starting a bisphosphonate because of jaw bone death", "lay_wording",
        pos=["osteo.onj"], neg=["osteo.alend"])
D.query("test", "what happens if the 6-monthly bone injection is delayed", "lay_wording numbers hard_negative",
        pos=["osteo.denosumab"], neg=["osteo.holiday"])

D.topic("adrenal")
D.doc("adrenal.sick", "Steroid sick day rules",
      "People taking replacement hydrocortisone for adrenal insufficiency should double their usual daily dose during an illness with fever or one requiring antibiotics. "
      "If vomiting prevents absorption, the emergency hydrocortisone injection is used and medical help sought.")
D.doc("adrenal.crisis", "Emergency treatment of adrenal crisis",
      "Suspected adrenal crisis is treated immediately with 100 mg hydrocortisone intravenously or intramuscularly, followed by 200 mg over 24 hours by infusion or divided doses, together with intravenous fluids. "
      "Treatment must not be delayed while awaiting test results.")
D.doc("adrenal.synacthen", "Short tetracosactide stimulation test",
      "Adrenal insufficiency is confirmed with a short tetracosactide stimulation test: cortisol is measured before and 30 minutes after 250 micrograms of tetracosactide. "
      "A subnormal peak cortisol indicates adrenal insufficiency.")
D.doc("adrenal.maint", "Maintenance glucocorticoid replacement",
      "Adrenal insufficiency is usually treated with hydrocortisone 15 to 25 mg daily in two or three divided doses, the largest on waking, together with fludrocortisone in primary adrenal failure.")
D.query("test", "Addison's patient with flu should I change my hydrocortisone", "lay_wording hard_negative",
        pos=["adrenal.sick"], neg=["adrenal.crisis", "adrenal.maint"])
D.query("train", "IM hydrocortisone dose for Addisonian crisis", "abbreviation hard_negative",
        pos=["adrenal.crisis"], neg=["adrenal.sick", "adrenal.maint"])
D.query("train", "SST protocol for suspected adrenal insufficiency", "abbreviation hard_negative",
        pos=["adrenal.synacthen"], neg=["adrenal.crisis"])

D.topic("su")
D.doc("su.hypo", "Hypoglycaemia with sulfonylureas",
      "Sulfonylureas such as gliclazide stimulate insulin secretion regardless of the glucose level and can cause prolonged hypoglycaemia, particularly in older people, those with renal impairment and those who miss meals. "
      "Patients who drive must monitor their glucose.")
D.doc("su.weight", "Weight effects of glucose-lowering drugs",
      "Sulfonylureas, pioglitazone and insulin are associated with weight gain, whereas metformin is broadly weight-neutral. "
      "Glucagon-like peptide-1 receptor agonists and sodium-glucose co-transporter 2 inhibitors promote weight loss.")
D.doc("su.ramadan", "Diabetes medicines during Ramadan fasting",
      "During Ramadan fasting, a once-daily sulfonylurea is usually moved to the evening meal and may be reduced, while metformin can be split between the pre-dawn and sunset meals. "
      "Fasting should be broken if glucose falls below 4 mmol/L.")
D.doc("su.pio", "Cautions with pioglitazone",
      "Pioglitazone causes fluid retention and is contraindicated in heart failure. "
      "It also increases fracture risk and should not be used in people with current or previous bladder cancer.")
D.doc("su.steps", "Stepwise drug treatment of type 2 diabetes",
      "Metformin is the usual first drug in type 2 diabetes, with a sodium-glucose co-transporter 2 inhibitor added when there is cardiovascular disease or heart failure. "
      "Further options include a dipeptidyl peptidase-4 inhibitor, pioglitazone, a sulfonylurea or insulin.")
D.query("train", "SU hypos in the elderly", "abbreviation hard_negative",
        pos=["su.hypo"], neg=["su.ramadan", "su.steps"])
D.query("test", "which T2DM meds cause weight gain versus loss", "abbreviation",
        pos=["su.weight"], neg=["su.hypo", "su.pio", "su.steps"])
D.query("train", "adjusting diabetes tablets for religious daytime fasting", "direct",
        pos=["su.ramadan"], neg=["su.hypo"])

D.topic("glp1")
D.doc("glp1.gi", "Gastrointestinal effects of incretin injections",
      "Nausea, vomiting and diarrhoea are the most common adverse effects of semaglutide and liraglutide, and are minimised by slow dose escalation. "
      "Eating smaller meals and stopping when full helps.")
D.doc("glp1.panc", "Pancreatitis and glucagon-like peptide-1 agonists",
      "Glucagon-like peptide-1 receptor agonists should be stopped if pancreatitis is suspected and not restarted if it is confirmed. "
      "They should be avoided in people with previous pancreatitis and in those with a personal or family history of medullary thyroid carcinoma.")
D.doc("glp1.wl", "Semaglutide for weight management",
      "Semaglutide 2.4 mg once weekly may be used for weight management in adults with a body mass index of at least 35 kg/m2 and a weight-related condition, or 30 to 34.9 kg/m2 in selected cases, alongside diet and exercise within a specialist weight service.")
D.doc("glp1.surgery", "Incretin-based drugs before anaesthesia",
      "Glucagon-like peptide-1 receptor agonists delay gastric emptying, which may increase the risk of aspiration during anaesthesia. "
      "Local guidance may advise withholding a weekly injection before elective surgery.")
D.doc("glp1.orlistat", "Orlistat for weight loss",
      "Orlistat 120 mg taken with each main meal reduces fat absorption and may be used in adults with a body mass index of 30 kg/m2 or more. "
      "It should be stopped if less than 5 percent of body weight has been lost after 12 weeks.")
D.query("test", "GLP-1 RA in someone with previous pancreatitis or MTC in the family", "abbreviation negation hard_negative",
        pos=["glp1.panc"], neg=["glp1.gi", "glp1.surgery"])
D.query("train", "weekly weight loss jab BMI criteria", "lay_wording abbreviation",
        pos=["glp1.wl"], neg=["glp1.gi", "glp1.orlistat"])
D.query("train", "feeling sick after starting my weekly diabetes jab", "lay_wording hard_negative",
        pos=["glp1.gi"], neg=["glp1.wl"])
D.query("train", "when to stop a fat-blocking slimming pill if weight loss is under 5%", "lay_wording numbers",
        pos=["glp1.orlistat"], neg=["glp1.wl"])

# ---------------------------------------------------------------- infectious disease
D.topic("cap")
D.doc("cap.curb", "Severity assessment in community-acquired pneumonia",
      "Severity of community-acquired pneumonia is assessed with a score giving one point each for new confusion, urea above 7 mmol/L, respiratory rate of 30 per minute or more, low blood pressure (systolic below 90 or diastolic 60 mmHg or less) and age 65 or over. "
      "A score of 0 or 1 suggests home treatment, 2 hospital assessment, and 3 or more high severity.")
D.doc("cap.abx", "Antibiotics for low-severity pneumonia",
      "For low-severity community-acquired pneumonia in adults, amoxicillin 500 mg three times daily for 5 days is first-line. "
      "Doxycycline or clarithromycin are alternatives in penicillin allergy.")
D.doc("cap.cxr", "Follow-up chest radiograph after pneumonia",
      "A repeat chest radiograph about six weeks after clinical resolution is advised for people with persisting symptoms or signs, and for those at higher risk of underlying lung cancer, such as smokers and people over 50.")
D.doc("cap.severe", "Antibiotics for high-severity pneumonia",
      "For moderate or high-severity community-acquired pneumonia, treatment is usually intravenous co-amoxiclav with clarithromycin, reviewed at 48 hours and switched to oral therapy when the patient improves, for a total of 5 days.")
D.query("train", "mild CAP oral abx and duration", "abbreviation",
        pos=["cap.abx"], neg=["cap.curb", "cap.severe"])
D.query("test", "CURB65 score meaning for hospital admission", "abbreviation hard_negative",
        pos=["cap.curb"], neg=["cap.abx"])
D.query("train", "f/u CXR post-CAP in a smoker", "abbreviation", pos=["cap.cxr"], neg=["cap.abx"])

D.topic("uti")
D.doc("uti.nitro", "Nitrofurantoin for uncomplicated cystitis in women",
      "Nitrofurantoin 100 mg modified-release twice daily for 3 days is first-line for lower urinary tract infection in non-pregnant women. "
      "It should be avoided if the estimated glomerular filtration rate is below 45 mL/min/1.73m2, when it is less effective and more toxic.")
D.doc("uti.preg", "Urinary tract infection in pregnancy",
      "Pregnant women with urinary tract infection should have urine sent for culture before treatment starts, with nitrofurantoin for 7 days as first choice, avoiding it near term. "
      "Trimethoprim should be avoided in the first trimester because it is a folate antagonist. "
      "Asymptomatic bacteriuria in pregnancy is also treated.")
D.doc("uti.dipstick", "Urine dipsticks in older adults",
      "Urine dipstick testing should not be used to diagnose urinary tract infection in adults over 65 years, because asymptomatic bacteriuria is common in this group and a positive test does not indicate infection. "
      "Diagnosis relies on clinical features.")
D.doc("uti.men", "Lower urinary tract infection in men",
      "Lower urinary tract infection in men is treated with trimethoprim or nitrofurantoin for 7 days, and a midstream urine sample should be sent for culture before antibiotics. "
      "Prostatitis should be considered if there is fever or perineal pain.")
D.doc("uti.pyelo", "Treatment of acute pyelonephritis",
      "Acute pyelonephritis in non-pregnant adults is treated with cefalexin for 7 to 10 days or ciprofloxacin for 7 days, guided by urine culture. "
      "Intravenous antibiotics are needed if the patient is vomiting or systemically unwell.")
D.doc("uti.catheter", "Catheter-associated urinary tract infection",
      "In catheter-associated urinary tract infection, the catheter is changed before antibiotics are started if it has been in place for more than seven days. "
      "A urine sample is taken from the new catheter, and asymptomatic bacteriuria is not treated.")
D.query("train", "bladder infection antibiotic for a woman how many days", "lay_wording",
        pos=["uti.nitro"], neg=["uti.men"])
D.query("test", "water infection while expecting which antibiotic to avoid early on", "lay_wording negation",
        pos=["uti.preg"], neg=["uti.nitro"])
D.query("train", "should nursing home staff dip the urine of elderly residents for UTI", "abbreviation lay_wording negation",
        pos=["uti.dipstick"], neg=["uti.nitro", "uti.catheter"])
D.query("test", "abx duration for cystitis in a male pt", "abbreviation hard_negative",
        pos=["uti.men"], neg=["uti.nitro", "uti.pyelo", "uti.catheter"])

D.topic("cellulitis")
D.doc("cellulitis.tx", "Antibiotics for cellulitis",
      "Flucloxacillin 500 mg to 1 g four times daily for 5 to 7 days is first-line for uncomplicated cellulitis. "
      "Clarithromycin or doxycycline can be used in penicillin allergy, and intravenous therapy is reserved for systemic illness or rapid spread.")
D.doc("cellulitis.nf", "Red flags for necrotising fasciitis",
      "Pain out of proportion to the visible skin changes, rapid spread, skin necrosis, crepitus and systemic toxicity suggest necrotising fasciitis, a surgical emergency requiring urgent debridement alongside broad-spectrum antibiotics.")
D.doc("cellulitis.mark", "Marking the margin of skin infection",
      "Drawing around the edge of the erythema with a skin marker helps clinicians judge whether a skin infection is progressing or responding during the first 48 hours. "
      "Some extension in the first day is common even when the antibiotic is effective.")
D.query("train", "red hot swollen leg infection which tablets", "lay_wording",
        pos=["cellulitis.tx"], neg=["cellulitis.mark"])
D.query("test", "skin infection that hurts far more than it looks when to worry", "lay_wording",
        pos=["cellulitis.nf"], neg=["cellulitis.tx"])
D.query("train", "why draw a pen line around the redness on my leg", "lay_wording hard_negative",
        pos=["cellulitis.mark"], neg=["cellulitis.tx"])

D.topic("cdiff")
D.doc("cdiff.tx", "First-line treatment of Clostridioides difficile",
      "A first episode of Clostridioides difficile infection is treated with oral vancomycin 125 mg four times daily for 10 days, with fidaxomicin as second-line or for recurrence. "
      "Metronidazole is no longer recommended first-line.")
D.doc("cdiff.risk", "Risk factors for Clostridioides difficile",
      "Broad-spectrum antibiotics, particularly clindamycin, cephalosporins, co-amoxiclav and quinolones, are the main risk factors for Clostridioides difficile infection, together with proton pump inhibitors, older age and prolonged hospital stay.")
D.doc("cdiff.ic", "Infection control for Clostridioides difficile",
      "Clostridioides difficile spores are not killed by alcohol hand rub, so staff must wash hands with soap and water and wear gloves and aprons. "
      "Patients with diarrhoea are isolated in a single room until 48 hours after their stools return to normal.")
D.query("test", "C diff first episode vancomycin dose and length", "abbreviation hard_negative",
        pos=["cdiff.tx"], neg=["cdiff.ic", "vanc.oral"])
D.query("train", "why doesn't hand gel work for C. diff", "abbreviation negation lay_wording",
        pos=["cdiff.ic"], neg=["cdiff.tx", "bg.handhyg"])
D.query("train", "do stomach acid tablets raise the risk of C diff", "abbreviation lay_wording",
        pos=["cdiff.risk"], neg=["cdiff.tx"])

D.topic("sepsis")
D.doc("sepsis.six", "First-hour actions in suspected sepsis",
      "Within the first hour of recognising sepsis, give oxygen if needed to maintain saturation, take blood cultures, give intravenous antibiotics, give an intravenous fluid bolus, measure serum lactate and monitor urine output hourly.")
D.doc("sepsis.lactate", "Lactate in risk stratification of sepsis",
      "A serum lactate above 2 mmol/L indicates tissue hypoperfusion in sepsis, and a level above 4 mmol/L identifies high risk requiring immediate senior review. "
      "In these patients a crystalloid bolus of 30 mL/kg is commonly given in the first hours.")
D.doc("sepsis.qsofa", "Bedside organ failure screening score",
      "The quick sequential organ failure assessment identifies patients with suspected infection who are at higher risk of poor outcome when two of the following are present: respiratory rate of 22 per minute or more, altered mentation, and systolic blood pressure of 100 mmHg or less.")
D.doc("sepsis.pressor", "Vasopressors in septic shock",
      "If hypotension persists despite adequate fluid resuscitation in sepsis, noradrenaline is started, aiming for a mean arterial pressure of 65 mmHg. "
      "Critical care review is required.")
D.query("train", "qSOFA criteria", "abbreviation", pos=["sepsis.qsofa"], neg=["sepsis.six"])
D.query("test", "bolus size for lac >4", "abbreviation numbers hard_negative",
        pos=["sepsis.lactate"], neg=["sepsis.six"])
D.query("train", "what to do in the golden hour for a septic patient", "direct",
        pos=["sepsis.six"], neg=["sepsis.lactate", "sepsis.pressor"])
D.query("test", "MAP target on norad", "abbreviation hard_negative",
        pos=["sepsis.pressor"], neg=["sepsis.six", "sepsis.lactate"])

D.topic("hiv")
D.doc("hiv.prep", "Pre-exposure prophylaxis against HIV",
      "Pre-exposure prophylaxis with tenofovir disoproxil and emtricitabine greatly reduces the risk of acquiring HIV. "
      "It can be taken daily or, for men who have sex with men, event-based: two tablets 2 to 24 hours before sex, then one tablet 24 and 48 hours after the first dose.")
D.doc("hiv.renal", "Renal monitoring on tenofovir disoproxil",
      "Tenofovir disoproxil can cause proximal tubular dysfunction and a decline in renal function. "
      "Creatinine and urine protein are checked at baseline and periodically, and it is not recommended for pre-exposure prophylaxis if creatinine clearance is below 60 mL/min.")
D.doc("hiv.pep", "Post-exposure prophylaxis after sexual exposure",
      "Post-exposure prophylaxis should be started as soon as possible, ideally within 24 hours and no later than 72 hours after a high-risk exposure, and continued for 28 days. "
      "Follow-up HIV testing is arranged afterwards.")
D.doc("hiv.test", "Timing of HIV tests after exposure",
      "Fourth-generation HIV tests detect most infections four weeks after exposure, and a negative result 45 days after the last exposure reliably excludes infection.")
D.doc("hiv.ec", "Emergency contraception options",
      "Levonorgestrel can be used up to 72 hours and ulipristal acetate up to 120 hours after unprotected intercourse. "
      "A copper intrauterine device, inserted within five days, is the most effective method.")
D.query("train", "PrEP on-demand 2-1-1 schedule", "abbreviation numbers", pos=["hiv.prep"], neg=["hiv.pep"])
D.query("test", "latest time to start PEP after the condom broke", "abbreviation lay_wording",
        pos=["hiv.pep"], neg=["hiv.prep", "hiv.test", "hiv.ec"])
D.query("train", "PrEP kidney function cut-off", "abbreviation lay_wording hard_negative",
        pos=["hiv.renal"], neg=["hiv.prep"])
D.query("test", "is an HIV test 45 days after risky sex reliable", "abbreviation numbers hard_negative",
        pos=["hiv.test"], neg=["hiv.pep"])
D.query("test", "morning after pill still work 4 days after sex", "lay_wording numbers",
        pos=["hiv.ec"], neg=["hiv.pep"])

D.topic("tb")
D.doc("tb.regimen", "Standard treatment of active tuberculosis",
      "Drug-sensitive pulmonary tuberculosis is treated with rifampicin, isoniazid, pyrazinamide and ethambutol for two months, followed by rifampicin and isoniazid for a further four months. "
      "Directly observed therapy is used when adherence is a concern.")
D.doc("tb.eye", "Ethambutol visual toxicity",
      "Ethambutol can cause optic neuritis with reduced visual acuity and red-green colour blindness. "
      "Visual acuity and colour vision should be tested before treatment and patients told to stop and report any visual change.")
D.doc("tb.rif", "Rifampicin interactions and discoloured secretions",
      "Rifampicin colours urine, tears and sweat orange-red and can permanently stain soft contact lenses. "
      "It is a potent enzyme inducer that reduces the effectiveness of hormonal contraceptives, warfarin and many other drugs.")
D.doc("tb.inh", "Isoniazid and peripheral neuropathy",
      "Isoniazid can cause peripheral neuropathy, so pyridoxine 10 mg daily is given to people at increased risk, such as those with diabetes, renal failure, alcohol dependence, HIV infection or malnutrition.")
D.doc("tb.latent", "Treating latent tuberculosis infection",
      "Latent tuberculosis infection is treated with three months of rifampicin and isoniazid or six months of isoniazid alone, to prevent progression to active disease.")
D.doc("tb.liver", "Hepatotoxicity of antituberculous drugs",
      "Isoniazid, rifampicin and pyrazinamide can cause hepatitis. "
      "Liver function is checked before treatment, and drugs are stopped if transaminases rise above five times the upper limit of normal or jaundice develops.")
D.query("train", "TB treatment length and drugs RIPE", "abbreviation",
        pos=["tb.regimen"], neg=["tb.inh", "tb.latent"])
D.query("test", "does TB medication stop the pill from working", "abbreviation lay_wording",
        pos=["tb.rif"], neg=["tb.regimen"])
D.query("train", "B6 with INH why", "abbreviation hard_negative", pos=["tb.inh"], neg=["tb.eye", "tb.liver"])
D.query("train", "colour vision check for a tuberculosis drug", "lay_wording", pos=["tb.eye"], neg=["tb.inh"])

D.topic("flu")
D.doc("flu.osel", "Oseltamivir treatment of influenza",
      "Oseltamivir 75 mg twice daily for 5 days is recommended for people at high risk of complications who have suspected influenza, ideally started within 48 hours of symptom onset. "
      "Doses are reduced in renal impairment.")
D.doc("flu.vax", "Seasonal influenza vaccination programme",
      "Annual influenza vaccination is offered to adults aged 65 and over, pregnant women, people with chronic illness, and health and social care workers. "
      "Children receive a live attenuated nasal vaccine, which is contraindicated in severely immunocompromised children.")
D.doc("flu.egg", "Egg allergy and influenza vaccine",
      "Most people with egg allergy, including those who have had anaphylaxis to egg, can safely receive an egg-free or very low-ovalbumin inactivated influenza vaccine in primary care.")
D.doc("flu.zana", "Zanamivir for resistant influenza",
      "Inhaled zanamivir 10 mg twice daily for 5 days is used when oseltamivir resistance is suspected or for severely immunosuppressed patients. "
      "It can cause bronchospasm in people with asthma.")
D.doc("flu.contra", "Contraindications to influenza vaccines",
      "Inactivated influenza vaccine should not be given to anyone who has had anaphylaxis to a previous dose or a vaccine component other than ovalbumin. "
      "The live nasal vaccine is avoided in children with severe asthma or active wheeze.")
D.query("train", "Tamiflu adult dose if started within 2 days of symptoms", "numbers",
        pos=["flu.osel"], neg=["flu.vax", "flu.zana"])
D.query("test", "can someone allergic to eggs get the flu jab", "lay_wording negation",
        pos=["flu.egg"], neg=["flu.vax", "flu.contra", "bg.eggallergy"])
D.query("train", "who is eligible for the free yearly flu shot", "lay_wording",
        pos=["flu.vax"], neg=["flu.egg", "flu.contra", "bg.pneumovax"])

D.topic("mening")
D.doc("mening.prehosp", "Pre-hospital antibiotics for meningococcal disease",
      "If meningococcal disease is suspected in primary care, benzylpenicillin should be given intramuscularly or intravenously before urgent hospital transfer, unless there is a history of penicillin anaphylaxis: 1.2 g for adults and children aged 10 or over, 600 mg for ages 1 to 9 years, and 300 mg under 1 year.")
D.doc("mening.lp", "When to delay lumbar puncture",
      "Lumbar puncture should be delayed in suspected meningitis if there are signs of raised intracranial pressure, focal neurological signs, reduced consciousness, coagulopathy or shock. "
      "Antibiotics must not be delayed while the procedure is deferred.")
D.doc("mening.contact", "Prophylaxis for meningococcal contacts",
      "Close household contacts of a case of meningococcal disease are offered antibiotic prophylaxis, usually a single dose of ciprofloxacin, regardless of their vaccination status. "
      "The local health protection team coordinates this.")
D.doc("mening.rash", "Non-blanching rash in a febrile child",
      "A petechial or purpuric rash that does not fade under the pressure of a glass in a feverish child is a warning sign of meningococcal septicaemia and requires emergency care.")
D.doc("mening.hosp", "Hospital antibiotics for bacterial meningitis",
      "In hospital, suspected bacterial meningitis is treated with intravenous ceftriaxone, adding amoxicillin for people over 60 or immunocompromised patients to cover Listeria. "
      "Dexamethasone is given with or before the first antibiotic dose in adults.")
D.doc("mening.csf", "Cerebrospinal fluid in bacterial meningitis",
      "In bacterial meningitis, cerebrospinal fluid typically shows a raised neutrophil count, raised protein and a low glucose relative to plasma glucose. "
      "Gram stain and culture identify the organism.")
D.query("test", "IM penicillin amount for a 5 year old with a purpuric rash before the ambulance arrives", "abbreviation numbers hard_negative",
        pos=["mening.prehosp"], neg=["mening.contact", "mening.hosp"])
D.query("train", "when not to do an LP in meningitis", "abbreviation negation",
        pos=["mening.lp"], neg=["mening.prehosp", "mening.csf"])
D.query("train", "does the family of a meningitis patient need antibiotics", "lay_wording hard_negative",
        pos=["mening.contact"], neg=["mening.prehosp"])
D.query("train", "glass test for spots on a child with fever", "lay_wording",
        pos=["mening.rash"], neg=["mening.contact", "bg.hfm"])
D.query("train", "meningitis antibiotic in hospital for a 70 year old", "numbers",
        pos=["mening.hosp"], neg=["mening.prehosp"])

D.topic("penallergy")
D.doc("penallergy.true", "Assessing a reported penicillin allergy",
      "Most people labelled as penicillin-allergic are not truly allergic; many had a non-allergic symptom such as diarrhoea or a viral rash. "
      "A careful history distinguishes immediate reactions such as urticaria, angioedema and anaphylaxis from intolerance, and de-labelling can be offered.")
D.doc("penallergy.ceph", "Cephalosporins in penicillin allergy",
      "Cross-reactivity between penicillins and cephalosporins is low, around 1 to 2 percent. "
      "Cephalosporins can usually be used in people with a non-severe penicillin allergy, but should be avoided after an immediate severe reaction such as anaphylaxis unless specialist advice is obtained.")
D.doc("penallergy.ebv", "Amoxicillin rash in glandular fever",
      "Amoxicillin given during Epstein-Barr virus infection commonly produces a widespread maculopapular rash. "
      "This reaction does not indicate a true penicillin allergy.")
D.doc("penallergy.mono", "Glandular fever in adolescents",
      "Infectious mononucleosis causes sore throat, fever, enlarged lymph nodes and fatigue in teenagers and young adults. "
      "Contact sports are avoided for at least four weeks because of the risk of splenic rupture.")
D.query("train", "PCN allergy ok for cefalexin?", "abbreviation negation hard_negative",
        pos=["penallergy.ceph"], neg=["penallergy.true"])
D.query("test", "maculopapular rash on amox with EBV true allergy?", "abbreviation negation",
        pos=["penallergy.ebv"], neg=["penallergy.true", "penallergy.mono"])
D.query("train", "I had an upset tummy with penicillin am I allergic", "lay_wording",
        pos=["penallergy.true"], neg=["penallergy.ceph", "bg.aad"])

D.topic("mrsa")
D.doc("mrsa.decol", "Decolonisation of meticillin-resistant Staphylococcus aureus",
      "Carriers of meticillin-resistant Staphylococcus aureus are decolonised with mupirocin nasal ointment three times daily and a chlorhexidine body wash daily for 5 days, followed by repeat screening swabs.")
D.doc("mrsa.treat", "Treating meticillin-resistant skin infections",
      "Doxycycline, clindamycin or co-trimoxazole are oral options for meticillin-resistant Staphylococcus aureus skin infections, guided by susceptibility results. "
      "Severe infections need intravenous vancomycin or teicoplanin.")
D.doc("mrsa.boil", "Managing boils and carbuncles",
      "Most boils resolve with warm compresses or incision and drainage, and antibiotics are needed only for spreading cellulitis or systemic illness. "
      "Recurrent boils may indicate Panton-Valentine leukocidin-producing Staphylococcus aureus.")
D.doc("mrsa.screen", "Screening for meticillin-resistant carriage",
      "Screening for meticillin-resistant Staphylococcus aureus on admission uses swabs from the nose and groin, and from wounds or catheter sites, for patients in high-risk groups.")
D.query("train", "MRSA nose cream and body wash for 5 days", "abbreviation numbers lay_wording",
        pos=["mrsa.decol"], neg=["mrsa.treat", "mrsa.screen"])
D.query("test", "tablets for an MRSA boil", "abbreviation lay_wording",
        pos=["mrsa.treat"], neg=["mrsa.decol", "mrsa.boil"])

D.topic("vanc")
D.doc("vanc.trough", "Therapeutic drug monitoring of vancomycin",
      "Intravenous vancomycin requires level monitoring. "
      "With intermittent dosing, the pre-dose trough concentration is usually kept between 10 and 20 mg/L, or 15 to 20 mg/L for serious infections, and is first measured before the fourth dose.")
D.doc("vanc.red", "Vancomycin infusion reaction",
      "Rapid infusion of vancomycin can cause flushing, an itchy rash and hypotension through histamine release, a reaction previously called red man syndrome. "
      "It is prevented by infusing at no more than 10 mg/min.")
D.doc("vanc.oral", "Oral vancomycin is not absorbed",
      "Oral vancomycin is not significantly absorbed from the gut and is used only for intestinal infection; it cannot treat systemic infections such as bacteraemia or pneumonia.")
D.doc("vanc.renal", "Nephrotoxicity of vancomycin",
      "Vancomycin can cause acute kidney injury, especially with high trough concentrations or when combined with piperacillin-tazobactam or aminoglycosides. "
      "Creatinine is monitored at least twice weekly.")
D.doc("vanc.sab", "Staphylococcus aureus bacteraemia",
      "Staphylococcus aureus bacteraemia is treated with at least 14 days of intravenous therapy, such as flucloxacillin for susceptible strains. "
      "Echocardiography is performed to look for endocarditis, and repeat blood cultures are taken.")
D.query("train", "vanc trough target and when to take the level", "abbreviation",
        pos=["vanc.trough"], neg=["vanc.red", "vanc.renal"])
D.query("test", "red itchy face and neck while vanc is running in", "abbreviation lay_wording",
        pos=["vanc.red"], neg=["vanc.trough", "vanc.renal"])
D.query("train", "PO vanc for bacteraemia?", "abbreviation negation hard_negative",
        pos=["vanc.oral"], neg=["vanc.trough", "vanc.sab"])

D.topic("gent")
D.doc("gent.once", "Once-daily gentamicin dosing",
      "Gentamicin is usually given once daily at 5 to 7 mg/kg based on ideal or adjusted body weight, with levels used to adjust the dosing interval according to a nomogram. "
      "Courses are limited to the shortest effective duration.")
D.doc("gent.tox", "Ototoxicity and nephrotoxicity of aminoglycosides",
      "Aminoglycosides can cause irreversible vestibular and cochlear damage as well as acute kidney injury. "
      "The risk increases with prolonged courses, high trough levels and concurrent loop diuretics or vancomycin.")
D.doc("gent.mg", "Aminoglycosides and neuromuscular disease",
      "Aminoglycosides impair neuromuscular transmission and should be avoided in myasthenia gravis, where they may precipitate a crisis.")
D.doc("gent.synergy", "Low-dose gentamicin in endocarditis",
      "For synergy in streptococcal or enterococcal endocarditis, gentamicin is given at 1 mg/kg every 12 hours, with a pre-dose level below 1 mg/L.")
D.query("test", "gent OD dosing by weight", "abbreviation hard_negative",
        pos=["gent.once"], neg=["gent.tox", "gent.synergy"])
D.query("train", "can gentamicin make you deaf or dizzy", "lay_wording hard_negative",
        pos=["gent.tox"], neg=["gent.once", "gent.synergy"])
D.query("train", "gent in MG", "abbreviation negation", pos=["gent.mg"], neg=["gent.tox"])

# ---------------------------------------------------------------- pharmacology
D.topic("nsaid")
D.doc("nsaid.gi", "Anti-inflammatory drugs and gastrointestinal bleeding",
      "Non-steroidal anti-inflammatory drugs inhibit prostaglandin synthesis in the gastric mucosa and increase the risk of peptic ulceration and bleeding. "
      "Gastroprotection with a proton pump inhibitor is recommended for people over 65, those with previous ulcers, and those also taking anticoagulants, antiplatelets or corticosteroids.")
D.doc("nsaid.asthma", "Anti-inflammatory analgesics in asthma",
      "Around one in ten adults with asthma develop bronchospasm triggered by aspirin and other non-steroidal anti-inflammatory drugs. "
      "People with known sensitivity, often associated with nasal polyps, should avoid the whole class.")
D.doc("nsaid.renal", "Non-steroidal anti-inflammatory drugs and renal function",
      "Non-steroidal anti-inflammatory drugs reduce renal blood flow and can precipitate acute kidney injury, particularly when combined with an angiotensin-converting enzyme inhibitor or angiotensin receptor blocker and a diuretic, the so-called triple whammy.")
D.doc("nsaid.cv", "Cardiovascular risk of anti-inflammatory drugs",
      "Selective cyclo-oxygenase-2 inhibitors and high-dose diclofenac increase the risk of thrombotic events such as myocardial infarction and stroke and are contraindicated in established ischaemic heart disease. "
      "Naproxen and low-dose ibuprofen appear to carry the lowest cardiovascular risk.")
D.doc("nsaid.topical", "Topical anti-inflammatory gels",
      "Topical non-steroidal anti-inflammatory drugs are recommended for osteoarthritis of the knee and hand, because systemic absorption is low and gastrointestinal adverse effects are rare.")
D.query("train", "which patients on NSAIDs need a PPI", "abbreviation",
        pos=["nsaid.gi"], neg=["nsaid.renal", "nsaid.topical"])
D.query("test", "ibuprofen plus a water pill plus ramipril kidney danger", "lay_wording hard_negative",
        pos=["nsaid.renal"], neg=["nsaid.gi"])
D.query("train", "can asthmatics take ibuprofen", "negation",
        pos=["nsaid.asthma"], neg=["nsaid.gi", "bg.ibuprofen"])
D.query("test", "safest anti-inflammatory painkiller after a heart attack", "lay_wording hard_negative",
        pos=["nsaid.cv"], neg=["nsaid.gi"])

D.topic("paracetamol")
D.doc("paracetamol.dose", "Maximum paracetamol dose in adults",
      "The usual adult dose of paracetamol is 500 mg to 1 g every 4 to 6 hours, to a maximum of 4 g in 24 hours. "
      "A lower maximum, or dosing at 15 mg/kg, is advised for adults weighing under 50 kg or with risk factors for hepatotoxicity.")
D.doc("paracetamol.od", "Paracetamol overdose and acetylcysteine",
      "After a single acute paracetamol overdose, the plasma concentration measured at least 4 hours after ingestion is plotted on a treatment nomogram, and acetylcysteine is given if it lies on or above the treatment line. "
      "After staggered overdoses, acetylcysteine is given regardless of the level.")
D.doc("paracetamol.combo", "Avoiding duplicate paracetamol products",
      "Many cold and flu remedies and combination analgesics such as co-codamol already contain paracetamol, so patients should check labels to avoid exceeding the maximum daily dose.")
D.doc("paracetamol.nacrx", "Reactions to acetylcysteine infusion",
      "Acetylcysteine commonly causes anaphylactoid reactions such as flushing, rash and bronchospasm, especially early in the infusion. "
      "They are managed by pausing the infusion and giving an antihistamine, and are not a reason to stop treatment.")
D.query("train", "max daily acetaminophen for a 45 kg woman", "numbers hard_negative lay_wording",
        pos=["paracetamol.dose"], neg=["paracetamol.od"])
D.query("test", "took too many Tylenol when is NAC given", "abbreviation lay_wording",
        pos=["paracetamol.od"], neg=["paracetamol.dose", "paracetamol.nacrx"])
D.query("train", "can I take Lemsip with co-codamol", "lay_wording negation",
        pos=["paracetamol.combo"], neg=["paracetamol.dose", "bg.codeine"])

D.topic("opioid")
D.doc("opioid.constip", "Constipation caused by regular opioids",
      "Constipation occurs in most people taking regular opioids and, unlike nausea, does not diminish with time. "
      "A stimulant laxative such as senna, often with a softener, should be co-prescribed from the start; bulk-forming laxatives are not recommended.")
D.doc("opioid.nalox", "Naloxone for opioid toxicity",
      "Respiratory depression from opioid toxicity is reversed with naloxone, given intravenously in small titrated doses or 400 micrograms intramuscularly. "
      "Because its action is shorter than that of most opioids, patients need observation and may require repeated doses or an infusion.")
D.doc("opioid.renal", "Opioid choice in renal impairment",
      "Morphine metabolites accumulate in renal impairment, causing drowsiness, myoclonus and respiratory depression. "
      "In severe chronic kidney disease, reduced-dose oxycodone, or fentanyl or alfentanil in palliative care, are preferred.")
D.doc("opioid.convert", "Converting oral to subcutaneous morphine",
      "When converting oral morphine to the subcutaneous route, the total daily oral dose is divided by two. "
      "Breakthrough doses are usually one-sixth of the total 24-hour dose.")
D.doc("opioid.nausea", "Nausea when starting opioids",
      "Nausea is common in the first week of regular opioid treatment and usually settles. "
      "Haloperidol or metoclopramide can be used as an antiemetic meanwhile.")
D.doc("opioid.patch", "Transdermal fentanyl patches",
      "Fentanyl patches are used only for stable opioid-requiring pain, not in opioid-naive patients, and are changed every 72 hours. "
      "Fever or external heat increases absorption and the risk of toxicity.")
D.query("train", "morphine has bunged me up which laxative", "lay_wording",
        pos=["opioid.constip"], neg=["opioid.nalox", "opioid.nausea", "bg.constipation"])
D.query("test", "opioid of choice in ESRF", "abbreviation hard_negative",
        pos=["opioid.renal"], neg=["opioid.convert", "opioid.patch"])
D.query("train", "oral morphine to CSCI conversion", "abbreviation hard_negative",
        pos=["opioid.convert"], neg=["opioid.renal", "opioid.patch"])
D.query("train", "Narcan dosing and re-sedation risk", "lay_wording",
        pos=["opioid.nalox"], neg=["opioid.constip"])

D.topic("ssri")
D.doc("ssri.ss", "Recognising serotonin syndrome with antidepressants",
      "Serotonin syndrome results from excess serotonergic activity, often when selective serotonin reuptake inhibitors are combined with tramadol, triptans, linezolid or monoamine oxidase inhibitors. "
      "Features include agitation, hyperthermia, tremor, clonus and hyperreflexia.")
D.doc("ssri.na", "Hyponatraemia with antidepressants",
      "Selective serotonin reuptake inhibitors can cause hyponatraemia through inappropriate antidiuretic hormone secretion, particularly in older people during the first month. "
      "Confusion, drowsiness and falls should prompt a serum sodium check.")
D.doc("ssri.disc", "Discontinuation symptoms with antidepressants",
      "Selective serotonin reuptake inhibitors should be tapered over several weeks rather than stopped abruptly, to avoid discontinuation symptoms such as dizziness, electric-shock sensations, irritability and vivid dreams. "
      "Paroxetine and venlafaxine cause the most marked symptoms.")
D.doc("ssri.young", "Antidepressants in young people",
      "In people under 25, antidepressants may transiently increase suicidal thinking early in treatment, so review within one week of starting is advised. "
      "Fluoxetine is the preferred antidepressant in children and adolescents.")
D.doc("ssri.bleed", "Bleeding risk with serotonergic antidepressants",
      "Selective serotonin reuptake inhibitors impair platelet aggregation and increase the risk of gastrointestinal bleeding, especially when combined with non-steroidal anti-inflammatory drugs or anticoagulants. "
      "Gastroprotection should be considered.")
D.doc("ssri.citalopram", "Citalopram dose limits in older people",
      "Citalopram causes dose-dependent QT prolongation; the maximum dose is 20 mg daily in people over 65 and in hepatic impairment.")
D.doc("ssri.choice", "Choosing an antidepressant for adults",
      "For adults with depression, a generic selective serotonin reuptake inhibitor such as sertraline is usually the first choice. "
      "Response is reviewed after two to four weeks, and treatment continues for at least six months after remission.")
D.query("train", "brain zaps after quitting sertraline", "lay_wording",
        pos=["ssri.disc"], neg=["ssri.ss", "ssri.choice"])
D.query("test", "older patient on sertraline muddled with a low Na", "abbreviation lay_wording hard_negative",
        pos=["ssri.na"], neg=["ssri.ss", "ssri.citalopram"])
D.query("train", "SSRI plus tramadol danger", "abbreviation hard_negative",
        pos=["ssri.ss"], neg=["ssri.disc"])
D.query("test", "which SSRI for a 15 year old with depression and when to follow up", "abbreviation numbers hard_negative",
        pos=["ssri.young"], neg=["ssri.disc", "ssri.choice"])
D.query("train", "SSRI with NSAIDs stomach bleeding", "abbreviation lay_wording",
        pos=["ssri.bleed"], neg=["ssri.na"])
D.query("test", "why is citalopram capped lower for people past 65", "numbers hard_negative",
        pos=["ssri.citalopram"], neg=["ssri.na"])

D.topic("lithium")
D.doc("lithium.level", "Monitoring serum lithium",
      "Serum lithium is measured 12 hours after the last dose, aiming for 0.4 to 1.0 mmol/L. "
      "Levels are checked weekly after starting or after a dose change until stable, then every three months for the first year.")
D.doc("lithium.tox", "Lithium toxicity and interacting drugs",
      "Signs of lithium toxicity include coarse tremor, diarrhoea, vomiting, ataxia, slurred speech and confusion. "
      "It may be precipitated by dehydration or by drugs that reduce lithium excretion, such as non-steroidal anti-inflammatory drugs, angiotensin-converting enzyme inhibitors and thiazide diuretics.")
D.doc("lithium.long", "Long-term renal and endocrine effects of lithium",
      "Long-term lithium can cause hypothyroidism, hypercalcaemia, nephrogenic diabetes insipidus and chronic kidney disease, so renal and thyroid function and calcium are monitored every six months.")
D.doc("lithium.start", "Baseline checks before starting lithium",
      "Before lithium is started, renal function, thyroid function, calcium, weight and, in people with cardiovascular risk, an electrocardiogram are recorded.")
D.query("train", "Li level timing and therapeutic range", "abbreviation hard_negative",
        pos=["lithium.level"], neg=["lithium.tox", "lithium.start"])
D.query("test", "bipolar patient on lithium passing lots of urine and always thirsty", "lay_wording",
        pos=["lithium.long"], neg=["lithium.tox", "lithium.start", "bg.cdi"])
D.query("train", "can I take ibuprofen with lithium", "negation hard_negative",
        pos=["lithium.tox"], neg=["lithium.level", "bg.ibuprofen"])

D.topic("benzo")
D.doc("benzo.opioid", "Benzodiazepines combined with opioids",
      "Combining benzodiazepines with opioids increases the risk of profound sedation, respiratory depression and death. "
      "Co-prescription should be limited to patients without alternatives, at the lowest doses for the shortest time.")
D.doc("benzo.duration", "Short-term use of hypnotics",
      "Benzodiazepines and Z-drugs for insomnia should be prescribed for no more than 2 to 4 weeks because of tolerance and dependence. "
      "Cognitive behavioural therapy for insomnia is first-line.")
D.doc("benzo.taper", "Withdrawing long-term benzodiazepines",
      "After long-term use, benzodiazepines should be withdrawn gradually, often by switching to an equivalent dose of diazepam and reducing by about one-tenth every one to two weeks. "
      "Abrupt withdrawal can cause seizures.")
D.doc("benzo.elderly", "Benzodiazepines in older people",
      "In older adults, benzodiazepines increase the risk of falls, hip fracture and confusion, and should be avoided where possible.")
D.doc("benzo.zdrug", "Adverse effects of Z-drugs",
      "Zopiclone and zolpidem can cause a bitter taste, next-day drowsiness and complex sleep behaviours such as sleep-walking. "
      "People should not drive if they feel impaired the next morning.")
D.query("test", "how long is it safe to take sleeping pills", "lay_wording",
        pos=["benzo.duration"], neg=["benzo.taper", "benzo.zdrug"])
D.query("train", "benzo taper via diazepam rate", "abbreviation hard_negative",
        pos=["benzo.taper"], neg=["benzo.duration", "benzo.zdrug"])
D.query("train", "benzos with oxycodone risk", "abbreviation", pos=["benzo.opioid"], neg=["benzo.elderly"])

D.topic("ppi")
D.doc("ppi.long", "Risks of long-term proton pump inhibitors",
      "Prolonged proton pump inhibitor use is associated with hypomagnesaemia, reduced vitamin B12 absorption, fractures and enteric infections. "
      "The need for continued treatment should be reviewed regularly and the lowest effective dose used.")
D.doc("ppi.hp", "Stopping acid suppression before Helicobacter testing",
      "Proton pump inhibitors should be stopped for two weeks before a urea breath test or stool antigen test for Helicobacter pylori, because they can cause false-negative results.")
D.doc("ppi.clop", "Omeprazole and clopidogrel",
      "Omeprazole and esomeprazole reduce the activation of clopidogrel by inhibiting CYP2C19, so the combination should be avoided; lansoprazole or pantoprazole are preferred.")
D.query("train", "UBT how long off PPI beforehand", "abbreviation hard_negative",
        pos=["ppi.hp"], neg=["ppi.long"])
D.query("test", "PPI low magnesium long term", "abbreviation", pos=["ppi.long"], neg=["ppi.hp"])
D.query("train", "which stomach acid tablet is safe with Plavix", "lay_wording",
        pos=["ppi.clop"], neg=["ppi.long"])

D.topic("steroid")
D.doc("steroid.bone", "Bone protection with long-term corticosteroids",
      "People taking oral prednisolone 7.5 mg or more daily for three months or longer should be offered bone protection, usually a bisphosphonate with calcium and vitamin D, particularly if aged 65 or over or with a previous fragility fracture.")
D.doc("steroid.taper", "Withdrawing oral corticosteroids",
      "Systemic corticosteroids should be tapered rather than stopped abruptly if taken for more than three weeks, or at doses above 40 mg prednisolone daily, because of adrenal suppression. "
      "Shorter, lower-dose courses can usually be stopped without tapering.")
D.doc("steroid.glucose", "Raised glucose with oral corticosteroids",
      "Prednisolone taken in the morning raises blood glucose mainly in the afternoon and evening. "
      "People with diabetes need capillary glucose monitoring, and a morning dose of gliclazide or intermediate-acting insulin may be used.")
D.doc("steroid.card", "Steroid emergency card",
      "People on long-term oral glucocorticoids should carry a steroid emergency card and may need extra steroid cover during surgery or intercurrent illness because of adrenal suppression.")
D.query("train", "osteoporosis prevention on long-term pred", "abbreviation hard_negative",
        pos=["steroid.bone"], neg=["steroid.taper", "steroid.card"])
D.query("test", "can I stop my prednisolone suddenly after 4 weeks", "numbers negation hard_negative",
        pos=["steroid.taper"], neg=["steroid.bone", "steroid.card"])
D.query("train", "sugar readings high in the evening on steroids", "lay_wording",
        pos=["steroid.glucose"], neg=["steroid.taper"])

D.topic("mtx")
D.doc("mtx.weekly", "Methotrexate is taken once weekly",
      "Oral methotrexate for rheumatoid arthritis or psoriasis is taken once a week on the same day; daily dosing in error has caused fatal toxicity. "
      "Folic acid 5 mg is given once weekly on a different day to reduce adverse effects.")
D.doc("mtx.mon", "Blood monitoring on methotrexate",
      "Full blood count, renal function and liver function tests are checked every two weeks until the dose has been stable for six weeks, then monthly for three months, and then at least every three months.")
D.doc("mtx.trimeth", "Methotrexate and trimethoprim",
      "Trimethoprim and co-trimoxazole are antifolates and greatly increase the risk of methotrexate-induced bone marrow suppression; the combination should be avoided.")
D.doc("mtx.preg", "Methotrexate and conception",
      "Methotrexate is teratogenic and contraindicated in pregnancy. "
      "Women should stop it at least three months before trying to conceive and use effective contraception during treatment.")
D.doc("mtx.sc", "Switching to subcutaneous methotrexate",
      "Subcutaneous methotrexate may be used when oral treatment causes gastrointestinal upset or is ineffective, because bioavailability is higher. "
      "It is still given once weekly.")
D.query("train", "MTX folic acid which day of the week", "abbreviation",
        pos=["mtx.weekly"], neg=["mtx.mon", "mtx.sc"])
D.query("test", "UTI antibiotic to avoid with MTX", "abbreviation negation hard_negative",
        pos=["mtx.trimeth"], neg=["mtx.weekly"])
D.query("train", "MTX bloods how often", "abbreviation hard_negative", pos=["mtx.mon"], neg=["mtx.weekly"])

D.topic("gout")
D.doc("gout.allo", "Starting and titrating allopurinol",
      "Allopurinol is started at 100 mg daily, or lower in renal impairment, and increased by 100 mg every few weeks to achieve a serum urate below 360 micromol/L, or below 300 micromol/L in severe gout. "
      "It can be started during or after an acute flare.")
D.doc("gout.flare", "Treating an acute gout flare",
      "An acute gout flare is treated with a non-steroidal anti-inflammatory drug, colchicine 500 micrograms two to four times daily, or a short course of oral corticosteroid. "
      "The usefulness of colchicine is limited by diarrhoea.")
D.doc("gout.hsr", "Allopurinol hypersensitivity reactions",
      "Allopurinol should be stopped at the first sign of a rash, as it can progress to severe cutaneous reactions such as Stevens-Johnson syndrome. "
      "Carriage of HLA-B*5801, common in Han Chinese, Thai and Korean people, increases the risk.")
D.doc("gout.diet", "Lifestyle measures in gout",
      "Reducing alcohol, particularly beer, avoiding sugary drinks and high-purine foods such as red meat and shellfish, and losing weight can lower urate levels. "
      "Low-fat dairy products may be protective.")
D.doc("gout.dx", "Confirming a diagnosis of gout",
      "Gout is confirmed by joint aspiration showing negatively birefringent urate crystals. "
      "Serum urate may be normal during a flare and should be rechecked two weeks after it settles.")
D.doc("gout.febux", "Febuxostat as second-line urate-lowering therapy",
      "Febuxostat 80 mg daily is an alternative when allopurinol is not tolerated or contraindicated. "
      "It should be used cautiously in people with established cardiovascular disease.")
D.doc("gout.lamotrigine", "Skin rash with lamotrigine",
      "Lamotrigine can cause serious skin rashes, particularly early in treatment, with rapid dose escalation or with valproate. "
      "Patients should seek advice immediately if a rash develops, and the drug is usually stopped unless the rash is clearly unrelated.")
D.query("train", "SUA target on allo", "abbreviation hard_negative",
        pos=["gout.allo"], neg=["gout.flare", "gout.febux"])
D.query("test", "acute podagra treatment options", "lay_wording",
        pos=["gout.flare"], neg=["gout.allo", "gout.dx", "bg.pseudogout"])
D.query("train", "allo rash continue?", "abbreviation negation hard_negative",
        pos=["gout.hsr"], neg=["gout.allo", "gout.lamotrigine"])
D.query("train", "do lager and prawns trigger my toe attacks", "lay_wording",
        pos=["gout.diet"], neg=["gout.flare"])

# ---------------------------------------------------------------- respiratory
D.topic("asthma")
D.doc("asthma.saba", "Reliever overuse in asthma",
      "Needing a short-acting beta2 agonist reliever three or more times a week indicates poorly controlled asthma and is associated with a higher risk of severe attacks. "
      "Adherence and inhaler technique should be checked and treatment stepped up.")
D.doc("asthma.ics", "Local side effects of inhaled corticosteroids",
      "Inhaled corticosteroids can cause oral candidiasis and hoarseness; rinsing the mouth after use and using a spacer reduce these effects. "
      "High doses over long periods may have systemic effects.")
D.doc("asthma.acute", "Severity features of acute asthma",
      "Acute severe asthma in adults is indicated by peak expiratory flow 33 to 50 percent of best or predicted, respiratory rate of 25 per minute or more, heart rate of 110 per minute or more, or inability to complete sentences. "
      "Life-threatening features include peak flow below 33 percent, oxygen saturation below 92 percent, a silent chest and exhaustion.")
D.doc("asthma.mart", "Maintenance and reliever therapy",
      "Maintenance and reliever therapy uses a single inhaler containing an inhaled corticosteroid with formoterol for both regular and as-needed use, replacing a separate short-acting reliever.")
D.doc("asthma.acutetx", "Initial treatment of acute asthma",
      "Acute asthma in adults is treated with oxygen to maintain saturation of 94 to 98 percent, nebulised salbutamol 5 mg, and oral prednisolone 40 to 50 mg daily for at least 5 days. "
      "Intravenous magnesium is considered for severe attacks.")
D.query("test", "asthmatic with PEF below a third of best and sats of 91% how severe", "abbreviation numbers hard_negative",
        pos=["asthma.acute"], neg=["asthma.saba", "asthma.acutetx"])
D.query("train", "using my blue inhaler most days what does it mean", "lay_wording",
        pos=["asthma.saba"], neg=["asthma.mart", "asthma.acutetx"])
D.query("train", "hoarse voice and white patches from my brown inhaler", "lay_wording",
        pos=["asthma.ics"], neg=["asthma.mart", "bg.babythrush"])
D.query("train", "MART regimen with a single inhaler", "abbreviation hard_negative",
        pos=["asthma.mart"], neg=["asthma.ics"])

D.topic("copd")
D.doc("copd.exac", "Treating an exacerbation of chronic obstructive pulmonary disease",
      "An exacerbation of chronic obstructive pulmonary disease is treated with increased bronchodilator use and oral prednisolone 30 mg daily for 5 days. "
      "Antibiotics are given if sputum becomes purulent or there are signs of pneumonia.")
D.doc("copd.o2", "Oxygen targets in hypercapnic respiratory failure",
      "In patients with chronic obstructive pulmonary disease at risk of hypercapnic respiratory failure, oxygen is titrated to a saturation of 88 to 92 percent using a Venturi mask, and arterial blood gases are checked. "
      "Excess oxygen can worsen hypercapnia and acidosis.")
D.doc("copd.ltot", "Criteria for long-term oxygen therapy",
      "Long-term oxygen therapy is offered to people with chronic obstructive pulmonary disease whose arterial oxygen tension is below 7.3 kPa when stable, or below 8 kPa with polycythaemia, peripheral oedema or pulmonary hypertension. "
      "It is not offered to people who continue to smoke because of the fire risk.")
D.doc("copd.rehab", "Pulmonary rehabilitation programmes",
      "Pulmonary rehabilitation, a six- to twelve-week programme of supervised exercise and education, improves breathlessness and exercise capacity, and is offered to people with functional disability from chronic lung disease.")
D.doc("copd.niv", "Non-invasive ventilation in exacerbations",
      "Non-invasive ventilation is indicated in acute exacerbations with persistent respiratory acidosis, a pH below 7.35 with carbon dioxide tension above 6.5 kPa, despite optimal medical therapy.")
D.doc("copd.inhalers", "Inhaled therapy in stable disease",
      "In stable chronic obstructive pulmonary disease with persistent breathlessness, a long-acting muscarinic antagonist combined with a long-acting beta2 agonist is used. "
      "An inhaled corticosteroid is added if blood eosinophils are 300 cells per microlitre or more or there are asthmatic features.")
D.doc("copd.smoking", "Smoking cessation in lung disease",
      "Stopping smoking is the most effective intervention to slow lung function decline in chronic obstructive pulmonary disease. "
      "Varenicline and nicotine replacement with behavioural support should be offered at every opportunity.")
D.query("train", "AECOPD pred dose and duration", "abbreviation hard_negative",
        pos=["copd.exac"], neg=["copd.ltot", "copd.inhalers"])
D.query("test", "SpO2 target for a COPD patient", "abbreviation hard_negative",
        pos=["copd.o2"], neg=["copd.ltot"])
D.query("train", "LTOT in a current smoker", "abbreviation negation",
        pos=["copd.ltot"], neg=["copd.o2", "copd.smoking"])
D.query("test", "BiPAP when pH is below 7.35", "abbreviation numbers", pos=["copd.niv"], neg=["copd.o2"])
D.query("train", "COPD gym programme how many weeks", "abbreviation lay_wording",
        pos=["copd.rehab"], neg=["copd.ltot"])
D.query("train", "eos 300 add ICS to LABA/LAMA?", "abbreviation numbers hard_negative",
        pos=["copd.inhalers"], neg=["copd.exac"])

# ---------------------------------------------------------------- oncology
D.topic("neutsep")
D.doc("neutsep.def", "Recognising and treating neutropenic sepsis",
      "Neutropenic sepsis is suspected in a patient receiving anticancer treatment who has a temperature above 38 degrees C or other signs of sepsis, with a neutrophil count of 0.5 x 10^9/L or lower. "
      "Empirical piperacillin with tazobactam should be given within one hour of arrival.")
D.doc("neutsep.gcsf", "Granulocyte colony-stimulating factor",
      "Granulocyte colony-stimulating factor shortens the duration of neutropenia and is used as primary prophylaxis with chemotherapy regimens that carry a high risk of febrile neutropenia. "
      "Bone pain is a common side effect.")
D.doc("neutsep.advice", "Temperature advice during chemotherapy",
      "Patients having chemotherapy should call the oncology helpline immediately if they feel unwell or their temperature rises. "
      "They should not take paracetamol before calling, because it can mask a fever.")
D.query("test", "chemo patient with fever and ANC below 0.5 antibiotic timing", "abbreviation numbers lay_wording",
        pos=["neutsep.def"], neg=["neutsep.gcsf"])
D.query("train", "G-CSF jabs why and aching bones", "abbreviation lay_wording",
        pos=["neutsep.gcsf"], neg=["neutsep.def"])
D.query("train", "should I take paracetamol for a temperature during chemo", "negation lay_wording",
        pos=["neutsep.advice"], neg=["neutsep.def"])

D.topic("tls")
D.doc("tls.prev", "Preventing tumour lysis syndrome",
      "Patients at high risk of tumour lysis syndrome, such as those starting treatment for bulky lymphoma or acute leukaemia with a high white cell count, receive vigorous intravenous hydration and rasburicase; allopurinol is used for intermediate risk.")
D.doc("tls.labs", "Metabolic features of tumour lysis",
      "Tumour lysis syndrome causes hyperuricaemia, hyperkalaemia, hyperphosphataemia and secondary hypocalcaemia, which can lead to acute kidney injury, arrhythmias and seizures.")
D.doc("tls.g6pd", "Rasburicase in enzyme deficiency",
      "Rasburicase is contraindicated in glucose-6-phosphate dehydrogenase deficiency because it can cause haemolysis and methaemoglobinaemia; screening is advised in at-risk populations before use.")
D.doc("tls.allop", "Allopurinol in tumour lysis prevention",
      "Allopurinol for tumour lysis prophylaxis is started one to two days before chemotherapy. "
      "Its dose must be reduced with azathioprine or mercaptopurine, whose metabolism it inhibits.")
D.query("train", "TLS electrolyte abnormalities", "abbreviation", pos=["tls.labs"], neg=["tls.prev"])
D.query("test", "which patients must not be given the urate oxidase drug for TLS", "abbreviation negation hard_negative",
        pos=["tls.g6pd"], neg=["tls.prev", "tls.allop"])
D.query("train", "TLS prophylaxis in high risk leukaemia", "abbreviation hard_negative",
        pos=["tls.prev"], neg=["tls.labs"])

D.topic("cinv")
D.doc("cinv.ondans", "Ondansetron and QT prolongation",
      "Ondansetron can prolong the QT interval; it should be avoided in congenital long QT syndrome and used with caution alongside other QT-prolonging drugs or electrolyte disturbance. "
      "Constipation and headache are common.")
D.doc("cinv.hec", "Antiemetics for highly emetogenic chemotherapy",
      "For highly emetogenic chemotherapy such as cisplatin, a neurokinin-1 receptor antagonist, a serotonin 5-HT3 antagonist and dexamethasone are combined, with olanzapine often added.")
D.doc("cinv.antic", "Anticipatory nausea before chemotherapy",
      "Anticipatory nausea and vomiting occur before chemotherapy in people who had poor control in earlier cycles. "
      "Benzodiazepines such as lorazepam and behavioural techniques can help.")
D.doc("cinv.dom", "Domperidone and cardiac risk",
      "Domperidone is restricted to 10 mg up to three times daily for no longer than one week because of the risk of serious arrhythmias, and it is contraindicated in cardiac conduction disorders.")
D.query("test", "5-HT3 antiemetic and long QT", "abbreviation hard_negative",
        pos=["cinv.ondans"], neg=["cinv.hec", "cinv.dom"])
D.query("train", "anti-sickness regimen for cisplatin", "lay_wording hard_negative",
        pos=["cinv.hec"], neg=["cinv.antic"])
D.query("train", "feeling sick before chemo even starts", "lay_wording",
        pos=["cinv.antic"], neg=["cinv.hec", "cinv.dom"])
D.query("train", "domperidone 10 mg tds how many days max", "abbreviation numbers hard_negative",
        pos=["cinv.dom"], neg=["cinv.ondans"])

D.topic("screen")
D.doc("screen.mammo", "National breast screening programme",
      "Women aged 50 to 71 are invited for mammography every three years through the national breast screening programme. "
      "Women with a strong family history may be offered earlier or more frequent surveillance.")
D.doc("screen.fit", "Bowel cancer screening programme",
      "The bowel screening programme posts a home faecal immunochemical test kit every two years to people aged 50 to 74. "
      "A positive result leads to an offer of colonoscopy.")
D.doc("screen.cervical", "Cervical screening and human papillomavirus",
      "Cervical screening is offered to women and people with a cervix aged 25 to 64. "
      "The sample is first tested for high-risk human papillomavirus, and cytology is performed only if the virus is detected.")
D.doc("screen.psa", "Prostate-specific antigen testing",
      "There is no national screening programme for prostate cancer because the prostate-specific antigen test has limited accuracy and can lead to overdiagnosis. "
      "Men over 50 may request the test after discussing its benefits and harms.")
D.doc("screen.aaa", "Abdominal aortic aneurysm screening",
      "Men are invited for a one-off ultrasound scan of the abdominal aorta in the year they turn 65, to detect aneurysms before they rupture.")
D.doc("screen.psaref", "Raised prostate-specific antigen in symptomatic men",
      "In men with urinary symptoms or an abnormal prostate on examination, a prostate-specific antigen above the age-specific threshold should prompt urgent referral to urology.")
D.query("train", "FIT kit age range", "abbreviation",
        pos=["screen.fit"], neg=["screen.mammo", "screen.aaa", "bg.calprotectin"])
D.query("test", "should all men get PSA screening", "abbreviation negation",
        pos=["screen.psa"], neg=["screen.fit", "screen.aaa", "screen.psaref"])
D.query("train", "breast x-ray screening interval and ages", "lay_wording hard_negative",
        pos=["screen.mammo"], neg=["screen.cervical", "bg.breastlump"])
D.query("train", "smear test HPV age range", "lay_wording abbreviation",
        pos=["screen.cervical"], neg=["screen.mammo", "bg.hpvvax"])

D.topic("tamox")
D.doc("tamox.endo", "Tamoxifen and endometrial cancer",
      "Tamoxifen has oestrogen-like effects on the endometrium and increases the risk of endometrial cancer. "
      "Any abnormal vaginal bleeding in a woman taking tamoxifen should be investigated promptly.")
D.doc("tamox.vte", "Tamoxifen and venous thrombosis",
      "Tamoxifen increases the risk of venous thromboembolism; it is usually paused several weeks before elective surgery, and it is avoided in people with a history of thromboembolism unless the benefit clearly outweighs the risk.")
D.doc("tamox.ai", "Aromatase inhibitors in postmenopausal breast cancer",
      "Aromatase inhibitors such as letrozole and anastrozole are used for hormone receptor-positive breast cancer in postmenopausal women. "
      "They cause joint pain and bone loss, so bone density is assessed at the start of treatment.")
D.doc("tamox.dur", "Duration and side effects of tamoxifen",
      "Tamoxifen is usually taken for 5 to 10 years after early breast cancer. "
      "Hot flushes are common and usually lessen with time.")
D.doc("tamox.cyp", "Tamoxifen interactions with antidepressants",
      "Strong CYP2D6 inhibitors such as paroxetine and fluoxetine reduce the conversion of tamoxifen to its active metabolite and should be avoided; venlafaxine is preferred for hot flushes.")
D.query("test", "PMB on tamox", "abbreviation hard_negative",
        pos=["tamox.endo"], neg=["tamox.vte", "tamox.dur"])
D.query("train", "tamox and VTE before elective surgery", "abbreviation hard_negative",
        pos=["tamox.vte"], neg=["tamox.endo", "tamox.dur"])
D.query("train", "AI arthralgia and DEXA", "abbreviation", pos=["tamox.ai"], neg=["tamox.endo"])

D.topic("hypercalc")
D.doc("hypercalc.tx", "Treating hypercalcaemia of malignancy",
      "Symptomatic hypercalcaemia of malignancy is treated with intravenous 0.9 percent sodium chloride rehydration followed by an intravenous bisphosphonate such as zoledronic acid. "
      "Serum calcium should be adjusted for albumin before interpreting it.")
D.doc("hypercalc.sympt", "Symptoms of hypercalcaemia",
      "Hypercalcaemia causes thirst, polyuria, constipation, abdominal pain, confusion and drowsiness, often remembered as bones, stones, groans and psychic moans.")
D.doc("hypercalc.mech", "Mechanisms of hypercalcaemia in cancer",
      "Hypercalcaemia in cancer is caused mainly by tumour secretion of parathyroid hormone-related protein, and also by osteolytic bone metastases or, in lymphoma, excess calcitriol.")
D.query("train", "raised corrected Ca in myeloma IV management", "abbreviation hard_negative",
        pos=["hypercalc.tx"], neg=["hypercalc.sympt", "hypercalc.mech"])
D.query("test", "cancer patient constipated confused and very thirsty which blood level", "lay_wording",
        pos=["hypercalc.sympt"], neg=["hypercalc.tx", "hypercalc.mech", "bg.palliconstip"])

# ---------------------------------------------------------------- paediatrics
D.topic("fever")
D.doc("fever.antipyr", "Antipyretics in feverish children",
      "Paracetamol or ibuprofen can be used for distress in a feverish child, but not simply to reduce temperature. "
      "They should not be given at the same time; switching to the other agent is considered only if distress persists or recurs before the next dose is due.")
D.doc("fever.pdose", "Paediatric ibuprofen dosing",
      "Ibuprofen for children over 3 months is dosed at 5 to 10 mg/kg up to three times daily. "
      "It should be avoided in children who are dehydrated because of the risk of kidney injury.")
D.doc("fever.infant", "Fever in young infants",
      "Any infant younger than 3 months with a temperature of 38 degrees C or higher is at high risk of serious bacterial illness and needs urgent assessment. "
      "In infants aged 3 to 6 months, a temperature of 39 degrees C or higher is an intermediate-risk feature.")
D.doc("fever.measure", "Measuring temperature in children",
      "In infants under 4 weeks, temperature is measured with an electronic thermometer in the armpit. "
      "In older children, an electronic or chemical dot thermometer in the armpit or an infrared tympanic thermometer is used.")
D.doc("fever.pcm", "Paracetamol dosing in children",
      "Children's paracetamol is dosed by age band or at 15 mg/kg, no more than four times in 24 hours and no more often than every four hours.")
D.query("train", "can I alternate Calpol and Nurofen for my toddler", "lay_wording negation hard_negative",
        pos=["fever.antipyr"], neg=["fever.pdose", "fever.pcm"])
D.query("test", "2 month old with a temp of 38.2 what to do", "numbers lay_wording",
        pos=["fever.infant"], neg=["fever.antipyr", "fever.measure"])
D.query("train", "ibuprofen mg/kg for kids tds", "abbreviation numbers hard_negative",
        pos=["fever.pdose"], neg=["fever.antipyr", "fever.pcm"])

D.topic("bronchiolitis")
D.doc("bronchiolitis.mgmt", "Supportive management of bronchiolitis",
      "Bronchiolitis is managed with supportive care. "
      "Salbutamol, ipratropium, adrenaline, corticosteroids and antibiotics are not recommended. "
      "Supplemental oxygen is given if saturation is persistently below 90 percent in children aged 6 weeks and over.")
D.doc("bronchiolitis.admit", "When to admit infants with bronchiolitis",
      "Hospital admission is needed for apnoea, persistent oxygen saturation below 92 percent in air, inadequate oral fluid intake of 50 to 75 percent of usual volume, or severe respiratory distress such as grunting or marked chest recession.")
D.doc("bronchiolitis.rsv", "Protecting infants against respiratory syncytial virus",
      "Respiratory syncytial virus causes most cases of bronchiolitis. "
      "A vaccine offered to pregnant women from 28 weeks protects infants in their first months, and monoclonal antibodies such as nirsevimab are used for high-risk infants.")
D.doc("bronchiolitis.wheeze", "Viral-induced wheeze in preschool children",
      "Children under five with viral-induced wheeze are treated with salbutamol via a spacer and face mask. "
      "Oral prednisolone is not used routinely and is reserved for those needing admission.")
D.query("train", "inhalers or steroids for a baby with bronchiolitis", "lay_wording negation",
        pos=["bronchiolitis.mgmt"], neg=["bronchiolitis.admit", "bronchiolitis.wheeze"])
D.query("test", "baby with RSV not feeding when to go to hospital", "abbreviation lay_wording",
        pos=["bronchiolitis.admit"], neg=["bronchiolitis.mgmt"])
D.query("train", "RSV jab in pregnancy", "abbreviation lay_wording",
        pos=["bronchiolitis.rsv"], neg=["bronchiolitis.mgmt"])

D.topic("croup")
D.doc("croup.dex", "Dexamethasone for croup",
      "A single oral dose of dexamethasone 0.15 mg/kg is given to all children with croup, whatever the severity. "
      "Nebulised adrenaline is used for severe croup with stridor at rest while awaiting further care.")
D.doc("croup.sympt", "Recognising croup in young children",
      "Croup causes a barking, seal-like cough, hoarse voice and inspiratory stridor, typically in children aged 6 months to 3 years, worse at night and following a viral illness.")
D.doc("croup.epi", "Recognising acute epiglottitis in children",
      "Epiglottitis presents with drooling, a muffled voice, high fever and a child sitting forward. "
      "Unlike croup, the throat must not be examined with a spatula, because this may precipitate complete airway obstruction.")
D.query("test", "steroid dose for a barking cough in a child", "lay_wording hard_negative",
        pos=["croup.dex"], neg=["croup.sympt"])
D.query("train", "seal-like cough in a toddler at night", "lay_wording",
        pos=["croup.sympt"], neg=["croup.dex", "bg.pertussis"])
D.query("train", "drooling child why not look in the throat", "lay_wording negation",
        pos=["croup.epi"], neg=["croup.sympt", "bg.teething"])

D.topic("immun")
D.doc("immun.mmr", "Measles, mumps and rubella vaccine schedule",
      "The combined measles, mumps and rubella vaccine is given as two doses in early childhood, the first at around 12 months of age. "
      "Two doses give about 99 percent protection against measles and rubella.")
D.doc("immun.live", "Live vaccines in immunosuppressed patients",
      "Live vaccines, including measles, mumps and rubella, varicella, BCG and yellow fever vaccines, are contraindicated in severe immunosuppression, for example prednisolone 40 mg daily for more than a week or chemotherapy within the previous 6 months, and in pregnancy.")
D.doc("immun.autism", "Vaccine safety and autism",
      "Large studies involving millions of children have found no link between the measles, mumps and rubella vaccine and autism. "
      "The original claim was withdrawn as fraudulent.")
D.doc("immun.menb", "Fever after infant meningococcal B vaccine",
      "Fever is common after the meningococcal B vaccine in infants, so three doses of paracetamol are advised after the 8-week and 16-week vaccinations.")
D.doc("immun.inact", "Inactivated vaccines in immunosuppression",
      "Inactivated vaccines such as pneumococcal and influenza vaccines are recommended for immunosuppressed people and are safe, although the response may be reduced. "
      "They are ideally given before immunosuppressive treatment begins.")
D.query("train", "any link between the 12-month MMR and ASD", "abbreviation numbers",
        pos=["immun.autism"], neg=["immun.mmr", "immun.inact", "bg.measles"])
D.query("test", "live jabs while on high dose pred", "abbreviation lay_wording negation",
        pos=["immun.live"], neg=["immun.mmr", "immun.inact"])
D.query("train", "Calpol after my baby's 8 week jabs", "lay_wording numbers",
        pos=["immun.menb"], neg=["immun.autism"])
D.query("train", "at what age is the MMR given", "abbreviation hard_negative",
        pos=["immun.mmr"], neg=["immun.live"])

D.topic("jaundice")
D.doc("jaundice.early", "Jaundice in the first 24 hours",
      "Visible jaundice in the first 24 hours of life is always pathological, often due to haemolysis, and requires urgent measurement of serum bilirubin.")
D.doc("jaundice.prolonged", "Prolonged neonatal jaundice",
      "Jaundice lasting more than 14 days in term babies, or 21 days in preterm babies, requires investigation including a conjugated bilirubin to exclude biliary atresia. "
      "Pale stools and dark urine are red flags.")
D.doc("jaundice.photo", "Phototherapy thresholds for neonatal jaundice",
      "Phototherapy is started when serum bilirubin exceeds the treatment threshold for the baby's gestational age and postnatal age in hours on a bilirubin chart; exchange transfusion is considered at higher levels.")
D.doc("jaundice.breast", "Breast milk jaundice",
      "Breast milk jaundice is a common benign cause of prolonged unconjugated jaundice in a well, thriving baby, and breastfeeding should continue.")
D.doc("jaundice.physio", "Physiological jaundice in newborns",
      "Physiological jaundice appears after the first 24 hours, peaks around days three to five and resolves within two weeks in term babies, and needs no treatment when the baby is well and feeding.")
D.query("test", "newborn still yellow at 3 weeks with pale poo", "lay_wording numbers",
        pos=["jaundice.prolonged"], neg=["jaundice.breast", "jaundice.physio"])
D.query("train", "baby yellow on day one is it normal", "lay_wording",
        pos=["jaundice.early"], neg=["jaundice.prolonged"])
D.query("train", "SBR level for putting a newborn under the blue light", "abbreviation lay_wording hard_negative",
        pos=["jaundice.photo"], neg=["jaundice.early", "jaundice.physio"])
D.query("train", "yellow breastfed baby at 2 weeks but thriving should we switch to formula", "lay_wording numbers negation hard_negative",
        pos=["jaundice.breast"], neg=["jaundice.prolonged"])

D.topic("gastro")
D.doc("gastro.ors", "Oral rehydration in children",
      "Children with gastroenteritis and no clinical dehydration should continue breastfeeding and usual fluids. "
      "For clinical dehydration, low-osmolarity oral rehydration solution, 50 mL/kg over 4 hours plus maintenance fluid, is given in small frequent amounts.")
D.doc("gastro.antidiar", "Antidiarrhoeal drugs in children",
      "Antidiarrhoeal medicines such as loperamide should not be given to children with acute gastroenteritis.")
D.doc("gastro.school", "Returning to school after gastroenteritis",
      "Children should stay away from school or nursery until 48 hours after the last episode of diarrhoea or vomiting.")
D.doc("gastro.loper", "Loperamide for acute diarrhoea in adults",
      "In adults, loperamide 4 mg is taken initially, then 2 mg after each loose stool to a maximum of 16 mg daily. "
      "It should be avoided when diarrhoea is bloody or accompanied by high fever.")
D.query("train", "ORS mL/kg for a dry toddler", "abbreviation numbers lay_wording",
        pos=["gastro.ors"], neg=["gastro.antidiar"])
D.query("test", "can I give Imodium to my 4 year old with diarrhoea", "lay_wording negation",
        pos=["gastro.antidiar"], neg=["gastro.ors", "gastro.loper"])
D.query("train", "nursery exclusion after D&V", "abbreviation lay_wording",
        pos=["gastro.school"], neg=["gastro.ors", "gastro.loper", "bg.norovirus"])
D.query("train", "Imodium maximum daily dose for grown-ups", "lay_wording",
        pos=["gastro.loper"], neg=["gastro.antidiar"])

D.topic("febsz")
D.doc("febsz.simple", "Simple febrile seizures",
      "Simple febrile seizures are generalised, last less than 15 minutes, do not recur within 24 hours and occur in children aged 6 months to 5 years. "
      "They do not cause brain damage, and the risk of later epilepsy is only slightly increased.")
D.doc("febsz.prolonged", "Convulsion lasting five minutes or more",
      "A convulsion lasting 5 minutes or longer should be treated with buccal midazolam or rectal diazepam, and an ambulance called.")
D.doc("febsz.antipyr", "Antipyretics and febrile seizures",
      "Giving paracetamol or ibuprofen during a fever does not reduce the chance of a febrile seizure.")
D.doc("febsz.recur", "Recurrence after a febrile seizure",
      "About one in three children who have a febrile seizure will have another, with higher risk when the first occurs before 18 months of age or with a family history.")
D.query("train", "fever fit in a toddler long-term brain harm", "lay_wording",
        pos=["febsz.simple"], neg=["febsz.prolonged"])
D.query("test", "does Calpol stop fever fits", "lay_wording negation",
        pos=["febsz.antipyr"], neg=["febsz.simple", "febsz.recur"])
D.query("train", "when to give buccal midazolam for a fit", "hard_negative lay_wording",
        pos=["febsz.prolonged"], neg=["febsz.simple", "febsz.recur"])

# ---------------------------------------------------------------- other
D.topic("stroke")
D.doc("stroke.lysis", "Thrombolysis for acute ischaemic stroke",
      "Alteplase may be given within 4.5 hours of known symptom onset in acute ischaemic stroke once intracranial haemorrhage has been excluded by brain imaging. "
      "Mechanical thrombectomy is offered up to 6 hours, or later in selected patients.")
D.doc("stroke.tia", "Initial management of transient ischaemic attack",
      "People with a suspected transient ischaemic attack should take aspirin 300 mg immediately and be assessed by a stroke specialist within 24 hours of symptom onset.")
D.doc("stroke.swallow", "Swallow screening after stroke",
      "Nothing should be given by mouth, including medicines, until swallowing has been screened by a trained professional, to prevent aspiration pneumonia.")
D.doc("stroke.secondary", "Secondary prevention after ischaemic stroke",
      "After an ischaemic stroke, clopidogrel 75 mg daily is the usual long-term antiplatelet, together with a high-intensity statin and blood pressure control.")
D.doc("stroke.ngt", "Nutrition support after stroke",
      "People who cannot swallow safely after a stroke should have nasogastric tube feeding started within 24 hours of admission, with speech and language therapy assessment to guide the return to oral intake.")
D.query("train", "TIA aspirin dose and time to specialist review", "abbreviation",
        pos=["stroke.tia"], neg=["stroke.lysis", "stroke.secondary"])
D.query("test", "clot-busting drug time window for a brain attack", "lay_wording",
        pos=["stroke.lysis"], neg=["stroke.tia", "stroke.secondary"])
D.query("train", "stroke patient cannot have tablets until what", "negation",
        pos=["stroke.swallow"], neg=["stroke.tia", "stroke.ngt"])

D.topic("iron")
D.doc("iron.oral", "Oral iron replacement",
      "Iron deficiency anaemia is treated with one tablet of ferrous sulfate 200 mg daily or on alternate days, which may improve absorption and tolerability. "
      "Haemoglobin should rise by about 20 g/L within 3 to 4 weeks.")
D.doc("iron.side", "Side effects of oral iron",
      "Oral iron commonly causes nausea, abdominal pain, constipation or diarrhoea, and harmless dark stools.")
D.doc("iron.invest", "Investigating iron deficiency in adults",
      "Unexplained iron deficiency anaemia in men and postmenopausal women requires investigation of the gastrointestinal tract with upper endoscopy and colonoscopy, together with coeliac serology.")
D.doc("iron.iv", "When to use intravenous iron",
      "Intravenous iron is used when oral iron is not tolerated or not effective, in inflammatory bowel disease, or when rapid repletion is needed before surgery. "
      "Patients are observed for hypersensitivity reactions.")
D.query("train", "black poo on iron tablets", "lay_wording",
        pos=["iron.side"], neg=["iron.oral", "bg.melaena"])
D.query("test", "IDA in a 60 year old man what tests", "abbreviation numbers",
        pos=["iron.invest"], neg=["iron.oral"])
D.query("train", "FeSO4 every other day rationale", "abbreviation hard_negative",
        pos=["iron.oral"], neg=["iron.side", "iron.iv"])

D.topic("migraine")
D.doc("migraine.triptan", "Using triptans for acute migraine",
      "Triptans such as sumatriptan are taken at the onset of headache, not during the aura, and can be combined with a non-steroidal anti-inflammatory drug or paracetamol. "
      "A second dose may be taken if the headache returns, but not if the first dose had no effect.")
D.doc("migraine.ci", "Contraindications to triptans",
      "Triptans cause vasoconstriction and are contraindicated in coronary heart disease, previous stroke or transient ischaemic attack, peripheral vascular disease and uncontrolled hypertension.")
D.doc("migraine.moh", "Medication overuse headache",
      "Taking simple analgesics on 15 or more days a month, or triptans or opioids on 10 or more days a month, can cause medication overuse headache. "
      "Treatment involves withdrawing the overused medicine.")
D.doc("migraine.prev", "Preventive treatment for migraine",
      "Propranolol, topiramate or amitriptyline may be used to prevent migraine when attacks are frequent. "
      "Topiramate is teratogenic and reduces the effectiveness of hormonal contraception.")
D.doc("migraine.tension", "Recognising and treating tension-type headache",
      "Tension-type headache causes a bilateral, pressing or tightening pain without nausea. "
      "It is treated with aspirin, paracetamol or an anti-inflammatory drug, and acupuncture may be offered for prevention.")
D.query("train", "triptan in IHD", "abbreviation negation hard_negative",
        pos=["migraine.ci"], neg=["migraine.triptan"])
D.query("test", "painkillers most days making my headaches worse", "lay_wording",
        pos=["migraine.moh"], neg=["migraine.triptan", "migraine.tension"])
D.query("train", "migraine prophylaxis choices", "direct",
        pos=["migraine.prev"], neg=["migraine.triptan", "migraine.tension"])
D.query("train", "take the triptan during the aura or when the headache starts", "hard_negative",
        pos=["migraine.triptan"], neg=["migraine.ci"])

D.topic("obstetric")
D.doc("obstetric.aspirin", "Aspirin to prevent pre-eclampsia",
      "Women at high risk of pre-eclampsia are advised to take aspirin 75 to 150 mg daily from 12 weeks of gestation until birth.")
D.doc("obstetric.folic", "Folic acid before and in early pregnancy",
      "Folic acid 400 micrograms daily is recommended before conception and until 12 weeks of pregnancy. "
      "A higher dose of 5 mg daily is advised for women with diabetes, a body mass index of 30 or more, a previous neural tube defect or those taking antiepileptic drugs.")
D.doc("obstetric.mag", "Magnesium sulfate in severe pre-eclampsia",
      "Intravenous magnesium sulfate is given to prevent and treat eclamptic seizures. "
      "Toxicity is monitored by checking deep tendon reflexes, respiratory rate and urine output; calcium gluconate is the antidote.")
D.doc("obstetric.dmpreg", "Preconception care in diabetes",
      "Women with diabetes planning a pregnancy should aim for a glycated haemoglobin below 48 mmol/mol before conception and are advised to avoid pregnancy if it is above 86 mmol/mol, because of the risk of congenital anomalies.")
D.query("test", "higher-strength folate for a woman with a BMI of 32 trying to conceive", "abbreviation lay_wording numbers hard_negative",
        pos=["obstetric.folic"], neg=["obstetric.aspirin", "obstetric.dmpreg"])
D.query("train", "when in pregnancy to begin 150 mg aspirin for PET risk", "abbreviation numbers hard_negative",
        pos=["obstetric.aspirin"], neg=["obstetric.folic", "obstetric.dmpreg"])
D.query("train", "MgSO4 overdose what to watch on the ward", "abbreviation",
        pos=["obstetric.mag"], neg=["obstetric.aspirin"])

# ---------------------------------------------------------------- background documents
D.topic("bg")
D.doc("bg.anaph", "Intramuscular adrenaline for anaphylaxis",
      "Anaphylaxis is treated with intramuscular adrenaline 500 micrograms (0.5 mL of 1 mg/mL) in adults into the anterolateral thigh, repeated after 5 minutes if there is no improvement. "
      "Patients are observed afterwards because of the risk of a biphasic reaction.")
D.doc("bg.varen", "Varenicline for smoking cessation",
      "Varenicline is started one to two weeks before the target quit date and continued for 12 weeks. "
      "Nausea is the most common adverse effect, and abnormal dreams and insomnia may occur.")
D.doc("bg.alcwd", "Managing alcohol withdrawal",
      "Alcohol withdrawal is managed with a reducing regimen of a long-acting benzodiazepine such as chlordiazepoxide. "
      "Intravenous thiamine is given to people at risk of Wernicke's encephalopathy before any glucose.")
D.doc("bg.hepb", "Hepatitis B vaccination for healthcare workers",
      "Healthcare workers at risk of exposure to blood receive a course of hepatitis B vaccine, and the antibody response is checked one to four months after the course is completed.")
D.doc("bg.sickle", "Painful crisis in sickle cell disease",
      "A painful sickle cell crisis is treated with prompt analgesia, usually within 30 minutes of arrival, together with hydration, oxygen if saturation is low, and assessment for infection or acute chest syndrome.")
D.doc("bg.levodopa", "Levodopa timing in Parkinson's disease",
      "People with Parkinson's disease must receive levodopa at their usual times when admitted to hospital, because missed doses can cause severe rigidity, swallowing difficulty and neuroleptic malignant-like syndrome.")
D.doc("bg.valproate", "Valproate in women of childbearing potential",
      "Sodium valproate carries a high risk of congenital malformations and neurodevelopmental disorders and must not be used in women of childbearing potential unless a pregnancy prevention programme is in place.")
D.doc("bg.malaria", "Malaria prevention for travellers",
      "Travellers to malaria-endemic areas should use insect repellent, bed nets and appropriate chemoprophylaxis such as atovaquone-proguanil, doxycycline or mefloquine, and seek urgent testing for any fever during or after travel.")
D.doc("bg.lyme", "Erythema migrans and Lyme disease",
      "An expanding red rash at the site of a tick bite, known as erythema migrans, is diagnostic of Lyme disease and is treated with doxycycline without the need for blood tests.")
D.doc("bg.scabies", "Treating scabies and household contacts",
      "Scabies is treated with permethrin 5 percent cream applied to the whole body from the neck down, washed off after 8 to 12 hours and repeated after one week. "
      "All household contacts are treated at the same time.")
D.doc("bg.eczema", "Emollients in atopic eczema",
      "Emollients are the foundation of eczema treatment and should be used liberally and frequently, even when the skin is clear. "
      "Topical corticosteroids are added for flares in the lowest potency that controls them.")
D.doc("bg.isotret", "Isotretinoin for severe acne",
      "Isotretinoin is prescribed by specialists for severe acne. "
      "It is highly teratogenic, requiring a pregnancy prevention programme, and can cause dry skin, lip cracking and mood changes.")
D.doc("bg.glaucoma", "Acute angle-closure glaucoma",
      "Acute angle-closure glaucoma causes a painful red eye, blurred vision with haloes around lights, headache and vomiting. "
      "It is an ophthalmic emergency requiring same-day treatment to lower intraocular pressure.")
D.doc("bg.otitis", "Acute otitis media in children",
      "Most cases of acute otitis media in children resolve within three days without antibiotics. "
      "Antibiotics are considered for children under 2 with bilateral infection, those with discharge from the ear, or those who are systemically unwell.")
D.doc("bg.tonsil", "Sore throat scoring for antibiotics",
      "Clinical scores based on fever, purulent tonsils, rapid attendance, inflamed tonsils and absence of cough help identify which sore throats are likely to be streptococcal. "
      "Phenoxymethylpenicillin for 5 to 10 days is used when antibiotics are needed.")
D.doc("bg.bph", "Alpha-blockers for prostatic enlargement",
      "Tamsulosin relaxes smooth muscle in the prostate and bladder neck and improves urinary flow in benign prostatic hyperplasia. "
      "It can cause postural hypotension and floppy iris syndrome during cataract surgery.")
D.doc("bg.hrt", "Hormone replacement therapy and clot risk",
      "Oral oestrogen in hormone replacement therapy increases the risk of venous thromboembolism, whereas transdermal oestrogen at standard doses does not appear to. "
      "Women with a uterus need a progestogen to protect the endometrium.")
D.doc("bg.pill", "Missed combined contraceptive pills",
      "If one combined pill is missed, it should be taken as soon as remembered and the pack continued. "
      "If two or more are missed, extra contraception is needed for seven days, and emergency contraception may be required depending on the week of the pack.")
D.doc("bg.coeliac", "Testing for coeliac disease",
      "Serological testing for coeliac disease with tissue transglutaminase antibodies is only reliable if the person has been eating gluten in more than one meal a day for at least six weeks before the test.")
D.doc("bg.ibd", "Mesalazine in ulcerative colitis",
      "Aminosalicylates such as mesalazine are first-line for inducing and maintaining remission in mild to moderate ulcerative colitis. "
      "Renal function is monitored because of the rare risk of interstitial nephritis.")
D.doc("bg.lactulose", "Lactulose in hepatic encephalopathy",
      "Lactulose is titrated to produce two to three soft stools a day in hepatic encephalopathy, reducing the absorption of ammonia from the gut. "
      "Rifaximin may be added to prevent recurrence.")
D.doc("bg.pancreatitis", "Severity and causes of acute pancreatitis",
      "Gallstones and alcohol are the commonest causes of acute pancreatitis. "
      "Diagnosis requires typical abdominal pain with a serum lipase or amylase at least three times the upper limit of normal.")
D.doc("bg.stones", "Analgesia for renal colic",
      "A non-steroidal anti-inflammatory drug given by any route is the first-line analgesic for renal colic, with intravenous paracetamol if it is contraindicated. "
      "Stones smaller than 5 mm usually pass spontaneously.")
D.doc("bg.hypona", "Correcting chronic hyponatraemia",
      "Chronic hyponatraemia should be corrected slowly, by no more than 10 mmol/L in 24 hours, because rapid correction can cause osmotic demyelination syndrome.")
D.doc("bg.vitd", "Vitamin D supplementation",
      "A daily supplement of 10 micrograms (400 units) of vitamin D is advised for everyone during autumn and winter, and year-round for people with little sun exposure or darker skin.")
D.doc("bg.b12inj", "Hydroxocobalamin for pernicious anaemia",
      "Pernicious anaemia is treated with intramuscular hydroxocobalamin 1 mg three times a week for two weeks, then every three months for life. "
      "Neurological involvement requires more frequent loading doses.")
D.doc("bg.donep", "Cholinesterase inhibitors in dementia",
      "Donepezil, rivastigmine and galantamine are used for mild to moderate Alzheimer's disease. "
      "They can cause nausea, vivid dreams and bradycardia, so a pulse check is advisable before starting.")
D.doc("bg.delirium", "Preventing delirium in hospital",
      "Delirium risk in older inpatients is reduced by orientation, adequate hydration and nutrition, good sleep, treating pain and infection, and avoiding unnecessary sedatives or anticholinergic drugs.")
D.doc("bg.pressure", "Preventing pressure ulcers",
      "Pressure ulcers are prevented by regular repositioning, pressure-redistributing mattresses, skin inspection and good nutrition. "
      "High-risk patients are repositioned at least every four hours.")
D.doc("bg.syringe", "Subcutaneous syringe drivers in palliative care",
      "A continuous subcutaneous infusion via a syringe driver delivers analgesics, antiemetics and sedatives over 24 hours when a dying patient can no longer swallow oral medicines.")
D.doc("bg.hepc", "Direct-acting antivirals for hepatitis C",
      "Chronic hepatitis C is treated with 8 to 12 weeks of oral direct-acting antiviral combinations, which cure more than 95 percent of infections. "
      "Sustained virological response is confirmed 12 weeks after completing treatment.")
D.doc("bg.shingles", "Antivirals for shingles",
      "Oral aciclovir, valaciclovir or famciclovir for 7 days is recommended for shingles if started within 72 hours of rash onset, particularly in people over 50 and in those with involvement of the eye.")
D.doc("bg.chickenpox", "Chickenpox exposure in pregnancy",
      "Pregnant women without immunity to varicella who have a significant exposure to chickenpox should be assessed promptly, as post-exposure prophylaxis may be offered.")
D.doc("bg.thyroidnod", "Assessing a thyroid nodule",
      "A new thyroid nodule is assessed with thyroid function tests and ultrasound; fine-needle aspiration is performed for nodules with suspicious ultrasound features.")
D.doc("bg.cushing", "Features of Cushing's syndrome",
      "Cushing's syndrome causes central obesity, a rounded face, purple abdominal striae, easy bruising, proximal muscle weakness, hypertension and hyperglycaemia. "
      "The commonest cause is exogenous corticosteroid use.")
D.doc("bg.hyperpara", "Primary hyperparathyroidism and raised calcium",
      "Primary hyperparathyroidism is the commonest cause of hypercalcaemia in outpatients and is usually due to a single parathyroid adenoma. "
      "Parathyroidectomy is considered for symptomatic patients or those with complications.")
D.doc("bg.ep", "Endocarditis prophylaxis before dental work",
      "Antibiotic prophylaxis against infective endocarditis is not routinely recommended for people undergoing dental procedures, even those with prosthetic valves, although practice differs between countries.")
D.doc("bg.pericard", "Treatment of acute pericarditis",
      "Acute pericarditis causes pleuritic chest pain relieved by sitting forward and widespread saddle-shaped ST elevation. "
      "It is treated with a non-steroidal anti-inflammatory drug plus colchicine for about three months.")
D.doc("bg.syncope", "Red flags in transient loss of consciousness",
      "Syncope during exertion, a family history of sudden cardiac death, new breathlessness, or an abnormal electrocardiogram warrant urgent cardiology assessment.")
D.doc("bg.lipid", "Suspecting familial hypercholesterolaemia in adults",
      "Familial hypercholesterolaemia should be suspected when total cholesterol is above 7.5 mmol/L in an adult, particularly with tendon xanthomata or a family history of premature coronary heart disease. "
      "Cascade testing of relatives is offered.")
D.doc("bg.endocarditis", "Blood cultures in suspected endocarditis",
      "When infective endocarditis is suspected, at least three sets of blood cultures are taken from separate sites before antibiotics are given, and echocardiography is arranged.")
D.doc("bg.anticoagsurg", "Stopping anticoagulants before surgery",
      "Direct oral anticoagulants are usually stopped one to two days before low-bleeding-risk surgery and longer before high-risk procedures or when renal function is reduced; bridging with heparin is rarely needed.")
D.doc("bg.ppiulcer", "Healing peptic ulcers",
      "A peptic ulcer is treated with a full-dose proton pump inhibitor for eight weeks, together with eradication therapy if Helicobacter pylori is present; causative anti-inflammatory drugs should be stopped.")
D.doc("bg.insomnia", "Sleep hygiene for insomnia",
      "Good sleep hygiene includes a regular wake time, avoiding caffeine after midday, limiting screens before bed and getting out of bed if unable to sleep for 20 minutes.")
D.doc("bg.ed", "Phosphodiesterase-5 inhibitors for erectile dysfunction",
      "Sildenafil is taken about an hour before sexual activity and tadalafil can be taken on demand or daily. "
      "Common effects include headache, flushing and nasal congestion.")
D.doc("bg.kawasaki", "Kawasaki disease in children",
      "Kawasaki disease causes fever for five days or more with conjunctivitis, red lips, rash, swollen hands and feet and cervical lymphadenopathy. "
      "Intravenous immunoglobulin reduces the risk of coronary artery aneurysms.")
D.doc("bg.asthmachild", "Spacer technique for children's inhalers",
      "Children should use a metered-dose inhaler through a spacer, with a face mask for those under about three years. "
      "One puff is given at a time, followed by five tidal breaths.")
D.doc("bg.hpylori", "Helicobacter pylori eradication regimens",
      "First-line eradication of Helicobacter pylori uses a proton pump inhibitor with two antibiotics, such as amoxicillin with clarithromycin or metronidazole, twice daily for 7 days.")
D.doc("bg.tinnitus", "Assessing tinnitus in adults",
      "Tinnitus is most often associated with age-related or noise-induced hearing loss. "
      "Tinnitus in one ear only, pulsatile tinnitus, or tinnitus with sudden hearing loss needs prompt specialist assessment.")
D.doc("bg.handhyg", "Hand hygiene in clinical settings",
      "Alcohol-based hand rub is the preferred method of hand hygiene for most clinical contact, because it is quick and effective against most bacteria and viruses. "
      "Hands that are visibly soiled must be washed with soap and water.")
D.doc("bg.eggallergy", "Egg allergy in young children",
      "Egg allergy is common in infants and most children outgrow it by school age. "
      "Well-cooked egg in baked foods is often tolerated first and can be introduced under guidance.")
D.doc("bg.cdi", "Cranial diabetes insipidus",
      "Cranial diabetes insipidus results from deficient vasopressin secretion after head injury, pituitary surgery or tumours, causing large volumes of dilute urine and thirst. "
      "It is treated with desmopressin.")
D.doc("bg.pseudogout", "Calcium pyrophosphate crystal arthritis",
      "Calcium pyrophosphate crystal arthritis, sometimes called pseudogout, typically causes an acutely hot, swollen knee or wrist in an older person. "
      "Positively birefringent crystals are seen on aspiration, and treatment is with joint injection, colchicine or an anti-inflammatory drug.")
D.doc("bg.norovirus", "Norovirus outbreaks in hospitals",
      "During norovirus outbreaks, affected bays are closed to admissions, and staff with symptoms stay off work until 48 hours after their last episode of vomiting or diarrhoea.")
D.doc("bg.measles", "Complications of measles",
      "Measles can cause otitis media, pneumonia and encephalitis, and rarely subacute sclerosing panencephalitis years later. "
      "Suspected cases must be notified to public health.")
D.doc("bg.nocturia", "Getting up at night to pass urine",
      "Needing to pass urine more than once a night is common with age. "
      "In men it is often due to an enlarged prostate; other causes include drinking late in the evening, caffeine, poorly controlled diabetes and heart failure.")
D.doc("bg.postviralcough", "Tickly cough after a cold",
      "A dry, tickly cough often lingers for three weeks or more after a cold or flu while the airways settle. "
      "See a doctor if it lasts longer than three weeks, if you cough up blood, or if you become breathless.")
D.doc("bg.lipoma", "Soft fatty lumps under the skin",
      "A lipoma is a soft, painless, slow-growing fatty lump under the skin that moves when pressed. "
      "Most need no treatment, but a lump that is hard, growing quickly or painful should be checked.")
D.doc("bg.stonediet", "Diet after kidney stones",
      "People who have had kidney stones should drink enough fluid to pass 2 to 2.5 litres of urine a day and cut down on salt and animal protein. "
      "Those with calcium oxalate stones may be advised to limit spinach, rhubarb and nuts, but should not cut out calcium.")
D.doc("bg.calprotectin", "Stool calprotectin test",
      "Faecal calprotectin is a stool test that helps distinguish inflammatory bowel disease from irritable bowel syndrome in adults under 40 with persistent diarrhoea.")
D.doc("bg.hpvvax", "Human papillomavirus vaccination programme",
      "The human papillomavirus vaccine is offered to girls and boys aged 12 to 13 in school, and to some adults at higher risk. "
      "It protects against the virus types that cause most cervical and several other cancers.")
D.doc("bg.breastlump", "Breast lumps in younger women",
      "In women under 30, most breast lumps are benign, such as fibroadenomas or cysts, and ultrasound rather than mammography is the first imaging test.")
D.doc("bg.periodpain", "Period pain in teenagers",
      "Painful periods in teenagers are usually treated with an anti-inflammatory painkiller such as ibuprofen or mefenamic acid, started at the first sign of pain, together with heat and exercise.")
D.doc("bg.hfm", "Hand, foot and mouth disease",
      "Hand, foot and mouth disease causes a mild fever, sore mouth ulcers and small spots or blisters on the hands and feet in young children. "
      "It usually clears within 7 to 10 days.")
D.doc("bg.pertussis", "Whooping cough in infants and children",
      "Whooping cough causes bouts of coughing that may end with a whoop or vomiting and can last for weeks. "
      "Young babies are most at risk, which is why vaccination is offered in pregnancy.")
D.doc("bg.teething", "Teething in babies",
      "Teething can cause drooling, red cheeks, gum rubbing and irritability. "
      "It does not cause high fever, and a baby with a temperature should be assessed for another cause.")
D.doc("bg.melaena", "Black tarry stools",
      "Black, sticky, foul-smelling stools (melaena) suggest bleeding from the upper gut, such as a stomach ulcer, and need urgent assessment, especially with dizziness or vomiting blood.")
D.doc("bg.babythrush", "Oral thrush in babies",
      "Oral thrush in babies causes white patches on the tongue and inside the cheeks that do not rub off easily. "
      "It is treated with miconazole oral gel or nystatin suspension.")
D.doc("bg.doxysun", "Sun sensitivity with doxycycline",
      "Doxycycline can make the skin burn more easily in sunlight. "
      "People taking it should avoid strong sun and sunbeds and use a high-factor sunscreen.")
D.doc("bg.constipation", "Treating constipation in adults",
      "Constipation in adults is first managed with more fibre, fluids and activity. "
      "A bulk-forming laxative such as ispaghula is tried first, followed by an osmotic laxative such as macrogol if stools remain hard.")
D.doc("bg.exercisehypo", "Exercise and insulin",
      "People using insulin may need to reduce the dose before exercise or eat extra carbohydrate, and should check glucose before, during and after prolonged activity, as levels can fall for many hours afterwards.")
D.doc("bg.ibuprofen", "Ibuprofen dosing for adults",
      "For adults, ibuprofen 200 to 400 mg is taken three times daily with or after food. "
      "The maximum for self-medication is 1.2 g a day, and up to 2.4 g a day may be prescribed.")
D.doc("bg.codeine", "Over-the-counter codeine products",
      "Painkillers containing codeine bought without a prescription should be used for no more than three days, because regular use can lead to dependence and medication overuse headache.")
D.doc("bg.pneumovax", "Pneumococcal vaccine eligibility",
      "The pneumococcal polysaccharide vaccine is offered once to adults aged 65 and over and to people with long-term conditions such as chronic heart, lung, liver or kidney disease or no working spleen.")
D.doc("bg.aad", "Diarrhoea caused by antibiotics",
      "Loose stools are a common side effect of antibiotics and usually settle after the course ends. "
      "Probiotics may reduce the risk, and severe, bloody or persistent diarrhoea should be reported because of the possibility of Clostridioides difficile infection.")
D.doc("bg.palliconstip", "Constipation in palliative care",
      "Constipation is common in people with advanced cancer because of opioids, immobility, poor intake and dehydration. "
      "Regular stimulant and softening laxatives are prescribed and reviewed.")

if __name__ == "__main__":
    raise SystemExit(D.main())
