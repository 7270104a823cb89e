"""Template data for the synthetic smoking-status corpus (``medlabel.core.demo.smoking``).

Templates are ``str.format`` strings; the generator fills them from one slot dictionary per note, so a
template may use any subset of the slots (``{He}``, ``{his}``, ``{pk}``, ``{quit_year}``, ...).
Kept apart from the generator so that the wording can grow without burying the logic.

The smoking families are written so that one keyword never settles the class: "quit" and "former"
occur in CURRENT notes (recent quit), "denies"/"does not smoke" in PAST notes, "smokes" in notes about
a relative, and "months ago"/"years ago"/"quit" in unrelated history in every class.
"""

from __future__ import annotations

# Section key -> (full headings, abbreviated headings). The generator picks one style per note.
HEADINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cc": (("CHIEF COMPLAINT", "REASON FOR ADMISSION"), ("CC",)),
    "hpi": (("HISTORY OF PRESENT ILLNESS", "HISTORY OF THE PRESENT ILLNESS"), ("HPI",)),
    "pmh": (("PAST MEDICAL HISTORY",), ("PMH", "PMHx")),
    "meds": (("MEDICATIONS ON ADMISSION", "MEDICATIONS", "HOME MEDICATIONS"), ("MEDS",)),
    "discharge_meds": (("DISCHARGE MEDICATIONS",), ("D/C MEDS",)),
    "allergies": (("ALLERGIES",), ("ALL",)),
    "social": (("SOCIAL HISTORY",), ("SH", "SOC HX")),
    "family": (("FAMILY HISTORY",), ("FH", "FAM HX")),
    "exam": (("PHYSICAL EXAMINATION", "PHYSICAL EXAM", "EXAM ON ADMISSION"), ("PE",)),
    "labs": (("LABORATORY DATA", "PERTINENT LABS", "LABS"), ("LABS",)),
    "exam_labs": (("PHYSICAL EXAM/LABS",), ("PE/LABS",)),
    "course": (("HOSPITAL COURSE",), ("HOSP COURSE",)),
    "assessment": (("ASSESSMENT", "IMPRESSION", "DISCHARGE DIAGNOSES"), ("A",)),
    "plan": (("PLAN", "DISPOSITION", "DISCHARGE INSTRUCTIONS"), ("P", "DISPO")),
    "assessment_plan": (("ASSESSMENT AND PLAN",), ("A/P",)),
}

PATIENT_SURNAMES = (
    "Miller",
    "Johnson",
    "Rossi",
    "Brennan",
    "Walsh",
    "Dubois",
    "Park",
    "Novak",
    "Hughes",
    "Carter",
    "Silva",
    "Kim",
    "Murphy",
    "Anderson",
    "Baker",
    "Costa",
    "Levine",
    "Ward",
)
DOCTORS = (
    "Patel",
    "Nguyen",
    "O'Brien",
    "Kowalski",
    "Haddad",
    "Lindqvist",
    "Okafor",
    "Schmidt",
    "Ramirez",
    "Chen",
    "Goldberg",
    "Moreau",
    "Iyer",
    "Fitzgerald",
    "Tanaka",
    "Abbott",
)

