<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>App</name>
    <message>
        <source>Opening the catalogue</source>
        <translation>Öppnar katalogen</translation>
    </message>
    <message>
        <source>TFBB Katalog is already running with the data folder %1 but does not answer. Wait a moment and try again.</source>
        <translation>TFBB Katalog körs redan med datamappen %1 men svarar inte. Vänta en stund och försök igen.</translation>
    </message>
</context>
<context>
    <name>CatalogueRefresher</name>
    <message>
        <source>The catalogue was changed outside the app and is shown as it is now.</source>
        <translation>Katalogen har ändrats utanför appen och visas nu som den är.</translation>
    </message>
    <message>
        <source>The entry no longer exists in the catalogue.</source>
        <translation>Posten finns inte längre i katalogen.</translation>
    </message>
</context>
<context>
    <name>ChangesPage</name>
    <message>
        <source>New or changed since the last update</source>
        <translation>Nytt eller ändrat sedan senaste uppdateringen</translation>
    </message>
    <message>
        <source>Nothing new that you have not opened yet.</source>
        <translation>Inget nytt som du inte redan har öppnat.</translation>
    </message>
    <message>
        <source>Removed in the last update</source>
        <translation>Borttaget vid senaste uppdateringen</translation>
    </message>
    <message>
        <source>Nothing was removed.</source>
        <translation>Ingenting togs bort.</translation>
    </message>
    <message>
        <source>Notes on removed entries</source>
        <translation>Anteckningar om borttagna poster</translation>
    </message>
    <message>
        <source>None of your notes is about a removed entry.</source>
        <translation>Ingen av dina anteckningar gäller en borttagen post.</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Error: {error}</source>
        <translation>Fel: {error}</translation>
    </message>
    <message>
        <source>Error in the machine&apos;s configuration ({path}): {error}</source>
        <translation>Fel i maskinens konfiguration ({path}): {error}</translation>
    </message>
    <message>
        <source>{file}: the catalogue already has version {version}. Nothing was changed.</source>
        <translation>{file}: katalogen har redan version {version}. Ingenting ändrades.</translation>
    </message>
    <message>
        <source>{file}: version {old} → {new}</source>
        <translation>{file}: version {old} → {new}</translation>
    </message>
    <message>
        <source>Dry run: nothing was imported.</source>
        <translation>Provkörning: ingenting importerades.</translation>
    </message>
    <message>
        <source>Give --yes to import without asking.</source>
        <translation>Ange --yes för att importera utan att fråga.</translation>
    </message>
    <message>
        <source>Import? [y/N] </source>
        <translation>Importera? [j/N] </translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Avbrutet: ingenting importerades.</translation>
    </message>
    <message>
        <source>Imported: {result}.</source>
        <translation>Importerat: {result}.</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>Datamapp: {path}</translation>
    </message>
    <message>
        <source>The catalogue is empty. Start the app or import an export file.</source>
        <translation>Katalogen är tom. Starta appen eller importera en exportfil.</translation>
    </message>
    <message>
        <source>Catalogue version: {version} (created {created}, valid until {expires})</source>
        <translation>Katalogversion: {version} (skapad {created}, giltig till {expires})</translation>
    </message>
    <message>
        <source>Publisher: {name}</source>
        <translation>Utgivare: {name}</translation>
    </message>
    <message>
        <source>Imported: {at} from {file}</source>
        <translation>Importerad: {at} från {file}</translation>
    </message>
    <message>
        <source>Backups: {count}</source>
        <translation>Säkerhetskopior: {count}</translation>
    </message>
    <message>
        <source>the publisher</source>
        <translation>utgivaren</translation>
    </message>
    <message>
        <source>The catalogue expired on {date} and may be out of date. Ask {who} for a newer export file.</source>
        <translation>Katalogen gick ut {date} och kan vara inaktuell. Be {who} om en nyare exportfil.</translation>
    </message>
    <message>
        <source>Warning: the private key is not protected by a passphrase (set {variable} or run the command in a terminal).</source>
        <translation>Varning: den privata nyckeln skyddas inte av någon lösenfras (ange {variable} eller kör kommandot i en terminal).</translation>
    </message>
    <message>
        <source>Private key: {path} (keep it secret, never check it in)</source>
        <translation>Privat nyckel: {path} (håll den hemlig, checka aldrig in den)</translation>
    </message>
    <message>
        <source>Public key: {path} (key id {key})</source>
        <translation>Publik nyckel: {path} (nyckel-id {key})</translation>
    </message>
    <message>
        <source>No export was written: at most {count} keys can sign an export.</source>
        <translation>Ingen export skrevs: högst {count} nycklar kan signera en export.</translation>
    </message>
    <message>
        <source>No export was written: the key {key} is protected by a passphrase; give it in {variable} or run the command in a terminal.</source>
        <translation>Ingen export skrevs: nyckeln {key} skyddas av en lösenfras; ange den i {variable} eller kör kommandot i en terminal.</translation>
    </message>
    <message>
        <source>, same content as {file}</source>
        <translation>, samma innehåll som {file}</translation>
    </message>
    <message>
        <source>, after version {version} in {file}</source>
        <translation>, efter version {version} i {file}</translation>
    </message>
    <message>
        <source>Wrote {path} (signed): version {version}{after}</source>
        <translation>Skrev {path} (signerad): version {version}{after}</translation>
    </message>
    <message>
        <source>Wrote {path} (unsigned): version {version}{after}</source>
        <translation>Skrev {path} (osignerad): version {version}{after}</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>Skrev {path}</translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation>Lösenfras för den privata nyckeln: </translation>
    </message>
    <message>
        <source>The same passphrase again: </source>
        <translation>Samma lösenfras igen: </translation>
    </message>
    <message>
        <source>The passphrases differ: no key was written.</source>
        <translation>Lösenfraserna skiljer sig åt: ingen nyckel skrevs.</translation>
    </message>
    <message>
        <source>Passphrase for {key}: </source>
        <translation>Lösenfras för {key}: </translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Choose an entry in the list to see its details, contact persons and links.</source>
        <translation>Välj en post i listan för att se detaljer, kontaktpersoner och länkar.</translation>
    </message>
    <message>
        <source>Open the manual (F1)</source>
        <translation>Öppna handboken (F1)</translation>
    </message>
    <message>
        <source>New since the last update</source>
        <translation>Ny sedan senaste uppdateringen</translation>
    </message>
    <message>
        <source>Changed in the last update</source>
        <translation>Ändrad vid senaste uppdateringen</translation>
    </message>
    <message>
        <source>Open link: %1</source>
        <translation>Öppna länken: %1</translation>
    </message>
    <message>
        <source>The assignment ended on %1. The person may have left; check with the organisation.</source>
        <translation>Uppdraget upphörde %1. Personen kan ha slutat; kontrollera med organisationen.</translation>
    </message>
    <message>
        <source>Send e-mail</source>
        <translation>Skicka e-post</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Ring</translation>
    </message>
    <message>
        <source>Send e-mail to %1</source>
        <translation>Skicka e-post till %1</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>Ring %1</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
    <message>
        <source>Copy the e-mail address</source>
        <translation>Kopiera e-postadressen</translation>
    </message>
    <message>
        <source>Copy the phone number</source>
        <translation>Kopiera telefonnumret</translation>
    </message>
    <message>
        <source>No e-mail address</source>
        <translation>E-post saknas</translation>
    </message>
    <message>
        <source>No phone number</source>
        <translation>Telefon saknas</translation>
    </message>
    <message>
        <source>Suggest a detail</source>
        <translation>Föreslå en uppgift</translation>
    </message>
    <message>
        <source>Suggest an e-mail address</source>
        <translation>Föreslå en e-postadress</translation>
    </message>
    <message>
        <source>Suggest a phone number</source>
        <translation>Föreslå ett telefonnummer</translation>
    </message>
    <message>
        <source>★ Favourite</source>
        <translation>★ Favorit</translation>
    </message>
    <message>
        <source>☆ Add to favourites</source>
        <translation>☆ Lägg till i favoriter</translation>
    </message>
    <message>
        <source>Favourite (Ctrl+D)</source>
        <translation>Favorit (Ctrl+D)</translation>
    </message>
    <message>
        <source>My note (only on this computer)</source>
        <translation>Min anteckning (bara på den här datorn)</translation>
    </message>
    <message>
        <source>My note</source>
        <translation>Min anteckning</translation>
    </message>
    <message>
        <source>Write a private note about this entry …</source>
        <translation>Skriv en egen anteckning om posten …</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Spara anteckningen</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Sparad</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Inte sparad: %1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Inte sparad</translation>
    </message>
    <message>
        <source>Implementation of the model</source>
        <translation>Införandet av modellen</translation>
    </message>
    <message>
        <source>No status is recorded.</source>
        <translation>Ingen status är registrerad.</translation>
    </message>
    <message>
        <source>No status</source>
        <translation>Ingen status</translation>
    </message>
