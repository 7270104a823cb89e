<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>Navigate</source>
        <translation>Navigieren</translation>
    </message>
    <message>
        <source>Annotate</source>
        <translation>Annotieren</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Next report</source>
        <translation>Nächster Befund</translation>
    </message>
    <message>
        <source>the next report in the list</source>
        <translation>der nächste Befund in der Liste</translation>
    </message>
    <message>
        <source>Previous report</source>
        <translation>Vorheriger Befund</translation>
    </message>
    <message>
        <source>Next unlabelled report</source>
        <translation>Nächster Befund ohne Label</translation>
    </message>
    <message>
        <source>Done — next unlabelled</source>
        <translation>Fertig — nächster ohne Label</translation>
    </message>
    <message>
        <source>keep this report&apos;s annotations and go to the next unlabelled report</source>
        <translation>Annotationen dieses Befunds übernehmen und zum nächsten Befund ohne Label gehen</translation>
    </message>
    <message>
        <source>Label next: least sure first</source>
        <translation>Als Nächstes: unsicherste zuerst</translation>
    </message>
    <message>
        <source>Ctrl+Enter goes to the unlabelled report the newest model is least sure of</source>
        <translation>Strg+Enter geht zum Befund ohne Label, bei dem das neueste Modell am unsichersten ist</translation>
    </message>
    <message>
        <source>Search reports</source>
        <translation>Befunde durchsuchen</translation>
    </message>
    <message>
        <source>Back to the report</source>
        <translation>Zurück zum Befund</translation>
    </message>
    <message>
        <source>select text with Shift+arrows</source>
        <translation>Text mit Umschalt+Pfeiltasten auswählen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Delete selected span</source>
        <translation>Ausgewählte Markierung löschen</translation>
    </message>
    <message>
        <source>Select next span</source>
        <translation>Nächste Markierung auswählen</translation>
    </message>
    <message>
        <source>Flag for discussion</source>
        <translation>Zur Diskussion markieren</translation>
    </message>
    <message>
        <source>Write a note</source>
        <translation>Notiz schreiben</translation>
    </message>
    <message>
        <source>Next label set (for keys 1–9)</source>
        <translation>Nächste Labelgruppe (für Tasten 1–9)</translation>
    </message>
    <message>
        <source>Accept the model&apos;s label</source>
        <translation>Label des Modells übernehmen</translation>
    </message>
    <message>
        <source>take the suggested label as yours; recorded as accepted from its run</source>
        <translation>das vorgeschlagene Label übernehmen; es wird als aus diesem Lauf übernommen vermerkt</translation>
    </message>
    <message>
        <source>Accept the model&apos;s spans</source>
        <translation>Markierungen des Modells übernehmen</translation>
    </message>
    <message>
        <source>mark every suggested span of this report</source>
        <translation>alle vorgeschlagenen Markierungen dieses Befunds setzen</translation>
    </message>
    <message>
        <source>Labels and entity types…</source>
        <translation>Labels und Entitätstypen…</translation>
    </message>
    <message>
        <source>Training and test split…</source>
        <translation>Trainings- und Testaufteilung…</translation>
    </message>
    <message>
        <source>see each task&apos;s test split, freeze one, or move reports between training and test</source>
        <translation>die Testaufteilung jeder Aufgabe ansehen, eine festlegen oder Befunde zwischen Training und Test verschieben</translation>
    </message>
    <message>
        <source>Import reports…</source>
        <translation>Befunde importieren…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>write every report with its labels and spans to a file (CSV, Excel, JSON lines, …)</source>
        <translation>jeden Befund mit seinen Labels und Markierungen in eine Datei schreiben (CSV, Excel, JSON Lines, …)</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>Projekt öffnen…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Aus einer Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>bring back an earlier state of the project; the current one is kept as a backup</source>
        <translation>einen früheren Stand des Projekts zurückholen; der jetzige wird als Sicherung aufbewahrt</translation>
    </message>
    <message>
        <source>Close project</source>
        <translation>Projekt schließen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>close medlabel</source>
        <translation>medlabel schließen</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>set the label (press again to clear it)</source>
        <translation>setzt das Label (erneut drücken entfernt es)</translation>
    </message>
    <message>
        <source>clear the label of the active label set</source>
        <translation>entfernt das Label der aktiven Labelgruppe</translation>
    </message>
    <message>
        <source>letter</source>
        <translation>Buchstabe</translation>
    </message>
    <message>
        <source>mark the selected text as that entity type (snapped to whole words)</source>
        <translation>markiert den ausgewählten Text als diesen Entitätstyp (auf ganze Wörter erweitert)</translation>
    </message>
    <message>
        <source>Shift+letter</source>
        <translation>Umschalt+Buchstabe</translation>
    </message>
    <message>
        <source>the same, keeping the exact selection</source>
        <translation>ebenso, aber mit der exakten Auswahl</translation>
    </message>
    <message>
        <source>click a span</source>
        <translation>Markierung anklicken</translation>
    </message>
    <message>
        <source>select it to change its type or value, or to delete it</source>
        <translation>wählt sie aus, um Typ oder Wert zu ändern oder sie zu löschen</translation>
    </message>
    <message>
        <source>No definition yet (add one in the schema editor)</source>
        <translation>Noch keine Definition (im Schema-Editor hinzufügen)</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Entitäten</translation>
    </message>
    <message>
        <source>This project has no labels yet. Add some with Project → Labels and entity types…</source>
        <translation>Dieses Projekt hat noch keine Labels. Fügen Sie welche hinzu mit Projekt → Labels und Entitätstypen…</translation>
    </message>
    <message>
        <source>1–9: label the report (0 clears)</source>
        <translation>1–9: Befund labeln (0 entfernt)</translation>
    </message>
    <message>
        <source>select text, then its letter: mark it</source>
        <translation>Text auswählen, dann Buchstabe: markieren</translation>
    </message>
    <message>
        <source>Ctrl+Enter: next unlabelled report</source>
        <translation>Strg+Enter: nächster Befund ohne Label</translation>
    </message>
    <message>
        <source>F1: all keys</source>
        <translation>F1: alle Tasten</translation>
    </message>
    <message>
        <source>(keys 1–9)</source>
        <translation>(Tasten 1–9)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>A remark on this report (kept with it)</source>
        <translation>Eine Bemerkung zu diesem Befund (wird mit ihm gespeichert)</translation>
    </message>
    <message>
        <source>Flag for discussion  (Ctrl+D)</source>
        <translation>Zur Diskussion markieren  (Strg+D)</translation>
    </message>
    <message>
        <source>Selected span</source>
        <translation>Ausgewählte Markierung</translation>
    </message>
    <message>
        <source>e.g. 55 % or 2,5 l</source>
        <translation>z. B. 55 % oder 2,5 l</translation>
    </message>
    <message>
        <source>Search the vocabulary…</source>
        <translation>Vokabular durchsuchen…</translation>
    </message>
    <message>
        <source>Delete span  (Del)</source>
        <translation>Markierung löschen  (Entf)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Could not read a number from the text: type the value.</source>
        <translation>Aus dem Text konnte keine Zahl gelesen werden: Geben Sie den Wert ein.</translation>
    </message>
    <message>
        <source>No vocabulary is loaded for this type, so there are no codes to choose from.</source>
        <translation>Für diesen Typ ist kein Vokabular geladen, daher gibt es keine Codes zur Auswahl.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>medlabel records who set each label, so that the work of several annotators can be told apart and compared. Your name is asked once and kept on this computer.</source>
        <translation>medlabel speichert, wer welches Label gesetzt hat, damit die Arbeit mehrerer Annotator:innen unterschieden und verglichen werden kann. Ihr Name wird einmal abgefragt und auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <source>e.g. Dr. Anna Meier</source>
        <translation>z. B. Dr. Anna Meier</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Label</translation>
    </message>
    <message>
        <source>labelled</source>
        <translation>gelabelt</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>vorhergesagt</translation>
    </message>
    <message>
        <source>disagreement</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>No label and no span yet</source>
        <translation>Noch kein Label und keine Markierung</translation>
    </message>
    <message>
        <source>Labelled or marked by an annotator</source>
        <translation>Von einer Annotator:in gelabelt oder markiert</translation>
    </message>
    <message>
        <source>Not labelled yet; the latest model run has a prediction for it</source>
        <translation>Noch nicht gelabelt; der letzte Modelllauf hat eine Vorhersage dafür</translation>
    </message>
    <message>
        <source>The annotator&apos;s label differs from the latest model prediction</source>
        <translation>Das vergebene Label weicht von der letzten Modellvorhersage ab</translation>
    </message>
    <message>
        <source>values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Report id</source>
        <translation>Befund-ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>Model suggests</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <source>The report&apos;s id from the imported file</source>
        <translation>Die ID des Befunds aus der importierten Datei</translation>
    </message>
    <message>
        <source>Whether the report is labelled, predicted, or disputed; {0} marks a flagged report</source>
        <translation>Ob der Befund gelabelt, vorhergesagt oder strittig ist; {0} kennzeichnet einen zur Diskussion markierten Befund</translation>
    </message>
    <message>
        <source>The report&apos;s labels, or how many spans it has</source>
        <translation>Die Labels des Befunds oder die Anzahl seiner Markierungen</translation>
    </message>
    <message>
        <source>Training or held-out test split</source>
        <translation>Training oder zurückgehaltener Test</translation>
    </message>
    <message>
        <source>The newest model&apos;s suggestion and how sure it is (calibrated); sort by it to label the reports the model is least sure of first</source>
        <translation>Der Vorschlag des neuesten Modells und wie sicher es ist (kalibriert); sortieren Sie danach, um zuerst die Befunde zu labeln, bei denen das Modell am unsichersten ist</translation>
    </message>
    <message>
        <source>Flagged for review</source>
        <translation>Zur Diskussion markiert</translation>
    </message>
    <message>
        <source>Search text or report id…</source>
        <translation>Text oder Befund-ID suchen…</translation>
    </message>
    <message>
        <source>Each word finds the words it starts: “smok” finds “smoker”. Words in double quotes find that phrase exactly: &quot;no smoking&quot;. A report id finds its report. Enter or ↓ goes on to the results.</source>
        <translation>Jedes Wort findet die Wörter, die so beginnen: „rauch“ findet „Raucher“. Wörter in doppelten Anführungszeichen finden genau diese Wortfolge: &quot;kein Nikotin&quot;. Eine Befund-ID findet ihren Befund. Eingabe oder ↓ springt in die Ergebnisse.</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>Alle Aufteilungen</translation>
    </message>
    <message>
        <source>no split</source>
        <translation>keine Aufteilung</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Zur Diskussion</translation>
    </message>
    <message>
        <source>Only reports flagged for review</source>
        <translation>Nur zur Diskussion markierte Befunde</translation>
    </message>
    <message>
        <source>The report shown, {0}, is not in this list: it does not match the search or the filters.</source>
        <translation>Der angezeigte Befund {0} steht nicht in dieser Liste: Er passt nicht zur Suche oder zu den Filtern.</translation>
    </message>
    <message>
        <source>Show it in the list</source>
        <translation>In der Liste zeigen</translation>
    </message>
    <message>
        <source>(clears the search and the filters)</source>
        <translation>(leert die Suche und die Filter)</translation>
    </message>
    <message>
        <source>Open the first result</source>
        <translation>Erstes Ergebnis öffnen</translation>
    </message>
    <message>
        <source>{0} reports</source>
        <translation>{0} Befunde</translation>
    </message>
    <message>
        <source>{0} of {1} reports</source>
        <translation>{0} von {1} Befunden</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Alle Labels</translation>
    </message>
    <message>
        <source>Glucose</source>
        <translation>Glukose</translation>
    </message>
    <message>
        <source>Creatinine</source>
        <translation>Kreatinin</translation>
    </message>
    <message>
        <source>Urea</source>
        <translation>Harnstoff</translation>
    </message>
    <message>
        <source>Urea nitrogen (BUN)</source>
        <translation>Harnstoff-Stickstoff (BUN)</translation>
    </message>
    <message>
        <source>Uric acid</source>
        <translation>Harnsäure</translation>
    </message>
    <message>
        <source>Cholesterol</source>
        <translation>Cholesterin</translation>
    </message>
    <message>
        <source>Triglycerides</source>
        <translation>Triglyceride</translation>
    </message>
    <message>
        <source>Bilirubin</source>
        <translation>Bilirubin</translation>
    </message>
    <message>
        <source>Lactate</source>
        <translation>Laktat</translation>
    </message>
    <message>
        <source>Ammonia</source>
        <translation>Ammoniak</translation>
    </message>
    <message>
        <source>Iron</source>
        <translation>Eisen</translation>
    </message>
    <message>
        <source>Phosphate</source>
        <translation>Phosphat</translation>
    </message>
    <message>
        <source>Haemoglobin</source>
        <translation>Hämoglobin</translation>
    </message>
    <message>
        <source>Sodium</source>
        <translation>Natrium</translation>
    </message>
    <message>
        <source>Potassium</source>
        <translation>Kalium</translation>
    </message>
    <message>
        <source>Chloride</source>
        <translation>Chlorid</translation>
    </message>
    <message>
        <source>Bicarbonate</source>
        <translation>Bikarbonat</translation>
    </message>
    <message>
        <source>Lithium</source>
        <translation>Lithium</translation>
    </message>
    <message>
        <source>Calcium</source>
        <translation>Kalzium</translation>
    </message>
    <message>
        <source>Magnesium</source>
        <translation>Magnesium</translation>
    </message>
    <message>
        <source>New entity type</source>
        <translation>Neuer Entitätstyp</translation>
    </message>
    <message>
        <source>Value of &apos;{0}&apos;</source>
        <translation>Wert von „{0}“</translation>
    </message>
    <message>
        <source>e.g. LV-EF or Medication</source>
        <translation>z. B. LV-EF oder Medikation</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>What counts as this entity, and what does not</source>
        <translation>Was als diese Entität zählt und was nicht</translation>
    </message>
    <message>
        <source>None (just the text)</source>
        <translation>Kein Wert (nur der Text)</translation>
    </message>
    <message>
        <source>Number with unit</source>
        <translation>Zahl mit Einheit</translation>
    </message>
    <message>
        <source>Code from a vocabulary</source>
        <translation>Code aus einem Vokabular</translation>
    </message>
    <message>
        <source>e.g. % or ml, l — the first unit is the one values are kept in</source>
        <translation>z. B. % oder ml, l — die Werte werden in der ersten Einheit gespeichert</translation>
    </message>
    <message>
        <source>Known units: {0}</source>
        <translation>Bekannte Einheiten: {0}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>For laboratory values: converts a value written in mg/dl into mmol/l or µmol/l (and back), and mEq/l into mmol/l, by the analyte&apos;s molar mass and charge.</source>
        <translation>Für Laborwerte: rechnet einen Wert in mg/dl in mmol/l oder µmol/l um (und zurück) und mEq/l in mmol/l, über die molare Masse und Ladung des Analyten.</translation>
    </message>
    <message>
        <source>lowest</source>
        <translation>niedrigster</translation>
    </message>
    <message>
        <source>highest</source>
        <translation>höchster</translation>
    </message>
    <message>
        <source>A value outside this range is kept, with a warning to check it (a wrong field, unit or digit). Leave both empty for no range.</source>
        <translation>Ein Wert außerhalb dieses Bereichs wird behalten, mit dem Hinweis, ihn zu prüfen (falsches Feld, falsche Einheit oder Ziffer). Lassen Sie beide Felder leer, wenn es keinen Bereich geben soll.</translation>
    </message>
    <message>
        <source>name of a vocabulary loaded into the project</source>
        <translation>Name eines ins Projekt geladenen Vokabulars</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <source>Analyte</source>
        <translation>Analyt</translation>
    </message>
    <message>
        <source>Plausible range</source>
        <translation>Plausibler Bereich</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Fill in both ends of the plausible range, or leave both empty.</source>
        <translation>Füllen Sie beide Enden des plausiblen Bereichs aus oder lassen Sie beide leer.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a number; type the limit without its unit.</source>
        <translation>„{0}“ ist keine Zahl; geben Sie die Grenze ohne Einheit ein.</translation>
    </message>
    <message>
        <source>The lowest plausible value must be below the highest.</source>
        <translation>Der niedrigste plausible Wert muss unter dem höchsten liegen.</translation>
    </message>
    <message>
        <source>Colour of the entity type</source>
        <translation>Farbe des Entitätstyps</translation>
    </message>
    <message>
        <source>Could not do that</source>
        <translation>Das war nicht möglich</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Nicht genügend Arbeitsspeicher</translation>
    </message>
    <message>
        <source>The computer ran out of memory. Close other programs and try again.</source>
        <translation>Der Arbeitsspeicher des Computers reicht nicht aus. Schließen Sie andere Programme und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>File problem</source>
        <translation>Dateiproblem</translation>
    </message>
    <message>
        <source>The file system refused: {0}{1}. Check the folder and its permissions.</source>
        <translation>Das Dateisystem hat den Zugriff verweigert: {0}{1}. Prüfen Sie den Ordner und seine Berechtigungen.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Something went wrong inside medlabel ({0}). Your annotations are safe: every change is stored the moment you make it. The details were written to {1}; please send that file to support.</source>
        <translation>In medlabel ist ein interner Fehler aufgetreten ({0}). Ihre Annotationen sind sicher: Jede Änderung wird sofort gespeichert. Die Details wurden in {1} geschrieben; bitte senden Sie diese Datei an den Support.</translation>
    </message>
    <message>
        <source>Write the rules in Markdown: # headings, - lists, **bold**</source>
        <translation>Schreiben Sie die Regeln in Markdown: # Überschriften, - Listen, **fett**</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>No guidelines have been written yet; this text is generated from the definitions.</source>
        <translation>Es wurden noch keine Richtlinien geschrieben; dieser Text wird aus den Definitionen erzeugt.</translation>
    </message>
    <message>
        <source>Generated from the label and entity definitions. Click Edit to write the project&apos;s own rules.</source>
        <translation>Aus den Label- und Entitätsdefinitionen erzeugt. Klicken Sie auf „Bearbeiten“, um eigene Regeln für das Projekt zu schreiben.</translation>
    </message>
    <message>
        <source>Markdown. Changes are stored as you type.</source>
        <translation>Markdown. Änderungen werden beim Tippen gespeichert.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Check before importing</source>
        <translation>Vor dem Import prüfen</translation>
    </message>
    <message>
        <source>Nothing has been changed yet. The import stores everything below or nothing.</source>
        <translation>Bisher wurde nichts geändert. Der Import speichert entweder alles unten Aufgeführte oder nichts.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>If skipped</source>
        <translation>Falls übersprungen</translation>
    </message>
    <message>
        <source>What should happen with these problems?</source>
        <translation>Was soll mit diesen Problemen geschehen?</translation>
    </message>
    <message>
        <source>Skip them: import everything else</source>
        <translation>Überspringen: alles andere importieren</translation>
    </message>
    <message>
        <source>Add the unknown labels to the label set; skip the other problems</source>
        <translation>Unbekannte Labels zur Labelgruppe hinzufügen; andere Probleme überspringen</translation>
    </message>
    <message>
        <source>Import nothing: I will correct the file first</source>
        <translation>Nichts importieren: Ich korrigiere zuerst die Datei</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Datei wird gelesen und geprüft…</translation>
    </message>
    <message>
        <source>Nothing is left to import: every document has a problem.</source>
        <translation>Es bleibt nichts zu importieren: Jeder Befund hat ein Problem.</translation>
    </message>
    <message>
        <source>into the open project {0}</source>
        <translation>in das geöffnete Projekt {0}</translation>
    </message>
    <message>
        <source>into the project in {0}</source>
        <translation>in das Projekt in {0}</translation>
    </message>
    <message numerus="yes">
        <source>{0} document(s) in the file</source>
        <translation>
            <numerusform>{0} Befund in der Datei</numerusform>
            <numerusform>{0} Befunde in der Datei</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} label(s)</source>
        <translation>
            <numerusform>{0} Label</numerusform>
            <numerusform>{0} Labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} span(s)</source>
        <translation>
            <numerusform>{0} Markierung</numerusform>
            <numerusform>{0} Markierungen</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}; {1} will be imported {2}, with {3} and {4}.</source>
        <translation>{0}; davon werden {1} {2} importiert, mit {3} und {4}.</translation>
    </message>
    <message>
        <source>New label set “{0}”: {1}</source>
        <translation>Neue Labelgruppe „{0}“: {1}</translation>
    </message>
    <message>
        <source>Labels added to “{0}”: {1}</source>
        <translation>Zu „{0}“ hinzugefügte Labels: {1}</translation>
    </message>
    <message>
        <source>New entity types: {0}</source>
        <translation>Neue Entitätstypen: {0}</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Hinweis: {0}</translation>
    </message>
    <message>
        <source>{0} × {1}</source>
        <translation>{0} × {1}</translation>
    </message>
    <message>
        <source>e.g. {0}</source>
        <translation>z. B. {0}</translation>
    </message>
    <message>
        <source>Nothing will be imported. Cancel, correct the file and import again.</source>
        <translation>Es wird nichts importiert. Brechen Sie ab, korrigieren Sie die Datei und importieren Sie erneut.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <source>Nothing was imported. {0}</source>
        <translation>Es wurde nichts importiert. {0}</translation>
    </message>
    <message>
        <source>CSV table (.csv)</source>
        <translation>CSV-Tabelle (.csv)</translation>
    </message>
    <message>
        <source>Tab-separated table (.tsv)</source>
        <translation>Tabulatorgetrennte Tabelle (.tsv)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel-Arbeitsmappe (.xlsx)</translation>
    </message>
    <message>
        <source>JSON lines (.jsonl)</source>
        <translation>JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <source>CoNLL, BIO tags of the spans (.conll)</source>
        <translation>CoNLL, BIO-Tags der Markierungen (.conll)</translation>
    </message>
    <message>
        <source>Label Studio tasks (.json)</source>
        <translation>Label-Studio-Aufgaben (.json)</translation>
    </message>
    <message>
        <source>Export reports and annotations</source>
        <translation>Befunde und Annotationen exportieren</translation>
    </message>
    <message>
        <source>Every report is written with its current labels and spans, in the file&apos;s format.</source>
        <translation>Jeder Befund wird mit seinen aktuellen Labels und Markierungen im Format der Datei geschrieben.</translation>
    </message>
    <message>
        <source>Keep cells that start with = + - @ as they are (a spreadsheet may run them as formulas)</source>
        <translation>Zellen, die mit = + - @ beginnen, unverändert lassen (eine Tabellenkalkulation könnte sie als Formeln ausführen)</translation>
    </message>
    <message>
        <source>Off: such cells get a leading &apos; so that spreadsheet programs show them as text</source>
        <translation>Aus: Solche Zellen erhalten ein vorangestelltes &apos;, damit Tabellenprogramme sie als Text zeigen</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>{0} is a folder. Give the name of a file to export to.</source>
        <translation>{0} ist ein Ordner. Geben Sie den Namen einer Datei an, in die exportiert wird.</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>{0} wird geschrieben…</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Datei ersetzen?</translation>
    </message>
    <message>
        <source>{0} exists already. Replace it with the export?</source>
        <translation>{0} gibt es schon. Durch den Export ersetzen?</translation>
    </message>
    <message numerus="yes">
        <source>Exported {0} report(s) to {1}.</source>
        <translation>
            <numerusform>{0} Befund nach {1} exportiert.</numerusform>
            <numerusform>{0} Befunde nach {1} exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder of text files (.txt)</source>
        <translation>Ordner mit Textdateien (.txt)</translation>
    </message>
    <message>
        <source>i2b2 XML (.xml)</source>
        <translation>i2b2 XML (.xml)</translation>
    </message>
    <message>
        <source>Label Studio export (.json)</source>
        <translation>Export aus Label Studio (.json)</translation>
    </message>
    <message>
        <source>brat folder (.txt + .ann)</source>
        <translation>brat-Ordner (.txt + .ann)</translation>
    </message>
    <message>
        <source>Choose what to import</source>
        <translation>Wählen Sie, was importiert werden soll</translation>
    </message>
    <message>
        <source>A table (CSV, TSV, Excel), JSON lines, a folder of .txt files, i2b2 XML, a Label Studio export or a brat folder. Nothing is changed before the last step.</source>
        <translation>Eine Tabelle (CSV, TSV, Excel), JSON Lines, ein Ordner mit .txt-Dateien, i2b2 XML, ein Export aus Label Studio oder ein brat-Ordner. Vor dem letzten Schritt wird nichts geändert.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei auswählen…</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Ordner auswählen…</translation>
    </message>
    <message>
        <source>Detect from the file name</source>
        <translation>Am Dateinamen erkennen</translation>
    </message>
    <message>
        <source>File or folder:</source>
        <translation>Datei oder Ordner:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>New project folder:</source>
        <translation>Neuer Projektordner:</translation>
    </message>
    <message>
        <source>The reports are added to the open project {0}.</source>
        <translation>Die Befunde werden dem geöffneten Projekt {0} hinzugefügt.</translation>
    </message>
    <message>
        <source>Detected: {0}</source>
        <translation>Erkannt: {0}</translation>
    </message>
    <message>
        <source>This folder already holds a project; the reports will be added to it.</source>
        <translation>Dieser Ordner enthält bereits ein Projekt; die Befunde werden ihm hinzugefügt.</translation>
    </message>
    <message>
        <source>Choose the file or folder to import.</source>
        <translation>Wählen Sie die Datei oder den Ordner für den Import.</translation>
    </message>
    <message>
        <source>{0} does not exist.</source>
        <translation>{0} existiert nicht.</translation>
    </message>
    <message>
        <source>Choose a folder for the new project.</source>
        <translation>Wählen Sie einen Ordner für das neue Projekt.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder; choose a folder for the project.</source>
        <translation>{0} ist eine Datei, kein Ordner; wählen Sie einen Ordner für das Projekt.</translation>
    </message>
    <message>
        <source>medlabel cannot import the format {0}; choose another.</source>
        <translation>medlabel kann das Format {0} nicht importieren; wählen Sie ein anderes.</translation>
    </message>
    <message>
        <source>Reports (*.csv *.tsv *.tab *.xlsx *.xlsm *.jsonl *.ndjson *.xml *.json *.txt)</source>
        <translation>Befunde (*.csv *.tsv *.tab *.xlsx *.xlsm *.jsonl *.ndjson *.xml *.json *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Zu importierende Datei auswählen</translation>
    </message>
    <message>
        <source>Choose a folder of .txt files or a brat folder</source>
        <translation>Ordner mit .txt-Dateien oder brat-Ordner auswählen</translation>
    </message>
    <message>
        <source>Choose the folder for the new project</source>
        <translation>Ordner für das neue Projekt auswählen</translation>
    </message>
    <message>
        <source>Which column holds what?</source>
        <translation>Welche Spalte enthält was?</translation>
    </message>
    <message>
        <source>Choose the column with the report text; the id and a label column are optional. Columns named label or label:&lt;set&gt;, spans and split are recognised by name; all others are kept as extra information about each report.</source>
        <translation>Wählen Sie die Spalte mit dem Befundtext; die ID und eine Labelspalte sind optional. Spalten namens label oder label:&lt;set&gt;, spans und split werden am Namen erkannt; alle anderen werden als zusätzliche Informationen zu jedem Befund gespeichert.</translation>
    </message>
    <message>
        <source>Report text:</source>
        <translation>Befundtext:</translation>
    </message>
    <message>
        <source>Document id:</source>
        <translation>Befund-ID:</translation>
    </message>
    <message>
        <source>Label column:</source>
        <translation>Labelspalte:</translation>
    </message>
    <message>
        <source>Label set name:</source>
        <translation>Name der Labelgruppe:</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— auswählen —</translation>
    </message>
    <message>
        <source>(none: number the reports)</source>
        <translation>(keine: Befunde durchnummerieren)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Using the columns you chose last time for a file with these columns.</source>
        <translation>Die Spalten sind so gewählt wie beim letzten Mal für eine Datei mit diesen Spalten.</translation>
    </message>
    <message>
        <source>Guessed: &apos;{0}&apos; holds the longest texts.</source>
        <translation>Vermutet: „{0}“ enthält die längsten Texte.</translation>
    </message>
    <message>
        <source>Guessed: &apos;{0}&apos; has a short, different value in every row.</source>
        <translation>Vermutet: „{0}“ hat in jeder Zeile einen kurzen, anderen Wert.</translation>
    </message>
    <message>
        <source>Choose the column that holds the report text.</source>
        <translation>Wählen Sie die Spalte, die den Befundtext enthält.</translation>
    </message>
    <message>
        <source>The report text needs its own column; choose a different id or label column.</source>
        <translation>Der Befundtext braucht eine eigene Spalte; wählen Sie eine andere ID- oder Labelspalte.</translation>
    </message>
    <message>
        <source>Give the label set a name (for example the question the label answers).</source>
        <translation>Geben Sie der Labelgruppe einen Namen (zum Beispiel die Frage, die das Label beantwortet).</translation>
    </message>
    <message>
        <source>Import reports</source>
        <translation>Befunde importieren</translation>
    </message>
    <message>
        <source>New project from a file</source>
        <translation>Neues Projekt aus einer Datei</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Projekt</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
    <message>
        <source>Open a medlabel project folder</source>
        <translation>medlabel-Projektordner öffnen</translation>
    </message>
    <message>
        <source>The project is damaged</source>
        <translation>Das Projekt ist beschädigt</translation>
    </message>
    <message>
        <source>The database of the project in {0} is damaged, so medlabel has not changed anything in it.

Bring back one of its backups now? The damaged file is kept in the project&apos;s backups folder.</source>
        <translation>Die Datenbank des Projekts in {0} ist beschädigt; medlabel hat darin nichts verändert.

Jetzt eine seiner Sicherungen zurückholen? Die beschädigte Datei wird im Sicherungsordner des Projekts aufbewahrt.</translation>
    </message>
    <message>
        <source>Restored the backup of {0}</source>
        <translation>Sicherung wiederhergestellt: {0}</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation>Ein Lauf ist im Gange</translation>
    </message>
    <message>
        <source>A training run is in progress. Closing cancels it; it is recorded as cancelled. Close anyway?</source>
        <translation>Ein Trainingslauf ist im Gange. Beim Schließen wird er abgebrochen und als abgebrochen gespeichert. Trotzdem schließen?</translation>
    </message>
    <message>
        <source>The log folder</source>
        <translation>Der Protokollordner</translation>
    </message>
    <message>
        <source>No file manager could be opened. medlabel&apos;s log is in this folder:

{0}</source>
        <translation>Es ließ sich kein Dateimanager öffnen. Das Protokoll von medlabel liegt in diesem Ordner:

{0}</translation>
    </message>
    <message>
        <source>text only</source>
        <translation>nur Text</translation>
    </message>
    <message>
        <source>number in {0}</source>
        <translation>Zahl in {0}</translation>
    </message>
    <message>
        <source>plausible {0}–{1}</source>
        <translation>plausibel {0}–{1}</translation>
    </message>
    <message>
        <source>code from {0}</source>
        <translation>Code aus {0}</translation>
    </message>
    <message>
        <source>Labels and entity types</source>
        <translation>Labels und Entitätstypen</translation>
    </message>
    <message>
        <source>Label set / label</source>
        <translation>Labelgruppe / Label</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Add label set…</source>
        <translation>Labelgruppe hinzufügen…</translation>
    </message>
    <message>
        <source>Add label…</source>
        <translation>Label hinzufügen…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Definition…</source>
        <translation>Definition…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Document labels (one label per label set and report)</source>
        <translation>Befundlabels (ein Label pro Labelgruppe und Befund)</translation>
    </message>
    <message>
        <source>micro-F1</source>
        <translation>micro-F1</translation>
    </message>
    <message>
        <source>weighted-F1</source>
        <translation>gewichteter F1</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Sensitivität</translation>
    </message>
    <message>
        <source>F1 (95% CI)</source>
        <translation>F1 (95-%-KI)</translation>
    </message>
    <message>
        <source>Test reports</source>
        <translation>Testbefunde</translation>
    </message>
    <message>
        <source>Baseline F1</source>
        <translation>F1 der Baseline</translation>
    </message>
    <message>
        <source>Strict span F1</source>
        <translation>Markierungs-F1 (exakt)</translation>
    </message>
    <message>
        <source>Lenient span F1</source>
        <translation>Markierungs-F1 (überlappend)</translation>
    </message>
    <message>
        <source>Value accuracy</source>
        <translation>Wertgenauigkeit</translation>
    </message>
    <message>
        <source>Value F1</source>
        <translation>Werte-F1</translation>
    </message>
    <message>
        <source>Run {run} F1</source>
        <translation>F1 Lauf {run}</translation>
    </message>
    <message>
        <source>Difference (95% CI)</source>
        <translation>Differenz (95-%-KI)</translation>
    </message>
    <message>
        <source>Entity type</source>
        <translation>Entitätstyp</translation>
    </message>
    <message>
        <source>Gold spans</source>
        <translation>Gold-Markierungen</translation>
    </message>
    <message>
        <source>F1 with its 95% confidence interval from 1000 resamples of the test reports</source>
        <translation>F1 mit 95-%-Konfidenzintervall aus 1000 Stichproben der Testbefunde</translation>
    </message>
    <message>
        <source>The baseline (TF-IDF and logistic regression) on the same test reports</source>
        <translation>Die Baseline (TF-IDF und logistische Regression) auf denselben Testbefunden</translation>
    </message>
    <message>
        <source>F1 of run {a} minus F1 of run {b}, with its 95% confidence interval</source>
        <translation>F1 von Lauf {a} minus F1 von Lauf {b}, mit seinem 95-%-Konfidenzintervall</translation>
    </message>
    <message>
        <source>A found span counts only with exactly the gold span&apos;s start and end</source>
        <translation>Eine gefundene Markierung zählt nur, wenn Anfang und Ende genau mit der Gold-Markierung übereinstimmen</translation>
    </message>
    <message>
        <source>A found span counts when it overlaps a gold span of the same type</source>
        <translation>Eine gefundene Markierung zählt, wenn sie eine Gold-Markierung desselben Typs überlappt</translation>
    </message>
    <message>
        <source>Share of reports with this field whose values are all exactly right</source>
        <translation>Anteil der Befunde mit diesem Feld, deren Werte alle genau stimmen</translation>
    </message>
    <message>
        <source>only {n} test reports: the interval is wide</source>
        <translation>nur {n} Testbefunde: Das Intervall ist breit</translation>
    </message>
    <message>
        <source>{n} (small)</source>
        <translation>{n} (wenige)</translation>
    </message>
    <message>
        <source>95% CI: {interval}</source>
        <translation>95-%-KI: {interval}</translation>
    </message>
    <message>
        <source>all types, strict</source>
        <translation>alle Typen, exakt</translation>
    </message>
    <message>
        <source>all types, lenient</source>
        <translation>alle Typen, überlappend</translation>
    </message>
    <message>
        <source>all fields, values</source>
        <translation>alle Felder, Werte</translation>
    </message>
    <message>
        <source>the interval excludes 0: a real difference on these test reports</source>
        <translation>das Intervall schließt 0 aus: ein echter Unterschied auf diesen Testbefunden</translation>
    </message>
    <message>
        <source>the interval includes 0: these test reports cannot tell the two runs apart</source>
        <translation>das Intervall schließt 0 ein: Diese Testbefunde können die beiden Läufe nicht unterscheiden</translation>
    </message>
    <message>
        <source>{invalid} of {n} answers could not be read ({percent} %): each counts as wrong and as no prediction of any class.</source>
        <translation>{invalid} von {n} Antworten konnten nicht gelesen werden ({percent} %): Jede zählt als falsch und als Vorhersage keiner Klasse.</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <source>Add entity type…</source>
        <translation>Entitätstyp hinzufügen…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Farbe…</translation>
    </message>
    <message>
        <source>Value…</source>
        <translation>Wert…</translation>
    </message>
    <message>
        <source>Units, analyte and plausible range of the values</source>
        <translation>Einheiten, Analyt und plausibler Bereich der Werte</translation>
    </message>
    <message>
        <source>Entities (spans of text)</source>
        <translation>Entitäten (Textmarkierungen)</translation>
    </message>
    <message>
        <source>This project is open read-only: the schema can be read here but not changed.</source>
        <translation>Dieses Projekt ist schreibgeschützt geöffnet: Das Schema kann hier gelesen, aber nicht geändert werden.</translation>
    </message>
    <message>
        <source>Changes are stored as you make them. Double-click a name to rename it, a value or a definition to edit it.</source>
        <translation>Änderungen werden sofort gespeichert. Doppelklicken Sie auf einen Namen, um ihn umzubenennen, auf einen Wert oder eine Definition, um sie zu bearbeiten.</translation>
    </message>
    <message>
        <source>Definition (shown as a tooltip):</source>
        <translation>Definition (wird als Tooltip angezeigt):</translation>
    </message>
    <message>
        <source>A label of &apos;{0}&apos; is used by 1 document. Remove the label set, its labels and that document label?</source>
        <translation>Ein Label von „{0}“ wird in 1 Befund verwendet. Die Labelgruppe, ihre Labels und dieses Befundlabel entfernen?</translation>
    </message>
    <message>
        <source>Labels of &apos;{0}&apos; are used by {1} documents. Remove the label set, its labels and those {1} document labels?</source>
        <translation>Labels von „{0}“ werden in {1} Befunden verwendet. Die Labelgruppe, ihre Labels und diese {1} Befundlabels entfernen?</translation>
    </message>
    <message>
        <source>Remove the label set &apos;{0}&apos; with its {1} labels? No document uses them.</source>
        <translation>Die Labelgruppe „{0}“ mit ihren {1} Labels entfernen? Kein Befund verwendet sie.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is used by 1 document. Remove it and that label?</source>
        <translation>„{0}“ wird in 1 Befund verwendet. Das Label entfernen und auch aus diesem Befund löschen?</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is used by {1} documents. Remove it and those {1} labels?</source>
        <translation>„{0}“ wird in {1} Befunden verwendet. Das Label entfernen und auch aus diesen {1} Befunden löschen?</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is marked once. Remove it and that span?</source>
        <translation>„{0}“ ist einmal markiert. Den Entitätstyp und diese Markierung entfernen?</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is marked {1} times. Remove it and those {1} spans?</source>
        <translation>„{0}“ ist {1}-mal markiert. Den Entitätstyp und diese {1} Markierungen entfernen?</translation>
    </message>
    <message>
        <source>New label set</source>
        <translation>Neue Labelgruppe</translation>
    </message>
    <message>
        <source>Name of the label set (e.g. smoking status):</source>
        <translation>Name der Labelgruppe (z. B. Raucherstatus):</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>Neues Label</translation>
    </message>
    <message>
        <source>Name of the new label in &apos;{0}&apos;:</source>
        <translation>Name des neuen Labels in „{0}“:</translation>
    </message>
    <message>
        <source>Rename label set</source>
        <translation>Labelgruppe umbenennen</translation>
    </message>
    <message>
        <source>New name for &apos;{0}&apos;:</source>
        <translation>Neuer Name für „{0}“:</translation>
    </message>
    <message>
        <source>Rename label</source>
        <translation>Label umbenennen</translation>
    </message>
    <message>
        <source>Definition of &apos;{0}&apos;</source>
        <translation>Definition von „{0}“</translation>
    </message>
    <message>
        <source>Rename entity type</source>
        <translation>Entitätstyp umbenennen</translation>
    </message>
    <message>
        <source>Label {0}: {1}</source>
        <translation>Label {0}: {1}</translation>
    </message>
    <message>
        <source>Add {0} span</source>
        <translation>Markierung {0} hinzufügen</translation>
    </message>
    <message>
        <source>Redone: the span is {0} again.</source>
        <translation>Wiederholt: Die Markierung ist wieder {0}.</translation>
    </message>
    <message>
        <source>Undone: the span is {0} again.</source>
        <translation>Rückgängig: Die Markierung ist wieder {0}.</translation>
    </message>
    <message>
        <source>Change {0} span to {1}</source>
        <translation>Markierung {0} in {1} ändern</translation>
    </message>
    <message>
        <source>Edit {0} span</source>
        <translation>Markierung {0} bearbeiten</translation>
    </message>
    <message>
        <source>Delete {0} span</source>
        <translation>Markierung {0} löschen</translation>
    </message>
    <message>
        <source>Accept suggestion {0}: {1}</source>
        <translation>Vorschlag übernehmen {0}: {1}</translation>
    </message>
    <message numerus="yes">
        <source>Accept {0} suggested span(s)</source>
        <translation>
            <numerusform>{0} vorgeschlagene Markierung übernehmen</numerusform>
            <numerusform>{0} vorgeschlagene Markierungen übernehmen</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Press Esc or F1 to close.</source>
        <translation>Drücken Sie Esc oder F1, um das Fenster zu schließen.</translation>
    </message>
    <message>
        <source>Smoking status — English discharge summaries, one label per report</source>
        <translation>Raucherstatus — englische Entlassungsberichte, ein Label pro Befund</translation>
    </message>
    <message>
        <source>Cardiac MRI — German reports, measurements marked as spans with values</source>
        <translation>Kardio-MRT — deutsche Befunde, Messwerte als Markierungen mit Werten</translation>
    </message>
    <message>
        <source>Shortness of breath — English discharge summaries, principal diagnosis from the whole report</source>
        <translation>Atemnot — englische Entlassungsberichte, Hauptdiagnose aus dem ganzen Befund</translation>
    </message>
    <message>
        <source>Open a demo project</source>
        <translation>Demo-Projekt öffnen</translation>
    </message>
    <message>
        <source>A demo project holds synthetic reports (no real patients), part of them already labelled, so you can try labelling and training at once.</source>
        <translation>Ein Demo-Projekt enthält synthetische Befunde (keine echten Patient:innen), teilweise bereits gelabelt, sodass Sie Labeln und Training sofort ausprobieren können.</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>A project already exists there; it will be opened.</source>
        <translation>Dort gibt es bereits ein Projekt; es wird geöffnet.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Choose the folder for the demo project</source>
        <translation>Ordner für das Demo-Projekt auswählen</translation>
    </message>
    <message>
        <source>Label medical reports quickly with the keyboard, and train models on your labels — all on this computer.</source>
        <translation>Medizinische Befunde schnell per Tastatur labeln und Modelle mit Ihren Labels trainieren — alles auf diesem Computer.</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>No recent projects yet. Start from a file or try a demo project.</source>
        <translation>Noch keine zuletzt geöffneten Projekte. Beginnen Sie mit einer Datei oder probieren Sie ein Demo-Projekt aus.</translation>
    </message>
    <message>
        <source>New project from file…</source>
        <translation>Neues Projekt aus Datei…</translation>
    </message>
    <message>
        <source>Import reports from CSV, Excel, JSON lines, text files, i2b2 or brat</source>
        <translation>Befunde aus CSV, Excel, JSON Lines, Textdateien, i2b2 oder brat importieren</translation>
    </message>
    <message>
        <source>Open demo project…</source>
        <translation>Demo-Projekt öffnen…</translation>
    </message>
    <message>
        <source>Not a medlabel project</source>
        <translation>Kein medlabel-Projekt</translation>
    </message>
    <message>
        <source>{0} is not a medlabel project: it has no {1} in it.

Choose the folder that holds {1}, or make a project with “New project from file…” or “Open demo project…”.</source>
        <translation>{0} ist kein medlabel-Projekt: Es enthält keine Datei {1}.

Wählen Sie den Ordner, der {1} enthält, oder erstellen Sie ein Projekt mit „Neues Projekt aus Datei…“ oder „Demo-Projekt öffnen…“.</translation>
    </message>
    <message>
        <source>Demo project</source>
        <translation>Demo-Projekt</translation>
    </message>
    <message>
        <source>Creating the demo project with {0} synthetic reports…</source>
        <translation>Demo-Projekt mit {0} synthetischen Befunden wird erstellt…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Read-only: you may read this project&apos;s folder but not change it (its permissions, or a read-only disk or share). You can read and search. To edit, copy the project to a folder of your own and open the copy.</source>
        <translation>Schreibgeschützt: Sie dürfen den Ordner dieses Projekts lesen, aber nicht ändern (seine Berechtigungen oder ein schreibgeschütztes Laufwerk bzw. eine schreibgeschützte Freigabe). Sie können lesen und suchen. Zum Bearbeiten kopieren Sie das Projekt in einen eigenen Ordner und öffnen die Kopie.</translation>
    </message>
    <message>
        <source>Read-only: this project is open in another medlabel window (or another program). You can read and search, but not change anything. Close it there and reopen it here to edit.</source>
        <translation>Schreibgeschützt: Dieses Projekt ist in einem anderen medlabel-Fenster (oder einem anderen Programm) geöffnet. Sie können lesen und suchen, aber nichts ändern. Schließen Sie es dort und öffnen Sie es hier erneut, um es zu bearbeiten.</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <source>This is the last report in the list.</source>
        <translation>Dies ist der letzte Befund in der Liste.</translation>
    </message>
    <message>
        <source>This is the first report in the list.</source>
        <translation>Dies ist der erste Befund in der Liste.</translation>
    </message>
    <message>
        <source>Every report in the list is labelled.</source>
        <translation>Alle Befunde in der Liste sind gelabelt.</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} min {1} s</source>
        <translation>{0} min {1} s</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <source>model {0} of {1}</source>
        <translation>Modell {0} von {1}</translation>
    </message>
    <message>
        <source>epoch {0} of {1}</source>
        <translation>Epoche {0} von {1}</translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>predicting</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>loading data</source>
        <translation>Daten werden geladen</translation>
    </message>
    <message>
        <source>loading the model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <source>choosing what to read of each report</source>
        <translation>Auswahl, was von jedem Befund gelesen wird</translation>
    </message>
    <message>
        <source>baseline: {0}</source>
        <translation>Baseline: {0}</translation>
    </message>
    <message>
        <source>{0}, model {1} of {2}</source>
        <translation>{0}, Modell {1} von {2}</translation>
    </message>
    <message>
        <source>Only {0} training reports are labelled &apos;{1}&apos;: the model will hardly learn it (aim for at least 10).</source>
        <translation>Nur {0} Trainingsbefunde tragen das Label „{1}“: Das Modell wird es kaum lernen (streben Sie mindestens 10 an).</translation>
    </message>
    <message>
        <source>There is no test split yet: {0} of the labelled reports will be set aside as the test split when the run starts, and kept for every later run.</source>
        <translation>Es gibt noch keine Testbefunde: Beim Start des Laufs werden {0} der gelabelten Befunde als Testbefunde zurückgehalten und für alle späteren Läufe beibehalten.</translation>
    </message>
    <message>
        <source>Only {0} reports are labelled for this task; label at least 10 (better 100 or more) before training.</source>
        <translation>Für diese Aufgabe sind erst {0} Befunde gelabelt; labeln Sie vor dem Training mindestens 10 (besser 100 oder mehr).</translation>
    </message>
    <message>
        <source>The model gave every test report the same label, &apos;{0}&apos;. It has not learnt to tell the labels apart: label more reports of the rarer labels, or try a lower learning rate.</source>
        <translation>Das Modell hat allen Testbefunden dasselbe Label gegeben: „{0}“. Es hat nicht gelernt, die Labels zu unterscheiden: Labeln Sie mehr Befunde mit den selteneren Labels, oder versuchen Sie eine niedrigere Lernrate.</translation>
    </message>
    <message>
        <source>The baseline (word statistics) scored higher on the validation reports ({0} against {1}): for this task it is probably the better model. Compare the two on the test split before using this run.</source>
        <translation>Die Baseline (Wortstatistik) hat auf den Validierungsbefunden besser abgeschnitten ({0} gegenüber {1}): Für diese Aufgabe ist sie wahrscheinlich das bessere Modell. Vergleichen Sie beide auf den Testbefunden, bevor Sie diesen Lauf verwenden.</translation>
    </message>
    <message>
        <source>Turn on “4-bit model (QLoRA)” under Advanced settings: the model&apos;s weights then take a quarter of the memory.</source>
        <translation>Schalten Sie unter „Erweiterte Einstellungen“ das „4-Bit-Modell (QLoRA)“ ein: Die Gewichte des Modells belegen dann nur ein Viertel des Speichers.</translation>
    </message>
    <message>
        <source>Set “Batch size” to {0} and “Gradient accumulation” to {1} under Advanced settings (the same effective batch).</source>
        <translation>Setzen Sie unter „Erweiterte Einstellungen“ die „Batchgröße“ auf {0} und die „Gradientenakkumulation“ auf {1} (gleiche effektive Batchgröße).</translation>
    </message>
    <message>
        <source>Set “Maximum length” to {0} under Advanced settings (longer reports are cut).</source>
        <translation>Setzen Sie unter „Erweiterte Einstellungen“ die „Maximale Länge“ auf {0} (längere Befunde werden gekürzt).</translation>
    </message>
    <message>
        <source>Even at the smallest settings the run needs about {0}: choose a smaller model or a computer with a graphics card.</source>
        <translation>Selbst mit den kleinsten Einstellungen braucht der Lauf etwa {0}: Wählen Sie ein kleineres Modell oder einen Computer mit Grafikkarte.</translation>
    </message>
    <message>
        <source>This computer has no CUDA graphics card; set the device to automatic or CPU.</source>
        <translation>Dieser Computer hat keine CUDA-Grafikkarte; stellen Sie das „Gerät“ auf „automatisch“ oder „CPU“.</translation>
    </message>
    <message>
        <source>Ctrl+Enter now goes to the report the model is least sure of.</source>
        <translation>Strg+Enter geht jetzt zum Befund, bei dem das Modell am unsichersten ist.</translation>
    </message>
    <message>
        <source>No model has predicted these reports yet: predict them on the Train page first.</source>
        <translation>Noch kein Modell hat diese Befunde vorhergesagt: Sagen Sie sie zuerst auf der Seite „Trainieren“ vorher.</translation>
    </message>
    <message>
        <source>Reports of this project are shown in a fixed-width font.</source>
        <translation>Befunde dieses Projekts werden in einer Schrift mit fester Breite gezeigt.</translation>
    </message>
    <message>
        <source>Reports of this project are shown in the reading font.</source>
        <translation>Befunde dieses Projekts werden in der Leseschrift gezeigt.</translation>
    </message>
    <message>
        <source>test (held out)</source>
        <translation>Test (zurückgehalten)</translation>
    </message>
    <message>
        <source>Accepted the model&apos;s label {0}.</source>
        <translation>Label {0} des Modells übernommen.</translation>
    </message>
    <message>
        <source>The model has no label suggestion for this report.</source>
        <translation>Für diesen Befund hat das Modell keinen Labelvorschlag.</translation>
    </message>
    <message numerus="yes">
        <source>Marked {0} suggested span(s).</source>
        <translation>
            <numerusform>{0} vorgeschlagene Markierung gesetzt.</numerusform>
            <numerusform>{0} vorgeschlagene Markierungen gesetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>No suggested span is left to accept on this report.</source>
        <translation>In diesem Befund ist keine vorgeschlagene Markierung mehr offen.</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <source>{0} — {1} / {2} labelled{3}</source>
        <translation>{0} — {1} / {2} gelabelt{3}</translation>
    </message>
    <message>
        <source>This project is open read-only: nothing can be changed here.</source>
        <translation>Dieses Projekt ist schreibgeschützt geöffnet: Hier kann nichts geändert werden.</translation>
    </message>
    <message>
        <source>Marked {0}.</source>
        <translation>{0} markiert.</translation>
    </message>
    <message>
        <source>Select some text first (mouse, or Shift+arrow keys), then press the key.</source>
        <translation>Wählen Sie zuerst Text aus (Maus oder Umschalt+Pfeiltasten) und drücken Sie dann die Taste.</translation>
    </message>
    <message>
        <source>{value} {unit} is outside the plausible range {low}–{high} {range_unit} for {type}: check the value and its unit.</source>
        <translation>{value} {unit} liegt außerhalb des plausiblen Bereichs {low}–{high} {range_unit} für {type}: Prüfen Sie den Wert und seine Einheit.</translation>
    </message>
    <message>
        <source>Marked {0}; no vocabulary is loaded for this type, so the span has no code.</source>
        <translation>{0} markiert; für diesen Typ ist kein Vokabular geladen, daher hat die Markierung keinen Code.</translation>
    </message>
    <message>
        <source>Marked {0}; “{1}” matches no code of its vocabulary, so the code was left empty: choose one in the span editor.</source>
        <translation>{0} markiert; „{1}“ passt zu keinem Code seines Vokabulars, daher bleibt der Code leer: Wählen Sie einen im Markierungsfeld.</translation>
    </message>
    <message>
        <source>Marked {0}; “{1}” cannot be read as a value in {2}, so the value was left empty: type it in the span editor.</source>
        <translation>{0} markiert; „{1}“ lässt sich nicht als Wert in {2} lesen, daher bleibt der Wert leer: Geben Sie ihn im Markierungsfeld ein.</translation>
    </message>
    <message>
        <source>No span is selected: click one first.</source>
        <translation>Keine Markierung ausgewählt: Klicken Sie zuerst auf eine.</translation>
    </message>
    <message>
        <source>Model (run {0}) suggests {1}{2} — Alt+A accepts it</source>
        <translation>Modell (Lauf {0}) schlägt {1}{2} vor — Alt+A übernimmt</translation>
    </message>
    <message numerus="yes">
        <source>Model (run {0}) suggests {1} span(s), dashed in the report — Alt+Shift+A marks them all</source>
        <translation>
            <numerusform>Modell (Lauf {0}) schlägt {1} Markierung vor, gestrichelt im Befund — Alt+Umschalt+A setzt sie</numerusform>
            <numerusform>Modell (Lauf {0}) schlägt {1} Markierungen vor, gestrichelt im Befund — Alt+Umschalt+A setzt alle</numerusform>
        </translation>
    </message>
    <message>
        <source>contents unknown</source>
        <translation>Inhalt unbekannt</translation>
    </message>
    <message>
        <source>{0} reports, {1} labelled, {2} spans, {3} training runs</source>
        <translation>{0} Befunde, {1} gelabelt, {2} Markierungen, {3} Trainingsläufe</translation>
    </message>
    <message>
        <source>when the project was made</source>
        <translation>beim Anlegen des Projekts</translation>
    </message>
    <message>
        <source>when the project was opened</source>
        <translation>beim Öffnen des Projekts</translation>
    </message>
    <message>
        <source>while working</source>
        <translation>während der Arbeit</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>vor einer Wiederherstellung</translation>
    </message>
    <message>
        <source>; last change {0}</source>
        <translation>; letzte Änderung {0}</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Aus einer Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>The project now: {0}</source>
        <translation>Das Projekt jetzt: {0}</translation>
    </message>
    <message>
        <source>The project now: its database cannot be read ({0}).</source>
        <translation>Das Projekt jetzt: Seine Datenbank kann nicht gelesen werden ({0}).</translation>
    </message>
    <message>
        <source>This project has no backups yet. medlabel keeps one each time a project is opened for writing and every few minutes while you work.</source>
        <translation>Dieses Projekt hat noch keine Sicherungen. medlabel legt eine an, wann immer ein Projekt zum Bearbeiten geöffnet wird, und alle paar Minuten, während Sie arbeiten.</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <source>Backups, newest first:</source>
        <translation>Sicherungen, neueste zuerst:</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>Diese Sicherung wiederherstellen?</translation>
    </message>
    <message>
        <source>Bring back the project as it was at {0}: {1}.