# One scenario per admission reason: chief complaint, HPI core, principal diagnosis, course.
SCENARIOS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "Cardiology": (
        (
            "Chest pain.",
            "presented with {dur} of substernal chest pressure radiating to the left arm, with diaphoresis.",
            "Non-ST-elevation myocardial infarction",
            "Troponin peaked at {trop}. Catheterization showed a {sten}% stenosis of the {artery}, treated "
            "with a drug-eluting stent. Clopidogrel was added and {he} remained pain free.",
        ),
        (
            "Shortness of breath.",
            "reports {dur} of progressive dyspnea on exertion, orthopnea and a {wt} lb weight gain.",
            "Acute on chronic systolic heart failure",
            "{He} was diuresed with IV furosemide, net negative {liters} L. Echocardiogram showed an EF of "
            "{ef}%. Lisinopril was uptitrated and {he} returned to dry weight.",
        ),
        (
            "Palpitations.",
            "noted a racing heartbeat for {dur}; ECG in the ED showed atrial fibrillation at a rate of {hr_af}.",
            "Atrial fibrillation with rapid ventricular response",
            "Rate was controlled with a diltiazem drip and then oral metoprolol. CHA2DS2-VASc was {chads}, "
            "so {he} was started on apixaban 5 mg bid.",
        ),
        (
            "Syncope.",
            "lost consciousness briefly while standing at church, without incontinence or tongue biting.",
            "Syncope, likely orthostatic",
            "Telemetry showed no arrhythmia. Echo was unremarkable. Orthostatic vitals were positive and "
            "improved with IV fluids; hydrochlorothiazide was stopped.",
        ),
    ),
    "General Medicine": (
        (
            "Fever and cough.",
            "presents with {dur} of productive cough, fevers to {tmax} and pleuritic chest pain.",
            "Community-acquired pneumonia",
            "Chest x-ray showed a right lower lobe infiltrate. {He} was treated with ceftriaxone and "
            "azithromycin, defervesced within 48 hours and was switched to oral levofloxacin.",
        ),
        (
            "Leg redness and swelling.",
            "noticed a painful, warm, red left shin {dur} ago, now spreading despite oral cephalexin.",
            "Cellulitis of the left lower extremity",
            "{He} received IV vancomycin; erythema receded within the marked borders. Duplex was negative "
            "for DVT. Discharged on oral doxycycline.",
        ),
        (
            "Confusion and fever.",
            "was brought in by family after {dur} of confusion, dysuria and fever to {tmax}.",
            "Urosepsis",
            "Blood and urine cultures grew E. coli. {He} was treated with IV ceftriaxone and fluids with "
            "resolution of the delirium, and completed therapy with oral ciprofloxacin.",
        ),
        (
            "High blood sugar.",
            "reports {dur} of polyuria, polydipsia and fatigue after running out of insulin.",
            "Hyperglycemia, uncontrolled type 2 diabetes mellitus",
            "Glucose on arrival was {glu_high}. {He} was treated with an insulin drip, transitioned to basal "
            "bolus insulin and seen by the diabetes educator. A1c was {a1c}%.",
        ),
    ),
    "Pulmonology": (
        (
            "Shortness of breath and wheezing.",
            "has had {dur} of increased sputum and dyspnea, using {his} albuterol inhaler every two hours.",
            "COPD exacerbation",
            "{He} was treated with nebulized albuterol and ipratropium, prednisone 40 mg and azithromycin. "
            "Oxygen was weaned to room air with saturations of {spo2}% at discharge.",
        ),
        (
            "Pleuritic chest pain.",
            "developed sudden pleuritic chest pain and dyspnea {dur} after a long car trip.",
            "Acute pulmonary embolism",
            "CT angiogram showed segmental emboli in the right lower lobe. {He} was started on enoxaparin "
            "and bridged to warfarin with a goal INR of 2-3.",
        ),
        (
            "Cough with blood-tinged sputum.",
            "reports {dur} of cough with streaks of blood and a {wt} lb weight loss.",
            "Right upper lobe lung mass, biopsy pending",
            "CT chest showed a 3.1 cm spiculated right upper lobe mass. Bronchoscopy with biopsy was done; "
            "pathology is pending at discharge and oncology will follow.",
        ),
    ),
    "Gastroenterology": (
        (
            "Black stools.",
            "reports {dur} of melena and lightheadedness while taking ibuprofen for back pain.",
            "Upper GI bleed from a duodenal ulcer",
            "Hemoglobin nadired at {hgb_low}; {he} received two units of packed red cells. EGD showed a "
            "clean-based duodenal ulcer. {He} was placed on a PPI and H. pylori serology was sent.",
        ),
        (
            "Abdominal pain.",
            "presented with {dur} of severe epigastric pain radiating to the back, with nausea and vomiting.",
            "Acute pancreatitis",
            "Lipase was {lipase}. Ultrasound showed gallstones without ductal dilation. {He} was managed with "
            "bowel rest and IV fluids, and general surgery will see {him} for cholecystectomy.",
        ),
        (
            "Right upper quadrant pain.",
            "has had {dur} of right upper quadrant pain after fatty meals, now constant with fever.",
            "Acute cholecystitis",
            "Ultrasound showed gallbladder wall thickening and a positive sonographic Murphy sign. {He} "
            "underwent laparoscopic cholecystectomy without complication.",
        ),
    ),
    "Nephrology": (
        (
            "Weakness and poor oral intake.",
            "reports {dur} of diarrhea and poor oral intake while continuing lisinopril and furosemide.",
            "Acute kidney injury, prerenal",
            "Creatinine was {cr_high} on admission from a baseline of 1.1. Lisinopril and furosemide were "
            "held and {he} received IV fluids; creatinine improved to {cr}.",
        ),
        (
            "Abnormal labs.",
            "was sent in by {his} nephrologist for a potassium of {k_high} on routine labs.",
            "Hyperkalemia in chronic kidney disease stage 4",
            "ECG showed peaked T waves. {He} received calcium gluconate, insulin with dextrose and "
            "patiromer; spironolactone was discontinued.",
        ),
    ),
    "Neurology": (
        (
            "Left-sided weakness.",
            "awoke with left arm and leg weakness and slurred speech; last known well was the prior evening.",
            "Acute ischemic stroke, right MCA territory",
            "MRI confirmed a right MCA infarct. {He} was outside the tPA window. Aspirin and atorvastatin "
            "were started, and physical therapy recommended acute rehab.",
        ),
        (
            "Seizure.",
            "had a witnessed generalized tonic-clonic seizure at home lasting about two minutes.",
            "Breakthrough seizure, subtherapeutic levetiracetam",
            "EEG showed no ongoing seizure activity. {He} admitted missing doses; levetiracetam was "
            "increased to 1000 mg bid.",
        ),
    ),
    "Orthopedics": (
        (
            "Right hip pain after a fall.",
            "tripped over a rug at home and was unable to bear weight on the right leg.",
            "Right femoral neck fracture",
            "{He} underwent right hip hemiarthroplasty on hospital day 2. Pain was controlled with oxycodone "
            "and {he} worked with physical therapy. DVT prophylaxis with enoxaparin.",
        ),
        (
            "Elective knee replacement.",
            "has end-stage osteoarthritis of the left knee, failed injections and physical therapy.",
            "Left knee osteoarthritis, status post total knee arthroplasty",
            "Surgery was uncomplicated. {He} was mobilized on postoperative day 1 and cleared by PT for home.",
        ),
    ),
    "Oncology": (
        (
            "Fever after chemotherapy.",
            "is day 10 after cycle {cycle} of chemotherapy for lymphoma and developed a fever to {tmax}.",
            "Neutropenic fever",
            "ANC was {anc}. {He} was started on cefepime; cultures remained negative. Counts recovered "
            "and {he} was discharged on oral ciprofloxacin and amoxicillin-clavulanate.",
        ),
    ),
}

