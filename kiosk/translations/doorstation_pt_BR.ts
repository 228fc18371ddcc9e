<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>CacheWorker</name>
    <message>
        <source>Could not set up the station</source>
        <translation>Não foi possível configurar a estação</translation>
    </message>
    <message>
        <source>Could not record this scan</source>
        <translation>Não foi possível registrar esta leitura</translation>
    </message>
    <message>
        <source>Could not count the scans waiting to upload</source>
        <translation>Não foi possível contar as leituras aguardando envio</translation>
    </message>
    <message>
        <source>Could not record the printed badge</source>
        <translation>Não foi possível registrar o crachá impresso</translation>
    </message>
    <message>
        <source>Could not read the badges sent from the console</source>
        <translation>Não foi possível ler os crachás enviados pelo console</translation>
    </message>
    <message>
        <source>Could not search</source>
        <translation>Não foi possível buscar</translation>
    </message>
    <message>
        <source>Could not undo the last scan</source>
        <translation>Não foi possível desfazer a última leitura</translation>
    </message>
    <message>
        <source>Could not count this station&apos;s scans</source>
        <translation>Não foi possível contar as leituras desta estação</translation>
    </message>
    <message>
        <source>Could not list the products</source>
        <translation>Não foi possível listar os produtos</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Could not protect the data with the new PIN: %1</source>
        <translation>Não foi possível proteger os dados com o novo PIN: %1</translation>
    </message>
    <message>
        <source>Uploading to the previous server…</source>
        <translation>Enviando ao servidor anterior…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) the previous server refused remain: export or discard them.</source>
        <translation>
            <numerusform>Resta %Ln leitura recusada pelo servidor anterior: exporte-a ou descarte-a.</numerusform>
            <numerusform>Restam %Ln leituras recusadas pelo servidor anterior: exporte-as ou descarte-as.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploaded to the previous server.</source>
        <translation>Enviado ao servidor anterior.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln leitura exportada para %1.</numerusform>
            <numerusform>%Ln leituras exportadas para %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export them: %1</source>
        <translation>Não foi possível exportá-las: %1</translation>
    </message>
    <message>
        <source>Wrong PIN: the scans are kept.</source>
        <translation>PIN errado: as leituras foram mantidas.</translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation>Descartando…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) discarded.</source>
        <translation>
            <numerusform>%Ln leitura descartada.</numerusform>
            <numerusform>%Ln leituras descartadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk error</source>
        <translation>Erro do quiosque</translation>
    </message>
    <message>
        <source>%1. Call the organisers if it happens again.</source>
        <translation>%1. Chame a organização se acontecer de novo.</translation>
    </message>
    <message>
        <source>Not scanning yet</source>
        <translation>Ainda sem leitura</translation>
    </message>
    <message>
        <source>Finish the station set-up first.</source>
        <translation>Termine primeiro a configuração da estação.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Imprimindo crachá…</translation>
    </message>
    <message>
        <source>Wrong PIN: nothing was deleted.</source>
        <translation>PIN errado: nada foi apagado.</translation>
    </message>
    <message>
        <source>Could not delete everything this kiosk holds (%1); call the organisers.</source>
        <translation>Não foi possível apagar tudo o que este quiosque guarda (%1); chame a organização.</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>Operator panel</source>
        <translation>Painel do operador</translation>
    </message>
    <message>
        <source>Admitted here</source>
        <translation>Admitidos aqui</translation>
    </message>
    <message>
        <source>Admitted with a warning</source>
        <translation>Admitidos com aviso</translation>
    </message>
    <message>
        <source>Refused here</source>
        <translation>Recusados aqui</translation>
    </message>
    <message>
        <source>Checked in (conference)</source>
        <translation>Check-in feito (conferência)</translation>
    </message>
    <message>
        <source>Attendees cached</source>
        <translation>Participantes em cache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>O do sistema (%1)</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>Desfazer a última leitura</translation>
    </message>
    <message>
        <source>Reprint last badge</source>
        <translation>Reimprimir o último crachá</translation>
    </message>
    <message>
        <source>Change station</source>
        <translation>Mudar estação</translation>
    </message>
    <message>
        <source>Pair with another server</source>
        <translation>Parear com outro servidor</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Voltar à leitura</translation>
    </message>
    <message>
        <source>Quit Doorstation</source>
        <translation>Sair do Doorstation</translation>
    </message>
    <message>
        <source>PIN, to forget the conference</source>
        <translation>PIN, para esquecer a conferência</translation>
    </message>
    <message>
        <source>Forget this conference</source>
        <translation>Esquecer esta conferência</translation>
    </message>
    <message>
        <source>Conflicts (from the server)</source>
        <translation>Conflitos (do servidor)</translation>
    </message>
    <message>
        <source>Conflicts: asking the server…</source>
        <translation>Conflitos: consultando o servidor…</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>Conflicts: not available (%1)</source>
        <translation>Conflitos: indisponíveis (%1)</translation>
    </message>
    <message>
        <source>Conflicts (from the server): %1</source>
        <translation>Conflitos (do servidor): %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %Ln resolved</source>
        <translation>
            <numerusform>%1, %Ln resolvido</numerusform>
            <numerusform>%1, %Ln resolvidos</numerusform>
        </translation>
    </message>
    <message>
        <source>None. Every scan agreed with the server.</source>
        <translation>Nenhum. Todas as leituras conferiram com o servidor.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>a scan at a station</comment>
        <translation>%1 em %2</translation>
    </message>
    <message>
        <source>(code %1)</source>
        <translation>(código %1)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a conflict: where and when, then what happened</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Resolved by %1 at %2</source>
        <translation>Resolvido por %1 às %2</translation>
    </message>
    <message>
        <source>Resolved at %2</source>
        <translation>Resolvido às %2</translation>
    </message>
    <message>
        <source>%1 of %2 at %3: %4</source>
        <translation>%1 de %2 às %3: %4</translation>
    </message>
    <message>
        <source>Scans the server refused, kept here: %1</source>
        <translation>Leituras recusadas pelo servidor, guardadas aqui: %1</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>from `doorstation devices add`</source>
        <translation>de `doorstation devices add`</translation>
    </message>
    <message>
        <source>Pair this kiosk</source>
        <translation>Parear este quiosque</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Endereço do servidor</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Código de pareamento</translation>
    </message>
    <message>
        <source>Pair this kiosk with the Doorstation server</source>
        <translation>Parear este quiosque com o servidor Doorstation</translation>
    </message>
    <message>
        <source>Type the pairing code the organisers gave you, or scan the pairing QR code.</source>
        <translation>Digite o código de pareamento que a organização lhe deu, ou leia o QR code de pareamento.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Pareando…</translation>
    </message>
    <message>
        <source>The server address starts with http:// or https://.</source>
        <translation>O endereço do servidor começa com http:// ou https://.</translation>
    </message>
    <message>
        <source>Type the pairing code (at least 4 characters).</source>
        <translation>Digite o código de pareamento (pelo menos 4 caracteres).</translation>
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
        <translation>Voltar à leitura</translation>
    </message>
    <message>
        <source>Conference data locked</source>
        <translation>Dados da conferência bloqueados</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>This computer has no key store (Secret Service, Windows Credential Manager, macOS Keychain), so the conference data on this kiosk stays locked after each start until the operator enters the PIN. With a key store, the kiosk opens by itself.</source>
        <translation>Este computador não tem cofre de chaves (Secret Service, Gerenciador de Credenciais do Windows, Chaves do macOS), então os dados da conferência ficam bloqueados após cada início até o operador digitar o PIN. Com um cofre de chaves, o quiosque abre sozinho.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN do operador</translation>
    </message>
    <message>
        <source>Open operator panel</source>
        <translation>Abrir o painel do operador</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN errado.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %Ln time(s). Try again in %1 s.</source>
        <translation>
            <numerusform>PIN errado %Ln vez. Tente de novo em %1 s.</numerusform>
            <numerusform>PIN errado %Ln vezes. Tente de novo em %1 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintStation</name>
    <message>
        <source>Badge printed</source>
        <translation>Crachá impresso</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Falha na impressão: %1</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>Erro da impressora</translation>
    </message>
    <message>
        <source>%1 The badge is kept: reprint it from the operator panel.</source>
        <translation>%1 O crachá foi guardado: reimprima-o pelo painel do operador.</translation>
    </message>
    <message>
        <source>Already printed at %1, %2 — print again?</source>
        <translation>Já impresso às %1, %2 — imprimir de novo?</translation>
    </message>
    <message>
        <source>Already printed at %1 — print again?</source>
        <translation>Já impresso às %1 — imprimir de novo?</translation>
    </message>
    <message>
        <source>Enter: print again. Any other key, or wait: no.</source>
        <translation>Enter: imprimir de novo. Outra tecla, ou esperar: não.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Imprimindo crachá…</translation>
    </message>
    <message>
        <source>Nothing to reprint yet.</source>
        <translation>Nada para reimprimir ainda.</translation>
    </message>
