"""Cross-lingual queries (notebook 07): data/medical_xling/ (Chinese queries over the English medical corpus)
and data/medical_zh_xling/ (English queries over the Chinese medical slice).

Each query is a Simplified Chinese rendering, written for this course, of one English query of
data/medical's TEST split: phrased as a Chinese patient or clinician would ask (lay questions in
lay Chinese, clinical shorthand as Chinese clinical text writes it, keeping the English acronyms
that Chinese clinicians keep: CKD, eGFR, INR, BNP, DKA ...). A rendering is not a word-for-word
translation; it asks the same question, so the English query's test judgements carry over as they
are: ``qrels/test.tsv`` lists exactly the English query's relevant documents of
data/medical/corpus.jsonl, and each query keeps the English query's phenomenon tags. There is no
corpus file: the corpus is data/medical's (utils.course.nb07_beyond_search.load_crosslingual joins them).

data/medical_zh_xling/ is the reverse: English renderings of data/medical_zh's (test-only) queries,
written the same way, with medical_zh's judgements and tags; its corpus is data/medical_zh's.

The source ids, tags and judgements are read from the shipped files (data/medical/, data/medical_zh/), so the
generator checks that every source id exists and is a test query, and fails if they change.
Run:  python data/_gen/medical_xling.py [--out ROOT]   (writes data/medical_xling/ and data/medical_zh_xling/, or under ROOT)
"""

from __future__ import annotations

import json
from pathlib import Path

from _builder import DATA_DIR, DataError, check_beir, main

NAME, SOURCE, PREFIX = "medical_xling", "medical", "mx"
REVERSE, REVERSE_SOURCE, REVERSE_PREFIX = "medical_zh_xling", "medical_zh", "mzx"
MIN_QUERIES = 70