HPI_OPENERS = (
    "{Mr} {surname} is {a_age}-year-old {man_woman} with {pmh_a} and {pmh_b} who",
    "This is {a_age} yo {man_woman} with a history of {pmh_a} and {pmh_b} who",
    "{age} y/o {sex} with PMH of {pmh_a}, {pmh_b}, who",
    "The patient is {a_age}-year-old {man_woman} with {pmh_a} who",
)

# Unrelated history with "quit", "stopped", "months ago", "years ago", so that these words carry no label.
HISTORY_REMARKS = (
    "Diabetes was diagnosed {ago_y} years ago.",
    "{He} had a drug-eluting stent placed {ago_m} months ago.",
    "A colonoscopy {ago_y} years ago was unremarkable.",
    "{He} stopped metformin {ago_w} weeks ago because of diarrhea.",
    "{He} quit taking aspirin {ago_m} months ago on {his} own.",
    "{He} was seen in clinic {ago_m} months ago for similar symptoms.",
    "{He} quit {his} job as {a_job} {ago_y} years ago.",
    "{He} had a similar episode {ago_y} years ago.",
    "An echo {ago_m} months ago showed an EF of {ef}%.",
    "{He} stopped {his} statin {ago_w} weeks prior to admission because of myalgias.",
    "Former marathon runner, quit running {ago_y} years ago because of knee pain.",
)

PMH_ITEMS = (
    "Hypertension",
    "Hyperlipidemia",
    "Type 2 diabetes mellitus",
    "Coronary artery disease s/p PCI",
    "Atrial fibrillation",
    "Congestive heart failure (EF {ef}%)",
    "Chronic kidney disease stage 3",
    "Hypothyroidism",
    "GERD",
    "Osteoarthritis",
    "Depression",
    "BPH",
    "Gout",
    "OSA on CPAP",
    "Asthma",
    "Prior CVA without residual deficits",
    "Iron deficiency anemia",
    "Peripheral vascular disease",
    "s/p cholecystectomy",
    "s/p appendectomy",
    "COPD",
    "Obesity (BMI {bmi})",
    "Migraine",
    "Osteoporosis",
    "Glaucoma",
    "Prostate cancer s/p radiation",
    "Diverticulosis",
)

