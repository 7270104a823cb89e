"""Wording for the synthetic dyspnea corpus (``medlabel.core.demo.dyspnea``).

The generator decides *what* a report says (which findings, which value of each variable); this file
holds *how* it is said. ``PHRASES`` maps a key such as ``hpi.onset.sudden`` to the ways of writing it;
templates are ``str.format`` strings filled from one slot dictionary per report (``{He}``, ``{bnp}``,
...). The bank is plain text, one template a line (short ones share a line, split at `` | ``), so
that the wording can grow without the formatter turning every alternative into three lines of code.

Wording is shared across classes on purpose: "crackles", "effusion", "heparin", "furosemide",
"antibiotics", "CTPA" and "COPD" each occur in reports of every principal diagnosis, negated or not.
"""

from __future__ import annotations


def _bank(text: str) -> dict[str, tuple[str, ...]]:
    bank: dict[str, list[str]] = {}
    key = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            key = line[1:-1]
            bank[key] = []
        elif line:
            bank[key].extend(part.strip() for part in line.split(" | "))
    return {k: tuple(v) for k, v in bank.items()}


# Section key -> (full headings, abbreviated headings). "PE:" for physical exam is a real habit.
HEADINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cc": (("CHIEF COMPLAINT", "REASON FOR ADMISSION", "PRESENTING COMPLAINT"), ("CC",)),
    "hpi": (("HISTORY OF PRESENT ILLNESS", "HISTORY OF THE PRESENT ILLNESS"), ("HPI",)),
    "pmh": (("PAST MEDICAL HISTORY", "PAST HISTORY"), ("PMH", "PMHx")),
    "social": (("SOCIAL HISTORY",), ("SH", "SOC HX")),
    "exam": (("PHYSICAL EXAMINATION", "EXAM ON ADMISSION"), ("PE", "EXAM")),
    "labs": (("LABORATORY DATA", "LABS ON ADMISSION", "PERTINENT RESULTS"), ("LABS",)),
    "imaging": (("IMAGING", "RADIOLOGY", "STUDIES"), ("IMG", "RAD")),
    "course": (("HOSPITAL COURSE", "SUMMARY OF HOSPITAL COURSE"), ("HOSP COURSE",)),
    "meds": (("DISCHARGE MEDICATIONS", "MEDICATIONS ON DISCHARGE"), ("D/C MEDS",)),
    "followup": (("FOLLOW-UP", "FOLLOW UP", "DISPOSITION AND FOLLOW-UP"), ("F/U",)),
}

SURNAMES = (
    "Abernathy Bellamy Castellano Delacroix Eriksen Fairweather Galloway Halvorsen Ingram Jablonski "
    "Kearney Lindgren Marchetti Nakashima Oyelaran Pennington Quintero Rasmussen Sorensen Thibodeaux "
    "Underhill Valdivia Whitcombe Yilmaz Zielinski Ashdown Brightwell Corrigan Dunmore Eastwood"
).split()
ATTENDINGS = (
    "Adeyemi Baranski Cavanagh Dorsey Elvin Fontaine Grieve Holloway Imrie Juarez Kuznetsova Lachance "
    "Mbeki Northcott Ostrowski Prentice Quayle Rutherford Szabo Trevino"
).split()

# Anticoagulant -> (long-term line, line when started for a new clot); one drug per patient.
ANTICOAG: dict[str, tuple[str, str]] = {
    "apixaban": ("apixaban 5 mg twice daily", "apixaban 10 mg twice daily for 7 days, then 5 mg twice daily"),
    "rivaroxaban": (
        "rivaroxaban 20 mg daily with dinner",
        "rivaroxaban 15 mg twice daily with food for 21 days, then 20 mg daily",
    ),
    "warfarin": (
        "warfarin, dose per INR",
        "warfarin, goal INR 2-3, with enoxaparin bridge until therapeutic",
    ),
}

