<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da" sourcelanguage="en">
<context>
    <name>CaptureForm</name>
    <message>
        <location filename="../../app/gui/capture/panel.py" line="+138"/>
        <source>Save a page as evidence</source>
        <translation>Gem en side som bevis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the address of the page from your browser, paste it below and press Enter. Vidne opens the page by itself, so you do not have to look at it again.</source>
        <translation>Kopiér sidens adresse fra din browser, sæt den ind herunder, og tryk på Enter. Vidne åbner selv siden, så du ikke behøver at se den igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Address of the page</source>
        <translation>&amp;Sidens adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address of the page</source>
        <translation>Sidens adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+L puts the cursor here</source>
        <translation>Ctrl+L sætter markøren her</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;se (optional)</source>
        <translation>Sa&amp;g (valgfri)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case</source>
        <translation>Sag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an existing case or type the name of a new one</source>
        <translation>Vælg en eksisterende sag, eller skriv navnet på en ny</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No case – or type a name for a new one</source>
        <translation>Ingen sag – eller skriv navnet på en ny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note (optional)</source>
        <translation>&amp;Note (valgfri)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: who sent you the link, or why you save it</source>
        <translation>For eksempel: hvem der sendte dig linket, eller hvorfor du gemmer det</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Capture this page</source>
        <translation>Gem denne side som bevis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the page as sealed evidence (Enter)</source>
        <translation>Gem siden som forseglet bevis (Enter)</translation>
    </message>
</context>
<context>
    <name>CapturePanel</name>
    <message>
        <location line="+75"/>
        <source>Paste the address of the page into the field first, then press Enter.</source>
        <translation>Indsæt først sidens adresse i feltet, og tryk så på Enter.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The evidence store is still opening. Try again in a moment.</source>
        <translation>Bevisarkivet er ved at blive åbnet. Prøv igen om et øjeblik.</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+8"/>
        <source>Stop saving this page?</source>
        <translation>Stop med at gemme siden?</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>If you stop now, nothing is saved. You can try again whenever you are ready.</source>
        <translation>Hvis du stopper nu, bliver intet gemt. Du kan prøve igen, når du er klar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep saving</source>
        <translation>&amp;Fortsæt med at gemme</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Stopped. Nothing was saved. You can try again whenever you are ready.</source>
        <translation>Stoppet. Der blev ikke gemt noget. Du kan prøve igen, når du er klar.</translation>
    </message>
</context>
<context>
    <name>CaptureProgress</name>
    <message>
        <location filename="../../app/gui/capture/progress.py" line="+100"/>
        <source>Opening the page</source>
        <translation>Åbner siden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scrolling through the whole page</source>
        <translation>Ruller gennem hele siden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taking pictures and a copy of the page</source>
        <translation>Tager billeder og en kopi af siden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealing the evidence</source>
        <translation>Forsegler beviset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Getting a trusted time-stamp</source>
        <translation>Henter et betroet tidsstempel</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>(step %n)</source>
        <translation>
            <numerusform>(trin %n)</numerusform>
            <numerusform>(trin %n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>done</source>
        <translation>færdig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>waiting</source>
        <translation>venter</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stopping…</source>
        <translation>Stopper …</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n second(s) so far</source>
        <translation>
            <numerusform>%n sekund indtil nu</numerusform>
            <numerusform>%n sekunder indtil nu</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saving the page…</source>
        <translation>Gemmer siden …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annullér</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the capture. Nothing is saved.</source>
        <translation>Stop. Der bliver ikke gemt noget.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the capture</source>
        <translation>Annullér gemningen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture progress</source>
        <translation>Fremskridt</translation>
    </message>
</context>
<context>
    <name>Confirmation</name>
    <message>
        <location filename="../../app/gui/capture/confirmation.py" line="+144"/>
        <source>In place: %1, confirmed by %2.</source>
        <translation>På plads: %1, bekræftet af %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added (%1, by %2), but that time-stamp service is not one your organisation trusts, so the time is not counted as trusted. The evidence is sealed and safe.</source>
        <translation>Tilføjet (%1, af %2), men den tidsstempeltjeneste er ikke en, din organisation stoler på, så tiden regnes ikke som betroet. Beviset er forseglet og i sikkerhed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A time-stamp is in place; the evidence list shows whether its time is trusted.</source>
        <translation>Der er et tidsstempel; listen over beviser viser, om dets tid er betroet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not requested: trusted time-stamps are turned off in the settings.</source>
        <translation>Ikke bestilt: betroede tidsstempler er slået fra i indstillingerne.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To come: Vidne adds it by itself when this computer is online.</source>
        <translation>På vej: Vidne tilføjer det selv, når computeren er på nettet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The page is saved as evidence</source>
        <translation>Siden er gemt som bevis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is sealed, so any later change to it can be detected. You do not need to look at the page again.</source>
        <translation>Den er forseglet, så enhver senere ændring kan opdages. Du behøver ikke at se siden igen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save &amp;another page</source>
        <translation>Gem en &amp;anden side</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in the &amp;evidence list</source>
        <translation>Vis i &amp;bevislisten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;folder</source>
        <translation>Åbn &amp;mappe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the evidence files in the file manager</source>
        <translation>Vis bevisets filer i stifinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picture of the page as it first appeared</source>
        <translation>Billede af siden, som den så ud ved åbning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What now?</source>
        <translation>Hvad nu?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What you can do now</source>
        <translation>Det kan du gøre nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page</source>
        <translation>Side</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved</source>
        <translation>Gemt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept in</source>
        <translation>Opbevaret i</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted time</source>
        <translation>Betroet tid</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no title)</source>
        <translation>(ingen titel)</translation>
    </message>
</context>
<context>
    <name>Curtain</name>
    <message>
        <location filename="../../app/gui/dialogs/curtain.py" line="+34"/>
        <source>Vidne is hidden. Anything in progress carries on.</source>
        <translation>Vidne er skjult. Det, der er i gang, fortsætter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show Vidne again</source>
        <translation>&amp;Vis Vidne igen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show Vidne again</source>
        <translation>Vis Vidne igen</translation>
    </message>