# (name, dose, route/frequency). Bupropion is here on purpose: an antidepressant in any class.
MEDICATIONS = (
    ("aspirin", "81 mg", "PO daily"),
    ("metoprolol tartrate", "25 mg", "PO bid"),
    ("metoprolol succinate", "50 mg", "PO daily"),
    ("lisinopril", "20 mg", "PO daily"),
    ("atorvastatin", "80 mg", "PO qhs"),
    ("simvastatin", "40 mg", "PO qhs"),
    ("furosemide", "40 mg", "PO daily"),
    ("metformin", "1000 mg", "PO bid"),
    ("insulin glargine", "22 units", "SC qhs"),
    ("amlodipine", "10 mg", "PO daily"),
    ("hydrochlorothiazide", "25 mg", "PO daily"),
    ("warfarin", "5 mg", "PO qhs"),
    ("clopidogrel", "75 mg", "PO daily"),
    ("omeprazole", "20 mg", "PO daily"),
    ("pantoprazole", "40 mg", "PO daily"),
    ("levothyroxine", "75 mcg", "PO daily"),
    ("albuterol MDI", "2 puffs", "q4h prn"),
    ("tiotropium", "18 mcg", "inhaled daily"),
    ("fluticasone/salmeterol", "250/50", "1 puff bid"),
    ("gabapentin", "300 mg", "PO tid"),
    ("sertraline", "50 mg", "PO daily"),
    ("acetaminophen", "650 mg", "PO q6h prn"),
    ("docusate", "100 mg", "PO bid"),
    ("senna", "2 tabs", "PO qhs"),
    ("potassium chloride", "20 mEq", "PO daily"),
    ("allopurinol", "100 mg", "PO daily"),
    ("tamsulosin", "0.4 mg", "PO qhs"),
    ("carvedilol", "6.25 mg", "PO bid"),
    ("spironolactone", "25 mg", "PO daily"),
    ("glipizide", "5 mg", "PO daily"),
    ("bupropion SR", "150 mg", "PO bid"),
    ("donepezil", "10 mg", "PO qhs"),
    ("apixaban", "5 mg", "PO bid"),
    ("enoxaparin", "40 mg", "SC daily"),
)

ALLERGIES = (
    "NKDA.",
    "No known drug allergies.",
    "Penicillin (rash).",
    "Sulfa - hives.",
    "Codeine (nausea).",
    "Iodinated contrast - anaphylaxis.",
    "ACE inhibitors (cough).",
    "Latex.",
    "NKDA",
)

# One finding per organ system, so that a note never has both "CTAB" and "crackles".
EXAM_FINDINGS = (
    ("Gen: NAD, alert and oriented x3.", "Gen: uncomfortable, diaphoretic."),
    ("HEENT: MMM, no JVD.", "Neck: JVP 10 cm."),
    (
        "Lungs: CTAB.",
        "Lungs: bibasilar crackles.",
        "Lungs: diffuse expiratory wheezes.",
        "Lungs: decreased breath sounds at the right base.",
    ),
    ("CV: RRR, no m/r/g.", "CV: irregularly irregular, II/VI SEM at RUSB."),
    ("Abd: soft, NT/ND, +BS.", "Abd: tender in the epigastrium, no rebound."),
    ("Ext: no c/c/e.", "Ext: 2+ pitting edema to the knees."),
    ("Neuro: nonfocal.", "Neuro: A&O x2, moves all extremities."),
)

VITALS = (
    "T {temp} HR {hr} BP {sbp}/{dbp} RR {rr} SpO2 {spo2}% RA.",
    "Vitals: T {temp}, P {hr}, BP {sbp}/{dbp}, RR {rr}, O2 sat {spo2}% on room air.",
    "VS: {temp} / {hr} / {sbp}/{dbp} / {rr} / {spo2}% RA.",
)

LABS = (
    "Na {na}, K {k}, Cl {cl}, HCO3 {hco3}, BUN {bun}, Cr {cr}, glucose {glu}.",
    "WBC {wbc}, Hgb {hgb}, Plt {plt}.",
    "Troponin {trop}, BNP {bnp}.",
    "INR {inr}.",
    "HbA1c {a1c}%.",
    "LFTs within normal limits.",
    "UA negative.",
    "Chest x-ray: no acute process.",
    "ECG: sinus rhythm, no acute ST changes.",
)

