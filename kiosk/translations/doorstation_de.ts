<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CacheWorker</name>
    <message>
        <source>Could not set up the station</source>
        <translation>Station konnte nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>Could not record this scan</source>
        <translation>Scan konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Could not count the scans waiting to upload</source>
        <translation>Wartende Scans konnten nicht gezählt werden</translation>
    </message>
    <message>
        <source>Could not record the printed badge</source>
        <translation>Gedruckter Badge konnte nicht vermerkt werden</translation>
    </message>
    <message>
        <source>Could not read the badges sent from the console</source>
        <translation>Badges aus der Konsole konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not search</source>
        <translation>Suche nicht möglich</translation>
    </message>
    <message>
        <source>Could not undo the last scan</source>
        <translation>Letzter Scan konnte nicht zurückgenommen werden</translation>
    </message>
    <message>
        <source>Could not count this station&apos;s scans</source>
        <translation>Scans dieser Station konnten nicht gezählt werden</translation>
    </message>
    <message>
        <source>Could not list the products</source>
        <translation>Produkte konnten nicht aufgelistet werden</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Could not protect the data with the new PIN: %1</source>
        <translation>Daten konnten nicht mit der neuen PIN geschützt werden: %1</translation>
    </message>
    <message>
        <source>Uploading to the previous server…</source>
        <translation>Lade zum bisherigen Server hoch…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) the previous server refused remain: export or discard them.</source>
        <translation>
            <numerusform>%Ln Scan, den der bisherige Server abgelehnt hat, bleibt übrig: exportieren oder verwerfen.</numerusform>
            <numerusform>%Ln Scans, die der bisherige Server abgelehnt hat, bleiben übrig: exportieren oder verwerfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploaded to the previous server.</source>
        <translation>Zum bisherigen Server hochgeladen.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportiere…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln Scan nach %1 exportiert.</numerusform>
            <numerusform>%Ln Scans nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export them: %1</source>
        <translation>Export nicht möglich: %1</translation>
    </message>
    <message>
        <source>Wrong PIN: the scans are kept.</source>
        <translation>Falsche PIN: Die Scans bleiben erhalten.</translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation>Verwerfe…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) discarded.</source>
        <translation>
            <numerusform>%Ln Scan verworfen.</numerusform>
            <numerusform>%Ln Scans verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk error</source>
        <translation>Kiosk-Fehler</translation>
    </message>
    <message>
        <source>%1. Call the organisers if it happens again.</source>
        <translation>%1. Rufen Sie das Orga-Team, wenn es wieder passiert.</translation>
    </message>
    <message>
        <source>Not scanning yet</source>
        <translation>Noch kein Scannen</translation>
    </message>
    <message>
        <source>Finish the station set-up first.</source>
        <translation>Richten Sie zuerst die Station fertig ein.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Badge wird gedruckt…</translation>
    </message>
    <message>
        <source>Wrong PIN: nothing was deleted.</source>
        <translation>Falsche PIN: Nichts wurde gelöscht.</translation>
    </message>
    <message>
        <source>Could not delete everything this kiosk holds (%1); call the organisers.</source>
        <translation>Nicht alles auf diesem Kiosk konnte gelöscht werden (%1); rufen Sie das Orga-Team.</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>Operator panel</source>
        <translation>Bedienfeld</translation>
    </message>
    <message>
        <source>Admitted here</source>
        <translation>Hier eingelassen</translation>
    </message>
    <message>
        <source>Admitted with a warning</source>
        <translation>Mit Warnung eingelassen</translation>
    </message>
    <message>
        <source>Refused here</source>
        <translation>Hier abgewiesen</translation>
    </message>
    <message>
        <source>Checked in (conference)</source>
        <translation>Eingecheckt (Konferenz)</translation>
    </message>
    <message>
        <source>Attendees cached</source>
        <translation>Gespeicherte Personen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Wie das System (%1)</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>Letzten Scan zurücknehmen</translation>
    </message>
    <message>
        <source>Reprint last badge</source>
        <translation>Letzten Badge neu drucken</translation>
    </message>
    <message>
        <source>Change station</source>
        <translation>Station ändern</translation>
    </message>
    <message>
        <source>Pair with another server</source>
        <translation>Mit anderem Server koppeln</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Zurück zum Scannen</translation>
    </message>
    <message>
        <source>Quit Doorstation</source>
        <translation>Doorstation beenden</translation>
    </message>
    <message>
        <source>PIN, to forget the conference</source>
        <translation>PIN, um die Konferenz zu vergessen</translation>
    </message>
    <message>
        <source>Forget this conference</source>
        <translation>Diese Konferenz vergessen</translation>
    </message>
    <message>
        <source>Conflicts (from the server)</source>
        <translation>Konflikte (vom Server)</translation>
    </message>
    <message>
        <source>Conflicts: asking the server…</source>
        <translation>Konflikte: Frage den Server…</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>Conflicts: not available (%1)</source>
        <translation>Konflikte: nicht verfügbar (%1)</translation>
    </message>
    <message>
        <source>Conflicts (from the server): %1</source>
        <translation>Konflikte (vom Server): %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %Ln resolved</source>
        <translation>
            <numerusform>%1, %Ln gelöst</numerusform>
            <numerusform>%1, %Ln gelöst</numerusform>
        </translation>
    </message>
    <message>
        <source>None. Every scan agreed with the server.</source>
        <translation>Keine. Jeder Scan stimmte mit dem Server überein.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>a scan at a station</comment>
        <translation>%1 an %2</translation>
    </message>
    <message>
        <source>(code %1)</source>
        <translation>(Code %1)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a conflict: where and when, then what happened</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Resolved by %1 at %2</source>
        <translation>Gelöst von %1 um %2</translation>
    </message>
    <message>
        <source>Resolved at %2</source>
        <translation>Gelöst um %2</translation>
    </message>
    <message>
        <source>%1 of %2 at %3: %4</source>
        <translation>%1 von %2 um %3: %4</translation>
    </message>
    <message>
        <source>Scans the server refused, kept here: %1</source>
        <translation>Vom Server abgelehnte Scans, hier aufbewahrt: %1</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>from `doorstation devices add`</source>
        <translation>aus `doorstation devices add`</translation>
    </message>
    <message>
        <source>Pair this kiosk</source>
        <translation>Kiosk koppeln</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Kopplungscode</translation>
    </message>
    <message>
        <source>Pair this kiosk with the Doorstation server</source>
        <translation>Diesen Kiosk mit dem Doorstation-Server koppeln</translation>
    </message>
    <message>
        <source>Type the pairing code the organisers gave you, or scan the pairing QR code.</source>
        <translation>Geben Sie den Kopplungscode vom Orga-Team ein oder scannen Sie den Kopplungs-QR-Code.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Kopple…</translation>
    </message>
    <message>
        <source>The server address starts with http:// or https://.</source>
        <translation>Die Serveradresse beginnt mit http:// oder https://.</translation>
    </message>
    <message>
        <source>Type the pairing code (at least 4 characters).</source>
        <translation>Geben Sie den Kopplungscode ein (mindestens 4 Zeichen).</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Zurück zum Scannen</translation>
    </message>
    <message>
        <source>Conference data locked</source>
        <translation>Konferenzdaten gesperrt</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>This computer has no key store (Secret Service, Windows Credential Manager, macOS Keychain), so the conference data on this kiosk stays locked after each start until the operator enters the PIN. With a key store, the kiosk opens by itself.</source>
        <translation>Dieser Computer hat keinen Schlüsselspeicher (Secret Service, Windows-Anmeldeinformationsverwaltung, macOS-Schlüsselbund). Darum bleiben die Konferenzdaten auf diesem Kiosk nach jedem Start gesperrt, bis die Bedienung die PIN eingibt. Mit einem Schlüsselspeicher öffnet sich der Kiosk von selbst.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Bedien-PIN</translation>
    </message>
    <message>
        <source>Open operator panel</source>
        <translation>Bedienfeld öffnen</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Falsche PIN.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %Ln time(s). Try again in %1 s.</source>
        <translation>
            <numerusform>%Ln-mal falsche PIN. Erneut versuchen in %1 s.</numerusform>
            <numerusform>%Ln-mal falsche PIN. Erneut versuchen in %1 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintStation</name>
    <message>
        <source>Badge printed</source>
        <translation>Badge gedruckt</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Druck fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>Druckerfehler</translation>
    </message>
    <message>
        <source>%1 The badge is kept: reprint it from the operator panel.</source>
        <translation>%1 Der Badge bleibt gespeichert: im Bedienfeld neu drucken.</translation>
    </message>
    <message>
        <source>Already printed at %1, %2 — print again?</source>
        <translation>Bereits gedruckt um %1, %2 – erneut drucken?</translation>
    </message>
    <message>
        <source>Already printed at %1 — print again?</source>
        <translation>Bereits gedruckt um %1 – erneut drucken?</translation>
    </message>
    <message>
        <source>Enter: print again. Any other key, or wait: no.</source>
        <translation>Enter: erneut drucken. Jede andere Taste oder warten: nein.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Badge wird gedruckt…</translation>
    </message>
    <message>
        <source>Nothing to reprint yet.</source>
        <translation>Noch nichts zum Neudrucken.</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Operator</source>
        <translation>Bedienung</translation>
    </message>
    <message>
        <source>Scan your badge</source>
        <translation>Badge scannen</translation>
    </message>
    <message>
        <source>Hold the QR code on your badge to the scanner or the camera.</source>
        <translation>Halten Sie den QR-Code Ihres Badges an den Scanner oder die Kamera.</translation>
    </message>
    <message>
        <source>No badge? Search by name, email or code</source>
        <translation>Kein Badge? Nach Name, E-Mail oder Code suchen</translation>
    </message>
    <message>
        <source>Checked in at %1, %2</source>
        <translation>Eingecheckt um %1, %2</translation>
    </message>
    <message>
        <source>Checked in at %1</source>
        <translation>Eingecheckt um %1</translation>
    </message>
    <message>
        <source>No one found. Check the spelling, or try the email.</source>
        <translation>Niemand gefunden. Schreibweise prüfen oder mit der E-Mail versuchen.</translation>
    </message>