# English test query id -> Chinese rendering (the English text is in data/medical/queries.jsonl).
ZH = {
    "med-q0002": "美托洛尔突然自己停掉会有危险吗？",
    "med-q0004": "心梗后二级预防，他汀用什么强度，LDL要降到多少？",
    "med-q0011": "气促患者BNP低于多少可以排除心衰？",
    "med-q0014": "利尿药会不会引起耳鸣或者听力下降？",
    "med-q0018": "INR到了7但没有出血，华法林该怎么处理？",
    "med-q0021": "哪些患者不能用NOAC代替华法林？",
    "med-q0026": "房颤患者吃比索洛尔，静息心率控制在多少合适？",
    "med-q0029": "家庭自测血压平均多少可以诊断高血压？",
    "med-q0031": "吃氨氯地平脚肿了，加利尿药能消肿吗？",
    "med-q0034": "吃心衰的药以后看东西发黄、有光圈，是怎么回事？",
    "med-q0036": "服用胺碘酮期间甲功和肝功多久查一次？",
    "med-q0040": "吃了伟哥以后还能用硝酸甘油喷剂吗？",
    "med-q0043": "ACS后双联抗血小板治疗要持续多久？",
    "med-q0045": "血钾升到多少应该停用螺内酯？",
    "med-q0049": "Wells评分提示DVT可能性低，首先做什么检查？",
    "med-q0051": "肺栓塞收缩压低于90 mmHg，要不要溶栓？",
    "med-q0055": "尿白蛋白肌酐比值超过多少需要转诊肾内科？",
    "med-q0058": "AKI诊断标准中48小时内肌酐升高多少？",
    "med-q0063": "高钾血症用胰岛素加葡萄糖治疗后，要监测血糖几个小时？",
    "med-q0067": "做增强CT打造影剂之前要停降糖药吗？",
    "med-q0070": "有动静脉内瘘的那只手臂可以绑袖带量血压吗？",
    "med-q0073": "肾病综合征白蛋白低、尿里漏蛋白，为什么容易长血栓？",
    "med-q0075": "CKD患者eGFR最低到多少还能起始SGLT2抑制剂？",
    "med-q0079": "一直吃降糖药，脚发麻，会不会是缺维生素B12？",
    "med-q0082": "什么情况下糖化血红蛋白不能用来诊断糖尿病？",
    "med-q0086": "糖尿病人昏过去了、没法吞咽，该打哪种针？",
    "med-q0089": "DKA固定速率胰岛素静脉输注每小时每公斤几个单位？",
    "med-q0095": "调整优甲乐剂量后多久复查TSH？",
    "med-q0099": "怀孕8周甲亢，该吃哪种抗甲状腺药？",
    "med-q0102": "治骨质疏松的药吃了几年可以停？",
    "med-q0105": "半年打一次的骨质疏松针推迟了会怎么样？",
    "med-q0106": "艾迪生病患者得了流感，氢化可的松要加量吗？",
    "med-q0110": "哪些2型糖尿病药物会让体重增加，哪些会减轻体重？",
    "med-q0112": "以前得过胰腺炎或者家里有甲状腺髓样癌的人能用GLP-1受体激动剂吗？",
    "med-q0117": "CURB-65评分多少分需要住院？",
    "med-q0120": "怀孕早期尿路感染，哪些抗生素不能用？",
    "med-q0122": "男性膀胱炎抗生素要用几天？",
    "med-q0124": "皮肤感染看着不严重却疼得厉害，什么时候要警惕？",
    "med-q0126": "首次艰难梭菌感染，万古霉素用多大剂量、用多久？",
    "med-q0130": "乳酸大于4的时候补液量给多少？",
    "med-q0132": "用去甲肾上腺素时平均动脉压目标是多少？",
    "med-q0134": "避孕套破了，最晚什么时候开始吃HIV暴露后预防药？",
    "med-q0136": "高危性行为后45天查HIV，结果可靠吗？",
    "med-q0137": "同房4天以后吃紧急避孕药还有效吗？",
    "med-q0139": "吃抗结核药会不会让避孕药失效？",
    "med-q0143": "对鸡蛋过敏的人能打流感疫苗吗？",
    "med-q0145": "5岁孩子出现紫癜样皮疹，等救护车前肌注青霉素打多少？",
    "med-q0151": "EB病毒感染吃阿莫西林出了斑丘疹，算真正的青霉素过敏吗？",
    "med-q0154": "MRSA引起的疖子吃什么药？",
    "med-q0156": "输万古霉素的时候脸和脖子发红发痒，怎么回事？",
    "med-q0158": "庆大霉素每日一次给药按体重怎么算剂量？",
    "med-q0162": "布洛芬、利尿药和雷米普利一起吃，对肾脏有什么危险？",
    "med-q0164": "心梗以后哪种消炎止痛药最安全？",
    "med-q0166": "对乙酰氨基酚（泰诺林）吃多了，什么情况下要用NAC？",
    "med-q0169": "终末期肾衰患者首选哪种阿片类止痛药？",
    "med-q0173": "老人吃舍曲林后糊里糊涂，血钠偏低，是药的问题吗？",
    "med-q0175": "15岁的抑郁症孩子选哪种SSRI，多久复诊？",
    "med-q0177": "为什么65岁以上的人西酞普兰的最大剂量更低？",
    "med-q0179": "双相情感障碍病人吃锂盐后尿特别多、总是口渴，怎么回事？",
    "med-q0181": "安眠药最多可以连续吃多久？",
    "med-q0185": "长期吃质子泵抑制剂会导致低镁吗？",
    "med-q0188": "泼尼松龙吃了4周，能不能一下子停掉？",
    "med-q0191": "吃甲氨蝶呤的人尿路感染，哪种抗生素不能用？",
    "med-q0194": "急性痛风发作（大脚趾关节）有哪些治疗办法？",
    "med-q0197": "哮喘患者呼气峰流速不到最佳值的三分之一，血氧91%，属于多严重？",
    "med-q0202": "COPD患者血氧饱和度目标是多少？",
    "med-q0204": "pH低于7.35的时候要上无创通气吗？",
    "med-q0207": "化疗病人发烧，中性粒细胞绝对值低于0.5，多长时间内要用上抗生素？",
    "med-q0211": "哪些肿瘤溶解综合征患者不能用拉布立酶？",
    "med-q0213": "5-HT3受体拮抗剂止吐药和QT间期延长有什么关系？",
    "med-q0218": "所有男性都应该做PSA筛查吗？",
    "med-q0221": "吃他莫昔芬期间绝经后又阴道出血，怎么办？",
    "med-q0225": "肿瘤病人便秘、意识混乱、特别口渴，应该查哪项血液指标？",
    "med-q0227": "2个月大的宝宝体温38.2℃，该怎么办？",
    "med-q0230": "宝宝感染RSV吃奶不好，什么时候需要去医院？",
    "med-q0232": "小孩哮吼（犬吠样咳嗽）激素用多大剂量？",
    "med-q0236": "正在服用大剂量泼尼松能打减毒活疫苗吗？",
    "med-q0239": "新生儿出生3周了还黄，大便颜色发白，要紧吗？",
    "med-q0244": "4岁孩子拉肚子可以吃易蒙停吗？",
    "med-q0248": "退烧药能预防热性惊厥吗？",
    "med-q0251": "中风以后打溶栓针，最晚要在发病多久以内？",
    "med-q0254": "60岁男性缺铁性贫血，需要做哪些检查？",
    "med-q0257": "几乎天天吃止痛药，头痛反而更厉害了，是怎么回事？",
    "med-q0260": "BMI 32的女性备孕，需要吃大剂量叶酸吗？",
}


