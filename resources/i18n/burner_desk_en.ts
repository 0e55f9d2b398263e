<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CasePanel</name>
    <message numerus="yes">
        <source>{jurisdiction_name} · met on %n co-response call(s), never at the bedside</source>
        <translation>
            <numerusform>{jurisdiction_name} · met on %n co-response call, never at the bedside</numerusform>
            <numerusform>{jurisdiction_name} · met on %n co-response calls, never at the bedside</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EncounterWizard</name>
    <message numerus="yes">
        <source>{name} ({relationship}) · %n handout(s)</source>
        <translation>
            <numerusform>{name} ({relationship}) · %n handout</numerusform>
            <numerusform>{name} ({relationship}) · %n handouts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message numerus="yes">
        <source>Imported %n phone(s).</source>
        <translation>
            <numerusform>Imported %n phone.</numerusform>
            <numerusform>Imported %n phones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %n line(s) were skipped; fix them in the file and import it again:</source>
        <translation>
            <numerusform> %n line was skipped; fix it in the file and import it again:</numerusform>
            <numerusform> %n lines were skipped; fix them in the file and import it again:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OdmapExportDialog</name>
    <message numerus="yes">
        <source>%n incident(s) written to {0}.</source>
        <translation>
            <numerusform>%n incident written to {0}.</numerusform>
            <numerusform>%n incidents written to {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exported before and unchanged left out.</source>
        <translation>
            <numerusform>%n exported before and unchanged left out.</numerusform>
            <numerusform>%n exported before and unchanged left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PilotPanel</name>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message numerus="yes">
        <source>Preparing %n document(s)…</source>
        <translation>
            <numerusform>Preparing %n document…</numerusform>
            <numerusform>Preparing %n documents…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending the pages to the printer: {sheets} of %n sheet(s)…</source>
        <translation>
            <numerusform>Sending the pages to the printer: {sheets} of %n sheet…</numerusform>
            <numerusform>Sending the pages to the printer: {sheets} of %n sheets…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saving %n PDF file(s)…</source>
        <translation>
            <numerusform>Saving %n PDF file…</numerusform>
            <numerusform>Saving %n PDF files…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgramView</name>
    <message numerus="yes">
        <source>{in_time} of %n survivor(s) whose 48 hours are over were reached in time ({first} called first).</source>
        <translation>
            <numerusform>{in_time} of %n survivor whose 48 hours are over was reached in time ({first} called first).</numerusform>
            <numerusform>{in_time} of %n survivors whose 48 hours are over were reached in time ({first} called first).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity. Type your passphrase to continue.</source>
        <translation>
            <numerusform>Locked after %n minute without activity. Type your passphrase to continue.</numerusform>
            <numerusform>Locked after %n minutes without activity. Type your passphrase to continue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpikeCounts</name>
    <message numerus="yes">
        <source>{area}: %n overdose(s) in the last 24 hours.</source>
        <translation>
            <numerusform>{area}: %n overdose in the last 24 hours.</numerusform>
            <numerusform>{area}: %n overdoses in the last 24 hours.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Spike alert, {area}: %n overdose(s) in the last 24 hours ({reasons}).</source>
        <translation>
            <numerusform>Spike alert, {area}: %n overdose in the last 24 hours ({reasons}).</numerusform>
            <numerusform>Spike alert, {area}: %n overdoses in the last 24 hours ({reasons}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message numerus="yes">
        <source>Only %n burner phone(s) in stock (threshold {threshold}).</source>
        <translation>
            <numerusform>Only %n burner phone in stock (threshold {threshold}).</numerusform>
            <numerusform>Only %n burner phones in stock (threshold {threshold}).</numerusform>
        </translation>
    </message>
</context>
</TS>
