"""Chinese medical retrieval slice (BEIR format, test split only) for data/medical_zh/.

All documents and queries were written by hand for this course (original text, Simplified
Chinese). Each query lists its relevant documents and 1-2 hand-picked hard negatives; every
phenomenon tag is used by at least 6 queries.
Run:  python data/_gen/medical_zh.py [--out ROOT]   (writes data/medical_zh/ or ROOT/medical_zh/; data/_gen/_builder.py validates and writes)
"""

from _builder import Dataset

D = Dataset("medical_zh", prefix="mzh", splits=("test",), max_negatives=2, min_per_tag=6)


D.topic("高血压")
D.doc("htn_dx", "高血压的诊断标准",
      "在未使用降压药物的情况下，非同日3次测量诊室血压，收缩压≥140 mmHg和/或舒张压≥90 mmHg，即可诊断为高血压。"
      "家庭自测血压的诊断界值较低，一般为≥135/85 mmHg。")
D.doc("htn_home", "家庭血压测量方法",
      "测量前应安静休息至少5分钟，30分钟内避免吸烟、饮用咖啡或剧烈运动。取坐位，上臂袖带与心脏处于同一水平，每次连续测量2至3遍，间隔1分钟，取平均值记录。")
D.doc("htn_salt", "高血压患者的限盐建议",
      "钠盐摄入过多是我国高血压的重要危险因素。建议成人每日食盐摄入量不超过5克，并注意酱油、咸菜和加工肉制品中的“隐形盐”。多吃新鲜蔬菜水果有助于补钾、降低血压。")
D.doc("htn_target", "降压目标值",
      "一般高血压患者血压应控制在140/90 mmHg以下，能耐受者以及合并糖尿病、慢性肾脏病的患者可进一步降至130/80 mmHg以下。"
      "80岁以上的高龄老人可先将收缩压控制在150 mmHg以下，耐受良好再逐步降低。")
D.doc("htn_acei_preg", "ACEI和ARB类降压药的妊娠禁忌",
      "血管紧张素转换酶抑制剂（如依那普利）和血管紧张素受体拮抗剂（如缬沙坦）可导致胎儿肾脏发育异常，妊娠期禁用。计划怀孕的高血压女性应提前在医生指导下换用拉贝洛尔、硝苯地平等药物。")
D.doc("htn_acei_cough", "ACEI类药物引起的干咳",
      "部分患者服用普利类降压药后出现持续性干咳，夜间较明显，与缓激肽蓄积有关。干咳不影响降压效果但常难以耐受，可在医生指导下改用沙坦类药物，停药后数日至数周内咳嗽多可消失。")
D.doc("htn_stop", "降压药能否自行停用",
      "高血压通常需要长期治疗，血压降至正常往往是药物作用的结果。自行停药可能导致血压反弹，甚至诱发心脑血管事件。如需减药或换药，应在医生评估后逐步调整。")
D.doc("htn_crisis", "高血压急症的识别",
      "血压显著升高（通常超过180/120 mmHg）并伴有剧烈头痛、胸痛、呼吸困难、视物模糊或肢体无力等靶器官损害表现时，属于高血压急症，应立即就医。"
      "不建议在家中自行加量服用短效降压药快速降压。")
D.doc("htn_white_coat", "白大衣高血压",
      "部分人在医院测量时血压升高，而在家中或24小时动态血压监测中血压正常，称为白大衣高血压。这类人群应定期复查动态血压并坚持健康生活方式，未必需要立即开始药物治疗。")
D.doc("htn_ccb_edema", "钙通道阻滞剂引起的踝部水肿",
      "氨氯地平、硝苯地平等二氢吡啶类钙通道阻滞剂常见的不良反应是双侧踝部水肿，与毛细血管前小动脉扩张有关，并非心力衰竭或肾病所致。"
      "利尿剂对这种水肿效果有限，可减量或联合ACEI/ARB以减轻。")
D.doc("htn_thiazide", "噻嗪类利尿剂的注意事项",
      "氢氯噻嗪、吲达帕胺等利尿剂是常用降压药，但可引起低血钾和血尿酸升高。痛风患者不宜使用噻嗪类利尿剂，用药期间应定期复查电解质。")
D.doc("htn_beta", "β受体阻滞剂不宜突然停药",
      "美托洛尔、比索洛尔等β受体阻滞剂长期服用后突然停药，可能引起心率加快、血压反跳，甚至诱发心绞痛。需要停药时应在医生指导下用1至2周逐渐减量。")
D.doc("htn_secondary", "年轻人高血压应排查继发性病因",
      "40岁以下发病、血压很高或联合多种药物仍难以控制的高血压，应警惕继发性高血压，如原发性醛固酮增多症、肾动脉狭窄、阻塞性睡眠呼吸暂停等，需要进一步检查血钾、肾素和醛固酮。")
D.query("test", "高血压的诊断标准是血压超过多少mmHg？", "numbers direct",
        pos=["htn_dx"], neg=["htn_target", "htn_white_coat"])
D.query("test", "在家自己量血压，量到多少就算高血压了", "lay_wording numbers hard_negative", pos=["htn_dx"], neg=["htn_home"])
D.query("test", "量血压之前需要注意哪些事项", "direct", pos=["htn_home"], neg=["htn_dx"])
D.query("test", "吃降压药以后一直干咳，晚上更厉害，怎么办", "lay_wording", pos=["htn_acei_cough"], neg=["htn_acei_preg"])
D.query("test", "怀孕期间哪些降压药是禁止使用的", "negation hard_negative",
        pos=["htn_acei_preg"], neg=["htn_acei_cough", "abx_preg"])
D.query("test", "血压降下来了是不是就可以不吃降压药了", "lay_wording negation", pos=["htn_stop"], neg=["htn_target"])
D.query("test", "吃了氨氯地平脚踝肿了，是不是心衰", "lay_wording hard_negative",
        pos=["htn_ccb_edema"], neg=["htn_acei_cough"])
D.query("test", "80岁的老人血压控制在多少比较合适", "numbers hard_negative", pos=["htn_target"], neg=["htn_dx"])
D.query("test", "高血压病人每天吃盐最多几克", "numbers direct", pos=["htn_salt"], neg=["htn_target"])
D.query("test", "血压180/120还头疼得厉害，要马上去医院吗", "numbers lay_wording", pos=["htn_crisis"], neg=["htn_dx"])
D.query("test", "一到医院量血压就高，在家量却正常，是怎么回事", "lay_wording hard_negative",
        pos=["htn_white_coat"], neg=["htn_home", "htn_dx"])
