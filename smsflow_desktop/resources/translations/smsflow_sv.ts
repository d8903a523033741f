<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en_US">
<context>
    <name>CampaignEditor</name>
    <message>
        <source>Smart List</source>
        <translation>Smart lista</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flöde</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Campaign name</source>
        <translation>Kampanjnamn</translation>
    </message>
    <message>
        <source>● Unsaved changes</source>
        <translation>● Osparade ändringar</translation>
    </message>
    <message>
        <source>✓ Ready to run</source>
        <translation>✓ Klar att köra</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>Inga problem hittades</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Inga problem</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 problem</translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation>%1 problem</translation>
    </message>
    <message>
        <source>Show the first problem: %1</source>
        <translation>Visa det första problemet: %1</translation>
    </message>
    <message>
        <source>%1; show the first</source>
        <translation>%1; visa det första</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 varningar</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 varning</translation>
    </message>
    <message>
        <source>No problems; %1</source>
        <translation>Inga problem; %1</translation>
    </message>
    <message>
        <source>Show the first warning: %1</source>
        <translation>Visa den första varningen: %1</translation>
    </message>
</context>
<context>
    <name>CampaignFiles</name>
    <message>
        <source>Campaign files (*.smsflow.json);;JSON files (*.json)</source>
        <translation>Kampanjfiler (*.smsflow.json);;JSON-filer (*.json)</translation>
    </message>
    <message>
        <source>Export campaign</source>
        <translation>Exportera kampanj</translation>
    </message>
    <message>
        <source>Import campaign</source>
        <translation>Importera kampanj</translation>
    </message>
    <message>
        <source>Campaign exists</source>
        <translation>Kampanjen finns redan</translation>
    </message>
    <message>
        <source>This workspace already has a campaign called “%1”.</source>
        <translation>Arbetsytan har redan en kampanj som heter ”%1”.</translation>
    </message>
    <message>
        <source>Keep both (the imported one gets a new name), replace the existing one, or cancel?</source>
        <translation>Behåll båda (den importerade får ett nytt namn), ersätt den befintliga eller avbryt?</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Behåll båda</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersätt</translation>
    </message>
</context>
<context>
    <name>ChoiceRow</name>
    <message>
        <source>Then</source>
        <translation>Då</translation>
    </message>
    <message>
        <source>Do Nothing: people matching this row skip the step.</source>
        <translation>Gör ingenting: personer som matchar raden hoppar över steget.</translation>
    </message>
    <message>
        <source>Do Nothing</source>
        <translation>Gör ingenting</translation>
    </message>
    <message>
        <source>Step %1, choice %2</source>
        <translation>Steg %1, val %2</translation>
    </message>
    <message>
        <source>%1. If</source>
        <translation>%1. Om</translation>
    </message>
    <message>
        <source>Move %1 up</source>
        <translation>Flytta upp %1</translation>
    </message>
    <message>
        <source>Move this choice up</source>
        <translation>Flytta upp valet</translation>
    </message>
    <message>
        <source>Move %1 down</source>
        <translation>Flytta ned %1</translation>
    </message>
    <message>
        <source>Move this choice down</source>
        <translation>Flytta ned valet</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Ta bort %1</translation>
    </message>
    <message>
        <source>Delete this choice</source>
        <translation>Ta bort valet</translation>
    </message>
    <message>
        <source>%1: Do Nothing</source>
        <translation>%1: Gör ingenting</translation>
    </message>
</context>
<context>
    <name>ConditionEditor</name>
    <message>
        <source>%1: person field</source>
        <translation>%1: personfält</translation>
    </message>
    <message>
        <source>Choose a field…</source>
        <translation>Välj ett fält…</translation>
    </message>
    <message>
        <source>%1: operator</source>
        <translation>%1: operator</translation>
    </message>
    <message>
        <source>%1: values</source>
        <translation>%1: värden</translation>
    </message>
    <message>
        <source>Values, comma-separated</source>
        <translation>Värden, kommaseparerade</translation>
    </message>
    <message>
        <source>Separate several values with commas; any of them matches.</source>
        <translation>Skilj flera värden åt med komma; vilket som helst av dem matchar.</translation>
    </message>
</context>
<context>
    <name>DocumentController</name>
    <message>
        <source>Add step “%1”</source>
        <translation>Lägg till steget ”%1”</translation>
    </message>
    <message>
        <source>Paste step “%1”</source>
        <translation>Klistra in steget ”%1”</translation>
    </message>
    <message>
        <source>Duplicate step %1</source>
        <translation>Duplicera steg %1</translation>
    </message>
    <message>
        <source>Delete step %1 (“%2”)</source>
        <translation>Ta bort steg %1 (”%2”)</translation>
    </message>
    <message>
        <source>Move step %1 to %2</source>
        <translation>Flytta steg %1 till %2</translation>
    </message>
    <message>
        <source>Change %1 of step %2</source>
        <translation>Ändra %1 i steg %2</translation>
    </message>
    <message>
        <source>Add choice to step %1</source>
        <translation>Lägg till val i steg %1</translation>
    </message>
    <message>
        <source>Delete choice %1 of step %2</source>
        <translation>Ta bort val %1 i steg %2</translation>
    </message>
    <message>
        <source>Move choice %1 of step %2</source>
        <translation>Flytta val %1 i steg %2</translation>
    </message>
    <message>
        <source>Change the condition of choice %1 in step %2</source>
        <translation>Ändra villkoret för val %1 i steg %2</translation>
    </message>
    <message>
        <source>Change %3 of choice %1 in step %2</source>
        <translation>Ändra %3 för val %1 i steg %2</translation>
    </message>
    <message>
        <source>Set choice %1 of step %2 to Do Nothing</source>
        <translation>Låt val %1 i steg %2 göra ingenting</translation>
    </message>
    <message>
        <source>Give choice %1 of step %2 an action</source>
        <translation>Ge val %1 i steg %2 en åtgärd</translation>
    </message>
    <message>
        <source>Add filter “%1”</source>
        <translation>Lägg till filtret ”%1”</translation>
    </message>
    <message>
        <source>Delete filter %1</source>
        <translation>Ta bort filter %1</translation>
    </message>
    <message>
        <source>Move filter %1 to %2</source>
        <translation>Flytta filter %1 till %2</translation>
    </message>
    <message>
        <source>Change %1 of filter %2</source>
        <translation>Ändra %1 i filter %2</translation>
    </message>
    <message>
        <source>Change filter logic to “%1”</source>
        <translation>Ändra filterlogiken till ”%1”</translation>
    </message>
    <message>
        <source>A campaign needs a name.</source>
        <translation>En kampanj behöver ett namn.</translation>
    </message>
    <message>
        <source>Rename campaign to “%1”</source>
        <translation>Byt namn på kampanjen till ”%1”</translation>
    </message>
    <message>
        <source>Another campaign is already called “%1”; choose another name.</source>
        <translation>En annan kampanj heter redan ”%1”; välj ett annat namn.</translation>
    </message>
    <message>
        <source>The campaign could not be saved: %1</source>
        <translation>Kampanjen kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>A campaign may have at most %1 steps; delete one before adding another.</source>
        <translation>En kampanj får ha högst %1 steg; ta bort ett innan du lägger till ett till.</translation>
    </message>
    <message>
        <source>A step may have at most %1 choices.</source>
        <translation>Ett steg får ha högst %1 val.</translation>
    </message>
    <message>
        <source>A campaign may have at most %1 choices in all its steps.</source>
        <translation>En kampanj får ha högst %1 val i alla sina steg.</translation>
    </message>
    <message>
        <source>A smart list may have at most %1 filters.</source>
        <translation>En smart lista får ha högst %1 filter.</translation>
    </message>
    <message>
        <source>A smart list may have at most %1 triggers.</source>
        <translation>En smart lista får ha högst %1 utlösare.</translation>
    </message>
    <message>
        <source>Add trigger “%1”</source>
        <translation>Lägg till utlösaren ”%1”</translation>
    </message>
    <message>
        <source>Delete trigger %1</source>
        <translation>Ta bort utlösare %1</translation>
    </message>
    <message>
        <source>Change %1 of trigger %2</source>
        <translation>Ändra %1 för utlösare %2</translation>
    </message>
    <message>
        <source>The campaign name %1.</source>
        <translation>Kampanjnamnet %1.</translation>
    </message>
</context>
<context>
    <name>EngineActions</name>
    <message>
        <source>Preview</source>
        <translation>Förhandsgranska</translation>
    </message>
    <message>
        <source>Add a Send SMS Message, Subscribe or Unsubscribe step to see who it would reach.</source>
        <translation>Lägg till ett steg Skicka SMS-meddelande, Prenumerera eller Avsluta prenumeration för att se vilka det når.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Kör</translation>
    </message>
    <message>
        <source>A run is already in progress.</source>
        <translation>En körning pågår redan.</translation>
    </message>
    <message>
        <source>Save the changes to “%1” and run it?</source>
        <translation>Spara ändringarna i ”%1” och köra den?</translation>
    </message>
    <message>
        <source>Do nothing</source>
        <translation>Gör ingenting</translation>
    </message>
    <message>
        <source>Working out who “%1” would reach…</source>
        <translation>Räknar ut vilka ”%1” skulle nå…</translation>
    </message>
    <message>
        <source>Dry run: nothing is sent to Vibes.</source>
        <translation>Testkörning: inget skickas till Vibes.</translation>
    </message>
    <message>
        <source>Running “%1”</source>
        <translation>Kör ”%1”</translation>
    </message>
    <message>
        <source>Unfinished runs</source>
        <translation>Oavslutade körningar</translation>
    </message>
    <message>
        <source>Every run has finished; nothing is in doubt.</source>
        <translation>Alla körningar är klara; inget är osäkert.</translation>
    </message>
    <message>
        <source>Drop in-doubt sends</source>
        <translation>Släpp osäkra utskick</translation>
    </message>
    <message>
        <source>%1 sends in doubt dropped; they count as failed.</source>
        <translation>%1 osäkra utskick släppta; de räknas som misslyckade.</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation>En körning pågår</translation>
    </message>
    <message>
        <source>Stop the run and quit? What was sent stays sent; you can resume the run later.</source>
        <translation>Stoppa körningen och avsluta? Det som skickats förblir skickat; du kan återuppta körningen senare.</translation>
    </message>
    <message>
        <source>Stopping after the texts on their way…</source>
        <translation>Stoppar efter de sms som är på väg…</translation>
    </message>
</context>
<context>
    <name>FilterRow</name>
    <message>
        <source>incomplete</source>
        <translation>ofullständigt</translation>
    </message>
    <message>
        <source>Not counted in the audience until it is finished</source>
        <translation>Räknas inte med i målgruppen förrän det är klart</translation>
    </message>
    <message>
        <source>Choose a static list…</source>
        <translation>Välj en statisk lista…</translation>
    </message>
    <message>
        <source>Choose a Vibes list…</source>
        <translation>Välj en Vibes-lista…</translation>
    </message>
    <message>
        <source>Filter %1</source>
        <translation>Filter %1</translation>
    </message>
    <message>
        <source>Delete filter %1</source>
        <translation>Ta bort filter %1</translation>
    </message>
    <message>
        <source>Delete this filter</source>
        <translation>Ta bort filtret</translation>
    </message>
</context>
<context>
    <name>FlowPalette</name>
    <message>
        <source>Flow Actions</source>
        <translation>Flödesåtgärder</translation>
    </message>
    <message>
        <source>Search actions</source>
        <translation>Sök åtgärder</translation>
    </message>
    <message>
        <source>Search flow actions</source>
        <translation>Sök flödesåtgärder</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>Flow actions: drag one onto the flow, or press Enter to add it</source>
        <translation>Flödesåtgärder: dra en till flödet, eller tryck Retur för att lägga till den</translation>
    </message>
    <message>
        <source>Drag an action onto the flow, or double-click it to add it at the end.</source>
        <translation>Dra en åtgärd till flödet, eller dubbelklicka för att lägga den sist.</translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <source>Go to Navigator</source>
        <translation>Gå till navigatorn</translation>
    </message>
    <message>
        <source>Go to Flow Actions</source>
        <translation>Gå till Flödesåtgärder</translation>
    </message>
    <message>
        <source>Go to Flow</source>
        <translation>Gå till flödet</translation>
    </message>
    <message>
        <source>Next Area</source>
        <translation>Nästa område</translation>
    </message>
    <message>
        <source>Previous Area</source>
        <translation>Föregående område</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <source>Every key of the window and the flow editor</source>
        <translation>Alla tangenter i fönstret och flödesredigeraren</translation>
    </message>
    <message>
        <source>Open a campaign to work on its flow.</source>
        <translation>Öppna en kampanj för att arbeta med dess flöde.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <source>The menus show these keys too; in the flow, right-click a step for its actions.</source>
        <translation>Menyerna visar också tangenterna; i flödet högerklickar du på ett steg för att se dess åtgärder.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tangenter</translation>
    </message>
    <message>
        <source>Getting around</source>
        <translation>Förflytta dig</translation>
    </message>
    <message>
        <source>Go to the navigator</source>
        <translation>Gå till navigatorn</translation>
    </message>
    <message>
        <source>Go to the Flow Actions</source>
        <translation>Gå till Flödesåtgärder</translation>
    </message>
    <message>
        <source>Go to the flow</source>
        <translation>Gå till flödet</translation>
    </message>
    <message>
        <source>Next area</source>
        <translation>Nästa område</translation>
    </message>
    <message>
        <source>Previous area</source>
        <translation>Föregående område</translation>
    </message>
    <message>
        <source>Next tab of the campaign</source>
        <translation>Nästa flik i kampanjen</translation>
    </message>
    <message>
        <source>Previous tab of the campaign</source>
        <translation>Föregående flik i kampanjen</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Nästa fält</translation>
    </message>
    <message>
        <source>Previous field</source>
        <translation>Föregående fält</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nästa steg</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Föregående steg</translation>
    </message>
    <message>
        <source>Open a drop-down</source>
        <translation>Öppna en listruta</translation>
    </message>
    <message>
        <source>Flow steps</source>
        <translation>Flödessteg</translation>
    </message>
    <message>
        <source>Add the chosen flow action at the end (in the Flow Actions)</source>
        <translation>Lägg den valda flödesåtgärden sist (i Flödesåtgärder)</translation>
    </message>
    <message>
        <source>Move the step up</source>
        <translation>Flytta upp steget</translation>
    </message>
    <message>
        <source>Move the step down</source>
        <translation>Flytta ned steget</translation>
    </message>
    <message>
        <source>Copy the step</source>
        <translation>Kopiera steget</translation>
    </message>
    <message>
        <source>Paste a step below</source>
        <translation>Klistra in ett steg nedanför</translation>
    </message>
    <message>
        <source>Duplicate the step</source>
        <translation>Duplicera steget</translation>
    </message>
    <message>
        <source>Delete the step</source>
        <translation>Ta bort steget</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Redigering</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Gör om</translation>
    </message>
    <message>
        <source>Cancel the typing in a field</source>
        <translation>Avbryt det du skrivit i ett fält</translation>
    </message>
    <message>
        <source>Menus</source>
        <translation>Menyer</translation>
    </message>
</context>
<context>
    <name>FlowView</name>
    <message>
        <source>Flow steps</source>
        <translation>Flödessteg</translation>
    </message>
    <message>
        <source>Build your flow</source>
        <translation>Bygg ditt flöde</translation>
    </message>
    <message>
        <source>Drag a flow action such as &lt;b&gt;Send SMS Message&lt;/b&gt; from the Flow Actions list on the left and drop it here. Steps run from top to bottom.&lt;br&gt;Tip: double-click an action (or select it and press Enter) to add it at the end.</source>
        <translation>Dra en flödesåtgärd, till exempel &lt;b&gt;Skicka SMS-meddelande&lt;/b&gt;, från listan Flödesåtgärder till vänster och släpp den här. Stegen körs uppifrån och ned.&lt;br&gt;Tips: dubbelklicka på en åtgärd (eller markera den och tryck Retur) för att lägga den sist.</translation>
    </message>
    <message>
        <source>Empty flow: drop a flow action here</source>
        <translation>Tomt flöde: släpp en flödesåtgärd här</translation>
    </message>
    <message>
        <source>Delete Step</source>
        <translation>Ta bort steg</translation>
    </message>
    <message>
        <source>Copy Step</source>
        <translation>Kopiera steg</translation>
    </message>
    <message>
        <source>Paste Step</source>
        <translation>Klistra in steg</translation>
    </message>
    <message>
        <source>Duplicate Step</source>
        <translation>Duplicera steg</translation>
    </message>
    <message>
        <source>Move Step Up</source>
        <translation>Flytta upp steg</translation>
    </message>
    <message>
        <source>Move Step Down</source>
        <translation>Flytta ned steg</translation>
    </message>
    <message>
        <source>Go to Previous Step</source>
        <translation>Gå till föregående steg</translation>
    </message>
    <message>
        <source>Go to Next Step</source>
        <translation>Gå till nästa steg</translation>
    </message>
    <message>
        <source>Delete step</source>
        <translation>Ta bort steg</translation>
    </message>
    <message>
        <source>Delete step %1, “%2”? You can undo this with Ctrl+Z.</source>
        <translation>Ta bort steg %1, ”%2”? Du kan ångra med Ctrl+Z.</translation>
    </message>
    <message>
        <source>Step %1 copied</source>
        <translation>Steg %1 kopierat</translation>
    </message>
    <message>
        <source>The clipboard holds no flow step to paste.</source>
        <translation>Urklipp innehåller inget flödessteg att klistra in.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>External ID</source>
        <translation>Externt ID</translation>
    </message>
    <message>
        <source>First Name</source>
        <translation>Förnamn</translation>
    </message>
    <message>
        <source>Last Name</source>
        <translation>Efternamn</translation>
    </message>
    <message>
        <source>Email Address</source>
        <translation>E-postadress</translation>
    </message>
    <message>
        <source>Mobile Phone Number</source>
        <translation>Mobilnummer</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Delstat</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Postal Code</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <source>Time Zone</source>
        <translation>Tidszon</translation>
    </message>
    <message>
        <source>Blocklisted</source>
        <translation>Blockerad</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Avregistrerad</translation>
    </message>
    <message>
        <source>Marketing Suspended</source>
        <translation>Marknadsföring pausad</translation>
    </message>
    <message>
        <source>Created At</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <source>Updated At</source>
        <translation>Uppdaterad</translation>
    </message>
    <message>
        <source>is</source>
        <translation>är</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>är inte</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>innehåller</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>börjar med</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>är tomt</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>är inte tomt</translation>
    </message>
    <message>
        <source>in past (days)</source>
        <translation>de senaste (dagar)</translation>
    </message>
    <message>
        <source>SMS Message</source>
        <translation>SMS-meddelande</translation>
    </message>
    <message>
        <source>Vibes List</source>
        <translation>Vibes-lista</translation>
    </message>
    <message>
        <source>Vibes Acquisition Campaign</source>
        <translation>Vibes-värvningskampanj</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Varaktighet</translation>
    </message>
    <message>
        <source>Resume on</source>
        <translation>Fortsätt på</translation>
    </message>
    <message>
        <source>Resume at</source>
        <translation>Fortsätt kl.</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Villkor</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Fält</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Värden</translation>
    </message>
    <message>
        <source>Static List</source>
        <translation>Statisk lista</translation>
    </message>
    <message>
        <source>Person Field</source>
        <translation>Personfält</translation>
    </message>
    <message>
        <source>Member of List</source>
        <translation>Medlem i lista</translation>
    </message>
    <message>
        <source>Member of Vibes List</source>
        <translation>Medlem i Vibes-lista</translation>
    </message>
    <message>
        <source>Subscribed to Vibes List</source>
        <translation>Har prenumererat på Vibes-lista</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>mån</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>tis</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>ons</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>tor</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>fre</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>lör</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>sön</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampanj</translation>
    </message>
    <message>
        <source>Subscribes to Vibes List</source>
        <translation>Prenumererar på Vibes-lista</translation>
    </message>
    <message>
        <source>Unsubscribes from Vibes List</source>
        <translation>Avregistrerar sig från Vibes-lista</translation>
    </message>
    <message>
        <source>SMS Bounces</source>
        <translation>Sms studsar</translation>
    </message>
    <message>
        <source>Person Is Created</source>
        <translation>Person skapas</translation>
    </message>
    <message>
        <source>Added to List</source>
        <translation>Läggs till i lista</translation>
    </message>
