<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
    <context>
        <name>ScanScreen</name>
        <message>
            <source>Operator</source>
            <translation>Operador</translation>
        </message>
        <message>
            <source>Scan your badge</source>
            <translation>Escanee su acreditación</translation>
        </message>
        <message>
            <source>Hold the QR code on your badge to the scanner or the camera.</source>
            <translation>Acerque el código QR de su acreditación al lector o a la cámara.</translation>
        </message>
        <message>
            <source>No badge? Search by name, email or code</source>
            <translation>¿Sin acreditación? Busque por nombre, correo o código</translation>
        </message>
        <message>
            <source>Checked in at %1</source>
            <translation>Acreditado a las %1</translation>
        </message>
        <message>
            <source>No one found. Check the spelling, or try the email.</source>
            <translation>No se encontró a nadie. Revise la ortografía o pruebe con el correo.</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusBar</name>
        <message>
            <source>● Connecting…</source>
            <translation>● Conectando…</translation>
        </message>
        <message>
            <source>● Revoked: pair this kiosk again</source>
            <translation>● Revocado: vuelva a emparejar este quiosco</translation>
        </message>
        <message>
            <source>● Offline: scanning goes on</source>
            <translation>● Sin conexión: se sigue escaneando</translation>
        </message>
        <message>
            <source>● Sync problem: scanning goes on</source>
            <translation>● Problema de sincronización: se sigue escaneando</translation>
        </message>
        <message>
            <source>● Online</source>
            <translation>● En línea</translation>
        </message>
        <message>
            <source>Last sync %1</source>
            <translation>Última sincronización %1</translation>
        </message>
        <message>
            <source>Not synced yet</source>
            <translation>Aún sin sincronizar</translation>
        </message>
        <message numerus="yes">
            <source>%Ln attendee(s) cached</source>
            <translation>
                <numerusform>%Ln asistente en caché</numerusform>
                <numerusform>%Ln asistentes en caché</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln scan(s) waiting to upload</source>
            <translation>
                <numerusform>%Ln escaneo pendiente de subir</numerusform>
                <numerusform>%Ln escaneos pendientes de subir</numerusform>
            </translation>
        </message>
        <message>
            <source>%1, %2 set aside (see the operator panel)</source>
            <translation>%1, %2 apartados (vea el panel del operador)</translation>
        </message>
    </context>
</TS>
