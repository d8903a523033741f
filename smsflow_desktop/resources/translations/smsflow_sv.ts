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
</context>
<context>
    <name>EngineActions</name>
    <message>
        <source>Preview</source>
        <translation>Förhandsgranska</translation>
    </message>
    <message>
        <source>Preview is not available yet in this build.</source>
        <translation>Förhandsgranskning finns ännu inte i den här versionen.</translation>
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
        <source>Running campaigns is not available yet in this build.</source>
        <translation>Att köra kampanjer går ännu inte i den här versionen.</translation>
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
        <source>Sync Vibes lists</source>
        <translation>Synkronisera Vibes-listor</translation>
    </message>
    <message>
        <source>Syncing with Vibes is not available in this build.</source>
        <translation>Synkronisering med Vibes finns inte i den här versionen.</translation>
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
</context>
<context>
    <name>FilterRow</name>
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
        <translation>t.ex. 1 and (2 or 3)</translation>
    </message>
    <message>
        <source>Combine filter numbers with and, or, not and parentheses.</source>
        <translation>Kombinera filternummer med and, or, not och parenteser.</translation>
    </message>
    <message>
        <source>(character %1)</source>
        <translation>(tecken %1)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
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
        <source>Open another workspace folder</source>
        <translation>Öppna en annan arbetsytemapp</translation>
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
</context>
<context>
    <name>MessageEditor</name>
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
        <source>Tell people how to opt out, e.g. “Reply STOP to opt out”.</source>
        <translation>Berätta hur man avregistrerar sig, t.ex. ”Svara STOP för att avsluta”.</translation>
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
        <source>Your brand, e.g. Acme</source>
        <translation>Ditt varumärke, t.ex. Acme</translation>
    </message>
    <message>
        <source>Used to check that each message names the sender.</source>
        <translation>Används för att kontrollera att varje meddelande nämner avsändaren.</translation>
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
        <source>Default when empty, e.g. there</source>
        <translation>Standard när fältet är tomt, t.ex. där</translation>
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
</context>
<context>
    <name>Navigator</name>
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
        <translation>Synkronisera Vibes-listor</translation>
    </message>
    <message>
        <source>Sync subscription lists and acquisition campaigns from Vibes</source>
        <translation>Synkronisera prenumerationslistor och värvningskampanjer från Vibes</translation>
    </message>
    <message>
        <source>Marketing Activities</source>
        <translation>Marknadsföringsaktiviteter</translation>
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
        <source>%1 of them have a valid mobile number</source>
        <translation>%1 av dem har ett giltigt mobilnummer</translation>
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
        <source>Message as the recipient sees it</source>
        <translation>Meddelandet som mottagaren ser det</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Preview — nobody is texted</source>
        <translation>Förhandsgranskning – inget skickas</translation>
    </message>
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
        <source>Choice %1</source>
        <translation>Val %1</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>In the smart list</source>
        <translation>I den smarta listan</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Mottagare</translation>
    </message>
    <message>
        <source>%1 of the recipients are outside quiet hours now; their texts wait for the window to open.</source>
        <translation>%1 av mottagarna är utanför tillåten sändningstid just nu; deras sms väntar tills fönstret öppnar.</translation>
    </message>
    <message>
        <source>Problems to fix before the campaign can run: %1.</source>
        <translation>Problem att åtgärda innan kampanjen kan köras: %1.</translation>
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
        <translation>Ange hur länge det ska vänta, t.ex. ”4 hours”.</translation>
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
        <translation>Använd minutes, hours, days eller weeks, t.ex. ”4 hours”.</translation>
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
        <source>“%1” is not understood; use filter numbers, and, or, not and parentheses.</source>
        <translation>”%1” förstås inte; använd filternummer, and, or, not och parenteser.</translation>
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
        <source>Finished</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Testkörning</translation>
    </message>
    <message>
        <source>Activity of type</source>
        <translation>Aktivitet av typen</translation>
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
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalj</translation>
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
        <source>1 run; its activity is below.</source>
        <translation>1 körning; dess aktivitet visas nedan.</translation>
    </message>
    <message>
        <source>%1 runs; choose one to see its activity.</source>
        <translation>%1 körningar; välj en för att se dess aktivitet.</translation>
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
        <source>Export failed</source>
        <translation>Exporten misslyckades</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Kunde inte skriva %1: %2</translation>
    </message>
</context>
<context>
    <name>RunDialog</name>
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
        <source>Stopping after the current texts…</source>
        <translation>Stoppar efter de pågående sms:en…</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 av %2 klara</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>Körning %1: %2</translation>
    </message>
    <message>
        <source>The run stopped</source>
        <translation>Körningen stoppades</translation>
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
</context>
<context>
    <name>SmartListTab</name>
    <message>
        <source>&lt;b&gt;No filters yet.&lt;/b&gt; Everyone in the workspace qualifies.&lt;br&gt;Add a filter from the list on the right: double-click it or press Enter.</source>
        <translation>&lt;b&gt;Inga filter än.&lt;/b&gt; Alla i arbetsytan kvalificerar sig.&lt;br&gt;Lägg till ett filter från listan till höger: dubbelklicka eller tryck Retur.</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Målgrupp</translation>
    </message>
    <message>
        <source>Audience count</source>
        <translation>Målgruppens storlek</translation>
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
        <source>Drag to move this step; Alt+Up and Alt+Down move it too</source>
        <translation>Dra för att flytta steget; Alt+Upp och Alt+Ned flyttar det också</translation>
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
</context>
<context>
    <name>WaitEditor</name>
    <message>
        <source>Resume only on</source>
        <translation>Fortsätt bara på</translation>
    </message>
    <message>
        <source>e.g. 4 hours, 2 days, 1 week</source>
        <translation>t.ex. 4 hours, 2 days, 1 week</translation>
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
        <translation>Öppna en kampanj under &lt;b&gt;Marknadsföringsaktiviteter&lt;/b&gt; till vänster, eller skapa en ny. En kampanj anger &lt;b&gt;vilka&lt;/b&gt; (Smart lista), &lt;b&gt;vad&lt;/b&gt; (Flöde: sms, Vibes-prenumerationer, väntan) och &lt;b&gt;när&lt;/b&gt; (Schema).</translation>
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
        <source>Run campaign</source>
        <translation>Kör kampanj</translation>
    </message>
    <message>
        <source>Run “%1” now?</source>
        <translation>Köra ”%1” nu?</translation>
    </message>
    <message>
        <source>This texts real people through Vibes.</source>
        <translation>Det här skickar sms till riktiga personer via Vibes.</translation>
    </message>
    <message>
        <source>Texts go to the embedded Vibes emulator of this workspace.</source>
        <translation>Sms:en går till arbetsytans inbyggda Vibes-emulator.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Kör</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Testkörning</translation>
    </message>
</context>
</TS>