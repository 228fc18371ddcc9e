<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
    <context>
        <name>ScanScreen</name>
        <message>
            <source>Operator</source>
            <translation>Operador</translation>
        </message>
        <message>
            <source>Scan your badge</source>
            <translation>Leia seu crachá</translation>
        </message>
        <message>
            <source>Hold the QR code on your badge to the scanner or the camera.</source>
            <translation>Aproxime o QR code do seu crachá do leitor ou da câmera.</translation>
        </message>
        <message>
            <source>No badge? Search by name, email or code</source>
            <translation>Sem crachá? Busque por nome, e-mail ou código</translation>
        </message>
        <message>
            <source>Checked in at %1</source>
            <translation>Check-in às %1</translation>
        </message>
        <message>
            <source>No one found. Check the spelling, or try the email.</source>
            <translation>Ninguém encontrado. Confira a grafia ou tente o e-mail.</translation>
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
            <translation>● Revogado: pareie este quiosque de novo</translation>
        </message>
        <message>
            <source>● Offline: scanning goes on</source>
            <translation>● Offline: a leitura continua</translation>
        </message>
        <message>
            <source>● Sync problem: scanning goes on</source>
            <translation>● Problema de sincronização: a leitura continua</translation>
        </message>
        <message>
            <source>● Online</source>
            <translation>● Online</translation>
        </message>
        <message>
            <source>Last sync %1</source>
            <translation>Última sincronização %1</translation>
        </message>
        <message>
            <source>Not synced yet</source>
            <translation>Ainda não sincronizado</translation>
        </message>
        <message numerus="yes">
            <source>%Ln attendee(s) cached</source>
            <translation>
                <numerusform>%Ln participante em cache</numerusform>
                <numerusform>%Ln participantes em cache</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln scan(s) waiting to upload</source>
            <translation>
                <numerusform>%Ln leitura aguardando envio</numerusform>
                <numerusform>%Ln leituras aguardando envio</numerusform>
            </translation>
        </message>
        <message>
            <source>%1, %2 set aside (see the operator panel)</source>
            <translation>%1, %2 separadas (veja o painel do operador)</translation>
        </message>
    </context>
</TS>
