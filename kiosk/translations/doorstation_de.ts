<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
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
            <source>Checked in at %1</source>
            <translation>Eingecheckt um %1</translation>
        </message>
        <message>
            <source>No one found. Check the spelling, or try the email.</source>
            <translation>Niemand gefunden. Schreibweise prüfen oder mit der E-Mail versuchen.</translation>
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
</TS>