# The reverse direction (data/medical_zh_xling/): English renderings of data/medical_zh's test queries,
# phrased as an English-speaking patient or clinician would ask; judgements are medical_zh's.
EN = {
    "mzh-q0001": "what blood pressure reading counts as hypertension",
    "mzh-q0002": "home blood pressure monitor, what reading means I have high blood pressure",
    "mzh-q0003": "what should I do before taking my blood pressure",
    "mzh-q0004": "constant dry cough since starting blood pressure tablets, worse at night, what should I do",
    "mzh-q0005": "which blood pressure medicines are forbidden during pregnancy",
    "mzh-q0006": "my blood pressure is normal now, can I stop taking the pills",
    "mzh-q0007": "ankles swollen on amlodipine, is it heart failure",
    "mzh-q0008": "what blood pressure target is right for an 80 year old",
    "mzh-q0009": "maximum daily salt intake for someone with hypertension",
    "mzh-q0010": "BP 180/120 with a severe headache, do I need to go to hospital now",
    "mzh-q0011": "blood pressure high at the clinic but normal at home, why",
    "mzh-q0012": "can I just stop taking Betaloc all of a sudden",
    "mzh-q0013": "can a gout patient take hydrochlorothiazide for blood pressure",
    "mzh-q0014": "fasting glucose level for diagnosing diabetes",
    "mzh-q0015": "is a fasting blood sugar of 6.5 mmol/L diabetes",
    "mzh-q0016": "HbA1c reflects blood glucose over how long",
    "mzh-q0017": "HbA1c target for type 2 diabetes",
    "mzh-q0018": "how often should HbA1c be rechecked",
    "mzh-q0019": "can metformin be continued with an eGFR below 30",
    "mzh-q0020": "is it normal to keep having diarrhoea on metformin",
    "mzh-q0021": "do I need to stop metformin before a contrast CT",
    "mzh-q0022": "what blood sugar level counts as a hypo and how do you treat it",
    "mzh-q0023": "does an insulin pen I am already using need to stay in the fridge",
    "mzh-q0024": "can people with diabetes still eat fruit",
    "mzh-q0025": "OGTT cut-offs for diagnosing gestational diabetes",
    "mzh-q0026": "how often should diabetics have their eyes checked",
    "mzh-q0027": "diabetic with a corn on the foot, can I trim it myself with a razor blade",
    "mzh-q0028": "signs and symptoms of DKA",
    "mzh-q0029": "got a cold with a fever and can't eat, do I keep injecting my insulin",
    "mzh-q0030": "does glibenclamide cause hypos in older people",
    "mzh-q0031": "what are the symptoms of a heart attack",
    "mzh-q0032": "why are heart attacks in women missed more often",
    "mzh-q0033": "suspected heart attack at home, should I take aspirin first and how much",
    "mzh-q0034": "can I put GTN under my tongue after taking Viagra",
    "mzh-q0035": "time target for opening the artery with primary PCI in STEMI",
    "mzh-q0036": "how long to take two antiplatelet drugs after a stent",
    "mzh-q0037": "first troponin normal, does that rule out a heart attack",
    "mzh-q0038": "LDL-C target after a myocardial infarction",
    "mzh-q0039": "what measurements are the CKD stages based on",
    "mzh-q0040": "does a normal creatinine mean my kidneys are fine",
    "mzh-q0041": "can someone with chronic kidney disease take ibuprofen for pain",
    "mzh-q0042": "how much protein a day with kidney disease",
    "mzh-q0043": "why should people with poor kidney function eat fewer bananas",
    "mzh-q0044": "first-choice blood pressure drug class for CKD with proteinuria",
    "mzh-q0045": "what urine ACR is abnormal",
    "mzh-q0046": "do I need antibiotics for a cold",
    "mzh-q0047": "can I drink alcohol while taking a cephalosporin",
    "mzh-q0048": "can children be given levofloxacin",
    "mzh-q0049": "allergic to penicillin, can I take cephalosporins",
    "mzh-q0050": "amoxicillin dose for children in mg per kg per day",
    "mzh-q0051": "feeling better, can I stop the antibiotics early",
    "mzh-q0052": "watery diarrhoea and fever after a course of antibiotics",
    "mzh-q0053": "why does the flu jab have to be repeated every year",
    "mzh-q0054": "when should a vaccine not be given",
    "mzh-q0055": "fever of 38.5 after a vaccination, do I need to see a doctor",
    "mzh-q0056": "what does the 0, 1, 6 month hepatitis B vaccine schedule mean",
    "mzh-q0057": "which vaccines can be given in pregnancy",
    "mzh-q0058": "best age to get the HPV vaccine",
    "mzh-q0059": "missed a vaccine dose, do I have to restart the whole course",
    "mzh-q0060": "what to do after a dog bite",
    "mzh-q0061": "at what temperature should a child be given fever medicine",
    "mzh-q0062": "paracetamol dose for children in mg per kg per dose",
    "mzh-q0063": "can I alternate Nurofen and Calpol",
    "mzh-q0064": "can a child with a fever have aspirin",
    "mzh-q0065": "is sponging a feverish baby with alcohol OK",
    "mzh-q0066": "2 month old baby with a temperature of 38, what should I do",
    "mzh-q0067": "what to do when a child has a fit with a high fever",
    "mzh-q0068": "can babies under 6 months have ibuprofen for a fever",
    "mzh-q0069": "target INR range",
    "mzh-q0070": "can I eat spinach on warfarin",
    "mzh-q0071": "missed a dose of rivaroxaban, what now",
    "mzh-q0072": "TIA symptoms have gone, do I still need to go to hospital",
    "mzh-q0073": "within how many hours of onset must stroke thrombolysis be given",
    "mzh-q0074": "can levothyroxine be taken with calcium tablets",
    "mzh-q0075": "why rinse your mouth after a steroid inhaler",
    "mzh-q0076": "can an asthmatic take propranolol",
    "mzh-q0077": "uric acid target for people with gout",
    "mzh-q0078": "how is COPD diagnosed",
    "mzh-q0079": "how should alendronate be taken",
    "mzh-q0080": "aching muscles all over on a statin, should I stop it",
}