</context>
<context>
    <name>EntryActions</name>
    <message>
        <source>Open a contact person first.</source>
        <translation>Öppna en kontaktperson först.</translation>
    </message>
    <message>
        <source>Copied the details of %1.</source>
        <translation>Kontaktuppgifterna för %1 är kopierade.</translation>
    </message>
    <message>
        <source>tfbb-contact-persons</source>
        <translation>tfbb-kontaktpersoner</translation>
    </message>
    <message>
        <source>-contact-persons</source>
        <translation>-kontaktpersoner</translation>
    </message>
    <message>
        <source>Choose a folder for the vCard files</source>
        <translation>Välj en mapp för vCard-filerna</translation>
    </message>
    <message>
        <source>Export contacts as vCard</source>
        <translation>Exportera kontaktpersoner som vCard</translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation>vCard-filer (*.vcf)</translation>
    </message>
    <message>
        <source>Export contacts as CSV</source>
        <translation>Exportera kontaktpersoner som CSV</translation>
    </message>
    <message>
        <source>CSV files for Excel (*.csv)</source>
        <translation>CSV-filer för Excel (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n contact person(s) to %1.</source>
        <translation>
            <numerusform>%n kontaktperson är exporterad till %1.</numerusform>
            <numerusform>%n kontaktpersoner är exporterade till %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting contacts</source>
        <translation>Exporterar kontaktpersoner</translation>
    </message>
    <message>
        <source>Show the contact persons, or open a principal, to export contacts.</source>
        <translation>Visa kontaktpersonerna, eller öppna en huvudman, för att exportera kontaktpersoner.</translation>
    </message>
    <message>
        <source>Open an event (a work item with a date) first.</source>
        <translation>Öppna en händelse (pågående arbete med datum) först.</translation>
    </message>
    <message>
        <source>Exporting to the calendar</source>
        <translation>Sparar till kalendern</translation>
    </message>
    <message>
        <source>Open an entry first, then suggest a change to it.</source>
        <translation>Öppna en post först och föreslå sedan en ändring av den.</translation>
    </message>
    <message>
        <source>E-mail address of %1: </source>
        <translation>E-postadress till %1: </translation>
    </message>
    <message>
        <source>Phone number of %1: </source>
        <translation>Telefonnummer till %1: </translation>
    </message>
</context>
<context>
    <name>EntryMenus</name>
    <message>
        <source>Actions for %1</source>
        <translation>Åtgärder för %1</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öppna</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiera</translation>
    </message>
    <message>
        <source>&amp;Remove from favourites</source>
        <translation>&amp;Ta bort ur favoriter</translation>
    </message>
    <message>
        <source>&amp;Add to favourites</source>
        <translation>&amp;Lägg till i favoriter</translation>
    </message>
    <message>
        <source>&amp;Suggest a change …</source>
        <translation>&amp;Föreslå ändring …</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Kopierat: %1</translation>
    </message>
</context>
<context>
    <name>EntryTableModel</name>
    <message>
        <source>Favourite and note</source>
        <translation>Favorit och anteckning</translation>
    </message>
    <message>
        <source>favourite</source>
        <translation>favorit</translation>
    </message>
    <message>
        <source>note</source>
        <translation>anteckning</translation>
    </message>
    <message>
        <source>No longer in the catalogue</source>
        <translation>Finns inte längre i katalogen</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <source>link: %1</source>
        <translation>länk: %1</translation>
    </message>
    <message>
        <source>past</source>
        <translation>har varit</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Upcoming events</source>
        <translation>Kommande händelser</translation>
    </message>
    <message>
        <source>Show earlier</source>
        <translation>Visa tidigare</translation>
    </message>
    <message>
        <source>Show earlier events too</source>
        <translation>Visa tidigare händelser också</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Händelser</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>Add to calendar …</source>
        <translation>Lägg till i kalender …</translation>
    </message>
    <message>
        <source>Save the chosen event as a calendar file (.ics) that Outlook and other calendars open.</source>
        <translation>Spara den valda händelsen som en kalenderfil (.ics) som går att öppna i Outlook och andra kalendrar.</translation>
    </message>
    <message numerus="yes">
        <source>All %n event(s), past ones included.</source>
        <translation>
            <numerusform>%n händelse, även tidigare.</numerusform>
            <numerusform>Alla %n händelser, även tidigare.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upcoming event(s) from today on.</source>
        <translation>
            <numerusform>%n kommande händelse från och med i dag.</numerusform>
            <numerusform>%n kommande händelser från och med i dag.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No upcoming events. Tick “Show earlier” to see the %n past event(s).</source>
        <translation>
            <numerusform>Inga kommande händelser. Kryssa i ”Visa tidigare” för att se %n tidigare händelse.</numerusform>
            <numerusform>Inga kommande händelser. Kryssa i ”Visa tidigare” för att se %n tidigare händelser.</numerusform>
        </translation>
    </message>
    <message>
        <source>The catalogue has no dated events.</source>
        <translation>Katalogen har inga händelser med datum.</translation>
    </message>
    <message>
        <source>Add to calendar</source>
        <translation>Lägg till i kalender</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Kalenderfiler (*.ics)</translation>
    </message>
    <message>
        <source>Saved %1. Open the file to add the event to your calendar.</source>
        <translation>%1 är sparad. Öppna filen för att lägga till händelsen i din kalender.</translation>
    </message>
    <message>
        <source>Exporting to the calendar</source>
        <translation>Sparar till kalendern</translation>
    </message>
</context>
<context>
    <name>FavouritesPage</name>
    <message>
        <source>My favourites</source>
        <translation>Mina favoriter</translation>
    </message>
    <message>
        <source>No favourites yet. Open an entry and press Ctrl+D or the star to keep it here.</source>
        <translation>Inga favoriter ännu. Öppna en post och tryck Ctrl+D eller på stjärnan för att spara den här.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Someone has left</source>
        <translation>Någon har slutat</translation>
    </message>
    <message>
        <source>A new contact person</source>
        <translation>Ny kontaktperson</translation>
    </message>
    <message>
        <source>An example that did not work</source>
        <translation>Ett exempel som inte fungerade</translation>
    </message>
    <message>
        <source>Something to remove</source>
        <translation>Något som bör tas bort</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Annat</translation>
    </message>
    <message>
        <source>Choose what the suggestion is about.</source>
        <translation>Välj vad förslaget gäller.</translation>
    </message>
    <message>
        <source>Write what is wrong or missing.</source>
        <translation>Skriv vad som är fel eller saknas.</translation>
    </message>
    <message>
        <source>The text is too long (at most 5,000 characters).</source>
        <translation>Texten är för lång (högst 5 000 tecken).</translation>
    </message>
    <message>
        <source>The name is too long.</source>
        <translation>Namnet är för långt.</translation>
    </message>
    <message>
        <source>The e-mail address does not look right.</source>
        <translation>E-postadressen ser inte riktig ut.</translation>
    </message>
    <message>
        <source>The text holds characters that cannot be sent.</source>
        <translation>Texten innehåller tecken som inte kan skickas.</translation>
    </message>
    <message>
        <source>Your suggestion is saved on this computer and then opened as a new e-mail to %1 in your mail program; send it from there.</source>
        <translation>Ditt förslag sparas på den här datorn och öppnas sedan som ett nytt e-postmeddelande till %1 i ditt e-postprogram; skicka det därifrån.</translation>
    </message>
    <message>
        <source>Your suggestion is saved on this computer and then written as a file to the folder %1, where the catalogue&apos;s editors read it.</source>
        <translation>Ditt förslag sparas på den här datorn och skrivs sedan som en fil till mappen %1, där katalogens redaktörer läser det.</translation>
    </message>
    <message>
        <source>Your suggestion is saved on this computer. The catalogue names no feedback address that this computer reaches: you will choose a folder for the suggestion&apos;s file and pass the file on.</source>
        <translation>Ditt förslag sparas på den här datorn. Katalogen anger ingen adress för förslag som går att nå härifrån: välj en mapp för förslagets fil och skicka sedan filen vidare själv.</translation>
    </message>
    <message>
        <source>Your suggestion is saved and opened as a new e-mail to %1 in your e-mail program: send it from there.</source>
        <translation>Ditt förslag är sparat och öppnat som ett nytt e-postmeddelande till %1 i ditt e-postprogram: skicka det därifrån.</translation>
    </message>
    <message>
        <source>Choose a folder for suggestions</source>
        <translation>Välj en mapp för förslag</translation>
    </message>
    <message>
        <source>Your suggestion is saved but not sent. Send it from “My suggestions”.</source>
        <translation>Ditt förslag är sparat men inte skickat. Skicka det från ”Mina förslag”.</translation>
    </message>
    <message>
        <source>Your suggestion is written to the folder %1 as the file %2.</source>
        <translation>Ditt förslag är skrivet till mappen %1 som filen %2.</translation>
    </message>
    <message>
        <source>The suggestion is saved on this computer but could not be written to %1:
%2</source>
        <translation>Förslaget är sparat på den här datorn men kunde inte skrivas till %1:
%2</translation>
    </message>
    <message>
        <source>Sending the suggestion</source>
        <translation>Skickar förslaget</translation>
    </message>
    <message>
        <source>in your e-mail program, to %1</source>
        <translation>i ditt e-postprogram, till %1</translation>
    </message>
    <message>
        <source>in the folder %1</source>
        <translation>i mappen %1</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Inte skickat</translation>
    </message>
    <message>
        <source>Opened as e-mail %1</source>
        <translation>Öppnat som e-post %1</translation>
    </message>
    <message>
        <source>Saved as file %1</source>
        <translation>Sparat som fil %1</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Suggest a change</source>
        <translation>Föreslå ändring</translation>
    </message>
    <message>
        <source>Suggest a change to: %1 (%2)</source>
        <translation>Föreslå ändring av: %1 (%2)</translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation>Vad gäller det?</translation>
    </message>
    <message>
        <source>What is wrong or missing? For a new contact person: name, title and how to reach them.</source>
        <translation>Vad är fel eller saknas? För en ny kontaktperson: namn, titel och hur personen nås.</translation>
    </message>
    <message>
        <source>Your suggestion</source>
        <translation>Ditt förslag</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>frivilligt</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ditt namn</translation>
    </message>
    <message>
        <source>optional, if the editors may answer you</source>
        <translation>frivilligt, om redaktörerna får svara dig</translation>
    </message>
    <message>
        <source>Your e-mail</source>
        <translation>Din e-postadress</translation>
    </message>
    <message>
        <source>Save and send</source>
        <translation>Spara och skicka</translation>
    </message>
    <message>
        <source>Save, send later</source>
        <translation>Spara, skicka senare</translation>
    </message>
    <message>
        <source>Throw away the suggestion you have written?</source>
        <translation>Kasta förslaget du har skrivit?</translation>
    </message>
    <message>
        <source>Throw away</source>
        <translation>Kasta</translation>
    </message>
    <message>
        <source>Keep writing</source>
        <translation>Fortsätt skriva</translation>
    </message>
    <message>
        <source>Your suggestion is saved. Send it from “My suggestions”.</source>
        <translation>Ditt förslag är sparat. Skicka det från ”Mina förslag”.</translation>
    </message>
</context>
<context>
    <name>ImportCounts</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n ny</numerusform>
            <numerusform>%n nya</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n ändrad</numerusform>
            <numerusform>%n ändrade</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n borttagen</numerusform>
            <numerusform>%n borttagna</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>(empty)</source>
        <translation>(tomt)</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ändring</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Ny</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Ändrad</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Borttagen</translation>
    </message>
    <message>
        <source>Import export file</source>
        <translation>Importera exportfil</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Förlopp</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Ändringar</translation>
    </message>
    <message>
        <source>What changed in the chosen entry</source>
        <translation>Vad som ändrades i den valda posten</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importera</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Återställ</translation>
    </message>
    <message>
        <source>Restore the catalogue as it was before this import</source>
        <translation>Återställ katalogen som den var före den här importen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
    <message>
        <source>Checking %1 …</source>
        <translation>Kontrollerar %1 …</translation>
    </message>
    <message>
        <source>Checking the export file</source>
        <translation>Kontrollerar exportfilen</translation>
    </message>
    <message>
        <source>The catalogue already has version %1. Nothing was changed.</source>
        <translation>Katalogen har redan version %1. Ingenting ändrades.</translation>
    </message>
    <message>
        <source>%1: version %2 → %3, published by %4 on %5.
%6. Import?</source>
        <translation>%1: version %2 → %3, utgiven av %4 den %5.
%6. Vill du importera?</translation>
    </message>
    <message>
        <source>Choose a changed entry to see what changed in it.</source>
        <translation>Välj en ändrad post för att se vad som ändrades i den.</translation>
    </message>
    <message>
        <source>%1 is new in the catalogue.</source>
        <translation>%1 är ny i katalogen.</translation>
    </message>
    <message>
        <source>%1 is removed from the catalogue.</source>
        <translation>%1 tas bort ur katalogen.</translation>
    </message>
    <message>
        <source>%1: only the order or the form of its details changed.</source>
        <translation>%1: bara ordningen eller formen på uppgifterna har ändrats.</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importerar</translation>
    </message>
    <message>
        <source>The catalogue is updated to version %1.</source>
        <translation>Katalogen är uppdaterad till version %1.</translation>
    </message>
    <message>
        <source>Version %1 of %2 is imported from %3 (it was version %4).</source>
        <translation>Version %1 från %2 är importerad från %3 (det var version %4).</translation>
    </message>
    <message>
        <source>What changed:</source>
        <translation>Det här ändrades:</translation>
    </message>
    <message>
        <source>Nothing in the entries, only the catalogue&apos;s details.</source>
        <translation>Inget i posterna, bara katalogens egna uppgifter.</translation>
    </message>
    <message>
        <source>Your favourites, notes and suggestions are kept. If the new catalogue is not right, “Restore” (here, or File → Undo last import) brings back the catalogue as it was before.</source>
        <translation>Dina favoriter, anteckningar och förslag finns kvar. Om den nya katalogen inte stämmer tar ”Återställ” (här, eller Arkiv → Ångra senaste import) tillbaka katalogen som den var innan.</translation>
    </message>
    <message>
        <source>The file was not imported. Nothing was changed.</source>
        <translation>Filen importerades inte. Ingenting ändrades.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>Avbryter …</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Entry</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Hanterad</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Ny</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Inbox</source>
        <translation>Inkorg</translation>
    </message>
    <message>
        <source>Inbox: the users&apos; suggestions</source>
        <translation>Inkorg: användarnas förslag</translation>
    </message>
    <message>
        <source>Choose folder …</source>
        <translation>Välj mapp …</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Förslag</translation>
    </message>
    <message>
        <source>Open entry</source>
        <translation>Öppna posten</translation>
    </message>
    <message>
        <source>Mark as handled</source>
        <translation>Markera som hanterad</translation>
    </message>
    <message>
        <source>Choose the feedback folder</source>
        <translation>Välj mappen med förslag</translation>
    </message>
    <message>
        <source>No feedback folder is known: the catalogue names none that this computer reaches. Choose the folder.</source>
        <translation>Ingen mapp för förslag är känd: katalogen anger ingen som den här datorn når. Välj mappen.</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>Läser %1 …</translation>
    </message>
    <message>
        <source>Reading the suggestions</source>
        <translation>Läser förslagen</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) in %1; not yet handled: %2.</source>
        <translation>
            <numerusform>%n förslag i %1; ännu inte hanterade: %2.</numerusform>
            <numerusform>%n förslag i %1; ännu inte hanterade: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Files that could not be read: %1</source>
        <translation>Filer som inte kunde läsas: %1</translation>
    </message>
    <message>
        <source>Mark as new</source>
        <translation>Markera som ny</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Från: %1</translation>
    </message>
    <message>
        <source>Written %1 in catalogue version %2 (file %3)</source>
        <translation>Skrivet %1 i katalogversion %2 (filen %3)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Principals</source>
        <translation>Huvudmän</translation>
    </message>
    <message>
        <source>Contact persons</source>
        <translation>Kontaktpersoner</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exempel</translation>
    </message>
    <message>
        <source>Ongoing work</source>
        <translation>Pågående arbete</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>Huvudman</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Exempel</translation>
    </message>
    <message>
        <source>Ongoing work item</source>
        <translation>Pågående arbete</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Kortnamn</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Roles in TFBB</source>
        <translation>Roller i TFBB</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Webbplats</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Assignment valid until</source>
        <translation>Uppdraget gäller till</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sammanfattning</translation>
    </message>
    <message>
        <source>Target group</source>
        <translation>Målgrupp</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Syfte</translation>
    </message>
    <message>
        <source>How it was done</source>
        <translation>Så gjorde vi</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Lessons – what did not work</source>
        <translation>Lärdomar – det som inte fungerade</translation>
    </message>
    <message>
        <source>Professional groups</source>
        <translation>Yrkesgrupper</translation>
    </message>
    <message>
        <source>Level in the model</source>
        <translation>Nivå i modellen</translation>
    </message>
    <message>
        <source>Implementation domains</source>
        <translation>Implementeringsområden</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Taggar</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Länkar</translation>
    </message>
    <message>
        <source>Model component</source>
        <translation>Modellkomponent</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Slutdatum</translation>
    </message>
    <message>
        <source>Starts at</source>
        <translation>Börjar</translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation>Slutar</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nästa steg</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>Risker</translation>
    </message>
    <message>
        <source>Model components</source>
        <translation>Modellkomponenter</translation>
    </message>
    <message>
        <source>No principal is linked.</source>
        <translation>Ingen huvudman är kopplad.</translation>
    </message>
    <message>
        <source>No contact person is registered.</source>
        <translation>Ingen kontaktperson är registrerad.</translation>
    </message>
    <message>
        <source>No example is registered yet.</source>
        <translation>Inget exempel är registrerat ännu.</translation>
    </message>
    <message>
        <source>No ongoing work is registered.</source>
        <translation>Inget pågående arbete är registrerat.</translation>
    </message>
    <message>
        <source>Implementation status</source>
        <translation>Införandestatus</translation>
    </message>
    <message>
        <source>Vocabularies</source>
        <translation>Ordlistor</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Benämning</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordning</translation>
    </message>
    <message>
        <source>Publisher&apos;s id</source>
        <translation>Utgivarens id</translation>
    </message>
    <message>
        <source>Publisher&apos;s name</source>
        <translation>Utgivarens namn</translation>
    </message>
    <message>
        <source>E-mail for suggestions</source>
        <translation>E-post för synpunkter</translation>
    </message>
    <message>
        <source>Folder for suggestions</source>
        <translation>Mapp för synpunkter</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Giltig till</translation>
    </message>
    <message>
        <source>Catalogue version %1 of %2</source>
        <translation>Katalogversion %1 från %2</translation>
    </message>