</context>
<context>
    <name>StationScreen</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Stationsname</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>Check-in-Liste</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Bedien-PIN</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>Badge size</source>
        <translation>Badgegröße</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Station einrichten</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Wie das System (%1)</translation>
    </message>
    <message>
        <source>e.g. Door B</source>
        <translation>z. B. Tür B</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>Keine Zone</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>leer lassen, um die PIN zu behalten</translation>
    </message>
    <message>
        <source>4 to 12 digits, to leave kiosk mode</source>
        <translation>4 bis 12 Ziffern, zum Verlassen des Kioskmodus</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Keine Kamera</translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no way out without the PIN</source>
        <translation>Kioskmodus: Vollbild, kein Verlassen ohne PIN</translation>
    </message>
    <message>
        <source>Printing a badge also checks the attendee in</source>
        <translation>Badge-Druck checkt die Person auch ein</translation>
    </message>
    <message>
        <source>PDF files in the kiosk&apos;s data folder</source>
        <translation>PDF-Dateien im Datenordner des Kiosks</translation>
    </message>
    <message>
        <source>Landscape badges</source>
        <translation>Badges im Querformat</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>Scannen starten</translation>
    </message>
    <message>
        <source>Only add-ons (meals, T-shirts) can be redeemed; choose an add-on.</source>
        <translation>Nur Zusatzleistungen (Essen, T-Shirts) lassen sich einlösen; wählen Sie eine Zusatzleistung.</translation>
    </message>
    <message>
        <source>Image files (--camera-file): %1</source>
        <translation>Bilddateien (--camera-file): %1</translation>
    </message>
    <message>
        <source>Entry of %1</source>
        <translation>Eingang von %1</translation>
    </message>
    <message>
        <source>Exit of %1</source>
        <translation>Ausgang von %1</translation>
    </message>
    <message>
        <source>Transfer from %1 into %2</source>
        <translation>Wechsel von %1 nach %2</translation>
    </message>
    <message>
        <source>%1 (ticket)</source>
        <translation>%1 (Ticket)</translation>
    </message>
    <message>
        <source>%1 (add-on)</source>
        <translation>%1 (Zusatzleistung)</translation>
    </message>
    <message>
        <source>No list names this station: admit as before</source>
        <translation>Keine Liste nennt diese Station: Einlass wie bisher</translation>
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
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Door check for one product</source>
        <translation>Türkontrolle für ein Produkt</translation>
    </message>
    <message>
        <source>Redemption of one product</source>
        <translation>Einlösung eines Produkts</translation>
    </message>
    <message>
        <source>Badge printing</source>
        <translation>Badge-Druck</translation>
    </message>
    <message>
        <source>Door check</source>
        <translation>Türkontrolle</translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation>Einlösung</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <source>Badge print</source>
        <translation>Badge-Druck</translation>
    </message>
    <message>
        <source>Refused scan</source>
        <translation>Abgewiesener Scan</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>The organisers revoked this kiosk: everything it held of the conference has been deleted from it. Pair it again to use it.</source>
        <translation>Das Orga-Team hat diesen Kiosk gesperrt: Alles, was er von der Konferenz hatte, wurde gelöscht. Koppeln Sie ihn neu, um ihn zu nutzen.</translation>
    </message>
    <message>
        <source>The conference is over: as the organisers set, everything this kiosk held of it has been deleted. Pair it with another conference to use it again.</source>
        <translation>Die Konferenz ist vorbei: Wie vom Orga-Team eingestellt, wurde alles gelöscht, was dieser Kiosk von ihr hatte. Koppeln Sie ihn mit einer anderen Konferenz, um ihn wieder zu nutzen.</translation>
    </message>
    <message>
        <source>This kiosk forgot the conference: everything it held of it has been deleted. Pair it again to use it.</source>
        <translation>Dieser Kiosk hat die Konferenz vergessen: Alles, was er von ihr hatte, wurde gelöscht. Koppeln Sie ihn neu, um ihn zu nutzen.</translation>
    </message>
    <message>
        <source>Give the station a name, e.g. &apos;Door B&apos;.</source>
        <translation>Geben Sie der Station einen Namen, z. B. „Tür B“.</translation>
    </message>
    <message>
        <source>Choose the product for this mode.</source>
        <translation>Wählen Sie das Produkt für diesen Modus.</translation>
    </message>
    <message>
        <source>Choose the zone this station is the door of.</source>
        <translation>Wählen Sie die Zone, deren Tür diese Station ist.</translation>
    </message>
    <message>
        <source>Choose the zone a transfer leads into.</source>
        <translation>Wählen Sie die Zone, in die ein Wechsel führt.</translation>
    </message>
    <message>
        <source>The PIN is 4 to 12 digits.</source>
        <translation>Die PIN hat 4 bis 12 Ziffern.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation>Server unter %1 nicht erreichbar.</translation>
    </message>
    <message>
        <source>The server answered %1; try again in a moment.</source>
        <translation>Der Server antwortete %1; gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>That pairing code is not valid: it may have been used or have expired. Ask for a new one on the console&apos;s devices page.</source>
        <translation>Dieser Kopplungscode ist ungültig: Er wurde vielleicht schon verwendet oder ist abgelaufen. Fordern Sie auf der Geräteseite der Konsole einen neuen an.</translation>
    </message>
    <message>
        <source>Too many wrong pairing codes from this address; try again later.</source>
        <translation>Zu viele falsche Kopplungscodes von dieser Adresse; versuchen Sie es später erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong pairing codes from this address; try again in %Ln minute(s).</source>
        <translation>
            <numerusform>Zu viele falsche Kopplungscodes von dieser Adresse; versuchen Sie es in %Ln Minute erneut.</numerusform>
            <numerusform>Zu viele falsche Kopplungscodes von dieser Adresse; versuchen Sie es in %Ln Minuten erneut.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The conference is over: this kiosk forgets it once its %Ln waiting scan(s) reach the server.</source>
        <translation>
            <numerusform>Die Konferenz ist vorbei: Dieser Kiosk vergisst sie, sobald sein %Ln wartender Scan beim Server ist.</numerusform>
            <numerusform>Die Konferenz ist vorbei: Dieser Kiosk vergisst sie, sobald seine %Ln wartenden Scans beim Server sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scans for the previous server are still waiting: upload, export or discard them first.</source>
        <translation>Scans für den bisherigen Server warten noch: zuerst hochladen, exportieren oder verwerfen.</translation>
    </message>
    <message>
        <source>Took back the check-in of %1.</source>
        <translation>Check-in von %1 zurückgenommen.</translation>
    </message>
    <message>
        <source>Took back the exit of %1.</source>
        <translation>Ausgang von %1 zurückgenommen.</translation>
    </message>
    <message>
        <source>Took back the door check of %1.</source>
        <translation>Türkontrolle von %1 zurückgenommen.</translation>
    </message>
    <message>
        <source>Took back the redemption of %1.</source>
        <translation>Einlösung von %1 zurückgenommen.</translation>
    </message>
    <message>
        <source>Took back the last scan of %1.</source>
        <translation>Letzten Scan von %1 zurückgenommen.</translation>
    </message>
    <message>
        <source>There is no admitted scan to undo at this station.</source>
        <translation>An dieser Station gibt es keinen Einlass-Scan zum Zurücknehmen.</translation>
    </message>
    <message>
        <source>This kiosk has been revoked by the organisers; pair it again.</source>
        <translation>Dieser Kiosk wurde von den Veranstaltern gesperrt; koppeln Sie ihn neu.</translation>
    </message>
    <message>
        <source>Server unreachable (%1); retrying.</source>
        <translation>Server nicht erreichbar (%1); neuer Versuch folgt.</translation>
    </message>
    <message numerus="yes">
        <source>Server busy; retrying in %Ln second(s).</source>
        <translation>
            <numerusform>Server ausgelastet; neuer Versuch in %Ln Sekunde.</numerusform>
            <numerusform>Server ausgelastet; neuer Versuch in %Ln Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server error %1; retrying.</source>
        <translation>Serverfehler %1; neuer Versuch folgt.</translation>
    </message>
    <message>
        <source>The server does not recognise this kiosk (401): a different or reset server? Retrying; pair again if it lasts.</source>
        <translation>Der Server erkennt diesen Kiosk nicht (401): ein anderer oder zurückgesetzter Server? Neuer Versuch folgt; koppeln Sie ihn neu, wenn es anhält.</translation>
    </message>
    <message>
        <source>The server refused the sync (%1): %2</source>
        <translation>Der Server hat die Synchronisierung abgelehnt (%1): %2</translation>
    </message>
    <message>
        <source>Something other than the Doorstation server answered (%1, %2): a Wi-Fi sign-in page or a proxy? Retrying.</source>
        <translation>Etwas anderes als der Doorstation-Server hat geantwortet (%1, %2): eine WLAN-Anmeldeseite oder ein Proxy? Neuer Versuch folgt.</translation>
    </message>
    <message numerus="yes">
        <source>The server&apos;s change feed is not in the expected form (%Ln problem(s)); is the server a different version?</source>
        <translation>
            <numerusform>Der Änderungsfeed des Servers hat nicht die erwartete Form (%Ln Problem); läuft auf dem Server eine andere Version?</numerusform>
            <numerusform>Der Änderungsfeed des Servers hat nicht die erwartete Form (%Ln Probleme); läuft auf dem Server eine andere Version?</numerusform>
        </translation>
    </message>
    <message>
        <source>The server answered for none of the scans sent; retrying.</source>
        <translation>Der Server hat auf keinen der gesendeten Scans geantwortet; neuer Versuch folgt.</translation>
    </message>
    <message>
        <source>This kiosk was not paired before: there is no previous server to upload to.</source>
        <translation>Dieser Kiosk war noch nicht gekoppelt: Es gibt keinen vorherigen Server, an den hochgeladen werden kann.</translation>
    </message>
    <message>
        <source>The previous server at %1 cannot be reached.</source>
        <translation>Der vorherige Server unter %1 ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The previous server at %1 answered %2; try again in a moment.</source>
        <translation>Der vorherige Server unter %1 hat %2 geantwortet; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The previous server at %1 no longer knows this kiosk (a reset server?): export the scans to a file instead.</source>
        <translation>Der vorherige Server unter %1 kennt diesen Kiosk nicht mehr (ein zurückgesetzter Server?): Exportieren Sie die Scans stattdessen in eine Datei.</translation>
    </message>
    <message>
        <source>Sync failed (%1); retrying.</source>
        <translation>Synchronisierung fehlgeschlagen (%1); neuer Versuch folgt.</translation>
    </message>
    <message>
        <source>The server&apos;s records went back (version %1, this kiosk had %2): restored from a backup? Downloaded everything again.</source>
        <translation>Die Daten des Servers sind zurückgesprungen (Version %1, dieser Kiosk hatte %2): aus einer Sicherung wiederhergestellt? Alles wurde neu heruntergeladen.</translation>
    </message>
    <message>
        <source>The server is not the one this kiosk was paired with: downloaded everything again.</source>
        <translation>Das ist nicht der Server, mit dem dieser Kiosk gekoppelt wurde: Alles wurde neu heruntergeladen.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>● Connecting…</source>
        <translation>● Verbinde…</translation>
    </message>
    <message>
        <source>● Revoked: pair this kiosk again</source>
        <translation>● Gesperrt: Kiosk neu koppeln</translation>
    </message>
    <message>
        <source>● Offline: scanning goes on</source>
        <translation>● Offline: Scannen geht weiter</translation>
    </message>
    <message>
        <source>● Sync problem: scanning goes on</source>
        <translation>● Sync-Problem: Scannen geht weiter</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Letzter Abgleich %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht abgeglichen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln attendee(s) cached</source>
        <translation>
            <numerusform>%Ln Person gespeichert</numerusform>
            <numerusform>%Ln Personen gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting to upload</source>
        <translation>
            <numerusform>%Ln Scan wartet auf Upload</numerusform>
            <numerusform>%Ln Scans warten auf Upload</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 set aside (see the operator panel)</source>
        <translation>%1, %2 zurückgestellt (siehe Bedienfeld)</translation>
    </message>