def _han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def records(source: str, renderings: dict[str, str], prefix: str, data_dir: Path = DATA_DIR):
    """The queries and test qrels of a cross-lingual set whose queries render ``source``'s test queries."""
    folder = data_dir / source
    queries = {}
    for line in (folder / "queries.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            queries[q["_id"]] = q
    qrels: dict[str, list[str]] = {}
    for line in (folder / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        qid, did, score = line.split("\t")
        if int(score) > 0:
            qrels.setdefault(qid, []).append(did)
    corpus = [
        json.loads(x) for x in (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    rows, judged = [], []
    seen: dict[str, str] = {}
    for i, (src, text) in enumerate(renderings.items(), 1):
        if src not in queries:
            raise DataError(f"{source}: source query {src!r} is not in data/{source}/queries.jsonl")
        if src not in qrels:
            raise DataError(f"{source}: source query {src!r} is not a test query (no row in qrels/test.tsv)")
        if text != " ".join(text.split()) or not text:
            raise DataError(f"rendering of {src}: empty text or stray whitespace: {text!r}")
        if text in seen:
            raise DataError(f"rendering of {src} repeats the rendering of {seen[text]}")
        seen[text] = src
        qid = f"{prefix}-q{i:04d}"
        rows.append({"_id": qid, "text": text, "tags": queries[src].get("tags", []), "source": src})
        judged += [(qid, did) for did in qrels[src]]
    check_beir(corpus, rows, {"test": judged})
    return rows, judged


def write(folder: Path, rows: list[dict], judged: list[tuple[str, str]]) -> Path:
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    with open(folder / "queries.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(folder / "qrels" / "test.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for qid, did in judged:
            f.write(f"{qid}\t{did}\t1\n")
    return folder


def build(root: Path) -> list[str]:
    rows, judged = records(SOURCE, ZH, PREFIX)
    back, back_judged = records(REVERSE_SOURCE, EN, REVERSE_PREFIX)
    for name, qs in ((NAME, rows), (REVERSE, back)):
        if len(qs) < MIN_QUERIES:
            raise DataError(f"{name}: {len(qs)} queries; at least {MIN_QUERIES} are needed")
    not_zh = [r["source"] for r in rows if _han(r["text"]) < 4]
    if not_zh:
        raise DataError(f"{NAME}: renderings with fewer than 4 Chinese characters: {not_zh}")
    not_en = [r["source"] for r in back if _han(r["text"]) or not r["text"].isascii()]
    if not_en:
        raise DataError(f"{REVERSE}: renderings that are not plain English: {not_en}")
    out = write(root / NAME, rows, judged)
    out_back = write(root / REVERSE, back, back_judged)
    return [
        f"{NAME}: {len(rows)} queries, {len(judged)} judgements",
        f"wrote {out}",
        f"{REVERSE}: {len(back)} queries, {len(back_judged)} judgements",
        f"wrote {out_back}",
    ]


if __name__ == "__main__":
    raise SystemExit(main(build, None, "Validate and write the cross-lingual medical query sets."))