D.query("test", "倍他乐克能不能突然停掉", "lay_wording negation",
        pos=["htn_beta", "htn_stop"], neg=["resp_beta_blocker"])
D.query("test", "痛风病人能用氢氯噻嗪降压吗", "negation hard_negative",
        pos=["htn_thiazide"], neg=["gout_diet", "gout_acute"])

D.topic("糖尿病")
D.doc("dm_dx", "糖尿病的诊断标准",
      "有多饮、多尿、体重下降等典型症状，同时满足以下任一条即可诊断糖尿病：空腹血糖≥7.0 mmol/L，随机血糖≥11.1 mmol/L，口服葡萄糖耐量试验2小时血糖≥11.1 mmol/L，或糖化血红蛋白≥6.5%。"
      "无典型症状者需改日复查确认。")
D.doc("dm_prediabetes", "糖尿病前期",
      "空腹血糖在6.1至7.0 mmol/L之间称为空腹血糖受损，口服葡萄糖耐量试验2小时血糖在7.8至11.1 mmol/L之间称为糖耐量减低，二者统称糖尿病前期。"
      "减重5%至7%并每周进行150分钟中等强度运动，可明显降低进展为2型糖尿病的风险。")
D.doc("dm_hba1c_meaning", "糖化血红蛋白的临床意义",
      "糖化血红蛋白反映近2至3个月的平均血糖水平，不受单次进食影响，是评估长期血糖控制的主要指标。贫血、近期输血或血红蛋白病可影响其准确性。")
D.doc("dm_hba1c_target", "糖化血红蛋白的控制目标",
      "大多数成年2型糖尿病患者的糖化血红蛋白控制目标为低于7.0%。年轻、病程短、无并发症者可更严格（如低于6.5%），而高龄、反复低血糖或合并严重并发症者可放宽至低于8.0%。")
D.doc("dm_hba1c_freq", "糖化血红蛋白的复查频率",
      "血糖控制达标且稳定的患者，每6个月检测一次糖化血红蛋白即可；治疗方案调整或血糖未达标时，建议每3个月复查一次。")
D.doc("dm_metformin", "二甲双胍的常见不良反应",
      "二甲双胍是2型糖尿病的一线用药，单独使用一般不引起低血糖。常见不良反应为腹胀、腹泻等胃肠道反应，随餐服用、从小剂量开始或改用缓释剂型可以减轻。")
D.doc("dm_metformin_ci", "二甲双胍的禁忌证",
      "估算肾小球滤过率低于30 mL/min/1.73m²时禁用二甲双胍，在30至45之间不建议新启用，已在使用者需减量。"
      "严重肝功能不全、严重感染、缺氧或酗酒者也不宜使用，以免增加乳酸酸中毒风险。")
D.doc("dm_metformin_contrast", "二甲双胍与含碘造影剂",
      "进行含碘造影剂的增强CT或血管造影时，肾功能受损的患者应在检查前暂停二甲双胍，检查后48小时复查肾功能，确认稳定后再恢复用药。")
D.doc("dm_hypo", "低血糖的识别与处理",
      "对于接受药物治疗的糖尿病患者，血糖≤3.9 mmol/L即属于低血糖，可出现心慌、出汗、手抖和饥饿感。"
      "意识清醒者应立即口服15至20克葡萄糖或含糖饮料，15分钟后复测血糖，仍未恢复则重复一次。")
D.doc("dm_insulin_store", "胰岛素的保存",
      "未开封的胰岛素应放在2至8℃冰箱冷藏，切勿冷冻。已开封正在使用的胰岛素笔可在室温（不超过25至30℃）下保存，避免阳光直射，一般在4周内用完。")
D.doc("dm_insulin_site", "胰岛素注射部位轮换",
      "胰岛素可注射在腹部、大腿外侧、上臂外侧和臀部，应有规律地轮换注射部位，同一部位两次注射点间隔至少1厘米，以免形成皮下脂肪增生影响吸收。")
D.doc("dm_foot", "糖尿病足的预防",
      "糖尿病患者应每天检查双脚有无破损、水疱和颜色改变，洗脚前先用手肘或温度计试水温，避免烫伤。不要赤脚行走，不宜自行用刀片修剪鸡眼或老茧，应到正规医疗机构处理。")
D.doc("dm_eye", "糖尿病视网膜病变筛查",
      "2型糖尿病患者在确诊时就应进行首次眼底检查，此后至少每年复查一次。早期视网膜病变常无症状，定期筛查可以及时发现并进行激光或药物治疗。")
D.doc("dm_sglt2", "SGLT2抑制剂",
      "达格列净、恩格列净等钠-葡萄糖协同转运蛋白2抑制剂通过增加尿糖排泄降低血糖，同时具有心脏和肾脏保护作用，适用于合并心力衰竭或慢性肾脏病的2型糖尿病患者。"
      "常见不良反应是泌尿生殖道感染，需注意个人卫生。")
D.doc("dm_gdm", "妊娠期糖尿病的筛查与诊断",
      "孕24至28周应进行75克口服葡萄糖耐量试验。空腹、服糖后1小时、2小时血糖分别达到或超过5.1、10.0、8.5 mmol/L中的任何一项，即可诊断妊娠期糖尿病。")
D.doc("dm_diet", "糖尿病饮食原则",
      "糖尿病患者不需要完全不吃主食，关键是控制总热量，主食中增加全谷物和杂豆，少吃精米白面和含糖饮料。血糖控制平稳时，水果可在两餐之间适量食用，优先选择升糖指数较低的品种。")
D.doc("dm_exercise", "糖尿病患者的运动建议",
      "建议每周至少150分钟中等强度有氧运动，如快走、骑车，分布在至少3天。使用胰岛素或磺脲类药物者运动前后应监测血糖，随身携带糖果以防低血糖。")
D.doc("dm_dka", "糖尿病酮症酸中毒",
      "糖尿病酮症酸中毒多见于1型糖尿病或胰岛素治疗中断的患者，表现为明显口渴多尿、恶心呕吐、腹痛、呼吸深快且带烂苹果味，严重时出现意识障碍。这是急症，需立即到医院补液并静脉使用胰岛素。")
D.doc("dm_sick_day", "生病期间的血糖管理",
      "糖尿病患者感冒发热、进食减少时，基础胰岛素一般不能随意停用，因为应激状态下血糖反而容易升高。应增加血糖监测频率、多饮水，必要时在医生指导下调整剂量，出现持续呕吐时及时就医。")
