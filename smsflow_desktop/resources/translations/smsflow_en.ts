<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ComplianceRules</name>
    <message numerus="yes">
        <source>%Ln texts</source>
        <translation>
            <numerusform>%Ln text</numerusform>
            <numerusform>%Ln texts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hours</source>
        <translation>
            <numerusform>%Ln hour</numerusform>
            <numerusform>%Ln hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln days</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in the last %Ln hours</source>
        <translation>
            <numerusform>in the last hour</numerusform>
            <numerusform>in the last %Ln hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message numerus="yes">
        <source>%Ln rows read…</source>
        <translation>
            <numerusform>%Ln row read…</numerusform>
            <numerusform>%Ln rows read…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new people</source>
        <translation>
            <numerusform>%Ln new person</numerusform>
            <numerusform>%Ln new people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated</source>
        <translation>
            <numerusform>%Ln updated</numerusform>
            <numerusform>%Ln updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln numbers are not valid: those people are kept but not texted.</source>
        <translation>
            <numerusform>%Ln number is not valid: that person is kept but not texted.</numerusform>
            <numerusform>%Ln numbers are not valid: those people are kept but not texted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln people have no number.</source>
        <translation>
            <numerusform>%Ln person has no number.</numerusform>
            <numerusform>%Ln people have no number.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message numerus="yes">
        <source>%Ln of the recipients are outside the sending window%1 in their time zone right now; their texts wait until it opens.</source>
        <translation>
            <numerusform>%Ln of the recipients is outside the sending window%1 in their time zone right now; their text waits until it opens.</numerusform>
            <numerusform>%Ln of the recipients are outside the sending window%1 in their time zone right now; their texts wait until it opens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them have numbers that span several time zones; the window open in all of them is used.</source>
        <translation>
            <numerusform>%Ln of them has a number that spans several time zones; the window open in all of them is used.</numerusform>
            <numerusform>%Ln of them have numbers that span several time zones; the window open in all of them is used.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them wait only because of a state&apos;s or country&apos;s rules (%1).</source>
        <translation>
            <numerusform>%Ln of them waits only because of a state&apos;s or country&apos;s rules (%1).</numerusform>
            <numerusform>%Ln of them wait only because of a state&apos;s or country&apos;s rules (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipients have numbers that span several time zones; their texts go only while the window is open in all of them.</source>
        <translation>
            <numerusform>%Ln recipient has a number that spans several time zones; their text goes only while the window is open in all of them.</numerusform>
            <numerusform>%Ln recipients have numbers that span several time zones; their texts go only while the window is open in all of them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Segments to be sent: %1 for %Ln texts</source>
        <translation>
            <numerusform>Segments to be sent: %1 for %Ln text</numerusform>
            <numerusform>Segments to be sent: %1 for %Ln texts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln texts in more than one part</source>
        <translation>
            <numerusform>%Ln text in more than one part</numerusform>
            <numerusform>%Ln texts in more than one part</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln people</source>
        <translation>
            <numerusform>%1 — %Ln person</numerusform>
            <numerusform>%1 — %Ln people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln people to %1</source>
        <translation>
            <numerusform>Wrote %Ln person to %1</numerusform>
            <numerusform>Wrote %Ln people to %1</numerusform>
        </translation>
    </message>
</context>
</TS>