COURSE_EXTRAS = (
    "Home medications were resumed.",
    "{He} was seen by physical therapy and cleared for discharge.",
    "Blood pressure was well controlled.",
    "Glucose was managed with sliding scale insulin.",
    "DVT prophylaxis with subcutaneous heparin.",
    "Case management arranged VNA services.",
)

PLAN_ITEMS = (
    "Follow up with Dr. {doctor} in {fu_w} weeks.",
    "Check BMP in one week.",
    "Activity as tolerated.",
    "Diet: 2 g sodium, cardiac.",
    "Diabetic diet.",
    "Return to the ED for chest pain, shortness of breath or fever.",
    "Continue all home medications as listed.",
    "Code status: full code.",
)
DISPOSITIONS = (
    "Discharged home in stable condition.",
    "Discharged to rehab.",
    "Discharged home with VNA.",
    "Discharged to a skilled nursing facility.",
    "Condition on discharge: stable.",
)

FAMILY_ITEMS = (
    "Mother with type 2 diabetes.",
    "Father had an MI at {fa_age}.",
    "Brother with colon cancer.",
    "Noncontributory.",
    "No family history of premature CAD.",
    "Sister with breast cancer at 52.",
)

LIVING = (
    "Lives with {his} {spouse} in a single-family home.",
    "Lives alone in an apartment; independent in ADLs.",
    "Lives with {his} daughter.",
    "Resides at an assisted living facility.",
    "Married, two grown children.",
    "Widowed, lives alone.",
)
WORK = (
    "Retired {job}.",
    "Works as {a_job}.",
    "On disability for {ago_y} years.",
    "Retired from the post office.",
)
JOBS = (
    "teacher",
    "machinist",
    "bus driver",
    "nurse",
    "accountant",
    "carpenter",
    "electrician",
    "cashier",
    "truck driver",
    "engineer",
    "server",
    "farmer",
)
# Left out of women's problem lists and medication lists.
MALE_ONLY = ("BPH", "Prostate cancer s/p radiation", "tamsulosin")
ALCOHOL = (
    "Drinks 1-2 glasses of wine per week.",
    "Occasional EtOH.",
    "Denies alcohol.",
    "No EtOH.",
    "Drinks {drinks} beers per week.",
    "Former heavy drinker, quit alcohol {ago_y} years ago.",
    "EtOH: socially.",
    "Denies alcohol or illicit drugs.",
    "Sober for {ago_y} years, attends AA.",
)
DRUGS = ("No illicit drug use.", "Denies IVDU.", "No recreational drugs.", "Remote marijuana use in college.")

# ---- Smoking families -------------------------------------------------------------------------------

