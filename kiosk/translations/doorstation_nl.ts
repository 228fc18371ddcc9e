<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>CacheWorker</name>
    <message>
        <source>Could not set up the station</source>
        <translation>Kon het station niet instellen</translation>
    </message>
    <message>
        <source>Could not record this scan</source>
        <translation>Kon deze scan niet vastleggen</translation>
    </message>
    <message>
        <source>Could not count the scans waiting to upload</source>
        <translation>Kon de scans die op upload wachten niet tellen</translation>
    </message>
    <message>
        <source>Could not record the printed badge</source>
        <translation>Kon de geprinte badge niet vastleggen</translation>
    </message>
    <message>
        <source>Could not read the badges sent from the console</source>
        <translation>Kon de badges uit de console niet lezen</translation>
    </message>
    <message>
        <source>Could not search</source>
        <translation>Kon niet zoeken</translation>
    </message>
    <message>
        <source>Could not undo the last scan</source>
        <translation>Kon de laatste scan niet ongedaan maken</translation>
    </message>
    <message>
        <source>Could not count this station&apos;s scans</source>
        <translation>Kon de scans van dit station niet tellen</translation>
    </message>
    <message>
        <source>Could not list the products</source>
        <translation>Kon de producten niet ophalen</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Could not protect the data with the new PIN: %1</source>
        <translation>Kon de gegevens niet met de nieuwe pincode beveiligen: %1</translation>
    </message>
    <message>
        <source>Uploading to the previous server…</source>
        <translation>Uploaden naar de vorige server…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) the previous server refused remain: export or discard them.</source>
        <translation>
            <numerusform>%Ln scan die de vorige server weigerde blijft over: exporteer of verwijder hem.</numerusform>
            <numerusform>%Ln scans die de vorige server weigerde blijven over: exporteer of verwijder ze.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploaded to the previous server.</source>
        <translation>Geüpload naar de vorige server.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporteren…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln scan geëxporteerd naar %1.</numerusform>
            <numerusform>%Ln scans geëxporteerd naar %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export them: %1</source>
        <translation>Kon ze niet exporteren: %1</translation>
    </message>
    <message>
        <source>Wrong PIN: the scans are kept.</source>
        <translation>Verkeerde pincode: de scans blijven bewaard.</translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation>Verwijderen…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) discarded.</source>
        <translation>
            <numerusform>%Ln scan verwijderd.</numerusform>
            <numerusform>%Ln scans verwijderd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk error</source>
        <translation>Kioskfout</translation>
    </message>
    <message>
        <source>%1. Call the organisers if it happens again.</source>
        <translation>%1. Roep de organisatie als het weer gebeurt.</translation>
    </message>
    <message>
        <source>Not scanning yet</source>
        <translation>Nog niet aan het scannen</translation>
    </message>
    <message>
        <source>Finish the station set-up first.</source>
        <translation>Rond eerst de instelling van het station af.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Badge wordt geprint…</translation>
    </message>
    <message>
        <source>Wrong PIN: nothing was deleted.</source>
        <translation>Verkeerde pincode: er is niets verwijderd.</translation>
    </message>
    <message>
        <source>Could not delete everything this kiosk holds (%1); call the organisers.</source>
        <translation>Kon niet alles op deze kiosk verwijderen (%1); roep de organisatie.</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>Operator panel</source>
        <translation>Bedieningspaneel</translation>
    </message>
    <message>
        <source>Admitted here</source>
        <translation>Hier toegelaten</translation>
    </message>
    <message>
        <source>Admitted with a warning</source>
        <translation>Toegelaten met waarschuwing</translation>
    </message>
    <message>
        <source>Refused here</source>
        <translation>Hier geweigerd</translation>
    </message>
    <message>
        <source>Checked in (conference)</source>
        <translation>Ingecheckt (congres)</translation>
    </message>
    <message>
        <source>Attendees cached</source>
        <translation>Deelnemers in cache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Die van het systeem (%1)</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>Laatste scan ongedaan maken</translation>
    </message>
    <message>
        <source>Reprint last badge</source>
        <translation>Laatste badge opnieuw printen</translation>
    </message>
    <message>
        <source>Change station</source>
        <translation>Station wijzigen</translation>
    </message>
    <message>
        <source>Pair with another server</source>
        <translation>Met een andere server koppelen</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Terug naar scannen</translation>
    </message>
    <message>
        <source>Quit Doorstation</source>
        <translation>Doorstation afsluiten</translation>
    </message>
    <message>
        <source>PIN, to forget the conference</source>
        <translation>Pincode, om het congres te vergeten</translation>
    </message>
    <message>
        <source>Forget this conference</source>
        <translation>Dit congres vergeten</translation>
    </message>
    <message>
        <source>Conflicts (from the server)</source>
        <translation>Conflicten (van de server)</translation>
    </message>
    <message>
        <source>Conflicts: asking the server…</source>
        <translation>Conflicten: de server wordt gevraagd…</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>Conflicts: not available (%1)</source>
        <translation>Conflicten: niet beschikbaar (%1)</translation>
    </message>
    <message>
        <source>Conflicts (from the server): %1</source>
        <translation>Conflicten (van de server): %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %Ln resolved</source>
        <translation>
            <numerusform>%1, %Ln opgelost</numerusform>
            <numerusform>%1, %Ln opgelost</numerusform>
        </translation>
    </message>
    <message>
        <source>None. Every scan agreed with the server.</source>
        <translation>Geen. Elke scan kwam overeen met de server.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>a scan at a station</comment>
        <translation>%1 bij %2</translation>
    </message>
    <message>
        <source>(code %1)</source>
        <translation>(code %1)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a conflict: where and when, then what happened</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Resolved by %1 at %2</source>
        <translation>Opgelost door %1 om %2</translation>
    </message>
    <message>
        <source>Resolved at %2</source>
        <translation>Opgelost om %2</translation>
    </message>
    <message>
        <source>%1 of %2 at %3: %4</source>
        <translation>%1 van %2 om %3: %4</translation>
    </message>
    <message>
        <source>Scans the server refused, kept here: %1</source>
        <translation>Scans die de server weigerde, hier bewaard: %1</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>from `doorstation devices add`</source>
        <translation>uit `doorstation devices add`</translation>
    </message>
    <message>
        <source>Pair this kiosk</source>
        <translation>Deze kiosk koppelen</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradres</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Koppelcode</translation>
    </message>
    <message>
        <source>Pair this kiosk with the Doorstation server</source>
        <translation>Koppel deze kiosk aan de Doorstation-server</translation>
    </message>
    <message>
        <source>Type the pairing code the organisers gave you, or scan the pairing QR code.</source>
        <translation>Typ de koppelcode die je van de organisatie kreeg, of scan de QR-code om te koppelen.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Koppelen…</translation>
    </message>
    <message>
        <source>The server address starts with http:// or https://.</source>
        <translation>Het serveradres begint met http:// of https://.</translation>
    </message>
    <message>
        <source>Type the pairing code (at least 4 characters).</source>
        <translation>Typ de koppelcode (minstens 4 tekens).</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>PIN</source>
        <translation>Pincode</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Terug naar scannen</translation>
    </message>
    <message>
        <source>Conference data locked</source>
        <translation>Congresgegevens vergrendeld</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Ontgrendelen</translation>
    </message>
    <message>
        <source>This computer has no key store (Secret Service, Windows Credential Manager, macOS Keychain), so the conference data on this kiosk stays locked after each start until the operator enters the PIN. With a key store, the kiosk opens by itself.</source>
        <translation>Deze computer heeft geen sleutelopslag (Secret Service, Windows Referentiebeheer, macOS-sleutelhanger), dus blijven de congresgegevens op deze kiosk na elke start vergrendeld tot de beheerder de pincode invoert. Met een sleutelopslag gaat de kiosk vanzelf open.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Beheerderspincode</translation>
    </message>
    <message>
        <source>Open operator panel</source>
        <translation>Bedieningspaneel openen</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Verkeerde pincode.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %Ln time(s). Try again in %1 s.</source>
        <translation>
            <numerusform>%Ln keer een verkeerde pincode. Probeer het opnieuw over %1 s.</numerusform>
            <numerusform>%Ln keer een verkeerde pincode. Probeer het opnieuw over %1 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintStation</name>
    <message>
        <source>Badge printed</source>
        <translation>Badge geprint</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Printen mislukt: %1</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>Printerfout</translation>
    </message>
    <message>
        <source>%1 The badge is kept: reprint it from the operator panel.</source>
        <translation>%1 De badge blijft bewaard: print hem opnieuw vanuit het bedieningspaneel.</translation>
    </message>
    <message>
        <source>Already printed at %1, %2 — print again?</source>
        <translation>Al geprint om %1, %2 — opnieuw printen?</translation>
    </message>
    <message>
        <source>Already printed at %1 — print again?</source>
        <translation>Al geprint om %1 — opnieuw printen?</translation>
    </message>
    <message>
        <source>Enter: print again. Any other key, or wait: no.</source>
        <translation>Enter: opnieuw printen. Andere toets, of wachten: nee.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Badge wordt geprint…</translation>
    </message>
    <message>
        <source>Nothing to reprint yet.</source>
        <translation>Nog niets om opnieuw te printen.</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Operator</source>
        <translation>Beheer</translation>
    </message>
    <message>
        <source>Scan your badge</source>
        <translation>Scan je badge</translation>
    </message>
    <message>
        <source>Hold the QR code on your badge to the scanner or the camera.</source>
        <translation>Houd de QR-code op je badge voor de scanner of de camera.</translation>
    </message>
    <message>
        <source>No badge? Search by name, email or code</source>
        <translation>Geen badge? Zoek op naam, e-mail of code</translation>
    </message>
    <message>
        <source>Checked in at %1, %2</source>
        <translation>Ingecheckt om %1, %2</translation>
    </message>
    <message>
        <source>Checked in at %1</source>
        <translation>Ingecheckt om %1</translation>
    </message>
    <message>
        <source>No one found. Check the spelling, or try the email.</source>
        <translation>Niemand gevonden. Controleer de spelling of probeer het e-mailadres.</translation>
    </message>