D.doc("dm_t1", "1型糖尿病的治疗特点",
      "1型糖尿病由自身免疫破坏胰岛β细胞引起，多在儿童和青少年起病，患者胰岛素绝对缺乏，需要终身胰岛素治疗，不能用口服降糖药替代。")
D.doc("dm_su", "磺脲类药物与低血糖风险",
      "格列本脲、格列美脲等磺脲类药物通过促进胰岛素分泌降糖，低血糖风险较高，尤其见于老年人、肾功能不全或进食不规律者。老年患者应避免使用格列本脲等长效品种。")
D.doc("dm_glp1", "GLP-1受体激动剂",
      "利拉鲁肽、司美格鲁肽等胰高血糖素样肽-1受体激动剂为皮下注射药物，可降低血糖、减轻体重，并降低心血管事件风险。"
      "常见不良反应为恶心、呕吐，通常从小剂量开始逐渐加量；有甲状腺髓样癌病史或家族史者禁用。")
D.query("test", "空腹血糖达到多少可以诊断糖尿病", "numbers hard_negative", pos=["dm_dx"], neg=["dm_prediabetes", "dm_gdm"])
D.query("test", "空腹血糖6.5 mmol/L算不算糖尿病", "numbers hard_negative lay_wording",
        pos=["dm_prediabetes"], neg=["dm_dx"])
D.query("test", "HbA1c反映的是多长时间内的血糖水平", "abbreviation hard_negative",
        pos=["dm_hba1c_meaning"], neg=["dm_hba1c_target", "dm_hba1c_freq"])
D.query("test", "2型糖尿病患者HbA1c应该控制在多少以下", "abbreviation numbers hard_negative",
        pos=["dm_hba1c_target"], neg=["dm_hba1c_meaning", "dm_dx"])
D.query("test", "糖化多久复查一次", "lay_wording hard_negative", pos=["dm_hba1c_freq"], neg=["dm_hba1c_target"])
D.query("test", "eGFR低于30还能继续吃二甲双胍吗", "abbreviation negation numbers hard_negative",
        pos=["dm_metformin_ci"], neg=["dm_metformin", "dm_metformin_contrast"])
D.query("test", "吃二甲双胍老是拉肚子正常吗", "lay_wording hard_negative", pos=["dm_metformin"], neg=["dm_metformin_ci"])
D.query("test", "做增强CT之前需要停用二甲双胍吗", "direct hard_negative",
        pos=["dm_metformin_contrast"], neg=["dm_metformin_ci", "ckd_contrast"])
D.query("test", "血糖低于多少算低血糖，应该怎么处理", "numbers direct", pos=["dm_hypo"], neg=["dm_su", "dm_exercise"])
D.query("test", "已经开封在用的胰岛素笔还要放冰箱吗", "lay_wording hard_negative",
        pos=["dm_insulin_store"], neg=["dm_insulin_site"])
D.query("test", "得了糖尿病还能不能吃水果", "lay_wording direct", pos=["dm_diet"], neg=["dm_exercise"])
D.query("test", "孕妇OGTT诊断妊娠糖尿病的血糖切点", "abbreviation numbers hard_negative",
        pos=["dm_gdm"], neg=["dm_dx", "dm_prediabetes"])
D.query("test", "糖尿病人多久查一次眼底", "direct", pos=["dm_eye"], neg=["dm_hba1c_freq"])
D.query("test", "糖尿病人脚上长了鸡眼，能不能自己拿刀片修", "lay_wording negation", pos=["dm_foot"], neg=["dm_eye"])
D.query("test", "DKA有哪些表现", "abbreviation", pos=["dm_dka"], neg=["dm_hypo"])
D.query("test", "感冒发烧吃不下饭，胰岛素还要接着打吗", "lay_wording", pos=["dm_sick_day"], neg=["dm_hypo", "dm_t1"])
D.query("test", "老人吃格列本脲容易低血糖吗", "direct hard_negative", pos=["dm_su"], neg=["dm_hypo"])

D.topic("心肌梗死")
D.doc("mi_symptom", "急性心肌梗死的典型症状",
      "急性心肌梗死常表现为胸骨后压榨性疼痛或闷痛，持续超过20分钟，休息或含服硝酸甘油不能缓解，可放射至左肩、左臂或下颌，常伴大汗、恶心和濒死感。")
D.doc("mi_atypical", "心肌梗死的不典型表现",
      "女性、老年人和糖尿病患者发生心肌梗死时可能没有明显胸痛，仅表现为上腹痛、气短、乏力或恶心，容易被误认为胃病而延误就诊。")
D.doc("mi_firstaid", "疑似急性心肌梗死的院前处理",
      "怀疑急性心肌梗死时应立即拨打120，保持安静，避免自行走动或驾车去医院。若无过敏和活动性出血，可在医生或急救人员指导下嚼服阿司匹林150至300毫克。")
D.doc("mi_nitro", "硝酸甘油的使用注意事项",
      "心绞痛发作时可舌下含服硝酸甘油0.5毫克，5分钟不缓解可重复，最多3次；仍不缓解应考虑心肌梗死并立即就医。"
      "收缩压低于90 mmHg或24小时内服用过西地那非等磷酸二酯酶5抑制剂者禁用硝酸甘油。")
D.doc("mi_troponin", "心肌肌钙蛋白检测",
      "心肌肌钙蛋白是诊断心肌梗死最敏感和特异的血液标志物，心肌损伤后数小时开始升高。首次结果正常不能完全排除诊断，通常需在1至3小时后复查以观察动态变化。")
D.doc("mi_pci", "急诊介入治疗的时间要求",
      "对于ST段抬高型心肌梗死，推荐尽早进行直接经皮冠状动脉介入治疗，从首次医疗接触到导丝通过梗死相关血管的时间一般要求控制在90分钟以内。发病12小时内的患者从再灌注治疗中获益最大。")
D.doc("mi_dapt", "支架术后的双联抗血小板治疗",
      "急性冠脉综合征或植入冠状动脉支架后，一般需要阿司匹林联合氯吡格雷或替格瑞洛双联抗血小板治疗12个月，出血风险高者可缩短疗程。擅自停药可能导致支架内血栓。")
D.doc("mi_rehab", "心肌梗死后的康复运动",
      "心肌梗死患者病情稳定后应在专业评估下参加心脏康复，从低强度步行开始，逐步增加运动量。规范的康复运动可改善心功能，降低再次住院和死亡风险。")