</context>
<context>
    <name>LogicEditor</name>
    <message>
        <source>People qualify when they match</source>
        <translation>Personer kvalificerar sig när de matchar</translation>
    </message>
    <message>
        <source>ALL filters</source>
        <translation>ALLA filter</translation>
    </message>
    <message>
        <source>ANY filter</source>
        <translation>NÅGOT filter</translation>
    </message>
    <message>
        <source>Custom logic</source>
        <translation>Egen logik</translation>
    </message>
    <message>
        <source>Match all filters</source>
        <translation>Matcha alla filter</translation>
    </message>
    <message>
        <source>Match any filter</source>
        <translation>Matcha något filter</translation>
    </message>
    <message>
        <source>Match custom logic</source>
        <translation>Matcha egen logik</translation>
    </message>
    <message>
        <source>Custom filter logic</source>
        <translation>Egen filterlogik</translation>
    </message>
    <message>
        <source>e.g. 1 and (2 or 3)</source>
        <translation>t.ex. 1 och (2 eller 3)</translation>
    </message>
    <message>
        <source>Combine filter numbers with and, or, not and parentheses.</source>
        <translation>Kombinera filternummer med ”och”, ”eller”, ”inte” och parenteser.</translation>
    </message>
    <message>
        <source>(character %1)</source>
        <translation>(tecken %1)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>History…</source>
        <translation>Historik…</translation>
    </message>
    <message>
        <source>Every saved version of the campaign, who saved it and when; compare or restore one</source>
        <translation>Varje sparad version av kampanjen, vem som sparade den och när; jämför eller återställ en</translation>
    </message>
    <message>
        <source>The name</source>
        <translation>Namnet</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Huvudverktygsfält</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Kan inte öppna arbetsytan</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbetsyta: %1</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbetsyta</translation>
    </message>
    <message>
        <source>The workspace could not be read: %1</source>
        <translation>Arbetsytan kunde inte läsas: %1</translation>
    </message>
    <message>
        <source>Open workspace folder</source>
        <translation>Öppna arbetsytans mapp</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>Ny arbetsyta</translation>
    </message>
    <message>
        <source>%1 holds no workspace. Create an empty one there?</source>
        <translation>%1 innehåller ingen arbetsyta. Skapa en tom där?</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampanj</translation>
    </message>
    <message>
        <source>There is no campaign called “%1”.</source>
        <translation>Det finns ingen kampanj som heter ”%1”.</translation>
    </message>
    <message>
        <source>The campaign “%1” is damaged and cannot be opened: %2</source>
        <translation>Kampanjen ”%1” är skadad och kan inte öppnas: %2</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Inte sparad</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>Sparade ”%1”</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Ny kampanj</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Öppna en arbetsyta först.</translation>
    </message>
    <message>
        <source>Name of the new smart campaign:</source>
        <translation>Namn på den nya smarta kampanjen:</translation>
    </message>
    <message>
        <source>A campaign called “%1” already exists.</source>
        <translation>Det finns redan en kampanj som heter ”%1”.</translation>
    </message>
    <message>
        <source>Saved SMS message “%1”</source>
        <translation>Sparade SMS-meddelandet ”%1”</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <source>Open a campaign to export it.</source>
        <translation>Öppna en kampanj för att exportera den.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Exporten misslyckades</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exporterade till %1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importera</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Importen misslyckades</translation>
    </message>
    <message>
        <source>Imported “%1”.</source>
        <translation>Importerade ”%1”.</translation>
    </message>
    <message>
        <source>Imported “%1”; it has problems to fix (%2), shown on the steps.</source>
        <translation>Importerade ”%1”; den har problem att åtgärda (%2), visade på stegen.</translation>
    </message>
    <message>
        <source>Messages renamed to avoid clashes: %1.</source>
        <translation>Meddelanden som bytt namn för att undvika krockar: %1.</translation>
    </message>
    <message>
        <source>Problems to fix: %1</source>
        <translation>Problem att åtgärda: %1</translation>
    </message>
    <message>
        <source>No problems: the campaign is ready to run.</source>
        <translation>Inga problem: kampanjen är klar att köra.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>The new language applies the next time the app starts.</source>
        <translation>Det nya språket används nästa gång appen startar.</translation>
    </message>
    <message>
        <source>About smsflow-desktop</source>
        <translation>Om smsflow-desktop</translation>
    </message>
    <message>
        <source>smsflow-desktop %1
Design, preview and run SMS campaigns over the Vibes platform.</source>
        <translation>smsflow-desktop %1
Utforma, förhandsgranska och kör SMS-kampanjer via Vibes-plattformen.</translation>
    </message>
    <message>
        <source>Run the campaign (save it first)</source>
        <translation>Kör kampanjen (spara den först)</translation>
    </message>
    <message>
        <source>Fix the campaign's problems before running it (%1 left)</source>
        <translation>Åtgärda kampanjens problem innan den körs (%1 kvar)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Gör om</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemets språk</translation>
    </message>
    <message>
        <source>Show Navigator</source>
        <translation>Visa navigatorn</translation>
    </message>
    <message>
        <source>New Campaign…</source>
        <translation>Ny kampanj…</translation>
    </message>
    <message>
        <source>Create an empty smart campaign</source>
        <translation>Skapa en tom smart kampanj</translation>
    </message>
    <message>
        <source>New SMS Message…</source>
        <translation>Nytt SMS-meddelande…</translation>
    </message>
    <message>
        <source>Write a new SMS message</source>
        <translation>Skriv ett nytt SMS-meddelande</translation>
    </message>
    <message>
        <source>Open Workspace…</source>
        <translation>Öppna arbetsyta…</translation>
    </message>
    <message>
        <source>Open another workspace: a recent one, a folder or a team database</source>
        <translation>Öppna en annan arbetsyta: en nyligen använd, en mapp eller en teamdatabas</translation>
    </message>
    <message>
        <source>Save Campaign</source>
        <translation>Spara kampanj</translation>
    </message>
    <message>
        <source>Save the open campaign to the workspace</source>
        <translation>Spara den öppna kampanjen i arbetsytan</translation>
    </message>
    <message>
        <source>Import Campaign File…</source>
        <translation>Importera kampanjfil…</translation>
    </message>
    <message>
        <source>Add a campaign from a .smsflow.json file</source>
        <translation>Lägg till en kampanj från en .smsflow.json-fil</translation>
    </message>
    <message>
        <source>Export Campaign File…</source>
        <translation>Exportera kampanjfil…</translation>
    </message>
    <message>
        <source>Save the open campaign as a .smsflow.json file</source>
        <translation>Spara den öppna kampanjen som en .smsflow.json-fil</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Kontrollera</translation>
    </message>
    <message>
        <source>Check the campaign and show the first problem</source>
        <translation>Kontrollera kampanjen och visa det första problemet</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Förhandsgranska</translation>
    </message>
    <message>
        <source>See who a step would reach; nothing is sent</source>
        <translation>Se vilka ett steg skulle nå; inget skickas</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Kör</translation>
    </message>
    <message>
        <source>Sync Vibes Lists</source>
        <translation>Synkronisera Vibes-listor</translation>
    </message>
    <message>
        <source>Fetch subscription lists and acquisition campaigns from Vibes</source>
        <translation>Hämta prenumerationslistor och värvningskampanjer från Vibes</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation>&amp;Kampanj</translation>
    </message>
    <message>
        <source>&amp;Vibes</source>
        <translation>&amp;Vibes</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Öppna arbetsyta</translation>
    </message>
    <message>
        <source>Wait for the run to finish, or stop it, first.</source>
        <translation>Vänta tills körningen är klar, eller stoppa den, först.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Search everyone in the workspace and see their lists and history</source>
        <translation>Sök bland alla i arbetsytan och se deras listor och historik</translation>
    </message>
    <message>
        <source>Import People CSV…</source>
        <translation>Importera personer (CSV)…</translation>
    </message>
    <message>
        <source>Add or update people from a CSV file</source>
        <translation>Lägg till eller uppdatera personer från en CSV-fil</translation>
    </message>
    <message>
        <source>Workspace Settings…</source>
        <translation>Inställningar för arbetsytan…</translation>
    </message>
    <message>
        <source>Brand name, default country and time zone, limits</source>
        <translation>Varumärke, standardland och tidszon, gränser</translation>
    </message>
    <message>
        <source>Compliance Rules…</source>
        <translation>Regler för utskick…</translation>
    </message>
    <message>
        <source>Sending windows and frequency limits by US state or country, with their sources</source>
        <translation>Sändningsfönster och frekvensgränser per amerikansk delstat eller land, med sina källor</translation>
    </message>
    <message>
        <source>Vibes Settings…</source>
        <translation>Vibes-inställningar…</translation>
    </message>
    <message>
        <source>Which Vibes to send through, the account and password</source>
        <translation>Vilken Vibes som används, kontot och lösenordet</translation>
    </message>
    <message>
        <source>Import Vibes Extract…</source>
        <translation>Importera Vibes-extrakt…</translation>
    </message>
    <message>
        <source>Read a Vibes subscriber extract into the list mirror</source>
        <translation>Läs in ett prenumerantextrakt från Vibes i listspegeln</translation>
    </message>
    <message>
        <source>Callback Receiver…</source>
        <translation>Mottagare för återanrop…</translation>
    </message>
    <message>
        <source>Receive opt-ins, opt-outs and delivery receipts from Vibes</source>
        <translation>Ta emot registreringar, avregistreringar och leveranskvitton från Vibes</translation>
    </message>
    <message>
        <source>Unfinished Runs…</source>
        <translation>Oavslutade körningar…</translation>
    </message>
    <message>
        <source>Resume runs that stopped, resend or drop sends in doubt</source>
        <translation>Återuppta stoppade körningar, skicka om eller släpp osäkra utskick</translation>
    </message>
    <message>
        <source>Show Run Progress</source>
        <translation>Visa körningens förlopp</translation>
    </message>
    <message>
        <source>Show the progress of the current or last run</source>
        <translation>Visa förloppet för den pågående eller senaste körningen</translation>
    </message>
    <message>
        <source>Quick Tour</source>
        <translation>Snabbtur</translation>
    </message>
    <message>
        <source>What to drag where, how to preview and how to run</source>
        <translation>Vad du drar vart, hur du förhandsgranskar och hur du kör</translation>
    </message>
    <message>
        <source>Keep Campaigns Running When the App Is Closed…</source>
        <translation>Håll kampanjer igång när appen är stängd…</translation>
    </message>
    <message>
        <source>Install or remove the agent service that runs active campaigns while the app is closed</source>
        <translation>Installera eller ta bort agenttjänsten som kör aktiva kampanjer när appen är stängd</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Utseende</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Mörkt</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>Följ systemet</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Ljust</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>someone</source>
        <translation>någon</translation>
    </message>
    <message>
        <source>An SMS message called “%1” was created by %2 while you were writing this one.</source>
        <translation>Ett sms-meddelande som heter ”%1” skapades av %2 medan du skrev det här.</translation>
    </message>
    <message>
        <source>“%1” was changed by %2 since you opened it.</source>
        <translation>”%1” ändrades av %2 efter att du öppnade det.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Ändrat av någon annan</translation>
    </message>
    <message>
        <source>Nothing was saved. Keep your text as a copy under a new name, or reload the saved text.</source>
        <translation>Inget sparades. Behåll din text som en kopia under ett nytt namn, eller läs in den sparade texten.</translation>
    </message>
    <message>
        <source>The saved text now:</source>
        <translation>Den sparade texten nu:</translation>
    </message>
    <message>
        <source>Keep Mine as a Copy</source>
        <translation>Behåll min som kopia</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Läs in igen</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>kopia</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>Förkasta ändringarna?</translation>
    </message>
    <message>
        <source>This SMS message has changes that are not saved.</source>
        <translation>SMS-meddelandet har ändringar som inte är sparade.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Förkasta</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Fortsätt redigera</translation>
    </message>
    <message>
        <source>Empty message</source>
        <extracomment>Look-alikes that keep a text in GSM-7 (smart quotes and dashes typed by word processors).</extracomment>
        <translation>Tomt meddelande</translation>
    </message>
    <message>
        <source>Up to 160 characters fit in one text.</source>
        <translation>Upp till 160 tecken ryms i ett sms.</translation>
    </message>
    <message>
        <source>%1 characters · 1 segment</source>
        <translation>%1 tecken · 1 segment</translation>
    </message>
    <message>
        <source>%1 characters · %2 segments</source>
        <translation>%1 tecken · %2 segment</translation>
    </message>
    <message>
        <source>Sent as UCS-2: 70 characters fit one text, 67 a part when split.</source>
        <translation>Skickas som UCS-2: 70 tecken ryms i ett sms, 67 per del när det delas.</translation>
    </message>
    <message>
        <source>GSM-7: 160 characters fit one text, 153 a part when split.</source>
        <translation>GSM-7: 160 tecken ryms i ett sms, 153 per del när det delas.</translation>
    </message>
    <message>
        <source>%1 left in this segment.</source>
        <translation>%1 kvar i det här segmentet.</translation>
    </message>
    <message>
        <source>%1 characters over the %2-character limit: the rest would be cut off.</source>
        <translation>%1 tecken över gränsen på %2 tecken: resten skulle klippas bort.</translation>
    </message>
    <message>
        <source>Name your brand (“%1”) so people know who is texting.</source>
        <translation>Nämn ditt varumärke (”%1”) så att mottagarna vet vem som skriver.</translation>
    </message>
    <message>
        <source>SMS Message</source>
        <translation>SMS-meddelande</translation>
    </message>
    <message>
        <source>Message name</source>
        <translation>Meddelandets namn</translation>
    </message>
    <message>
        <source>e.g. Spring offer</source>
        <translation>t.ex. Vårerbjudande</translation>
    </message>
    <message>
        <source>Brand name</source>
        <translation>Varumärke</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>Varumärke</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Meddelandetext</translation>
    </message>
    <message>
        <source>Hi {{lead.First Name|there}}! … Reply STOP to opt out</source>
        <translation>Hej {{lead.First Name|där}}! … Svara STOP för att avsluta</translation>
    </message>
    <message>
        <source>Token field</source>
        <translation>Tokenfält</translation>
    </message>
    <message>
        <source>Token default</source>
        <translation>Tokenstandardvärde</translation>
    </message>
    <message>
        <source>Fallback, e.g. there</source>
        <translation>Reserv, t.ex. där</translation>
    </message>
    <message>
        <source>Put in the text when the person's field is empty, e.g. there</source>
        <translation>Sätts in i texten när personens fält är tomt, t.ex. där</translation>
    </message>
    <message>
        <source>Insert token</source>
        <translation>Infoga token</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Length and segments</source>
        <translation>Längd och segment</translation>
    </message>
    <message>
        <source>Length and segments: %1, %2</source>
        <translation>Längd och segment: %1, %2</translation>
    </message>
    <message>
        <source>Use plain characters</source>
        <translation>Använd enkla tecken</translation>
    </message>
    <message>
        <source>Replace curly quotes, dashes and ellipses with their GSM-7 look-alikes</source>
        <translation>Byt typografiska citattecken, tankstreck och ellipser mot motsvarande GSM-7-tecken</translation>
    </message>
    <message>
        <source>Find a person</source>
        <translation>Sök en person</translation>
    </message>
    <message>
        <source>Find a person to preview for</source>
        <translation>Sök en person att förhandsgranska för</translation>
    </message>
    <message>
        <source>Preview for person</source>
        <translation>Förhandsgranska för person</translation>
    </message>
    <message>
        <source>Preview for</source>
        <translation>Förhandsgranska för</translation>
    </message>
    <message>
        <source>%1 (%2, character %3) is not in the GSM-7 alphabet, so the whole message is sent as UCS-2: 70 characters a text instead of 160.</source>
        <translation>%1 (%2, tecken %3) finns inte i GSM-7-alfabetet, så hela meddelandet skickas som UCS-2: 70 tecken per sms i stället för 160.</translation>
    </message>
    <message>
        <source>Replace it with %1.</source>
        <translation>Byt det mot %1.</translation>
    </message>
    <message>
        <source>Replace or remove it (highlighted) to fit 160 characters a text.</source>
        <translation>Byt ut eller ta bort det (markerat) för att få plats med 160 tecken per sms.</translation>
    </message>
    <message>
        <source>Someone with no data (defaults)</source>
        <translation>Någon utan uppgifter (standardvärden)</translation>
    </message>
    <message>
        <source>As sent: %1 characters, 1 segment</source>
        <translation>Som det skickas: %1 tecken, 1 segment</translation>
    </message>
    <message>
        <source>As sent: %1 characters, %2 segments</source>
        <translation>Som det skickas: %1 tecken, %2 segment</translation>
    </message>
    <message>
        <source>Your brand</source>
        <translation>Ditt varumärke</translation>
    </message>
    <message>
        <source>Name missing</source>
        <translation>Namn saknas</translation>
    </message>
    <message>
        <source>Give the message a name.</source>
        <translation>Ge meddelandet ett namn.</translation>
    </message>
    <message>
        <source>Name taken</source>
        <translation>Namnet är upptaget</translation>
    </message>
    <message>
        <source>Another SMS message is already called “%1”.</source>
        <translation>Ett annat SMS-meddelande heter redan ”%1”.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Inte sparad</translation>
    </message>
    <message>
        <source>The message could not be saved: %1</source>
        <translation>Meddelandet kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Not set: set it in the workspace settings</source>
        <translation>Inte angivet: ange det i arbetsytans inställningar</translation>
    </message>
    <message>
        <source>The workspace's brand (a workspace setting): every message should name it so people know who is texting.</source>
        <translation>Arbetsytans varumärke (en inställning för arbetsytan): varje meddelande bör nämna det så att mottagarna vet vem som skickar.</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändra…</translation>
    </message>
    <message>
        <source>Open the workspace settings</source>
        <translation>Öppna arbetsytans inställningar</translation>
    </message>
    <message>
        <source>Add the opt-out sentence at the end of the text</source>
        <translation>Lägg till meningen om avregistrering sist i texten</translation>
    </message>
    <message>
        <source>Add “%1”</source>
        <translation>Lägg till ”%1”</translation>
    </message>
    <message>
        <source>People can get this as their first text from Vibes list %1 (%2), yet it does not say how to opt out: add “%3”.</source>
        <translation>Det här kan bli någons första sms från Vibes-listan %1 (%2), men det säger inte hur man avregistrerar sig: lägg till ”%3”.</translation>
    </message>
    <message>
        <source>Tell people how to opt out, e.g. “%1”.</source>
        <translation>Berätta hur man avregistrerar sig, t.ex. ”%1”.</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>och %1 till</translation>
    </message>
    <message>
        <source>“%1” step %2</source>
        <translation>”%1” steg %2</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>History…</source>
        <translation>Historik…</translation>
    </message>
    <message>
        <source>Every saved version of this campaign; compare or restore one</source>
        <translation>Varje sparad version av kampanjen; jämför eller återställ en</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbetsyta</translation>
    </message>
    <message>
        <source>Workspace navigator</source>
        <translation>Arbetsytans navigator</translation>
    </message>
    <message>
        <source>Sync Vibes lists</source>
        <translation>Synka Vibes-listor</translation>
    </message>
    <message>
        <source>Sync subscription lists and acquisition campaigns from Vibes</source>
        <translation>Synkronisera prenumerationslistor och värvningskampanjer från Vibes</translation>
    </message>
    <message>
        <source>Marketing Activities</source>
        <translation>Marknadsföring</translation>
    </message>
    <message>
        <source>Campaigns (%1)</source>
        <translation>Kampanjer (%1)</translation>
    </message>
    <message>
        <source>Open this campaign</source>
        <translation>Öppna kampanjen</translation>
    </message>
    <message>
        <source>SMS Messages (%1)</source>
        <translation>SMS-meddelanden (%1)</translation>
    </message>
    <message>
        <source>Edit this SMS message</source>
        <translation>Redigera SMS-meddelandet</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Databas</translation>
    </message>
    <message>
        <source>People: %1</source>
        <translation>Personer: %1</translation>
    </message>
    <message>
        <source>Static Lists (%1)</source>
        <translation>Statiska listor (%1)</translation>
    </message>
    <message>
        <source>Vibes</source>
        <translation>Vibes</translation>
    </message>
    <message>
        <source>Subscription Lists (%1)</source>
        <translation>Prenumerationslistor (%1)</translation>
    </message>
    <message>
        <source>Acquisition Campaigns (%1)</source>
        <translation>Värvningskampanjer (%1)</translation>
    </message>
    <message>
        <source>Feeds Vibes lists: %1</source>
        <translation>Fyller Vibes-listor: %1</translation>
    </message>
    <message>
        <source>New Campaign…</source>
        <translation>Ny kampanj…</translation>
    </message>
    <message>
        <source>New SMS Message…</source>
        <translation>Nytt SMS-meddelande…</translation>
    </message>
    <message>
        <source>%1 of them have a valid mobile number; open to search them</source>
        <translation>%1 av dem har ett giltigt mobilnummer; öppna för att söka bland dem</translation>
    </message>
    <message>
        <source>Active: listening for %1</source>
        <translation>Aktiv: lyssnar efter %1</translation>
    </message>
    <message>
        <source>Active: no run to come</source>
        <translation>Aktiv: ingen körning planerad</translation>
    </message>
    <message>
        <source>Active: next run %1</source>
        <translation>Aktiv: nästa körning %1</translation>
    </message>
