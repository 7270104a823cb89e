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
        <source>Search reports</source>
        <translation>Befunde durchsuchen</translation>
    </message>
    <message>
        <source>Back to the report</source>
        <translation>Zurück zum Befund</translation>
    </message>
    <message>
        <source>select text with Shift+arrows</source>
        <translation>Text mit Shift+Pfeiltasten auswählen</translation>
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
        <source>Labels and entity types…</source>
        <translation>Labels und Entitätstypen…</translation>
    </message>
    <message>
        <source>Import reports…</source>
        <translation>Befunde importieren…</translation>
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
        <translation>Shift+Buchstabe</translation>
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
        <source>This project has no labels yet: add some in Project → Schema.</source>
        <translation>Dieses Projekt hat noch keine Labels: Fügen Sie welche unter Projekt → Schema hinzu.</translation>
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
        <translation>Ctrl+Enter: nächster Befund ohne Label</translation>
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
        <translation>Zur Diskussion markieren  (Ctrl+D)</translation>
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
        <translation>Markierung löschen  (Del)</translation>
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
        <source>No vocabulary is loaded for this type (medlabel vocabulary …)</source>
        <translation>Für diesen Typ ist kein Vokabular geladen (medlabel vocabulary …)</translation>
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
        <translation>Von Annotator:in gelabelt oder markiert</translation>
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
        <source>1 span</source>
        <translation>1 Markierung</translation>
    </message>
    <message>
        <source>{0} spans</source>
        <translation>{0} Markierungen</translation>
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
        <source>Whole words, each may be the start of a word: “smok” finds “smoker”</source>
        <translation>Ganze Wörter, jedes darf ein Wortanfang sein: „Rauch“ findet „Raucher“</translation>
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
        <source>New entity type</source>
        <translation>Neuer Entitätstyp</translation>
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
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
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
    <message>
        <source>{0} document(s) in the file; {1} will be imported {2}, with {3} label(s) and {4} span(s).</source>
        <translation>{0} Befund(e) in der Datei; {1} werden {2} importiert, mit {3} Label(s) und {4} Markierung(en).</translation>
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
        <translation>Sicherung vom {0} wiederhergestellt</translation>
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
        <source>Entity type</source>
        <translation>Entitätstyp</translation>
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
        <source>Entities (spans of text)</source>
        <translation>Entitäten (Textmarkierungen)</translation>
    </message>
    <message>
        <source>This project is open read-only: the schema can be read here but not changed.</source>
        <translation>Dieses Projekt ist schreibgeschützt geöffnet: Das Schema kann hier gelesen, aber nicht geändert werden.</translation>
    </message>
    <message>
        <source>Changes are stored as you make them. Double-click a name to rename it, a definition to edit it.</source>
        <translation>Änderungen werden sofort gespeichert. Doppelklicken Sie auf einen Namen, um ihn umzubenennen, oder auf eine Definition, um sie zu bearbeiten.</translation>
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
        <source>Edit {0} span</source>
        <translation>Markierung {0} bearbeiten</translation>
    </message>
    <message>
        <source>Delete {0} span</source>
        <translation>Markierung {0} löschen</translation>
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
        <translation>Zum Schließen Esc oder F1 drücken.</translation>
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
        <translation>Nur lesen: Sie dürfen den Ordner dieses Projekts lesen, aber nicht ändern (seine Zugriffsrechte oder ein schreibgeschütztes Laufwerk bzw. eine schreibgeschützte Freigabe). Sie können lesen und suchen. Zum Bearbeiten kopieren Sie das Projekt in einen eigenen Ordner und öffnen die Kopie.</translation>
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
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test (held out)</source>
        <translation>Test (zurückgehalten)</translation>
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
        <translation>Wählen Sie zuerst Text aus (Maus oder Shift+Pfeiltasten) und drücken Sie dann die Taste.</translation>
    </message>
    <message>
        <source>No span is selected: click one first.</source>
        <translation>Keine Markierung ausgewählt: Klicken Sie zuerst auf eine.</translation>
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
</context>
</TS>
