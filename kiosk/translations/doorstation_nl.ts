<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
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
            <source>Checked in at %1</source>
            <translation>Ingecheckt om %1</translation>
        </message>
        <message>
            <source>No one found. Check the spelling, or try the email.</source>
            <translation>Niemand gevonden. Controleer de spelling of probeer het e-mailadres.</translation>
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
</TS>