</context>
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
        <source>Checked in at %1, %2</source>
        <translation>Check-in às %1, %2</translation>
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
    <name>StationScreen</name>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Nome da estação</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produto</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>Lista de check-in</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN do operador</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Impressora</translation>
    </message>
    <message>
        <source>Badge size</source>
        <translation>Tamanho do crachá</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Configurar esta estação</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>O do sistema (%1)</translation>
    </message>
    <message>
        <source>e.g. Door B</source>
        <translation>p. ex. Porta B</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>Nenhuma zona</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>deixe vazio para manter o PIN atual</translation>
    </message>
    <message>
        <source>4 to 12 digits, to leave kiosk mode</source>
        <translation>4 a 12 dígitos, para sair do modo quiosque</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Sem câmera</translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no way out without the PIN</source>
        <translation>Modo quiosque: tela cheia, sem saída sem o PIN</translation>
    </message>
    <message>
        <source>Printing a badge also checks the attendee in</source>
        <translation>Imprimir um crachá também faz o check-in</translation>
    </message>
    <message>
        <source>PDF files in the kiosk&apos;s data folder</source>
        <translation>Arquivos PDF na pasta de dados do quiosque</translation>
    </message>
    <message>
        <source>Landscape badges</source>
        <translation>Crachás na horizontal</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>Começar a ler</translation>
    </message>
    <message>
        <source>Only add-ons (meals, T-shirts) can be redeemed; choose an add-on.</source>
        <translation>Só adicionais (refeições, camisetas) podem ser resgatados; escolha um adicional.</translation>
    </message>
    <message>
        <source>Image files (--camera-file): %1</source>
        <translation>Arquivos de imagem (--camera-file): %1</translation>
    </message>
    <message>
        <source>Entry of %1</source>
        <translation>Entrada de %1</translation>
    </message>
    <message>
        <source>Exit of %1</source>
        <translation>Saída de %1</translation>
    </message>
    <message>
        <source>Transfer from %1 into %2</source>
        <translation>Transferência de %1 para %2</translation>
    </message>
    <message>
        <source>%1 (ticket)</source>
        <translation>%1 (ingresso)</translation>
    </message>
    <message>
        <source>%1 (add-on)</source>
        <translation>%1 (adicional)</translation>
    </message>
    <message>
        <source>No list names this station: admit as before</source>
        <translation>Nenhuma lista nomeia esta estação: admitir como antes</translation>
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
        <translation>Saída</translation>
    </message>
    <message>
        <source>Door check for one product</source>
        <translation>Controle de porta de um produto</translation>
    </message>
    <message>
        <source>Redemption of one product</source>
        <translation>Resgate de um produto</translation>
    </message>
    <message>
        <source>Badge printing</source>
        <translation>Impressão de crachás</translation>
    </message>
    <message>
        <source>Door check</source>
        <translation>Controle de porta</translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation>Resgate</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Badge print</source>
        <translation>Impressão de crachá</translation>
    </message>
    <message>
        <source>Refused scan</source>
        <translation>Leitura recusada</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Leitura</translation>
    </message>
    <message>
        <source>The organisers revoked this kiosk: everything it held of the conference has been deleted from it. Pair it again to use it.</source>
        <translation>A organização revogou este quiosque: tudo o que ele tinha da conferência foi apagado. Pareie-o de novo para usá-lo.</translation>
    </message>
    <message>
        <source>The conference is over: as the organisers set, everything this kiosk held of it has been deleted. Pair it with another conference to use it again.</source>
        <translation>A conferência terminou: como a organização definiu, tudo o que este quiosque tinha dela foi apagado. Pareie-o com outra conferência para usá-lo de novo.</translation>
    </message>
    <message>
        <source>This kiosk forgot the conference: everything it held of it has been deleted. Pair it again to use it.</source>
        <translation>Este quiosque esqueceu a conferência: tudo o que ele tinha dela foi apagado. Pareie-o de novo para usá-lo.</translation>
    </message>
    <message>
        <source>Give the station a name, e.g. &apos;Door B&apos;.</source>
        <translation>Dê um nome à estação, p. ex. “Porta B”.</translation>
    </message>
    <message>
        <source>Choose the product for this mode.</source>
        <translation>Escolha o produto para este modo.</translation>
    </message>
    <message>
        <source>Choose the zone this station is the door of.</source>
        <translation>Escolha a zona da qual esta estação é a porta.</translation>
    </message>
    <message>
        <source>Choose the zone a transfer leads into.</source>
        <translation>Escolha a zona para a qual uma transferência leva.</translation>
    </message>
    <message>
        <source>The PIN is 4 to 12 digits.</source>
        <translation>O PIN tem de 4 a 12 dígitos.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation>Não foi possível alcançar o servidor em %1.</translation>
    </message>
    <message>
        <source>The server answered %1; try again in a moment.</source>
        <translation>O servidor respondeu %1; tente de novo em instantes.</translation>
    </message>
    <message>
        <source>That pairing code is not valid: it may have been used or have expired. Ask for a new one on the console&apos;s devices page.</source>
        <translation>Esse código de pareamento não é válido: talvez já tenha sido usado ou tenha expirado. Peça um novo na página de dispositivos do console.</translation>
    </message>
    <message>
        <source>Too many wrong pairing codes from this address; try again later.</source>
        <translation>Códigos de pareamento errados demais a partir deste endereço; tente de novo mais tarde.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong pairing codes from this address; try again in %Ln minute(s).</source>
        <translation>
            <numerusform>Códigos de pareamento errados demais a partir deste endereço; tente de novo em %Ln minuto.</numerusform>
            <numerusform>Códigos de pareamento errados demais a partir deste endereço; tente de novo em %Ln minutos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The conference is over: this kiosk forgets it once its %Ln waiting scan(s) reach the server.</source>
        <translation>
            <numerusform>A conferência terminou: este quiosque a esquecerá assim que seu %Ln escaneamento pendente chegar ao servidor.</numerusform>
            <numerusform>A conferência terminou: este quiosque a esquecerá assim que seus %Ln escaneamentos pendentes chegarem ao servidor.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scans for the previous server are still waiting: upload, export or discard them first.</source>
        <translation>Ainda há leituras aguardando o servidor anterior: envie, exporte ou descarte-as primeiro.</translation>
    </message>
    <message>
        <source>Took back the check-in of %1.</source>
        <translation>Check-in de %1 desfeito.</translation>
    </message>
    <message>
        <source>Took back the exit of %1.</source>
        <translation>Saída de %1 desfeita.</translation>
    </message>
    <message>
        <source>Took back the door check of %1.</source>
        <translation>Controle de porta de %1 desfeito.</translation>
    </message>
    <message>
        <source>Took back the redemption of %1.</source>
        <translation>Resgate de %1 desfeito.</translation>
    </message>
    <message>
        <source>Took back the last scan of %1.</source>
        <translation>Última leitura de %1 desfeita.</translation>
    </message>
    <message>
        <source>There is no admitted scan to undo at this station.</source>
        <translation>Não há leitura admitida para desfazer nesta estação.</translation>
    </message>
    <message>
        <source>This kiosk has been revoked by the organisers; pair it again.</source>
        <translation>Este quiosque foi revogado pelos organizadores; pareie-o de novo.</translation>
    </message>
    <message>
        <source>Server unreachable (%1); retrying.</source>
        <translation>Servidor inacessível (%1); tentando de novo.</translation>
    </message>
    <message numerus="yes">
        <source>Server busy; retrying in %Ln second(s).</source>
        <translation>
            <numerusform>Servidor ocupado; tentando de novo em %Ln segundo.</numerusform>
            <numerusform>Servidor ocupado; tentando de novo em %Ln segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server error %1; retrying.</source>
        <translation>Erro do servidor %1; tentando de novo.</translation>
    </message>
    <message>
        <source>The server does not recognise this kiosk (401): a different or reset server? Retrying; pair again if it lasts.</source>
        <translation>O servidor não reconhece este quiosque (401): um servidor diferente ou redefinido? Tentando de novo; pareie-o de novo se continuar.</translation>
    </message>
    <message>
        <source>The server refused the sync (%1): %2</source>
        <translation>O servidor recusou a sincronização (%1): %2</translation>
    </message>
    <message>
        <source>Something other than the Doorstation server answered (%1, %2): a Wi-Fi sign-in page or a proxy? Retrying.</source>
        <translation>Algo diferente do servidor Doorstation respondeu (%1, %2): uma página de login do Wi-Fi ou um proxy? Tentando de novo.</translation>
    </message>
    <message numerus="yes">
        <source>The server&apos;s change feed is not in the expected form (%Ln problem(s)); is the server a different version?</source>
        <translation>
            <numerusform>O feed de alterações do servidor não está na forma esperada (%Ln problema); o servidor é de outra versão?</numerusform>
            <numerusform>O feed de alterações do servidor não está na forma esperada (%Ln problemas); o servidor é de outra versão?</numerusform>
        </translation>
    </message>
    <message>
        <source>The server answered for none of the scans sent; retrying.</source>
        <translation>O servidor não respondeu por nenhum dos escaneamentos enviados; tentando de novo.</translation>
    </message>
    <message>
        <source>This kiosk was not paired before: there is no previous server to upload to.</source>
        <translation>Este quiosque não estava pareado antes: não há servidor anterior para onde enviar.</translation>
    </message>
    <message>
        <source>The previous server at %1 cannot be reached.</source>
        <translation>Não foi possível alcançar o servidor anterior em %1.</translation>
    </message>
    <message>
        <source>The previous server at %1 answered %2; try again in a moment.</source>
        <translation>O servidor anterior em %1 respondeu %2; tente de novo daqui a pouco.</translation>
    </message>
    <message>
        <source>The previous server at %1 no longer knows this kiosk (a reset server?): export the scans to a file instead.</source>
        <translation>O servidor anterior em %1 não conhece mais este quiosque (um servidor redefinido?): exporte os escaneamentos para um arquivo em vez disso.</translation>
    </message>
    <message>
        <source>Sync failed (%1); retrying.</source>
        <translation>A sincronização falhou (%1); tentando de novo.</translation>
    </message>
    <message>
        <source>The server&apos;s records went back (version %1, this kiosk had %2): restored from a backup? Downloaded everything again.</source>
        <translation>Os registros do servidor voltaram atrás (versão %1, este quiosque tinha %2): restaurado de um backup? Tudo foi baixado de novo.</translation>
    </message>
    <message>
        <source>The server is not the one this kiosk was paired with: downloaded everything again.</source>
        <translation>Este não é o servidor com o qual este quiosque foi pareado: tudo foi baixado de novo.</translation>
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
<context>
    <name>WaitingScansScreen</name>
    <message>
        <source>Export them to a file</source>
        <translation>Exportá-las para um arquivo</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN do operador</translation>
    </message>
    <message>
        <source>Scans waiting for the previous server</source>
        <translation>Leituras aguardando o servidor anterior</translation>
    </message>
    <message>
        <source>Upload them to the previous server first</source>
        <translation>Enviá-las primeiro ao servidor anterior</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>Descartá-las</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting for the previous server</source>
        <translation>
            <numerusform>%Ln leitura aguardando o servidor anterior</numerusform>
            <numerusform>%Ln leituras aguardando o servidor anterior</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</source>
        <translation>
            <numerusform>Este quiosque ainda tem %Ln leitura de %1 que %2 não recebeu. Agora ele está pareado com %3 (%4), que começa com um cache novo. Escolha primeiro o que acontece com a leitura pendente:</numerusform>
            <numerusform>Este quiosque ainda tem %Ln leituras de %1 que %2 não recebeu. Agora ele está pareado com %3 (%4), que começa com um cache novo. Escolha primeiro o que acontece com as leituras pendentes:</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload them to %1 first</source>
        <translation>Enviá-las primeiro a %1</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %Ln scan(s) (PIN)</source>
        <translation>
            <numerusform>Descartar a %Ln leitura (PIN)</numerusform>
            <numerusform>Descartar as %Ln leituras (PIN)</numerusform>
        </translation>
    </message>
</context>
</TS>