</context>
<context>
    <name>StationScreen</name>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Stationsnaam</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>Check-inlijst</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Beheerderspincode</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Badge size</source>
        <translation>Badgeformaat</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Dit station instellen</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Die van het systeem (%1)</translation>
    </message>
    <message>
        <source>e.g. Door B</source>
        <translation>bijv. Deur B</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>Geen zone</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>leeg laten om de huidige pincode te houden</translation>
    </message>
    <message>
        <source>4 to 12 digits, to leave kiosk mode</source>
        <translation>4 tot 12 cijfers, om de kioskmodus te verlaten</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Geen camera</translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no way out without the PIN</source>
        <translation>Kioskmodus: volledig scherm, geen uitweg zonder pincode</translation>
    </message>
    <message>
        <source>Printing a badge also checks the attendee in</source>
        <translation>Een badge printen checkt de deelnemer ook in</translation>
    </message>
    <message>
        <source>PDF files in the kiosk&apos;s data folder</source>
        <translation>PDF-bestanden in de gegevensmap van de kiosk</translation>
    </message>
    <message>
        <source>Landscape badges</source>
        <translation>Liggende badges</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>Begin met scannen</translation>
    </message>
    <message>
        <source>Only add-ons (meals, T-shirts) can be redeemed; choose an add-on.</source>
        <translation>Alleen extra&apos;s (maaltijden, T-shirts) kunnen worden ingewisseld; kies een extra.</translation>
    </message>
    <message>
        <source>Image files (--camera-file): %1</source>
        <translation>Afbeeldingsbestanden (--camera-file): %1</translation>
    </message>
    <message>
        <source>Entry of %1</source>
        <translation>Ingang van %1</translation>
    </message>
    <message>
        <source>Exit of %1</source>
        <translation>Uitgang van %1</translation>
    </message>
    <message>
        <source>Transfer from %1 into %2</source>
        <translation>Overgang van %1 naar %2</translation>
    </message>
    <message>
        <source>%1 (ticket)</source>
        <translation>%1 (ticket)</translation>
    </message>
    <message>
        <source>%1 (add-on)</source>
        <translation>%1 (extra)</translation>
    </message>
    <message>
        <source>No list names this station: admit as before</source>
        <translation>Geen lijst noemt dit station: toelaten zoals voorheen</translation>
    </message>