D.doc("mi_statin", "心肌梗死后的降脂治疗",
      "心肌梗死患者无论基线血脂高低，都应长期服用他汀类药物，将低密度脂蛋白胆固醇降至1.4 mmol/L以下，且较基线降低50%以上；单用他汀不达标时可联合依折麦布。")
D.doc("mi_sex", "心肌梗死后恢复性生活",
      "心肌梗死后如果病情稳定，能够轻松爬两层楼梯而无胸痛气短，一般可在1至2周后恢复性生活。正在使用硝酸酯类药物者不能同时服用西地那非等治疗勃起功能障碍的药物，否则可能引起严重低血压。")
D.doc("mi_ecg", "心电图在心肌梗死诊断中的作用",
      "胸痛患者应在首次医疗接触后10分钟内完成12导联心电图。相邻导联出现ST段抬高时提示ST段抬高型心肌梗死，需要立即启动再灌注治疗；但心电图正常也不能完全排除心肌梗死。")
D.doc("mi_smoke", "心肌梗死后戒烟",
      "吸烟是冠心病最重要的可控危险因素之一，心肌梗死后继续吸烟会显著增加再梗死和死亡风险。患者应彻底戒烟并避免二手烟，必要时可借助戒烟门诊和戒烟药物。")
D.query("test", "心梗发作时有什么症状", "lay_wording direct", pos=["mi_symptom", "mi_atypical"], neg=["mi_troponin"])
D.query("test", "为什么女性的MI容易被漏诊", "abbreviation hard_negative", pos=["mi_atypical"], neg=["mi_symptom"])
D.query("test", "怀疑心梗时在家能先吃阿司匹林吗，吃多少", "lay_wording numbers", pos=["mi_firstaid"], neg=["mi_dapt"])
D.query("test", "吃了伟哥以后还能含硝酸甘油吗", "lay_wording negation", pos=["mi_nitro", "mi_sex"], neg=["mi_firstaid"])
D.query("test", "STEMI急诊PCI要求在多少分钟内开通血管", "abbreviation numbers hard_negative",
        pos=["mi_pci"], neg=["mi_ecg", "mi_dapt"])
D.query("test", "放了支架以后两种抗血小板的药要吃多久", "lay_wording hard_negative",
        pos=["mi_dapt"], neg=["mi_pci", "mi_statin"])
D.query("test", "第一次查肌钙蛋白正常，能排除心梗吗", "negation hard_negative",
        pos=["mi_troponin"], neg=["mi_symptom", "mi_ecg"])
D.query("test", "心肌梗死后LDL-C要降到多少", "abbreviation numbers hard_negative", pos=["mi_statin"], neg=["lip_ldl"])

D.topic("慢性肾脏病")
D.doc("ckd_def", "慢性肾脏病的定义",
      "肾脏结构或功能异常持续超过3个月即可诊断慢性肾脏病，例如估算肾小球滤过率低于60 mL/min/1.73m²，或尿白蛋白/肌酐比值≥30 mg/g。")
D.doc("ckd_stage", "慢性肾脏病的分期",
      "慢性肾脏病根据肾小球滤过率分为5期：1期≥90，2期60至89，3a期45至59，3b期30至44，4期15至29，5期低于15（单位为mL/min/1.73m²）。"
      "5期即肾衰竭，通常需要透析或肾移植。")
D.doc("ckd_egfr", "血肌酐与估算肾小球滤过率",
      "估算肾小球滤过率是根据血肌酐并结合年龄、性别通过公式计算得出的，比单看血肌酐更能反映肾功能。肌肉量少的老年人血肌酐可能在“正常范围”，但实际肾功能已经明显下降。")
D.doc("ckd_nsaid", "慢性肾脏病患者慎用止痛药",
      "布洛芬、双氯芬酸等非甾体抗炎药可减少肾脏血流，慢性肾脏病患者长期或大剂量使用可能加重肾损伤，应尽量避免，必要时在医生指导下短期使用。对乙酰氨基酚在常规剂量下相对安全。")
D.doc("ckd_protein", "慢性肾脏病的蛋白质摄入",
      "未透析的慢性肾脏病3至5期患者一般建议低蛋白饮食，每日蛋白质约0.6至0.8克/千克体重，并以鸡蛋、牛奶、瘦肉等优质蛋白为主。开始透析后蛋白质需求反而增加，应按营养师建议调整。")
D.doc("ckd_potassium", "慢性肾脏病的高钾风险",
      "肾功能下降后排钾能力减弱，血钾超过5.5 mmol/L时可引起心律失常。晚期慢性肾脏病患者应限制香蕉、橙子、土豆等高钾食物，蔬菜可先切后焯水以减少钾含量。")
D.doc("ckd_anemia", "肾性贫血",
      "慢性肾脏病患者肾脏产生的促红细胞生成素减少，可出现贫血，表现为乏力、面色苍白。治疗包括补充铁剂和使用促红细胞生成素，血红蛋白目标通常为110至130 g/L。")
D.doc("ckd_bp", "慢性肾脏病的降压药物选择",
      "伴有蛋白尿的慢性肾脏病患者首选ACEI或ARB类降压药，它们除降压外还能减少尿蛋白、延缓肾功能恶化。开始用药后1至2周内应复查血肌酐和血钾。")
D.doc("ckd_contrast", "造影剂肾病的预防",
      "肾功能不全患者接受含碘造影剂检查后，可能出现急性肾损伤。检查前后适当水化、使用最小剂量造影剂并暂停肾毒性药物，可降低风险。")
D.doc("ckd_dialysis", "何时开始透析",
      "慢性肾脏病5期患者出现难以纠正的高血钾、代谢性酸中毒、容量负荷过重或明显尿毒症症状时，需要开始透析。"
      "肾小球滤过率接近15 mL/min/1.73m²时就应提前准备血管通路或腹膜透析置管。")
D.doc("ckd_diabetic", "糖尿病肾病的筛查",
      "2型糖尿病患者确诊后应每年检查尿白蛋白/肌酐比值和估算肾小球滤过率。尿白蛋白/肌酐比值在30至300 mg/g之间为中度增加，超过300 mg/g为重度增加。")
D.doc("ckd_phos", "慢性肾脏病的高磷血症",
      "慢性肾脏病晚期血磷升高可导致血管钙化和肾性骨病。应限制加工食品、可乐等含磷添加剂的食物，必要时随餐服用磷结合剂。")
