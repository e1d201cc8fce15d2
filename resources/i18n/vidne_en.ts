<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaptureProgress</name>
    <message numerus="yes">
        <location filename="../../app/gui/capture_progress.py" line="+114"/>
        <source>(step %n)</source>
        <translation>
            <numerusform>(step %n)</numerusform>
            <numerusform>(step %n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n second(s) so far</source>
        <translation>
            <numerusform>%n second so far</numerusform>
            <numerusform>%n seconds so far</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message numerus="yes">
        <location filename="../../app/gui/detail_view.py" line="+330"/>
        <source>NOT INTACT. Vidne found %n problem(s):</source>
        <translation>
            <numerusform>NOT INTACT. Vidne found %n problem:</numerusform>
            <numerusform>NOT INTACT. Vidne found %n problems:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message numerus="yes">
        <location filename="../../app/gui/evidence_list.py" line="+131"/>
        <source>%n capture(s) shown</source>
        <translation>
            <numerusform>%n capture shown</numerusform>
            <numerusform>%n captures shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message numerus="yes">
        <location filename="../../app/gui/evidence_model.py" line="+123"/>
        <source>Case %1, %n capture(s)</source>
        <translation>
            <numerusform>Case %1, %n capture</numerusform>
            <numerusform>Case %1, %n captures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n capture(s), newest %1</source>
        <translation>
            <numerusform>%n capture, newest %1</numerusform>
            <numerusform>%n captures, newest %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PendingStamps</name>
    <message numerus="yes">
        <location filename="../../app/gui/stamps.py" line="+42"/>
        <source>%n capture(s) got a trusted time-stamp.</source>
        <translation>
            <numerusform>%n capture got a trusted time-stamp.</numerusform>
            <numerusform>%n captures got a trusted time-stamp.</numerusform>
        </translation>
    </message>
</context>
</TS>
