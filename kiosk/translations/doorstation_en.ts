<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
</TS>