D.query("test", "CKD分期是按照什么指标划分的", "abbreviation direct", pos=["ckd_stage"], neg=["ckd_def"])
D.query("test", "血肌酐正常是不是说明肾功能没问题", "negation lay_wording", pos=["ckd_egfr"], neg=["ckd_stage"])
D.query("test", "慢性肾病病人能吃布洛芬止痛吗", "negation hard_negative", pos=["ckd_nsaid"], neg=["pf_ibuprofen"])
D.query("test", "肾不好的人每天能吃多少蛋白质", "lay_wording numbers", pos=["ckd_protein"], neg=["ckd_potassium"])
D.query("test", "肾功能差为什么要少吃香蕉", "lay_wording hard_negative",
        pos=["ckd_potassium"], neg=["ckd_protein", "ckd_phos"])
D.query("test", "有蛋白尿的CKD患者首选哪类降压药", "abbreviation", pos=["ckd_bp"], neg=["htn_target"])
D.query("test", "尿ACR超过多少算异常", "abbreviation numbers", pos=["ckd_def", "ckd_diabetic"], neg=["ckd_stage"])

D.topic("抗生素")
D.doc("abx_cold", "普通感冒需要用抗生素吗",
      "普通感冒绝大多数由病毒引起，抗生素对病毒无效，不能缩短病程，反而可能带来腹泻、过敏和细菌耐药。只有明确合并细菌感染，如化脓性扁桃体炎、细菌性鼻窦炎时，才需要使用抗生素。")
D.doc("abx_course", "抗生素应按疗程使用",
      "抗生素应按照医嘱的剂量和疗程服用，不要因为症状好转就自行停药，也不要随意延长疗程或把剩余药物留给家人使用。")
D.doc("abx_resistance", "细菌耐药的危害",
      "不合理使用抗生素会筛选出耐药菌，使原本有效的药物失效。不自行购买和服用抗生素、在畜牧养殖中规范用药，是减缓细菌耐药的重要措施。")
D.doc("abx_pen_allergy", "青霉素过敏与头孢菌素交叉过敏",
      "对青霉素有过敏史的患者应避免使用阿莫西林等青霉素类药物，部分人对头孢菌素也可能存在交叉过敏。曾发生过敏性休克等严重反应者，一般也应避免使用头孢菌素，就诊时应主动告知医生过敏史。")
D.doc("abx_alcohol", "头孢类抗生素与饮酒",
      "使用头孢哌酮、头孢曲松等部分头孢类抗生素期间及停药后7天内应避免饮酒，也不宜使用含酒精的药物或食物，否则可能发生双硫仑样反应，出现面部潮红、心慌、血压下降，严重时危及生命。"
      "甲硝唑也有类似风险。")
D.doc("abx_quinolone_child", "喹诺酮类药物的儿童禁忌",
      "左氧氟沙星、莫西沙星等喹诺酮类抗菌药可能影响软骨发育，18岁以下儿童和青少年一般不宜使用，孕妇及哺乳期妇女也应避免。老年人使用时需警惕肌腱炎和肌腱断裂。")
D.doc("abx_amox_child", "儿童阿莫西林的剂量",
      "儿童急性中耳炎或链球菌咽炎常用阿莫西林，常规剂量为每日每千克体重40至50毫克，分2至3次口服；耐药风险高时可增至每日80至90毫克/千克。具体剂量应由医生根据体重计算。")
D.doc("abx_diarrhea", "抗生素相关性腹泻",
      "使用抗生素后出现腹泻较为常见，多数轻微，停药后可缓解。若出现频繁水样便、发热、腹痛，需警惕艰难梭菌感染，应及时就医，而不是自行服用止泻药。")
D.doc("abx_probiotic", "益生菌与抗生素同服",
      "益生菌多为活菌制剂，与抗生素同时服用时可能被杀灭，一般建议两者间隔2小时以上服用。布拉氏酵母菌等真菌类益生菌受抗生素影响较小。")
D.doc("abx_uti", "女性急性单纯性膀胱炎的治疗",
      "非妊娠女性的急性单纯性膀胱炎常用呋喃妥因口服5天，或磷霉素氨丁三醇单次口服3克治疗。多饮水、不憋尿有助于预防复发。")
D.doc("abx_skin", "青霉素皮试",
      "使用青霉素类注射剂前需进行皮肤过敏试验，皮试阳性者不能使用。停药超过3天后再次使用或更换批号时，一般需要重新皮试。")
D.doc("abx_tetra", "四环素类药物的儿童禁忌",
      "四环素、多西环素等药物可沉积在牙齿和骨骼中，导致牙齿黄染和釉质发育不良，8岁以下儿童一般不宜使用，孕妇和哺乳期妇女也应避免。")
D.doc("abx_preg", "孕期相对安全的抗生素",
      "孕妇确需使用抗生素时，青霉素类（如阿莫西林）和头孢菌素类通常被认为相对安全。氨基糖苷类、喹诺酮类和四环素类在孕期应避免使用。")
D.query("test", "感冒了要不要吃消炎药", "lay_wording", pos=["abx_cold"], neg=["abx_course"])
D.query("test", "吃头孢期间能喝酒吗", "negation lay_wording", pos=["abx_alcohol"], neg=["abx_pen_allergy"])
D.query("test", "孩子能用左氧氟沙星吗", "negation hard_negative",
        pos=["abx_quinolone_child"], neg=["abx_amox_child", "abx_tetra"])
D.query("test", "对青霉素过敏的人还能用头孢吗", "negation hard_negative", pos=["abx_pen_allergy"], neg=["abx_skin"])
D.query("test", "儿童阿莫西林每公斤体重每天用多少毫克", "numbers hard_negative",
        pos=["abx_amox_child"], neg=["pf_paracetamol", "abx_quinolone_child"])
D.query("test", "症状好了，抗生素能不能提前停", "lay_wording direct", pos=["abx_course"], neg=["abx_resistance"])
D.query("test", "吃了抗生素以后一直拉水样便，还发烧", "lay_wording", pos=["abx_diarrhea"], neg=["abx_probiotic"])

D.topic("疫苗接种")
D.doc("vac_flu", "流感疫苗需要每年接种",
      "流感病毒容易变异，疫苗株每年更新，接种后的保护力也会随时间下降，因此建议每年接种一次流感疫苗，最好在流感季来临前的9至10月完成。6月龄以上、无禁忌的人群均可接种。")
D.doc("vac_flu_priority", "流感疫苗的优先接种人群",
      "60岁以上老人、6月龄至5岁儿童、孕妇、慢性病患者和医务人员感染流感后更容易发生重症，应优先接种流感疫苗。")
