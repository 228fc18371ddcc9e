<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <source>%Ln scan(s) the previous server refused remain: export or discard them.</source>
        <translation>
            <numerusform>%Ln scan the previous server refused remains: export or discard it.</numerusform>
            <numerusform>%Ln scans the previous server refused remain: export or discard them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln scan exported to %1.</numerusform>
            <numerusform>%Ln scans exported to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) discarded.</source>
        <translation>
            <numerusform>%Ln scan discarded.</numerusform>
            <numerusform>%Ln scans discarded.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message numerus="yes">
        <source>%1, %Ln resolved</source>
        <translation>
            <numerusform>%1, %Ln resolved</numerusform>
            <numerusform>%1, %Ln resolved</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message numerus="yes">
        <source>Wrong PIN %Ln time(s). Try again in %1 s.</source>
        <translation>
            <numerusform>Wrong PIN %Ln time. Try again in %1 s.</numerusform>
            <numerusform>Wrong PIN %Ln times. Try again in %1 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StationWords</name>
    <message numerus="yes">
        <source>Server busy; retrying in %Ln second(s).</source>
        <translation>
            <numerusform>Server busy; retrying in %Ln second.</numerusform>
            <numerusform>Server busy; retrying in %Ln seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server&apos;s change feed is not in the expected form (%Ln problem(s)); is the server a different version?</source>
        <translation>
            <numerusform>The server&apos;s change feed is not in the expected form (%Ln problem); is the server a different version?</numerusform>
            <numerusform>The server&apos;s change feed is not in the expected form (%Ln problems); is the server a different version?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The conference is over: this kiosk forgets it once its %Ln waiting scan(s) reach the server.</source>
        <translation>
            <numerusform>The conference is over: this kiosk forgets it once its %Ln waiting scan reaches the server.</numerusform>
            <numerusform>The conference is over: this kiosk forgets it once its %Ln waiting scans reach the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong pairing codes from this address; try again in %Ln minute(s).</source>
        <translation>
            <numerusform>Too many wrong pairing codes from this address; try again in %Ln minute.</numerusform>
            <numerusform>Too many wrong pairing codes from this address; try again in %Ln minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message numerus="yes">
        <source>%Ln attendee(s) cached</source>
        <translation>
            <numerusform>%Ln attendee cached</numerusform>
            <numerusform>%Ln attendees cached</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting to upload</source>
        <translation>
            <numerusform>%Ln scan waiting to upload</numerusform>
            <numerusform>%Ln scans waiting to upload</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitingScansScreen</name>
    <message numerus="yes">
        <source>%Ln scan(s) waiting for the previous server</source>
        <translation>
            <numerusform>%Ln scan waiting for the previous server</numerusform>
            <numerusform>%Ln scans waiting for the previous server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</source>
        <translation>
            <numerusform>This kiosk still has %Ln scan of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scan first:</numerusform>
            <numerusform>This kiosk still has %Ln scans of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discard the %Ln scan(s) (PIN)</source>
        <translation>
            <numerusform>Discard the %Ln scan (PIN)</numerusform>
            <numerusform>Discard the %Ln scans (PIN)</numerusform>
        </translation>
    </message>
</context>
</TS>
