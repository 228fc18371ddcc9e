<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
    <context>
        <name>ScanScreen</name>
        <message>
            <source>Operator</source>
            <translation>Opérateur</translation>
        </message>
        <message>
            <source>Scan your badge</source>
            <translation>Scannez votre badge</translation>
        </message>
        <message>
            <source>Hold the QR code on your badge to the scanner or the camera.</source>
            <translation>Présentez le QR code de votre badge au lecteur ou à la caméra.</translation>
        </message>
        <message>
            <source>No badge? Search by name, email or code</source>
            <translation>Pas de badge ? Cherchez par nom, e-mail ou code</translation>
        </message>
        <message>
            <source>Checked in at %1</source>
            <translation>Enregistré à %1</translation>
        </message>
        <message>
            <source>No one found. Check the spelling, or try the email.</source>
            <translation>Personne trouvé. Vérifiez l’orthographe, ou essayez l’e-mail.</translation>
        </message>
    </context>
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