D.doc("vac_ci", "疫苗接种的禁忌与暂缓接种",
      "对疫苗中任何成分曾发生严重过敏反应者，不应再次接种同种疫苗。正处于急性发热或慢性病急性发作期时应暂缓接种，待病情好转后补种。免疫功能严重低下者和孕妇一般不宜接种减毒活疫苗。")
D.doc("vac_reaction", "接种疫苗后的常见反应",
      "接种后可能出现注射部位红肿、疼痛或低热，一般在1至3天内自行消退。体温超过38.5℃或持续不退、出现皮疹或呼吸困难时应及时就医。接种后应在接种点留观30分钟。")
D.doc("vac_hepb", "乙肝疫苗的接种程序",
      "乙肝疫苗全程接种3剂，按照0、1、6个月的程序接种，即第1剂后间隔1个月和6个月分别接种第2、3剂。"
      "新生儿应在出生后24小时内尽早接种第1剂，母亲乙肝表面抗原阳性的新生儿还需同时注射乙肝免疫球蛋白。")
D.doc("vac_hpv", "人乳头瘤病毒疫苗的接种年龄",
      "人乳头瘤病毒疫苗可预防宫颈癌，9至14岁女孩在首次性生活前接种效果最好。已有性生活或超过推荐年龄的女性接种仍有一定保护作用，但接种后仍需定期进行宫颈癌筛查。")
D.doc("vac_pneumo", "老年人接种肺炎球菌疫苗",
      "65岁以上老年人以及患有慢性心肺疾病、糖尿病的人群，建议接种23价肺炎球菌多糖疫苗，以降低肺炎球菌引起的肺炎、菌血症等侵袭性疾病风险。")
D.doc("vac_preg", "孕期接种疫苗",
      "孕妇可以接种流感灭活疫苗，既保护自身，也能为出生后数月内的婴儿提供一定保护。麻疹、风疹、水痘等减毒活疫苗孕期禁止接种，接种这类疫苗后至少1个月内应避免怀孕。")
D.doc("vac_rabies", "狂犬病暴露后的处置",
      "被猫狗咬伤或抓伤后，应立即用肥皂水和流动清水交替冲洗伤口约15分钟，然后尽快接种狂犬病疫苗。三级暴露（如咬伤出血）者还需在伤口周围浸润注射狂犬病被动免疫制剂。")
D.doc("vac_delay", "错过接种时间后的补种",
      "如果因生病等原因错过了规定的接种时间，一般不需要重新开始全程接种，只需尽快补种剩余剂次，已接种的剂次仍然有效。")
D.doc("vac_mmr", "麻腮风疫苗的接种程序",
      "我国儿童在8月龄和18月龄各接种1剂麻疹-腮腺炎-风疹联合减毒活疫苗。对鸡蛋过敏一般不是接种麻腮风疫苗的禁忌。")
D.doc("vac_tetanus", "外伤后的破伤风预防",
      "伤口较深或被泥土、铁锈污染时有感染破伤风的风险。既往未完成全程免疫，或末次加强免疫已超过5至10年者，需根据伤口情况接种破伤风疫苗，必要时注射破伤风免疫球蛋白。")
D.query("test", "流感疫苗为什么每年都要打", "lay_wording direct", pos=["vac_flu"], neg=["vac_flu_priority"])
D.query("test", "哪些情况下不能接种疫苗", "negation direct", pos=["vac_ci"], neg=["vac_reaction"])
D.query("test", "打完疫苗发烧到38.5度，需要去医院吗", "numbers hard_negative lay_wording",
        pos=["vac_reaction"], neg=["pf_threshold"])
D.query("test", "乙肝疫苗0-1-6程序是什么意思", "numbers direct", pos=["vac_hepb"], neg=["vac_delay"])
D.query("test", "孕妇可以打哪些疫苗", "hard_negative", pos=["vac_preg"], neg=["vac_mmr"])
D.query("test", "HPV疫苗几岁接种效果最好", "abbreviation numbers", pos=["vac_hpv"], neg=["vac_ci"])
D.query("test", "疫苗错过了时间，是不是要从头重新打", "lay_wording", pos=["vac_delay"], neg=["vac_hepb"])
D.query("test", "被狗咬了以后应该怎么处理", "lay_wording direct", pos=["vac_rabies"], neg=["vac_tetanus"])

D.topic("儿童发热")
D.doc("pf_threshold", "儿童什么时候使用退热药",
      "儿童体温≥38.5℃，或虽未达到该温度但明显精神不佳、哭闹不适时，可以使用退热药。退热的目的是改善孩子的舒适度，而不是把体温降到正常。")
D.doc("pf_paracetamol", "对乙酰氨基酚的儿童剂量",
      "对乙酰氨基酚可用于3月龄以上儿童退热，每次10至15毫克/千克体重，两次用药间隔不少于4至6小时，24小时内不超过4次。应按体重而不是年龄计算剂量。")
D.doc("pf_ibuprofen", "布洛芬的儿童用法",
      "布洛芬适用于6月龄以上儿童，每次5至10毫克/千克体重，间隔6至8小时可重复一次，24小时内不超过4次。脱水、频繁呕吐的儿童应慎用，以免加重肾损伤。")
D.doc("pf_alternate", "退热药能否交替使用",
      "不推荐将对乙酰氨基酚和布洛芬常规交替或联合使用，这样容易造成剂量混乱和用药过量。一种药物按规定剂量使用后效果不佳时，应咨询医生。")
D.doc("pf_aspirin", "儿童不宜用阿司匹林退热",
      "16岁以下儿童发热，尤其是在流感或水痘期间，不宜使用阿司匹林退热，因为可能诱发瑞氏综合征，导致严重的肝损害和脑病。")
D.doc("pf_cooling", "物理降温的误区",
      "不建议给发热儿童用酒精擦浴，酒精可经皮肤吸收引起中毒，也不宜用冰水擦身或捂被子发汗。适当减少衣物、多喝水即可；温水擦浴可作为辅助，孩子感到不适时应停止。")
D.doc("pf_infant", "3月龄以下婴儿发热需立即就医",
      "3月龄以下的婴儿体温≥38℃就应尽快就医，因为这个年龄段发热可能提示严重细菌感染，且症状常不典型。不要自行给小婴儿使用退热药。")
D.doc("pf_seizure", "热性惊厥的家庭处理",
      "热性惊厥多见于6月龄至5岁儿童。发作时应让孩子侧卧，松开衣领，保持呼吸道通畅，不要往嘴里塞东西或强行按压肢体。发作超过5分钟或反复发作时应立即拨打120。")