</context>
<context>
    <name>StationWords</name>
    <message>
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Uitgang</translation>
    </message>
    <message>
        <source>Door check for one product</source>
        <translation>Deurcontrole voor één product</translation>
    </message>
    <message>
        <source>Redemption of one product</source>
        <translation>Inwisselen van één product</translation>
    </message>
    <message>
        <source>Badge printing</source>
        <translation>Badges printen</translation>
    </message>
    <message>
        <source>Door check</source>
        <translation>Deurcontrole</translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation>Inwisselen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>Badge print</source>
        <translation>Badgeprint</translation>
    </message>
    <message>
        <source>Refused scan</source>
        <translation>Geweigerde scan</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>The organisers revoked this kiosk: everything it held of the conference has been deleted from it. Pair it again to use it.</source>
        <translation>De organisatie heeft deze kiosk ingetrokken: alles wat hij van het congres had, is verwijderd. Koppel hem opnieuw om hem te gebruiken.</translation>
    </message>
    <message>
        <source>The conference is over: as the organisers set, everything this kiosk held of it has been deleted. Pair it with another conference to use it again.</source>
        <translation>Het congres is voorbij: zoals de organisatie instelde, is alles wat deze kiosk ervan had verwijderd. Koppel hem aan een ander congres om hem weer te gebruiken.</translation>
    </message>
    <message>
        <source>This kiosk forgot the conference: everything it held of it has been deleted. Pair it again to use it.</source>
        <translation>Deze kiosk is het congres vergeten: alles wat hij ervan had, is verwijderd. Koppel hem opnieuw om hem te gebruiken.</translation>
    </message>
    <message>
        <source>Give the station a name, e.g. &apos;Door B&apos;.</source>
        <translation>Geef het station een naam, bijv. ‘Deur B’.</translation>
    </message>
    <message>
        <source>Choose the product for this mode.</source>
        <translation>Kies het product voor deze modus.</translation>
    </message>
    <message>
        <source>Choose the zone this station is the door of.</source>
        <translation>Kies de zone waarvan dit station de deur is.</translation>
    </message>
    <message>
        <source>Choose the zone a transfer leads into.</source>
        <translation>Kies de zone waar een overgang naartoe leidt.</translation>
    </message>
    <message>
        <source>The PIN is 4 to 12 digits.</source>
        <translation>De pincode heeft 4 tot 12 cijfers.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation>Kan de server op %1 niet bereiken.</translation>
    </message>
    <message>
        <source>The server answered %1; try again in a moment.</source>
        <translation>De server antwoordde %1; probeer het zo opnieuw.</translation>
    </message>
    <message>
        <source>That pairing code is not valid: it may have been used or have expired. Ask for a new one on the console&apos;s devices page.</source>
        <translation>Die koppelcode is niet geldig: hij is misschien al gebruikt of verlopen. Vraag een nieuwe aan op de apparatenpagina van de console.</translation>
    </message>
    <message>
        <source>Too many wrong pairing codes from this address; try again later.</source>
        <translation>Te veel verkeerde koppelcodes vanaf dit adres; probeer het later opnieuw.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong pairing codes from this address; try again in %Ln minute(s).</source>
        <translation>
            <numerusform>Te veel verkeerde koppelcodes vanaf dit adres; probeer het over %Ln minuut opnieuw.</numerusform>
            <numerusform>Te veel verkeerde koppelcodes vanaf dit adres; probeer het over %Ln minuten opnieuw.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The conference is over: this kiosk forgets it once its %Ln waiting scan(s) reach the server.</source>
        <translation>
            <numerusform>De conferentie is voorbij: deze kiosk vergeet haar zodra zijn %Ln wachtende scan de server bereikt.</numerusform>
            <numerusform>De conferentie is voorbij: deze kiosk vergeet haar zodra zijn %Ln wachtende scans de server bereiken.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scans for the previous server are still waiting: upload, export or discard them first.</source>
        <translation>Er wachten nog scans voor de vorige server: upload, exporteer of verwijder ze eerst.</translation>
    </message>
    <message>
        <source>Took back the check-in of %1.</source>
        <translation>Check-in van %1 teruggedraaid.</translation>
    </message>
    <message>
        <source>Took back the exit of %1.</source>
        <translation>Vertrek van %1 teruggedraaid.</translation>
    </message>
    <message>
        <source>Took back the door check of %1.</source>
        <translation>Deurcontrole van %1 teruggedraaid.</translation>
    </message>
    <message>
        <source>Took back the redemption of %1.</source>
        <translation>Inwisseling van %1 teruggedraaid.</translation>
    </message>
    <message>
        <source>Took back the last scan of %1.</source>
        <translation>Laatste scan van %1 teruggedraaid.</translation>
    </message>
    <message>
        <source>There is no admitted scan to undo at this station.</source>
        <translation>Er is geen toegelaten scan om ongedaan te maken op dit station.</translation>
    </message>
    <message>
        <source>This kiosk has been revoked by the organisers; pair it again.</source>
        <translation>Deze kiosk is door de organisatoren ingetrokken; koppel hem opnieuw.</translation>
    </message>
    <message>
        <source>Server unreachable (%1); retrying.</source>
        <translation>Server onbereikbaar (%1); wordt opnieuw geprobeerd.</translation>
    </message>
    <message numerus="yes">
        <source>Server busy; retrying in %Ln second(s).</source>
        <translation>
            <numerusform>Server bezet; nieuwe poging over %Ln seconde.</numerusform>
            <numerusform>Server bezet; nieuwe poging over %Ln seconden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server error %1; retrying.</source>
        <translation>Serverfout %1; wordt opnieuw geprobeerd.</translation>
    </message>
    <message>
        <source>The server does not recognise this kiosk (401): a different or reset server? Retrying; pair again if it lasts.</source>
        <translation>De server herkent deze kiosk niet (401): een andere of gereset server? Wordt opnieuw geprobeerd; koppel opnieuw als het aanhoudt.</translation>
    </message>
    <message>
        <source>The server refused the sync (%1): %2</source>
        <translation>De server weigerde de synchronisatie (%1): %2</translation>
    </message>
    <message>
        <source>Something other than the Doorstation server answered (%1, %2): a Wi-Fi sign-in page or a proxy? Retrying.</source>
        <translation>Iets anders dan de Doorstation-server antwoordde (%1, %2): een wifi-aanmeldpagina of een proxy? Wordt opnieuw geprobeerd.</translation>
    </message>
    <message numerus="yes">
        <source>The server&apos;s change feed is not in the expected form (%Ln problem(s)); is the server a different version?</source>
        <translation>
            <numerusform>De wijzigingsfeed van de server heeft niet de verwachte vorm (%Ln probleem); draait de server een andere versie?</numerusform>
            <numerusform>De wijzigingsfeed van de server heeft niet de verwachte vorm (%Ln problemen); draait de server een andere versie?</numerusform>
        </translation>
    </message>
    <message>
        <source>The server answered for none of the scans sent; retrying.</source>
        <translation>De server antwoordde voor geen van de verzonden scans; wordt opnieuw geprobeerd.</translation>
    </message>
    <message>
        <source>This kiosk was not paired before: there is no previous server to upload to.</source>
        <translation>Deze kiosk was nog niet gekoppeld: er is geen vorige server om naar te uploaden.</translation>
    </message>
    <message>
        <source>The previous server at %1 cannot be reached.</source>
        <translation>De vorige server op %1 is niet bereikbaar.</translation>
    </message>
    <message>
        <source>The previous server at %1 answered %2; try again in a moment.</source>
        <translation>De vorige server op %1 antwoordde %2; probeer het zo opnieuw.</translation>
    </message>
    <message>
        <source>The previous server at %1 no longer knows this kiosk (a reset server?): export the scans to a file instead.</source>
        <translation>De vorige server op %1 kent deze kiosk niet meer (een gereset server?): exporteer de scans in plaats daarvan naar een bestand.</translation>
    </message>
    <message>
        <source>Sync failed (%1); retrying.</source>
        <translation>Synchronisatie mislukt (%1); wordt opnieuw geprobeerd.</translation>
    </message>
    <message>
        <source>The server&apos;s records went back (version %1, this kiosk had %2): restored from a backup? Downloaded everything again.</source>
        <translation>De gegevens van de server zijn teruggegaan (versie %1, deze kiosk had %2): teruggezet uit een back-up? Alles is opnieuw gedownload.</translation>
    </message>
    <message>
        <source>The server is not the one this kiosk was paired with: downloaded everything again.</source>
        <translation>Dit is niet de server waarmee deze kiosk gekoppeld is: alles is opnieuw gedownload.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>● Connecting…</source>
        <translation>● Verbinden…</translation>
    </message>
    <message>
        <source>● Revoked: pair this kiosk again</source>
        <translation>● Ingetrokken: koppel deze kiosk opnieuw</translation>
    </message>
    <message>
        <source>● Offline: scanning goes on</source>
        <translation>● Offline: scannen gaat door</translation>
    </message>
    <message>
        <source>● Sync problem: scanning goes on</source>
        <translation>● Synchronisatieprobleem: scannen gaat door</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Laatste synchronisatie %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Nog niet gesynchroniseerd</translation>
    </message>
    <message numerus="yes">
        <source>%Ln attendee(s) cached</source>
        <translation>
            <numerusform>%Ln deelnemer in cache</numerusform>
            <numerusform>%Ln deelnemers in cache</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting to upload</source>
        <translation>
            <numerusform>%Ln scan wacht op upload</numerusform>
            <numerusform>%Ln scans wachten op upload</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 set aside (see the operator panel)</source>
        <translation>%1, %2 apart gezet (zie het bedieningspaneel)</translation>
    </message>
