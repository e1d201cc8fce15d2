<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaptureProgress</name>
    <message numerus="yes">
        <location filename="../../app/gui/capture/progress.py" line="+113"/>
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
    <name>EvidenceList</name>
    <message numerus="yes">
        <location filename="../../app/gui/evidence/list_view.py" line="+133"/>
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
        <location filename="../../app/gui/evidence/model.py" line="+125"/>
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
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/handover/export_dialog.py" line="+163"/>
        <source>Exported %n capture(s) of the case to:</source>
        <translation>
            <numerusform>Exported %n capture of the case to:</numerusform>
            <numerusform>Exported %n captures of the case to:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/handover/import_dialog.py" line="+140"/>
        <source>INTACT. The zip, its signed record and every capture in it check out (%n capture(s)).</source>
        <translation>
            <numerusform>INTACT. The zip, its signed record and every capture in it check out (%n capture).</numerusform>
            <numerusform>INTACT. The zip, its signed record and every capture in it check out (%n captures).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>NOT INTACT. Nothing will be added. Vidne found %n problem(s):</source>
        <translation>
            <numerusform>NOT INTACT. Nothing will be added. Vidne found %n problem:</numerusform>
            <numerusform>NOT INTACT. Nothing will be added. Vidne found %n problems:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>The time of %n capture(s) is NOT trusted (see each capture below).</source>
        <translation>
            <numerusform>The time of %n capture is NOT trusted (see each capture below).</numerusform>
            <numerusform>The time of %n captures is NOT trusted (see each capture below).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n capture(s) have custody events signed by a key this computer does not know (see below).</source>
        <translation>
            <numerusform>%n capture has custody events signed by a key this computer does not know (see below).</numerusform>
            <numerusform>%n captures have custody events signed by a key this computer does not know (see below).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n capture(s) added to your evidence.</source>
        <translation>
            <numerusform>%n capture added to your evidence.</numerusform>
            <numerusform>%n captures added to your evidence.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n capture(s) were already here and were left as they are.</source>
        <translation>
            <numerusform>%n capture was already here and was left as it is.</numerusform>
            <numerusform>%n captures were already here and were left as they are.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PendingStamps</name>
    <message numerus="yes">
        <location filename="../../app/gui/stamps.py" line="+87"/>
        <source>%n capture(s) got a trusted time-stamp.</source>
        <translation>
            <numerusform>%n capture got a trusted time-stamp.</numerusform>
            <numerusform>%n captures got a trusted time-stamp.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n capture(s) got a time-stamp that is NOT trusted: its authority&apos;s root is not one this installation trusts.</source>
        <translation>
            <numerusform>%n capture got a time-stamp that is NOT trusted: its authority&apos;s root is not one this installation trusts.</numerusform>
            <numerusform>%n captures got a time-stamp that is NOT trusted: its authority&apos;s root is not one this installation trusts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/timeline/view.py" line="+245"/>
        <source>… %n more; all are in the bundle&apos;s manifest.json.</source>
        <translation>
            <numerusform>… %n more; all are in the bundle&apos;s manifest.json.</numerusform>
            <numerusform>… %n more; all are in the bundle&apos;s manifest.json.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n event(s), oldest first. A re-check sees what the browser sees at that moment, logged in as Vidne&apos;s browser profile was.</source>
        <translation>
            <numerusform>%n event, oldest first. A re-check sees what the browser sees at that moment, logged in as Vidne&apos;s browser profile was.</numerusform>
            <numerusform>%n events, oldest first. A re-check sees what the browser sees at that moment, logged in as Vidne&apos;s browser profile was.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VaultMenu</name>
    <message numerus="yes">
        <location filename="../../app/gui/handover/vault.py" line="+111"/>
        <source>Vault: %n capture(s) pending</source>
        <translation>
            <numerusform>Vault: %n capture pending</numerusform>
            <numerusform>Vault: %n captures pending</numerusform>
        </translation>
    </message>
</context>
</TS>