D.doc("pf_warning", "儿童发热的危险信号",
      "发热儿童出现精神萎靡、嗜睡难以唤醒、呼吸急促、压之不褪色的皮疹、颈部僵硬或持续呕吐时，提示可能存在严重感染，应立即就医。发热超过3天不退也应就诊。")
D.doc("pf_measure", "儿童体温的测量",
      "腋温测量需夹紧5分钟左右，正常腋温一般在36至37℃之间。耳温和额温测量方便，但受环境和操作影响较大，读数可疑时应以腋温或肛温复核。")
D.doc("pf_dehyd", "发热儿童的补液",
      "发热时呼吸加快、出汗增多，孩子容易脱水。应少量多次喂水或口服补液盐，并观察尿量；若6至8小时无尿、哭时无泪、口唇干燥，需及时就医。")
D.doc("pf_hfmd", "手足口病",
      "手足口病多见于5岁以下儿童，表现为发热以及手、足、口腔和臀部的疱疹。多数病例1周左右自愈；若出现持续高热、精神差、肢体抖动或呼吸急促，需警惕重症，应立即就医。")
D.query("test", "孩子发烧到多少度需要吃退烧药", "lay_wording numbers hard_negative",
        pos=["pf_threshold"], neg=["pf_paracetamol", "pf_warning"])
D.query("test", "对乙酰氨基酚儿童每次每公斤体重用多少毫克", "numbers hard_negative", pos=["pf_paracetamol"], neg=["pf_ibuprofen"])
D.query("test", "美林和泰诺林可以交替着吃吗", "lay_wording", pos=["pf_alternate"], neg=["pf_ibuprofen"])
D.query("test", "小孩发烧能不能吃阿司匹林", "negation", pos=["pf_aspirin"], neg=["pf_paracetamol"])
D.query("test", "宝宝发烧用酒精擦身体可以吗", "negation lay_wording", pos=["pf_cooling"], neg=["pf_threshold"])
D.query("test", "两个月大的宝宝发烧38度怎么办", "numbers lay_wording hard_negative",
        pos=["pf_infant"], neg=["pf_threshold", "pf_warning"])
D.query("test", "孩子高烧抽搐该怎么办", "lay_wording", pos=["pf_seizure"], neg=["pf_warning"])
D.query("test", "6个月以下的婴儿能用布洛芬退烧吗", "negation numbers hard_negative",
        pos=["pf_ibuprofen"], neg=["pf_paracetamol"])

D.topic("血脂与他汀")
D.doc("lip_ldl", "低密度脂蛋白胆固醇的控制目标",
      "低密度脂蛋白胆固醇俗称“坏胆固醇”，是动脉粥样硬化的主要致病因素。"
      "一般人群宜低于3.4 mmol/L，合并糖尿病等高危因素者宜低于2.6 mmol/L，已确诊冠心病等动脉粥样硬化性心血管疾病者目标更为严格。")
D.doc("lip_statin_muscle", "他汀类药物的肌肉不良反应",
      "服用他汀后少数人会出现肌肉酸痛或无力，如伴有肌酸激酶明显升高或尿色变深，需警惕横纹肌溶解，应立即停药就医。轻度肌痛可在医生指导下换用其他他汀或减量。")
D.doc("lip_statin_time", "他汀类药物的服用时间",
      "辛伐他汀等短效他汀宜在晚上服用，因为胆固醇合成在夜间较活跃；阿托伐他汀、瑞舒伐他汀半衰期较长，一天中任何固定时间服用均可。")
D.doc("lip_statin_liver", "他汀类药物与肝功能",
      "他汀治疗初期可出现转氨酶轻度升高，一般无需停药。转氨酶超过正常上限3倍时应减量或停药。活动性肝病患者和孕妇禁用他汀。")
D.doc("lip_tg", "甘油三酯升高的处理",
      "甘油三酯轻中度升高主要与饮食、饮酒和肥胖有关，首选控制体重、限酒、减少精制碳水化合物。甘油三酯超过5.6 mmol/L时急性胰腺炎风险明显增加，需积极药物治疗。")
D.doc("lip_grapefruit", "他汀与西柚汁",
      "辛伐他汀、洛伐他汀、阿托伐他汀主要经肝脏CYP3A4酶代谢，大量饮用西柚汁可使血药浓度升高，增加肌病风险。瑞舒伐他汀和普伐他汀受影响较小。")

D.topic("脑卒中")
D.doc("str_fast", "快速识别脑卒中",
      "可用“中风120”快速识别脑卒中：“1”看脸是否口角歪斜，“2”查两只手臂平举时是否一侧无力，“0”聆听说话是否口齿不清。出现任何一项都应立即拨打120，并记下发病时间。")
D.doc("str_tpa", "急性缺血性脑卒中的静脉溶栓",
      "急性缺血性脑卒中患者在发病4.5小时内可进行静脉溶栓治疗，越早获益越大。近期有颅内出血、严重活动性出血或血压极高且未能控制者不宜溶栓。")
D.doc("str_tia", "短暂性脑缺血发作",
      "短暂性脑缺血发作表现为突发一侧肢体无力或言语障碍，通常在1小时内完全恢复，常被称为“小中风”。虽然症状消失，但短期内发生脑梗死的风险很高，应尽快就医评估。")
D.doc("str_af", "心房颤动与脑卒中预防",
      "心房颤动患者心房内易形成血栓，血栓脱落可导致脑栓塞。根据CHA2DS2-VASc评分，高风险患者需长期口服抗凝药，如华法林或新型口服抗凝药。")

D.topic("抗凝")
D.doc("ac_inr", "华法林的国际标准化比值监测",
      "服用华法林需定期检测国际标准化比值，多数适应证的目标范围为2.0至3.0。剂量调整期需每周检测，稳定后可每4周左右检测一次。")
D.doc("ac_vitk", "华法林与饮食",
      "菠菜、西兰花等绿叶蔬菜富含维生素K，会减弱华法林的抗凝作用。服药期间不必刻意忌口，但应保持绿叶菜摄入量相对稳定，避免突然大量增减。")
D.doc("ac_noac", "新型口服抗凝药的特点",
      "利伐沙班、达比加群等新型口服抗凝药无需常规监测国际标准化比值，与食物相互作用少。但严重肾功能不全者需减量或避免使用，机械心脏瓣膜置换术后患者禁用。")
D.doc("ac_bleed", "抗凝治疗期间的出血信号",
      "服用抗凝药期间出现黑便、呕血、尿呈红色或剧烈头痛时，提示可能发生严重出血，应立即就医。拔牙或手术前需告知医生正在使用抗凝药。")