</context>
<context>
    <name>WaitingScansScreen</name>
    <message>
        <source>Export them to a file</source>
        <translation>Naar een bestand exporteren</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Beheerderspincode</translation>
    </message>
    <message>
        <source>Scans waiting for the previous server</source>
        <translation>Scans wachten op de vorige server</translation>
    </message>
    <message>
        <source>Upload them to the previous server first</source>
        <translation>Eerst naar de vorige server uploaden</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>Verwijderen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting for the previous server</source>
        <translation>
            <numerusform>%Ln scan wacht op de vorige server</numerusform>
            <numerusform>%Ln scans wachten op de vorige server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</source>
        <translation>
            <numerusform>Deze kiosk heeft nog %Ln scan van %1 die %2 niet heeft ontvangen. Hij is nu gekoppeld aan %3 (%4), die met een lege cache begint. Kies eerst wat er met de wachtende scan gebeurt:</numerusform>
            <numerusform>Deze kiosk heeft nog %Ln scans van %1 die %2 niet heeft ontvangen. Hij is nu gekoppeld aan %3 (%4), die met een lege cache begint. Kies eerst wat er met de wachtende scans gebeurt:</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload them to %1 first</source>
        <translation>Eerst naar %1 uploaden</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %Ln scan(s) (PIN)</source>
        <translation>
            <numerusform>De %Ln scan verwijderen (pincode)</numerusform>
            <numerusform>De %Ln scans verwijderen (pincode)</numerusform>
        </translation>
    </message>
</context>
</TS>