</context>
<context>
    <name>LazyPages</name>
    <message>
        <source>Overview</source>
        <translation>Helheten</translation>
    </message>
    <message>
        <source>Upcoming events</source>
        <translation>Kommande händelser</translation>
    </message>
    <message>
        <source>My suggestions</source>
        <translation>Mina förslag</translation>
    </message>
</context>
<context>
    <name>ListBar</name>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Show only entries of this type</source>
        <translation>Visa bara poster av den här typen</translation>
    </message>
    <message>
        <source>Hide finished meetings and webinars</source>
        <translation>Dölj avslutade möten och webbinarier</translation>
    </message>
    <message>
        <source>Leave out the meetings, webinars and other events of the ongoing work that are over.</source>
        <translation>Visa inte de möten, webbinarier och andra tillfällen i det pågående arbetet som redan har varit.</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alla typer</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading the catalogue …</source>
        <translation>Läser in katalogen …</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Avsnitt</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>My favourites</source>
        <translation>Mina favoriter</translation>
    </message>
    <message>
        <source>New and removed</source>
        <translation>Nytt och borttaget</translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>Bakåt (Alt+Vänsterpil)</translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation>Framåt (Alt+Högerpil)</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigering</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>Search the whole catalogue (Ctrl+F)</source>
        <translation>Sök i hela katalogen (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Import export file …</source>
        <translation>&amp;Importera exportfil …</translation>
    </message>
    <message>
        <source>&amp;Undo last import</source>
        <translation>Å&amp;ngra senaste import</translation>
    </message>
    <message>
        <source>&amp;Settings …</source>
        <translation>In&amp;ställningar …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>&amp;Print …</source>
        <translation>Skriv &amp;ut …</translation>
    </message>
    <message>
        <source>Print principal s&amp;heet …</source>
        <translation>Skriv ut huvudmannens &amp;faktablad …</translation>
    </message>
    <message>
        <source>Save principal sheet as P&amp;DF …</source>
        <translation>Spara huvudmannens faktablad som &amp;PDF …</translation>
    </message>
    <message>
        <source>Save &amp;booklet as PDF …</source>
        <translation>Spara &amp;häfte som PDF …</translation>
    </message>
    <message>
        <source>Save o&amp;verview as image …</source>
        <translation>Spara Helheten som &amp;bild …</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Bakåt</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Framåt</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gå</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>&amp;Större text</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>&amp;Mindre text</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>&amp;Normal textstorlek</translation>
    </message>
    <message>
        <source>&amp;Entry</source>
        <translation>&amp;Post</translation>
    </message>
    <message>
        <source>&amp;Favourite</source>
        <translation>&amp;Favorit</translation>
    </message>
    <message>
        <source>&amp;Copy contact details</source>
        <translation>&amp;Kopiera kontaktuppgifter</translation>
    </message>
    <message>
        <source>Export contacts as &amp;vCard …</source>
        <translation>Exportera kontaktpersoner som &amp;vCard …</translation>
    </message>
    <message>
        <source>Export contacts as vCard, &amp;one file each …</source>
        <translation>Exportera kontaktpersoner som vCard, &amp;en fil var …</translation>
    </message>
    <message>
        <source>Export contacts as C&amp;SV …</source>
        <translation>Exportera kontaktpersoner som &amp;CSV …</translation>
    </message>
    <message>
        <source>Add to c&amp;alendar …</source>
        <translation>Lägg till i ka&amp;lender …</translation>
    </message>
    <message>
        <source>Su&amp;ggest a change …</source>
        <translation>Föreslå än&amp;dring …</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>&amp;Manual</source>
        <translation>&amp;Handbok</translation>
    </message>
    <message>
        <source>&amp;Welcome page</source>
        <translation>&amp;Välkomstsida</translation>
    </message>
    <message>
        <source>&amp;About TFBB Katalog</source>
        <translation>&amp;Om TFBB Katalog</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Sökningen misslyckades: %1</translation>
    </message>
    <message>
        <source>No catalogue</source>
        <translation>Ingen katalog</translation>
    </message>
    <message>
        <source>Choose an entry in the list to see its details, contact persons and links.</source>
        <translation>Välj en post i listan för att se detaljer, kontaktpersoner och länkar.</translation>
    </message>
    <message>
        <source>The catalogue is empty. Import an export file to fill it.</source>
        <translation>Katalogen är tom. Importera en exportfil för att fylla den.</translation>
    </message>
    <message>
        <source>The entry no longer exists.</source>
        <translation>Posten finns inte längre.</translation>
    </message>
    <message>
        <source>Your favourite could not be saved: %1</source>
        <translation>Din favorit kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Added to your favourites.</source>
        <translation>Tillagd bland dina favoriter.</translation>
    </message>
    <message>
        <source>Removed from your favourites.</source>
        <translation>Borttagen från dina favoriter.</translation>
    </message>
    <message>
        <source>Your note could not be saved: %1</source>
        <translation>Din anteckning kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Choose an export file</source>
        <translation>Välj en exportfil</translation>
    </message>
    <message>
        <source>Export files (*.zip);;All files (*)</source>
        <translation>Exportfiler (*.zip);;Alla filer (*)</translation>
    </message>
    <message>
        <source>The catalogue is updated.</source>
        <translation>Katalogen är uppdaterad.</translation>
    </message>
    <message>
        <source>Undo last import</source>
        <translation>Ångra senaste import</translation>
    </message>
    <message>
        <source>Restore the catalogue as it was before the last import? Your favourites and notes are not affected.</source>
        <translation>Vill du återställa katalogen som den var före senaste importen? Dina favoriter och anteckningar påverkas inte.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Återställ</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
    <message>
        <source>Undoing the last import</source>
        <translation>Ångrar senaste importen</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>Öppnar %1</translation>
    </message>
    <message>
        <source>The link was not opened: only web, e-mail and phone links are allowed.</source>
        <translation>Länken öppnades inte: bara webb-, e-post- och telefonlänkar är tillåtna.</translation>
    </message>
    <message>
        <source>TFBB Katalog %1
Directory of Tillsammans för barnens bästa in Sörmland.</source>
        <translation>TFBB Katalog %1
Katalog över Tillsammans för barnens bästa i Sörmland.</translation>
    </message>
    <message>
        <source>Catalogue version %1 of %2, published by %3.</source>
        <translation>Katalogversion %1 från %2, utgiven av %3.</translation>
    </message>
    <message>
        <source>About TFBB Katalog</source>
        <translation>Om TFBB Katalog</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) could not be saved: %1</source>
        <translation>
            <numerusform>%n anteckning kunde inte sparas: %1</numerusform>
            <numerusform>%n anteckningar kunde inte sparas: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>If you close now, they are lost. Cancel to keep them in the window: copy them, or make room and save again.</source>
        <translation>Om du stänger nu går de förlorade. Välj Avbryt så finns de kvar i fönstret: kopiera dem, eller frigör utrymme och spara igen.</translation>
    </message>
    <message>
        <source>Close &amp;anyway</source>
        <translation>&amp;Stäng ändå</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <source>Key</source>
        <translation>Tangent</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Vad den gör</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Handbok</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{entity} &quot;{id}&quot;</source>
        <translation>{entity} &quot;{id}&quot;</translation>
    </message>
    <message>
        <source>{place}, field &quot;{field}&quot;</source>
        <translation>{place}, fält &quot;{field}&quot;</translation>
    </message>
    <message>
        <source>{place}: {problem}</source>
        <translation>{place}: {problem}</translation>
    </message>
    <message>
        <source>manifest</source>
        <translation>manifest</translation>
    </message>
    <message>
        <source>principal</source>
        <translation>huvudman</translation>
    </message>
    <message>
        <source>contact person</source>
        <translation>kontaktperson</translation>
    </message>
    <message>
        <source>example</source>
        <translation>exempel</translation>
    </message>
    <message>
        <source>ongoing work</source>
        <translation>pågående arbete</translation>
    </message>
    <message>
        <source>component status</source>
        <translation>komponentstatus</translation>
    </message>
    <message>
        <source>vocabulary</source>
        <translation>ordlista</translation>
    </message>
    <message>
        <source>data</source>
        <translation>data</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roller</translation>
    </message>
    <message>
        <source>Roles in TFBB: {roles}</source>
        <translation>Roller i TFBB: {roles}</translation>
    </message>
    <message>
        <source>E-mail: {email}</source>
        <translation>E-post: {email}</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>Telefon: {phone}</translation>
    </message>
    <message>
        <source>The data folder {path} is on a network drive, where the catalogue&apos;s database can be damaged. Choose a folder on this computer (TFBB_DATA_DIR or --data-dir).</source>
        <translation>Datamappen {path} ligger på en nätverksenhet, och där kan katalogens databas skadas. Välj en mapp på den här datorn (TFBB_DATA_DIR eller --data-dir).</translation>
    </message>
    <message>
        <source>The catalogue</source>
        <translation>Katalogen</translation>
    </message>
    <message>
        <source>The file with your own data (favourites and notes)</source>
        <translation>Filen med dina egna uppgifter (favoriter och anteckningar)</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>filen är tom</translation>
    </message>
    <message>
        <source>the file is not a database</source>
        <translation>filen är ingen databas</translation>
    </message>
    <message>
        <source>the database is damaged (the check of its content failed)</source>
        <translation>databasen är skadad (kontrollen av innehållet misslyckades)</translation>
    </message>
    <message>
        <source>it was found damaged earlier and has not been replaced yet</source>
        <translation>den visade sig vara skadad tidigare och har inte ersatts än</translation>
    </message>
    <message>
        <source>{what} ({path}) cannot be used: {reason}. The damaged file was moved to {moved}; nothing was deleted.</source>
        <translation>{what} ({path}) kan inte användas: {reason}. Den skadade filen har flyttats till {moved}; ingenting har raderats.</translation>
    </message>
    <message>
        <source>{what} ({path}) cannot be used: {reason}. The file could not be moved aside and is left where it is.</source>
        <translation>{what} ({path}) kan inte användas: {reason}. Filen kunde inte flyttas undan och ligger kvar där den är.</translation>
    </message>
    <message>
        <source>There is no sound copy of the catalogue to restore.</source>
        <translation>Det finns ingen hel kopia av katalogen att återställa.</translation>
    </message>
    <message>
        <source>There is no sound backup of your favourites and notes to restore.</source>
        <translation>Det finns ingen hel säkerhetskopia av dina favoriter och anteckningar att återställa.</translation>
    </message>
    <message>
        <source>{path} is damaged and still cannot be moved aside ({error}). Close the programs that may have it open, or restart the computer, and try again.</source>
        <translation>{path} är skadad och kan fortfarande inte flyttas undan ({error}). Stäng de program som kan ha filen öppen, eller starta om datorn, och försök igen.</translation>
    </message>
    <message>
        <source>{path} already exists; nothing was restored.</source>
        <translation>{path} finns redan; ingenting återställdes.</translation>
    </message>
    <message>
        <source>Start the app to restore the last good copy or to begin anew.</source>
        <translation>Starta appen för att återställa den senaste hela kopian eller börja om.</translation>
    </message>
    <message>
        <source>The database is locked by another program (or another import) and stayed locked too long. Nothing was changed. Try again in a moment.</source>
        <translation>Databasen är låst av ett annat program (eller en annan import) och förblev låst för länge. Ingenting ändrades. Försök igen om en stund.</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was changed. Free some space and try again.</source>
        <translation>Disken är full. Ingenting ändrades. Frigör utrymme och försök igen.</translation>
    </message>
    <message>
        <source>The data folder cannot be written to (it is write-protected or you lack permission). Nothing was changed.</source>
        <translation>Det går inte att skriva i datamappen (den är skrivskyddad eller du saknar behörighet). Ingenting ändrades.</translation>
    </message>
    <message>
        <source>The data folder cannot be created: a file is in the way of the folder. Nothing was changed.</source>
        <translation>Datamappen kan inte skapas: en fil står i vägen för mappen. Ingenting ändrades.</translation>
    </message>
    <message>
        <source>The disk could not be read or written (a disk error). Nothing was changed. Try again; if it happens again, the disk may be failing.</source>
        <translation>Det gick inte att läsa från eller skriva till disken (ett diskfel). Ingenting ändrades. Försök igen; om det händer igen kan disken vara på väg att gå sönder.</translation>
    </message>
    <message>
        <source>The database turned out to be damaged. Restart the app to have it checked and restored.</source>
        <translation>Databasen visade sig vara skadad. Starta om appen så att den kontrolleras och återställs.</translation>
    </message>
    <message>
        <source>The backup</source>
        <translation>Säkerhetskopian</translation>
    </message>
    <message>
        <source>{what} ({path}) has schema version {current}, but this version of the app can read only version {target} and older. Update the app.</source>
        <translation>{what} ({path}) har schemaversion {current}, men den här versionen av appen kan bara läsa version {target} och äldre. Uppdatera appen.</translation>
    </message>
    <message>
        <source>Copying the file</source>
        <translation>Kopierar filen</translation>
    </message>
    <message>
        <source>Checking the signature and checksums</source>
        <translation>Kontrollerar signatur och kontrollsummor</translation>
    </message>
    <message>
        <source>Reading and checking the content</source>
        <translation>Läser och kontrollerar innehållet</translation>
    </message>
    <message>
        <source>Ready to import</source>
        <translation>Klar att importera</translation>
    </message>
    <message>
        <source>Backing up the catalogue</source>
        <translation>Säkerhetskopierar katalogen</translation>
    </message>
    <message>
        <source>Writing the catalogue</source>
        <translation>Skriver katalogen</translation>
    </message>
    <message>
        <source>Building the search index</source>
        <translation>Bygger sökindexet</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Sparar</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klart</translation>
    </message>
    <message>
        <source>The catalogue already has version {version}. Nothing was changed.</source>
        <translation>Katalogen har redan version {version}. Ingenting ändrades.</translation>
    </message>
    <message>
        <source>The catalogue is updated to version {version}.</source>
        <translation>Katalogen är uppdaterad till version {version}.</translation>
    </message>
    <message>
        <source>Trial run: nothing was changed.</source>
        <translation>Provkörning: ingenting ändrades.</translation>
    </message>
    <message>
        <source>The catalogue is restored to version {version}.</source>
        <translation>Katalogen är återställd till version {version}.</translation>
    </message>
    <message>
        <source>The file {file} cannot be imported: {reason}</source>
        <translation>Filen {file} kan inte importeras: {reason}</translation>
    </message>
    <message>
        <source>The export cannot be imported: {reason}</source>
        <translation>Exporten kan inte importeras: {reason}</translation>
    </message>
    <message>
        <source>The last import cannot be undone: {reason}</source>
        <translation>Den senaste importen kan inte ångras: {reason}</translation>
    </message>
    <message>
        <source>... and {count} more problems.</source>
        <translation>... och {count} problem till.</translation>
    </message>
    <message>
        <source>the file is larger than {max} bytes</source>
        <translation>filen är större än {max} byte</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>filen</translation>
    </message>
    <message>
        <source>{first}; and {count} more problems</source>
        <translation>{first}; och {count} problem till</translation>
    </message>
    <message>
        <source>{path} is not valid JSON ({error}, line {line})</source>
        <translation>{path} är inte giltig JSON ({error}, rad {line})</translation>
    </message>
    <message>
        <source>{path}: expected a JSON object</source>
        <translation>{path}: väntade ett JSON-objekt</translation>
    </message>
    <message>
        <source>The policy value {name} in {key} has the wrong type (expected {expected})</source>
        <translation>Principvärdet {name} i {key} har fel typ (ska vara {expected})</translation>
    </message>
    <message>
        <source>{path} is not an Ed25519 key</source>
        <translation>{path} är ingen Ed25519-nyckel</translation>
    </message>
    <message>
        <source>The file {file} could not be used: {reason} {later}</source>
        <translation>Filen {file} kunde inte användas: {reason} {later}</translation>
    </message>
    <message>
        <source>It is tried again later.</source>
        <translation>Den prövas igen senare.</translation>
    </message>
    <message>
        <source>It is tried again when the file has changed.</source>
        <translation>Den prövas igen när filen har ändrats.</translation>
    </message>
    <message>
        <source>the export expired on {date}. Fetch a newer export.</source>
        <translation>exporten gick ut {date}. Hämta en nyare export.</translation>
    </message>
    <message>
        <source>the file changed while it was being checked.</source>
        <translation>filen ändrades medan den kontrollerades.</translation>
    </message>
    <message>
        <source>No source for updates is set.</source>
        <translation>Ingen källa för uppdateringar är inställd.</translation>
    </message>
    <message>
        <source>The source could not be checked (unexpected error: {error}).</source>
        <translation>Källan kunde inte kontrolleras (oväntat fel: {error}).</translation>
    </message>
    <message>
        <source>The source could not be reached: the folder {folder} does not exist or cannot be read ({reason}).</source>
        <translation>Källan kunde inte nås: mappen {folder} finns inte eller går inte att läsa ({reason}).</translation>
    </message>
    <message>
        <source>A new file is being written ({files}); it is checked again in a while.</source>
        <translation>En ny fil håller på att skrivas ({files}); den kontrolleras igen om en stund.</translation>
    </message>
    <message>
        <source>The source {source} is not used: {problem}</source>
        <translation>Källan {source} används inte: {problem}</translation>
    </message>
    <message>
        <source>The source could not be reached: the server {server} answered {status}.</source>
        <translation>Källan kunde inte nås: servern {server} svarade {status}.</translation>
    </message>
    <message>
        <source>The source could not be reached: {reason} ({server}).</source>
        <translation>Källan kunde inte nås: {reason} ({server}).</translation>
    </message>
    <message>
        <source>A newer catalogue is available: version {version} ({file}).</source>
        <translation>En nyare katalog finns: version {version} ({file}).</translation>
    </message>
    <message>
        <source>No newer catalogue is available (installed version {version}).</source>
        <translation>Ingen nyare katalog finns (installerad version {version}).</translation>
    </message>
    <message>
        <source>There is no catalogue to fetch.</source>
        <translation>Ingen katalog finns att hämta.</translation>
    </message>
    <message>
        <source>the address is invalid.</source>
        <translation>adressen är ogiltig.</translation>
    </message>
    <message>
        <source>addresses beginning with {scheme}:// are not supported; give an https address or a folder.</source>
        <translation>adresser som börjar med {scheme}:// stöds inte; ange en https-adress eller en mapp.</translation>
    </message>
    <message>
        <source>the address has no server name.</source>
        <translation>adressen saknar servernamn.</translation>
    </message>
    <message>
        <source>unencrypted http is allowed only to this computer (127.0.0.1); use an https address.</source>
        <translation>okrypterad http tillåts bara till den egna datorn (127.0.0.1); använd en https-adress.</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>finns inte</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>behörighet saknas</translation>
    </message>
    <message>
        <source>is not a folder</source>
        <translation>är ingen mapp</translation>
    </message>
    <message>
        <source>the server redirects to an address that is not allowed ({problem})</source>
        <translation>servern hänvisar vidare till en otillåten adress ({problem})</translation>
    </message>
    <message>
        <source>the server&apos;s certificate could not be verified</source>
        <translation>serverns certifikat kunde inte verifieras</translation>
    </message>
    <message>
        <source>the encrypted connection failed</source>
        <translation>den krypterade anslutningen misslyckades</translation>
    </message>
    <message>
        <source>the server was not found</source>
        <translation>servern hittades inte</translation>
    </message>
    <message>
        <source>no answer within {seconds} seconds</source>
        <translation>inget svar inom {seconds} sekunder</translation>
    </message>
    <message>
        <source>the connection was refused</source>
        <translation>anslutningen nekades</translation>
    </message>
    <message>
        <source>the connection was broken off</source>
        <translation>anslutningen bröts</translation>
    </message>
    <message>
        <source>the download was interrupted ({reason}).</source>
        <translation>hämtningen avbröts ({reason}).</translation>
    </message>
    <message>
        <source>the download was interrupted after {got} of {expected} bytes.</source>
        <translation>hämtningen avbröts efter {got} av {expected} byte.</translation>
    </message>
    <message>
        <source>the file cannot be read ({error}).</source>
        <translation>filen kan inte läsas ({error}).</translation>
    </message>
    <message>
        <source>the data folder cannot be written to (it is write-protected or you lack permission), so the file cannot be copied for checking. Nothing was changed.</source>
        <translation>det går inte att skriva i datamappen (den är skrivskyddad eller du saknar behörighet), så filen kan inte kopieras för att kontrolleras. Ingenting ändrades.</translation>
    </message>
    <message>
        <source>the disk is full, so the file cannot be copied for checking. Nothing was changed. Free some space and try again.</source>
        <translation>disken är full, så filen kan inte kopieras för att kontrolleras. Ingenting ändrades. Frigör utrymme och försök igen.</translation>
    </message>
    <message>
        <source>the file is too large ({size} MB; at most {limit} MB is allowed).</source>
        <translation>filen är för stor ({size} MB; högst {limit} MB tillåts).</translation>
    </message>
    <message>
        <source>the file is damaged or incomplete (not a valid ZIP archive).</source>
        <translation>filen är skadad eller ofullständig (inget giltigt ZIP-arkiv).</translation>
    </message>
    <message>
        <source>the file is not an export from TFBB Katalog.</source>
        <translation>filen är ingen export från TFBB Katalog.</translation>
    </message>
    <message>
        <source>the file has format version {version}, which this version of the app cannot read. Update the app.</source>
        <translation>filen har formatversion {version}, som den här versionen av appen inte kan läsa. Uppdatera appen.</translation>
    </message>
    <message>
        <source>the archive is encrypted.</source>
        <translation>arkivet är krypterat.</translation>
    </message>
    <message>
        <source>the archive contains a forbidden file name: {member}.</source>
        <translation>arkivet innehåller ett otillåtet filnamn: {member}.</translation>
    </message>
    <message>
        <source>the archive contains an unknown file: {member}.</source>
        <translation>arkivet innehåller en okänd fil: {member}.</translation>
    </message>
    <message>
        <source>the archive contains {member} twice.</source>
        <translation>arkivet innehåller {member} två gånger.</translation>
    </message>
    <message>
        <source>the archive lacks {member}.</source>
        <translation>arkivet saknar {member}.</translation>
    </message>
    <message>
        <source>{member} is packed {ratio} times (at most {limit} times is allowed); the file looks like a ZIP bomb.</source>
        <translation>{member} är packad {ratio} gånger (högst {limit} gånger tillåts); filen ser ut som en ZIP-bomb.</translation>
    </message>
    <message>
        <source>{member} unpacks to {size} MB, more than the {limit} MB allowed.</source>
        <translation>{member} packas upp till {size} MB, mer än de {limit} MB som tillåts.</translation>
    </message>
    <message>
        <source>{member} is larger than the {limit} MB allowed.</source>
        <translation>{member} är större än de {limit} MB som tillåts.</translation>
    </message>
    <message>
        <source>{member} in the archive is damaged or incomplete.</source>
        <translation>{member} i arkivet är skadad eller ofullständig.</translation>
    </message>
    <message>
        <source>manifest.json is not valid JSON.</source>
        <translation>manifest.json är inte giltig JSON.</translation>
    </message>
    <message>
        <source>the manifest is invalid.</source>
        <translation>manifestet är ogiltigt.</translation>
    </message>
    <message>
        <source>the manifest must give the checksum of data.json and nothing else.</source>
        <translation>manifestet ska ange kontrollsumman för data.json och inget annat.</translation>
    </message>
    <message>
        <source>data.json does not have the size the manifest gives (the file is altered or incomplete).</source>
        <translation>data.json har inte den storlek som manifestet anger (filen är ändrad eller ofullständig).</translation>
    </message>
    <message>
        <source>the checksum of data.json does not match (the file is altered or damaged).</source>
        <translation>kontrollsumman för data.json stämmer inte (filen är ändrad eller skadad).</translation>
    </message>
    <message>
        <source>the file is not signed. Unsigned files are accepted only if the administrator has allowed it.</source>
        <translation>filen är inte signerad. Osignerade filer tas bara emot om administratören har tillåtit det.</translation>
    </message>
    <message>
        <source>the signature file is invalid.</source>
        <translation>signaturfilen är ogiltig.</translation>
    </message>
    <message>
        <source>the file is signed with a key this computer does not trust (key id {key}).</source>
        <translation>filen är signerad med en nyckel som den här datorn inte litar på (nyckel-id {key}).</translation>
    </message>
    <message>
        <source>the signature does not match (the file was altered after it was signed, or forged).</source>
        <translation>signaturen stämmer inte (filen är ändrad efter att den signerades eller förfalskad).</translation>
    </message>
    <message>
        <source>the content is invalid.</source>
        <translation>innehållet är ogiltigt.</translation>
    </message>
    <message>
        <source>data.json is not valid JSON ({place}: {error}).</source>
        <translation>data.json är inte giltig JSON ({place}: {error}).</translation>
    </message>
    <message>
        <source>data.json has too many levels of lists and objects inside each other.</source>
        <translation>data.json har för många nivåer av listor och objekt inuti varandra.</translation>
    </message>
    <message>
        <source>data.json has a text longer than {size} MB.</source>
        <translation>data.json har en text som är längre än {size} MB.</translation>
    </message>
    <message>
        <source>occurs more than once</source>
        <translation>förekommer mer än en gång</translation>
    </message>
    <message>
        <source>the id occurs more than once</source>
        <translation>id:t förekommer mer än en gång</translation>
    </message>
    <message>
        <source>refers to &quot;{ref}&quot;, but the entry does not exist</source>
        <translation>hänvisar till &quot;{ref}&quot;, men posten finns inte</translation>
    </message>
    <message>
        <source>refers to &quot;{ref}&quot;, but the term in the vocabulary {vocabulary} does not exist</source>
        <translation>hänvisar till &quot;{ref}&quot;, men termen i ordlistan {vocabulary} finns inte</translation>
    </message>
    <message>
        <source>says {said} but data.json holds {found}</source>
        <translation>anger {said} men data.json innehåller {found}</translation>
    </message>
    <message>
        <source>too many entries ({count}; at most {limit})</source>
        <translation>för många poster ({count}; högst {limit})</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>saknas</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>okänt fält</translation>
    </message>
    <message>
        <source>the text is too long (at most {max} characters)</source>
        <translation>texten är för lång (högst {max} tecken)</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>får inte vara tom</translation>
    </message>
    <message>
        <source>too many values (at most {max})</source>
        <translation>för många värden (högst {max})</translation>
    </message>
    <message>
        <source>too many levels of lists and objects inside each other</source>
        <translation>för många nivåer av listor och objekt inuti varandra</translation>
    </message>
    <message>
        <source>invalid id (only a–z, 0–9, full stop, hyphen and underscore; at most 100 characters)</source>
        <translation>ogiltigt id (bara a–z, 0–9, punkt, bindestreck och understreck; högst 100 tecken)</translation>
    </message>
    <message>
        <source>invalid e-mail address</source>
        <translation>ogiltig e-postadress</translation>
    </message>
    <message>
        <source>invalid phone number</source>
        <translation>ogiltigt telefonnummer</translation>
    </message>
    <message>
        <source>invalid web address (it must begin with https:// or http://)</source>
        <translation>ogiltig webbadress (den ska börja med https:// eller http://)</translation>
    </message>
    <message>
        <source>the text contains forbidden control characters</source>
        <translation>texten innehåller otillåtna styrtecken</translation>
    </message>
    <message>
        <source>wrong type (expected {type})</source>
        <translation>fel typ (väntade {type})</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>ett heltal</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>en lista</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ett objekt</translation>
    </message>
    <message>
        <source>invalid time (expected YYYY-MM-DDThh:mm:ss with a time zone, e.g. +01:00)</source>
        <translation>ogiltig tidpunkt (väntade ÅÅÅÅ-MM-DDTtt:mm:ss med tidszon, t.ex. +01:00)</translation>
    </message>
    <message>
        <source>invalid time (expected YYYY-MM-DDThh:mm:ss, with or without a time zone)</source>
        <translation>ogiltig tidpunkt (väntade ÅÅÅÅ-MM-DDTtt:mm:ss, med eller utan tidszon)</translation>
    </message>
    <message>
        <source>invalid date (expected YYYY-MM-DD)</source>
        <translation>ogiltigt datum (väntade ÅÅÅÅ-MM-DD)</translation>
    </message>
    <message>
        <source>the value is outside the allowed range</source>
        <translation>värdet är utanför det tillåtna intervallet</translation>
    </message>
    <message>
        <source>invalid value</source>
        <translation>ogiltigt värde</translation>
    </message>
    <message>
        <source>invalid value ({kind})</source>
        <translation>ogiltigt värde ({kind})</translation>
    </message>
    <message>
        <source>sheet &quot;{sheet}&quot;, row {row}, column &quot;{column}&quot;: {problem}</source>
        <translation>bladet &quot;{sheet}&quot;, rad {row}, kolumnen &quot;{column}&quot;: {problem}</translation>
    </message>
    <message>
        <source>sheet &quot;{sheet}&quot;, row {row}: {problem}</source>
        <translation>bladet &quot;{sheet}&quot;, rad {row}: {problem}</translation>
    </message>
    <message>
        <source>sheet &quot;{sheet}&quot;: {problem}</source>
        <translation>bladet &quot;{sheet}&quot;: {problem}</translation>
    </message>
    <message>
        <source>the sheet is missing</source>
        <translation>bladet saknas</translation>
    </message>
    <message>
        <source>the column &quot;{column}&quot; is missing (row 2 names the fields)</source>
        <translation>kolumnen &quot;{column}&quot; saknas (rad 2 anger fälten)</translation>
    </message>
    <message>
        <source>unknown column</source>
        <translation>okänd kolumn</translation>
    </message>
    <message>
        <source>{text}</source>
        <translation>{text}</translation>
    </message>
    <message>
        <source>Changes from {old} to {new}</source>
        <translation>Ändringar från {old} till {new}</translation>
    </message>
    <message>
        <source>No changes from {old} to {new}.</source>
        <translation>Inga ändringar från {old} till {new}.</translation>
    </message>
    <message>
        <source>the installed catalogue (version {version})</source>
        <translation>den installerade katalogen (version {version})</translation>
    </message>
    <message>
        <source>{file} (version {version})</source>
        <translation>{file} (version {version})</translation>
    </message>
    <message>
        <source>the workbook {file}</source>
        <translation>arbetsboken {file}</translation>
    </message>
    <message>
        <source>an empty catalogue</source>
        <translation>en tom katalog</translation>
    </message>
    <message>
        <source>the passphrase of the key {key} is wrong.</source>
        <translation>lösenfrasen för nyckeln {key} är fel.</translation>
    </message>
    <message>
        <source>the key {key} is protected by a passphrase; give it.</source>
        <translation>nyckeln {key} skyddas av en lösenfras; ange den.</translation>
    </message>
    <message>
        <source>{key} is not a private Ed25519 key (PEM).</source>
        <translation>{key} är ingen privat Ed25519-nyckel (PEM).</translation>
    </message>
    <message>
        <source>the key {key} cannot be read ({error}).</source>
        <translation>nyckeln {key} kan inte läsas ({error}).</translation>
    </message>
    <message>
        <source>the workbook {file} cannot be read ({error}).</source>
        <translation>arbetsboken {file} kan inte läsas ({error}).</translation>
    </message>
    <message>
        <source>Reading the workbook</source>
        <translation>Läser arbetsboken</translation>
    </message>
    <message>
        <source>Comparing with the catalogue</source>
        <translation>Jämför med katalogen</translation>
    </message>
    <message>
        <source>Assignment until {date}</source>
        <translation>Uppdraget till och med {date}</translation>
    </message>
    <message>
        <source>Added: {name}</source>
        <translation>Ny: {name}</translation>
    </message>
    <message>
        <source>Changed: {name}</source>
        <translation>Ändrad: {name}</translation>
    </message>
    <message>
        <source>Removed: {name}</source>
        <translation>Borttagen: {name}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(tomt)</translation>
    </message>
    <message>
        <source>the export expired {date}. Get a newer export.</source>
        <translation>exporten gick ut {date}. Hämta en nyare export.</translation>
    </message>
    <message>
        <source>the export has version {version}, older than the installed catalogue&apos;s version {base}.</source>
        <translation>exporten har version {version}, äldre än den installerade katalogens version {base}.</translation>
    </message>
    <message>
        <source>the export has version {version}, more than {step} versions ahead of the installed catalogue&apos;s version {base}. A file like that can be a mistake or signed with a stolen key. Ask the publisher for the right export.</source>
        <translation>exporten har version {version}, mer än {step} versioner före den installerade katalogens version {base}. En sådan fil kan vara ett misstag eller vara signerad med en stulen nyckel. Be utgivaren om rätt export.</translation>
    </message>
    <message>
        <source>the export has version {version}, but version {mark} signed with the same key (key id {key}) has already been imported on this computer. An older export cannot come back in. Ask the publisher for the newest export.</source>
        <translation>exporten har version {version}, men version {mark} signerad med samma nyckel (nyckel-id {key}) har redan importerats på den här datorn. En äldre export får inte komma in igen. Be utgivaren om den senaste exporten.</translation>
    </message>
    <message>
        <source>the export has the same version as the installed catalogue ({version}) but other content. A changed catalogue must have a new version number. Ask the publisher for a new export.</source>
        <translation>exporten har samma version som den installerade katalogen ({version}) men annat innehåll. En ändrad katalog måste ha ett nytt versionsnummer. Be utgivaren om en ny export.</translation>
    </message>
    <message>
        <source>the import has already run. Choose the file again.</source>
        <translation>importen har redan körts. Välj filen igen.</translation>
    </message>
    <message>
        <source>the catalogue changed in the meantime. Try again.</source>
        <translation>katalogen ändrades under tiden. Försök igen.</translation>
    </message>
    <message>
        <source>there is no earlier catalogue to go back to.</source>
        <translation>det finns ingen tidigare katalog att gå tillbaka till.</translation>
    </message>
    <message>
        <source>the backup comes from another version of the app and cannot be restored.</source>
        <translation>säkerhetskopian kommer från en annan version av appen och kan inte återställas.</translation>
    </message>
    <message>
        <source>No export was written: {reason}</source>
        <translation>Ingen export skrevs: {reason}</translation>
    </message>
    <message>
        <source>the workbook {file} has mistakes; correct them and build again.</source>
        <translation>arbetsboken {file} har fel; rätta dem och bygg igen.</translation>
    </message>
    <message>
        <source>the app would refuse the export of {file}.</source>
        <translation>appen skulle vägra exporten av {file}.</translation>
    </message>
    <message>
        <source>the app would refuse the export: {reason}</source>
        <translation>appen skulle vägra exporten: {reason}</translation>
    </message>
    <message>
        <source>the version cannot be used.</source>
        <translation>versionen kan inte användas.</translation>
    </message>
    <message>
        <source>the export expired {date}; the app does not accept it</source>
        <translation>exporten gick ut {date}; appen tar inte emot den</translation>
    </message>
    <message>
        <source>the previous export {file} cannot be read: {reason}</source>
        <translation>den förra exporten {file} kan inte läsas: {reason}</translation>
    </message>
    <message>
        <source>the previous export {file} cannot be read: {reason} Give the previous export with --previous, or delete the file.</source>
        <translation>den förra exporten {file} kan inte läsas: {reason} Ange den förra exporten med --previous, eller ta bort filen.</translation>
    </message>
    <message>
        <source>data.json is not valid JSON.</source>
        <translation>data.json är inte giltig JSON.</translation>
    </message>
    <message>
        <source>the source file {file} cannot be read ({error}).</source>
        <translation>källfilen {file} kan inte läsas ({error}).</translation>
    </message>
    <message>
        <source>the source file {file} is not encoded in UTF-8.</source>
        <translation>källfilen {file} är inte kodad i UTF-8.</translation>
    </message>
    <message>
        <source>the source file {file} is not valid JSON (line {line}, column {column}: {error}).</source>
        <translation>källfilen {file} är inte giltig JSON (rad {line}, kolumn {column}: {error}).</translation>
    </message>
    <message>
        <source>the source file lacks the object &quot;{part}&quot;</source>
        <translation>källfilen saknar objektet &quot;{part}&quot;</translation>
    </message>
    <message>
        <source>the source file {file} must be {{&quot;manifest&quot;: {{...}}, &quot;data&quot;: {{...}}}}.</source>
        <translation>källfilen {file} ska vara {{&quot;manifest&quot;: {{...}}, &quot;data&quot;: {{...}}}}.</translation>
    </message>
    <message>
        <source>missing: give it in the source file&apos;s manifest or with --dataset-version</source>
        <translation>saknas: ange den i källfilens manifest eller med --dataset-version</translation>
    </message>
    <message>
        <source>version {version} is invalid; it must be at least 1</source>
        <translation>version {version} är ogiltig; den ska vara minst 1</translation>
    </message>
    <message>
        <source>version {version} is lower than version {used} in the previous export {file}; the app does not accept an older version</source>
        <translation>version {version} är lägre än version {used} i den förra exporten {file}; appen tar inte emot en äldre version</translation>
    </message>
    <message>
        <source>version {version} is already used by the previous export {file}, with other content; the next version is {next}</source>
        <translation>version {version} används redan av den förra exporten {file}, med annat innehåll; nästa version är {next}</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>No status</source>
        <translation>Ingen status</translation>
    </message>
    <message>
        <source>In place</source>
        <translation>På plats</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 av %3</translation>
    </message>
    <message>
        <source>Known status: %1</source>
        <translation>Känd status: %1</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totalt</translation>
    </message>
    <message>
        <source>In place / known status</source>
        <translation>På plats / känd status</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Teckenförklaring</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Helheten</translation>
    </message>
    <message>
        <source>The model at each principal</source>
        <translation>Modellen hos varje huvudman</translation>
    </message>
    <message>
        <source>Save as image …</source>
        <translation>Spara som bild …</translation>
    </message>
    <message>
        <source>Overview: principals and model components</source>
        <translation>Helheten: huvudmän och modellkomponenter</translation>
    </message>
    <message numerus="yes">
        <source>%n principal(s)</source>
        <translation>
            <numerusform>%n huvudman</numerusform>
            <numerusform>%n huvudmän</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model component(s)</source>
        <translation>
            <numerusform>%n modellkomponent</numerusform>
            <numerusform>%n modellkomponenter</numerusform>
        </translation>
    </message>
    <message>
        <source>Each cell is the principal&apos;s status for the component; hover over it for the status in words and the note. Total: “%1” / known status (any status above “%2”).</source>
        <translation>Varje ruta är huvudmannens status för komponenten; håll muspekaren över den för att se status i ord och anteckningen. Totalt: ”%1” / känd status (alla statusar över ”%2”).</translation>
    </message>
    <message>
        <source>The catalogue records no status of the model for any principal.</source>
        <translation>Katalogen har ingen status för modellen hos någon huvudman.</translation>
    </message>
    <message numerus="yes">
        <source>The principals list has %1 principals; %n of them have no status recorded for any model component and are not shown: %2.</source>
        <translation>
            <numerusform>Listan över huvudmän har %1 huvudmän; %n av dem har ingen status registrerad för någon modellkomponent och visas inte: %2.</numerusform>
            <numerusform>Listan över huvudmän har %1 huvudmän; %n av dem har ingen status registrerad för någon modellkomponent och visas inte: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Legend:</source>
        <translation>Teckenförklaring:</translation>
    </message>
    <message>
        <source>TFBB – the model at each principal</source>
        <translation>TFBB – modellen hos varje huvudman</translation>
    </message>
    <message>
        <source>Save the overview as image</source>
        <translation>Spara Helheten som bild</translation>
    </message>
    <message>
        <source>Click a cell, or choose it with the arrow keys and press Enter, to open the principal at that component. Hover over a cell, or choose it, to see its note.</source>
        <translation>Klicka på en ruta, eller välj den med piltangenterna och tryck Enter, för att öppna huvudmannen vid den komponenten. Håll muspekaren över en ruta, eller välj den, för att se anteckningen.</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-bilder (*.png)</translation>
    </message>
    <message>
        <source>The image could not be saved: %1</source>
        <translation>Bilden kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Sparad: %1</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>No catalogue</source>
        <translation>Ingen katalog</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Webbplats</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Assignment until %1</source>
        <translation>Uppdraget gäller till %1</translation>
    </message>
    <message>
        <source>Implementation of the model</source>
        <translation>Införandet av modellen</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponent</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>No status is recorded.</source>
        <translation>Ingen status är registrerad.</translation>
    </message>
    <message numerus="yes">
        <source>Per model component, of %n principal(s):</source>
        <translation>
            <numerusform>Per modellkomponent, av %n huvudman:</numerusform>
            <numerusform>Per modellkomponent, av %n huvudmän:</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is the highest status; a known status is any status above “%2”.</source>
        <translation>”%1” är den högsta statusen; en känd status är en status över ”%2”.</translation>
    </message>
    <message>
        <source>The model at each principal</source>
        <translation>Modellen hos varje huvudman</translation>
    </message>
    <message>
        <source>TFBB Katalog – the catalogue</source>
        <translation>TFBB Katalog – katalogen</translation>
    </message>
    <message>
        <source>Tillsammans för barnens bästa in Sörmland</source>
        <translation>Tillsammans för barnens bästa i Sörmland</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>Utskriven %1</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Helheten</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Innehåll</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Sida %1 av %2</translation>
    </message>
    <message>
        <source>Could not start printing.</source>
        <translation>Utskriften kunde inte startas.</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Sidor</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>Open a principal (or one of its contact persons) first.</source>
        <translation>Öppna en huvudman (eller en av dess kontaktpersoner) först.</translation>
    </message>
    <message>
        <source>Save principal sheet as PDF</source>
        <translation>Spara huvudmannens faktablad som PDF</translation>
    </message>
    <message>
        <source>Saving the principal sheet</source>
        <translation>Sparar huvudmannabladet</translation>
    </message>
    <message>
        <source>Save booklet as PDF</source>
        <translation>Spara häfte som PDF</translation>
    </message>
    <message>
        <source>Writing the PDF</source>
        <translation>Skriver PDF-filen</translation>
    </message>
    <message>
        <source>Saving the booklet</source>
        <translation>Sparar häftet</translation>
    </message>
    <message>
        <source>The PDF could not be written: %1</source>
        <translation>PDF-filen kunde inte skrivas: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 (%n page(s)).</source>
        <translation>
            <numerusform>%1 är sparad (%n sida).</numerusform>
            <numerusform>%1 är sparad (%n sidor).</numerusform>
        </translation>
    </message>
    <message>
        <source>Print principal sheet</source>
        <translation>Skriv ut huvudmannens faktablad</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Skriver ut</translation>
    </message>
    <message>
        <source>Preparing the print</source>
        <translation>Förbereder utskriften</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Skriv ut</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Sheet</source>
        <translation>Blad</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Rad</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolumn</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Fel</translation>
    </message>
</context>
<context>
    <name>PublishPage</name>
    <message>
        <source>Publish</source>
        <translation>Publicera</translation>
    </message>
    <message>
        <source>Publish the catalogue</source>
        <translation>Publicera katalogen</translation>
    </message>
    <message>
        <source>Choose the workbook (.xlsx) with this month&apos;s catalogue. It is checked as the app checks an import; when it has no problems, publish it.</source>
        <translation>Välj arbetsboken (.xlsx) med månadens katalog. Den kontrolleras som appen kontrollerar en import; när den inte har några fel kan du publicera den.</translation>
    </message>
    <message>
        <source>No workbook chosen.</source>
        <translation>Ingen arbetsbok är vald.</translation>
    </message>
    <message>
        <source>Choose workbook …</source>
        <translation>Välj arbetsbok …</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>Läs igen</translation>
    </message>
    <message>
        <source>Problems in the workbook</source>
        <translation>Fel i arbetsboken</translation>
    </message>
    <message>
        <source>Change report</source>
        <translation>Ändringsrapport</translation>
    </message>
    <message>
        <source>The changes are shown here once the workbook is read.</source>
        <translation>Ändringarna visas här när arbetsboken är läst.</translation>
    </message>
    <message>
        <source>Publish …</source>
        <translation>Publicera …</translation>
    </message>
    <message>
        <source>Sign the export with your key and write it to the shared folder</source>
        <translation>Signera exporten med din nyckel och skriv den till den delade mappen</translation>
    </message>
    <message>
        <source>Choose the workbook</source>
        <translation>Välj arbetsboken</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx);;All files (*)</source>
        <translation>Arbetsböcker (*.xlsx);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Reading the workbook …</source>
        <translation>Läser arbetsboken …</translation>
    </message>
    <message>
        <source>Reading the workbook</source>
        <translation>Läser arbetsboken</translation>
    </message>
    <message numerus="yes">
        <source>The workbook has %n problem(s). Correct them in the workbook, save it and choose Read again.</source>
        <translation>
            <numerusform>Arbetsboken har %n fel. Rätta det i arbetsboken, spara den och välj Läs igen.</numerusform>
            <numerusform>Arbetsboken har %n fel. Rätta dem i arbetsboken, spara den och välj Läs igen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The workbook has no problems and can be published.</source>
        <translation>Arbetsboken har inga fel och kan publiceras.</translation>
    </message>
    <message>
        <source>Sheet: %1</source>
        <translation>Blad: %1</translation>
    </message>
    <message>
        <source>Row: %1</source>
        <translation>Rad: %1</translation>
    </message>
    <message>
        <source>Column: %1</source>
        <translation>Kolumn: %1</translation>
    </message>
    <message>
        <source>Choose your private key</source>
        <translation>Välj din privata nyckel</translation>
    </message>
    <message>
        <source>Private keys (*.pem);;All files (*)</source>
        <translation>Privata nycklar (*.pem);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>The passphrase of the key %1:</source>
        <translation>Lösenfrasen för nyckeln %1:</translation>
    </message>
    <message>
        <source>Where the export is written</source>
        <translation>Var exporten ska skrivas</translation>
    </message>
    <message>
        <source>Export files (*.zip)</source>
        <translation>Exportfiler (*.zip)</translation>
    </message>
    <message>
        <source>Publishing …</source>
        <translation>Publicerar …</translation>
    </message>
    <message>
        <source>Publishing the catalogue</source>
        <translation>Publicerar katalogen</translation>
    </message>
    <message>
        <source>Published: %1, version %2.</source>
        <translation>Publicerad: %1, version %2.</translation>
    </message>
</context>
<context>
    <name>Publisher</name>
    <message>
        <source>Publish</source>
        <translation>Publicera</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Inkorg</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>RecoveryBox</name>
    <message>
        <source>Restore the copy from %1</source>
        <translation>Återställ kopian från %1</translation>
    </message>
    <message>
        <source>Import the bundled catalogue</source>
        <translation>Importera katalogen som följer med appen</translation>
    </message>
    <message>
        <source>Begin with empty favourites and notes</source>
        <translation>Börja med tomma favoriter och anteckningar</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <source>You can restore the last good copy of the catalogue (it may be older than the damaged one), or import the catalogue that comes with the app. A newer export can be imported afterwards.</source>
        <translation>Du kan återställa den senaste hela kopian av katalogen (den kan vara äldre än den skadade) eller importera katalogen som följer med appen. En nyare exportfil kan importeras efteråt.</translation>
    </message>
    <message>
        <source>There is no earlier copy to restore. You can import the catalogue that comes with the app; a newer export can be imported afterwards.</source>
        <translation>Det finns ingen tidigare kopia att återställa. Du kan importera katalogen som följer med appen; en nyare exportfil kan importeras efteråt.</translation>
    </message>
    <message>
        <source>Your favourites and notes were in the damaged file. You can restore the last backup of them, or begin with none. The damaged file is kept either way.</source>
        <translation>Dina favoriter och anteckningar fanns i den skadade filen. Du kan återställa den senaste säkerhetskopian av dem eller börja utan. Den skadade filen sparas i båda fallen.</translation>
    </message>
    <message>
        <source>Your favourites and notes were in the damaged file, and there is no backup of them. If you begin with none, the damaged file is kept.</source>
        <translation>Dina favoriter och anteckningar fanns i den skadade filen, och det finns ingen säkerhetskopia av dem. Om du börjar utan sparas den skadade filen.</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>Återställer</translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>åtkomst nekas</translation>
    </message>
    <message>
        <source>the file or folder does not exist</source>
        <translation>filen eller mappen finns inte</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>disken är full</translation>
    </message>
    <message>
        <source>the disk is write-protected</source>
        <translation>disken är skrivskyddad</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>det är en mapp</translation>
    </message>
    <message>
        <source>%1 could not be read or written: %2</source>
        <translation>%1 kunde inte läsas eller skrivas: %2</translation>
    </message>
    <message>
        <source>A file could not be read or written: %1</source>
        <translation>En fil kunde inte läsas eller skrivas: %1</translation>
    </message>
    <message>
        <source>Something unexpected went wrong: %1</source>
        <translation>Något oväntat gick fel: %1</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search results</source>
        <translation>Sökresultat</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>Huvudman</translation>
    </message>
    <message>
        <source>Professional group</source>
        <translation>Yrkesgrupp</translation>
    </message>
    <message>
        <source>Model level</source>
        <translation>Nivå i modellen</translation>
    </message>
    <message>
        <source>Implementation domain</source>
        <translation>Implementeringsområde</translation>
    </message>
    <message>
        <source>Status of work</source>
        <translation>Status för arbetet</translation>
    </message>
    <message>
        <source>Only favourites</source>
        <translation>Bara favoriter</translation>
    </message>
    <message>
        <source>New since the last update</source>
        <translation>Nytt sedan senaste uppdateringen</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n träff</numerusform>
            <numerusform>%n träffar</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found. Try fewer or shorter words, or clear the filters.</source>
        <translation>Inget hittades. Pröva färre eller kortare ord, eller rensa filtren.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Menade du %1?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Update source</source>
        <translation>Källa för uppdateringar</translation>
    </message>
    <message>
        <source>A folder, e.g. \\server\tfbb, or an https:// address</source>
        <translation>En mapp, t.ex. \\server\tfbb, eller en https://-adress</translation>
    </message>
    <message>
        <source>Choose folder …</source>
        <translation>Välj mapp …</translation>
    </message>
    <message>
        <source>&amp;Update source:</source>
        <translation>&amp;Källa för uppdateringar:</translation>
    </message>
    <message>
        <source>Set by your administrator.</source>
        <translation>Inställt av din administratör.</translation>
    </message>
    <message>
        <source>Look for a newer catalogue at start and every four hours</source>
        <translation>Leta efter en nyare katalog vid start och var fjärde timme</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Kontrollera nu</translation>
    </message>
    <message>
        <source>Choose the export folder</source>
        <translation>Välj mappen med exportfiler</translation>
    </message>
    <message>
        <source>Checking …</source>
        <translation>Kontrollerar …</translation>
    </message>
    <message>
        <source>No update source is set.</source>
        <translation>Ingen källa för uppdateringar är angiven.</translation>
    </message>
    <message>
        <source>A newer catalogue was found; see the bar above the lists.</source>
        <translation>En nyare katalog hittades; se raden ovanför listorna.</translation>
    </message>
    <message>
        <source>The catalogue is up to date.</source>
        <translation>Katalogen är aktuell.</translation>
    </message>
</context>
<context>
    <name>SuggestionsModel</name>
    <message>
        <source>Suggestion</source>
        <translation>Förslag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>written %1</source>
        <translation>skrivet %1</translation>
    </message>
</context>
<context>
    <name>SuggestionsPage</name>
    <message>
        <source>My suggestions</source>
        <translation>Mina förslag</translation>
    </message>
    <message>
        <source>The suggestion&apos;s text</source>
        <translation>Förslagets text</translation>
    </message>
    <message>
        <source>Open entry</source>
        <translation>Öppna posten</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Skicka igen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>No suggestions yet. Open an entry and choose “Suggest a change …” in the Entry menu.</source>
        <translation>Inga förslag ännu. Öppna en post och välj ”Föreslå ändring …” i menyn Post.</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s), %1 not sent.</source>
        <translation>
            <numerusform>%n förslag, inte skickade: %1.</numerusform>
            <numerusform>%n förslag, inte skickade: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Skicka</translation>
    </message>
    <message>
        <source>Delete suggestion</source>
        <translation>Ta bort förslaget</translation>
    </message>
    <message>
        <source>Delete this suggestion from your list? A copy already sent is not affected.</source>
        <translation>Vill du ta bort förslaget från din lista? En kopia som redan har skickats påverkas inte.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <source>Progress</source>
        <translation>Förlopp</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>other work</source>
        <translation>annat arbete</translation>
    </message>
    <message>
        <source>“%1” waits until “%2” is done.</source>
        <translation>”%1” väntar tills ”%2” är klart.</translation>
    </message>
    <message>
        <source>The work</source>
        <translation>Arbetet</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Arbetar</translation>
    </message>
    <message numerus="yes">
        <source>(%n more waiting)</source>
        <translation>
            <numerusform>(%n till väntar)</numerusform>
            <numerusform>(%n till väntar)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UpdateBar</name>
    <message>
        <source>Show and import …</source>
        <translation>Visa och importera …</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Inte nu</translation>
    </message>
    <message>
        <source>Update available</source>
        <translation>Uppdatering finns</translation>
    </message>