</context>
<context>
    <name>WaitingScansScreen</name>
    <message>
        <source>Export them to a file</source>
        <translation>In eine Datei exportieren</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Bedien-PIN</translation>
    </message>
    <message>
        <source>Scans waiting for the previous server</source>
        <translation>Scans warten auf den bisherigen Server</translation>
    </message>
    <message>
        <source>Upload them to the previous server first</source>
        <translation>Zuerst zum bisherigen Server hochladen</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>Verwerfen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting for the previous server</source>
        <translation>
            <numerusform>%Ln Scan wartet auf den bisherigen Server</numerusform>
            <numerusform>%Ln Scans warten auf den bisherigen Server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</source>
        <translation>
            <numerusform>Dieser Kiosk hat noch %Ln Scan von %1, den %2 nicht erhalten hat. Er ist jetzt mit %3 (%4) gekoppelt und beginnt mit einem frischen Speicher. Wählen Sie zuerst, was mit dem wartenden Scan geschieht:</numerusform>
            <numerusform>Dieser Kiosk hat noch %Ln Scans von %1, die %2 nicht erhalten hat. Er ist jetzt mit %3 (%4) gekoppelt und beginnt mit einem frischen Speicher. Wählen Sie zuerst, was mit den wartenden Scans geschieht:</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload them to %1 first</source>
        <translation>Zuerst zu %1 hochladen</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %Ln scan(s) (PIN)</source>
        <translation>
            <numerusform>Den %Ln Scan verwerfen (PIN)</numerusform>
            <numerusform>Die %Ln Scans verwerfen (PIN)</numerusform>
        </translation>
    </message>
</context>
</TS>