</context>
<context>
    <name>CustodyTab</name>
    <message>
        <location filename="../../app/gui/detail/tabs.py" line="+237"/>
        <source>not checked yet</source>
        <translation>ikke kontrolleret endnu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key fingerprint:</source>
        <translation>Nøglens fingeraftryk:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Trust this key…</source>
        <translation>Stol på denne nøgle …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What happened</source>
        <translation>Hvad skete der</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed by</source>
        <translation>Signeret af</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Hændelse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time (UTC)</source>
        <translation>Tid (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recorded details</source>
        <translation>Registrerede detaljer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chain of custody</source>
        <translation>Kæde af overdragelser</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../app/gui/detail/view.py" line="+148"/>
        <location line="+215"/>
        <source>(no title)</source>
        <translation>(ingen titel)</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Checking every file, signature and custody event…</source>
        <translation>Kontrollerer hver fil, signatur og logpost …</translation>
    </message>
    <message>
        <location filename="../../app/gui/detail/result.py" line="+20"/>
        <source>Not checked yet. Press &quot;Verify now&quot; to check that nothing has changed since the page was saved.</source>
        <translation>Ikke kontrolleret endnu. Tryk på &quot;Kontrollér nu&quot; for at se, at intet er ændret, siden siden blev gemt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your organisation&apos;s list of trusted time-stamp services and keys could not be used, so less is trusted (see Details).</source>
        <translation>Din organisations liste over betroede tidsstempeltjenester og nøgler kunne ikke bruges, så færre ting er betroede (se Detaljer).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The evidence is NOT as it was saved ✗</source>
        <translation>Beviset er IKKE som da det blev gemt ✗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems Vidne found: %1 (see Details).</source>
        <translation>Problemer, Vidne fandt: %1 (se Detaljer).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the capture exactly as it is and tell the person who handles the case. Capture the page again if it is still online.</source>
        <translation>Lad beviset være præcis, som det er, og fortæl det til den, der behandler sagen. Gem siden igen, hvis den stadig er på nettet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The evidence is unchanged ✓</source>
        <translation>Beviset er uændret ✓</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>NOT INTACT. Problems Vidne found: %1</source>
        <translation>IKKE INTAKT. Problemer, Vidne fandt: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>INTACT. Every file matches its recorded SHA-256 fingerprint, the seal&apos;s signature is valid and the custody log is unbroken.</source>
        <translation>INTAKT. Hver fil passer med sit registrerede SHA-256-fingeraftryk, seglets signatur er gyldig, og overdragelsesloggen er ubrudt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unknown key of event %1: %2</source>
        <translation>Ukendt nøgle for hændelse %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/detail/view.py" line="+156"/>
        <source>Choose a capture in the list to see it here.</source>
        <translation>Vælg et bevis i listen for at se det her.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify now</source>
        <translation>&amp;Kontrollér nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that nothing in this capture has changed since it was sealed</source>
        <translation>Kontrollér, at intet i beviset er ændret, siden det blev forseglet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;folder</source>
        <translation>Åbn &amp;mappe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the evidence files in the file manager</source>
        <translation>Vis bevisets filer i stifinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;note</source>
        <translation>Tilføj &amp;note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a signed note to the custody log (the evidence is not changed)</source>
        <translation>Tilføj en signeret note til overdragelsesloggen (selve beviset ændres ikke)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Trust a key…</source>
        <translation>&amp;Stol på en nøgle …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A custody event here was signed by a key this computer does not know. Name its holder after reading its fingerprint back with them.</source>
        <translation>En hændelse i overdragelsesloggen er signeret med en nøgle, denne computer ikke kender. Angiv, hvis nøglen er, når I har læst fingeraftrykket op for hinanden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verification result</source>
        <translation>Resultat af kontrollen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technical details of the check</source>
        <translation>Tekniske detaljer om kontrollen</translation>
    </message>
    <message>
        <location line="-106"/>
        <location line="+107"/>
        <source>&amp;Details</source>
        <translation>&amp;Detaljer</translation>
    </message>
    <message>
        <location line="-107"/>
        <location line="+107"/>
        <source>Hide &amp;details</source>
        <translation>Skjul &amp;detaljer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the technical details: fingerprints, file names, file types, the recorded data and the times in UTC</source>
        <translation>Vis de tekniske detaljer: fingeraftryk, filnavne, filtyper, de registrerede data og tiderne i UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page title</source>
        <translation>Sidens titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address of the page</source>
        <translation>Sidens adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pictures</source>
        <translation>Billeder</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Facts</source>
        <translation>Fakta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody log</source>
        <translation>Overdragelseslog</translation>
    </message>
</context>
<context>
    <name>EvidenceDelegate</name>
    <message>
        <location filename="../../app/gui/evidence/delegate.py" line="+94"/>
        <source>Checking…</source>
        <translation>Kontrollerer …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intact · trusted time</source>
        <translation>Intakt · betroet tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intact · time-stamp to come</source>
        <translation>Intakt · tidsstempel på vej</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intact · time not trusted</source>
        <translation>Intakt · tiden er ikke betroet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intact · time-stamp broken</source>
        <translation>Intakt · tidsstemplet er brudt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not intact</source>
        <translation>Ikke intakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot be checked</source>
        <translation>Kan ikke kontrolleres</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown signer</source>
        <translation>Ukendt underskriver</translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <location filename="../../app/gui/evidence/list_view.py" line="+103"/>
        <source>Loading…</source>
        <translation>Henter …</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n capture(s) shown</source>
        <translation>
            <numerusform>%n bevis vist</numerusform>
            <numerusform>%n beviser vist</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+43"/>
        <source>All cases</source>
        <translation>Alle sager</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+44"/>
        <source>No case</source>
        <translation>Ingen sag</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>C&amp;ase:</source>
        <translation>Sa&amp;g:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show captures of this case</source>
        <translation>Vis beviser i denne sag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search titles, addresses and notes</source>
        <translation>Søg i titler, adresser og noter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the evidence</source>
        <translation>Søg i beviserne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence, grouped by case, newest first</source>
        <translation>Beviser efter sag, nyeste først</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <location filename="../../app/gui/evidence/model.py" line="+117"/>
        <source>No case</source>
        <translation>Ingen sag</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Case %1, %n capture(s)</source>
        <translation>
            <numerusform>Sag %1, %n bevis</numerusform>
            <numerusform>Sag %1, %n beviser</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n capture(s), newest %1</source>
        <translation>
            <numerusform>%n bevis, nyeste %1</numerusform>
            <numerusform>%n beviser, nyeste %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(no title)</source>
        <translation>(ingen titel)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1, %2, saved %3</source>
        <translation>%1, %2, gemt %3</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/gui/handover/export_dialog.py" line="+116"/>
        <source>Save the export as</source>
        <translation>Gem eksporten som</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip-filer (*.zip)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checking every capture of the case…</source>
        <translation>Kontrollerer alle beviser i sagen …</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking capture %1 of %2</source>
        <translation>Kontrollerer bevis %1 af %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording the export in each capture&apos;s custody log (%1 of %2)</source>
        <translation>Noterer eksporten i hvert bevis&apos; overdragelseslog (%1 af %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the chain-of-custody report</source>
        <translation>Skriver rapporten om overdragelseskæden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packing the zip file (%1 of %2)</source>
        <translation>Pakker zip-filen (%1 af %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the finished zip as the recipient will (%1 of %2)</source>
        <translation>Kontrollerer den færdige zip-fil, som modtageren vil gøre det (%1 af %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working (%1 of %2)</source>
        <translation>Arbejder (%1 af %2)</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Exported %n capture(s) of the case to:</source>
        <translation>
            <numerusform>Eksporterede %n bevis fra sagen til:</numerusform>
            <numerusform>Eksporterede %n beviser fra sagen til:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tell the recipient this fingerprint of the file by phone or in a letter, so they can check that the zip they get is the one you sent:</source>
        <translation>Giv modtageren dette fingeraftryk af filen i telefonen eller i et brev, så vedkommende kan kontrollere, at den zip-fil, der modtages, er den, du sendte:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported although not intact (the report says so): %1</source>
        <translation>Eksporteret, selv om de ikke er intakte (rapporten siger det): %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Export a case</source>
        <translation>Eksportér en sag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case&apos;s captures are checked, then packed into one zip file with the chain-of-custody report, ready to hand to the police. Each capture&apos;s custody log records the export.</source>
        <translation>Sagens beviser kontrolleres og pakkes derefter i én zip-fil med rapporten om overdragelseskæden, klar til at blive givet til politiet. Hvert bevis&apos; overdragelseslog noterer eksporten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Case</source>
        <translation>&amp;Sag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case to export</source>
        <translation>Sag, der skal eksporteres</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(captures without a case)</source>
        <translation>(beviser uden sag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report language</source>
        <translation>&amp;Rapportens sprog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the report</source>
        <translation>Rapportens sprog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include captures that are not intact (the report marks them)</source>
        <translation>Tag beviser med, der ikke er intakte (rapporten markerer dem)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>&amp;Eksportér …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;folder</source>
        <translation>Åbn &amp;mappe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
</context>
<context>
    <name>Facts</name>
    <message>
        <location filename="../../app/gui/detail/facts.py" line="+44"/>
        <source>Page title</source>
        <translation>Sidens titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address asked for</source>
        <translation>Adresse, der blev bedt om</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address shown</source>
        <translation>Adresse, der blev vist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP status</source>
        <translation>HTTP-status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture started</source>
        <translation>Gemning startet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture finished</source>
        <translation>Gemning afsluttet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captured by</source>
        <translation>Gemt af</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case</source>
        <translation>Sag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>(ingen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture id</source>
        <translation>Bevis-id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing key fingerprint</source>
        <translation>Signeringsnøglens fingeraftryk</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Redirects</source>
        <translation>Omdirigeringer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server address</source>
        <translation>Serverens adresse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Secure connection (TLS)</source>
        <translation>Sikker forbindelse (TLS)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Browser</source>
        <translation>Browser</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (cut: the page was longer)</source>
        <translation> (afkortet: siden var længere)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole-page picture</source>
        <translation>Billede af hele siden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warnings</source>
        <translation>Advarsler</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+7"/>
        <source>%1 more not shown</source>
        <translation>%1 mere vises ikke</translation>
    </message>
</context>
<context>
    <name>FactsTab</name>
    <message>
        <location filename="../../app/gui/detail/tabs.py" line="-190"/>
        <source>Everything recorded (manifest.json)</source>
        <translation>Alt registreret (manifest.json)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fact</source>
        <translation>Oplysning</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Værdi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facts of the capture</source>
        <translation>Oplysninger om beviset</translation>
    </message>
</context>
<context>
    <name>FetchDialog</name>
    <message>
        <location filename="../../app/gui/handover/vault.py" line="+165"/>
        <source>Reading the vault&apos;s cases…</source>
        <translation>Læser sagerne i bevisarkivet…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fetch a case from the vault</source>
        <translation>Hent en sag fra bevisarkivet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cases in the organisation&apos;s vault. The chosen case is copied into your evidence store; every capture is verified first, and nothing is added if one does not verify.</source>
        <translation>Sagerne i organisationens bevisarkiv. Den valgte sag kopieres ind i dit bevislager; hver optagelse kontrolleres først, og intet tilføjes, hvis én ikke kan kontrolleres.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Fetch the case</source>
        <translation>&amp;Hent sagen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 — %2 capture(s)</source>
        <translation>%1 — %2 optagelse(r)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no case)</source>
        <translation>(ingen sag)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The vault holds no cases yet.</source>
        <translation>Bevisarkivet rummer endnu ingen sager.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading the case back from the vault and verifying every capture…</source>
        <translation>Læser sagen tilbage fra bevisarkivet og kontrollerer hver optagelse…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verified and fetched: %1 capture(s) added, %2 already in your store.</source>
        <translation>Kontrolleret og hentet: %1 optagelse(r) tilføjet, %2 var allerede i dit lager.</translation>
    </message>
</context>
<context>
    <name>FilesTab</name>
    <message>
        <location filename="../../app/gui/detail/tabs.py" line="+48"/>
        <source>What the page showed on opening</source>
        <translation>Det, siden viste ved åbning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The page on opening, before cookie pop-ups were closed</source>
        <translation>Siden ved åbning, før cookie-vinduer blev lukket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The whole page, top to bottom</source>
        <translation>Hele siden, fra top til bund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The page as the browser had built it</source>
        <translation>Siden, som browseren havde bygget den</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The page with its pictures and styles, in one file</source>
        <translation>Siden med billeder og layout, i én fil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything the page loaded (the network record)</source>
        <translation>Alt, hvad siden hentede (netværksoptagelsen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The page&apos;s text, as the browser showed it</source>
        <translation>Sidens tekst, som browseren viste den</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Part %1 of the picture of the whole page, for programs that cannot open it whole</source>
        <translation>Del %1 af billedet af hele siden, til programmer, der ikke kan åbne det samlet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file the address answered with (not a web page), as the browser received it</source>
        <translation>Filen, adressen svarede med (ikke en webside), som browseren modtog den</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>A video or sound the page played</source>
        <translation>En video eller lyd, som siden afspillede</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Størrelse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What was kept</source>
        <translation>Hvad der blev gemt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-fingeraftryk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was kept of the page</source>
        <translation>Hvad der blev gemt af siden</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/gui/handover/import_dialog.py" line="+103"/>
        <source>Choose the export to import</source>
        <translation>Vælg den eksport, der skal importeres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip-filer (*.zip)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checking every file, signature and custody log in the zip…</source>
        <translation>Kontrollerer alle filer, signaturer og overdragelseslogge i zip-filen …</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>INTACT. The zip, its signed record and every capture in it check out (%n capture(s)).</source>
        <translation>
            <numerusform>INTAKT. Zip-filen, dens signerede oversigt og hvert bevis i den er i orden (%n bevis).</numerusform>
            <numerusform>INTAKT. Zip-filen, dens signerede oversigt og hvert bevis i den er i orden (%n beviser).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>NOT INTACT. Nothing will be added. Vidne found %n problem(s):</source>
        <translation>
            <numerusform>IKKE INTAKT. Intet bliver tilføjet. Vidne fandt %n problem:</numerusform>
            <numerusform>IKKE INTAKT. Intet bliver tilføjet. Vidne fandt %n problemer:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case: %1</source>
        <translation>Sag: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no case)</source>
        <translation>(ingen sag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported by: %1</source>
        <translation>Eksporteret af: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported at: %1</source>
        <translation>Eksporteret: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporter&apos;s key: %1 (%2)</source>
        <translation>Afsenderens nøgle: %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporter&apos;s key: %1</source>
        <translation>Afsenderens nøgle: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint of the zip file (compare it with the one the sender told you):</source>
        <translation>Zip-filens fingeraftryk (sammenlign det med det, afsenderen gav dig):</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>The time of %n capture(s) is NOT trusted (see each capture below).</source>
        <translation>
            <numerusform>Tiden for %n optagelse er IKKE betroet (se hver optagelse nedenfor).</numerusform>
            <numerusform>Tiden for %n optagelser er IKKE betroet (se hver optagelse nedenfor).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n capture(s) have custody events signed by a key this computer does not know (see below).</source>
        <translation>
            <numerusform>%n optagelse har hændelser i overdragelsesloggen, der er signeret med en nøgle, denne computer ikke kender (se nedenfor).</numerusform>
            <numerusform>%n optagelser har hændelser i overdragelsesloggen, der er signeret med en nøgle, denne computer ikke kender (se nedenfor).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each capture:</source>
        <translation>Hver optagelse:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>intact</source>
        <translation>intakt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NOT intact</source>
        <translation>IKKE intakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Adding the captures to your evidence…</source>
        <translation>Tilføjer beviserne til dine beviser …</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n capture(s) added to your evidence.</source>
        <translation>
            <numerusform>%n bevis tilføjet til dine beviser.</numerusform>
            <numerusform>%n beviser tilføjet til dine beviser.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n capture(s) were already here and were left as they are.</source>
        <translation>
            <numerusform>%n bevis var her allerede og blev ladt, som det er.</numerusform>
            <numerusform>%n beviser var her allerede og blev ladt, som de er.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each added capture&apos;s custody log records that you received it.</source>
        <translation>Hvert tilføjet bevis&apos; overdragelseslog noterer, at du har modtaget det.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Import evidence</source>
        <translation>Importér beviser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Here you take in evidence a colleague exported from Vidne (a .zip file).</source>
        <translation>Her tager du imod beviser, som en kollega har eksporteret fra Vidne (en .zip-fil).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1.  Choose the .zip file you received. The sender should also have told you its fingerprint, by phone or in a letter.</source>
        <translation>1.  Vælg den .zip-fil, du har modtaget. Afsenderen bør også have givet dig dens fingeraftryk, i telefonen eller i et brev.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2.  Vidne checks every file, signature and custody log in it, and shows the result here. Nothing is added yet.</source>
        <translation>2.  Vidne kontrollerer hver fil, signatur og overdragelseslog i den og viser resultatet her. Intet bliver tilføjet endnu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>3.  If it is intact, press &quot;Add to my evidence&quot;. Each capture&apos;s custody log then records that you received it, and &quot;Show the evidence&quot; takes you to it.</source>
        <translation>3.  Hvis den er intakt, så tryk på &quot;Tilføj til mine beviser&quot;. Hvert bevis&apos; overdragelseslog registrerer så, at du har modtaget det, og &quot;Vis beviserne&quot; fører dig derhen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How importing works</source>
        <translation>Sådan foregår import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show the evidence</source>
        <translation>&amp;Vis beviserne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose file…</source>
        <translation>&amp;Vælg fil …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add to my evidence</source>
        <translation>&amp;Tilføj til mine beviser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result of the check</source>
        <translation>Resultat af kontrollen</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../app/gui/dialogs/log_view.py" line="+37"/>
        <source>Vidne&apos;s log</source>
        <translation>Vidnes log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What Vidne did, newest last. The full log is kept in %1</source>
        <translation>Hvad Vidne har gjort, nyeste sidst. Hele loggen ligger i %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
</context>
<context>
    <name>LoginAction</name>
    <message>
        <location filename="../../app/gui/capture/login_action.py" line="+42"/>
        <source>&amp;Log in to a site…</source>
        <translation>&amp;Log ind på en side …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Vidne&apos;s own browser to log in to Facebook or another site, so that captures show what you see there</source>
        <translation>Åbn Vidnes egen browser for at logge ind på Facebook eller en anden side, så det, du gemmer, viser det samme, som du ser der</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+31"/>
        <source>Log in to a site</source>
        <translation>Log ind på en side</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Vidne opens its own browser (not your everyday browser). Log in there, then close the browser window.

The page to open first:</source>
        <translation>Vidne åbner sin egen browser (ikke den, du plejer at bruge). Log ind der, og luk så browservinduet.

Den side, der skal åbnes først:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Vidne&apos;s browser is open. Log in there, then close the browser window.</source>
        <translation>Vidnes browser er åben. Log ind der, og luk så browservinduet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vidne&apos;s browser now holds log-ins for:

%1

Captures use them from now on. Passwords and cookies never go into the evidence.</source>
        <translation>Vidnes browser er nu logget ind på:

%1

Det bruges, når du gemmer sider fremover. Adgangskoder og cookies kommer aldrig med i beviserne.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vidne&apos;s browser holds no log-ins yet.</source>
        <translation>Vidnes browser er ikke logget ind nogen steder endnu.</translation>
    </message>
</context>
<context>
    <name>LoginWall</name>
    <message>
        <location line="+24"/>
        <source>The page you saved shows a &quot;confirm you&apos;re not a robot&quot; check, not the content you asked for. It was kept as evidence of what the site showed.

Use File ▸ Log in to a site… to open the page in Vidne&apos;s browser, answer the check there, then save the page again.</source>
        <translation>Den side, du gemte, viser en »bekræft, at du ikke er en robot«-kontrol og ikke det indhold, du ville gemme. Den er gemt som bevis på, hvad siden viste.

Brug Filer ▸ Log ind på en side … for at åbne siden i Vidnes browser, besvar kontrollen der, og gem så siden igen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The page you saved shows a login page, not the content you asked for. It was kept as evidence of what the site showed.

Use File ▸ Log in to a site… to log in once in Vidne&apos;s browser, then save the page again.</source>
        <translation>Den side, du gemte, viser en login-side og ikke det indhold, du ville gemme. Den er gemt som bevis på, hvad siden viste.

Brug Filer ▸ Log ind på en side … for at logge ind én gang i Vidnes browser, og gem så siden igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The page asked you to log in</source>
        <translation>Siden bad dig logge ind</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/gui/dialogs/boxes.py" line="+29"/>
        <source>Some settings could not be used</source>
        <translation>Nogle indstillinger kunne ikke bruges</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Time-stamps</source>
        <translation>Tidsstempler</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="+203"/>
        <source>The evidence store could not be opened.</source>
        <translation>Bevisarkivet kunne ikke åbnes.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Evidence is kept in %1</source>
        <translation>Beviser opbevares i %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing key %1</source>
        <translation>Signeringsnøgle %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/boxes.py" line="-12"/>
        <source>Signing key</source>
        <translation>Signeringsnøgle</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Everything saved on this computer is sealed with the key whose fingerprint is:

%1

Read it aloud to whoever receives your evidence if they ask to confirm it.</source>
        <translation>Alt, der gemmes på denne computer, forsegles med nøglen med fingeraftrykket:

%1

Læs det højt for den, der modtager dine beviser, hvis vedkommende beder om at bekræfte det.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>About Vidne</source>
        <translation>Om Vidne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne %1

Saves web pages as sealed, verifiable evidence.</source>
        <translation>Vidne %1

Gemmer websider som forseglede beviser, der kan kontrolleres.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Vidne&apos;s signing key on this computer was missing, so Vidne made a new one. Evidence saved from now on carries a new fingerprint; evidence saved before can still be checked. Tell HR, or whoever confirmed your old fingerprint, and restore the old key from a backup if you have one.</source>
        <translation>Vidnes signeringsnøgle på denne computer manglede, så Vidne har lavet en ny. Beviser, der gemmes fra nu af, får et nyt fingeraftryk; beviser gemt før kan stadig kontrolleres. Fortæl det til HR eller den, der bekræftede dit gamle fingeraftryk, og læg den gamle nøgle tilbage fra en sikkerhedskopi, hvis du har en.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A new signing key</source>
        <translation>En ny signeringsnøgle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New fingerprint: %1</source>
        <translation>Nyt fingeraftryk: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="+124"/>
        <source>Vidne – save web pages as evidence</source>
        <translation>Vidne – gem websider som bevis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a page</source>
        <translation>Gem en side</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>Beviser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a web page as evidence (Ctrl+1)</source>
        <translation>Gem en webside som bevis (Ctrl+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything you have saved, by case (Ctrl+2)</source>
        <translation>Alt, hvad du har gemt, efter sag (Ctrl+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide now</source>
        <translation>Skjul nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide Vidne at once (Ctrl+H)</source>
        <translation>Skjul Vidne med det samme (Ctrl+H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide Vidne now</source>
        <translation>Skjul Vidne nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Capture a page</source>
        <translation>&amp;Gem en side</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Indstillinger …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get missing &amp;time-stamps</source>
        <translation>Hent manglende &amp;tidsstempler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export a case…</source>
        <translation>&amp;Eksportér en sag …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import evidence…</source>
        <translation>I&amp;mportér beviser …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save a page</source>
        <translation>&amp;Gem en side</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Evidence</source>
        <translation>&amp;Beviser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hide Vidne now</source>
        <translation>&amp;Skjul Vidne nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>S&amp;prog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;What now?</source>
        <translation>&amp;Hvad nu?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Log</source>
        <translation>&amp;Log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing &amp;key</source>
        <translation>Signerings&amp;nøgle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Vidne</source>
        <translation>&amp;Om Vidne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/gui/messages.py" line="+69"/>
        <source>The site&apos;s name could not be found. Check the address for typing errors and that this computer is on the internet.</source>
        <translation>Sidens navn kunne ikke findes. Tjek adressen for slåfejl, og at computeren er på internettet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer is not on the internet. Connect and try again.</source>
        <translation>Computeren er ikke på internettet. Opret forbindelse, og prøv igen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The site could not be reached. It may be down. Try again later.</source>
        <translation>Siden kunne ikke nås. Den er måske nede. Prøv igen senere.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The browser will not open this address, as a safety rule. Check the address.</source>
        <translation>Browseren åbner af sikkerhedshensyn ikke denne adresse. Tjek adressen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The site&apos;s security certificate is not valid, so the connection cannot be trusted.</source>
        <translation>Sidens sikkerhedscertifikat er ikke gyldigt, så forbindelsen kan ikke stoles på.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This is not a web address Vidne can save</source>
        <translation>Det er ikke en webadresse, Vidne kan gemme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the address from the browser&apos;s address bar (it starts with https://) and paste it into the field.</source>
        <translation>Kopiér adressen fra browserens adresselinje (den starter med https://), og sæt den ind i feltet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vidne cannot find a browser to use</source>
        <translation>Vidne kan ikke finde en browser at bruge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was saved. Ask your IT support to install Google Chrome, Microsoft Edge or Chromium on this computer, or to set the browser in Vidne&apos;s settings.</source>
        <translation>Der blev ikke gemt noget. Bed din IT-support om at installere Google Chrome, Microsoft Edge eller Chromium på computeren eller om at vælge browseren i Vidnes indstillinger.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The page took too long</source>
        <translation>Siden var for længe om det</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was saved. Try again in a little while.</source>
        <translation>Der blev ikke gemt noget. Prøv igen om lidt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk is full</source>
        <translation>Disken er fuld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was saved. Free some space on the disk that holds the evidence folder (or ask your IT support), then try again.</source>
        <translation>Intet blev gemt. Frigør plads på disken med bevismappen (eller spørg din it-support), og prøv igen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vidne may not write to the evidence folder</source>
        <translation>Vidne må ikke skrive i bevismappen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was saved. The evidence folder is read-only or you do not have permission to write there. Ask your IT support, or choose another folder in the settings.</source>
        <translation>Intet blev gemt. Bevismappen er skrivebeskyttet, eller du har ikke lov til at skrive der. Spørg din it-support, eller vælg en anden mappe i indstillingerne.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped</source>
        <translation>Stoppet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The capture was stopped. Nothing was saved.</source>
        <translation>Gemningen blev stoppet. Der blev ikke gemt noget.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the address is right and that this computer is on the internet, then try again.</source>
        <translation>Tjek, at adressen er rigtig, og at computeren er på internettet, og prøv så igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The page could not be saved</source>
        <translation>Siden kunne ikke gemmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was saved.</source>
        <translation>Der blev ikke gemt noget.</translation>
    </message>
    <message>
        <location filename="../../app/gui/handover/vault.py" line="+9"/>
        <location filename="../../app/gui/messages.py" line="+8"/>
        <source>Technical message:</source>
        <translation>Teknisk besked (engelsk):</translation>
    </message>
    <message>
        <location filename="../../app/gui/messages.py" line="+11"/>
        <source>Vidne&apos;s signing key cannot be used</source>
        <translation>Vidnes signeringsnøgle kan ikke bruges</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne cannot seal evidence without its signing key. Contact your IT support and show them the details below.</source>
        <translation>Vidne kan ikke forsegle beviser uden sin signeringsnøgle. Kontakt din IT-support, og vis dem detaljerne herunder.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The evidence could not be stored</source>
        <translation>Beviset kunne ikke gemmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was saved for this page. Check that there is free space on the disk and that the evidence folder can be written to, then try again.</source>
        <translation>Der blev ikke gemt noget for denne side. Tjek, at der er plads på disken, og at der kan skrives i bevismappen, og prøv så igen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The export cannot be saved there</source>
        <translation>Eksporten kan ikke gemmes der</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another folder, or a file name that does not exist yet.</source>
        <translation>Vælg en anden mappe eller et filnavn, der ikke findes endnu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case was not exported</source>
        <translation>Sagen blev ikke eksporteret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was handed over. If a capture is not intact, the details say which; you can export anyway with the box for captures that are not intact ticked, and the report will say so.</source>
        <translation>Intet blev overdraget. Hvis et bevis ikke er intakt, står det i detaljerne hvilket; du kan eksportere alligevel ved at sætte flueben ved beviser, der ikke er intakte, og så siger rapporten det.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is not an export from Vidne</source>
        <translation>Det er ikke en eksport fra Vidne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the .zip file that Vidne made when the case was exported.</source>
        <translation>Vælg den .zip-fil, som Vidne lavede, da sagen blev eksporteret.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was imported</source>
        <translation>Der blev ikke importeret noget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The evidence did not pass the check, or it is already in the store. See the details below.</source>
        <translation>Beviset bestod ikke kontrollen, eller det findes allerede i arkivet. Se detaljerne herunder.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The custody log cannot be added to</source>
        <translation>Der kan ikke tilføjes til overdragelsesloggen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne does not add to a custody log that is damaged. Verify the capture and keep it as it is.</source>
        <translation>Vidne tilføjer ikke til en overdragelseslog, der er beskadiget. Kontrollér beviset, og lad det være, som det er.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The capture cannot be found</source>
        <translation>Beviset kan ikke findes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It may have been moved or deleted outside Vidne.</source>
        <translation>Det er måske blevet flyttet eller slettet uden for Vidne.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The evidence store reported a problem</source>
        <translation>Bevisarkivet meldte et problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See the details below.</source>
        <translation>Se detaljerne herunder.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not allowed</source>
        <translation>Ikke tilladt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne was not allowed to do this. See the details below.</source>
        <translation>Vidne fik ikke lov til dette. Se detaljerne herunder.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file could not be read or written</source>
        <translation>En fil kunne ikke læses eller skrives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is available and has free space, then try again.</source>
        <translation>Tjek, at disken er tilgængelig og har ledig plads, og prøv så igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something unexpected went wrong</source>
        <translation>Noget uventet gik galt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing that was already saved is affected. The log (Help → Log) has the details for your IT support.</source>
        <translation>Intet af det, der allerede er gemt, er berørt. Loggen (Hjælp → Log) har detaljerne til din IT-support.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>&amp;Try again</source>
        <translation>&amp;Prøv igen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Details</source>
        <translation>&amp;Detaljer</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Close the message</source>
        <translation>Luk beskeden</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The folder could not be opened</source>
        <translation>Mappen kunne ikke åbnes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This computer has no program that opens folders for Vidne. The evidence is in this folder; copy its path to open it another way:</source>
        <translation>Denne computer har intet program, der kan åbne mapper for Vidne. Beviset ligger i denne mappe; kopiér stien for at åbne den på en anden måde:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder&apos;s path</source>
        <translation>Mappens sti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiér</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Copied.</source>
        <translation>Kopieret.</translation>
    </message>
    <message>
        <location filename="../../app/gui/state/happened.py" line="+47"/>
        <source>The address is not a web page Vidne may save: it must be a whole address that starts with http:// or https://.</source>
        <translation>Adressen er ikke en webside, Vidne må gemme: det skal være en hel adresse, der begynder med http:// eller https://.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No Chrome, Edge or Chromium browser could be found or started on this computer.</source>
        <translation>Der kunne ikke findes eller startes en Chrome-, Edge- eller Chromium-browser på denne computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The browser could not open or save the page.</source>
        <translation>Browseren kunne ikke åbne eller gemme siden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The capture did not finish within its time limit, so Vidne stopped it.</source>
        <translation>Siden blev ikke gemt færdig inden for tidsgrænsen, så Vidne stoppede.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The browser gave up waiting for the site to answer.</source>
        <translation>Browseren opgav at vente på, at siden svarede.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The capture was stopped before it had finished.</source>
        <translation>Gemningen blev stoppet, før den var færdig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The site&apos;s name could not be looked up (DNS): it may be misspelt, or the computer is not on the internet.</source>
        <translation>Sidens navn kunne ikke slås op (DNS): det kan være stavet forkert, eller computeren er ikke på internettet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This computer is not connected to the internet.</source>
        <translation>Denne computer er ikke forbundet til internettet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The site refused the connection.</source>
        <translation>Siden afviste forbindelsen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The site&apos;s address could not be reached: the connection timed out, or there is no way to it from this network.</source>
        <translation>Sidens adresse kunne ikke nås: forbindelsen fik ikke svar i tide, eller der er ingen vej til den fra dette netværk.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The browser does not open addresses with this port number, as a safety rule.</source>
        <translation>Browseren åbner af sikkerhedshensyn ikke adresser med dette portnummer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The site&apos;s security certificate is not valid: it has expired, is for another name, or is not issued by a known authority.</source>
        <translation>Sidens sikkerhedscertifikat er ikke gyldigt: det er udløbet, gælder et andet navn eller er ikke udstedt af en kendt myndighed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A secure (TLS) connection to the site could not be made at all.</source>
        <translation>Der kunne slet ikke oprettes en sikker (TLS-)forbindelse til siden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The disk that holds the evidence folder is full.</source>
        <translation>Disken med bevismappen er fuld.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The evidence folder is read-only, or Vidne has no permission to write there.</source>
        <translation>Bevismappen er skrivebeskyttet, eller Vidne har ikke tilladelse til at skrive der.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Vidne&apos;s signing key could not be created or read.</source>
        <translation>Vidnes signeringsnøgle kunne ikke oprettes eller læses.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The capture could not be sealed as evidence.</source>
        <translation>Siden kunne ikke forsegles som bevis.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The evidence folder could not be created, opened or written to.</source>
        <translation>Bevismappen kunne ikke oprettes, åbnes eller skrives i.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file the export was to be saved as cannot be used: its folder does not exist, or the file exists already.</source>
        <translation>Filen, eksporten skulle gemmes som, kan ikke bruges: dens mappe findes ikke, eller filen findes allerede.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The case could not be exported.</source>
        <translation>Sagen kunne ikke eksporteres.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not a zip file, or it is too damaged to be read as one.</source>
        <translation>Filen er ikke en zip-fil, eller den er for beskadiget til at kunne læses som en.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is not an export from Vidne: it holds no evidence.</source>
        <translation>Filen er ikke en eksport fra Vidne: den indeholder ingen beviser.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The zip file holds something Vidne does not unpack, such as paths outside its folder, links or very large files.</source>
        <translation>Zip-filen indeholder noget, Vidne ikke pakker ud, fx stier uden for dens mappe, genveje eller meget store filer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The evidence was not added: it did not pass the check, or the store holds it already.</source>
        <translation>Beviserne blev ikke tilføjet: de bestod ikke kontrollen, eller de findes allerede i bevisarkivet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing could be added to the capture&apos;s custody log: the log is damaged, or the event is unknown.</source>
        <translation>Der kunne ikke tilføjes noget til bevisets overdragelseslog: loggen er beskadiget, eller hændelsen er ukendt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More than one capture matches the id given.</source>
        <translation>Mere end ét bevis passer til det angivne id.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No capture in the store belongs to this case.</source>
        <translation>Intet bevis i bevisarkivet hører til denne sag.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No capture in the store has this id.</source>
        <translation>Intet bevis i bevisarkivet har dette id.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder is not a capture of evidence: it has no manifest, seal or custody log.</source>
        <translation>Mappen er ikke et bevis fra Vidne: den har intet manifest, segl eller overdragelseslog.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The key given is not a public key Vidne can use.</source>
        <translation>Den angivne nøgle er ikke en offentlig nøgle, Vidne kan bruge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The organisation&apos;s settings for trusted time-stamps or keys cannot be used.</source>
        <translation>Organisationens indstillinger for betroede tidsstempler eller nøgler kan ikke bruges.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vidne has no credentials (access key) for the organisation&apos;s vault.</source>
        <translation>Vidne har ingen adgangsoplysninger (adgangsnøgle) til organisationens bevisarkiv.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The organisation&apos;s vault cannot be reached now.</source>
        <translation>Organisationens bevisarkiv kan ikke nås lige nu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The organisation&apos;s vault is not set up as write-once, so nothing was put there.</source>
        <translation>Organisationens bevisarkiv er ikke sat op til kun at kunne skrives én gang, så der blev ikke lagt noget i det.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The organisation&apos;s vault answered, but refused.</source>
        <translation>Organisationens bevisarkiv svarede, men afviste.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong with the organisation&apos;s vault.</source>
        <translation>Noget gik galt med organisationens bevisarkiv.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The evidence store could not do what was asked.</source>
        <translation>Bevisarkivet kunne ikke gøre det, der blev bedt om.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The system did not allow Vidne to read or write a file or folder.</source>
        <translation>Systemet tillod ikke Vidne at læse eller skrive en fil eller mappe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A file or folder that Vidne needed does not exist.</source>
        <translation>En fil eller mappe, som Vidne skulle bruge, findes ikke.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A file or folder could not be read or written.</source>
        <translation>En fil eller mappe kunne ikke læses eller skrives.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An error that Vidne did not expect: a fault in Vidne, not something you did.</source>
        <translation>En fejl, Vidne ikke havde forventet: en fejl i Vidne, ikke noget, du har gjort.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/note.py" line="+45"/>
        <source>Add a note</source>
        <translation>Tilføj en note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The note is added to the capture&apos;s custody log, signed with your name and the time. The evidence itself is not changed, and a note cannot be removed later.</source>
        <translation>Noten føjes til bevisets overdragelseslog, signeret med dit navn og tidspunktet. Selve beviset ændres ikke, og en note kan ikke fjernes bagefter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add note</source>
        <translation>Tilføj note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
</context>
<context>
    <name>PendingStamps</name>
    <message>
        <location filename="../../app/gui/stamps.py" line="+44"/>
        <source>Trusted time-stamps are turned off in the settings.</source>
        <translation>Betroede tidsstempler er slået fra i indstillingerne.</translation>
    </message>
    <message numerus="yes">
        <location line="+43"/>
        <source>%n capture(s) got a trusted time-stamp.</source>
        <translation>
            <numerusform>%n bevis fik et betroet tidsstempel.</numerusform>
            <numerusform>%n beviser fik et betroet tidsstempel.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n capture(s) got a time-stamp that is NOT trusted: its authority&apos;s root is not one this installation trusts.</source>
        <translation>
            <numerusform>%n optagelse fik et tidsstempel, der IKKE er betroet: tjenestens rod er ikke en, denne installation stoler på.</numerusform>
            <numerusform>%n optagelser fik et tidsstempel, der IKKE er betroet: tjenestens rod er ikke en, denne installation stoler på.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No time-stamp service answered just now. Nothing is lost: Vidne asks again by itself later.</source>
        <translation>Ingen tidsstempeltjeneste svarede lige nu. Intet er tabt: Vidne spørger selv igen senere.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no evidence yet, so there is nothing to time-stamp.</source>
        <translation>Der er ingen beviser endnu, så der er intet at tidsstemple.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every capture has its trusted time-stamp.</source>
        <translation>Alle beviser har deres betroede tidsstempel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time-stamps could not be asked for now. Vidne will try again later.</source>
        <translation>Der kunne ikke spørges efter tidsstempler nu. Vidne prøver igen senere.</translation>
    </message>
</context>
<context>
    <name>PicturesTab</name>
    <message>
        <location filename="../../app/gui/detail/pictures.py" line="+82"/>
        <source>The whole page, top to bottom</source>
        <translation>Hele siden, fra top til bund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the page showed on opening</source>
        <translation>Det, siden viste ved åbning</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Which picture</source>
        <translation>Hvilket billede</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (Ctrl+minus)</source>
        <translation>Zoom ud (Ctrl+minus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Zoom ud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (Ctrl+plus)</source>
        <translation>Zoom ind (Ctrl+plus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>Zoom ind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to the width (Ctrl+0)</source>
        <translation>Tilpas til bredden (Ctrl+0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to the width</source>
        <translation>Tilpas til bredden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blur again</source>
        <translation>Slør igen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show clearly</source>
        <translation>Vis tydeligt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pictures are blurred so you do not have to read the page again. The evidence itself is not blurred.</source>
        <translation>Billederne er sløret, så du ikke behøver at læse siden igen. Selve beviset er ikke sløret.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Screenshot</source>
        <translation>Skærmbillede</translation>
    </message>
</context>
<context>
    <name>ScreenshotView</name>
    <message>
        <location filename="../../app/gui/detail/screenshot_view.py" line="+170"/>
        <source>No picture</source>
        <translation>Intet billede</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+135"/>
        <source>This picture cannot be shown: %1</source>
        <translation>Billedet kan ikke vises: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/settings.py" line="+273"/>
        <source>Choose the folder for the evidence</source>
        <translation>Vælg mappen til beviserne</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the browser program</source>
        <translation>Vælg browserprogrammet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>Generelt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When you capture a page</source>
        <translation>Når du gemmer en side</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your &amp;name</source>
        <translation>Dit &amp;navn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence &amp;folder</source>
        <translation>Bevis&amp;mappe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>S&amp;prog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trusted time</source>
        <translation>&amp;Betroet tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-stamp &amp;services</source>
        <translation>&amp;Tidsstempeltjenester</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browser</source>
        <translation>B&amp;rowser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pictures</source>
        <translation>B&amp;illeder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log-&amp;ins</source>
        <translation>&amp;Logget ind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Web traffic</source>
        <translation>&amp;Webtrafik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Video and sound</source>
        <translation>&amp;Video og lyd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Si&amp;ze limit</source>
        <translation>Maks. &amp;størrelse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cookie pop-ups</source>
        <translation>&amp;Cookiebannere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comm&amp;ents</source>
        <translation>Komm&amp;entarer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After you have logged in to a site with “Log in to a site”, the pages you capture show what you see when logged in, for example on Facebook. Turn this off to capture pages as a visitor who is not logged in.</source>
        <translation>Når du har logget ind på en side med »Log ind på en side«, viser de sider, du gemmer, det samme, som du ser, når du er logget ind, fx på Facebook. Slå det fra for at gemme sider som en besøgende, der ikke er logget ind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A copy of every file the browser fetched for the page, so an expert can later show where each part came from. Passwords and log-in cookies are left out.</source>
        <translation>En kopi af hver fil, browseren hentede til siden, så en ekspert senere kan vise, hvor hver del kom fra. Adgangskoder og login-cookies bliver udeladt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Videos and sound clips on the page are saved as files in the evidence. They can take up a lot of space.</source>
        <translation>Videoer og lydklip på siden gemmes som filer i beviset. De kan fylde meget.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A video or sound file larger than this is not saved; the evidence notes its address and why. 1024 MB is 1 GB.</source>
        <translation>En video- eller lydfil, der er større end dette, bliver ikke gemt; beviset noterer dens adresse og hvorfor. 1024 MB er 1 GB.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vidne clicks “Accept” or “Close” on cookie pop-ups so they do not hide the page, and notes every click in the evidence. Leave this off if the pop-up itself matters.</source>
        <translation>Vidne klikker på »Accepter« eller »Luk« i cookiebannere, så de ikke skjuler siden, og noterer hvert klik i beviset. Lad det være slået fra, hvis selve banneret har betydning.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vidne opens collapsed comments and “See more”, plays the page&apos;s media and runs the site&apos;s own behaviour (after the first picture is taken) and notes every step in the evidence. Turn this off if nothing on the page may be clicked. The page is scrolled through either way.</source>
        <translation>Vidne åbner sammenfoldede kommentarer og “Se mere”, afspiller sidens medier og kører sidens egen adfærd (efter at det første billede er taget) og noterer hvert trin i beviset. Slå det fra, hvis intet på siden må klikkes. Siden rulles igennem under alle omstændigheder.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Comes from this computer&apos;s set-up (the environment variable %1), so it cannot be changed here. Ask your IT support if it is wrong.</source>
        <translation>Kommer fra computerens opsætning (miljøvariablen %1) og kan derfor ikke ændres her. Spørg din IT-support, hvis det er forkert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vidne was started with --store, so this time it keeps the evidence in this folder.</source>
        <translation>Vidne blev startet med --store, så denne gang gemmes beviserne i denne mappe.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Set by your organisation. Ask your IT support to change it.</source>
        <translation>Fastsat af din organisation. Bed din IT-support om at ændre det.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locked by your organisation</source>
        <translation>Låst af din organisation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set by this computer&apos;s set-up</source>
        <translation>Fastsat af computerens opsætning</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The standard folder for your user</source>
        <translation>Standardmappen for din bruger</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>Vælg …</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Found automatically</source>
        <translation>Findes automatisk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As the computer (Danish on a Danish system)</source>
        <translation>Som computeren (dansk på et dansk system)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Get a trusted time-stamp for every capture (recommended)</source>
        <translation>Hent et betroet tidsstempel til hvert bevis (anbefales)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One address per line. Empty: Vidne&apos;s built-in list.</source>
        <translation>Én adresse pr. linje. Tom: Vidnes indbyggede liste.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blur pictures of pages until I choose to see them (recommended)</source>
        <translation>Slør billeder af sider, indtil jeg vælger at se dem (anbefales)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture with the log-ins saved in Vidne&apos;s browser</source>
        <translation>Brug de login, der er gemt i Vidnes browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep a record of everything the page loaded (recommended)</source>
        <translation>Gem en kopi af alt, hvad siden hentede (anbefales)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the videos and sound the page plays</source>
        <translation>Gem videoer og lyd, som siden afspiller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MB</source>
        <comment>megabytes</comment>
        <translation>MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click away cookie pop-ups before the pictures are taken</source>
        <translation>Klik cookiebannere væk, før der tages billeder af siden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open comments and “See more” before the whole page is captured</source>
        <translation>Åbn kommentarer og “Se mere”, før hele siden gemmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings with a lock are set by your organisation and cannot be changed here.</source>
        <translation>Indstillinger med en lås er fastsat af din organisation og kan ikke ændres her.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save</source>
        <translation>Gem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../app/gui/state/wording.py" line="+38"/>
        <source>First captured</source>
        <translation>Gemt første gang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>Uændret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>Ændret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gone</source>
        <translation>Forsvundet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log-in needed</source>
        <translation>Kræver log-ind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unreachable</source>
        <translation>Kunne ikke nås</translation>
    </message>
</context>
<context>
    <name>TimelineAction</name>
    <message>
        <location filename="../../app/gui/timeline/action.py" line="+48"/>
        <source>Choose a case in the evidence list, or select one of its captures, to see its timeline.</source>
        <translation>Vælg en sag i bevislisten, eller vælg en af dens optagelser, for at se sagens tidslinje.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Timeline of the case…</source>
        <translation>&amp;Tidslinje for sagen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every capture and re-check of the case in time order, with what was removed and added (Ctrl+T)</source>
        <translation>Hver optagelse og genkontrol af sagen i tidsrækkefølge, med det, der blev fjernet og tilføjet (Ctrl+T)</translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <location filename="../../app/gui/timeline/view.py" line="+132"/>
        <source>Loading…</source>
        <translation>Henter …</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>(no title)</source>
        <translation>(ingen titel)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time: %1</source>
        <translation>Tidspunkt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture: %1</source>
        <translation>Optagelse: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-check of %1</source>
        <translation>Genkontrol af %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP status %1</source>
        <translation>HTTP-status %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed text (struck through):</source>
        <translation>Fjernet tekst (overstreget):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added text (underlined):</source>
        <translation>Tilføjet tekst (understreget):</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>… %n more; all are in the bundle&apos;s manifest.json.</source>
        <translation>
            <numerusform>… %n mere; alle står i bevispakkens manifest.json.</numerusform>
            <numerusform>… %n mere; alle står i bevispakkens manifest.json.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No answer from the address: nothing was saved, the attempt is recorded in the custody log of the capture it re-checked.</source>
        <translation>Intet svar fra adressen: intet blev gemt; forsøget står i sporbarhedsloggen for den optagelse, der blev genkontrolleret.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n event(s), oldest first. A re-check sees what the browser sees at that moment, logged in as Vidne&apos;s browser profile was.</source>
        <translation>
            <numerusform>%n hændelse, ældste først. En genkontrol ser det, browseren ser i det øjeblik, logget ind som Vidnes browserprofil var.</numerusform>
            <numerusform>%n hændelser, ældste først. En genkontrol ser det, browseren ser i det øjeblik, logget ind som Vidnes browserprofil var.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No case</source>
        <translation>Ingen sag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline – %1</source>
        <translation>Tidslinje – %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline of the case %1</source>
        <translation>Tidslinje for sagen %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captures and re-checks of the case, oldest first</source>
        <translation>Sagens optagelser og genkontroller, ældste først</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The timeline drawn: one mark per capture or re-check</source>
        <translation>Tidslinjen tegnet: ét mærke pr. optagelse eller genkontrol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected capture or re-check</source>
        <translation>Den valgte optagelse eller genkontrol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The page&apos;s first view (blurred unless you chose otherwise)</source>
        <translation>Sidens første visning (sløret, medmindre du har valgt andet)</translation>
    </message>
</context>
<context>
    <name>Trust</name>
    <message>
        <location filename="../../app/gui/state/wording.py" line="-21"/>
        <source>Captured and sealed</source>
        <translation>Gemt og forseglet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-stamp added</source>
        <translation>Tidsstempel tilføjet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported</source>
        <translation>Eksporteret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>Modtaget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed over</source>
        <translation>Overdraget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept in the vault (write-once)</source>
        <translation>Lagt i arkivet (kan ikke slettes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-checked</source>
        <translation>Tjekket igen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>someone</source>
        <translation>nogen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 saved the page as evidence</source>
        <translation>%1 gemte siden som bevis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 added a time-stamp</source>
        <translation>%1 tilføjede et tidsstempel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 exported the evidence</source>
        <translation>%1 eksporterede beviset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 received the evidence</source>
        <translation>%1 modtog beviset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 handed the evidence over</source>
        <translation>%1 overdrog beviset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 put the evidence in the organisation&apos;s write-once vault</source>
        <translation>%1 lagde beviset i organisationens arkiv, hvor det ikke kan slettes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 added a note: “%2”</source>
        <translation>%1 tilføjede en note: “%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 re-checked the page: %2 (capture %3)</source>
        <translation>%1 tjekkede siden igen: %2 (bevis %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 re-checked the page: %2 (nothing was saved)</source>
        <translation>%1 tjekkede siden igen: %2 (intet blev gemt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an unnamed time-stamp service</source>
        <translation>en unavngiven tidsstempeltjeneste</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Trusted time: %1, from %2.</source>
        <translation>Betroet tid: %1, fra %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time NOT trusted: the time-stamp from %1 says %2, but it leads to a root this computer does not trust.</source>
        <translation>Tiden er IKKE betroet: tidsstemplet fra %1 siger %2, men det fører til en rod, som denne computer ikke stoler på.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The time-stamp is broken: it does not verify, so it gives no time.</source>
        <translation>Tidsstemplet er brudt: det kan ikke kontrolleres og angiver derfor ingen tid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No time-stamp yet: the times shown come from the capturing computer&apos;s clock.</source>
        <translation>Intet tidsstempel endnu: de viste tider kommer fra uret på den computer, der gemte siden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time of the time-stamp in UTC: %1</source>
        <translation>Tidsstemplets tid i UTC: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>trusted time from %1</source>
        <translation>betroet tid fra %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>time NOT trusted (from %1)</source>
        <translation>tiden er IKKE betroet (fra %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>time-stamp broken</source>
        <translation>tidsstemplet er brudt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no time-stamp yet</source>
        <translation>intet tidsstempel endnu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The time-stamp service&apos;s root is “%1” (SHA-256 %2). Anyone can run a time-stamp service: its time is trusted only when its root is one Vidne ships, one your organisation lists (trusted_tsa_roots), or one named for a check (vidne verify --tsa-root). Ask your IT department before relying on this time.</source>
        <translation>Tidsstempeltjenestens rod er »%1« (SHA-256 %2). Alle kan drive en tidsstempeltjeneste: dens tid er kun betroet, når roden er en, Vidne leveres med, en, din organisation har opført (trusted_tsa_roots), eller en, der er angivet til en kontrol (vidne verify --tsa-root). Spørg din it-afdeling, før du lægger denne tid til grund.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Verified up to the trusted root “%1”.</source>
        <translation>Kontrolleret op til den betroede rod »%1«.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the check reported (in English): %1</source>
        <translation>Det, kontrollen meldte (på engelsk): %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sealer</source>
        <translation>forsegleren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>known: %1</source>
        <translation>kendt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>ukendt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Event %1 (%2) was signed by an unknown key %3: not the sealer&apos;s, and not one this computer knows.</source>
        <translation>Hændelse %1 (%2) er signeret med en ukendt nøgle %3: hverken forseglerens eller en nøgle, denne computer kender.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sealed on this computer.</source>
        <translation>Forseglet på denne computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sealed by %1 (a key known here).</source>
        <translation>Forseglet af %1 (en nøgle, der er kendt her).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed on another computer, with a key this computer does not know (see Details).</source>
        <translation>Forseglet på en anden computer med en nøgle, som denne computer ikke kender (se Detaljer).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sealed with this computer&apos;s key %1.</source>
        <translation>Forseglet med denne computers nøgle %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sealed with the key %1, known here as %2.</source>
        <translation>Forseglet med nøglen %1, som her kendes som %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sealed with the key %1 (not one this computer knows: confirm its fingerprint with the sender).</source>
        <translation>Forseglet med nøglen %1 (en nøgle, denne computer ikke kender: bekræft dens fingeraftryk med afsenderen).</translation>
    </message>
</context>
<context>
    <name>TrustKeyDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/trust_key.py" line="+73"/>
        <location line="+9"/>
        <source>Trust this key</source>
        <translation>Stol på denne nøgle</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Trust this key only if its holder has read this fingerprint back to you out of band: by phone on a number you looked up yourself, or in person. Never trust a key because an e-mail, a message or the evidence itself says whose it is. From then on, everything signed with it is shown here under the name you give.</source>
        <translation>Stol kun på denne nøgle, hvis dens indehaver har læst dette fingeraftryk op for dig ad en anden vej: i telefonen på et nummer, du selv har slået op, eller ansigt til ansigt. Stol aldrig på en nøgle, fordi en e-mail, en besked eller selve beviset siger, hvis den er. Derefter vises alt, hvad der er signeret med den, her under det navn, du angiver.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Whose key is it (person or office)?</source>
        <translation>&amp;Hvis nøgle er det (person eller kontor)?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the key&apos;s holder</source>
        <translation>Navn på nøglens indehaver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I have read this fingerprint back with its holder, out of band</source>
        <translation>Jeg har læst dette fingeraftryk op med indehaveren ad en anden vej</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
</context>
<context>
    <name>VaultMenu</name>
    <message>
        <location filename="../../app/gui/handover/vault.py" line="-114"/>
        <source>Fetch a case from the &amp;vault…</source>
        <translation>Hent en sag fra &amp;bevisarkivet…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Vault: %n capture(s) pending</source>
        <translation>
            <numerusform>Bevisarkiv: %n optagelse venter</numerusform>
            <numerusform>Bevisarkiv: %n optagelser venter</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not yet in the organisation&apos;s vault. They are kept safely on this computer and pushed when the vault can be reached (at the next start).</source>
        <translation>Endnu ikke i organisationens bevisarkiv. De gemmes sikkert på denne computer og sendes, når bevisarkivet kan nås (ved næste start).</translation>
    </message>
</context>
<context>
    <name>WatchActions</name>
    <message>
        <location filename="../../app/gui/watch/actions.py" line="+141"/>
        <source>Vidne no longer follows this post. The checks made so far are kept as evidence.</source>
        <translation>Vidne følger ikke længere opslaget. Tjekkene indtil nu er gemt som beviser.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vidne follows this post every 30 minutes for %1 days.</source>
        <translation>Vidne følger opslaget hver halve time i %1 dage.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne follows this post every 6 hours for %1 days.</source>
        <translation>Vidne følger opslaget hver 6. time i %1 dage.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne follows this post once a day for %1 days.</source>
        <translation>Vidne følger opslaget en gang i døgnet i %1 dage.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne follows this post for %1 days.</source>
        <translation>Vidne følger opslaget i %1 dage.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Follow this post…</source>
        <translation>&amp;Følg opslaget…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check this post again on a schedule and keep each check as evidence</source>
        <translation>Tjek opslaget igen med faste mellemrum, og gem hvert tjek som bevis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop following this post</source>
        <translation>&amp;Stop med at følge opslaget</translation>
    </message>
</context>
<context>
    <name>WatchDialog</name>
    <message>
        <location line="-119"/>
        <source>Follow the post</source>
        <translation>Følg opslaget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne opens the address of “%1” again on a schedule while Vidne is open (or when IT runs it), and saves each check as new evidence beside the first. It stops by itself after %2 days, or when the post has been gone three checks in a row.</source>
        <translation>Vidne åbner adressen på “%1” igen med faste mellemrum, mens Vidne er åben (eller når IT kører det), og gemmer hvert tjek som nyt bevis ved siden af det første. Det stopper af sig selv efter %2 dage, eller når opslaget har været væk tre tjek i træk.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A check sees what the page shows now, to Vidne&apos;s browser as it is logged in now. Only this address is opened; no links are followed.</source>
        <translation>Et tjek ser det, siden viser nu, for Vidnes browser, sådan som den er logget ind nu. Kun denne adresse åbnes; ingen links følges.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every &amp;30 minutes</source>
        <translation>Hver &amp;halve time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every &amp;6 hours</source>
        <translation>Hver &amp;6. time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Once a &amp;day</source>
        <translation>&amp;En gang i døgnet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Follow</source>
        <translation>&amp;Følg</translation>
    </message>
</context>
<context>
    <name>Watching</name>
    <message>
        <location filename="../../app/gui/watch/runner.py" line="+200"/>
        <source>Posts you follow changed or could not be seen (%1 checks). The checks are saved as evidence; the list shows them.</source>
        <translation>Opslag, du følger, er ændret eller kunne ikke ses (%1 tjek). Tjekkene er gemt som beviser; listen viser dem.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The post you follow (%1) has been gone three checks in a row, so Vidne stopped following it. Every check is saved as evidence.</source>
        <translation>Opslaget, du følger (%1), har været væk tre tjek i træk, så Vidne er holdt op med at følge det. Hvert tjek er gemt som bevis.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The post you follow (%1) could not be found just now. The check is saved as evidence; Vidne looks again later.</source>
        <translation>Opslaget, du følger (%1), kunne ikke findes lige nu. Tjekket er gemt som bevis; Vidne kigger igen senere.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The post you follow (%1) now asks to log in. The check is saved as evidence.</source>
        <translation>Opslaget, du følger (%1), beder nu om at logge ind. Tjekket er gemt som bevis.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The post you follow (%1) has changed. The new version is saved as evidence.</source>
        <translation>Opslaget, du følger (%1), er ændret. Den nye udgave er gemt som bevis.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/welcome.py" line="+167"/>
        <location line="+1"/>
        <source>Welcome to Vidne</source>
        <translation>Velkommen til Vidne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You are ready</source>
        <translation>Du er klar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne saves web pages as evidence that can be checked later by HR, the police or a court. Every capture records who made it. Please tell Vidne who you are; you only need to do this once.</source>
        <translation>Vidne gemmer websider som beviser, som HR, politiet eller en domstol senere kan kontrollere. Hvert bevis registrerer, hvem der gemte det. Fortæl Vidne, hvem du er; det skal du kun gøre én gang.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your full &amp;name</source>
        <translation>Dit fulde &amp;navn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your full name</source>
        <translation>Dit fulde navn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your &amp;organisation</source>
        <translation>Din &amp;organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your organisation</source>
        <translation>Din organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vidne is ready. Everything you save is sealed on this computer, so any later change to it can be seen.</source>
        <translation>Vidne er klar. Alt, hvad du gemmer, bliver forseglet på denne computer, så enhver senere ændring kan ses.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Details</source>
        <translation>&amp;Detaljer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the fingerprint of this computer&apos;s signing key</source>
        <translation>Vis fingeraftrykket af denne computers signeringsnøgle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is the fingerprint of the key that seals your evidence. Whoever receives your evidence can ask you to read it aloud, to be sure it came from you. You can always find it again under Help → Signing key.</source>
        <translation>Dette er fingeraftrykket af den nøgle, der forsegler dine beviser. Den, der modtager dine beviser, kan bede dig læse det højt for at være sikker på, at de kommer fra dig. Du kan altid finde det igen under Hjælp → Signeringsnøgle.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fingerprint of your signing key</source>
        <translation>Din signeringsnøgles fingeraftryk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Continue</source>
        <translation>&amp;Fortsæt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
</context>
<context>
    <name>WhatNow</name>
    <message>
        <location filename="../../app/gui/dialogs/what_now.py" line="+24"/>
        <source>phone %1</source>
        <translation>telefon %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e-mail %1</source>
        <translation>e-mail %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your organisation&apos;s contact: %1.</source>
        <translation>Din organisations kontakt: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tell your manager, HR or your safety representative that you have saved the evidence.</source>
        <translation>Fortæl din leder, HR eller din arbejdsmiljørepræsentant, at du har gemt beviset.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HR can export the case from Vidne and hand it to the police. If a photo of you or your address was shared, HR can also report it to the Danish Data Protection Agency (Datatilsynet).</source>
        <translation>HR kan eksportere sagen fra Vidne og give den til politiet. Hvis et billede af dig eller din adresse er blevet delt, kan HR også anmelde det til Datatilsynet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You can also report it to the police yourself, at politi.dk or by calling 114. In an emergency, call 112.</source>
        <translation>Du kan også selv anmelde det til politiet på politi.dk eller ved at ringe 114. Ring 112, hvis det haster.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The evidence is kept safely on this computer. You can close Vidne now.</source>
        <translation>Beviset er gemt sikkert på denne computer. Du kan lukke Vidne nu.</translation>
    </message>
</context>
<context>
    <name>WhatNowDialog</name>
    <message>
        <location line="+33"/>
        <location line="+1"/>
        <source>What now?</source>
        <translation>Hvad nu?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What you can do now</source>
        <translation>Det kan du gøre nu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
</context>
</TS>