</context>
<context>
    <name>UpdateChecker</name>
    <message>
        <source>Looking for a newer catalogue</source>
        <translation>Letar efter en nyare katalog</translation>
    </message>
    <message>
        <source>A newer catalogue (version %1) is available from %2.</source>
        <translation>En nyare katalog (version %1) finns: %2.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to TFBB Katalog</source>
        <translation>Välkommen till TFBB Katalog</translation>
    </message>
    <message>
        <source>Tillsammans för barnens bästa (TFBB) is the collaboration model of Region Sörmland and the county&apos;s municipalities for children and young people who need support from more than one organisation: school, social services and health care work together so that no child falls between the cracks.</source>
        <translation>Tillsammans för barnens bästa (TFBB) är samverkansmodellen mellan Region Sörmland och länets kommuner för barn och unga som behöver stöd från flera verksamheter: skola, socialtjänst och hälso- och sjukvård arbetar tillsammans så att inget barn faller mellan stolarna.</translation>
    </message>
    <message>
        <source>The catalogue is empty. Import an export file with File → Import export file (Ctrl+O).</source>
        <translation>Katalogen är tom. Importera en exportfil med Arkiv → Importera exportfil (Ctrl+O).</translation>
    </message>
    <message>
        <source>The catalogue holds who to contact at each principal, good examples and lessons learnt, and the ongoing work with its meetings, workshops and webinars:</source>
        <translation>Katalogen visar vem du kontaktar hos varje huvudman, goda exempel och lärdomar, och det pågående arbetet med möten, workshoppar och webbinarier:</translation>
    </message>
    <message>
        <source>It is published by %1 as an export file. The app looks for a new version in the folder named under File → Settings, or you import the file with File → Import export file (Ctrl+O). Your favourites, notes and suggestions stay on this computer and an update never changes them.</source>
        <translation>Den ges ut av %1 som en exportfil. Appen letar själv efter en ny version i mappen som anges under Arkiv → Inställningar, eller så importerar du filen med Arkiv → Importera exportfil (Ctrl+O). Dina favoriter, anteckningar och förslag finns kvar på den här datorn och ändras aldrig av en uppdatering.</translation>
    </message>
    <message>
        <source>the publisher</source>
        <translation>utgivaren</translation>
    </message>
    <message>
        <source>This is version %1 of the catalogue, of %2.</source>
        <translation>Det här är version %1 av katalogen, från %2.</translation>
    </message>
    <message>
        <source>It expired on %1: ask for a newer export file.</source>
        <translation>Den gick ut %1: be om en nyare exportfil.</translation>
    </message>
    <message>
        <source>It is valid until %1.</source>
        <translation>Den gäller till och med %1.</translation>
    </message>
    <message>
        <source>Choose an entry in the list to see its details, or search the whole catalogue with Ctrl+F. Help → Manual (F1) tells more.</source>
        <translation>Välj en post i listan för att se detaljerna, eller sök i hela katalogen med Ctrl+F. Hjälp → Handbok (F1) berättar mer.</translation>
    </message>