The project as it is now is kept as a backup first, so this can be undone by restoring that one.</source>
        <translation>Das Projekt so zurückholen, wie es am {0} war: {1}.

Das Projekt, wie es jetzt ist, wird vorher als Sicherung aufbewahrt; durch deren Wiederherstellung lässt sich dies rückgängig machen.</translation>
    </message>
    <message>
        <source>Restoring the project…</source>
        <translation>Das Projekt wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>line {0}</source>
        <translation>Zeile {0}</translation>
    </message>
    <message>
        <source>lines {0}</source>
        <translation>Zeilen {0}</translation>
    </message>
    <message>
        <source>row {0}</source>
        <translation>Zeile {0}</translation>
    </message>
    <message>
        <source>column {0}</source>
        <translation>Spalte {0}</translation>
    </message>
    <message>
        <source>task {0}</source>
        <translation>Aufgabe {0}</translation>
    </message>
    <message>
        <source>result {0}</source>
        <translation>Ergebnis {0}</translation>
    </message>
    <message>
        <source>span {0}</source>
        <translation>Markierung {0}</translation>
    </message>
    <message>
        <source>record {0}</source>
        <translation>Datensatz {0}</translation>
    </message>
    <message>
        <source>file {0}</source>
        <translation>Datei {0}</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>ein PNG-Bild</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>ein JPEG-Bild</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>ein GIF-Bild</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>ein PDF-Dokument</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>ein ZIP-Archiv</translation>
    </message>
    <message>
        <source>a gzip archive</source>
        <translation>ein gzip-Archiv</translation>
    </message>
    <message>
        <source>an old Office file (.xls or .doc)</source>
        <translation>eine alte Office-Datei (.xls oder .doc)</translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation>ein 7-Zip-Archiv</translation>
    </message>
    <message>
        <source>a RAR archive</source>
        <translation>ein RAR-Archiv</translation>
    </message>
    <message>
        <source>an xz archive</source>
        <translation>ein xz-Archiv</translation>
    </message>
    <message>
        <source>an SQLite database</source>
        <translation>eine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>ein Programm</translation>
    </message>
    <message>
        <source>a tar archive</source>
        <translation>ein tar-Archiv</translation>
    </message>
    <message>
        <source>a Word document (.docx)</source>
        <translation>ein Word-Dokument (.docx)</translation>
    </message>
    <message>
        <source>NUL bytes, which text files do not hold</source>
        <translation>NUL-Bytes, die Textdateien nicht enthalten</translation>
    </message>
    <message>
        <source>many control bytes, which text files do not hold</source>
        <translation>viele Steuerbytes, die Textdateien nicht enthalten</translation>
    </message>
    <message>
        <source>NUL characters, which text files do not hold</source>
        <translation>NUL-Zeichen, die Textdateien nicht enthalten</translation>
    </message>
    <message>
        <source>many control characters, which text files do not hold</source>
        <translation>viele Steuerzeichen, die Textdateien nicht enthalten</translation>
    </message>
    <message>
        <source>no format medlabel knows</source>
        <translation>kein Format, das medlabel kennt</translation>
    </message>
    <message>
        <source>the disk or share is read-only</source>
        <translation>das Laufwerk oder die Freigabe ist schreibgeschützt</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>id appears more than once in the file</source>
        <translation>ID kommt mehrmals in der Datei vor</translation>
    </message>
    <message>
        <source>keep the first, skip the rest</source>
        <translation>den ersten behalten, die übrigen überspringen</translation>
    </message>
    <message>
        <source>id already in the project</source>
        <translation>ID ist schon im Projekt</translation>
    </message>
    <message>
        <source>skip these documents</source>
        <translation>diese Befunde überspringen</translation>
    </message>
    <message>
        <source>empty text</source>
        <translation>leerer Text</translation>
    </message>
    <message>
        <source>span outside the text or cutting a character</source>
        <translation>Markierung außerhalb des Textes oder mitten in einem Zeichen</translation>
    </message>
    <message>
        <source>drop these spans</source>
        <translation>diese Markierungen weglassen</translation>
    </message>
    <message>
        <source>unknown split name (use train or test)</source>
        <translation>unbekannte Aufteilung (train oder test verwenden)</translation>
    </message>
    <message>
        <source>leave the split empty</source>
        <translation>Aufteilung leer lassen</translation>
    </message>
    <message>
        <source>label not in the project&apos;s label set</source>
        <translation>Label nicht in der Labelgruppe des Projekts</translation>
    </message>
    <message>
        <source>drop these labels</source>
        <translation>diese Labels weglassen</translation>
    </message>
    <message>
        <source>The project {0} is already open for writing in another medlabel window (process {1} on {2}, since {3}). Close it there first, or open this project read-only.</source>
        <translation>Das Projekt {0} ist bereits in einem anderen medlabel-Fenster zum Schreiben geöffnet (Prozess {1} auf {2}, seit {3}). Schließen Sie es dort zuerst, oder öffnen Sie dieses Projekt schreibgeschützt.</translation>
    </message>
    <message>
        <source>The project {0} is already open for writing in another medlabel window or program. Close it there first, or open this project read-only.</source>
        <translation>Das Projekt {0} ist bereits in einem anderen medlabel-Fenster oder Programm zum Schreiben geöffnet. Schließen Sie es dort zuerst, oder öffnen Sie dieses Projekt schreibgeschützt.</translation>
    </message>
    <message>
        <source>Nothing was changed. Bring back a backup with Project → Restore from a backup…</source>
        <translation>Es wurde nichts verändert. Holen Sie eine Sicherung zurück mit Projekt → Aus einer Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>The database of the project {0} is damaged ({1}). {2}</source>
        <translation>Die Datenbank des Projekts {0} ist beschädigt ({1}). {2}</translation>
    </message>
    <message>
        <source>The project&apos;s database is damaged ({0}). {1}</source>
        <translation>Die Datenbank des Projekts ist beschädigt ({0}). {1}</translation>
    </message>
    <message>
        <source>{0}: the report has at least {1} characters, more than the limit of {2} for one report. Split it into smaller reports and import those.</source>
        <translation>{0}: Der Befund hat mindestens {1} Zeichen, mehr als die Grenze von {2} für einen Befund. Teilen Sie ihn in kleinere Befunde auf und importieren Sie diese.</translation>
    </message>
    <message>
        <source>{0}: the report has {1} characters, more than the limit of {2} for one report. Split it into smaller reports and import those.</source>
        <translation>{0}: Der Befund hat {1} Zeichen, mehr als die Grenze von {2} für einen Befund. Teilen Sie ihn in kleinere Befunde auf und importieren Sie diese.</translation>
    </message>
    <message>
        <source>medlabel may not read the folder {0} (permission denied). Check the folder&apos;s permissions.</source>
        <translation>medlabel darf den Ordner {0} nicht lesen (Zugriff verweigert). Prüfen Sie die Berechtigungen des Ordners.</translation>
    </message>
    <message>
        <source>medlabel may not read {0} (permission denied). Check the file&apos;s permissions.</source>
        <translation>medlabel darf {0} nicht lesen (Zugriff verweigert). Prüfen Sie die Berechtigungen der Datei.</translation>
    </message>
    <message>
        <source>{0} has no column “{1}” to take the report text from. Columns found: {2}.</source>
        <translation>{0} hat keine Spalte „{1}“, aus der der Befundtext genommen werden kann. Gefundene Spalten: {2}.</translation>
    </message>
    <message>
        <source>{0} has no column “{1}” to take the document id from. Columns found: {2}.</source>
        <translation>{0} hat keine Spalte „{1}“, aus der die Befund-ID genommen werden kann. Gefundene Spalten: {2}.</translation>
    </message>
    <message>
        <source>{0} has no column “{1}” to take labels from. Columns found: {2}.</source>
        <translation>{0} hat keine Spalte „{1}“, aus der Labels genommen werden können. Gefundene Spalten: {2}.</translation>
    </message>
    <message>
        <source>medlabel cannot tell the format of {0} from its ending “{1}”. Choose the format in the list.</source>
        <translation>medlabel kann das Format von {0} nicht an der Endung „{1}“ erkennen. Wählen Sie das Format in der Liste.</translation>
    </message>
    <message>
        <source>The file has problems that need your decision ({0}); nothing was imported. Go back to the check, choose what should happen with the problems, and import again.</source>
        <translation>Die Datei hat Probleme, über die Sie entscheiden müssen ({0}); es wurde nichts importiert. Gehen Sie zurück zur Prüfung, wählen Sie, was mit den Problemen geschehen soll, und importieren Sie erneut.</translation>
    </message>
    <message>
        <source>A label set needs a name; the name given is empty.</source>
        <translation>Eine Labelgruppe braucht einen Namen; der angegebene Name ist leer.</translation>
    </message>
    <message>
        <source>A label needs a name; the name given is empty.</source>
        <translation>Ein Label braucht einen Namen; der angegebene Name ist leer.</translation>
    </message>
    <message>
        <source>An entity type needs a name; the name given is empty.</source>
        <translation>Ein Entitätstyp braucht einen Namen; der angegebene Name ist leer.</translation>
    </message>
    <message>
        <source>The label set name “{0}…” is longer than {1} characters; choose a shorter one.</source>
        <translation>Der Name der Labelgruppe „{0}…“ ist länger als {1} Zeichen; wählen Sie einen kürzeren.</translation>
    </message>
    <message>
        <source>The label name “{0}…” is longer than {1} characters; choose a shorter one.</source>
        <translation>Der Name des Labels „{0}…“ ist länger als {1} Zeichen; wählen Sie einen kürzeren.</translation>
    </message>
    <message>
        <source>The entity type name “{0}…” is longer than {1} characters; choose a shorter one.</source>
        <translation>Der Name des Entitätstyps „{0}…“ ist länger als {1} Zeichen; wählen Sie einen kürzeren.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>The project {0} is open read-only, so nothing can be changed. Close it in the other window, then open it here again to edit it.</source>
        <translation>Das Projekt {0} ist schreibgeschützt geöffnet, daher kann nichts geändert werden. Schließen Sie es im anderen Fenster und öffnen Sie es hier erneut, um es zu bearbeiten.</translation>
    </message>
    <message>
        <source>medlabel may not open {0} for writing ({1}). Check the folder&apos;s permissions, or copy the project to a folder of your own; it can still be opened read-only.</source>
        <translation>medlabel darf {0} nicht zum Schreiben öffnen ({1}). Prüfen Sie die Berechtigungen des Ordners, oder kopieren Sie das Projekt in einen eigenen Ordner; schreibgeschützt lässt es sich weiterhin öffnen.</translation>
    </message>
    <message>
        <source>medlabel cannot create a project in {0} ({1}). Choose a folder you may write to, such as one in your home folder.</source>
        <translation>medlabel kann in {0} kein Projekt anlegen ({1}). Wählen Sie einen Ordner, in den Sie schreiben dürfen, etwa einen in Ihrem persönlichen Ordner.</translation>
    </message>
    <message>
        <source>There is no folder {0}. Check the path.</source>
        <translation>Es gibt keinen Ordner {0}. Prüfen Sie den Pfad.</translation>
    </message>
    <message>
        <source>medlabel may not look into the folder {0} (permission denied). Check its permissions.</source>
        <translation>medlabel darf nicht in den Ordner {0} schauen (Zugriff verweigert). Prüfen Sie seine Berechtigungen.</translation>
    </message>
    <message>
        <source>{0} is not a medlabel project: it has no {1} in it. Choose the folder that holds {1}, or make a project from a file of reports or from a demo.</source>
        <translation>{0} ist kein medlabel-Projekt: Es enthält keine Datei {1}. Wählen Sie den Ordner, der {1} enthält, oder legen Sie ein Projekt aus einer Befunddatei oder einer Demo an.</translation>
    </message>
    <message>
        <source>The new project in {0} could not be completed (its database log was busy). Try again.</source>
        <translation>Das neue Projekt in {0} konnte nicht fertiggestellt werden (das Protokoll seiner Datenbank war belegt). Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{0} appeared while the project was being made. Choose another folder.</source>
        <translation>{0} ist entstanden, während das Projekt angelegt wurde. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>{0} came to hold a project while this one was being made. Open that project, or choose another folder.</source>
        <translation>In {0} ist ein Projekt entstanden, während dieses angelegt wurde. Öffnen Sie jenes Projekt, oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>{0} already holds a medlabel project. Open it instead of creating one.</source>
        <translation>{0} enthält bereits ein medlabel-Projekt. Öffnen Sie es, statt ein neues anzulegen.</translation>
    </message>
    <message>
        <source>{0} is a file, but the project needs that name for its runs folder. Move or rename the file.</source>
        <translation>{0} ist eine Datei, aber das Projekt braucht diesen Namen für seinen Ordner der Trainingsläufe. Verschieben oder benennen Sie die Datei um.</translation>
    </message>
    <message>
        <source>The project {0} can be read but not changed by you (its folder or database is read-only). Open it read-only, or copy it to a folder of your own to edit it.</source>
        <translation>Das Projekt {0} kann von Ihnen gelesen, aber nicht geändert werden (sein Ordner oder seine Datenbank ist schreibgeschützt). Öffnen Sie es schreibgeschützt, oder kopieren Sie es in einen eigenen Ordner, um es zu bearbeiten.</translation>
    </message>
    <message>
        <source>The project {0} was not closed cleanly (its last changes are still in {1}) and its folder is read-only, so medlabel cannot read them in. Open it once where you may write, or copy the folder to one of your own.</source>
        <translation>Das Projekt {0} wurde nicht sauber geschlossen (seine letzten Änderungen stehen noch in {1}), und sein Ordner ist schreibgeschützt, daher kann medlabel sie nicht einlesen. Öffnen Sie es einmal dort, wo Sie schreiben dürfen, oder kopieren Sie den Ordner in einen eigenen.</translation>
    </message>
    <message>
        <source>{0} is not a medlabel project database ({1}). If it was one, bring back a copy from the backups folder beside it.</source>
        <translation>{0} ist keine medlabel-Projektdatenbank ({1}). Falls es eine war, holen Sie eine Kopie aus dem Sicherungsordner daneben zurück.</translation>
    </message>
    <message>
        <source>The project {0} was made by a newer medlabel (schema version {1}; this one knows up to {2}). Update medlabel to open it.</source>
        <translation>Das Projekt {0} wurde von einem neueren medlabel angelegt (Schemaversion {1}; dieses kennt bis {2}). Aktualisieren Sie medlabel, um es zu öffnen.</translation>
    </message>
    <message>
        <source>The project {0} was made by an older medlabel (schema version {1}). Open it once for writing to upgrade it.</source>
        <translation>Das Projekt {0} wurde von einem älteren medlabel angelegt (Schemaversion {1}). Öffnen Sie es einmal zum Schreiben, um es zu aktualisieren.</translation>
    </message>
    <message>
        <source>medlabel could not make the backup folder {0} ({1}). Check the folder&apos;s permissions.</source>
        <translation>medlabel konnte den Sicherungsordner {0} nicht anlegen ({1}). Prüfen Sie die Berechtigungen des Ordners.</translation>
    </message>
    <message>
        <source>medlabel could not keep a backup of {0} in {1} ({2}). Free some disk space or check the folder&apos;s permissions.</source>
        <translation>medlabel konnte keine Sicherung von {0} in {1} ablegen ({2}). Schaffen Sie Speicherplatz oder prüfen Sie die Berechtigungen des Ordners.</translation>
    </message>
    <message>
        <source>{0} is not a readable medlabel backup ({1}). Choose another backup.</source>
        <translation>{0} ist keine lesbare medlabel-Sicherung ({1}). Wählen Sie eine andere Sicherung.</translation>
    </message>
    <message>
        <source>The backup {0} is damaged itself ({1}). Choose another backup.</source>
        <translation>Die Sicherung {0} ist selbst beschädigt ({1}). Wählen Sie eine andere Sicherung.</translation>
    </message>
    <message>
        <source>{0} is not a project database this version of medlabel can open. Choose another backup.</source>
        <translation>{0} ist keine Projektdatenbank, die diese medlabel-Version öffnen kann. Wählen Sie eine andere Sicherung.</translation>
    </message>
    <message>
        <source>There is no demo corpus “{0}”. Choose one of: {1}.</source>
        <translation>Es gibt keinen Demo-Korpus „{0}“. Wählen Sie einen von: {1}.</translation>
    </message>
    <message>
        <source>These demo sizes do not fit: the {0} test reports must be part of the {1} labelled ones, and those part of all {2} reports.</source>
        <translation>Diese Demo-Größen passen nicht: Die {0} Testbefunde müssen Teil der {1} gelabelten sein und diese Teil aller {2} Befunde.</translation>
    </message>
    <message>
        <source>{0} already holds a project. Choose an empty or new folder for the demo.</source>
        <translation>{0} enthält bereits ein Projekt. Wählen Sie einen leeren oder neuen Ordner für die Demo.</translation>
    </message>
    <message>
        <source>medlabel could not read {0}: {1}</source>
        <translation>medlabel konnte {0} nicht lesen: {1}</translation>
    </message>
    <message>
        <source>{0} is not a text file (it looks like binary data: {1}). Export the reports as CSV, Excel (.xlsx), JSON lines or plain text and import that file.</source>
        <translation>{0} ist keine Textdatei (sie sieht nach Binärdaten aus: {1}). Exportieren Sie die Befunde als CSV, Excel (.xlsx), JSON Lines oder reinen Text und importieren Sie diese Datei.</translation>
    </message>
    <message>
        <source>{0} is not a text file: it is an Excel workbook with the wrong file ending. Rename it to end in .xlsx and import it again.</source>
        <translation>{0} ist keine Textdatei: Es ist eine Excel-Arbeitsmappe mit falscher Dateiendung. Benennen Sie sie auf .xlsx um und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>{0} is not an Excel workbook (it looks like {1}). Export the reports as CSV, Excel (.xlsx), JSON lines or plain text and import that file.</source>
        <translation>{0} ist keine Excel-Arbeitsmappe (sie sieht aus wie {1}). Exportieren Sie die Befunde als CSV, Excel (.xlsx), JSON Lines oder reinen Text und importieren Sie diese Datei.</translation>
    </message>
    <message>
        <source>{0} is an old Excel .xls workbook (or another Office 97–2003 file), not an .xlsx. Open it in Excel and save it as “Excel Workbook (.xlsx)”, or export the sheet as CSV.</source>
        <translation>{0} ist eine alte Excel-.xls-Arbeitsmappe (oder eine andere Office-97–2003-Datei), keine .xlsx. Öffnen Sie sie in Excel und speichern Sie sie als „Excel-Arbeitsmappe (.xlsx)“, oder exportieren Sie das Blatt als CSV.</translation>
    </message>
    <message>
        <source>{0} is not a readable .xlsx workbook: its zip archive is damaged or cut short. Open it in Excel and save it again, or export the sheet as CSV.</source>
        <translation>{0} ist keine lesbare .xlsx-Arbeitsmappe: Ihr ZIP-Archiv ist beschädigt oder abgeschnitten. Öffnen Sie sie in Excel und speichern Sie sie erneut, oder exportieren Sie das Blatt als CSV.</translation>
    </message>
    <message>
        <source>{0} is not an Excel workbook (an .xlsx file is a zip archive, and this one is not). If it holds text with separated columns, choose the CSV format.</source>
        <translation>{0} ist keine Excel-Arbeitsmappe (eine .xlsx-Datei ist ein ZIP-Archiv, diese nicht). Wenn sie Text mit getrennten Spalten enthält, wählen Sie das Format CSV.</translation>
    </message>
    <message>
        <source>medlabel does not know the encoding “{1}” chosen for {0}. Try utf-8, cp1252 or latin-1.</source>
        <translation>medlabel kennt die für {0} gewählte Kodierung „{1}“ nicht. Versuchen Sie utf-8, cp1252 oder latin-1.</translation>
    </message>
    <message>
        <source>{0} starts with a {1} byte-order mark, so it is {1}, not {2}. Choose {1} as the encoding, or let medlabel detect it.</source>
        <translation>{0} beginnt mit einer {1}-Byte-Order-Mark (BOM), ist also {1}, nicht {2}. Wählen Sie {1} als Kodierung, oder lassen Sie medlabel sie erkennen.</translation>
    </message>
    <message>
        <source>{0}: not valid {1} ({2}). Save the file again in one encoding, or choose the one it was saved in.</source>
        <translation>{0}: kein gültiges {1} ({2}). Speichern Sie die Datei erneut in einer einzigen Kodierung, oder wählen Sie die, in der sie gespeichert wurde.</translation>
    </message>
    <message>
        <source>{0}: not valid UTF-8 ({1}). This format is UTF-8 by standard: save the file as UTF-8 and import it again.</source>
        <translation>{0}: kein gültiges UTF-8 ({1}). Dieses Format ist laut Standard UTF-8: Speichern Sie die Datei als UTF-8 und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>{0}: the table has {1} columns, more than the limit of {2}. This usually means a wrong delimiter or a damaged export; check the file.</source>
        <translation>{0}: Die Tabelle hat {1} Spalten, mehr als die Grenze von {2}. Das deutet meist auf ein falsches Trennzeichen oder einen beschädigten Export hin; prüfen Sie die Datei.</translation>
    </message>
    <message>
        <source>{0}: the first line is longer than {1} characters, so it cannot be a row of column names. Is this a table with one header row?</source>
        <translation>{0}: Die erste Zeile ist länger als {1} Zeichen und kann daher keine Zeile mit Spaltennamen sein. Ist das eine Tabelle mit einer Kopfzeile?</translation>
    </message>
    <message>
        <source>{0}: the workbook unpacks to {1}, more than the limit of {2}. Export the sheet as CSV and import that file.</source>
        <translation>{0}: Die Arbeitsmappe entpackt sich auf {1}, mehr als die Grenze von {2}. Exportieren Sie das Blatt als CSV und importieren Sie diese Datei.</translation>
    </message>
    <message>
        <source>{0}: its part {1} unpacks {2} times bigger than it is stored, more than the limit of {3} times. Real workbooks never compress this well, so the file is damaged or built to exhaust memory; export the sheet as CSV instead.</source>
        <translation>{0}: Ihr Teil {1} entpackt sich {2}-mal größer, als er gespeichert ist, mehr als die Grenze von {3}-mal. Echte Arbeitsmappen lassen sich nie so gut komprimieren, die Datei ist also beschädigt oder darauf angelegt, den Speicher zu erschöpfen; exportieren Sie das Blatt stattdessen als CSV.</translation>
    </message>
    <message>
        <source>{0} does not exist. Was it moved, renamed or deleted?</source>
        <translation>{0} existiert nicht. Wurde es verschoben, umbenannt oder gelöscht?</translation>
    </message>
    <message>
        <source>{0} is a folder, not a file. Choose a file, or a format that reads a folder (text files or brat).</source>
        <translation>{0} ist ein Ordner, keine Datei. Wählen Sie eine Datei oder ein Format, das einen Ordner liest (Textdateien oder brat).</translation>
    </message>
    <message>
        <source>A part of the path {0} is a file, not a folder. Check the path.</source>
        <translation>Ein Teil des Pfads {0} ist eine Datei, kein Ordner. Prüfen Sie den Pfad.</translation>
    </message>
    <message>
        <source>The disk reported an error while reading {0}. Copy it to a local disk and try again.</source>
        <translation>Das Laufwerk meldete beim Lesen von {0} einen Fehler. Kopieren Sie es auf ein lokales Laufwerk und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>medlabel cannot read {0} ({1}).</source>
        <translation>medlabel kann {0} nicht lesen ({1}).</translation>
    </message>
    <message>
        <source>{0} is not a file. Choose the file that holds the reports.</source>
        <translation>{0} ist keine Datei. Wählen Sie die Datei, die die Befunde enthält.</translation>
    </message>
    <message>
        <source>{0}: the file is empty. Choose the file that holds the reports.</source>
        <translation>{0}: Die Datei ist leer. Wählen Sie die Datei, die die Befunde enthält.</translation>
    </message>
    <message>
        <source>The folder {0} holds no .txt files. Choose a folder of .txt files (or of brat .txt and .ann files).</source>
        <translation>Der Ordner {0} enthält keine .txt-Dateien. Wählen Sie einen Ordner mit .txt-Dateien (oder mit brat-.txt- und -.ann-Dateien).</translation>
    </message>
    <message>
        <source>“{0}” is not a format medlabel can import. Choose one of: {1}.</source>
        <translation>„{0}“ ist kein Format, das medlabel importieren kann. Wählen Sie eines von: {1}.</translation>
    </message>
    <message>
        <source>“{1}” cannot be the delimiter of {0}; give one character, for example a semicolon.</source>
        <translation>„{1}“ kann nicht das Trennzeichen von {0} sein; geben Sie ein einzelnes Zeichen an, zum Beispiel ein Semikolon.</translation>
    </message>
    <message>
        <source>{0}: no column looks like the report text (looked for: {1}). Columns found: {2}. Choose the column that holds the report text.</source>
        <translation>{0}: Keine Spalte sieht nach dem Befundtext aus (gesucht: {1}). Gefundene Spalten: {2}. Wählen Sie die Spalte, die den Befundtext enthält.</translation>
    </message>
    <message>
        <source>{0}: the table has a header row but no data rows.</source>
        <translation>{0}: Die Tabelle hat eine Kopfzeile, aber keine Datenzeilen.</translation>
    </message>
    <message>
        <source>{0}: the workbook has no sheets.</source>
        <translation>{0}: Die Arbeitsmappe hat keine Blätter.</translation>
    </message>
    <message>
        <source>{0} has no sheet named “{1}”; sheets found: {2}.</source>
        <translation>{0} hat kein Blatt namens „{1}“; gefundene Blätter: {2}.</translation>
    </message>
    <message>
        <source>{0}: the sheet “{1}” is empty.</source>
        <translation>{0}: Das Blatt „{1}“ ist leer.</translation>
    </message>
    <message>
        <source>{0} holds no reports. Choose the file that holds them.</source>
        <translation>{0} enthält keine Befunde. Wählen Sie die Datei, die sie enthält.</translation>
    </message>
    <message>
        <source>There is no label set “{0}”; the project has: {1}.</source>
        <translation>Es gibt keine Labelgruppe „{0}“; das Projekt hat: {1}.</translation>
    </message>
    <message>
        <source>There is no entity type “{0}”; the project has: {1}.</source>
        <translation>Es gibt keinen Entitätstyp „{0}“; das Projekt hat: {1}.</translation>
    </message>
    <message>
        <source>The label set “{0}” has no label “{1}”; its labels are: {2}.</source>
        <translation>Die Labelgruppe „{0}“ hat kein Label „{1}“; ihre Labels sind: {2}.</translation>
    </message>
    <message>
        <source>A label set named “{0}” exists already; choose another name.</source>
        <translation>Eine Labelgruppe namens „{0}“ gibt es schon; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The label set “{0}” lists these labels twice: {1}.</source>
        <translation>Die Labelgruppe „{0}“ führt diese Labels doppelt auf: {1}.</translation>
    </message>
    <message>
        <source>The label set “{0}” already has a label “{1}”; choose another name.</source>
        <translation>Die Labelgruppe „{0}“ hat schon ein Label „{1}“; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>An entity type named “{0}” exists already; choose another name.</source>
        <translation>Einen Entitätstyp namens „{0}“ gibt es schon; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The colour {1} of the entity type “{0}” is not of the form #RRGGBB.</source>
        <translation>Die Farbe {1} des Entitätstyps „{0}“ hat nicht die Form #RRGGBB.</translation>
    </message>
    <message numerus="yes">
        <source>“{1}” in “{0}” is the label of {2} document(s); removing the label removes it there too. Confirm to go ahead.</source>
        <translation>
            <numerusform>„{1}“ in „{0}“ ist das Label von {2} Befund; das Entfernen des Labels entfernt es auch dort. Bestätigen Sie, um fortzufahren.</numerusform>
            <numerusform>„{1}“ in „{0}“ ist das Label von {2} Befunden; das Entfernen des Labels entfernt es auch dort. Bestätigen Sie, um fortzufahren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A label of “{0}” is set on {1} document(s); removing the label set removes every label of that set too. Confirm to go ahead.</source>
        <translation>
            <numerusform>Ein Label von „{0}“ ist bei {1} Befund gesetzt; das Entfernen der Labelgruppe entfernt auch jedes Label dieser Gruppe. Bestätigen Sie, um fortzufahren.</numerusform>
            <numerusform>Ein Label von „{0}“ ist bei {1} Befunden gesetzt; das Entfernen der Labelgruppe entfernt auch jedes Label dieser Gruppe. Bestätigen Sie, um fortzufahren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{0}” is the type of {1} span(s); removing the entity type removes every span of that type too. Confirm to go ahead.</source>
        <translation>
            <numerusform>„{0}“ ist der Typ von {1} Markierung; das Entfernen des Entitätstyps entfernt auch jede Markierung dieses Typs. Bestätigen Sie, um fortzufahren.</numerusform>
            <numerusform>„{0}“ ist der Typ von {1} Markierungen; das Entfernen des Entitätstyps entfernt auch jede Markierung dieses Typs. Bestätigen Sie, um fortzufahren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{1} span(s) of “{0}” carry values as the type defines them now. Keep its kind, its first unit and its vocabulary (other units may be added after the first), or add a new entity type.</source>
        <translation>
            <numerusform>{1} Markierung von „{0}“ trägt Werte so, wie der Typ sie jetzt festlegt. Behalten Sie Art, erste Einheit und Vokabular (weitere Einheiten dürfen nach der ersten hinzukommen) oder legen Sie einen neuen Entitätstyp an.</numerusform>
            <numerusform>{1} Markierungen von „{0}“ tragen Werte so, wie der Typ sie jetzt festlegt. Behalten Sie Art, erste Einheit und Vokabular (weitere Einheiten dürfen nach der ersten hinzukommen) oder legen Sie einen neuen Entitätstyp an.</numerusform>
        </translation>
    </message>
    <message>
        <source>medlabel does not know the analyte “{0}”. Choose one of: {1}; or give the molar mass instead.</source>
        <translation>medlabel kennt den Analyten „{0}“ nicht. Wählen Sie einen von: {1}; oder geben Sie stattdessen die molare Masse an.</translation>
    </message>
    <message>
        <source>The molar mass must be a positive number in g/mol, not {0}.</source>
        <translation>Die molare Masse muss eine positive Zahl in g/mol sein, nicht {0}.</translation>
    </message>
    <message>
        <source>The valence must be a whole number from 1 to 9, not {0}.</source>
        <translation>Die Wertigkeit muss eine ganze Zahl von 1 bis 9 sein, nicht {0}.</translation>
    </message>
    <message>
        <source>The plausible range needs two numbers, the lower first (like 30 and 600), not {0}.</source>
        <translation>Der plausible Bereich braucht zwei Zahlen, die kleinere zuerst (etwa 30 und 600), nicht {0}.</translation>
    </message>
    <message>
        <source>“{0}” is in {1}; turning it into {2} needs the analyte (its molar mass, for mEq its valence). Set the entity type&apos;s analyte in Project → Labels and entity types…, or write the value in {2}.</source>
        <translation>„{0}“ ist in {1}; die Umrechnung in {2} braucht den Analyten (seine molare Masse, für mEq seine Wertigkeit). Legen Sie den Analyten des Entitätstyps unter Projekt → Labels und Entitätstypen… fest oder schreiben Sie den Wert in {2}.</translation>
    </message>
    <message numerus="yes">
        <source>The task “{0}” already has a test split of {1} report(s). It stays as it is, so that runs remain comparable; move single reports between training and test instead.</source>
        <translation>
            <numerusform>Die Aufgabe „{0}“ hat schon eine Testaufteilung aus {1} Befund. Sie bleibt, wie sie ist, damit Läufe vergleichbar bleiben; verschieben Sie stattdessen einzelne Befunde zwischen Training und Test.</numerusform>
            <numerusform>Die Aufgabe „{0}“ hat schon eine Testaufteilung aus {1} Befunden. Sie bleibt, wie sie ist, damit Läufe vergleichbar bleiben; verschieben Sie stattdessen einzelne Befunde zwischen Training und Test.</numerusform>
        </translation>
    </message>
    <message>
        <source>The test split&apos;s share must lie between 0 and 1 (0 % and 100 %), not {0}.</source>
        <translation>Der Anteil der Testaufteilung muss zwischen 0 und 1 (0 % und 100 %) liegen, nicht {0}.</translation>
    </message>
    <message numerus="yes">
        <source>The task “{0}” has {1} annotated report(s): too few to hold some back for testing and train on the rest. Annotate more reports first.</source>
        <translation>
            <numerusform>Die Aufgabe „{0}“ hat {1} annotierten Befund: zu wenige, um einige für den Test zurückzuhalten und auf dem Rest zu trainieren. Annotieren Sie zuerst mehr Befunde.</numerusform>
            <numerusform>Die Aufgabe „{0}“ hat {1} annotierte Befunde: zu wenige, um einige für den Test zurückzuhalten und auf dem Rest zu trainieren. Annotieren Sie zuerst mehr Befunde.</numerusform>
        </translation>
    </message>
    <message>
        <source>No report is chosen to move. Select a report in the list first.</source>
        <translation>Es ist kein Befund zum Verschieben gewählt. Wählen Sie zuerst einen Befund in der Liste.</translation>
    </message>
    <message>
        <source>no config.json (the description of the model&apos;s architecture)</source>
        <translation>keine config.json (die Beschreibung der Modellarchitektur)</translation>
    </message>
    <message>
        <source>config.json cannot be read</source>
        <translation>config.json ist nicht lesbar</translation>
    </message>
    <message>
        <source>only pickle weights (.bin/.pt), which can run code when loaded; convert the model to safetensors, or allow pickle weights under Advanced settings if you trust its source</source>
        <translation>nur Pickle-Gewichte (.bin/.pt), die beim Laden Code ausführen können; wandeln Sie das Modell in safetensors um, oder erlauben Sie Pickle-Gewichte unter „Erweiterte Einstellungen“, wenn Sie seiner Quelle vertrauen</translation>
    </message>
    <message>
        <source>no weights (*.safetensors)</source>
        <translation>keine Gewichte (*.safetensors)</translation>
    </message>
    <message>
        <source>no tokenizer (tokenizer.json, tokenizer.model or vocabulary files)</source>
        <translation>kein Tokenizer (tokenizer.json, tokenizer.model oder Vokabulardateien)</translation>
    </message>
    <message>
        <source>an architecture medlabel cannot train (encoders like BERT and decoders like Llama, Qwen, Mistral or Gemma work)</source>
        <translation>eine Architektur, die medlabel nicht trainieren kann (Encoder wie BERT und Decoder wie Llama, Qwen, Mistral oder Gemma funktionieren)</translation>
    </message>
    <message>
        <source>the model needs its own program code, which medlabel never runs</source>
        <translation>das Modell braucht eigenen Programmcode, den medlabel grundsätzlich nicht ausführt</translation>
    </message>
    <message>
        <source>{0} is not a model medlabel can use: {1}.</source>
        <translation>{0} ist kein Modell, das medlabel verwenden kann: {1}.</translation>
    </message>
    <message>
        <source>There is no model at {0}. Choose a model folder or a .gguf file that exists.</source>
        <translation>Unter {0} gibt es kein Modell. Wählen Sie einen vorhandenen Modellordner oder eine vorhandene .gguf-Datei.</translation>
    </message>
    <message>
        <source>{0} is not a model: a model is a folder (with config.json, weights and a tokenizer) or a .gguf file.</source>
        <translation>{0} ist kein Modell: Ein Modell ist ein Ordner (mit config.json, Gewichten und einem Tokenizer) oder eine .gguf-Datei.</translation>
    </message>
    <message>
        <source>The built-in model {0} is not installed with this copy of medlabel. Choose another model, or ask whoever installed medlabel to add it.</source>
        <translation>Das mitgelieferte Modell {0} ist in dieser medlabel-Installation nicht enthalten. Wählen Sie ein anderes Modell, oder bitten Sie die Person, die medlabel installiert hat, es hinzuzufügen.</translation>
    </message>
    <message>
        <source>{0} is a .gguf file, and reading those needs the &apos;gguf&apos; package, which is not installed.</source>
        <translation>{0} ist eine .gguf-Datei; zum Lesen solcher Dateien wird das Paket „gguf“ benötigt, das nicht installiert ist.</translation>
    </message>
    <message>
        <source>{0} is not a GGUF file (its first bytes are wrong).</source>
        <translation>{0} ist keine GGUF-Datei (ihre ersten Bytes stimmen nicht).</translation>
    </message>
    <message>
        <source>The setting “{0}” does not apply to the {1} recipe. Reset it, or choose a recipe it applies to.</source>
        <translation>Die Einstellung „{0}“ gilt nicht für das Verfahren „{1}“. Setzen Sie sie zurück, oder wählen Sie ein Verfahren, für das sie gilt.</translation>
    </message>
    <message>
        <source>The setting “{0}” must be {1}; it is {2}.</source>
        <translation>Die Einstellung „{0}“ muss {1} sein; sie ist {2}.</translation>
    </message>
    <message>
        <source>The setting “{0}” cannot be {1}.</source>
        <translation>Die Einstellung „{0}“ kann nicht {1} sein.</translation>
    </message>
    <message>
        <source>This computer has no {0} device. Set the device to automatic or CPU.</source>
        <translation>Dieser Computer hat kein Gerät „{0}“. Stellen Sie das „Gerät“ auf „automatisch“ oder „CPU“.</translation>
    </message>
    <message>
        <source>There is no recipe {0}.</source>
        <translation>Es gibt kein Verfahren „{0}“.</translation>
    </message>
    <message>
        <source>There are no labelled training reports to learn from. Label some reports of this task first.</source>
        <translation>Es gibt keine gelabelten Trainingsbefunde, aus denen gelernt werden kann. Labeln Sie zuerst einige Befunde dieser Aufgabe.</translation>
    </message>
    <message>
        <source>Some reports carry labels that are not in the label set “{0}”: {1}. Add them to the label set (Project → Labels and entity types…) or correct those reports.</source>
        <translation>Einige Befunde tragen Labels, die nicht in der Labelgruppe „{0}“ stehen: {1}. Nehmen Sie sie in die Labelgruppe auf (Projekt → Labels und Entitätstypen…) oder korrigieren Sie diese Befunde.</translation>
    </message>
    <message>
        <source>“Training reports used” is {0}, but the task has only {1} training reports. Lower it, or set it to 0 to use all of them.</source>
        <translation>„Genutzte Trainingsbefunde“ ist {0}, die Aufgabe hat aber nur {1} Trainingsbefunde. Verringern Sie den Wert oder setzen Sie ihn auf 0, um alle zu nutzen.</translation>
    </message>
    <message>
        <source>There is no run {0} in this project (any more). Choose a run from the list.</source>
        <translation>In diesem Projekt gibt es (nicht mehr) den Lauf {0}. Wählen Sie einen Lauf aus der Liste.</translation>
    </message>
    <message>
        <source>The project has no vocabulary {0}, so its codes cannot be looked up. Ask whoever set up the project to load it.</source>
        <translation>Das Projekt hat kein Vokabular {0}, daher lassen sich seine Codes nicht nachschlagen. Bitten Sie die Person, die das Projekt eingerichtet hat, es zu laden.</translation>
    </message>
    <message>
        <source>The result of the run in {0} cannot be read, so the run is recorded as failed. Start it again.</source>
        <translation>Das Ergebnis des Laufs in {0} kann nicht gelesen werden; der Lauf wird als fehlgeschlagen vermerkt. Starten Sie ihn erneut.</translation>
    </message>
    <message>
        <source>Every report is already labelled for this run&apos;s task, so there is nothing to predict. Use “Predict all” to compare the model with the labels.</source>
        <translation>Alle Befunde sind für die Aufgabe dieses Laufs bereits gelabelt; es gibt nichts vorherzusagen. Mit „Alle vorhersagen“ vergleichen Sie das Modell mit den Labels.</translation>
    </message>
    <message>
        <source>The project has no reports to predict.</source>
        <translation>Das Projekt hat keine Befunde zum Vorhersagen.</translation>
    </message>
    <message>
        <source>Run {0} is {1}; only a completed run can predict.</source>
        <translation>Lauf {0} ist {1}; nur ein abgeschlossener Lauf kann vorhersagen.</translation>
    </message>
    <message>
        <source>The model of run {0} at {1} has changed since the run was trained. Predict with the same model, or train a new run.</source>
        <translation>Das Modell von Lauf {0} unter {1} hat sich seit dem Training geändert. Sagen Sie mit demselben Modell vorher oder trainieren Sie einen neuen Lauf.</translation>
    </message>
    <message>
        <source>Looking at this computer&apos;s hardware…</source>
        <translation>Hardware dieses Computers wird ermittelt…</translation>
    </message>
    <message>
        <source>Estimating the run&apos;s duration…</source>
        <translation>Dauer des Laufs wird geschätzt…</translation>
    </message>
    <message>
        <source>Hardware: {0}</source>
        <translation>Hardware: {0}</translation>
    </message>
    <message>
        <source>Expected duration: a few seconds.</source>
        <translation>Erwartete Dauer: wenige Sekunden.</translation>
    </message>
    <message>
        <source>Expected duration: up to about {0}; peak memory about {1}.</source>
        <translation>Erwartete Dauer: bis zu etwa {0}; maximaler Speicherbedarf etwa {1}.</translation>
    </message>
    <message>
        <source>Expected duration: up to about {0} when the evidence sentences are enough, up to about {1} when the whole report is needed (decided at the start); peak memory up to about {2}.</source>
        <translation>Erwartete Dauer: bis zu etwa {0}, wenn die Kernsätze genügen, bis zu etwa {1}, wenn der ganze Befund nötig ist (wird beim Start entschieden); maximaler Speicherbedarf bis zu etwa {2}.</translation>
    </message>
    <message>
        <source>This will probably not fit into the memory. {0}</source>
        <translation>Das passt wahrscheinlich nicht in den Speicher. {0}</translation>
    </message>
    <message>
        <source>The duration could not be estimated ({0}).</source>
        <translation>Die Dauer konnte nicht geschätzt werden ({0}).</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>macro-F1</source>
        <translation>macro-F1</translation>
    </message>
    <message>
        <source>value F1</source>
        <translation>Werte-F1</translation>
    </message>
    <message>
        <source>training reports</source>
        <translation>Trainingsbefunde</translation>
    </message>
    <message>
        <source>No learning curve yet. Start one with the button above: it trains on ½, 1, 2, 3 and 4 of 4 parts of your training reports.</source>
        <translation>Noch keine Lernkurve. Starten Sie eine mit der Schaltfläche oben: Sie trainiert auf ½, 1, 2, 3 und 4 von 4 Teilen Ihrer Trainingsbefunde.</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>baseline (TF-IDF)</source>
        <translation>Baseline (TF-IDF)</translation>
    </message>
    <message>
        <source>{name}: {value} (95% CI {low}–{high}), run {run}</source>
        <translation>{name}: {value} (95-%-KI {low}–{high}), Lauf {run}</translation>
    </message>
    <message>
        <source>, baseline {0}</source>
        <translation>, Baseline {0}</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Result (95% CI)</source>
        <translation>Ergebnis (95-%-KI)</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>validation score</source>
        <translation>Validierungswert</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>Trainingsschritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Cancel the run</source>
        <translation>Lauf abbrechen</translation>
    </message>
    <message>
        <source>Runs of this project</source>
        <translation>Läufe dieses Projekts</translation>
    </message>
    <message>
        <source>This window has the project open read-only, so it cannot record a run.</source>
        <translation>Dieses Fenster hat das Projekt schreibgeschützt geöffnet und kann daher keinen Lauf speichern.</translation>
    </message>
    <message>
        <source>A run is in progress; one run at a time. Cancel it or wait until it ends.</source>
        <translation>Ein Lauf ist im Gange, und es kann immer nur einer laufen. Brechen Sie ihn ab, oder warten Sie, bis er endet.</translation>
    </message>
    <message>
        <source>Label more reports of this task before training.</source>
        <translation>Labeln Sie vor dem Training mehr Befunde für diese Aufgabe.</translation>
    </message>
    <message>
        <source>Choose a task and a model on the Train page first.</source>
        <translation>Wählen Sie zuerst auf der Seite „Trainieren“ eine Aufgabe und ein Modell.</translation>
    </message>
    <message>
        <source>The learning curve was cancelled after {0} of {1} runs.</source>
        <translation>Die Lernkurve wurde nach {0} von {1} Läufen abgebrochen.</translation>
    </message>
    <message>
        <source>The learning curve is complete: {0} runs.</source>
        <translation>Die Lernkurve ist fertig: {0} Läufe.</translation>
    </message>
    <message>
        <source>Learning curve: run {i} of {n} ({size} training reports)…</source>
        <translation>Lernkurve: Lauf {i} von {n} ({size} Trainingsbefunde)…</translation>
    </message>
    <message>
        <source>Run {0} started; you can go on labelling.</source>
        <translation>Lauf {0} gestartet; Sie können weiter labeln.</translation>
    </message>
    <message>
        <source>Cancelling… (the run stops after the current step)</source>
        <translation>Wird abgebrochen… (der Lauf endet nach dem aktuellen Schritt)</translation>
    </message>
    <message>
        <source>Run {0}: {1}</source>
        <translation>Lauf {0}: {1}</translation>
    </message>
    <message>
        <source>The learning curve stopped: run {0} {1}.</source>
        <translation>Die Lernkurve wurde angehalten: Lauf {0} {1}.</translation>
    </message>
    <message numerus="yes">
        <source>Run {0} predicted {1} report(s).</source>
        <translation>
            <numerusform>Lauf {0} hat {1} Befund vorhergesagt.</numerusform>
            <numerusform>Lauf {0} hat {1} Befunde vorhergesagt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The loss curve and the validation score appear here during a run.</source>
        <translation>Die Verlustkurve und der Validierungswert erscheinen hier während eines Laufs.</translation>
    </message>
    <message>
        <source>The run&apos;s messages appear here.</source>
        <translation>Hier erscheinen die Meldungen des Laufs.</translation>
    </message>
    <message>
        <source>No run yet in this window.</source>
        <translation>Noch kein Lauf in diesem Fenster.</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>wird gestartet…</translation>
    </message>
    <message>
        <source>Training on {0}; data {1} (the reports as they were at the start).</source>
        <translation>Training auf {0}; Datenstand {1} (die Befunde zum Zeitpunkt des Starts).</translation>
    </message>
    <message>
        <source>span F1</source>
        <translation>Markierungs-F1</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Validation {0}: {1}</source>
        <translation>{0} (Validierung): {1}</translation>
    </message>
    <message>
        <source>elapsed {0}</source>
        <translation>Laufzeit {0}</translation>
    </message>
    <message>
        <source>about {0} left</source>
        <translation>noch etwa {0}</translation>
    </message>
    <message>
        <source>The run is complete.</source>
        <translation>Der Lauf ist abgeschlossen.</translation>
    </message>
    <message>
        <source>The run is complete: {0}.</source>
        <translation>Der Lauf ist abgeschlossen: {0}.</translation>
    </message>
    <message>
        <source>Confidences were calibrated on the validation reports (calibration error {0} → {1}).</source>
        <translation>Die Konfidenzen wurden an den Validierungsbefunden kalibriert (Kalibrierungsfehler {0} → {1}).</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>The run was cancelled; it is recorded as cancelled.</source>
        <translation>Der Lauf wurde abgebrochen und ist als abgebrochen gespeichert.</translation>
    </message>
    <message>
        <source>Last lines the run wrote:</source>
        <translation>Letzte Ausgabezeilen des Laufs:</translation>
    </message>
    <message>
        <source>The whole log: {0}</source>
        <translation>Vollständiges Protokoll: {0}</translation>
    </message>
    <message>
        <source>The run ran out of memory. {0}</source>
        <translation>Der Speicher hat für den Lauf nicht gereicht. {0}</translation>
    </message>
    <message>
        <source>The run could not start: {0}</source>
        <translation>Der Lauf konnte nicht starten: {0}</translation>
    </message>
    <message>
        <source>The run stopped because of an error in medlabel or a library: {0}</source>
        <translation>Der Lauf wurde wegen eines Fehlers in medlabel oder einer Bibliothek beendet: {0}</translation>
    </message>
    <message>
        <source>The training process ended without finishing the run (it was stopped from outside, or it crashed). The run is recorded as failed.</source>
        <translation>Der Trainingsprozess endete, ohne den Lauf abzuschließen (er wurde von außen beendet oder ist abgestürzt). Der Lauf ist als fehlgeschlagen gespeichert.</translation>
    </message>
    <message>
        <source>What to learn: a label set, or the marked values (entities).</source>
        <translation>Was gelernt wird: eine Labelgruppe oder die markierten Werte (Entitäten).</translation>
    </message>
    <message>
        <source>How to learn it. Automatic: a classifier for report labels, a tagger for marked values. Baseline: word statistics, trained in seconds, for comparison.</source>
        <translation>Wie es gelernt wird. Automatisch: ein Klassifikator für Befundlabels, ein Tagger für markierte Werte. Baseline: Wortstatistik, in Sekunden trainiert, zum Vergleich.</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <source>Quick: a short run on the key sentences of each report, to check that everything works (too short for good results). Thorough: three models averaged, about three times as long.</source>
        <translation>Schnelltest: ein kurzer Lauf auf den entscheidenden Sätzen jedes Befunds, um zu prüfen, ob alles funktioniert (zu kurz für gute Ergebnisse). Gründlich: drei Modelle gemittelt, etwa dreimal so lang.</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Zufallsstartwert</translation>
    </message>
    <message>
        <source>The same seed and data give the same run.</source>
        <translation>Gleicher Startwert und gleiche Daten ergeben denselben Lauf.</translation>
    </message>
    <message>
        <source>The base model that is fine-tuned.</source>
        <translation>Das Basismodell, das feinabgestimmt wird.</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Passes over the training reports; early stopping may end sooner.</source>
        <translation>Durchgänge durch die Trainingsbefunde; der frühzeitige Abbruch kann das Training eher beenden.</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Step size of the optimiser.</source>
        <translation>Schrittweite des Optimierers.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Reports per training step; lower it when the memory runs out.</source>
        <translation>Befunde pro Trainingsschritt; verringern Sie den Wert, wenn der Speicher nicht reicht.</translation>
    </message>
    <message>
        <source>Maximum length</source>
        <translation>Maximale Länge</translation>
    </message>
    <message>
        <source>Tokens the model reads at once.</source>
        <translation>Tokens, die das Modell auf einmal liest.</translation>
    </message>
    <message>
        <source>4-bit model (QLoRA)</source>
        <translation>4-Bit-Modell (QLoRA)</translation>
    </message>
    <message>
        <source>Load the base model in 4 bit; needs a CUDA graphics card.</source>
        <translation>Das Basismodell mit 4 Bit laden; erfordert eine CUDA-Grafikkarte.</translation>
    </message>
    <message>
        <source>What is read of a report</source>
        <translation>Was vom Befund gelesen wird</translation>
    </message>
    <message>
        <source>Evidence: the opening and the sentences that matter most for the labels (fast). Head and tail: the whole report up to the maximum length. Automatic: whichever a quick word-statistics model does better with on the training reports.</source>
        <translation>Kernsätze: der Anfang und die Sätze, die für die Labels am wichtigsten sind (schnell). Anfang und Ende: der ganze Befund bis zur maximalen Länge. Automatisch: die Variante, mit der ein schnelles Wortstatistik-Modell auf den Trainingsbefunden besser abschneidet.</translation>
    </message>
    <message>
        <source>Models averaged</source>
        <translation>Gemittelte Modelle</translation>
    </message>
    <message>
        <source>Train this many models and average their answers.</source>
        <translation>So viele Modelle trainieren und ihre Antworten mitteln.</translation>
    </message>
    <message>
        <source>Zero-shot</source>
        <translation>Zero-Shot</translation>
    </message>
    <message>
        <source>Do not train: evaluate the base model with the same prompt.</source>
        <translation>Nicht trainieren: das Basismodell mit demselben Prompt evaluieren.</translation>
    </message>
    <message>
        <source>Training reports used</source>
        <translation>Genutzte Trainingsbefunde</translation>
    </message>
    <message>
        <source>Use only this many training reports (0 = all).</source>
        <translation>Nur so viele Trainingsbefunde verwenden (0 = alle).</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>Validierungsanteil</translation>
    </message>
    <message>
        <source>Share of the training reports held out for early stopping and calibration.</source>
        <translation>Anteil der Trainingsbefunde, der für den frühzeitigen Abbruch und die Kalibrierung zurückgehalten wird.</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>Klassengewichte</translation>
    </message>
    <message>
        <source>Give rare labels more weight in training.</source>
        <translation>Seltene Labels im Training stärker gewichten.</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>Gradientenakkumulation</translation>
    </message>
    <message>
        <source>Steps whose gradients are summed before one update.</source>
        <translation>Schritte, deren Gradienten vor einer Aktualisierung aufsummiert werden.</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>Frühzeitiger Abbruch</translation>
    </message>
    <message>
        <source>Stop after this many epochs without a better validation score (0 = never).</source>
        <translation>Nach so vielen Epochen ohne besseren Validierungswert aufhören (0 = nie).</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <source>L2 weight decay.</source>
        <translation>L2-Regularisierung der Gewichte (Weight Decay).</translation>
    </message>
    <message>
        <source>Warm-up share</source>
        <translation>Aufwärmanteil</translation>
    </message>
    <message>
        <source>Share of steps with a rising learning rate.</source>
        <translation>Anteil der Schritte mit ansteigender Lernrate.</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA-Rang</translation>
    </message>
    <message>
        <source>Size of the trained low-rank update.</source>
        <translation>Größe der trainierten Low-Rank-Aktualisierung.</translation>
    </message>
    <message>
        <source>LoRA scaling</source>
        <translation>LoRA-Skalierung</translation>
    </message>
    <message>
        <source>Scaling of the low-rank update.</source>
        <translation>Skalierung der Low-Rank-Aktualisierung.</translation>
    </message>
    <message>
        <source>LoRA dropout</source>
        <translation>LoRA-Dropout</translation>
    </message>
    <message>
        <source>Dropout on the low-rank layers.</source>
        <translation>Dropout auf den Low-Rank-Schichten.</translation>
    </message>
    <message>
        <source>LoRA targets</source>
        <translation>LoRA-Zielmodule</translation>
    </message>
    <message>
        <source>Comma-separated module names to adapt; auto = every linear layer.</source>
        <translation>Kommagetrennte Namen der anzupassenden Module; auto = jede lineare Schicht.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Where to train; automatic = a graphics card when there is one, else the CPU.</source>
        <translation>Worauf trainiert wird; automatisch = die Grafikkarte, falls vorhanden, sonst die CPU.</translation>
    </message>
    <message>
        <source>Number format</source>
        <translation>Zahlenformat</translation>
    </message>
    <message>
        <source>Automatic: 16-bit on a graphics card, 32-bit on the CPU.</source>
        <translation>Automatisch: 16 Bit auf einer Grafikkarte, 32 Bit auf der CPU.</translation>
    </message>
    <message>
        <source>Gradient checkpointing</source>
        <translation>Gradient Checkpointing</translation>
    </message>
    <message>
        <source>Trade compute for memory; automatic = on for large language models on a graphics card.</source>
        <translation>Spart Speicher auf Kosten der Rechenzeit; automatisch = an bei großen Sprachmodellen auf einer Grafikkarte.</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>0 = as many as there are idle cores.</source>
        <translation>0 = so viele, wie Kerne frei sind.</translation>
    </message>
    <message>
        <source>Allow pickle weights</source>
        <translation>Pickle-Gewichte erlauben</translation>
    </message>
    <message>
        <source>Allow .bin/.pt weights, which can run code when loaded; only for a model you trust.</source>
        <translation>.bin/.pt-Gewichte erlauben, die beim Laden Code ausführen können; nur für ein Modell, dem Sie vertrauen.</translation>
    </message>
    <message>
        <source>Prediction batch size</source>
        <translation>Batchgröße (Vorhersage)</translation>
    </message>
    <message>
        <source>Reports per step when predicting.</source>
        <translation>Befunde pro Schritt bei der Vorhersage.</translation>
    </message>
    <message>
        <source>Evidence tokens</source>
        <translation>Kernsatz-Tokens</translation>
    </message>
    <message>
        <source>Tokens of each report the classifier reads when it reads the evidence.</source>
        <translation>Tokens pro Befund, die der Klassifikator liest, wenn er die Kernsätze liest.</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Pooling</translation>
    </message>
    <message>
        <source>What the label is read from: the mean of the token vectors, or the model&apos;s summary token.</source>
        <translation>Woraus das Label abgelesen wird: aus dem Mittelwert der Tokenvektoren oder aus dem Zusammenfassungstoken des Modells.</translation>
    </message>
    <message>
        <source>Head start</source>
        <translation>Start der Ausgabeschicht</translation>
    </message>
    <message>
        <source>Start the output layer at random, or from a quick fit on the untrained model (probe).</source>
        <translation>Die Ausgabeschicht zufällig starten oder mit einer schnellen Anpassung am untrainierten Modell (Probe-Anpassung).</translation>
    </message>
    <message>
        <source>Window overlap</source>
        <translation>Fensterüberlappung</translation>
    </message>
    <message>
        <source>Tokens two neighbouring windows share.</source>
        <translation>Tokens, die zwei benachbarte Fenster gemeinsam haben.</translation>
    </message>
    <message>
        <source>Longest answer</source>
        <translation>Maximale Antwortlänge</translation>
    </message>
    <message>
        <source>Tokens generated at most per answer.</source>
        <translation>Höchstzahl erzeugter Tokens pro Antwort.</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>baseline (word statistics)</source>
        <translation>Baseline (Wortstatistik)</translation>
    </message>
    <message>
        <source>classifier</source>
        <translation>Klassifikator</translation>
    </message>
    <message>
        <source>tagger (marked values)</source>
        <translation>Tagger (markierte Werte)</translation>
    </message>
    <message>
        <source>instruct (language model)</source>
        <translation>Instruct (Sprachmodell)</translation>
    </message>
    <message>
        <source>quick check</source>
        <translation>Schnelltest</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>thorough</source>
        <translation>gründlich</translation>
    </message>
    <message>
        <source>evidence</source>
        <translation>Kernsätze</translation>
    </message>
    <message>
        <source>head and tail</source>
        <translation>Anfang und Ende</translation>
    </message>
    <message>
        <source>head only</source>
        <translation>nur Anfang</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA graphics card</source>
        <translation>CUDA-Grafikkarte</translation>
    </message>
    <message>
        <source>Apple graphics</source>
        <translation>Apple-Grafik</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>the model&apos;s own</source>
        <translation>modelleigen</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <source>probe</source>
        <translation>Probe-Anpassung</translation>
    </message>
    <message>
        <source>What to learn</source>
        <translation>Was gelernt wird</translation>
    </message>
    <message>
        <source>Training and test split</source>
        <translation>Trainings- und Testaufteilung</translation>
    </message>
    <message>
        <source>Runs are scored on the test split and never trained on it. It is frozen once per task: by the first training run, or here. A report&apos;s split holds for all tasks, and its labels are kept whichever split it is in.</source>
        <translation>Läufe werden auf der Testaufteilung bewertet und nie auf ihr trainiert. Sie wird einmal je Aufgabe festgelegt: beim ersten Trainingslauf oder hier. Die Aufteilung eines Befunds gilt für alle Aufgaben, und seine Labels bleiben erhalten, in welcher Aufteilung er auch ist.</translation>
    </message>
    <message>
        <source>Entities (marked spans)</source>
        <translation>Entitäten (Markierungen)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>No split</source>
        <translation>Keine Aufteilung</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Freeze a test split</source>
        <translation>Testaufteilung festlegen</translation>
    </message>
    <message>
        <source>Share held back for testing:</source>
        <translation>Für den Test zurückgehaltener Anteil:</translation>
    </message>
    <message>
        <source>Move reports</source>
        <translation>Befunde verschieben</translation>
    </message>
    <message>
        <source>Move to test</source>
        <translation>In den Test verschieben</translation>
    </message>
    <message>
        <source>Move to training</source>
        <translation>Ins Training verschieben</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>The project is open read-only: the split can be seen, not changed.</source>
        <translation>Das Projekt ist schreibgeschützt geöffnet: Die Aufteilung lässt sich ansehen, nicht ändern.</translation>
    </message>
    <message>
        <source>Annotated reports</source>
        <translation>Annotierte Befunde</translation>
    </message>
    <message>
        <source>The project has no labels or entity types yet, so no task to split.</source>
        <translation>Das Projekt hat noch keine Labels oder Entitätstypen und daher keine Aufgabe zum Aufteilen.</translation>
    </message>
    <message numerus="yes">
        <source>Test split: {0} of {1} annotated report(s) ({2} %), frozen.</source>
        <translation>
            <numerusform>Testaufteilung: {0} von {1} annotierten Befund ({2} %), festgelegt.</numerusform>
            <numerusform>Testaufteilung: {0} von {1} annotierten Befunden ({2} %), festgelegt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No test split yet among the task&apos;s {0} annotated report(s). The first training run freezes one of {1} %; or freeze one here.</source>
        <translation>
            <numerusform>Noch keine Testaufteilung unter dem {0} annotierten Befund der Aufgabe. Der erste Trainingslauf legt eine von {1} % fest; oder legen Sie hier eine fest.</numerusform>
            <numerusform>Noch keine Testaufteilung unter den {0} annotierten Befunden der Aufgabe. Der erste Trainingslauf legt eine von {1} % fest; oder legen Sie hier eine fest.</numerusform>
        </translation>
    </message>
    <message>
        <source>The test split is frozen; move single reports instead.</source>
        <translation>Die Testaufteilung ist festgelegt; verschieben Sie stattdessen einzelne Befunde.</translation>
    </message>
    <message>
        <source>Hold this share of the task&apos;s annotated reports back for testing, in proportion to each label</source>
        <translation>Diesen Anteil der annotierten Befunde der Aufgabe für den Test zurückhalten, anteilig zu jedem Label</translation>
    </message>
    <message>
        <source>No report is chosen: select one in the report list first.</source>
        <translation>Kein Befund gewählt: Wählen Sie zuerst einen in der Befundliste.</translation>
    </message>
    <message numerus="yes">
        <source>Chosen: {0} (now in: {1})</source>
        <translation>
            <numerusform>Gewählt: {0} (jetzt in: {1})</numerusform>
            <numerusform>Gewählt: {0} (jetzt in: {1})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} and {1} more</source>
        <translation>
            <numerusform>{0} und {1} weiterer</numerusform>
            <numerusform>{0} und {1} weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} report(s) held back for testing, {1} put into training.</source>
        <translation>
            <numerusform>{0} Befund für den Test zurückgehalten, {1} ins Training gelegt.</numerusform>
            <numerusform>{0} Befunde für den Test zurückgehalten, {1} ins Training gelegt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move {0} report(s) to the test split?</source>
        <translation>
            <numerusform>{0} Befund in die Testaufteilung verschieben?</numerusform>
            <numerusform>{0} Befunde in die Testaufteilung verschieben?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move {0} report(s) to the training split?</source>
        <translation>
            <numerusform>{0} Befund ins Training verschieben?</numerusform>
            <numerusform>{0} Befunde ins Training verschieben?</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs already scored on the old test split will no longer be comparable with runs scored after this change.</source>
        <translation>Bereits auf der alten Testaufteilung bewertete Läufe sind mit Läufen nach dieser Änderung nicht mehr vergleichbar.</translation>
    </message>
    <message>
        <source>Change the test split?</source>
        <translation>Testaufteilung ändern?</translation>
    </message>
    <message numerus="yes">
        <source>{0} report(s) moved.</source>
        <translation>
            <numerusform>{0} Befund verschoben.</numerusform>
            <numerusform>{0} Befunde verschoben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>MiniLM (built in, English)</source>
        <translation>MiniLM (mitgeliefert, Englisch)</translation>
    </message>
    <message>
        <source>SmolLM2 (built in, small language model)</source>
        <translation>SmolLM2 (mitgeliefert, kleines Sprachmodell)</translation>
    </message>
    <message>
        <source>Choose a model folder…</source>
        <translation>Modellordner auswählen…</translation>
    </message>
    <message>
        <source>Choose a .gguf file…</source>
        <translation>.gguf-Datei auswählen…</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>Erweiterte Einstellungen</translation>
    </message>
    <message>
        <source>Reset to the preset&apos;s values</source>
        <translation>Auf Voreinstellung zurücksetzen</translation>
    </message>
    <message>
        <source>Import a colleague&apos;s labels…</source>
        <translation>Labels einer Kolleg:in importieren…</translation>
    </message>
    <message>
        <source>Choose the project in which a colleague labelled a copy of these reports without seeing your labels; their labels are kept beside yours, not over them.</source>
        <translation>Wählen Sie das Projekt, in dem eine Kolleg:in eine Kopie dieser Befunde gelabelt hat, ohne Ihre Labels zu sehen; deren Labels werden neben Ihren gespeichert, nicht darüber.</translation>
    </message>
    <message>
        <source>Rater A</source>
        <translation>Bewerter:in A</translation>
    </message>
    <message>
        <source>Rater B</source>
        <translation>Bewerter:in B</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Übereinstimmung</translation>
    </message>
    <message>
        <source>κ (95% CI)</source>
        <translation>κ (95-%-KI)</translation>
    </message>
    <message>
        <source>Specific agreement</source>
        <translation>Spezifische Übereinstimmung</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Beide</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Vergeben</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Take theirs (A)</source>
        <translation>Deren Label übernehmen (A)</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Aufgabe:</translation>
    </message>
    <message>
        <source>Disagreements (Enter or double-click opens a report in Annotate)</source>
        <translation>Abweichungen (Eingabe oder Doppelklick öffnet den Befund in „Annotieren“)</translation>
    </message>
    <message>
        <source>Marked values (entities)</source>
        <translation>Markierte Werte (Entitäten)</translation>
    </message>
    <message>
        <source>No second opinion yet. Let a colleague label a copy of this project (without seeing your labels), then import it here to see how well you agree.</source>
        <translation>Noch keine Zweitmeinung. Lassen Sie eine Kopie dieses Projekts von einer Kolleg:in labeln (ohne Ihre Labels zu sehen) und importieren Sie sie hier, um zu sehen, wie gut Sie übereinstimmen.</translation>
    </message>
    <message>
        <source>Span F1 (exact)</source>
        <translation>Markierungs-F1 (exakt)</translation>
    </message>
    <message>
        <source>Span F1 (overlap)</source>
        <translation>Markierungs-F1 (Überlappung)</translation>
    </message>
    <message>
        <source>Span agreement: F1 between two annotators&apos; marks on the reports both annotated (exact: same start and end; overlap: any overlap).</source>
        <translation>Übereinstimmung der Markierungen: F1 zwischen den Markierungen zweier Annotator:innen auf den Befunden, die beide annotiert haben (exakt: gleicher Anfang und gleiches Ende; Überlappung: jede Überlappung).</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ between each pair of raters on the reports both labelled; 1 is perfect agreement, 0 what chance alone would give.</source>
        <translation>Cohens κ zwischen je zwei Bewerter:innen auf den Befunden, die beide gelabelt haben; 1 ist vollkommene Übereinstimmung, 0 das, was der Zufall allein ergäbe.</translation>
    </message>
    <message>
        <source>Fleiss&apos; κ over all {0} raters ({1} reports): {2:.2f}.</source>
        <translation>Fleiss&apos; κ über alle {0} Bewerter:innen ({1} Befunde): {2:.2f}.</translation>
    </message>
    <message numerus="yes">
        <source>{0} disagreement(s) still to settle.</source>
        <translation>
            <numerusform>{0} Abweichung noch zu entscheiden.</numerusform>
            <numerusform>{0} Abweichungen noch zu entscheiden.</numerusform>
        </translation>
    </message>
    <message>
        <source>settled</source>
        <translation>entschieden</translation>
    </message>
    <message>
        <source>Annotators disagree: {0}</source>
        <translation>Annotator:innen weichen ab: {0}</translation>
    </message>
    <message>
        <source>{0}: flagged for discussion.</source>
        <translation>{0}: zur Diskussion markiert.</translation>
    </message>
    <message>
        <source>{0}: settled as {1}.</source>
        <translation>{0}: entschieden als {1}.</translation>
    </message>
    <message>
        <source>The colleague&apos;s project</source>
        <translation>Das Projekt der Kolleg:in</translation>
    </message>
    <message>
        <source>Whose labels?</source>
        <translation>Wessen Labels?</translation>
    </message>
    <message>
        <source>Name of the colleague who labelled them:</source>
        <translation>Name der Person, die sie gelabelt hat:</translation>
    </message>
    <message numerus="yes">
        <source>Imported {0}&apos;s labels on {1} report(s).</source>
        <translation>
            <numerusform>Labels von {0} auf {1} Befund importiert.</numerusform>
            <numerusform>Labels von {0} auf {1} Befunden importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The project has no label set or entity type yet: add one in Project → Labels and entity types…, then label some reports.</source>
        <translation>Das Projekt hat noch keine Labelgruppe und keinen Entitätstyp: Legen Sie unter Projekt → Labels und Entitätstypen… welche an, und labeln Sie dann einige Befunde.</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>Modellordner auswählen</translation>
    </message>
    <message>
        <source>Choose a .gguf file</source>
        <translation>.gguf-Datei auswählen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>Choose a task and a model.</source>
        <translation>Wählen Sie eine Aufgabe und ein Modell.</translation>
    </message>
    <message>
        <source>The model is ready.</source>
        <translation>Das Modell ist bereit.</translation>
    </message>
    <message>
        <source>The baseline needs no model.</source>
        <translation>Die Baseline braucht kein Modell.</translation>
    </message>
    <message>
        <source>suggested: {0}</source>
        <translation>Vorschlag: {0}</translation>
    </message>
    <message>
        <source>Fixed width</source>
        <translation>Feste Breite</translation>
    </message>
    <message>
        <source>Show the report in a fixed-width font, so that columns aligned with spaces or tabs line up ({0}). Remembered for this project.</source>
        <translation>Den Befund in einer Schrift mit fester Breite zeigen, damit mit Leerzeichen oder Tabulatoren ausgerichtete Spalten untereinander stehen ({0}). Wird für dieses Projekt gemerkt.</translation>
    </message>
    <message>
        <source>Predict unlabelled</source>
        <translation>Befunde ohne Label vorhersagen</translation>
    </message>
    <message>
        <source>Predict all</source>
        <translation>Alle vorhersagen</translation>
    </message>
    <message>
        <source>Check my labels</source>
        <translation>Meine Labels prüfen</translation>
    </message>
    <message>
        <source>Trains the fast baseline 5 times, each time without one fifth of your training reports, and lists the reports whose label it most confidently disagrees with.</source>
        <translation>Trainiert die schnelle Baseline fünfmal, jedes Mal ohne ein Fünftel Ihrer Trainingsbefunde, und listet die Befunde, deren Label sie mit der höchsten Konfidenz widerspricht.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Show every checked report</source>
        <translation>Alle geprüften Befunde zeigen</translation>
    </message>
    <message>
        <source>P(gold)</source>
        <translation>P(Gold)</translation>
    </message>
    <message>
        <source>Change to the suggestion (A)</source>
        <translation>Vorschlag übernehmen (A)</translation>
    </message>
    <message>
        <source>The label check suggests</source>
        <translation>Die Label-Prüfung schlägt vor</translation>
    </message>
    <message>
        <source>&amp;with:</source>
        <translation>&amp;mit:</translation>
    </message>
    <message>
        <source>the fast baseline (seconds)</source>
        <translation>der schnellen Baseline (Sekunden)</translation>
    </message>
    <message>
        <source>the model of run {0} ({1}; trains it 3 times: minutes)</source>
        <translation>dem Modell von Lauf {0} ({1}; trainiert es dreimal: Minuten)</translation>
    </message>
    <message>
        <source>Checking the labels of the training reports…</source>
        <translation>Die Labels der Trainingsbefunde werden geprüft…</translation>
    </message>
    <message>
        <source>The label check was stopped.</source>
        <translation>Die Label-Prüfung wurde angehalten.</translation>
    </message>
    <message>
        <source>The label check works on label tasks; choose a run of a label task.</source>
        <translation>Die Label-Prüfung gilt für Labelaufgaben; wählen Sie einen Lauf einer Labelaufgabe.</translation>
    </message>
    <message>
        <source>Not checked yet. Check my labels takes a few seconds.</source>
        <translation>Noch nicht geprüft. „Meine Labels prüfen“ dauert wenige Sekunden.</translation>
    </message>
    <message numerus="yes">
        <source>{flagged} of {n} training report(s) look mislabelled ({method}). Most suspicious first.</source>
        <translation>
            <numerusform>{flagged} von {n} Trainingsbefund wirkt falsch gelabelt ({method}). Die verdächtigsten zuerst.</numerusform>
            <numerusform>{flagged} von {n} Trainingsbefunden wirken falsch gelabelt ({method}). Die verdächtigsten zuerst.</numerusform>
        </translation>
    </message>
    <message>
        <source>label kept</source>
        <translation>Label behalten</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>With run {0}:</source>
        <translation>Mit Lauf {0}:</translation>
    </message>
    <message>
        <source>Select a completed run:</source>
        <translation>Abgeschlossenen Lauf wählen:</translation>
    </message>
    <message>
        <source>Predicting…</source>
        <translation>Vorhersage läuft…</translation>
    </message>
    <message numerus="yes">
        <source>{0} report(s) predicted: the suggestions show in the report list and beside each report.</source>
        <translation>
            <numerusform>{0} Befund vorhergesagt: Der Vorschlag steht in der Befundliste und neben dem Befund.</numerusform>
            <numerusform>{0} Befunde vorhergesagt: Die Vorschläge stehen in der Befundliste und neben jedem Befund.</numerusform>
        </translation>
    </message>
    <message>
        <source>Prediction stopped.</source>
        <translation>Vorhersage angehalten.</translation>
    </message>
    <message>
        <source>confidence the model gave</source>
        <translation>vom Modell angegebene Konfidenz</translation>
    </message>
    <message>
        <source>share it got right</source>
        <translation>Anteil richtiger Antworten</translation>
    </message>
    <message>
        <source>This run has no calibration: span runs are not calibrated, and runs trained before calibration existed have none.</source>
        <translation>Dieser Lauf hat keine Kalibrierung: Läufe für Markierungen werden nicht kalibriert, und Läufe, die vor der Einführung der Kalibrierung trainiert wurden, haben keine.</translation>
    </message>
    <message>
        <source>perfectly calibrated</source>
        <translation>perfekt kalibriert</translation>
    </message>
    <message>
        <source>before calibration</source>
        <translation>vor der Kalibrierung</translation>
    </message>
    <message>
        <source>after calibration</source>
        <translation>nach der Kalibrierung</translation>
    </message>
    <message>
        <source>{name}: expected calibration error {ece} after calibration.</source>
        <translation>{name}: erwarteter Kalibrierungsfehler {ece} nach der Kalibrierung.</translation>
    </message>
    <message>
        <source>No test report has label probabilities, so the calibration cannot be shown.</source>
        <translation>Kein Testbefund hat Label-Wahrscheinlichkeiten, daher kann die Kalibrierung nicht gezeigt werden.</translation>
    </message>
    <message>
        <source>Expected calibration error {after} after calibration ({before} before), on {n} test reports. A well calibrated model is right about 9 times in 10 when it says 0.9.</source>
        <translation>Erwarteter Kalibrierungsfehler {after} nach der Kalibrierung ({before} davor), auf {n} Testbefunden. Ein gut kalibriertes Modell liegt etwa 9 von 10 Mal richtig, wenn es 0,9 angibt.</translation>
    </message>
    <message>
        <source>gold ↓ / predicted →</source>
        <translation>Gold ↓ / vorhergesagt →</translation>
    </message>
    <message>
        <source>Click a cell to see its reports.</source>
        <translation>Klicken Sie auf eine Zelle, um ihre Befunde zu sehen.</translation>
    </message>
    <message>
        <source>No confusion matrix: this run extracts spans.</source>
        <translation>Keine Konfusionsmatrix: Dieser Lauf extrahiert Markierungen.</translation>
    </message>
    <message>
        <source>invalid answer</source>
        <translation>ungültige Antwort</translation>
    </message>
    <message>
        <source>answers that were no label of this task</source>
        <translation>Antworten, die kein Label dieser Aufgabe waren</translation>
    </message>
    <message>
        <source>{name}: {count}</source>
        <translation>{name}: {count}</translation>
    </message>
    <message>
        <source>{count} reports labelled {gold} got an answer that is no label ({percent} % of them)</source>
        <translation>{count} Befunde mit dem Label {gold} bekamen eine Antwort, die kein Label ist ({percent} % davon)</translation>
    </message>
    <message>
        <source>{count} reports labelled {gold} were predicted right ({percent} % of them)</source>
        <translation>{count} Befunde mit dem Label {gold} wurden richtig vorhergesagt ({percent} % davon)</translation>
    </message>
    <message>
        <source>{count} reports labelled {gold} were predicted as {predicted} ({percent} % of them)</source>
        <translation>{count} Befunde mit dem Label {gold} wurden als {predicted} vorhergesagt ({percent} % davon)</translation>
    </message>
    <message>
        <source>Run a learning curve…</source>
        <translation>Lernkurve erstellen…</translation>
    </message>
    <message>
        <source>Trains one run per training size with the settings chosen on the Train page; you can go on labelling meanwhile.</source>
        <translation>Trainiert einen Lauf je Trainingsgröße mit den Einstellungen der Seite „Trainieren“; Sie können währenddessen weiter labeln.</translation>
    </message>
    <message>
        <source>&amp;Curve:</source>
        <translation>&amp;Kurve:</translation>
    </message>
    <message>
        <source>{0} ({1} sizes done)</source>
        <translation>{0} ({1} Größen fertig)</translation>
    </message>
    <message>
        <source>wrong label</source>
        <translation>falsches Label</translation>
    </message>
    <message>
        <source>no valid answer</source>
        <translation>keine gültige Antwort</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>übersehen</translation>
    </message>
    <message>
        <source>spurious</source>
        <translation>zu viel</translation>
    </message>
    <message>
        <source>wrong type</source>
        <translation>falscher Typ</translation>
    </message>
    <message>
        <source>wrong value</source>
        <translation>falscher Wert</translation>
    </message>
    <message>
        <source>other boundaries</source>
        <translation>andere Grenzen</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>richtig</translation>
    </message>
    <message>
        <source>likely label error</source>
        <translation>wahrscheinlicher Labelfehler</translation>
    </message>
    <message>
        <source>gold kept</source>
        <translation>Gold behalten</translation>
    </message>
    <message>
        <source>prediction accepted</source>
        <translation>Vorhersage übernommen</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Gold</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Show all errors</source>
        <translation>Alle Fehler zeigen</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>C&amp;lass:</source>
        <translation>K&amp;lasse:</translation>
    </message>
    <message>
        <source>Run {0} says</source>
        <translation>Lauf {0} sagt</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message numerus="yes">
        <source>{n} test report(s) with gold “{gold}” and prediction “{predicted}”.</source>
        <translation>
            <numerusform>{n} Testbefund mit Gold „{gold}“ und Vorhersage „{predicted}“.</numerusform>
            <numerusform>{n} Testbefunde mit Gold „{gold}“ und Vorhersage „{predicted}“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} of {total} error(s), most confident first.</source>
        <translation>
            <numerusform>{n} von {total} Fehler, die mit der höchsten Konfidenz zuerst.</numerusform>
            <numerusform>{n} von {total} Fehlern, die mit der höchsten Konfidenz zuerst.</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-score</source>
        <translation>Neu bewerten</translation>
    </message>
    <message>
        <source>Store this run&apos;s figures computed on the current gold labels</source>
        <translation>Die Kennzahlen dieses Laufs auf den aktuellen Gold-Labels neu berechnen und speichern</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>Export predictions…</source>
        <translation>Vorhersagen exportieren…</translation>
    </message>
    <message>
        <source>include example reports</source>
        <translation>Beispielbefunde einschließen</translation>
    </message>
    <message>
        <source>Off: the report holds figures only, no text and no report ids of patients.</source>
        <translation>Aus: Der Bericht enthält nur Kennzahlen, keinen Text und keine Befund-IDs von Patient:innen.</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Learning curve</source>
        <translation>Lernkurve</translation>
    </message>
    <message>
        <source>Label check</source>
        <translation>Label-Prüfung</translation>
    </message>
    <message>
        <source>No completed run yet. Train one on the Train page; its results appear here.</source>
        <translation>Noch kein abgeschlossener Lauf. Trainieren Sie einen auf der Seite „Trainieren“; seine Ergebnisse erscheinen hier.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run {run}&lt;/b&gt;: {figure} on {n} test reports.</source>
        <translation>&lt;b&gt;Lauf {run}&lt;/b&gt;: {figure} auf {n} Testbefunden.</translation>
    </message>
    <message>
        <source>the 95% interval of the difference excludes 0: a real difference on these reports</source>
        <translation>das 95-%-Intervall des Unterschieds schließt 0 aus: ein echter Unterschied auf diesen Befunden</translation>
    </message>
    <message>
        <source>the 95% interval of the difference includes 0: no clear difference</source>
        <translation>das 95-%-Intervall des Unterschieds schließt 0 ein: kein klarer Unterschied</translation>
    </message>
    <message>
        <source>Run {a} minus run {b}: {diff:+.3f} ({low:+.3f} to {high:+.3f}); {verdict}.</source>
        <translation>Lauf {a} minus Lauf {b}: {diff:+.3f} ({low:+.3f} bis {high:+.3f}); {verdict}.</translation>
    </message>
    <message numerus="yes">
        <source>Gold of {n} test report(s) changed since run {run} was scored. The figures on this page use the current gold; the run list still shows the older ones until you re-score.</source>
        <translation>
            <numerusform>Das Gold von {n} Testbefund hat sich geändert, seit Lauf {run} bewertet wurde. Die Zahlen auf dieser Seite nutzen das aktuelle Gold; die Laufliste zeigt die älteren, bis Sie neu bewerten.</numerusform>
            <numerusform>Das Gold von {n} Testbefunden hat sich geändert, seit Lauf {run} bewertet wurde. Die Zahlen auf dieser Seite nutzen das aktuelle Gold; die Laufliste zeigt die älteren, bis Sie neu bewerten.</numerusform>
        </translation>
    </message>
    <message>
        <source>prediction accepted as gold</source>
        <translation>Vorhersage als Gold übernommen</translation>
    </message>
    <message>
        <source>flagged for discussion</source>
        <translation>zur Diskussion markiert</translation>
    </message>
    <message>
        <source>gold set to {0}</source>
        <translation>Gold auf {0} gesetzt</translation>
    </message>
    <message>
        <source>{report}: {done}.</source>
        <translation>{report}: {done}.</translation>
    </message>
    <message>
        <source>Run {0} re-scored on the current gold.</source>
        <translation>Lauf {0} wurde auf dem aktuellen Gold neu bewertet.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML-Bericht (*.html)</translation>
    </message>
    <message>
        <source>Export predictions</source>
        <translation>Vorhersagen exportieren</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv);;JSON lines (*.jsonl)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv);;JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>Geschrieben: {0}</translation>
    </message>
    <message>
        <source>Run {0}</source>
        <translation>Lauf {0}</translation>
    </message>
    <message>
        <source>{0} training reports</source>
        <translation>{0} Trainingsbefunde</translation>
    </message>
    <message>
        <source>&amp;Run:</source>
        <translation>&amp;Lauf:</translation>
    </message>
    <message>
        <source>Compare &amp;with:</source>
        <translation>&amp;Vergleichen mit:</translation>
    </message>
    <message>
        <source>(no comparison)</source>
        <translation>(kein Vergleich)</translation>
    </message>
    <message>
        <source>gold only (missed)</source>
        <translation>nur Gold (übersehen)</translation>
    </message>
    <message>
        <source>prediction only (spurious)</source>
        <translation>nur Vorhersage (zu viel)</translation>
    </message>
    <message>
        <source>other type</source>
        <translation>anderer Typ</translation>
    </message>
    <message>
        <source>other value</source>
        <translation>anderer Wert</translation>
    </message>
    <message>
        <source>Accept prediction (A)</source>
        <translation>Vorhersage übernehmen (A)</translation>
    </message>
    <message>
        <source>Keep gold (K)</source>
        <translation>Gold behalten (K)</translation>
    </message>
    <message>
        <source>Fix gold… (F)</source>
        <translation>Gold korrigieren… (F)</translation>
    </message>
    <message>
        <source>Flag for discussion (D)</source>
        <translation>Zur Diskussion markieren (D)</translation>
    </message>
    <message>
        <source>The model is right: its answer becomes the gold</source>
        <translation>Das Modell hat recht: Seine Antwort wird zum Gold</translation>
    </message>
    <message>
        <source>Gold is right: keep it and go to the next error</source>
        <translation>Das Gold stimmt: behalten und zum nächsten Fehler</translation>
    </message>
    <message>
        <source>Both are wrong: choose the right gold</source>
        <translation>Beide sind falsch: das richtige Gold wählen</translation>
    </message>
    <message>
        <source>Not sure: flag this report for discussion</source>
        <translation>Unsicher: diesen Befund zur Diskussion markieren</translation>
    </message>
    <message>
        <source>Choose a report in the list to see its gold and the prediction.</source>
        <translation>Wählen Sie einen Befund in der Liste, um Gold und Vorhersage zu sehen.</translation>
    </message>
    <message>
        <source>Gold: {0}</source>
        <translation>Gold: {0}</translation>
    </message>
    <message>
        <source>Model (run {0}): {1}</source>
        <translation>Modell (Lauf {0}): {1}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Open in Annotate…</source>
        <translation>In „Annotieren“ öffnen…</translation>
    </message>
    <message>
        <source>Run {0} was chosen twice. Choose a second, different run of the same task to compare with.</source>
        <translation>Lauf {0} wurde zweimal gewählt. Wählen Sie einen zweiten, anderen Lauf derselben Aufgabe zum Vergleich.</translation>
    </message>
    <message>
        <source>Run {0} is {1}, so it has no complete set of test predictions. Compare completed runs.</source>
        <translation>Lauf {0} ist {1} und hat daher keine vollständigen Testvorhersagen. Vergleichen Sie abgeschlossene Läufe.</translation>
    </message>
    <message>
        <source>Run {0} learnt the task {1} and run {2} the task {3}; only runs of the same task can be compared.</source>
        <translation>Lauf {0} hat die Aufgabe {1} gelernt und Lauf {2} die Aufgabe {3}; nur Läufe derselben Aufgabe lassen sich vergleichen.</translation>
    </message>
    <message>
        <source>Runs {0} and {1} predicted no test report in common: the test split may have changed since. Predict the test split again with both runs.</source>
        <translation>Die Läufe {0} und {1} haben keinen gemeinsamen Testbefund vorhergesagt: Die Testaufteilung hat sich vielleicht seitdem geändert. Sagen Sie die Testbefunde mit beiden Läufen erneut vorher.</translation>
    </message>
    <message>
        <source>Run {0} is {1}, so it has no predictions to review. Choose a completed run.</source>
        <translation>Lauf {0} ist {1} und hat daher keine Vorhersagen zum Prüfen. Wählen Sie einen abgeschlossenen Lauf.</translation>
    </message>
    <message numerus="yes">
        <source>The task {0} has only {1} labelled training report(s). Label at least 10 before checking the labels.</source>
        <translation>
            <numerusform>Die Aufgabe {0} hat nur {1} gelabelten Trainingsbefund. Labeln Sie mindestens 10, bevor Sie die Labels prüfen.</numerusform>
            <numerusform>Die Aufgabe {0} hat nur {1} gelabelte Trainingsbefunde. Labeln Sie mindestens 10, bevor Sie die Labels prüfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The training reports of the task {0} have fewer than two labels with two or more reports each, so no model can tell them apart. Label reports of other labels first.</source>
        <translation>Die Trainingsbefunde der Aufgabe {0} haben weniger als zwei Labels mit je zwei oder mehr Befunden, daher kann kein Modell sie unterscheiden. Labeln Sie zuerst Befunde mit anderen Labels.</translation>
    </message>
    <message>
        <source>The label check works on label tasks; {0} is not one (marked values cannot be checked this way yet).</source>
        <translation>Die Label-Prüfung gilt für Labelaufgaben; {0} ist keine (markierte Werte lassen sich so noch nicht prüfen).</translation>
    </message>
    <message>
        <source>Run {0} cannot check the labels: it is not a completed fine-tuned run. Check with the fast baseline, or choose a completed fine-tuned run.</source>
        <translation>Lauf {0} kann die Labels nicht prüfen: Er ist kein abgeschlossener feinabgestimmter Lauf. Prüfen Sie mit der schnellen Baseline oder wählen Sie einen abgeschlossenen feinabgestimmten Lauf.</translation>
    </message>
    <message>
        <source>Training the model of run {0} on part of the training reports failed: {1}</source>
        <translation>Das Training des Modells von Lauf {0} auf einem Teil der Trainingsbefunde ist fehlgeschlagen: {1}</translation>
    </message>
    <message>
        <source>There is no learning curve {0} in this project. Start one with “Run a learning curve…”.</source>
        <translation>In diesem Projekt gibt es keine Lernkurve {0}. Erstellen Sie eine mit „Lernkurve erstellen…“.</translation>
    </message>
    <message>
        <source>The predictions cannot be written to {0}: the file name must end in .csv, .xlsx or .jsonl.</source>
        <translation>Die Vorhersagen können nicht nach {0} geschrieben werden: Der Dateiname muss auf .csv, .xlsx oder .jsonl enden.</translation>
    </message>
    <message>
        <source>{0} rows do not fit in an Excel sheet, so {1} was not written. Export as .csv or .jsonl.</source>
        <translation>{0} Zeilen passen nicht in ein Excel-Blatt, daher wurde {1} nicht geschrieben. Exportieren Sie als .csv oder .jsonl.</translation>
    </message>
    <message>
        <source>Give the name of the annotator who made the second opinion.</source>
        <translation>Geben Sie den Namen der Annotator:in an, die die Zweitmeinung erstellt hat.</translation>
    </message>
    <message>
        <source>The name is longer than {0} characters; choose a shorter one.</source>
        <translation>Der Name ist länger als {0} Zeichen; wählen Sie einen kürzeren.</translation>
    </message>
    <message>
        <source>“{0}” is how agreement names this project&apos;s own labels; use the annotator&apos;s name.</source>
        <translation>„{0}“ heißen bei der Übereinstimmung die eigenen Labels dieses Projekts; verwenden Sie den Namen der Annotator:in.</translation>
    </message>
    <message>
        <source>{0} is not a medlabel project. Choose the folder of the project in which the second annotator labelled the reports.</source>
        <translation>{0} ist kein medlabel-Projekt. Wählen Sie den Ordner des Projekts, in dem die zweite Annotator:in die Befunde gelabelt hat.</translation>
    </message>
    <message numerus="yes">
        <source>{0} report(s) in {1} have the id of a report here but a different text, so their labels may not belong to these reports. Nothing was imported.</source>
        <translation>
            <numerusform>{0} Befund in {1} hat die ID eines Befunds hier, aber einen anderen Text; seine Labels gehören daher vielleicht nicht zu diesem Befund. Es wurde nichts importiert.</numerusform>
            <numerusform>{0} Befunde in {1} haben die ID eines Befunds hier, aber einen anderen Text; ihre Labels gehören daher vielleicht nicht zu diesen Befunden. Es wurde nichts importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The label set {0} here has no label {1}, which {2} report(s) in {3} carry. Nothing was imported: add the label here, or correct those reports there.</source>
        <translation>
            <numerusform>Die Labelgruppe {0} hat hier kein Label {1}, das {2} Befund in {3} trägt. Es wurde nichts importiert: Fügen Sie das Label hier hinzu oder korrigieren Sie den Befund dort.</numerusform>
            <numerusform>Die Labelgruppe {0} hat hier kein Label {1}, das {2} Befunde in {3} tragen. Es wurde nichts importiert: Fügen Sie das Label hier hinzu oder korrigieren Sie die Befunde dort.</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} holds none of this project&apos;s reports, so there is nothing to compare. Choose the project in which the same reports were labelled.</source>
        <translation>{0} enthält keinen Befund dieses Projekts, daher gibt es nichts zu vergleichen. Wählen Sie das Projekt, in dem dieselben Befunde gelabelt wurden.</translation>
    </message>
    <message>
        <source>There is no second opinion yet. Let a colleague label a copy of this project, then import it with “Import a colleague&apos;s labels…”.</source>
        <translation>Es gibt noch keine Zweitmeinung. Lassen Sie eine Kopie dieses Projekts von einer Kolleg:in labeln und importieren Sie sie dann mit „Labels einer Kolleg:in importieren…“.</translation>
    </message>
    <message>
        <source>The project has no entity types, so there are no spans to compare.</source>
        <translation>Das Projekt hat keine Entitätstypen, daher gibt es keine Markierungen zu vergleichen.</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>The user guide is the file docs/guide.md in the medlabel folder you installed from.</source>
        <translation>Das Benutzerhandbuch ist die Datei docs/guide.md im medlabel-Ordner, aus dem Sie installiert haben.</translation>
    </message>
</context>
</TS>