CURRENT_SOCIAL = (
    "Smokes {ppd} ppd.",
    "Current smoker, {ppd} ppd x {smoked_yrs} yrs.",
    "Tobacco: {ppd} ppd, ongoing.",
    "Tob: smokes about {cigs} cigs/day.",
    "{He} continues to smoke approximately {cigs} cigarettes per day.",
    "Active smoker with a {pk} pack-year history.",
    "etoh/tob: drinks socially; + tob {ppd} ppd.",
    "{He} smokes {packs} a day and is not ready to quit.",
    "Has cut down to {cigs} cigarettes a day.",
    "Trying to cut back; now down to {cigs} cigs per day.",
    "Still smoking {cigs} cigs daily despite counseling.",
    "Tobbaco: currently smoking {packs} a day.",
    "Smoking: yes, {ppd} ppd.",
    "{He} smokes cigars daily.",
    "+tob ({ppd} ppd), occasional etoh, no IVDU.",
    "Denies alcohol; smokes {ppd} ppd.",
    "Smokes {cigs} cigarettes a day, {pk} pk-yr history.",
)
# Quit less than a year before admission: still CURRENT in the i2b2 2006 sense.
CURRENT_RECENT_QUIT = (
    "Quit smoking {recent_m} months ago; previously {ppd} ppd for {smoked_yrs} years.",
    "Former smoker, quit {recent_m_word} months ago.",
    "Stopped smoking {recent_w_word} weeks prior to admission.",
    "{He} quit cigarettes {recent_w} weeks ago after {his} cardiologist advised it.",
    "Ex-smoker since {recent_month_year} ({pk} pack-years).",
    "Quit tobacco in {recent_month_year}, {pk} pk-yr hx.",
    "Tob: quit {recent_m} mos ago, was 1 ppd.",
    "Quit smoking less than a year ago after a {pk} pack-year history.",
    "Smoked {ppd} ppd until {recent_m_word} months ago.",
    "Stopped smoking earlier this year.",
    "Quit smoking {recent_m} months ago after a hospitalization for bronchitis.",
    "Denies current tobacco use, but quit only {recent_w_word} weeks ago.",
)
# An old quit attempt followed by relapse: the old quit date must not decide the class.
CURRENT_RESUMED = (
    "Quit in {old_quit_year} but resumed smoking last year; now {cigs} cigs/day.",
    "Had quit for {quit_gap} years but started smoking again {resume_m} months ago.",
    "Relapsed to smoking {resume_m} months ago after being tobacco-free since {old_quit_year}.",
    "Former smoker who restarted last year, currently {ppd} ppd.",
    "Quit smoking {old_quit_y} years ago with a nicotine patch, but has been smoking again since the spring.",
)
# (section, text): mentions outside the social history. Each one alone implies the class.
CURRENT_ELSEWHERE = (
    ("hpi", "{He} is an active smoker ({ppd} ppd)."),
    ("assessment", "Active tobacco use - strongly encouraged to quit."),
    ("hpi", "{He} smoked a cigarette just before the onset of symptoms."),
    ("hpi", "{He} is a current smoker with a {pk} pack-year history."),
)
# Second mentions carry no numbers, so they never contradict the main one; these also fit a recent quit.
CURRENT_EXTRA = (
    ("hpi", "{He} was counseled on smoking cessation for more than 3 minutes."),
    ("plan", "Nicotine patch 21 mg/24 h daily."),
    ("plan", "Smoking cessation counseling provided; nicotine patch 14 mg started."),
    ("assessment", "Tobacco use disorder: counseled on cessation, nicotine replacement offered."),
    ("plan", "Varenicline 0.5 mg daily, titrate per protocol, to help {him} stay off cigarettes."),
    ("plan", "Smoking cessation: counseled, referred to the quit line."),
)
PAST_SOCIAL = (
    "Quit smoking {quit_y} years ago.",
    "Former smoker, quit {quit_y_word} years ago.",
    "Quit smoking in {quit_year}.",
    "Ex-smoker, {pk} pack-years, quit {quit_y} yrs ago.",
    "Tobacco: former, quit at age {quit_age}.",
    "Does not currently smoke but has a {pk} pack-year history.",
    "Denies current tobacco use; quit {quit_y} years ago after {smoked_yrs} years of smoking.",
    "Remote tobacco history ({pk} pk-yr), none since {quit_year}.",
    "Smoked {ppd} ppd x {smoked_yrs} yrs, quit {quit_y} yrs ago.",
    "h/o tob, quit {quit_year}.",
    "Has not smoked since {quit_year}.",
    "Quit smoking {long_m} months ago.",
    "Stopped smoking about a year and a half ago.",
    "No tobacco for the past {quit_y} years (previously {ppd} ppd).",
    "Former smoker.",
    "Tobbaco: quit {quit_y} years ago.",
    "{He} is an ex-smoker.",
    # Nicotine only as history, and recent enough that nicotine replacement existed.
    "Used nicotine gum to quit {long_m} months ago and has been tobacco-free since.",
    "Quit cigs {long_m} months ago with the help of a nicotine patch.",
    "Does not smoke now; smoked {packs} a day until {quit_year}.",
)
PAST_ELSEWHERE = (
    ("pmh", "Emphysema (former smoker, {pk} pk-yrs, quit {quit_year})"),
    ("hpi", "{He} is a former smoker ({pk} pack-years, quit {quit_y} years ago)."),
    ("assessment", "Former tobacco use, quit {quit_y} years ago."),
    ("hpi", "{He} has a remote smoking history and quit in {quit_year}."),
)
PAST_EXTRA = (
    ("pmh", "COPD, ex-smoker"),
    ("pmh", "Remote tobacco use"),
    ("hpi", "{He} is a former smoker."),
    ("assessment", "Former smoker - no cessation counseling needed."),
    ("plan", "Smoking cessation counseling: not applicable."),
)

