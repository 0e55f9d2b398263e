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
</TS>