D.doc("ac_missed", "抗凝药漏服的处理",
      "每日一次服用利伐沙班者如漏服，当天想起时应尽快补服，次日按原计划服用，不要一天内服用双倍剂量。华法林漏服如到第二天才想起，应直接跳过，不要补服，并在下次复查时告知医生。")
D.query("test", "INR目标范围是多少", "abbreviation numbers", pos=["ac_inr"], neg=["ac_noac"])
D.query("test", "吃华法林的人能不能吃菠菜", "lay_wording hard_negative", pos=["ac_vitk"], neg=["ac_inr"])
D.query("test", "利伐沙班漏吃了一次怎么办", "lay_wording hard_negative", pos=["ac_missed"], neg=["ac_noac"])

D.topic("甲状腺")
D.doc("thy_lt4", "左甲状腺素的服用方法",
      "左甲状腺素钠片应在早晨空腹服用，服药后30至60分钟再进食。钙剂、铁剂和豆浆应与其间隔4小时以上，以免影响吸收。")
D.doc("thy_tsh", "甲状腺功能减退症的实验室诊断",
      "血清促甲状腺激素升高、游离甲状腺素降低提示原发性甲状腺功能减退症。若仅促甲状腺激素升高而游离甲状腺素正常，称为亚临床甲状腺功能减退症。")
D.doc("thy_preg", "妊娠期甲状腺功能减退症",
      "妊娠期甲状腺激素需求增加，已确诊甲减的女性怀孕后左甲状腺素剂量通常需要增加约20%至30%，并每4周左右复查甲状腺功能。")

D.topic("呼吸")
D.doc("resp_ics_rinse", "吸入性糖皮质激素使用后漱口",
      "使用布地奈德、氟替卡松等吸入性糖皮质激素后应及时用清水漱口并吐掉，以减少口腔念珠菌感染和声音嘶哑。")
D.doc("resp_saba", "哮喘急性症状的缓解药物",
      "沙丁胺醇等短效β2受体激动剂吸入后数分钟起效，用于缓解哮喘急性症状。如果每周需要使用缓解药超过2次，说明哮喘控制不佳，应就医调整长期控制药物。")
D.doc("resp_copd_dx", "慢性阻塞性肺疾病的诊断",
      "慢性阻塞性肺疾病的诊断依赖肺功能检查，吸入支气管扩张剂后第一秒用力呼气容积与用力肺活量之比小于0.70，提示存在持续气流受限。40岁以上长期吸烟者应定期进行肺功能检查。")
D.doc("resp_beta_blocker", "哮喘患者慎用β受体阻滞剂",
      "普萘洛尔等非选择性β受体阻滞剂可诱发支气管痉挛，哮喘患者禁用。确需使用时，应在医生评估下选择高选择性β1受体阻滞剂并从小剂量开始。")

D.topic("痛风")
D.doc("gout_acute", "痛风急性发作的治疗",
      "痛风急性发作时应尽早使用秋水仙碱、非甾体抗炎药或糖皮质激素控制炎症，秋水仙碱宜采用小剂量方案，以减少腹泻等不良反应。发作前已在服用的降尿酸药物一般不需要停用。")
D.doc("gout_target", "血尿酸的控制目标",
      "痛风患者接受降尿酸治疗时，血尿酸应长期控制在360 μmol/L以下，有痛风石或频繁发作者应低于300 μmol/L。")
D.doc("gout_diet", "痛风患者的饮食",
      "痛风患者应限制动物内脏、浓肉汤和部分海鲜等高嘌呤食物，避免饮用啤酒和含果糖饮料，每日饮水2000毫升以上。")

D.topic("其他")
D.doc("osteo_bisphos", "阿仑膦酸钠的正确服用方法",
      "阿仑膦酸钠应在早晨空腹时用200毫升左右白开水送服，服药后至少30分钟内保持上身直立，不能躺下，也不要进食或服用其他药物，以减少对食管的刺激。")
D.doc("osteo_cad", "钙剂和维生素D的补充",
      "骨质疏松患者每日需要约1000至1200毫克元素钙，饮食不足的部分可用钙剂补充，同时补充维生素D以促进钙吸收。单纯补钙不能替代抗骨质疏松药物治疗。")
D.doc("ppi_long", "质子泵抑制剂的长期使用",
      "奥美拉唑等质子泵抑制剂是治疗胃食管反流病和消化性溃疡的常用药，但长期使用可能增加骨折、低镁血症和肠道感染风险。症状控制后应在医生评估下减量或改为按需服用。")

# ---------------------------------------------------------------- 脑卒中 (continued)
D.topic("脑卒中")
D.query("test", "TIA症状已经消失了，还需要去医院吗", "abbreviation", pos=["str_tia"], neg=["str_fast"])
D.query("test", "脑梗溶栓要在发病后几小时以内", "lay_wording numbers", pos=["str_tpa"], neg=["str_fast"])

# ---------------------------------------------------------------- 甲状腺 (continued)
D.topic("甲状腺")
D.query("test", "优甲乐能和钙片一起吃吗", "lay_wording negation", pos=["thy_lt4"], neg=["thy_preg"])

# ---------------------------------------------------------------- 呼吸 (continued)
D.topic("呼吸")
D.query("test", "用完吸入激素为什么要漱口", "direct", pos=["resp_ics_rinse"], neg=["resp_saba"])
D.query("test", "哮喘病人能吃普萘洛尔吗", "negation", pos=["resp_beta_blocker"], neg=["htn_beta"])

# ---------------------------------------------------------------- 痛风 (continued)
D.topic("痛风")
D.query("test", "痛风患者血尿酸要控制在多少", "numbers direct", pos=["gout_target"], neg=["gout_diet"])

# ---------------------------------------------------------------- 呼吸 (continued)
D.topic("呼吸")
D.query("test", "COPD怎么确诊", "abbreviation", pos=["resp_copd_dx"], neg=["resp_saba"])

# ---------------------------------------------------------------- 其他 (continued)
D.topic("其他")
D.query("test", "阿仑膦酸钠应该怎么吃", "direct", pos=["osteo_bisphos"], neg=["osteo_cad"])

# ---------------------------------------------------------------- 血脂与他汀 (continued)
D.topic("血脂与他汀")
D.query("test", "吃他汀后浑身肌肉疼要停药吗", "lay_wording hard_negative",
        pos=["lip_statin_muscle"], neg=["lip_statin_liver"])

if __name__ == "__main__":
    raise SystemExit(D.main())
