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
</TS>