</context>
<context>
    <name>ParamsEditor</name>
    <message>
        <source>Choose an SMS message…</source>
        <translation>Välj ett SMS-meddelande…</translation>
    </message>
    <message>
        <source>Choose a Vibes list…</source>
        <translation>Välj en Vibes-lista…</translation>
    </message>
    <message>
        <source>Choose an acquisition campaign…</source>
        <translation>Välj en värvningskampanj…</translation>
    </message>
    <message>
        <source>%1 (%2), not for this list</source>
        <translation>%1 (%2), inte för den här listan</translation>
    </message>
</context>
<context>
    <name>PhonePreview</name>
    <message>
        <source>Message as the recipient sees it: %1</source>
        <translation>Meddelandet som mottagaren ser det: %1</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Step</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Step to preview</source>
        <translation>Steg att förhandsgranska</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Räknar…</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Mottagare</translation>
    </message>
    <message>
        <source>Problems to fix before the campaign can run: %1.</source>
        <translation>Problem att åtgärda innan kampanjen kan köras: %1.</translation>
    </message>
    <message>
        <source>Who will receive this? — nothing is sent</source>
        <translation>Vem får det här? – inget skickas</translation>
    </message>
    <message>
        <source>Who will receive this?</source>
        <translation>Vem får det här?</translation>
    </message>
    <message>
        <source>Funnel, notes and sample texts</source>
        <translation>Tratten, anteckningar och exempel på sms</translation>
    </message>
    <message>
        <source>First recipients and the text each gets</source>
        <translation>De första mottagarna och sms:et var och en får</translation>
    </message>
    <message>
        <source>Export audience as CSV…</source>
        <translation>Exportera målgruppen som CSV…</translation>
    </message>
    <message>
        <source>Everyone in the smart list with their outcome for this step</source>
        <translation>Alla i den smarta listan med sitt utfall för det här steget</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Click a reason or Recipients to see who is behind the figure.</source>
        <translation>Klicka på ett skäl eller Mottagare för att se vilka som ligger bakom siffran.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>Mobilnummer</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>People behind the chosen figure</source>
        <translation>Personerna bakom den valda siffran</translation>
    </message>
    <message>
        <source>Show %1 more</source>
        <translation>Visa %1 till</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the recipients are outside the sending window%1 in their time zone right now; their texts wait until it opens.</source>
        <translation>
            <numerusform>%Ln mottagare är utanför sändningsfönstret%1 i sin tidszon just nu; sms:et väntar tills fönstret öppnar.</numerusform>
            <numerusform>%Ln av mottagarna är utanför sändningsfönstret%1 i sin tidszon just nu; deras sms väntar tills det öppnar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them have numbers that span several time zones; the window open in all of them is used.</source>
        <translation>
            <numerusform>%Ln av dem har ett nummer som spänner över flera tidszoner; fönstret som är öppet i alla används.</numerusform>
            <numerusform>%Ln av dem har nummer som spänner över flera tidszoner; fönstret som är öppet i alla används.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipients have numbers that span several time zones; their texts go only while the window is open in all of them.</source>
        <translation>
            <numerusform>%Ln mottagare har ett nummer som spänner över flera tidszoner; sms:et skickas bara medan fönstret är öppet i alla.</numerusform>
            <numerusform>%Ln mottagare har nummer som spänner över flera tidszoner; deras sms skickas bara medan fönstret är öppet i alla.</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting segments…</source>
        <translation>Räknar segment…</translation>
    </message>
    <message>
        <source>This step sends no text of its own.</source>
        <translation>Det här steget skickar inget eget sms.</translation>
    </message>
    <message numerus="yes">
        <source>Segments to be sent: %1 for %Ln texts</source>
        <translation>
            <numerusform>Segment att skicka: %1 för %Ln sms</numerusform>
            <numerusform>Segment att skicka: %1 för %Ln sms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln texts in more than one part</source>
        <translation>
            <numerusform>%Ln sms i mer än en del</numerusform>
            <numerusform>%Ln sms i mer än en del</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent as UCS-2</source>
        <translation>%1 skickas som UCS-2</translation>
    </message>
    <message>
        <source>Nobody would receive a text from this step now.</source>
        <translation>Ingen skulle få ett sms från det här steget nu.</translation>
    </message>
    <message>
        <source>%1 characters · 1 segment · %2</source>
        <translation>%1 tecken · 1 segment · %2</translation>
    </message>
    <message>
        <source>%1 characters · %3 segments · %2</source>
        <translation>%1 tecken · %3 segment · %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln people</source>
        <translation>
            <numerusform>%1 – %Ln person</numerusform>
            <numerusform>%1 – %Ln personer</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
    <message>
        <source>Nobody is in the smart list, so there is nobody to list.</source>
        <translation>Ingen finns i den smarta listan, så det finns ingen att visa.</translation>
    </message>
    <message>
        <source>Nobody to list any more: the workspace changed since it was counted.</source>
        <translation>Ingen att visa längre: arbetsytan har ändrats sedan den räknades.</translation>
    </message>
    <message>
        <source>The people could not be listed: %1</source>
        <translation>Personerna kunde inte visas: %1</translation>
    </message>
    <message>
        <source>Export audience</source>
        <translation>Exportera målgruppen</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporterar…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln people to %1</source>
        <translation>
            <numerusform>Skrev %Ln person till %1</numerusform>
            <numerusform>Skrev %Ln personer till %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Exporten misslyckades: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them wait only because of a state&apos;s or country&apos;s rules (%1).</source>
        <translation>
            <numerusform>%Ln av dem väntar bara på grund av en delstats eller ett lands regler (%1).</numerusform>
            <numerusform>%Ln av dem väntar bara på grund av en delstats eller ett lands regler (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Compliance rule</source>
        <translation>Regel för utskick</translation>
    </message>
    <message>
        <source>The state&apos;s or country&apos;s rule behind the outcome: its sending window, or the limit reached</source>
        <translation>Delstatens eller landets regel bakom utfallet: dess sändningsfönster, eller gränsen som nåddes</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Choose a person field.</source>
        <translation>Välj ett personfält.</translation>
    </message>
    <message>
        <source>No person field is called “%1” in this workspace.</source>
        <translation>Inget personfält heter ”%1” i den här arbetsytan.</translation>
    </message>
    <message>
        <source>Enter at least one value.</source>
        <translation>Ange minst ett värde.</translation>
    </message>
    <message>
        <source>“In past (days)” needs a whole number of days.</source>
        <translation>”De senaste (dagar)” behöver ett helt antal dagar.</translation>
    </message>
    <message>
        <source>Filter logic: %1</source>
        <translation>Filterlogik: %1</translation>
    </message>
    <message>
        <source>Filter %1: no static list is called “%2”.</source>
        <translation>Filter %1: ingen statisk lista heter ”%2”.</translation>
    </message>
    <message>
        <source>Filter %1: Vibes list %2 is not known to this workspace; sync Vibes lists.</source>
        <translation>Filter %1: Vibes-listan %2 är okänd i den här arbetsytan; synkronisera Vibes-listor.</translation>
    </message>
    <message>
        <source>Choose an SMS message.</source>
        <translation>Välj ett SMS-meddelande.</translation>
    </message>
    <message>
        <source>No SMS message is called “%1”; choose another or import it.</source>
        <translation>Inget SMS-meddelande heter ”%1”; välj ett annat eller importera det.</translation>
    </message>
    <message>
        <source>SMS message “%1” is longer than %2 characters; shorten it.</source>
        <translation>SMS-meddelandet ”%1” är längre än %2 tecken; korta det.</translation>
    </message>
    <message>
        <source>Choose a Vibes list.</source>
        <translation>Välj en Vibes-lista.</translation>
    </message>
    <message>
        <source>Vibes list %1 is not known to this workspace; sync Vibes lists or choose another.</source>
        <translation>Vibes-listan %1 är okänd i den här arbetsytan; synkronisera Vibes-listor eller välj en annan.</translation>
    </message>
    <message>
        <source>Choose a Vibes acquisition campaign.</source>
        <translation>Välj en Vibes-värvningskampanj.</translation>
    </message>
    <message>
        <source>Acquisition campaign %1 is not known to this workspace; sync Vibes or choose another.</source>
        <translation>Värvningskampanjen %1 är okänd i den här arbetsytan; synkronisera Vibes eller välj en annan.</translation>
    </message>
    <message>
        <source>Acquisition campaign %1 does not feed the chosen Vibes list; choose one that does.</source>
        <translation>Värvningskampanjen %1 fyller inte den valda Vibes-listan; välj en som gör det.</translation>
    </message>
    <message>
        <source>Choose at least one weekday to resume on.</source>
        <translation>Välj minst en veckodag att fortsätta på.</translation>
    </message>
    <message>
        <source>The flow has no steps; drag a flow action onto it.</source>
        <translation>Flödet har inga steg; dra en flödesåtgärd till det.</translation>
    </message>
    <message>
        <source>Enter how long to wait, e.g. “4 hours”.</source>
        <translation>Ange hur länge det ska vänta, t.ex. ”4 timmar”.</translation>
    </message>
    <message>
        <source>A wait must last longer than zero.</source>
        <translation>En väntan måste vara längre än noll.</translation>
    </message>
    <message>
        <source>A wait may last at most 365 days.</source>
        <translation>En väntan får vara högst 365 dagar.</translation>
    </message>
    <message>
        <source>Use minutes, hours, days or weeks, e.g. “4 hours”.</source>
        <translation>Använd minuter, timmar, dagar eller veckor, t.ex. ”4 timmar”.</translation>
    </message>
    <message>
        <source>“%1” is not a duration we can read.</source>
        <translation>”%1” är ingen tidslängd vi kan läsa.</translation>
    </message>
    <message>
        <source>Did you mean “%1”?</source>
        <translation>Menade du ”%1”?</translation>
    </message>
    <message>
        <source>Campaign files keep durations in English: write “%1”.</source>
        <translation>Kampanjfiler anger tider på engelska: skriv ”%1”.</translation>
    </message>
    <message>
        <source>“%1” is not understood; use filter numbers, and, or, not and parentheses.</source>
        <translation>”%1” förstås inte; använd filternummer, ”och”, ”eller”, ”inte” och parenteser.</translation>
    </message>
    <message>
        <source>A filter number or “(” is missing at the end.</source>
        <translation>Ett filternummer eller ”(” saknas i slutet.</translation>
    </message>
    <message>
        <source>Expected a filter number or “(” but found “%1”.</source>
        <translation>Väntade ett filternummer eller ”(” men hittade ”%1”.</translation>
    </message>
    <message>
        <source>A closing “)” is missing.</source>
        <translation>En avslutande ”)” saknas.</translation>
    </message>
    <message>
        <source>Expected “%1” but found “%2”.</source>
        <translation>Väntade ”%1” men hittade ”%2”.</translation>
    </message>
    <message>
        <source>“%1” is not expected here.</source>
        <translation>”%1” väntas inte här.</translation>
    </message>
    <message>
        <source>The expression is empty.</source>
        <translation>Uttrycket är tomt.</translation>
    </message>
    <message>
        <source>Filter numbers start at 1.</source>
        <translation>Filternummer börjar på 1.</translation>
    </message>
    <message>
        <source>Filter %1 does not exist (the smart list has %2).</source>
        <translation>Filter %1 finns inte (den smarta listan har %2).</translation>
    </message>
    <message>
        <source>A campaign with triggers runs when they fire, so it cannot also have a start or a recurrence: remove the triggers, or the start and recurrence on the Schedule tab.</source>
        <translation>En kampanj med utlösare körs när de slår till, så den kan inte också ha en start eller en upprepning: ta bort utlösarna, eller starten och upprepningen på fliken Schema.</translation>
    </message>
    <message>
        <source>Trigger %1: Vibes list %2 is not known to this workspace; sync Vibes lists.</source>
        <translation>Utlösare %1: Vibes-lista %2 är okänd i den här arbetsytan; synka Vibes-listorna.</translation>
    </message>
    <message>
        <source>Trigger %1: no static list is called “%2”.</source>
        <translation>Utlösare %1: ingen statisk lista heter ”%2”.</translation>
    </message>
    <message>
        <source>Trigger %1: no campaign is called “%2”.</source>
        <translation>Utlösare %1: ingen kampanj heter ”%2”.</translation>
    </message>
    <message>
        <source>No time zone is called “%1”; choose one from the list.</source>
        <translation>Ingen tidszon heter ”%1”; välj en i listan.</translation>
    </message>
    <message>
        <source>Weekdays only go with a weekly recurrence: remove them or repeat every week.</source>
        <translation>Veckodagar hör bara till en veckovis upprepning: ta bort dem eller upprepa varje vecka.</translation>
    </message>
    <message>
        <source>A monthly recurrence runs on the start's day of the month: give it a start (Starting, not before).</source>
        <translation>En månatlig upprepning körs på startens dag i månaden: ge den en start (Börjar, inte före).</translation>
    </message>
    <message>
        <source>A monthly recurrence runs on the start's day of the month, which must be 1 to 28: choose an earlier day.</source>
        <translation>En månatlig upprepning körs på startens dag i månaden, som måste vara 1 till 28: välj en tidigare dag.</translation>
    </message>
    <message>
        <source>The recurrence never runs: choose at least one weekday, or an end date after its first run.</source>
        <translation>Upprepningen körs aldrig: välj minst en veckodag, eller ett slutdatum efter dess första körning.</translation>
    </message>
    <message>
        <source>The planned start is not a date and time we can read; choose it again.</source>
        <translation>Den planerade starten är inte ett datum och en tid vi kan läsa; välj den igen.</translation>
    </message>
    <message>
        <source>Choose when it runs by itself (Run once at, or Repeat) on the Schedule tab, or run it by hand.</source>
        <translation>Välj när den ska köras av sig själv (Kör en gång, eller Upprepa) på fliken Schema, eller kör den för hand.</translation>
    </message>
    <message>
        <source>It would never run again: its time has passed (or its end date has); choose a later one.</source>
        <translation>Den skulle aldrig köras igen: dess tid har passerat (eller dess slutdatum); välj en senare.</translation>
    </message>
    <message>
        <source>The name %1.</source>
        <translation>Namnet %1.</translation>
    </message>
    <message>
        <source>This can be the first text people get from its Vibes list and does not say how to opt out: add “%1”.</source>
        <translation>Det här kan bli det första sms som någon får från sin Vibes-lista och säger inte hur man avregistrerar sig: lägg till ”%1”.</translation>
    </message>
    <message>
        <source>“%1” can be the first text people get from Vibes list %2 and does not say how to opt out: add “%3”.</source>
        <translation>”%1” kan bli det första sms som någon får från Vibes-listan %2 och säger inte hur man avregistrerar sig: lägg till ”%3”.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Blocklisted</source>
        <translation>Blockerad</translation>
    </message>
    <message>
        <source>Marketing suspended</source>
        <translation>Marknadsföring pausad</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Avregistrerad</translation>
    </message>
    <message>
        <source>No valid mobile number</source>
        <translation>Inget giltigt mobilnummer</translation>
    </message>
    <message>
        <source>Not on the Vibes list</source>
        <translation>Inte med i Vibes-listan</translation>
    </message>
    <message>
        <source>Number opted out elsewhere</source>
        <translation>Numret har avregistrerats på annat håll</translation>
    </message>
    <message>
        <source>Shares a number with someone texted</source>
        <translation>Delar nummer med någon som får sms</translation>
    </message>
    <message>
        <source>Already on the list</source>
        <translation>Redan med i listan</translation>
    </message>
    <message>
        <source>Over the frequency cap</source>
        <translation>Över frekvenstaket</translation>
    </message>
    <message>
        <source>Already ran through this campaign</source>
        <translation>Har redan gått igenom kampanjen</translation>
    </message>
    <message>
        <source>A choice says Do Nothing</source>
        <translation>Ett val säger Gör ingenting</translation>
    </message>
    <message>
        <source>Dropped by you (in doubt)</source>
        <translation>Släppt av dig (osäkert)</translation>
    </message>
    <message>
        <source>In flight when the program stopped</source>
        <translation>På väg när programmet stoppades</translation>
    </message>
    <message>
        <source>Text too long</source>
        <translation>För lång text</translation>
    </message>
    <message>
        <source>SMS message missing</source>
        <translation>SMS-meddelandet saknas</translation>
    </message>
    <message>
        <source>Reached a frequency limit</source>
        <translation>Nådde en frekvensgräns</translation>
    </message>
</context>
<context>
    <name>RefCombo</name>
    <message>
        <source>%1 (not in this workspace)</source>
        <translation>%1 (finns inte i arbetsytan)</translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <source>Runs of this campaign</source>
        <translation>Kampanjens körningar</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Körning</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Startad</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Testkörning</translation>
    </message>
    <message>
        <source>Show activity of type</source>
        <translation>Visa aktivitet av typen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <source>Activity of the chosen run</source>
        <translation>Den valda körningens aktivitet</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Ingen arbetsyta är öppen.</translation>
    </message>
    <message>
        <source>This campaign has not run yet. Use Preview to see who it would reach, then Run.</source>
        <translation>Kampanjen har inte körts än. Använd Förhandsgranska för att se vilka den når, sedan Kör.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nej</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alla typer</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>Exportera aktivitet</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Resume run</source>
        <translation>Återuppta körningen</translation>
    </message>
    <message>
        <source>Carry on where the run stopped; sends in doubt are not repeated</source>
        <translation>Fortsätt där körningen stoppade; osäkra utskick upprepas inte</translation>
    </message>
    <message>
        <source>Resend in-doubt sends</source>
        <translation>Skicka om osäkra utskick</translation>
    </message>
    <message>
        <source>Resume and send again what may not have reached Vibes (someone may get a text twice)</source>
        <translation>Återuppta och skicka igen det som kanske inte nådde Vibes (någon kan få ett sms två gånger)</translation>
    </message>
    <message>
        <source>Drop in-doubt sends</source>
        <translation>Släpp osäkra utskick</translation>
    </message>
    <message>
        <source>Never send them; they count as failed, dropped by you</source>
        <translation>Skicka dem aldrig; de räknas som misslyckade, släppta av dig</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Aktivitetslogg</translation>
    </message>
    <message>
        <source>Search name, number or detail</source>
        <translation>Sök namn, nummer eller detalj</translation>
    </message>
    <message>
        <source>Search the activity log</source>
        <translation>Sök i aktivitetsloggen</translation>
    </message>
    <message>
        <source>The runs could not be read: %1</source>
        <translation>Körningarna kunde inte läsas: %1</translation>
    </message>
    <message>
        <source>%1 runs of this campaign. Choose one to see what it did.</source>
        <translation>%1 körningar av kampanjen. Välj en för att se vad den gjorde.</translation>
    </message>
    <message>
        <source>1 run of this campaign.</source>
        <translation>1 körning av kampanjen.</translation>
    </message>
    <message>
        <source>Run %1 — reading…</source>
        <translation>Körning %1 – läser…</translation>
    </message>
    <message>
        <source>Run %1 · %2 · started %3</source>
        <translation>Körning %1 · %2 · startad %3</translation>
    </message>
    <message>
        <source>dry run (nothing sent)</source>
        <translation>testkörning (inget skickat)</translation>
    </message>
    <message>
        <source>People skipped, by reason: %1</source>
        <translation>Överhoppade personer, per orsak: %1</translation>
    </message>
    <message>
        <source>%1 activities</source>
        <translation>%1 aktiviteter</translation>
    </message>
    <message>
        <source>%1 of %2 activities loaded; scroll for more</source>
        <translation>%1 av %2 aktiviteter inlästa; rulla för fler</translation>
    </message>
    <message>
        <source>%1 found so far…</source>
        <translation>%1 hittade hittills…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporterar…</translation>
    </message>
    <message>
        <source>Wrote %1 rows to %2</source>
        <translation>Skrev %1 rader till %2</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Exporten misslyckades: %1</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Startad av</translation>
    </message>
    <message>
        <source>You (Run)</source>
        <translation>Du (Kör)</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Utlösare</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Started with Run</source>
        <translation>Startad med Kör</translation>
    </message>
    <message>
        <source>Started by the campaign's triggers</source>
        <translation>Startad av kampanjens utlösare</translation>
    </message>
    <message>
        <source>The run of the schedule due %1</source>
        <translation>Schemats körning som skulle ske %1</translation>
    </message>
    <message>
        <source>%1 test sends, the latest on %2; tests are not part of any run or these results.</source>
        <translation>%1 testutskick, det senaste %2; tester ingår inte i någon körning eller i de här resultaten.</translation>
    </message>
    <message>
        <source>1 test send, on %2; tests are not part of any run or these results.</source>
        <translation>1 testutskick, %2; tester ingår inte i någon körning eller i de här resultaten.</translation>
    </message>
    <message>
        <source>Figures of the chosen run</source>
        <translation>Siffrorna för den valda körningen</translation>
    </message>
</context>
<context>
    <name>ScheduleTab</name>
    <message>
        <source>Qualification rules</source>
        <translation>Kvalificeringsregler</translation>
    </message>
    <message>
        <source>How often one person may run through the flow across runs.</source>
        <translation>Hur ofta en person får gå igenom flödet över flera körningar.</translation>
    </message>
    <message>
        <source>Each person can run through the flow once</source>
        <translation>Varje person kan gå igenom flödet en gång</translation>
    </message>
    <message>
        <source>Every time</source>
        <translation>Varje gång</translation>
    </message>
    <message>
        <source>Once every</source>
        <translation>En gång var</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagar</translation>
    </message>
    <message>
        <source>Days between runs for one person</source>
        <translation>Dagar mellan körningar för en person</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Planerad start</translation>
    </message>
    <message>
        <source>Optional. Start the run with Run on the toolbar; this date is a reminder and the moment quiet hours and waits are counted from in a preview.</source>
        <translation>Valfritt. Starta körningen med Kör i verktygsfältet; datumet är en påminnelse och den tidpunkt som tillåten sändningstid och väntan räknas från i en förhandsgranskning.</translation>
    </message>
    <message>
        <source>Run at a set time</source>
        <translation>Kör vid en bestämd tid</translation>
    </message>
    <message>
        <source>Planned start (UTC)</source>
        <translation>Planerad start (UTC)</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Tillåten sändningstid</translation>
    </message>
    <message>
        <source>Texts go out only inside this window, in each recipient's local time. A send due outside it waits for the next opening; nobody is dropped.</source>
        <translation>Sms skickas bara inom det här fönstret, i varje mottagares lokala tid. Ett utskick utanför fönstret väntar tills det öppnar igen; ingen hoppas över.</translation>
    </message>
    <message>
        <source>Respect quiet hours</source>
        <translation>Följ tillåten sändningstid</translation>
    </message>
    <message>
        <source>Texts may go from</source>
        <translation>Sms får skickas från</translation>
    </message>
    <message>
        <source>Texts may go until</source>
        <translation>Sms får skickas till</translation>
    </message>
    <message>
        <source>until</source>
        <translation>till</translation>
    </message>
    <message>
        <source>Turn quiet hours on</source>
        <translation>Slå på tillåten sändningstid</translation>
    </message>
    <message>
        <source>Turn quiet hours off</source>
        <translation>Slå av tillåten sändningstid</translation>
    </message>
    <message>
        <source> day</source>
        <translation> dag</translation>
    </message>
    <message>
        <source>Change qualification rule</source>
        <translation>Ändra kvalificeringsregel</translation>
    </message>
    <message>
        <source>Change planned start</source>
        <translation>Ändra planerad start</translation>
    </message>
    <message>
        <source>Change quiet hours</source>
        <translation>Ändra tillåten sändningstid</translation>
    </message>
    <message>
        <source>When it runs</source>
        <translation>När den körs</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>Kör nu</translation>
    </message>
    <message>
        <source>Run once at</source>
        <translation>Kör en gång</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Upprepa</translation>
    </message>
    <message>
        <source>Run Now…</source>
        <translation>Kör nu…</translation>
    </message>
    <message>
        <source>Save the campaign, see who it would reach, then run it</source>
        <translation>Spara kampanjen, se vilka den skulle nå, kör den sedan</translation>
    </message>
    <message>
        <source>You start it with Run, now or whenever you like.</source>
        <translation>Du startar den med Kör, nu eller när du vill.</translation>
    </message>
    <message>
        <source>Next runs</source>
        <translation>Nästa körningar</translation>
    </message>
    <message>
        <source>Edit Triggers</source>
        <translation>Redigera utlösare</translation>
    </message>
    <message>
        <source>Remove the Start and Recurrence</source>
        <translation>Ta bort start och upprepning</translation>
    </message>
    <message>
        <source>Remove the start and recurrence</source>
        <translation>Ta bort start och upprepning</translation>
    </message>
    <message>
        <source>Repeat every</source>
        <translation>Upprepa var</translation>
    </message>
    <message>
        <source>Repeat unit</source>
        <translation>Upprepningsenhet</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Var</translation>
    </message>
    <message>
        <source>On</source>
        <translation>På</translation>
    </message>
    <message>
        <source>Run on %1</source>
        <translation>Kör på %1</translation>
    </message>
    <message>
        <source>Local time of each run</source>
        <translation>Lokal tid för varje körning</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Tidszon</translation>
    </message>
    <message>
        <source>time zone</source>
        <translation>tidszon</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Kl.</translation>
    </message>
    <message>
        <source>Not before</source>
        <translation>Inte före</translation>
    </message>
    <message>
        <source>First run not before</source>
        <translation>Första körning inte före</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Börjar</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Till och med</translation>
    </message>
    <message>
        <source>Last day of runs</source>
        <translation>Sista dagen med körningar</translation>
    </message>
    <message>
        <source>(that day included)</source>
        <translation>(den dagen inräknad)</translation>
    </message>
    <message>
        <source>Ending</source>
        <translation>Slutar</translation>
    </message>
    <message>
        <source>Runs by itself</source>
        <translation>Körs av sig själv</translation>
    </message>
    <message>
        <source>An active campaign runs at its set time or on its schedule, or for each person a trigger fires for, with nobody pressing Run. It runs while this app is open, or all the time with Campaign ▸ Keep Campaigns Running When the App Is Closed.</source>
        <translation>En aktiv kampanj körs vid sin bestämda tid eller enligt sitt schema, eller för varje person som en utlösare gäller, utan att någon trycker på Kör. Den körs medan appen är öppen, eller hela tiden med Kampanj ▸ Håll kampanjer igång när appen är stängd.</translation>
    </message>
    <message>
        <source>Activate…</source>
        <translation>Aktivera…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Inaktivera</translation>
    </message>
    <message>
        <source>day</source>
        <translation>dag</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dagar</translation>
    </message>
    <message>
        <source>week</source>
        <translation>vecka</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>veckor</translation>
    </message>
    <message>
        <source>month</source>
        <translation>månad</translation>
    </message>
    <message>
        <source>months</source>
        <translation>månader</translation>
    </message>
    <message>
        <source>When one of its triggers fires for a person, while it is active.</source>
        <translation>När en av dess utlösare slår till för en person, medan den är aktiv.</translation>
    </message>
    <message>
        <source>Run it yourself, once at a set time, or again and again on a schedule.</source>
        <translation>Kör den själv, en gång vid en bestämd tid, eller om och om igen enligt ett schema.</translation>
    </message>
    <message>
        <source>(monthly runs fall on this day of the month, 1–28)</source>
        <translation>(månatliga körningar sker på den här dagen i månaden, 1–28)</translation>
    </message>
    <message>
        <source>Workspace default (%1)</source>
        <translation>Arbetsytans standard (%1)</translation>
    </message>
    <message>
        <source>It has no set time or schedule. Its triggers:</source>
        <translation>Den har ingen bestämd tid eller schema. Dess utlösare:</translation>
    </message>
    <message>
        <source>%1 your time</source>
        <translation>%1 din tid</translation>
    </message>
    <message>
        <source>Runs at</source>
        <translation>Körs</translation>
    </message>
    <message>
        <source>This time has passed: choose a later one.</source>
        <translation>Den tiden har passerat: välj en senare.</translation>
    </message>
    <message>
        <source>No runs from now on: check the weekdays and the end date.</source>
        <translation>Inga körningar från och med nu: kontrollera veckodagarna och slutdatumet.</translation>
    </message>
    <message>
        <source>Save the campaign to a workspace to activate it.</source>
        <translation>Spara kampanjen i en arbetsyta för att aktivera den.</translation>
    </message>
    <message>
        <source>Not active: nothing runs by itself.</source>
        <translation>Inte aktiv: inget körs av sig själv.</translation>
    </message>
    <message>
        <source>Active: listening for its triggers.</source>
        <translation>Aktiv: lyssnar efter sina utlösare.</translation>
    </message>
    <message>
        <source>Active: next run %1.</source>
        <translation>Aktiv: nästa körning %1.</translation>
    </message>
    <message>
        <source>Active, with no run to come.</source>
        <translation>Aktiv, utan någon planerad körning.</translation>
    </message>
    <message>
        <source>Run by hand only</source>
        <translation>Kör bara för hand</translation>
    </message>
    <message>
        <source>Run once at %1</source>
        <translation>Kör en gång %1</translation>
    </message>
    <message>
        <source>Repeat every week</source>
        <translation>Upprepa varje vecka</translation>
    </message>
    <message>
        <source>Repeat every %1 %2</source>
        <translation>Upprepa var %1 %2</translation>
    </message>
    <message>
        <source>Repeat every %1</source>
        <translation>Upprepa varje %1</translation>
    </message>
    <message>
        <source>Change the weekdays of the recurrence</source>
        <translation>Ändra upprepningens veckodagar</translation>
    </message>
    <message>
        <source>Repeat at %1</source>
        <translation>Upprepa kl. %1</translation>
    </message>
    <message>
        <source>Repeat in time zone %1</source>
        <translation>Upprepa i tidszonen %1</translation>
    </message>
    <message>
        <source>Change when the recurrence starts</source>
        <translation>Ändra när upprepningen börjar</translation>
    </message>
    <message>
        <source>Change when the recurrence ends</source>
        <translation>Ändra när upprepningen slutar</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schema</translation>
    </message>
</context>
<context>
    <name>SmartListTab</name>
    <message>
        <source>Filter %1 is incomplete: it is left out of this count until it is finished.</source>
        <translation>Filter %1 är ofullständigt: det räknas inte med här förrän det är klart.</translation>
    </message>
    <message>
        <source>Filters %1 are incomplete: they are left out of this count until they are finished.</source>
        <translation>Filter %1 är ofullständiga: de räknas inte med här förrän de är klara.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No filters yet.&lt;/b&gt; Everyone in the workspace qualifies.&lt;br&gt;Add a filter from the list on the right: double-click it or press Enter.</source>
        <translation>&lt;b&gt;Inga filter än.&lt;/b&gt; Alla i arbetsytan kvalificerar sig.&lt;br&gt;Lägg till ett filter från listan till höger: dubbelklicka eller tryck Retur.</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Målgrupp</translation>
    </message>
    <message>
        <source>Audience: not counted yet</source>
        <translation>Målgrupp: inte räknad än</translation>
    </message>
    <message>
        <source>Audience: not counted</source>
        <translation>Målgrupp: inte räknad</translation>
    </message>
    <message>
        <source>Audience: %1 person</source>
        <translation>Målgrupp: %1 person</translation>
    </message>
    <message>
        <source>Audience: %1 people</source>
        <translation>Målgrupp: %1 personer</translation>
    </message>
    <message>
        <source>people qualify</source>
        <translation>personer kvalificerar sig</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Search filters</source>
        <translation>Sök filter</translation>
    </message>
    <message>
        <source>Filters: press Enter or double-click to add one</source>
        <translation>Filter: tryck Retur eller dubbelklicka för att lägga till ett</translation>
    </message>
    <message>
        <source>Person field: %1</source>
        <translation>Personfält: %1</translation>
    </message>
    <message>
        <source>Open a workspace to count the audience.</source>
        <translation>Öppna en arbetsyta för att räkna målgruppen.</translation>
    </message>
    <message>
        <source>Fix the filter logic to see who qualifies.</source>
        <translation>Rätta filterlogiken för att se vilka som kvalificerar sig.</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>räknar…</translation>
    </message>
    <message>
        <source>person qualifies</source>
        <translation>person kvalificerar sig</translation>
    </message>
    <message>
        <source>Could not count: %1</source>
        <translation>Kunde inte räkna: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;No filters yet.&lt;/b&gt; Everyone in the workspace qualifies.&lt;br&gt;Drag a filter here from the list on the right, or double-click it.</source>
        <translation>&lt;b&gt;Inga filter än.&lt;/b&gt; Alla i arbetsytan kvalificerar sig.&lt;br&gt;Dra hit ett filter från listan till höger, eller dubbelklicka på det.</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Utlösare</translation>
    </message>
    <message>
        <source>Triggers and Filters</source>
        <translation>Utlösare och filter</translation>
    </message>
    <message>
        <source>Search triggers and filters</source>
        <translation>Sök utlösare och filter</translation>
    </message>
    <message>
        <source>Triggers and filters: drag one onto the smart list, or press Enter to add it</source>
        <translation>Utlösare och filter: dra en till den smarta listan, eller tryck Retur för att lägga till den</translation>
    </message>
    <message>
        <source>Drag a trigger or filter onto the smart list, or double-click it.</source>
        <translation>Dra en utlösare eller ett filter till den smarta listan, eller dubbelklicka på den.</translation>
    </message>
    <message>
        <source>Trigger: people enter the flow when this happens to them</source>
        <translation>Utlösare: personer går in i flödet när det här händer dem</translation>
    </message>
    <message>
        <source>People who pass the filters enter the flow the moment one of these happens to them, while the campaign is active. Activate it on the Schedule tab.</source>
        <translation>Personer som klarar filtren går in i flödet i samma stund som något av det här händer dem, medan kampanjen är aktiv. Aktivera den på fliken Schema.</translation>
    </message>
    <message>
        <source>No triggers: the campaign runs when you run it or on its schedule. Drag a trigger here to have people enter the flow the moment it happens to them.</source>
        <translation>Inga utlösare: kampanjen körs när du kör den eller enligt sitt schema. Dra hit en utlösare så går personer in i flödet i samma stund som den händer dem.</translation>
    </message>
    <message>
        <source>Filters and triggers</source>
        <translation>Filter och utlösare</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Cannot create workspace</source>
        <translation>Kan inte skapa arbetsytan</translation>
    </message>
    <message>
        <source>Creating the demo workspace…</source>
        <translation>Skapar demoarbetsytan…</translation>
    </message>
    <message>
        <source>First start</source>
        <translation>Första start</translation>
    </message>
    <message>
        <source>Adding %1 demo people…</source>
        <translation>Lägger till %1 demopersoner…</translation>
    </message>
    <message>
        <source>Adding lists, messages and campaigns…</source>
        <translation>Lägger till listor, meddelanden och kampanjer…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klart</translation>
    </message>
    <message>
        <source>Demo workspace</source>
        <translation>Demoarbetsyta</translation>
    </message>
    <message>
        <source>The demo workspace could not be created: %1</source>
        <translation>Demoarbetsytan kunde inte skapas: %1</translation>
    </message>
    <message>
        <source>Open workspace folder</source>
        <translation>Öppna arbetsytans mapp</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Kan inte öppna arbetsytan</translation>
    </message>
</context>
<context>
    <name>StepCard</name>
    <message>
        <source>Choices — the first matching row wins</source>
        <translation>Val – första matchande rad gäller</translation>
    </message>
    <message>
        <source>Default — everyone else</source>
        <translation>Standard – alla andra</translation>
    </message>
    <message>
        <source>Add Choice</source>
        <translation>Lägg till val</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Steg %1</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>Steg %1: %2</translation>
    </message>
    <message>
        <source>Delete step %1</source>
        <translation>Ta bort steg %1</translation>
    </message>
    <message>
        <source>Delete this step</source>
        <translation>Ta bort steget</translation>
    </message>
    <message>
        <source>Add a choice to step %1</source>
        <translation>Lägg till ett val i steg %1</translation>
    </message>
    <message>
        <source>Add an If/Then row: people matching it get other settings</source>
        <translation>Lägg till en Om/Då-rad: personer som matchar den får andra inställningar</translation>
    </message>
    <message>
        <source>Drag to move this step; Alt+Shift+Up and Alt+Shift+Down move it too. Ctrl+Up and Ctrl+Down go to the previous or next step.</source>
        <translation>Dra för att flytta steget; Alt+Skift+Upp och Alt+Skift+Ned flyttar det också. Ctrl+Upp och Ctrl+Ned går till föregående eller nästa steg.</translation>
    </message>
    <message>
        <source>Drag handle of step %1</source>
        <translation>Draghandtag för steg %1</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 problem</translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation>%1 problem</translation>
    </message>
    <message>
        <source>Step %1: %2; show the first</source>
        <translation>Steg %1: %2; visa det första</translation>
    </message>
    <message>
        <source>This step is complete</source>
        <translation>Steget är komplett</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 varningar</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 varning</translation>
    </message>
    <message>
        <source>Send a test of step %1</source>
        <translation>Skicka ett test av steg %1</translation>
    </message>
    <message>
        <source>Send test…</source>
        <translation>Skicka test…</translation>
    </message>
    <message>
        <source>Send this step&apos;s text, as a chosen person would get it, to your test numbers</source>
        <translation>Skicka stegets text, så som en vald person skulle få den, till dina testnummer</translation>
    </message>
</context>
<context>
    <name>StepTypes</name>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flöde</translation>
    </message>
    <message>
        <source>Send SMS Message</source>
        <translation>Skicka SMS-meddelande</translation>
    </message>
    <message>
        <source>Text the people of the smart list who are on a Vibes list.</source>
        <translation>Skicka sms till personerna i den smarta listan som finns i en Vibes-lista.</translation>
    </message>
    <message>
        <source>Subscribe to Vibes List</source>
        <translation>Prenumerera på Vibes-lista</translation>
    </message>
    <message>
        <source>Start the opt-in to a Vibes list through an acquisition campaign.</source>
        <translation>Starta anmälan till en Vibes-lista via en värvningskampanj.</translation>
    </message>
    <message>
        <source>Unsubscribe from Vibes List</source>
        <translation>Avsluta prenumeration på Vibes-lista</translation>
    </message>
    <message>
        <source>End each person's subscription to a Vibes list.</source>
        <translation>Avsluta varje persons prenumeration på en Vibes-lista.</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Vänta</translation>
    </message>
    <message>
        <source>Pause for a while, optionally resuming on chosen weekdays.</source>
        <translation>Pausa en stund och fortsätt eventuellt bara vissa veckodagar.</translation>
    </message>
    <message>
        <source>Send SMS</source>
        <translation>Skicka sms</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>Prenumerera</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>Avregistrera</translation>
    </message>
    <message>
        <source>%1 people to subscribe</source>
        <translation>%1 personer att registrera</translation>
    </message>
    <message>
        <source>%1 people to unsubscribe</source>
        <translation>%1 personer att avregistrera</translation>
    </message>
</context>
<context>
    <name>WaitEditor</name>
    <message>
        <source>Resume only on</source>
        <translation>Fortsätt bara på</translation>
    </message>
    <message>
        <source>e.g. 4 hours, 2 days, 1 week</source>
        <translation>t.ex. 4 timmar, 2 dagar, 1 vecka</translation>
    </message>
    <message>
        <source>Resume only on chosen weekdays</source>
        <translation>Fortsätt bara på valda veckodagar</translation>
    </message>
    <message>
        <source>resume on %1</source>
        <translation>fortsätt på %1</translation>
    </message>
    <message>
        <source>at</source>
        <translation>kl.</translation>
    </message>
    <message>
        <source>HH:MM, any time</source>
        <translation>TT:MM, när som helst</translation>
    </message>
    <message>
        <source>Leave empty to resume at any time of day.</source>
        <translation>Lämna tomt för att fortsätta när som helst på dygnet.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Design, preview and run SMS campaigns</source>
        <translation>Utforma, förhandsgranska och kör SMS-kampanjer</translation>
    </message>
    <message>
        <source>Open a campaign from &lt;b&gt;Marketing Activities&lt;/b&gt; on the left, or start a new one. A campaign says &lt;b&gt;who&lt;/b&gt; (Smart List), &lt;b&gt;what&lt;/b&gt; (Flow: texts, Vibes subscriptions, waits) and &lt;b&gt;when&lt;/b&gt; (Schedule).</source>
        <translation>Öppna en kampanj under &lt;b&gt;Marknadsföring&lt;/b&gt; till vänster, eller skapa en ny. En kampanj anger &lt;b&gt;vilka&lt;/b&gt; (Smart lista), &lt;b&gt;vad&lt;/b&gt; (Flöde: sms, Vibes-prenumerationer, väntan) och &lt;b&gt;när&lt;/b&gt; (Schema).</translation>
    </message>
    <message>
        <source>New Campaign…</source>
        <translation>Ny kampanj…</translation>
    </message>
    <message>
        <source>Import Campaign File…</source>
        <translation>Importera kampanjfil…</translation>
    </message>
    <message>
        <source>This workspace: %1 campaigns, %2 SMS messages, %3 people, %4 Vibes lists.</source>
        <translation>Arbetsytan: %1 kampanjer, %2 SMS-meddelanden, %3 personer, %4 Vibes-listor.</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>Save the changes to “%1”?</source>
        <translation>Spara ändringarna i ”%1”?</translation>
    </message>
    <message>
        <source>If you don't save, your changes since the last save are lost.</source>
        <translation>Om du inte sparar förlorar du ändringarna sedan du sparade senast.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Skapa</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>Mobilnummer</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalj</translation>
    </message>
</context>
<context>
    <name>ActivityTypes</name>
    <message>
        <source>Send SMS</source>
        <translation>Skicka sms</translation>
    </message>
    <message>
        <source>SMS Sent</source>
        <translation>Sms skickat</translation>
    </message>
    <message>
        <source>SMS Failed</source>
        <translation>Sms misslyckades</translation>
    </message>
    <message>
        <source>SMS Delivered</source>
        <translation>Sms levererat</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Hoppades över</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Uppskjutet</translation>
    </message>
    <message>
        <source>Subscribe Requested</source>
        <translation>Prenumeration begärd</translation>
    </message>
    <message>
        <source>Subscription Rejected</source>
        <translation>Prenumeration avvisad</translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation>Prenumererar</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Avregistrerad</translation>
    </message>
    <message>
        <source>SMS Routed</source>
        <translation>Sms dirigerat</translation>
    </message>
    <message>
        <source>SMS Routing Failed</source>
        <translation>Dirigering av sms misslyckades</translation>
    </message>
    <message>
        <source>Delivered to Carrier</source>
        <translation>Levererat till operatören</translation>
    </message>
    <message>
        <source>SMS Undeliverable</source>
        <translation>Sms kunde inte levereras</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <source>Vibes callbacks</source>
        <translation>Återanrop från Vibes</translation>
    </message>
    <message>
        <source>Vibes can tell this workspace when people opt in or out and when texts are delivered. Switch the receiver on and register its URL in Vibes as a callback.</source>
        <translation>Vibes kan meddela arbetsytan när personer registrerar eller avregistrerar sig och när sms levereras. Slå på mottagaren och registrera dess URL som återanrop i Vibes.</translation>
    </message>
    <message>
        <source>Receive callbacks</source>
        <translation>Ta emot återanrop</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>valfri ledig port</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>Återanrops-URL</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
    <message>
        <source>It listens on this computer only: to receive from Vibes on the internet, put a tunnel or reverse proxy in front of it and register that address, keeping the token at its end. The token is this workspace&apos;s callback secret: callbacks without it are refused, so share the URL with Vibes only.</source>
        <translation>Den lyssnar bara på den här datorn: för att ta emot från Vibes på internet, sätt en tunnel eller omvänd proxy framför den och registrera den adressen, med token i slutet kvar. Token är arbetsytans hemlighet för återanrop: återanrop utan den avvisas, så dela adressen bara med Vibes.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Av</translation>
    </message>
    <message>
        <source>Received since it started: %1 applied, %2 repeats ignored, %3 refused.</source>
        <translation>Mottaget sedan start: %1 tillämpade, %2 upprepningar ignorerade, %3 avvisade.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose a People CSV file</source>
        <translation>Välj en CSV-fil med personer</translation>
    </message>
    <message>
        <source>Comma, semicolon or tab separated, UTF-8, with a header row and a phone column.</source>
        <translation>Komma-, semikolon- eller tabbseparerad, UTF-8, med en rubrikrad och en telefonkolumn.</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-fil</translation>
    </message>
    <message>
        <source>/path/to/people.csv</source>
        <translation>/sökväg/till/personer.csv</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Bläddra…</translation>
    </message>
    <message>
        <source>Country for numbers without a country code</source>
        <translation>Land för nummer utan landsnummer</translation>
    </message>
    <message>
        <source>Default country</source>
        <translation>Standardland</translation>
    </message>
    <message>
        <source>People CSV file</source>
        <translation>CSV-fil med personer</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV-filer (*.csv *.txt *.tsv);;Alla filer (*)</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Welcome to smsflow-desktop</source>
        <translation>Välkommen till smsflow-desktop</translation>
    </message>
    <message>
        <source>How would you like to start?</source>
        <translation>Hur vill du börja?</translation>
    </message>
    <message>
        <source>Explore the demo workspace</source>
        <translation>Utforska demoarbetsytan</translation>
    </message>
    <message>
        <source>5,000 sample people, Vibes lists, messages and two campaigns. Texts go to a built-in Vibes emulator, so nobody's phone rings: try Preview and Run freely.</source>
        <translation>5 000 exempelpersoner, Vibes-listor, meddelanden och två kampanjer. Sms:en går till en inbyggd Vibes-emulator, så ingens telefon ringer: prova Förhandsgranska och Kör fritt.</translation>
    </message>
    <message>
        <source>Start with an empty workspace</source>
        <translation>Börja med en tom arbetsyta</translation>
    </message>
    <message>
        <source>Import your people from a CSV file and connect your Vibes account in Vibes settings.</source>
        <translation>Importera dina personer från en CSV-fil och anslut ditt Vibes-konto i Vibes-inställningarna.</translation>
    </message>
    <message>
        <source>Open an existing workspace folder…</source>
        <translation>Öppna en befintlig arbetsytemapp…</translation>
    </message>
    <message>
        <source>A folder holding smsflow.db, for example one a colleague shared.</source>
        <translation>En mapp med smsflow.db, till exempel en som en kollega delat.</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Välj</translation>
    </message>
</context>
<context>
    <name>FunnelView</name>
    <message>
        <source>In the smart list</source>
        <translation>I den smarta listan</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Behöriga</translation>
    </message>
    <message>
        <source>Not on the list yet</source>
        <translation>Inte med i listan än</translation>
    </message>
    <message>
        <source>On the Vibes list</source>
        <translation>Med i Vibes-listan</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Mottagare</translation>
    </message>
    <message>
        <source>Choice %1</source>
        <translation>Val %1</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Show these people</source>
        <translation>Visa de här personerna</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Importing</source>
        <translation>Importerar</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Importens förlopp</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Rad</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Läser %1…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows read…</source>
        <translation>
            <numerusform>%Ln rad läst…</numerusform>
            <numerusform>%Ln rader lästa…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Importen avbröts</translation>
    </message>
    <message>
        <source>Nothing was imported: the workspace is as it was.</source>
        <translation>Inget importerades: arbetsytan är som den var.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Importen är klar</translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1, %2.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln new people</source>
        <translation>
            <numerusform>%Ln ny person</numerusform>
            <numerusform>%Ln nya personer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated</source>
        <translation>
            <numerusform>%Ln uppdaterad</numerusform>
            <numerusform>%Ln uppdaterade</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln numbers are not valid: those people are kept but not texted.</source>
        <translation>
            <numerusform>%Ln nummer är ogiltigt: den personen sparas men får inga sms.</numerusform>
            <numerusform>%Ln nummer är ogiltiga: de personerna sparas men får inga sms.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln people have no number.</source>
        <translation>
            <numerusform>%Ln person saknar nummer.</numerusform>
            <numerusform>%Ln personer saknar nummer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lines to check (%1)</source>
        <translation>Rader att kontrollera (%1)</translation>
    </message>
    <message>
        <source>Lines to check (first %1 of %2)</source>
        <translation>Rader att kontrollera (de första %1 av %2)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Importen misslyckades</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Inget importerades: %1</translation>
    </message>
    <message>
        <source>Lines to check</source>
        <translation>Rader att kontrollera</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>No column is the mobile number: choose the column people are texted at.</source>
        <translation>Ingen kolumn är mobilnumret: välj kolumnen som personerna får sms på.</translation>
    </message>
    <message>
        <source>%1 and %2 are both the mobile number: keep one (the other can be a custom field).</source>
        <translation>%1 och %2 är båda mobilnumret: behåll ett (det andra kan bli ett eget fält).</translation>
    </message>
    <message>
        <source>%1 and %2 both go to %3: choose another field for one of them, or Do not import.</source>
        <translation>%1 och %2 går båda till %3: välj ett annat fält för en av dem, eller Importera inte.</translation>
    </message>
    <message>
        <source>%1 holds opt-outs (%3): import it as an opt-out flag, or people who opted out could be texted.</source>
        <translation>%1 innehåller avregistreringar (%3): importera den som en avregistreringsflagga, annars kan personer som avregistrerat sig få sms.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(utan namn)</translation>
    </message>
    <message>
        <source>Column “%1” goes to</source>
        <translation>Kolumnen ”%1” går till</translation>
    </message>
    <message>
        <source>Check the columns</source>
        <translation>Kontrollera kolumnerna</translation>
    </message>
    <message>
        <source>Each column of the file and where it goes; choose another field for a column, or Do not import. Columns the app does not know become custom fields, usable in smart lists and message tokens.</source>
        <translation>Varje kolumn i filen och vart den går; välj ett annat fält för en kolumn, eller Importera inte. Kolumner som appen inte känner till blir egna fält, som kan användas i smarta listor och meddelandetokens.</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Kolumn i filen</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Går till</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Första värdena</translation>
    </message>
    <message>
        <source>Mobile phone number (the texting number)</source>
        <translation>Mobilnummer (numret som får sms)</translation>
    </message>
    <message>
        <source>Custom field “%1”</source>
        <translation>Eget fält ”%1”</translation>
    </message>
    <message>
        <source>Do not import</source>
        <translation>Importera inte</translation>
    </message>
    <message>
        <source>Columns of the file</source>
        <translation>Filens kolumner</translation>
    </message>
</context>
<context>
    <name>PeopleImportWizard</name>
    <message>
        <source>Import people</source>
        <translation>Importera personer</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importera</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Blocklisted</source>
        <translation>Blockerad</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Avregistrerad</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Pausad</translation>
    </message>
    <message>
        <source>Invalid number</source>
        <translation>Ogiltigt nummer</translation>
    </message>
    <message>
        <source>No number</source>
        <translation>Inget nummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>Mobilnummer</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flaggor</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Search by name, e-mail or mobile number</source>
        <translation>Sök på namn, e-post eller mobilnummer</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Sök personer</translation>
    </message>
    <message>
        <source>Import People CSV…</source>
        <translation>Importera personer (CSV)…</translation>
    </message>
    <message>
        <source>People in the workspace</source>
        <translation>Personer i arbetsytan</translation>
    </message>
    <message>
        <source>%1 people · %2 with a valid mobile number · %3 without one · %4 blocklisted · %5 unsubscribed · %6 marketing suspended</source>
        <translation>%1 personer · %2 med giltigt mobilnummer · %3 utan · %4 blockerade · %5 avregistrerade · %6 med pausad marknadsföring</translation>
    </message>
    <message>
        <source>Scroll for more people.</source>
        <translation>Rulla för fler personer.</translation>
    </message>
    <message>
        <source>Nobody matches “%1” (each word is looked for in names, e-mail addresses and numbers).</source>
        <translation>Ingen matchar ”%1” (varje ord söks i namn, e-postadresser och nummer).</translation>
    </message>
    <message>
        <source>Any part of a name, e-mail address or number, words in any order; a number in any spelling, such as 070-123 45 67 or +46 70 123 45 67</source>
        <translation>Valfri del av ett namn, en e-postadress eller ett nummer, orden i valfri ordning; ett nummer skrivet på valfritt sätt, som 070-123 45 67 eller +46 70 123 45 67</translation>
    </message>
    <message>
        <source>%1 found so far; scroll for more.</source>
        <translation>%1 hittade hittills; rulla för fler.</translation>
    </message>
    <message>
        <source>%1 found.</source>
        <translation>%1 hittade.</translation>
    </message>
</context>
<context>
    <name>PersonErasure</name>
    <message>
        <source>Erase person</source>
        <translation>Radera person</translation>
    </message>
    <message>
        <source>Erase %1 from the workspace?</source>
        <translation>Radera %1 från arbetsytan?</translation>
    </message>
    <message>
        <source>Their name, e-mail address, mobile number and every other field are removed, and they leave every static list.

Their consent history and their number&apos;s opt-out are kept: the number is stored only as a hash and is never texted again.

This cannot be undone. Vibes keeps its own copy of the person: ask Vibes to erase them there too.</source>
        <translation>Personens namn, e-postadress, mobilnummer och alla andra fält tas bort, och personen tas bort från alla statiska listor.

Samtyckeshistoriken och numrets avregistrering finns kvar: numret sparas bara som en hash och får aldrig sms igen.

Det går inte att ångra. Vibes har en egen kopia av personen: be Vibes radera personen där också.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Radera</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>This person is no longer in the workspace; nothing was erased.</source>
        <translation>Personen finns inte längre i arbetsytan; inget raderades.</translation>
    </message>
    <message>
        <source>Nothing was erased: the workspace could not be written (%1).</source>
        <translation>Inget raderades: det gick inte att skriva till arbetsytan (%1).</translation>
    </message>
</context>
<context>
    <name>PersonPane</name>
    <message>
        <source>Erase person…</source>
        <translation>Radera person…</translation>
    </message>
    <message>
        <source>This person is already erased.</source>
        <translation>Den här personen är redan raderad.</translation>
    </message>
    <message>
        <source>Remove this person&apos;s name, e-mail address, number and fields at their request</source>
        <translation>Ta bort personens namn, e-postadress, nummer och fält på personens egen begäran</translation>
    </message>
    <message>
        <source>%1 · as entered: %2</source>
        <translation>%1 · som det angavs: %2</translation>
    </message>
    <message>
        <source>Choose a person</source>
        <translation>Välj en person</translation>
    </message>
    <message>
        <source>Vibes subscription lists</source>
        <translation>Vibes-prenumerationslistor</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Activity history</source>
        <translation>Aktivitetshistorik</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampanj</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <source>This person could not be read: %1</source>
        <translation>Personen kunde inte läsas: %1</translation>
    </message>
    <message>
        <source>This person is no longer in the workspace.</source>
        <translation>Personen finns inte längre i arbetsytan.</translation>
    </message>
    <message>
        <source>Not texted: %1</source>
        <translation>Får inga sms: %1</translation>
    </message>
    <message>
        <source>Static lists: %1</source>
        <translation>Statiska listor: %1</translation>
    </message>
    <message>
        <source>Subscribed since %1</source>
        <translation>Prenumererar sedan %1</translation>
    </message>
    <message>
        <source>Opted out %1</source>
        <translation>Avregistrerad %1</translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation>Samtyckeshistorik</translation>
    </message>
    <message>
        <source>Erased on %1 at their request. Their number is kept only as a hash, so it is never texted again.</source>
        <translation>Raderad %1 på egen begäran. Numret sparas bara som en hash och får därför aldrig sms igen.</translation>
    </message>
    <message>
        <source>Erased person</source>
        <translation>Raderad person</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>Bevis</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>The chosen person</source>
        <translation>Den valda personen</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Unfinished runs</source>
        <translation>Oavslutade körningar</translation>
    </message>
    <message>
        <source>Some runs did not finish</source>
        <translation>Några körningar blev inte klara</translation>
    </message>
    <message>
        <source>The program stopped while these runs were going, or a later step of theirs is due. Resume a run to carry on where it stopped: nobody who was already texted is texted again.</source>
        <translation>Programmet stoppades medan de här körningarna pågick, eller så är ett senare steg i dem på tur. Återuppta en körning för att fortsätta där den stoppade: ingen som redan fått sms får det igen.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Körning</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampanj</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Startad</translation>
    </message>
    <message>
        <source>Left to do</source>
        <translation>Kvar att göra</translation>
    </message>
    <message>
        <source>In doubt</source>
        <translation>Osäkra</translation>
    </message>
    <message>
        <source>In doubt: the program stopped while these requests were on their way to Vibes. Vibes may or may not have sent them.</source>
        <translation>Osäkra: programmet stoppades medan de här anropen var på väg till Vibes. Vibes kan ha skickat dem, eller inte.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>Mobilnummer</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sedan</translation>
    </message>
    <message>
        <source>Drop in-doubt sends</source>
        <translation>Släpp osäkra utskick</translation>
    </message>
    <message>
        <source>Never send them; they count as failed, dropped by you</source>
        <translation>Skicka dem aldrig; de räknas som misslyckade, släppta av dig</translation>
    </message>
    <message>
        <source>Resume and resend them</source>
        <translation>Återuppta och skicka om dem</translation>
    </message>
    <message>
        <source>Someone may get the same text twice</source>
        <translation>Någon kan få samma sms två gånger</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Inte nu</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Återuppta</translation>
    </message>
    <message>
        <source>Carry on; sends in doubt are not repeated</source>
        <translation>Fortsätt; osäkra utskick upprepas inte</translation>
    </message>
    <message>
        <source>dry run</source>
        <translation>testkörning</translation>
    </message>
    <message>
        <source>%1 sends of run %2 are in doubt</source>
        <translation>%1 utskick i körning %2 är osäkra</translation>
    </message>
</context>
<context>
    <name>RunChart</name>
    <message>
        <source>Run figures</source>
        <translation>Körningens siffror</translation>
    </message>
</context>
<context>
    <name>RunConfirmDialog</name>
    <message>
        <source>Sends for real through Vibes at %1: real people get these texts.</source>
        <translation>Skickar på riktigt via Vibes på %1: riktiga personer får de här sms:en.</translation>
    </message>
    <message>
        <source>Sends to this workspace's built-in Vibes emulator: nobody's phone gets a text.</source>
        <translation>Skickar till arbetsytans inbyggda Vibes-emulator: ingens telefon får ett sms.</translation>
    </message>
    <message>
        <source>%1 texts (%2 segments)</source>
        <translation>%1 sms (%2 segment)</translation>
    </message>
    <message>
        <source>In all: %1.</source>
        <translation>Totalt: %1.</translation>
    </message>
    <message>
        <source>Run campaign</source>
        <translation>Kör kampanj</translation>
    </message>
    <message>
        <source>Run “%1” now?</source>
        <translation>Köra ”%1” nu?</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Mottagare</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Held by quiet hours</source>
        <translation>Väntar på sändningstid</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Testkörning</translation>
    </message>
    <message>
        <source>Do everything but call Vibes: the ledger and results show what would happen</source>
        <translation>Gör allt utom att anropa Vibes: liggaren och resultaten visar vad som skulle hända</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Send for real</source>
        <translation>Skicka på riktigt</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Kör</translation>
    </message>
    <message>
        <source>The figures could not be worked out; the run checks every person as it goes.</source>
        <translation>Siffrorna kunde inte räknas ut; körningen kontrollerar varje person under tiden.</translation>
    </message>
    <message>
        <source>Quiet hours are off: texts go out at once, day or night, except where a state&apos;s or country&apos;s rules set a sending window.</source>
        <translation>Tyst tid är av: sms går ut direkt, dag som natt, utom där en delstats eller ett lands regler har ett sändningsfönster.</translation>
    </message>
    <message>
        <source>Quiet hours are off, but %1 texts wait for their state&apos;s or country&apos;s sending window.</source>
        <translation>Tyst tid är av, men %1 sms väntar på sin delstats eller sitt lands sändningsfönster.</translation>
    </message>
    <message>
        <source>Texts go out between %1 and %2 in each recipient&apos;s time zone, or within their state&apos;s or country&apos;s narrower window.</source>
        <translation>Sms går ut mellan %1 och %2 i varje mottagares tidszon, eller inom delstatens eller landets snävare fönster.</translation>
    </message>
    <message>
        <source>%1 of them are outside that window now and wait until it opens.</source>
        <translation>%1 av dem är utanför det fönstret nu och väntar tills det öppnar.</translation>
    </message>
    <message>
        <source>Steps after a Wait count who is in now; they go out when the wait is over.</source>
        <translation>Steg efter en Vänta räknar vilka som är med nu; de går ut när väntan är över.</translation>
    </message>
    <message>
        <source>The run&apos;s figures step by step</source>
        <translation>Körningens siffror steg för steg</translation>
    </message>
</context>
<context>
    <name>RunCounts</name>
    <message>
        <source>Sent</source>
        <translation>Skickade</translation>
    </message>
    <message>
        <source>Skipped (people)</source>
        <translation>Överhoppade (personer)</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Levererade</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckade</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Överhoppade</translation>
    </message>
    <message>
        <source>In doubt</source>
        <translation>Osäkra</translation>
    </message>
    <message>
        <source>Awaiting confirmation</source>
        <translation>Väntar på bekräftelse</translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation>Registrerade</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Avregistrerade</translation>
    </message>
    <message>
        <source>Still to do</source>
        <translation>Kvar att göra</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Skickas</translation>
    </message>
    <message>
        <source>Deferred by quiet hours</source>
        <translation>Uppskjutna av tyst tid</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>Vibes sends texts from your company&apos;s short code: enter it in Vibes Settings (Short code), then run again.</source>
        <translation>Vibes skickar sms från företagets kortnummer: ange det i Vibes-inställningarna (Kortnummer) och kör sedan igen.</translation>
    </message>
    <message>
        <source>Running “%1”</source>
        <translation>Kör ”%1”</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startar…</translation>
    </message>
    <message>
        <source>Run progress</source>
        <translation>Körningens förlopp</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Stop after the texts on their way; Resume carries on from there</source>
        <translation>Stoppa efter sms:en som är på väg; Återuppta fortsätter därifrån</translation>
    </message>
    <message>
        <source>Stop run</source>
        <translation>Stoppa körningen</translation>
    </message>
    <message>
        <source>Stop sending; what was sent stays sent, and the run can be resumed later</source>
        <translation>Sluta skicka; det som skickats förblir skickat, och körningen kan återupptas senare</translation>
    </message>
    <message>
        <source>Skipped (people)</source>
        <translation>Överhoppade (personer)</translation>
    </message>
    <message>
        <source>People the run leaves out at one step or more (opted out, no valid number…)</source>
        <translation>Personer som körningen hoppar över i minst ett steg (avregistrerade, utan giltigt nummer…)</translation>
    </message>
    <message>
        <source>Stop run %1?</source>
        <translation>Stoppa körning %1?</translation>
    </message>
    <message>
        <source>Stop the run?</source>
        <translation>Stoppa körningen?</translation>
    </message>
    <message>
        <source>Texts already on their way to Vibes finish; nobody else is texted. What was sent stays sent, and you can resume the run later from the Results tab.</source>
        <translation>Sms som redan är på väg till Vibes skickas klart; ingen annan får sms. Det som skickats förblir skickat, och du kan återuppta körningen senare från fliken Resultat.</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Fortsätt köra</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Återuppta</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Pausing after the texts on their way…</source>
        <translation>Pausar efter sms:en som är på väg…</translation>
    </message>
    <message>
        <source>Stopping after the texts on their way…</source>
        <translation>Stoppar efter sms:en som är på väg…</translation>
    </message>
    <message>
        <source>%1 sent, %2 to go</source>
        <translation>%1 skickade, %2 kvar</translation>
    </message>
    <message>
        <source>%1 a second · about %2 left</source>
        <translation>%1 per sekund · cirka %2 kvar</translation>
    </message>
    <message>
        <source>Paused: run %1 — %2 left to do</source>
        <translation>Pausad: körning %1 — %2 kvar att göra</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausad</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stoppad</translation>
    </message>
    <message>
        <source>Waiting for a later step</source>
        <translation>Väntar på ett senare steg</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckades</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Inte startad</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>”%1”: %2</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>Körning %1: %2</translation>
    </message>
    <message>
        <source>The rest waits for a later step (a Wait in the flow); resume the run from the Results tab when it is due.</source>
        <translation>Resten väntar på ett senare steg (en Vänta i flödet); återuppta körningen från fliken Resultat när det är dags.</translation>
    </message>
    <message>
        <source>%1 sends are in doubt: they may or may not have reached Vibes. Resend or drop them from the Results tab.</source>
        <translation>%1 utskick är osäkra: de kan ha nått Vibes, eller inte. Skicka om eller släpp dem från fliken Resultat.</translation>
    </message>
    <message>
        <source>The run stopped</source>
        <translation>Körningen stoppades</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>Paused</source>
        <translation>Pausad</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Pågår</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Waiting for a later step</source>
        <translation>Väntar på ett senare steg</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stoppad</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckades</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Avbruten</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Inte startad</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>A campaign: who, what, when</source>
        <translation>En kampanj: vem, vad, när</translation>
    </message>
    <message>
        <source>Open a campaign from Marketing Activities on the left. Its tabs say who gets it (Smart List), what happens (Flow) and when (Schedule).</source>
        <translation>Öppna en kampanj under Marknadsföring till vänster. Flikarna säger vem som får den (Smart lista), vad som händer (Flöde) och när (Schema).</translation>
    </message>
    <message>
        <source>Drag steps into the flow</source>
        <translation>Dra steg till flödet</translation>
    </message>
    <message>
        <source>On the Flow tab, drag a step such as Send SMS Message from the palette on the left onto the flow, between or below the cards. Drag a card by its handle to reorder; every change can be undone.</source>
        <translation>På fliken Flöde drar du ett steg, till exempel Skicka SMS-meddelande, från paletten till vänster till flödet, mellan eller under korten. Dra ett kort i handtaget för att ändra ordning; varje ändring kan ångras.</translation>
    </message>
    <message>
        <source>Preview: who will receive this?</source>
        <translation>Förhandsgranska: vem får det här?</translation>
    </message>
    <message>
        <source>Press Preview (F8) to see, for each step, how many people it reaches, why the others are left out (click a reason to see them), and the text each recipient gets. Nothing is sent.</source>
        <translation>Tryck Förhandsgranska (F8) för att se, för varje steg, hur många det når, varför de andra lämnas utanför (klicka på ett skäl för att se dem) och sms:et varje mottagare får. Inget skickas.</translation>
    </message>
    <message>
        <source>Run and watch</source>
        <translation>Kör och följ</translation>
    </message>
    <message>
        <source>Press Run (F9). You see the recipients, segments and where the texts go before anything is sent; then a progress bar you can pause and resume. The demo workspace sends to a built-in Vibes emulator.</source>
        <translation>Tryck Kör (F9). Du ser mottagarna, segmenten och vart sms:en går innan något skickas; sedan en förloppsindikator som du kan pausa och återuppta. Demoarbetsytan skickar till en inbyggd Vibes-emulator.</translation>
    </message>
    <message>
        <source>Results and people</source>
        <translation>Resultat och personer</translation>
    </message>
    <message>
        <source>The Results tab shows each run's figures and its activity log. People (in the navigator) lists everyone, with their Vibes lists and history; import more from a CSV file there.</source>
        <translation>Fliken Resultat visar varje körnings siffror och aktivitetslogg. Personer (i navigatorn) listar alla, med deras Vibes-listor och historik; importera fler från en CSV-fil där.</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <source>Quick tour</source>
        <translation>Snabbtur</translation>
    </message>
    <message>
        <source>Skip the tour</source>
        <translation>Hoppa över turen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nästa</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Steg %1 av %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klar</translation>
    </message>
</context>
<context>
    <name>VibesActions</name>
    <message>
        <source>Vibes settings</source>
        <translation>Vibes-inställningar</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Öppna en arbetsyta först.</translation>
    </message>
    <message>
        <source>Sync Vibes lists</source>
        <translation>Synkronisera Vibes-listor</translation>
    </message>
    <message>
        <source>Syncing Vibes lists…</source>
        <translation>Synkroniserar Vibes-listor…</translation>
    </message>
    <message>
        <source>Synced %1 subscription lists and %2 acquisition campaigns from Vibes.</source>
        <translation>Synkroniserade %1 prenumerationslistor och %2 värvningskampanjer från Vibes.</translation>
    </message>
    <message>
        <source>The sync did not complete: %1</source>
        <translation>Synkroniseringen slutfördes inte: %1</translation>
    </message>
    <message>
        <source>Vibes extract file</source>
        <translation>Vibes-extraktfil</translation>
    </message>
    <message>
        <source>Vibes extracts (*.txt *.tsv *.csv);;All files (*)</source>
        <translation>Vibes-extrakt (*.txt *.tsv *.csv);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importerar %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Import Vibes extract</source>
        <translation>Importera Vibes-extrakt</translation>
    </message>
    <message>
        <source>Extract import cancelled; nothing was changed.</source>
        <translation>Importen av extraktet avbröts; inget ändrades.</translation>
    </message>
    <message>
        <source>%1: %2 rows, %3 opted in, %4 opted out, %5 lists.</source>
        <translation>%1: %2 rader, %3 registrerade, %4 avregistrerade, %5 listor.</translation>
    </message>
    <message>
        <source>%1 lines were skipped (lines %2).</source>
        <translation>%1 rader hoppades över (rad %2).</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Inget importerades: %1</translation>
    </message>
    <message>
        <source>Vibes callbacks</source>
        <translation>Återanrop från Vibes</translation>
    </message>
    <message>
        <source>Could not listen on port %1: %2</source>
        <translation>Kunde inte lyssna på port %1: %2</translation>
    </message>
    <message>
        <source>The receiver needs this workspace&apos;s callback secret: %1</source>
        <translation>Mottagaren behöver arbetsytans hemlighet för återanrop: %1</translation>
    </message>
    <message>
        <source>Receiving Vibes callbacks at %1</source>
        <translation>Tar emot återanrop från Vibes på %1</translation>
    </message>
</context>
<context>
    <name>VibesSettingsDialog</name>
    <message>
        <source>North America</source>
        <translation>Nordamerika</translation>
    </message>
    <message>
        <source>Europe</source>
        <translation>Europa</translation>
    </message>
    <message>
        <source>Built-in emulator (nothing is sent)</source>
        <translation>Inbyggd emulator (inget skickas)</translation>
    </message>
    <message>
        <source>Custom URL</source>
        <translation>Egen URL</translation>
    </message>
    <message>
        <source>Vibes settings</source>
        <translation>Vibes-inställningar</translation>
    </message>
    <message>
        <source>Vibes host</source>
        <translation>Vibes-värd</translation>
    </message>
    <message>
        <source>Vibes API URL</source>
        <translation>Vibes API-URL</translation>
    </message>
    <message>
        <source>e.g. 12345</source>
        <translation>t.ex. 12345</translation>
    </message>
    <message>
        <source>Vibes password</source>
        <translation>Vibes-lösenord</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Värd</translation>
    </message>
    <message>
        <source>API URL</source>
        <translation>API-URL</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>Company key</source>
        <translation>Företagsnyckel</translation>
    </message>
    <message>
        <source>Short code</source>
        <translation>Kortnummer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <source>Which Vibes this workspace sends through, and the account it uses.</source>
        <translation>Vilken Vibes arbetsytan skickar via, och kontot den använder.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testa anslutningen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Built into this workspace</source>
        <translation>Inbyggd i arbetsytan</translation>
    </message>
    <message>
        <source>The built-in emulator needs no password.</source>
        <translation>Den inbyggda emulatorn behöver inget lösenord.</translation>
    </message>
    <message>
        <source>The password comes from the environment variable %1.</source>
        <translation>Lösenordet kommer från miljövariabeln %1.</translation>
    </message>
    <message>
        <source>No system keyring</source>
        <translation>Ingen nyckelring i systemet</translation>
    </message>
    <message>
        <source>This machine has no system keyring to keep the password in. Set the environment variable %1 to the Vibes password before starting the app (or before running smsflow commands).</source>
        <translation>Den här datorn har ingen nyckelring att spara lösenordet i. Sätt miljövariabeln %1 till Vibes-lösenordet innan du startar appen (eller innan du kör smsflow-kommandon).</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored password</source>
        <translation>Lämna tomt för att behålla det sparade lösenordet</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in the workspace.</source>
        <translation>Sparas i systemets nyckelring, aldrig i arbetsytan.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Ansluter…</translation>
    </message>
    <message>
        <source>Connected to the built-in emulator: %1 subscription lists.</source>
        <translation>Ansluten till den inbyggda emulatorn: %1 prenumerationslistor.</translation>
    </message>
    <message>
        <source>Connected to %2: the account works and sees %1 subscription lists.</source>
        <translation>Ansluten till %2: kontot fungerar och ser %1 prenumerationslistor.</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Kunde inte ansluta: %1</translation>
    </message>
</context>
<context>
    <name>WorkspaceActions</name>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Öppna en arbetsyta först.</translation>
    </message>
    <message>
        <source>Import people</source>
        <translation>Importera personer</translation>
    </message>
    <message>
        <source>Workspace settings</source>
        <translation>Inställningar för arbetsytan</translation>
    </message>
    <message>
        <source>Workspace settings saved.</source>
        <translation>Arbetsytans inställningar sparades.</translation>
    </message>
    <message>
        <source>Compliance rules</source>
        <translation>Regler för utskick</translation>
    </message>
</context>
<context>
    <name>WorkspaceSettingsDialog</name>
    <message>
        <source>Workspace settings</source>
        <translation>Inställningar för arbetsytan</translation>
    </message>
    <message>
        <source>Your brand, e.g. Acme</source>
        <translation>Ditt varumärke, t.ex. Acme</translation>
    </message>
    <message>
        <source>Every message should name it, so people know who is texting.</source>
        <translation>Varje meddelande bör nämna det, så att mottagarna vet vem som skickar.</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Högst</translation>
    </message>
    <message>
        <source> texts per number in 24 hours</source>
        <translation> sms per nummer på 24 timmar</translation>
    </message>
    <message>
        <source>Brand name</source>
        <translation>Varumärke</translation>
    </message>
    <message>
        <source>Default country</source>
        <translation>Standardland</translation>
    </message>
    <message>
        <source>Default time zone</source>
        <translation>Standardtidszon</translation>
    </message>
    <message>
        <source>Frequency cap</source>
        <translation>Frekvenstak</translation>
    </message>
    <message>
        <source>Requests in flight during a run</source>
        <translation>Samtidiga anrop under en körning</translation>
    </message>
    <message>
        <source>The default country reads numbers written without a country code; the default time zone decides quiet hours for people whose time zone is unknown.</source>
        <translation>Standardlandet används för nummer utan landsnummer; standardtidszonen avgör tyst tid för personer vars tidszon är okänd.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Test numbers</source>
        <translation>Testnummer</translation>
    </message>
    <message>
        <source>Your own phones, which Send test… texts a step&apos;s message: numbers with + and the country code, separated by commas.</source>
        <translation>Era egna telefoner, som Skicka test… skickar ett stegs meddelande till: nummer med + och landsnummer, åtskilda med kommatecken.</translation>
    </message>
    <message>
        <source>e.g. +12135550100, +46701234567</source>
        <translation>t.ex. +12135550100, +46701234567</translation>
    </message>
    <message>
        <source>Compliance rules…</source>
        <translation>Regler för utskick…</translation>
    </message>
    <message>
        <source>Sending windows and frequency limits by US state or country, with their sources</source>
        <translation>Sändningsfönster och frekvensgränser per amerikansk delstat eller land, med sina källor</translation>
    </message>
    <message>
        <source>By state or country</source>
        <translation>Per delstat eller land</translation>
    </message>
    <message>
        <source>Most texts per number in 24 hours</source>
        <translation>Högst antal sms per nummer på 24 timmar</translation>
    </message>
</context>
<context>
    <name>AutomationActions</name>
    <message>
        <source>it stopped unexpectedly</source>
        <translation>den stannade oväntat</translation>
    </message>
    <message>
        <source>Automation: %1 run(s) started, %2 text(s) sent</source>
        <translation>Automatik: %1 körning(ar) startade, %2 sms skickade</translation>
    </message>
    <message>
        <source>The agent service keeps these campaigns running when the app is closed.</source>
        <translation>Agenttjänsten håller de här kampanjerna igång när appen är stängd.</translation>
    </message>
    <message>
        <source>Automation stopped: %1</source>
        <translation>Automatiken stannade: %1</translation>
    </message>
    <message>
        <source>Open the workspace again to restart it.</source>
        <translation>Öppna arbetsytan igen för att starta om den.</translation>
    </message>
    <message>
        <source>Automation: %1</source>
        <translation>Automatik: %1</translation>
    </message>
    <message>
        <source>Automation: idle</source>
        <translation>Automatik: vilar</translation>
    </message>
    <message>
        <source>No campaign runs by itself.</source>
        <translation>Ingen kampanj körs av sig själv.</translation>
    </message>
    <message>
        <source>Automation (service)</source>
        <translation>Automatik (tjänst)</translation>
    </message>
    <message>
        <source>Automation</source>
        <translation>Automatik</translation>
    </message>
    <message>
        <source>%1: next run %2 at %3</source>
        <translation>%1: nästa körning %2 kl. %3</translation>
    </message>
    <message>
        <source>%1: listening for triggers of %2</source>
        <translation>%1: lyssnar efter utlösare för %2</translation>
    </message>
    <message>
        <source>%1: no run to come</source>
        <translation>%1: ingen körning planerad</translation>
    </message>
    <message>
        <source>%1: listening for its triggers</source>
        <translation>%1: lyssnar efter sina utlösare</translation>
    </message>
    <message>
        <source>%1: next run %2</source>
        <translation>%1: nästa körning %2</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Aktivera</translation>
    </message>
    <message>
        <source>Save the changes to “%1” and activate it?</source>
        <translation>Spara ändringarna i ”%1” och aktivera den?</translation>
    </message>
    <message>
        <source>Working out who “%1” would reach…</source>
        <translation>Räknar ut vilka ”%1” skulle nå…</translation>
    </message>
    <message>
        <source>Cannot activate</source>
        <translation>Kan inte aktiveras</translation>
    </message>
    <message>
        <source>“%1” cannot run by itself yet:
%2</source>
        <translation>”%1” kan inte köras av sig själv än:
%2</translation>
    </message>
    <message>
        <source>It listens for:</source>
        <translation>Den lyssnar efter:</translation>
    </message>
    <message>
        <source>Each person a trigger fires for enters the flow if they pass the filters at that moment. Only what happens from now on counts.</source>
        <translation>Varje person som en utlösare gäller går in i flödet om den klarar filtren i det ögonblicket. Bara det som händer från och med nu räknas.</translation>
    </message>
    <message>
        <source>It runs by itself at:</source>
        <translation>Den körs av sig själv:</translation>
    </message>
    <message>
        <source>Its next runs:</source>
        <translation>Nästa körningar:</translation>
    </message>
    <message>
        <source>Audience now: %1 people qualify; the first text would reach %2 of them.</source>
        <translation>Målgrupp nu: %1 personer kvalificerar sig; första sms:et skulle nå %2 av dem.</translation>
    </message>
    <message>
        <source>The audience could not be worked out: %1</source>
        <translation>Målgruppen kunde inte räknas ut: %1</translation>
    </message>
    <message>
        <source>The flow sends no text.</source>
        <translation>Flödet skickar inga sms.</translation>
    </message>
    <message>
        <source>The agent service runs it, also while the app is closed.</source>
        <translation>Agenttjänsten kör den, även när appen är stängd.</translation>
    </message>
    <message>
        <source>It runs while this app is open. To keep it running when the app is closed, use Campaign ▸ Keep Campaigns Running When the App Is Closed…</source>
        <translation>Den körs medan appen är öppen. Använd Kampanj ▸ Håll kampanjer igång när appen är stängd… för att hålla den igång när appen är stängd.</translation>
    </message>
    <message>
        <source>Activate “%1”?</source>
        <translation>Aktivera ”%1”?</translation>
    </message>
    <message>
        <source>“%1” is active: next run %2.</source>
        <translation>”%1” är aktiv: nästa körning %2.</translation>
    </message>
    <message>
        <source>“%1” is active and listens for its triggers.</source>
        <translation>”%1” är aktiv och lyssnar efter sina utlösare.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Inaktivera</translation>
    </message>
    <message>
        <source>Stop “%1” from running by itself? Runs under way carry on: people in a Wait still get their next steps.</source>
        <translation>Sluta köra ”%1” av sig själv? Pågående körningar fortsätter: personer i en väntan får ändå sina nästa steg.</translation>
    </message>
    <message>
        <source>“%1” no longer runs by itself.</source>
        <translation>”%1” körs inte längre av sig själv.</translation>
    </message>
    <message>
        <source>Keep campaigns running</source>
        <translation>Håll kampanjer igång</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Öppna en arbetsyta först.</translation>
    </message>
    <message>
        <source>The agent service keeps the active campaigns of %1 running when the app is closed.

Remove it? Active campaigns then run only while the app is open.</source>
        <translation>Agenttjänsten håller de aktiva kampanjerna i %1 igång när appen är stängd.

Ta bort den? Aktiva kampanjer körs då bara medan appen är öppen.</translation>
    </message>
    <message>
        <source>Install the agent as a service of your user account, so the active campaigns of %1 keep running when the app is closed and after a restart?

It is written to %2.</source>
        <translation>Installera agenten som en tjänst för ditt användarkonto, så att de aktiva kampanjerna i %1 fortsätter köras när appen är stängd och efter en omstart?

Den skrivs till %2.</translation>
    </message>
    <message>
        <source>The agent service %1 is running; active campaigns keep running when the app is closed.</source>
        <translation>Agenttjänsten %1 körs; aktiva kampanjer fortsätter köras när appen är stängd.</translation>
    </message>
    <message>
        <source>The agent service is removed; active campaigns run while the app is open.</source>
        <translation>Agenttjänsten är borttagen; aktiva kampanjer körs medan appen är öppen.</translation>
    </message>
    <message>
        <source>The service file is written to %1, but systemctl was not found, so nothing started it. On a computer with systemd, start it with:
systemctl --user daemon-reload &amp;&amp; systemctl --user enable --now %2
Until then the app runs the campaigns while it is open.</source>
        <translation>Tjänstefilen är skriven till %1, men systemctl hittades inte, så inget startade den. På en dator med systemd startar du den med:
systemctl --user daemon-reload &amp;&amp; systemctl --user enable --now %2
Tills dess kör appen kampanjerna medan den är öppen.</translation>
    </message>
    <message>
        <source>The service file %1 is deleted (systemctl was not found to stop a running service).</source>
        <translation>Tjänstefilen %1 är borttagen (systemctl hittades inte för att stoppa en tjänst som körs).</translation>
    </message>
    <message>
        <source>systemd refused: %1
The service file is deleted.</source>
        <translation>systemd vägrade: %1
Tjänstefilen är borttagen.</translation>
    </message>
    <message>
        <source>systemd refused: %1
Nothing is installed; the app runs the campaigns while it is open.</source>
        <translation>systemd vägrade: %1
Inget är installerat; appen kör kampanjerna medan den är öppen.</translation>
    </message>
    <message>
        <source>Automation: finishing runs under way</source>
        <translation>Automatik: avslutar pågående körningar</translation>
    </message>
</context>
<context>
    <name>TriggerRow</name>
    <message>
        <source>Choose a Vibes list…</source>
        <translation>Välj en Vibes-lista…</translation>
    </message>
    <message>
        <source>Choose a static list…</source>
        <translation>Välj en statisk lista…</translation>
    </message>
    <message>
        <source>Any campaign</source>
        <translation>Vilken kampanj som helst</translation>
    </message>
    <message>
        <source>Anyone added to the workspace, by an import or in the app</source>
        <translation>Alla som läggs till i arbetsytan, genom en import eller i appen</translation>
    </message>
    <message>
        <source>Trigger %1</source>
        <translation>Utlösare %1</translation>
    </message>
    <message>
        <source>Delete trigger %1</source>
        <translation>Ta bort utlösare %1</translation>
    </message>
    <message>
        <source>Delete this trigger</source>
        <translation>Ta bort utlösaren</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>%1 (another person with this number)</source>
        <translation>%1 (en annan person med det här numret)</translation>
    </message>
    <message>
        <source>Asked to confirm an opt-in (acquisition campaign %1)</source>
        <translation>Ombedd att bekräfta en registrering (värvningskampanj %1)</translation>
    </message>
    <message>
        <source>Blocklisted</source>
        <translation>Blockerad</translation>
    </message>
    <message>
        <source>Campaign run</source>
        <translation>Kampanjkörning</translation>
    </message>
    <message>
        <source>Changed directly in the workspace</source>
        <translation>Ändrat direkt i arbetsytan</translation>
    </message>
    <message>
        <source>Confirmed an opt-in (acquisition campaign %1)</source>
        <translation>Bekräftade en registrering (värvningskampanj %1)</translation>
    </message>
    <message>
        <source>Confirmed the opt-in to %1</source>
        <translation>Bekräftade registreringen på %1</translation>
    </message>
    <message>
        <source>Declined an opt-in (acquisition campaign %1)</source>
        <translation>Tackade nej till en registrering (värvningskampanj %1)</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodata</translation>
    </message>
    <message>
        <source>Did not confirm an opt-in in time (acquisition campaign %1)</source>
        <translation>Bekräftade inte registreringen i tid (värvningskampanj %1)</translation>
    </message>
    <message>
        <source>Erased on request</source>
        <translation>Raderad på begäran</translation>
    </message>
    <message>
        <source>Erasure request</source>
        <translation>Begäran om radering</translation>
    </message>
    <message>
        <source>Known before the consent log</source>
        <translation>Känt före samtyckesloggen</translation>
    </message>
    <message>
        <source>Learned %1</source>
        <translation>Registrerat i arbetsytan %1</translation>
    </message>
    <message>
        <source>Marketing resumed</source>
        <translation>Marknadsföring återupptagen</translation>
    </message>
    <message>
        <source>Marketing suspended</source>
        <translation>Marknadsföring pausad</translation>
    </message>
    <message>
        <source>No longer blocklisted</source>
        <translation>Inte längre blockerad</translation>
    </message>
    <message>
        <source>No longer unsubscribed</source>
        <translation>Inte längre avregistrerad</translation>
    </message>
    <message>
        <source>Opted in to %1</source>
        <translation>Registrerade sig på %1</translation>
    </message>
    <message>
        <source>Opted out of %1</source>
        <translation>Avregistrerade sig från %1</translation>
    </message>
    <message>
        <source>People import</source>
        <translation>Import av personer</translation>
    </message>
    <message>
        <source>STOP</source>
        <translation>STOP</translation>
    </message>
    <message>
        <source>Text from the person</source>
        <translation>Sms från personen</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Avregistrerad</translation>
    </message>
    <message>
        <source>Vibes callback</source>
        <translation>Återanrop från Vibes</translation>
    </message>
    <message>
        <source>Vibes emulator</source>
        <translation>Vibes-emulatorn</translation>
    </message>
    <message>
        <source>Vibes extract</source>
        <translation>Vibes-extrakt</translation>
    </message>
    <message>
        <source>a person with this number was erased</source>
        <translation>en person med det här numret raderades</translation>
    </message>
    <message>
        <source>no longer in the subscriber extract</source>
        <translation>finns inte längre i prenumerantextraktet</translation>
    </message>
    <message>
        <source>unsubscribed through the Vibes API</source>
        <translation>avregistrerad via Vibes API</translation>
    </message>
</context>
<context>
    <name>TestSendDialog</name>
    <message>
        <source>%1 segments</source>
        <translation>%1 segment</translation>
    </message>
    <message>
        <source>%1 · message “%2” · Vibes list %3 · %4, %5</source>
        <translation>%1 · meddelande ”%2” · Vibes-lista %3 · %4, %5</translation>
    </message>
    <message>
        <source>%1: failed: %2</source>
        <translation>%1: misslyckades: %2</translation>
    </message>
    <message>
        <source>%1: may have reached Vibes: %2</source>
        <translation>%1: kan ha nått Vibes: %2</translation>
    </message>
    <message>
        <source>%1: not sent: %2</source>
        <translation>%1: inte skickat: %2</translation>
    </message>
    <message>
        <source>%1: sent to Vibes</source>
        <translation>%1: skickat till Vibes</translation>
    </message>
    <message>
        <source>1 segment</source>
        <translation>1 segment</translation>
    </message>
    <message>
        <source>Choice %1</source>
        <translation>Val %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Enter at least one test number, with + and the country code.</source>
        <translation>Ange minst ett testnummer, med + och landsnummer.</translation>
    </message>
    <message>
        <source>Find a person by name, e-mail or number</source>
        <translation>Sök en person på namn, e-post eller nummer</translation>
    </message>
    <message>
        <source>Find a person to render the text for</source>
        <translation>Sök personen som texten ska skrivas för</translation>
    </message>
    <message>
        <source>Keep these as the workspace&apos;s test numbers</source>
        <translation>Spara dem som arbetsytans testnummer</translation>
    </message>
    <message>
        <source>Render for person</source>
        <translation>Texten för person</translation>
    </message>
    <message>
        <source>Send a test of step %1</source>
        <translation>Skicka ett test av steg %1</translation>
    </message>
    <message>
        <source>Send test</source>
        <translation>Skicka test</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Skickar…</translation>
    </message>
    <message>
        <source>Sent to %1 of %2 numbers.</source>
        <translation>Skickat till %1 av %2 nummer.</translation>
    </message>
    <message>
        <source>Someone with no data (the Default, token defaults)</source>
        <translation>Någon utan uppgifter (Standard, fältens standardvärden)</translation>
    </message>
    <message>
        <source>Test numbers</source>
        <translation>Testnummer</translation>
    </message>
    <message>
        <source>Text for</source>
        <translation>Text för</translation>
    </message>
    <message>
        <source>Texts this step&apos;s message, as the chosen person would get it, to your test numbers. A test is not part of any run: it is not counted in results or frequency limits.</source>
        <translation>Skickar stegets meddelande, så som den valda personen skulle få det, till dina testnummer. Ett test ingår inte i någon körning: det räknas inte i resultat eller frekvensgränser.</translation>
    </message>
    <message>
        <source>The test was not sent: %1</source>
        <translation>Testet skickades inte: %1</translation>
    </message>
    <message>
        <source>The text as sent</source>
        <translation>Texten så som den skickas</translation>
    </message>
    <message>
        <source>The workspace could not be read: %1</source>
        <translation>Arbetsytan kunde inte läsas: %1</translation>
    </message>
    <message>
        <source>What became of each number</source>
        <translation>Hur det gick för varje nummer</translation>
    </message>
    <message>
        <source>Your own phones: numbers with + and the country code, separated by commas.</source>
        <translation>Era egna telefoner: nummer med + och landsnummer, åtskilda med kommatecken.</translation>
    </message>
    <message>
        <source>e.g. +12135550100, +46701234567</source>
        <translation>t.ex. +12135550100, +46701234567</translation>
    </message>
    <message>
        <source>%1 is not a number with + and the country code, such as +12135550100.</source>
        <translation>%1 är inte ett nummer med + och landsnummer, som +12135550100.</translation>
    </message>
    <message>
        <source>At most %1 test numbers: a test goes to your own phones, not to a list.</source>
        <translation>Högst %1 testnummer: ett test går till era egna telefoner, inte till en lista.</translation>
    </message>
    <message>
        <source>%1 is not a valid phone number.</source>
        <translation>%1 är inte ett giltigt telefonnummer.</translation>
    </message>
    <message>
        <source>That person is no longer in this workspace: choose another.</source>
        <translation>Den personen finns inte längre i arbetsytan: välj en annan.</translation>
    </message>
    <message>
        <source>Step %1 is no longer in the flow.</source>
        <translation>Steg %1 finns inte längre i flödet.</translation>
    </message>
    <message>
        <source>Step %1 is a %2 step, which sends no text: choose a Send SMS step.</source>
        <translation>Steg %1 är ett steg av typen %2, som inte skickar något sms: välj ett steg av typen Skicka SMS-meddelande.</translation>
    </message>
    <message>
        <source>Step %1 is not complete: fix what the Flow tab marks on it first.</source>
        <translation>Steg %1 är inte färdigt: rätta först det som fliken Flöde markerar på det.</translation>
    </message>
    <message>
        <source>%1 takes choice %2 of this step, which is Do Nothing: there is no text to test. Choose another person.</source>
        <translation>%1 får val %2 i det här steget, som är Gör ingenting: det finns inget sms att testa. Välj en annan person.</translation>
    </message>
    <message>
        <source>%1 of this step has no SMS message: choose one on the Flow tab.</source>
        <translation>%1 i det här steget har inget SMS-meddelande: välj ett på fliken Flöde.</translation>
    </message>
    <message>
        <source>There is no SMS message called “%1” any more: choose another.</source>
        <translation>Det finns inte längre något SMS-meddelande som heter ”%1”: välj ett annat.</translation>
    </message>
    <message>
        <source>For this person the text has %1 characters; at most %2 can be sent.</source>
        <translation>För den här personen har sms:et %1 tecken; högst %2 kan skickas.</translation>
    </message>
    <message>
        <source>Texts go from your company&apos;s short code, which is not set: enter it in Vibes Settings.</source>
        <translation>Sms skickas från företagets kortnummer, som inte är angivet: ange det i Vibes-inställningarna.</translation>
    </message>
    <message>
        <source>Vibes refused: %1</source>
        <translation>Vibes avvisade: %1</translation>
    </message>
    <message>
        <source>it said STOP (%1); STOP means stop, so it gets no test either</source>
        <translation>det svarade STOP (%1); STOP betyder stopp, så det får inget test heller</translation>
    </message>
    <message>
        <source>it belongs to someone blocklisted here, so it gets no texts, tests included</source>
        <translation>det tillhör någon som är blockerad här, så det får inga sms, inte heller test</translation>
    </message>
    <message>
        <source>it belongs to someone unsubscribed here, so it gets no texts, tests included</source>
        <translation>det tillhör någon som är avregistrerad här, så det får inga sms, inte heller test</translation>
    </message>
    <message>
        <source>%1 is not a member of Vibes list %2 as far as this workspace knows; Vibes texts only the list&apos;s members, so the test may not arrive.</source>
        <translation>%1 är inte med i Vibes-listan %2 såvitt arbetsytan vet; Vibes skickar bara till listans medlemmar, så testet kanske inte kommer fram.</translation>
    </message>
</context>
<context>
    <name>ComplianceRules</name>
    <message>
        <source>not restricted by this rule</source>
        <translation>inte begränsad av den här regeln</translation>
    </message>
    <message>
        <source>no texts</source>
        <translation>inga sms</translation>
    </message>
    <message>
        <source>No window</source>
        <translation>Inget fönster</translation>
    </message>
    <message>
        <source>Every day %1</source>
        <translation>Varje dag %1</translation>
    </message>
    <message>
        <source>No sending window: this rule does not restrict the time of day.</source>
        <translation>Inget sändningsfönster: den här regeln begränsar inte tiden på dygnet.</translation>
    </message>
    <message>
        <source>Every day: %1</source>
        <translation>Varje dag: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln texts</source>
        <translation>
            <numerusform>%Ln sms</numerusform>
            <numerusform>%Ln sms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln days</source>
        <translation>
            <numerusform>%Ln dag</numerusform>
            <numerusform>%Ln dagar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hours</source>
        <translation>
            <numerusform>%Ln timme</numerusform>
            <numerusform>%Ln timmar</numerusform>
        </translation>
    </message>
    <message>
        <source>all campaigns</source>
        <translation>alla kampanjer</translation>
    </message>
    <message>
        <source>each campaign on its own</source>
        <translation>varje kampanj för sig</translation>
    </message>
    <message>
        <source>%1 per %2, %3</source>
        <translation>%1 per %2, %3</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Ingen gräns</translation>
    </message>
    <message>
        <source>Frequency cap of the whole workspace: off. Only the rules below limit how often a number is texted; turn it on in Workspace settings.</source>
        <translation>Frekvenstak för hela arbetsytan: av. Bara reglerna nedan begränsar hur ofta ett nummer får sms; slå på det i Inställningar för arbetsytan.</translation>
    </message>
    <message>
        <source>Frequency cap of the whole workspace, for every number everywhere: %1. It applies on top of the rules below; change it in Workspace settings.</source>
        <translation>Frekvenstak för hela arbetsytan, för alla nummer överallt: %1. Det gäller utöver reglerna nedan; ändra det i Inställningar för arbetsytan.</translation>
    </message>
    <message>
        <source>%1 from this campaign</source>
        <translation>%1 från den här kampanjen</translation>
    </message>
    <message numerus="yes">
        <source>in the last %Ln hours</source>
        <translation>
            <numerusform>den senaste timmen</numerusform>
            <numerusform>de senaste %Ln timmarna</numerusform>
        </translation>
    </message>
    <message>
        <source>workspace limit</source>
        <translation>arbetsytans gräns</translation>
    </message>
    <message>
        <source>Quiet hours: until %1</source>
        <translation>Utanför tillåten sändningstid: väntar till %1</translation>
    </message>
    <message>
        <source>Quiet hours (%1): until %2</source>
        <translation>Utanför tillåten sändningstid (%1): väntar till %2</translation>
    </message>
</context>
<context>
    <name>ComplianceRulesDialog</name>
    <message>
        <source>Compliance rules</source>
        <translation>Regler för utskick</translation>
    </message>
    <message>
        <source>Sending windows (in each person&apos;s local time) and frequency limits by US state or country. Every rule says where it comes from and when that was checked: check them for yourself, they are not legal advice.</source>
        <translation>Sändningsfönster (i varje persons lokala tid) och frekvensgränser per amerikansk delstat eller land. Varje regel säger var den kommer ifrån och när det kontrollerades: kontrollera dem själv, de är inte juridisk rådgivning.</translation>
    </message>
    <message>
        <source>State or country</source>
        <translation>Delstat eller land</translation>
    </message>
    <message>
        <source>Sending window</source>
        <translation>Sändningsfönster</translation>
    </message>
    <message>
        <source>Frequency limits</source>
        <translation>Frekvensgränser</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Kontrollerad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>The chosen rule</source>
        <translation>Den valda regeln</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Lägg till…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>Ä&amp;ndra…</translation>
    </message>
    <message>
        <source>&amp;Reset to shipped rule</source>
        <translation>&amp;Återställ levererad regel</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>(Not saved yet: Save in Workspace settings keeps it.)</source>
        <translation>(Inte sparat än: Spara i Inställningar för arbetsytan behåller det.)</translation>
    </message>
    <message>
        <source>The rules could not be read: %1</source>
        <translation>Reglerna kunde inte läsas: %1</translation>
    </message>
    <message>
        <source>As shipped</source>
        <translation>Som levererad</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Ändrad</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Tillagd</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Borttagen</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Skadad</translation>
    </message>
    <message>
        <source>No rules: add one, or reset a shipped rule.</source>
        <translation>Inga regler: lägg till en, eller återställ en levererad regel.</translation>
    </message>
    <message>
        <source>This rule was damaged outside the app and is not applied: edit it, reset it or delete it.</source>
        <translation>Den här regeln skadades utanför appen och tillämpas inte: ändra den, återställ den eller ta bort den.</translation>
    </message>
    <message>
        <source>This workspace does not apply the shipped rule: Reset to shipped rule puts it back.</source>
        <translation>Den här arbetsytan tillämpar inte den levererade regeln: Återställ levererad regel lägger tillbaka den.</translation>
    </message>
    <message>
        <source>The shipped rule</source>
        <translation>Den levererade regeln</translation>
    </message>
    <message>
        <source>The shipped rule, which this one differs from</source>
        <translation>Den levererade regeln, som den här skiljer sig från</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Reset to shipped rule</source>
        <translation>Återställ levererad regel</translation>
    </message>
    <message>
        <source>Put the shipped rule for %1 back? The changes made to it in this workspace are lost.</source>
        <translation>Lägga tillbaka den levererade regeln för %1? Ändringarna som gjorts i den här arbetsytan går förlorade.</translation>
    </message>
    <message>
        <source>The rule could not be reset: %1</source>
        <translation>Regeln kunde inte återställas: %1</translation>
    </message>
    <message>
        <source>Reset to shipped rule puts it back.</source>
        <translation>Återställ levererad regel lägger tillbaka den.</translation>
    </message>
    <message>
        <source>It cannot be put back.</source>
        <translation>Den går inte att få tillbaka.</translation>
    </message>
    <message>
        <source>Delete the rule for %1? Texts there are no longer held to its window and limits.</source>
        <translation>Ta bort regeln för %1? Sms dit håller sig då inte längre till dess fönster och gränser.</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>Ta bort regel</translation>
    </message>
    <message>
        <source>The rule could not be deleted: %1</source>
        <translation>Regeln kunde inte tas bort: %1</translation>
    </message>
</context>
<context>
    <name>RuleFormDialog</name>
    <message>
        <source>Add a compliance rule</source>
        <translation>Lägg till en regel för utskick</translation>
    </message>
    <message>
        <source>Compliance rule: %1</source>
        <translation>Regel för utskick: %1</translation>
    </message>
    <message>
        <source>A US state or a country: Florida, US-FL, SE</source>
        <translation>En amerikansk delstat eller ett land: Florida, US-FL, SE</translation>
    </message>
    <message>
        <source>The same window every day</source>
        <translation>Samma fönster varje dag</translation>
    </message>
    <message>
        <source>In each person&apos;s local time. Not restricted: this rule says nothing about that day.</source>
        <translation>I varje persons lokala tid. Inte begränsad: den här regeln säger inget om den dagen.</translation>
    </message>
    <message>
        <source>No limit: this rule does not limit how often a number is texted.</source>
        <translation>Ingen gräns: den här regeln begränsar inte hur ofta ett nummer får sms.</translation>
    </message>
    <message>
        <source>Add a limit</source>
        <translation>Lägg till en gräns</translation>
    </message>
    <message>
        <source>Where the rule comes from: a URL or a citation</source>
        <translation>Var regeln kommer ifrån: en URL eller en källhänvisning</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <source>Set the checked date to today</source>
        <translation>Sätt kontrolldatumet till i dag</translation>
    </message>
    <message>
        <source>&amp;State or country</source>
        <translation>&amp;Delstat eller land</translation>
    </message>
    <message>
        <source>&amp;Name shown</source>
        <translation>&amp;Namn som visas</translation>
    </message>
    <message>
        <source>Sending &amp;window</source>
        <translation>Sändnings&amp;fönster</translation>
    </message>
    <message>
        <source>Frequency &amp;limits</source>
        <translation>Frekvens&amp;gränser</translation>
    </message>
    <message>
        <source>S&amp;ource</source>
        <translation>&amp;Källa</translation>
    </message>
    <message>
        <source>&amp;Checked on</source>
        <translation>K&amp;ontrollerad den</translation>
    </message>
    <message>
        <source>No&amp;te</source>
        <translation>&amp;Anteckning</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>The state&apos;s or country&apos;s name</source>
        <translation>Delstatens eller landets namn</translation>
    </message>
    <message>
        <source>Choose a US state or type a country&apos;s code (such as SE).</source>
        <translation>Välj en amerikansk delstat eller skriv ett lands kod (till exempel SE).</translation>
    </message>
    <message>
        <source>“%1” is not a US state, a Canadian province or a country code (such as US-FL or SE).</source>
        <translation>”%1” är inte en amerikansk delstat, en kanadensisk provins eller en landskod (till exempel US-FL eller SE).</translation>
    </message>
    <message>
        <source>There is already a rule for %1: change that one instead.</source>
        <translation>Det finns redan en regel för %1: ändra den i stället.</translation>
    </message>
    <message>
        <source>Give the rule a sending window or a limit (a rule with neither does nothing).</source>
        <translation>Ge regeln ett sändningsfönster eller en gräns (en regel utan något av dem gör ingenting).</translation>
    </message>
    <message>
        <source>Say where the rule comes from: a URL or a citation.</source>
        <translation>Ange var regeln kommer ifrån: en URL eller en källhänvisning.</translation>
    </message>
    <message>
        <source>The rule could not be saved: %1</source>
        <translation>Regeln kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Texts allowed</source>
        <translation>Sms tillåtna</translation>
    </message>
    <message>
        <source>No texts</source>
        <translation>Inga sms</translation>
    </message>
    <message>
        <source>Not restricted</source>
        <translation>Inte begränsad</translation>
    </message>
    <message>
        <source>to</source>
        <translation>till</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Varje dag</translation>
    </message>
    <message>
        <source>%1: texts</source>
        <translation>%1: sms</translation>
    </message>
    <message>
        <source>%1: from</source>
        <translation>%1: från</translation>
    </message>
    <message>
        <source>%1: until</source>
        <translation>%1: till</translation>
    </message>
    <message>
        <source>%1: the window must start before it ends (choose No texts for a day without texts).</source>
        <translation>%1: fönstret måste börja innan det slutar (välj Inga sms för en dag utan sms).</translation>
    </message>
    <message>
        <source>%1: write the times as HH:MM on the 24-hour clock, such as 08:00 and 20:00.</source>
        <translation>%1: skriv tiderna som TT:MM med 24-timmarsklocka, till exempel 08:00 och 20:00.</translation>
    </message>
    <message>
        <source>The rule</source>
        <translation>Regeln</translation>
    </message>
</context>
<context>
    <name>LimitRow</name>
    <message>
        <source>texts per</source>
        <translation>sms per</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>timmar</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dagar</translation>
    </message>
    <message>
        <source>all campaigns</source>
        <translation>alla kampanjer</translation>
    </message>
    <message>
        <source>each campaign on its own</source>
        <translation>varje kampanj för sig</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Limit %1: at most this many texts</source>
        <translation>Gräns %1: högst så här många sms</translation>
    </message>
    <message>
        <source>Limit %1: per this many hours or days</source>
        <translation>Gräns %1: per så här många timmar eller dagar</translation>
    </message>
    <message>
        <source>Limit %1: hours or days</source>
        <translation>Gräns %1: timmar eller dagar</translation>
    </message>
    <message>
        <source>Limit %1: which texts count</source>
        <translation>Gräns %1: vilka sms som räknas</translation>
    </message>
    <message>
        <source>Remove limit %1</source>
        <translation>Ta bort gräns %1</translation>
    </message>
    <message>
        <source>Limit %1: the number of texts must be from 1 to %2.</source>
        <translation>Gräns %1: antalet sms måste vara från 1 till %2.</translation>
    </message>
    <message>
        <source>Limit %1: the period must be from 1 hour to 31 days.</source>
        <translation>Gräns %1: perioden måste vara från 1 timme till 31 dagar.</translation>
    </message>
</context>
<context>
    <name>CampaignDiff</name>
    <message>
        <source>day</source>
        <translation>dag</translation>
    </message>
    <message>
        <source>week</source>
        <translation>vecka</translation>
    </message>
    <message>
        <source>month</source>
        <translation>månad</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dagar</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>veckor</translation>
    </message>
    <message>
        <source>months</source>
        <translation>månader</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(inget)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>”%1”</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation>%1 %2 %3</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1 ”%2”</translation>
    </message>
    <message>
        <source>of campaign “%1”</source>
        <translation>från kampanjen ”%1”</translation>
    </message>
    <message>
        <source>Do Nothing</source>
        <translation>Gör ingenting</translation>
    </message>
    <message>
        <source>if %1, then %2</source>
        <translation>om %1, så %2</translation>
    </message>
    <message>
        <source>Renamed from “%1” to “%2”</source>
        <translation>Namnet ändrades från ”%1” till ”%2”</translation>
    </message>
    <message>
        <source>Description changed from %1 to %2</source>
        <translation>Beskrivningen ändrades från %1 till %2</translation>
    </message>
    <message>
        <source>Smart list filter %1 changed from %2 to %3</source>
        <translation>Den smarta listans filter %1 ändrades från %2 till %3</translation>
    </message>
    <message>
        <source>Smart list filter %1 added: %2</source>
        <translation>Den smarta listans filter %1 lades till: %2</translation>
    </message>
    <message>
        <source>Smart list filter %1 removed: %2</source>
        <translation>Den smarta listans filter %1 togs bort: %2</translation>
    </message>
    <message>
        <source>Filter logic changed from “%1” to “%2”</source>
        <translation>Filterlogiken ändrades från ”%1” till ”%2”</translation>
    </message>
    <message>
        <source>Trigger removed: %1</source>
        <translation>Utlösare borttagen: %1</translation>
    </message>
    <message>
        <source>Trigger added: %1</source>
        <translation>Utlösare tillagd: %1</translation>
    </message>
    <message>
        <source>Step %1 %2</source>
        <translation>Steg %1 %2</translation>
    </message>
    <message>
        <source>%1 removed (%2)</source>
        <translation>%1 togs bort (%2)</translation>
    </message>
    <message>
        <source>%1 added (%2)</source>
        <translation>%1 lades till (%2)</translation>
    </message>
    <message>
        <source>%1 moved from step %2 to step %3</source>
        <translation>%1 flyttades från steg %2 till steg %3</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1 ändrades</translation>
    </message>
    <message>
        <source>%1: %2 changed from %3 to %4</source>
        <translation>%1: %2 ändrades från %3 till %4</translation>
    </message>
    <message>
        <source>%1: choice %2 now reads: %4 (before: %3)</source>
        <translation>%1: val %2 lyder nu: %4 (förut: %3)</translation>
    </message>
    <message>
        <source>%1: choice %2 added: %3</source>
        <translation>%1: val %2 lades till: %3</translation>
    </message>
    <message>
        <source>%1: choice %2 removed: %3</source>
        <translation>%1: val %2 togs bort: %3</translation>
    </message>
    <message>
        <source>at most once every %1 days</source>
        <translation>högst en gång var %1:e dag</translation>
    </message>
    <message>
        <source>every time</source>
        <translation>varje gång</translation>
    </message>
    <message>
        <source>once</source>
        <translation>en gång</translation>
    </message>
    <message>
        <source>does not repeat</source>
        <translation>upprepas inte</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>varje %1</translation>
    </message>
    <message>
        <source>every %1 %2</source>
        <translation>var %1:e %2</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>på %1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>kl. %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>till och med %1</translation>
    </message>
    <message>
        <source>Qualification changed from %1 to %2</source>
        <translation>Kvalificeringen ändrades från %1 till %2</translation>
    </message>
    <message>
        <source>Start changed from %1 to %2</source>
        <translation>Starten ändrades från %1 till %2</translation>
    </message>
    <message>
        <source>Repeats changed from %1 to %2</source>
        <translation>Upprepningen ändrades från %1 till %2</translation>
    </message>
    <message>
        <source>Quiet hours turned off</source>
        <translation>Tillåten sändningstid stängdes av</translation>
    </message>
    <message>
        <source>Quiet hours turned on: texts go %1–%2</source>
        <translation>Tillåten sändningstid slogs på: sms går ut %1–%2</translation>
    </message>
    <message>
        <source>Quiet hours changed: texts go %1–%2 instead of %3–%4</source>
        <translation>Tillåten sändningstid ändrades: sms går ut %1–%2 i stället för %3–%4</translation>
    </message>
</context>
<context>
    <name>CampaignHistory</name>
    <message>
        <source>Present before versions were kept</source>
        <translation>Fanns innan versioner sparades</translation>
    </message>
    <message>
        <source>Imported from a campaign file</source>
        <translation>Importerad från en kampanjfil</translation>
    </message>
    <message>
        <source>Saved as a copy</source>
        <translation>Sparad som kopia</translation>
    </message>
    <message>
        <source>A static list it names was renamed</source>
        <translation>En statisk lista som den nämner bytte namn</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>någon</translation>
    </message>
    <message>
        <source>Restored version %1</source>
        <translation>Återställde version %1</translation>
    </message>
    <message>
        <source>“%1” was renamed to “%4” and changed by %2 at %3 since you opened it.</source>
        <translation>”%1” bytte namn till ”%4” och ändrades av %2 %3 efter att du öppnade den.</translation>
    </message>
    <message>
        <source>“%1” was changed by %2 at %3 since you opened it.</source>
        <translation>”%1” ändrades av %2 %3 efter att du öppnade den.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by someone else</source>
        <translation>Ändrad av någon annan</translation>
    </message>
    <message>
        <source>Nothing was saved, so nobody&apos;s work is lost. Keep your version as a copy beside theirs, or reload theirs and drop your unsaved changes.</source>
        <translation>Inget sparades, så ingens arbete går förlorat. Behåll din version som en kopia bredvid deras, eller läs in deras och släpp dina osparade ändringar.</translation>
    </message>
    <message>
        <source>Their changes and yours</source>
        <translation>Deras ändringar och dina</translation>
    </message>
    <message>
        <source>Changed by %1 since you opened it:</source>
        <translation>Ändrat av %1 efter att du öppnade den:</translation>
    </message>
    <message>
        <source>(nothing that changes what the campaign does)</source>
        <translation>(inget som ändrar vad kampanjen gör)</translation>
    </message>
    <message>
        <source>Your changes, not saved:</source>
        <translation>Dina ändringar, inte sparade:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(inga)</translation>
    </message>
    <message>
        <source>Show Their Changes</source>
        <translation>Visa deras ändringar</translation>
    </message>
    <message>
        <source>Hide Their Changes</source>
        <translation>Dölj deras ändringar</translation>
    </message>
    <message>
        <source>Keep Mine as a Copy</source>
        <translation>Behåll min som kopia</translation>
    </message>
    <message>
        <source>Save your version under a new name; theirs stays as it is</source>
        <translation>Spara din version under ett nytt namn; deras förblir som den är</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Läs in igen</translation>
    </message>
    <message>
        <source>Show their version; your unsaved changes are dropped</source>
        <translation>Visa deras version; dina osparade ändringar släpps</translation>
    </message>
</context>
<context>
    <name>CampaignHistoryDialog</name>
    <message>
        <source>History of “%1”</source>
        <translation>Historik för ”%1”</translation>
    </message>
    <message>
        <source>Every saved version, newest first. Select a version to see what it changed, or two (Ctrl+click) to compare them. Restoring saves the selected version again as the newest; nothing is ever overwritten.</source>
        <translation>Varje sparad version, nyaste först. Välj en version för att se vad den ändrade, eller två (Ctrl+klick) för att jämföra dem. Att återställa sparar den valda versionen igen som den nyaste; inget skrivs någonsin över.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>Sparad av</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Sparad</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Saved versions</source>
        <translation>Sparade versioner</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Ändringar</translation>
    </message>
    <message>
        <source>Restore This Version</source>
        <translation>Återställ den här versionen</translation>
    </message>
    <message>
        <source>Save the selected version again as the newest version</source>
        <translation>Spara den valda versionen igen som den nyaste versionen</translation>
    </message>
    <message>
        <source>as “%1”</source>
        <translation>som ”%1”</translation>
    </message>
    <message>
        <source>Version %1: the first saved version</source>
        <translation>Version %1: den första sparade versionen</translation>
    </message>
    <message>
        <source>What version %1 changed (since version %2)</source>
        <translation>Vad version %1 ändrade (sedan version %2)</translation>
    </message>
    <message>
        <source>From version %1 to version %2</source>
        <translation>Från version %1 till version %2</translation>
    </message>
    <message>
        <source>Select a version, or two to compare them.</source>
        <translation>Välj en version, eller två för att jämföra dem.</translation>
    </message>
    <message>
        <source>This version cannot be read: %1</source>
        <translation>Den här versionen kan inte läsas: %1</translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation>Inga ändringar.</translation>
    </message>
    <message>
        <source>An empty campaign.</source>
        <translation>En tom kampanj.</translation>
    </message>
</context>
<context>
    <name>VersionActions</name>
    <message>
        <source>Keep mine as a copy</source>
        <translation>Behåll min som kopia</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>kopia</translation>
    </message>
    <message>
        <source>Your version could not be saved as a copy: %1</source>
        <translation>Din version kunde inte sparas som kopia: %1</translation>
    </message>
    <message>
        <source>Your version was saved as “%1”; “%2” keeps their changes.</source>
        <translation>Din version sparades som ”%1”; ”%2” behåller deras ändringar.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Läs in igen</translation>
    </message>
    <message>
        <source>“%1” could not be read: %2</source>
        <translation>”%1” kunde inte läsas: %2</translation>
    </message>
    <message>
        <source>Reloaded “%1” as it is saved now (version %2).</source>
        <translation>Läste in ”%1” som den är sparad nu (version %2).</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Open a saved campaign to see its history.</source>
        <translation>Öppna en sparad kampanj för att se dess historik.</translation>
    </message>
    <message>
        <source>Restore version</source>
        <translation>Återställ version</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes in the editor. Restore version %2 and drop them?</source>
        <translation>”%1” har osparade ändringar i redigeraren. Återställa version %2 och släppa dem?</translation>
    </message>
    <message>
        <source>Version %1 could not be restored: %2</source>
        <translation>Version %1 kunde inte återställas: %2</translation>
    </message>
    <message>
        <source>Version %1 of “%2” restored as version %3.</source>
        <translation>Version %1 av ”%2” återställdes som version %3.</translation>
    </message>
</context>
<context>
    <name>OpenWorkspaceDialog</name>
    <message>
        <source>New workspace</source>
        <translation>Ny arbetsyta</translation>
    </message>
    <message>
        <source>%1 holds no workspace yet. Create a workspace in this database?</source>
        <translation>%1 har ingen arbetsyta än. Skapa en arbetsyta i den här databasen?</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 på %2</translation>
    </message>
    <message>
        <source>%1: the workspace cannot be opened</source>
        <translation>%1: arbetsytan kan inte öppnas</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Öppna arbetsyta</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Välj mapp…</translation>
    </message>
    <message>
        <source>Team database…</source>
        <translation>Teamdatabas…</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Senaste arbetsytor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>No workspace opened yet: choose a folder, or a team database on a PostgreSQL server.</source>
        <translation>Ingen arbetsyta öppnad än: välj en mapp, eller en teamdatabas på en PostgreSQL-server.</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Ta bort från listan</translation>
    </message>
    <message>
        <source>Take the workspace off this list; the workspace itself is kept</source>
        <translation>Ta bort arbetsytan från den här listan; själva arbetsytan finns kvar</translation>
    </message>
    <message>
        <source>Team database</source>
        <translation>Teamdatabas</translation>
    </message>
    <message>
        <source>A workspace your team shares on a PostgreSQL server. Whoever runs the server can tell you these details.</source>
        <translation>En arbetsyta som teamet delar på en PostgreSQL-server. Den som sköter servern kan ge dig de här uppgifterna.</translation>
    </message>
    <message>
        <source>e.g. db.example.com</source>
        <translation>t.ex. db.example.com</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>e.g. smsflow</source>
        <translation>t.ex. smsflow</translation>
    </message>
    <message>
        <source>your user name on the server</source>
        <translation>ditt användarnamn på servern</translation>
    </message>
    <message>
        <source>Remember in the keyring</source>
        <translation>Spara i nyckelringen</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Värd</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Databas</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Mapp</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>hittades inte</translation>
    </message>
    <message>
        <source>There is no workspace here any more (moved, deleted, or on a drive that is not connected).</source>
        <translation>Här finns ingen arbetsyta längre (flyttad, raderad eller på en enhet som inte är ansluten).</translation>
    </message>
    <message>
        <source>No system keyring</source>
        <translation>Ingen nyckelring i systemet</translation>
    </message>
    <message>
        <source>This machine has no system keyring to keep the password in. Give it in the environment variable PGPASSWORD or in the file ~/.pgpass before starting the app.</source>
        <translation>Den här datorn har ingen nyckelring att spara lösenordet i. Ange det i miljövariabeln PGPASSWORD eller i filen ~/.pgpass innan du startar appen.</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Valfritt</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring only, never in a file or this list. Leave it empty when PGPASSWORD, ~/.pgpass or the keyring already has it.</source>
        <translation>Lösenordet sparas bara i systemets nyckelring, aldrig i en fil eller i den här listan. Lämna det tomt om PGPASSWORD, ~/.pgpass eller nyckelringen redan har det.</translation>
    </message>
    <message>
        <source>The password then comes from PGPASSWORD, ~/.pgpass or the keyring.</source>
        <translation>Lösenordet hämtas då från PGPASSWORD, ~/.pgpass eller nyckelringen.</translation>
    </message>
    <message>
        <source>Give the server's host name.</source>
        <translation>Ange serverns värdnamn.</translation>
    </message>
    <message>
        <source>Give the database's name.</source>
        <translation>Ange databasens namn.</translation>
    </message>
    <message>
        <source>Give your user name on the server.</source>
        <translation>Ange ditt användarnamn på servern.</translation>
    </message>
    <message>
        <source>Workspace: postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>Arbetsyta: postgresql://ANVÄNDARE@VÄRD:PORT/DATABAS</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbetsyta: %1</translation>
    </message>
    <message>
        <source>Open workspace folder</source>
        <translation>Öppna arbetsytans mapp</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Öppnar %1…</translation>
    </message>
    <message>
        <source>%1 is gone (moved, deleted, or on a drive that is not connected): remove it from the list, or find it with Choose folder…</source>
        <translation>%1 finns inte längre (flyttad, raderad eller på en enhet som inte är ansluten): ta bort den från listan, eller leta upp den med Välj mapp…</translation>
    </message>
</context>
</TS>