# Smoked at some time, but nothing says whether still: SMOKER. Nothing present-tense or dated here.
SMOKER_SOCIAL = (
    "{pk} pack-year smoking history.",
    "History of tobacco use.",
    "h/o tob.",
    "Tobacco history: yes, {pk} pk-yr.",
    "Smoked x {smoked_yrs} yrs.",
    "Significant smoking history.",
    "Tob: {pk} pk-yr hx.",
    "Positive for tobacco history ({pk} pack-years).",
    "H/o tobbaco use, amount and dates not documented.",
    "etoh/tob: rare etoh; h/o tob.",
    "Has a long history of cigarette smoking.",
)
SMOKER_ELSEWHERE = (
    ("hpi", "{He} has a {pk} pack-year smoking history."),
    ("hpi", "{He} has a smoking history of about {smoked_yrs} years."),
)
SMOKER_EXTRA = (
    ("pmh", "Tobacco use"),
    ("pmh", "h/o tobacco abuse"),
    ("hpi", "Cardiac risk factors include hypertension, hyperlipidemia and tobacco."),
    ("assessment", "H/o tobacco use."),
)

NON_SOCIAL = (
    "Denies tobacco.",
    "Denies tobacco, alcohol, or illicit drug use.",
    "No history of smoking.",
    "Never smoker.",
    "Nonsmoker.",
    "Non-smoker; rare alcohol.",
    "Does not smoke.",
    "Negative for tobacco use.",
    "Tobacco: none.",
    "Tob: never.",
    "Denies tob/etoh/ivdu.",
    "{He} has never smoked.",
    "Lifelong nonsmoker.",
    "Never used tobacco products.",
    "No tobbaco or drug use.",
    "No cigs, no etoh.",
    "Smoking: never.",
    "Denies ever smoking.",
)
NON_ELSEWHERE = (
    ("hpi", "{He} has no cardiac risk factors other than age; {he} has never smoked."),
    ("pmh", "Asthma (never smoker)"),
)
NON_EXTRA = (
    ("hpi", "{He} is a lifelong nonsmoker."),
    ("hpi", "Never smoker."),
    ("plan", "Smoking cessation counseling: not applicable."),
    ("assessment", "Tobacco screening: never smoker."),
)

# Optional detail after the main statement; each fits every template of its family.
DETAILS = {
    "active": (
        "Started smoking at age {start_age}.",
        "Contemplating quitting.",
        "Not ready to quit at this time.",
        "Interested in a nicotine patch.",
        "Has tried to quit several times without success.",
        "Smokes more when stressed.",
    ),
    "recent_quit": (
        "Motivated to remain abstinent.",
        "Still has cravings.",
        "Smoked since age {start_age}.",
        "Used a nicotine patch for the first weeks.",
        "No relapse so far.",
    ),
    "past": (
        "Started at age {start_age}.",
        "No relapses since.",
        "No other tobacco products.",
        "Previously smoked {packs} a day.",
        "Remains abstinent.",
        "Has stayed off cigarettes since.",
    ),
    "smoker": ("Started smoking at age {start_age}.", "Amount not documented.", "Started as a teenager."),
    "non": (
        "Never used cigars, pipes or snuff.",
        "Never used e-cigarettes or chewing tobacco.",
        "No history of vaping.",
        "Never tried cigarettes.",
    ),
}

# Someone else smokes: says nothing about the patient (used in UNKNOWN and NON-SMOKER notes mostly).
OTHER_SMOKERS = (
    "{His} {spouse} smokes.",
    "{His} {spouse} smokes {ppd} ppd in the house.",
    "Lives with a son who smokes.",
    "Exposure to second-hand smoke at home.",
    "Reports years of second-hand smoke exposure at work.",
    "Lives with {his} daughter, who smokes outside.",
)
FAMILY_SMOKER = "Father smoked, died of lung cancer at {fa_age}."
SMOKE_DETECTOR = "Home safety reviewed: working smoke detectors in the home."
SMOKED_SALMON = "Diet: low sodium; avoid smoked salmon, deli meats and canned soups."
# UNKNOWN notes that name tobacco without saying anything about it.
UNKNOWN_TOBACCO = (
    "Tobacco history not obtained.",
    "Unable to obtain social history; patient intubated.",
    "Tobacco use: not documented.",
)
SH_NONCONTRIBUTORY = ("Noncontributory.", "Non-contributory.", "Unremarkable.")