</context>
<context>
    <name>Workbook</name>
    <message>
        <source>The catalogue&apos;s monthly export is made from this workbook.</source>
        <translation>Katalogens månadsexport görs från den här arbetsboken.</translation>
    </message>
    <message>
        <source>Each sheet holds one kind of entry or one vocabulary; each row is one entry. Row 2 names the field in the export: do not change it.</source>
        <translation>Varje blad innehåller en sorts poster eller en ordlista, och varje rad är en post. Rad 2 anger fältets namn i exporten: ändra den inte.</translation>
    </message>
    <message>
        <source>Leave a cell empty when the value is not known. A list (roles, principals, tags) has one value per line in its cell.</source>
        <translation>Lämna en cell tom när värdet inte är känt. En lista (roller, huvudmän, taggar) har ett värde per rad i sin cell.</translation>
    </message>
    <message>
        <source>A link is written as: label | https://address</source>
        <translation>En länk skrivs så här: benämning | https://adress</translation>
    </message>
    <message>
        <source>References are ids: a contact&apos;s principal is the id of a row on the sheet principals, a kind is the id of a row of its vocabulary.</source>
        <translation>Hänvisningar är id:n: en kontaktpersons huvudman är id:t på en rad på bladet principals, en sort är id:t på en rad i sin ordlista.</translation>
    </message>
    <message>
        <source>Dates are dates (YYYY-MM-DD).</source>
        <translation>Datum skrivs som datum (ÅÅÅÅ-MM-DD).</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>The catalogue could not be opened.</source>
        <translation>Katalogen kunde inte öppnas.</translation>
    </message>
</context>
</TS>
