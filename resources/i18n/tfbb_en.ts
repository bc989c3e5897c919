<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>EntryActions</name>
    <message numerus="yes">
        <source>Exported %n contact person(s) to %1.</source>
        <translation>
            <numerusform>Exported %n contact person to %1.</numerusform>
            <numerusform>Exported %n contact persons to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message numerus="yes">
        <source>All %n event(s), past ones included.</source>
        <translation>
            <numerusform>%n event in all, past ones included.</numerusform>
            <numerusform>All %n events, past ones included.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upcoming event(s) from today on.</source>
        <translation>
            <numerusform>%n upcoming event from today on.</numerusform>
            <numerusform>%n upcoming events from today on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No upcoming events. Tick “Show earlier” to see the %n past event(s).</source>
        <translation>
            <numerusform>No upcoming events. Tick “Show earlier” to see the past event.</numerusform>
            <numerusform>No upcoming events. Tick “Show earlier” to see the %n past events.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportCounts</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message numerus="yes">
        <source>%n suggestion(s) in %1; not yet handled: %2.</source>
        <translation>
            <numerusform>%n suggestion in %1; not yet handled: %2.</numerusform>
            <numerusform>%n suggestions in %1; not yet handled: %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n note(s) could not be saved: %1</source>
        <translation>
            <numerusform>%n note could not be saved: %1</numerusform>
            <numerusform>%n notes could not be saved: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>%n principal(s)</source>
        <translation>
            <numerusform>%n principal</numerusform>
            <numerusform>%n principals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model component(s)</source>
        <translation>
            <numerusform>%n model component</numerusform>
            <numerusform>%n model components</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The principals list has %1 principals; %n of them have no status recorded for any model component and are not shown: %2.</source>
        <translation>
            <numerusform>The principals list has %1 principals; %n of them has no status recorded for any model component and is not shown: %2.</numerusform>
            <numerusform>The principals list has %1 principals; %n of them have no status recorded for any model component and are not shown: %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message numerus="yes">
        <source>Per model component, of %n principal(s):</source>
        <translation>
            <numerusform>Per model component, of %n principal:</numerusform>
            <numerusform>Per model component, of %n principals:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 (%n page(s)).</source>
        <translation>
            <numerusform>Saved %1 (%n page).</numerusform>
            <numerusform>Saved %1 (%n pages).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishPage</name>
    <message numerus="yes">
        <source>The workbook has %n problem(s). Correct them in the workbook, save it and choose Read again.</source>
        <translation>
            <numerusform>The workbook has %n problem. Correct it in the workbook, save it and choose Read again.</numerusform>
            <numerusform>The workbook has %n problems. Correct them in the workbook, save it and choose Read again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionsPage</name>
    <message numerus="yes">
        <source>%n suggestion(s), %1 not sent.</source>
        <translation>
            <numerusform>%n suggestion, %1 not sent.</numerusform>
            <numerusform>%n suggestions, %1 not sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message numerus="yes">
        <source>(%n more waiting)</source>
        <translation>
            <numerusform>(%n more waiting)</numerusform>
            <numerusform>(%n more waiting)</numerusform>
        </translation>
    </message>
</context>
</TS>
