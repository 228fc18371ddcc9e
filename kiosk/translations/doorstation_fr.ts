<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
    <context>
        <name>SyncStatusBar</name>
        <message>
            <source>● Connecting…</source>
            <translation>● Connexion…</translation>
        </message>
        <message>
            <source>● Revoked: pair this kiosk again</source>
            <translation>● Révoqué : associez à nouveau ce kiosque</translation>
        </message>
        <message>
            <source>● Offline: scanning goes on</source>
            <translation>● Hors ligne : le scan continue</translation>
        </message>
        <message>
            <source>● Sync problem: scanning goes on</source>
            <translation>● Problème de synchro : le scan continue</translation>
        </message>
        <message>
            <source>● Online</source>
            <translation>● En ligne</translation>
        </message>
        <message>
            <source>Last sync %1</source>
            <translation>Dernière synchro %1</translation>
        </message>
        <message>
            <source>Not synced yet</source>
            <translation>Pas encore synchronisé</translation>
        </message>
        <message numerus="yes">
            <source>%Ln attendee(s) cached</source>
            <translation>
                <numerusform>%Ln participant en cache</numerusform>
                <numerusform>%Ln participants en cache</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln scan(s) waiting to upload</source>
            <translation>
                <numerusform>%Ln scan en attente d’envoi</numerusform>
                <numerusform>%Ln scans en attente d’envoi</numerusform>
            </translation>
        </message>
        <message>
            <source>%1, %2 set aside (see the operator panel)</source>
            <translation>%1, %2 mis de côté (voir le panneau opérateur)</translation>
        </message>
    </context>
</TS>