# Numbers a report may quote, one draw per report: "name low high" (decimals as in ``low``),
# "name low high /step" or "name = choice ...".
NUMBERS = """
days 2 6 | weeks 2 6 | hours 8 14 | day 2 4 | pillows 3 4 | kg 2 6 | jvp 10 16 | quit 1 20 | vte_y 3 15
sbp 96 168 | dbp 52 96 | rr 18 32 | spo2 89 97 | spo2_low 80 91 | spo2_end 91 97 | o2 1 4 | o2_ed 2 6
o2_end 1 3 | tmax 38.2 39.8 | fev1 25 65 | bmi 36 48 | cr_base 1.4 2.2 | glargine 12 40 | pred_days 2 4
abx_days 2 5 | abx_stop 1 2 | bnp 780 3400 | bnp_mild 140 560 | bnp_low 18 90 | ntbnp 3000 21000
ntbnp_mild 450 1800 | ntbnp_low 40 280 | ddimer 1.1 7.5 | ddimer_low 0.20 0.45 | pct 0.6 11.0
pct_low 0.03 0.09 | wbc 5.0 10.5 | wbc_high 12.0 22.0 | neut 82 93 | trop 22 110 | trop_low 3 12
ph_low 7.22 7.33 | ph_high 7.45 7.51 | ph_norm 7.37 7.43 | pco2_high 52 79 | pco2_low 26 33 | pco2_norm 36 44
po2 52 72 | pasp 38 65 | na 128 143 | k 3.4 5.3 | bun 12 58 | cr 0.7 2.4 | hgb 9.1 15.2 | plt 140 420
lactate 0.8 3.6 | rvlv 1.0 1.6 | inr 1.8 3.1 | net 2.5 7.5 | ef 15 40 /5 | ef_pres 50 65 /5 | ef_old 20 40 /5
pk 20 80 /5 | enox 60 100 /10 | ppd = 1/2 1 1.5 2 | gold = 2 3 4 | lasix = 20 40 80 | lasix_iv = 40 60 80
torsemide = 20 40 | coreg = 3.125 6.25 12.5 25 | toprol = 25 50 100 | lisinopril = 5 10 20
"""
PHRASES = _bank("""
[cc.none]
Shortness of breath. | Dyspnea. | Worsening shortness of breath. | Difficulty breathing.
[cc.cough]
Shortness of breath and cough. | Cough and dyspnea.
[cc.fever]
Shortness of breath and fevers. | Fever, dyspnea.
[cc.legs]
Shortness of breath and leg swelling. | Dyspnea, swollen legs.
[cc.chest]
Shortness of breath and chest pain. | Dyspnea and chest discomfort.
[cc.wheeze]
Shortness of breath, wheezing. | Wheezing and breathlessness.
[hpi.open]
{Mr} {surname} is {a_age}-year-old {man} with {pmh_a} and {pmh_b} who presents with {complaint}.
{a_Age}-year-old {man} with a history of {pmh_a} and {pmh_b}, admitted with {complaint}.
{Mr} {surname}, {a_age}-year-old {man} with {pmh_a} and {pmh_b}, came in with {complaint}.
{a_Age}-year-old {man} ({pmh_a}, {pmh_b}) referred by {his} PCP for {complaint}.
[hpi.onset.sudden]
Symptoms began abruptly {when_sudden}.
{He} was well until {when_sudden}, when {he} became suddenly short of breath.
[hpi.onset.hours]
Dyspnea developed over the course of the day before admission.
Breathlessness came on over about 12 hours.
[hpi.onset.days]
Dyspnea has been getting worse over the past {days} days.
{He} reports {days} days of progressive breathlessness.
[hpi.onset.weeks]
{He} describes {weeks} weeks of gradually increasing dyspnea, now at a few steps.
Exercise tolerance has fallen over {weeks} weeks from a mile to one block.
[hpi.cough.dry]
{He} has a dry cough, worse at night. | Non-productive cough.
[hpi.cough.sputum]
Cough is productive of thick yellow-green sputum. | {He} reports increased sputum volume and purulence.
Productive cough with rust-colored sputum.
[hpi.cough.denies]
No cough. | {He} denies cough or sputum.
[hpi.fever.yes]
{He} has had fevers to {tmax} with rigors. | Reports subjective fevers and chills at home.
[hpi.fever.denies]
Denies fever or chills. | No fevers.
[hpi.orthopnea.yes]
{He} now sleeps on {pillows} pillows and wakes up gasping at night.
Positive orthopnea and paroxysmal nocturnal dyspnea.
Has had to sleep sitting up in a recliner.
[hpi.orthopnea.denies]
Denies orthopnea or PND. | No orthopnea.
[hpi.legs.bilateral]
Both legs have been more swollen than usual. | Notes increased ankle swelling bilaterally.
[hpi.legs.unilateral]
{He} noticed pain and swelling in the {side} calf {days} days ago.
Reports a tender, swollen {side} leg for the past week.
[hpi.legs.denies]
No leg swelling. | Denies calf pain or leg swelling.
[hpi.chest.pleuritic]
{He} describes sharp {side}-sided chest pain that is worse with deep breaths.
Pleuritic chest pain on the {side}.
[hpi.chest.pressure]
Reports intermittent chest tightness with exertion. | Mild substernal pressure accompanied the dyspnea.
[hpi.chest.denies]
Denies chest pain. | No chest pain or palpitations.
[hpi.trigger.uri]
Symptoms started after a cold that {his} grandchildren brought home.
{He} had a viral upper respiratory infection {days} days before admission.
[hpi.trigger.diet]
{He} admits to eating salty food over the holidays and missing several doses of {his} water pill.
Ran out of furosemide about a week ago.
Reports poor adherence to {his} fluid restriction.
[hpi.trigger.immobile]
Of note, {he} underwent {surgery} {weeks} weeks ago.
{He} returned from a {hours}-hour flight {days} days before symptom onset.
{He} has been largely bedbound since a fall {weeks} weeks ago.
[hpi.inhaler]
{He} has been using {his} rescue inhaler every 2 hours without relief.
Home nebulizer use has increased to four times daily.
[hpi.weight]
Weight is up {kg} kg from {his} usual dry weight. | {He} reports a weight gain of {kg} kg over two weeks.
[hpi.syncope]
{He} had a brief episode of near-syncope while walking to the bathroom.
[hpi.hemoptysis]
Reports streaks of blood in the sputum.
[hpi.nh]
{He} was sent from {his} nursing facility with increased oxygen needs.
[hpi.ed]
In the ED, {he} was hypoxic to {spo2_low}% on room air and placed on {o2_ed} L nasal cannula.
In the emergency department saturation was {spo2_low}% on room air; {he} was started on supplemental oxygen.
ED course notable for tachypnea and an oxygen saturation of {spo2_low}%.
[social.smoker]
Former smoker, {pk} pack-years, quit {quit} years ago. | Current smoker, {ppd} packs per day.
{pk} pack-year history, still smoking.
[social.never]
Never smoker. | No tobacco use.
[social.living]
Lives with {his} {spouse}. | Lives alone; independent in ADLs. | Retired {job}.
[social.facility]
Resides in a long-term care facility. | Nursing home resident; needs help with ADLs.
[social.alcohol]
Drinks socially. | No alcohol or drug use. | Occasional wine.
[exam.vitals]
T {temp} C, HR {hr}, BP {sbp}/{dbp}, RR {rr}, SpO2 {spo2}% on {o2} L.
VS: T {temp}, P {hr}, BP {sbp}/{dbp}, RR {rr}, {spo2}% on {o2} L.
[exam.temp.febrile]
Febrile to {tmax} in the ED.
[exam.temp.afebrile]
Afebrile.
[exam.general]
Appears uncomfortable, speaking in short sentences. | In mild respiratory distress.
Alert, tachypneic, in no acute distress at rest.
[exam.lungs.bibasal]
Lungs: crackles at both bases. | Bibasilar rales to mid-lung fields.
[exam.lungs.focal]
Crackles over the {side} lower lobe. | Lungs with rhonchi and crackles at the {side} base.
[exam.lungs.wheeze]
Diffuse expiratory wheezes. | Lungs: wheezing throughout with prolonged expiration.
[exam.lungs.mixed]
Scattered wheezes and fine crackles at the bases.
Coarse breath sounds with wheezes and basilar crackles.
[exam.lungs.diminished]
Markedly diminished breath sounds with a prolonged expiratory phase.
Poor air movement bilaterally.
[exam.lungs.clear]
Lungs clear to auscultation bilaterally. | Chest clear, no wheezes or crackles.
[exam.lungs.bronchial]
Bronchial breath sounds and dullness to percussion at the {side} base.
Egophony over the {side} lower lung field.
[exam.jvp.elevated]
JVP elevated to the angle of the jaw. | JVP {jvp} cm above the sternal angle.
[exam.jvp.normal]
JVP not elevated. | No JVD.
[exam.edema.bilateral]
2+ pitting edema to the knees bilaterally. | Bilateral lower extremity edema.
[exam.edema.unilateral]
{side_cap} calf swollen and tender compared with the other side.
Asymmetric leg swelling, {side} greater than other.
[exam.edema.none]
No peripheral edema. | Extremities warm, no edema.
[exam.extra.s3]
S3 gallop present. | Heart: S3 gallop, no murmur.
[exam.extra.accessory]
Using accessory muscles, pursed-lip breathing. | Tripoding, with use of accessory muscles.
[exam.heart]
Heart regular, no murmurs. | Tachycardic, regular rhythm.
[labs.bnp.high]
BNP {bnp} pg/mL. | BNP elevated at {bnp}. | NT-proBNP {ntbnp} pg/mL, markedly elevated.
[labs.bnp.mild]
BNP {bnp_mild}, mildly elevated. | NT-proBNP {ntbnp_mild}.
[labs.bnp.normal]
BNP {bnp_low}, not elevated. | NT-proBNP {ntbnp_low} (normal).
[labs.ddimer.high]
D-dimer {ddimer} mg/L FEU (elevated). | D-dimer positive at {ddimer}.
[labs.ddimer.normal]
D-dimer {ddimer_low}, negative. | D-dimer within normal limits.
[labs.pct.high]
Procalcitonin {pct} ng/mL. | Procalcitonin elevated at {pct}.
[labs.pct.low]
Procalcitonin {pct_low}, low. | Procalcitonin <0.1.
[labs.wbc.high]
WBC {wbc_high} with {neut}% neutrophils. | Leukocytosis to {wbc_high}.
[labs.wbc.normal]
WBC {wbc}. | White count {wbc}, normal differential.
[labs.trop.mild]
High-sensitivity troponin {trop} ng/L, flat on repeat.
Troponin mildly elevated at {trop}, no dynamic change.
[labs.trop.normal]
Troponin negative x2. | hs-troponin {trop_low} ng/L.
[labs.abg.hypercapnia]
ABG {ph_low}/{pco2_high}/{po2}.
Arterial blood gas: pH {ph_low}, pCO2 {pco2_high}, pO2 {po2}.
VBG with pH {ph_low} and pCO2 {pco2_high}.
[labs.abg.hypocapnia]
ABG {ph_high}/{pco2_low}/{po2} on room air.
Arterial gas showed pH {ph_high}, pCO2 {pco2_low}, pO2 {po2}.
[labs.abg.normal]
ABG {ph_norm}/{pco2_norm}/{po2}.
[labs.chem]
Na {na}, K {k}, creatinine {cr}. | Sodium {na}, potassium {k}, BUN {bun}, creatinine {cr}.
[labs.cbc]
Hemoglobin {hgb}, platelets {plt}. | Hb {hgb}.
[labs.lactate]
Lactate {lactate}.
[imaging.cxr.congestion]
CXR: cardiomegaly with pulmonary vascular congestion and small bilateral effusions.
Chest x-ray showed interstitial edema and Kerley B lines.
Chest radiograph: enlarged cardiac silhouette, cephalization, bilateral pleural effusions.
[imaging.cxr.infiltrate]
CXR: {side} lower lobe consolidation.
Chest x-ray with a new {side} basilar opacity concerning for infiltrate.
Chest radiograph showed patchy airspace disease in the {side} lung.
[imaging.cxr.hyperinflation]
CXR: hyperinflated lungs with flattened diaphragms, no focal consolidation.
Chest x-ray showed hyperinflation and no infiltrate.
[imaging.cxr.atelectasis]
CXR: {side} basilar atelectasis and a small effusion.
Chest x-ray with linear atelectasis at the {side} base, otherwise unremarkable.
[imaging.cxr.clear]
CXR: no acute cardiopulmonary process. | Chest x-ray clear, no infiltrate or edema.
Chest radiograph unremarkable.
[imaging.cxr.emphysema]
Background emphysematous changes. | Chronic hyperinflation unchanged from prior.
[imaging.ct.pos]
CTPA: filling defects in the {side} lower lobe segmental and subsegmental arteries.
CT pulmonary angiogram showed bilateral segmental emboli; RV/LV ratio {rvlv}.
CTA chest: acute thrombus in the {side} main and lobar pulmonary arteries.
[imaging.ct.neg]
CTPA: no pulmonary embolism. | CT pulmonary angiogram negative for PE.
CTA chest without filling defects.
[imaging.ct.consolidation]
CTPA negative for PE; dense consolidation in the {side} lower lobe with air bronchograms.
CT pulmonary angiogram: no filling defect, multifocal ground-glass and consolidative opacities.
[imaging.ct.vq_high]
V/Q scan: high probability for pulmonary embolism.
Ventilation-perfusion scan showed multiple mismatched perfusion defects.
[imaging.ct.vq_low]
V/Q scan low probability.
[imaging.echo.reduced]
TTE: LVEF {ef}%, global hypokinesis, moderate mitral regurgitation.
Echocardiogram showed a dilated LV with EF {ef}%.
[imaging.echo.preserved]
Echo: EF {ef_pres}%, grade II diastolic dysfunction, biatrial enlargement.
TTE with preserved EF and elevated filling pressures.
[imaging.echo.rv]
Echo: RV dilated and hypokinetic, septal flattening, estimated PASP {pasp} mmHg.
TTE showed RV dilation with McConnell sign, LVEF {ef_pres}%.
[imaging.echo.normal]
TTE: normal biventricular size and function, LVEF {ef_pres}%.
Echo unremarkable.
[imaging.doppler.dvt]
Lower extremity duplex: occlusive thrombus in the {side} popliteal vein.
Venous Doppler positive for {side} femoral DVT.
[imaging.doppler.neg]
Bilateral lower extremity duplex negative for DVT.
[imaging.ecg]
ECG: sinus tachycardia, no acute ST changes. | ECG: atrial fibrillation, rate {hr}.
ECG with right bundle branch block and S1Q3T3 pattern. | ECG: sinus rhythm, low voltage.
ECG: sinus rhythm, left ventricular hypertrophy.
[course.open]
{He} was admitted to the medicine service on {o2} L of oxygen.
{He} was admitted to the step-down unit for monitoring.
Admitted to telemetry.
[course.diuretic]
{He} was diuresed with IV furosemide {lasix_iv} mg twice daily, net negative {net} L over the stay.
Received IV furosemide with good urine output; weight fell by {kg} kg.
{He} was given IV furosemide with improvement in oxygenation.
[course.diuretic_minor]
{He} received a single dose of IV furosemide for crackles after fluid resuscitation.
Home diuretic was continued; one extra dose of IV furosemide was given.
[course.abx]
{He} was started on ceftriaxone and azithromycin.
Treated with IV piperacillin-tazobactam, narrowed to oral therapy after {days} days.
Antibiotics: ceftriaxone and doxycycline, then oral step-down.
[course.abx_empiric]
Empirical antibiotics were started in the ED and stopped after {abx_stop} days when cultures were negative.
Ceftriaxone was given once in the ED, then discontinued as procalcitonin was low.
{He} was started on azithromycin given increased sputum purulence.
[course.steroid]
{He} received prednisone 40 mg daily. | Treated with IV methylprednisolone, then oral prednisone.
Systemic steroids were started.
[course.nebs]
Nebulized albuterol and ipratropium were given every 4 hours, then spaced.
{He} received scheduled DuoNebs.
Bronchodilators were given as needed for wheeze.
[course.anticoag]
{He} was started on a heparin infusion and transitioned to {doac}.
Therapeutic enoxaparin was started and {he} was transitioned to {doac}.
A heparin drip was started in the ED; {he} was switched to {doac} on day {day}.
[course.new_af]
New atrial fibrillation was noted on telemetry and rate controlled with metoprolol.
{He} went into atrial fibrillation on day {day}; diltiazem was started for rate control.
[course.heparin_empiric]
A heparin infusion was started empirically and stopped once the CTPA was read as negative.
{He} received one therapeutic dose of enoxaparin in the ED pending imaging.
[course.af_anticoag]
Home {doac} for atrial fibrillation was continued. | {Doac} was continued for AF.
[course.prophylaxis]
DVT prophylaxis with subcutaneous heparin. | Enoxaparin 40 mg daily for VTE prophylaxis.
[course.niv]
{He} required BiPAP for the first night for work of breathing.
Briefly needed noninvasive ventilation.
[course.lysis]
Given RV strain and hypotension, {he} received systemic thrombolysis with alteplase.
[course.ruled_out]
PE was considered, but CTPA was negative.
Pulmonary embolism was considered given the tachycardia, but CT angiogram showed no clot.
A PE work-up was negative.
[course.ddimer_out]
PE was felt unlikely with a negative D-dimer.
[course.outside_imaging]
CT angiogram done at the referring hospital was reviewed on admission.
Outside imaging was reviewed with radiology.
[course.hedge.HEART FAILURE]
The picture was felt to be driven largely by volume overload.
Dyspnea was thought to be mainly cardiac in origin.
[course.hedge.COPD EXACERBATION]
Symptoms were thought to reflect worsening airflow obstruction, possibly triggered by a viral illness.
Bronchospasm was felt to be the main problem.
[course.hedge.PNEUMONIA]
An infectious process was felt to be the most likely driver.
Presentation was felt to fit a lower respiratory tract infection.
[course.hedge.PULMONARY EMBOLISM]
A thromboembolic cause was felt to best explain the presentation.
Findings were felt to be most consistent with a clot burden in the lungs.
[course.initially.HEART FAILURE]
{He} was initially treated for possible decompensated heart failure.
[course.initially.COPD EXACERBATION]
{He} was initially treated for a possible COPD flare.
[course.initially.PNEUMONIA]
{He} was initially covered for possible pneumonia.
[course.initially.PULMONARY EMBOLISM]
Initial concern was for pulmonary embolism.
[course.differential]
Differential on admission included heart failure, COPD exacerbation, pneumonia and pulmonary embolism.
Initial differential was broad: volume overload, infection, bronchospasm and thromboembolism.
[course.end]
Oxygen was weaned to room air and {he} ambulated with saturations of {spo2_end}%.
Oxygen need fell to {o2_end} L; home oxygen was arranged.
Symptoms improved and {he} was discharged {home} in stable condition.
By day {day} {he} felt back to baseline.
Physical therapy cleared {him} for discharge {home}.
[followup.pcp]
Follow up with primary care, Dr. {pcp}, in 1 week. | See PCP within 7 days.
[followup.hf]
Heart failure clinic in 1-2 weeks.
Daily weights; call if weight rises by more than 1 kg in a day or 2 kg in a week.
2 g sodium diet and 1.5 L fluid restriction.
[followup.labs]
BMP in one week to check potassium and creatinine. | CBC and BMP with the PCP in one week.
Repeat labs in 1 week.
[followup.pulm]
Pulmonology clinic in 4 weeks. | Pulmonary function tests as an outpatient.
Pulmonary rehabilitation referral placed.
[followup.cxr]
Repeat chest x-ray in 6-8 weeks to document resolution.
[followup.anticoag]
Anticoagulation clinic in 1 week.
Continue anticoagulation for at least 3 months, then reassess.
[followup.onc]
Hematology/oncology follow-up as scheduled. | Age-appropriate cancer screening to be completed by PCP.
[followup.smoking]
Counseled on smoking cessation; nicotine patch prescribed.
[followup.vaccine]
Pneumococcal and influenza vaccines given before discharge.
[followup.echo]
Repeat echocardiogram in 3 months.
[followup.return]
Return to the ED for worsening shortness of breath, chest pain or fever.
Return precautions reviewed.
[history.copd]
COPD | COPD (GOLD {gold}), on home oxygen {o2} L | COPD (FEV1 {fev1}% predicted) | emphysema
chronic obstructive pulmonary disease | chronic bronchitis
[history.hf]
heart failure with reduced ejection fraction (EF {ef_old}%) | HFpEF | chronic systolic heart failure
congestive heart failure | ischemic cardiomyopathy | diastolic heart failure
[history.af]
atrial fibrillation on {doac} | paroxysmal atrial fibrillation | persistent AF
[history.cad]
coronary artery disease s/p PCI | CAD s/p CABG | coronary artery disease
[history.cancer]
metastatic pancreatic cancer | breast cancer on tamoxifen | prostate cancer
colon cancer on chemotherapy | non-small cell lung cancer | multiple myeloma
[history.vte]
prior DVT | provoked DVT {vte_y} years ago, treated for 3 months | prior pulmonary embolism
[history.htn]
hypertension | HTN
[history.dm]
type 2 diabetes | diabetes mellitus type 2 on insulin | DM2
[history.ckd]
CKD stage 3 | chronic kidney disease (baseline creatinine {cr_base})
[history.osa]
obstructive sleep apnea on CPAP | OSA
[history.obesity]
obesity (BMI {bmi}) | morbid obesity
[history.dementia]
dementia | Alzheimer dementia, nursing home resident
[history.other]
hyperlipidemia | GERD | hypothyroidism | osteoarthritis | gout | depression
benign prostatic hyperplasia | anemia of chronic disease | peripheral neuropathy | s/p cholecystectomy
[meds.copd]
tiotropium 18 mcg inhaled daily | fluticasone-salmeterol 250/50 one puff twice daily
budesonide-formoterol 160/4.5 two puffs twice daily | umeclidinium-vilanterol one inhalation daily
[meds.prn_albuterol]
albuterol inhaler 2 puffs every 4-6 hours as needed | albuterol nebulizer as needed
[meds.hf]
furosemide {lasix} mg daily | torsemide {torsemide} mg daily | bumetanide 1 mg daily
[meds.hf_gdmt]
carvedilol {coreg} mg twice daily | metoprolol succinate {toprol} mg daily
sacubitril-valsartan 24/26 mg twice daily | lisinopril {lisinopril} mg daily | spironolactone 25 mg daily
empagliflozin 10 mg daily | dapagliflozin 10 mg daily
[meds.af_rate]
diltiazem ER 180 mg daily | metoprolol tartrate 25 mg twice daily | digoxin 0.125 mg daily
[meds.cad]
aspirin 81 mg daily | atorvastatin 40 mg daily | clopidogrel 75 mg daily
[meds.htn]
amlodipine 5 mg daily | losartan 50 mg daily | hydrochlorothiazide 25 mg daily
[meds.dm]
metformin 1000 mg twice daily | insulin glargine {glargine} units at bedtime
[meds.other]
omeprazole 20 mg daily | levothyroxine 75 mcg daily | sertraline 50 mg daily
acetaminophen 650 mg every 6 hours as needed | vitamin D3 1000 units daily | tamsulosin 0.4 mg daily
allopurinol 100 mg daily
[meds.new_diuretic]
furosemide {lasix} mg twice daily (increased) | torsemide {torsemide} mg daily (new)
[meds.new_gdmt]
spironolactone 25 mg daily (new)
empagliflozin 10 mg daily (new)
sacubitril-valsartan 24/26 mg twice daily (new, replaces lisinopril)
metoprolol succinate {toprol} mg daily (dose increased)
[meds.steroid]
prednisone 40 mg daily for {pred_days} more days | prednisone taper as instructed
[meds.new_inhaler]
tiotropium 18 mcg inhaled daily (new) | budesonide-formoterol two puffs twice daily (new)
[meds.oral_abx]
amoxicillin-clavulanate 875 mg twice daily for {abx_days} more days
cefpodoxime 200 mg twice daily for {abx_days} more days
levofloxacin 750 mg daily for {abx_days} more days
doxycycline 100 mg twice daily for {abx_days} more days
azithromycin 250 mg daily for {abx_days} more days
[surgeries]
a total knee replacement | hip surgery | a laparoscopic colectomy | spine surgery
[jobs]
teacher | electrician | nurse | truck driver | accountant | farmer | machinist | secretary
[when_sudden]
this morning while getting dressed | yesterday evening | while climbing stairs
on the morning of admission
[complaints]
shortness of breath | worsening dyspnea | increasing breathlessness | dyspnea | difficulty breathing
acute hypoxemic respiratory failure
""")
