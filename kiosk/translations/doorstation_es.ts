<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>CacheWorker</name>
    <message>
        <source>Could not set up the station</source>
        <translation>No se pudo configurar la estación</translation>
    </message>
    <message>
        <source>Could not record this scan</source>
        <translation>No se pudo registrar este escaneo</translation>
    </message>
    <message>
        <source>Could not count the scans waiting to upload</source>
        <translation>No se pudieron contar los escaneos pendientes de subir</translation>
    </message>
    <message>
        <source>Could not record the printed badge</source>
        <translation>No se pudo registrar la acreditación impresa</translation>
    </message>
    <message>
        <source>Could not read the badges sent from the console</source>
        <translation>No se pudieron leer las acreditaciones enviadas desde la consola</translation>
    </message>
    <message>
        <source>Could not search</source>
        <translation>No se pudo buscar</translation>
    </message>
    <message>
        <source>Could not undo the last scan</source>
        <translation>No se pudo deshacer el último escaneo</translation>
    </message>
    <message>
        <source>Could not count this station&apos;s scans</source>
        <translation>No se pudieron contar los escaneos de esta estación</translation>
    </message>
    <message>
        <source>Could not list the products</source>
        <translation>No se pudieron listar los productos</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Could not protect the data with the new PIN: %1</source>
        <translation>No se pudieron proteger los datos con el nuevo PIN: %1</translation>
    </message>
    <message>
        <source>Uploading to the previous server…</source>
        <translation>Subiendo al servidor anterior…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) the previous server refused remain: export or discard them.</source>
        <translation>
            <numerusform>Queda %Ln escaneo que el servidor anterior rechazó: expórtelo o descártelo.</numerusform>
            <numerusform>Quedan %Ln escaneos que el servidor anterior rechazó: expórtelos o descártelos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploaded to the previous server.</source>
        <translation>Subido al servidor anterior.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln escaneo exportado a %1.</numerusform>
            <numerusform>%Ln escaneos exportados a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export them: %1</source>
        <translation>No se pudieron exportar: %1</translation>
    </message>
    <message>
        <source>Wrong PIN: the scans are kept.</source>
        <translation>PIN incorrecto: los escaneos se conservan.</translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation>Descartando…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) discarded.</source>
        <translation>
            <numerusform>%Ln escaneo descartado.</numerusform>
            <numerusform>%Ln escaneos descartados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk error</source>
        <translation>Error del quiosco</translation>
    </message>
    <message>
        <source>%1. Call the organisers if it happens again.</source>
        <translation>%1. Llame a la organización si vuelve a ocurrir.</translation>
    </message>
    <message>
        <source>Not scanning yet</source>
        <translation>Todavía no se escanea</translation>
    </message>
    <message>
        <source>Finish the station set-up first.</source>
        <translation>Termine primero la configuración de la estación.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Imprimiendo acreditación…</translation>
    </message>
    <message>
        <source>Wrong PIN: nothing was deleted.</source>
        <translation>PIN incorrecto: no se borró nada.</translation>
    </message>
    <message>
        <source>Could not delete everything this kiosk holds (%1); call the organisers.</source>
        <translation>No se pudo borrar todo lo que guarda este quiosco (%1); llame a la organización.</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>Operator panel</source>
        <translation>Panel del operador</translation>
    </message>
    <message>
        <source>Admitted here</source>
        <translation>Admitidos aquí</translation>
    </message>
    <message>
        <source>Admitted with a warning</source>
        <translation>Admitidos con aviso</translation>
    </message>
    <message>
        <source>Refused here</source>
        <translation>Rechazados aquí</translation>
    </message>
    <message>
        <source>Checked in (conference)</source>
        <translation>Acreditados (congreso)</translation>
    </message>
    <message>
        <source>Attendees cached</source>
        <translation>Asistentes en caché</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>El del sistema (%1)</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>Deshacer el último escaneo</translation>
    </message>
    <message>
        <source>Reprint last badge</source>
        <translation>Reimprimir la última acreditación</translation>
    </message>
    <message>
        <source>Change station</source>
        <translation>Cambiar estación</translation>
    </message>
    <message>
        <source>Pair with another server</source>
        <translation>Emparejar con otro servidor</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Volver a escanear</translation>
    </message>
    <message>
        <source>Quit Doorstation</source>
        <translation>Salir de Doorstation</translation>
    </message>
    <message>
        <source>PIN, to forget the conference</source>
        <translation>PIN, para olvidar el congreso</translation>
    </message>
    <message>
        <source>Forget this conference</source>
        <translation>Olvidar este congreso</translation>
    </message>
    <message>
        <source>Conflicts (from the server)</source>
        <translation>Conflictos (del servidor)</translation>
    </message>
    <message>
        <source>Conflicts: asking the server…</source>
        <translation>Conflictos: consultando al servidor…</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>Conflicts: not available (%1)</source>
        <translation>Conflictos: no disponibles (%1)</translation>
    </message>
    <message>
        <source>Conflicts (from the server): %1</source>
        <translation>Conflictos (del servidor): %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %Ln resolved</source>
        <translation>
            <numerusform>%1, %Ln resuelto</numerusform>
            <numerusform>%1, %Ln resueltos</numerusform>
        </translation>
    </message>
    <message>
        <source>None. Every scan agreed with the server.</source>
        <translation>Ninguno. Cada escaneo coincidió con el servidor.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>a scan at a station</comment>
        <translation>%1 en %2</translation>
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
        <translation>Resuelto por %1 a las %2</translation>
    </message>
    <message>
        <source>Resolved at %2</source>
        <translation>Resuelto a las %2</translation>
    </message>
    <message>
        <source>%1 of %2 at %3: %4</source>
        <translation>%1 de %2 a las %3: %4</translation>
    </message>
    <message>
        <source>Scans the server refused, kept here: %1</source>
        <translation>Escaneos que el servidor rechazó, guardados aquí: %1</translation>
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
        <translation>Emparejar este quiosco</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Código de emparejamiento</translation>
    </message>
    <message>
        <source>Pair this kiosk with the Doorstation server</source>
        <translation>Emparejar este quiosco con el servidor de Doorstation</translation>
    </message>
    <message>
        <source>Type the pairing code the organisers gave you, or scan the pairing QR code.</source>
        <translation>Escriba el código de emparejamiento que le dio la organización, o escanee el código QR de emparejamiento.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Emparejando…</translation>
    </message>
    <message>
        <source>The server address starts with http:// or https://.</source>
        <translation>La dirección del servidor empieza por http:// o https://.</translation>
    </message>
    <message>
        <source>Type the pairing code (at least 4 characters).</source>
        <translation>Escriba el código de emparejamiento (al menos 4 caracteres).</translation>
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
        <translation>Volver a escanear</translation>
    </message>
    <message>
        <source>Conference data locked</source>
        <translation>Datos del congreso bloqueados</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>This computer has no key store (Secret Service, Windows Credential Manager, macOS Keychain), so the conference data on this kiosk stays locked after each start until the operator enters the PIN. With a key store, the kiosk opens by itself.</source>
        <translation>Este equipo no tiene almacén de claves (Secret Service, Administrador de credenciales de Windows, Llavero de macOS), así que los datos del congreso quedan bloqueados tras cada arranque hasta que el operador introduzca el PIN. Con un almacén de claves, el quiosco se abre solo.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN del operador</translation>
    </message>
    <message>
        <source>Open operator panel</source>
        <translation>Abrir el panel del operador</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN incorrecto.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %Ln time(s). Try again in %1 s.</source>
        <translation>
            <numerusform>PIN incorrecto %Ln vez. Vuelva a intentarlo en %1 s.</numerusform>
            <numerusform>PIN incorrecto %Ln veces. Vuelva a intentarlo en %1 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintStation</name>
    <message>
        <source>Badge printed</source>
        <translation>Acreditación impresa</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Falló la impresión: %1</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>Error de impresora</translation>
    </message>
    <message>
        <source>%1 The badge is kept: reprint it from the operator panel.</source>
        <translation>%1 La acreditación se conserva: reimprímala desde el panel del operador.</translation>
    </message>
    <message>
        <source>Already printed at %1, %2 — print again?</source>
        <translation>Ya impresa a las %1, %2 — ¿imprimir de nuevo?</translation>
    </message>
    <message>
        <source>Already printed at %1 — print again?</source>
        <translation>Ya impresa a las %1 — ¿imprimir de nuevo?</translation>
    </message>
    <message>
        <source>Enter: print again. Any other key, or wait: no.</source>
        <translation>Intro: imprimir de nuevo. Otra tecla, o esperar: no.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Imprimiendo acreditación…</translation>
    </message>
    <message>
        <source>Nothing to reprint yet.</source>
        <translation>Todavía no hay nada que reimprimir.</translation>
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
        <source>Checked in at %1, %2</source>
        <translation>Acreditado a las %1, %2</translation>
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
    <name>StationScreen</name>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Nombre de la estación</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>Lista de acreditación</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN del operador</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <source>Badge size</source>
        <translation>Tamaño de acreditación</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Configurar esta estación</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>El del sistema (%1)</translation>
    </message>
    <message>
        <source>e.g. Door B</source>
        <translation>p. ej. Puerta B</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>Sin zona</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>déjelo vacío para mantener el PIN actual</translation>
    </message>
    <message>
        <source>4 to 12 digits, to leave kiosk mode</source>
        <translation>4 a 12 dígitos, para salir del modo quiosco</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Sin cámara</translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no way out without the PIN</source>
        <translation>Modo quiosco: pantalla completa, sin salida sin el PIN</translation>
    </message>
    <message>
        <source>Printing a badge also checks the attendee in</source>
        <translation>Imprimir una acreditación también registra la entrada</translation>
    </message>
    <message>
        <source>PDF files in the kiosk&apos;s data folder</source>
        <translation>Archivos PDF en la carpeta de datos del quiosco</translation>
    </message>
    <message>
        <source>Landscape badges</source>
        <translation>Acreditaciones apaisadas</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>Empezar a escanear</translation>
    </message>
    <message>
        <source>Only add-ons (meals, T-shirts) can be redeemed; choose an add-on.</source>
        <translation>Solo se pueden canjear extras (comidas, camisetas); elija un extra.</translation>
    </message>
    <message>
        <source>Image files (--camera-file): %1</source>
        <translation>Archivos de imagen (--camera-file): %1</translation>
    </message>
    <message>
        <source>Entry of %1</source>
        <translation>Entrada de %1</translation>
    </message>
    <message>
        <source>Exit of %1</source>
        <translation>Salida de %1</translation>
    </message>
    <message>
        <source>Transfer from %1 into %2</source>
        <translation>Traslado de %1 a %2</translation>
    </message>
    <message>
        <source>%1 (ticket)</source>
        <translation>%1 (entrada)</translation>
    </message>
    <message>
        <source>%1 (add-on)</source>
        <translation>%1 (extra)</translation>
    </message>
    <message>
        <source>No list names this station: admit as before</source>
        <translation>Ninguna lista nombra esta estación: admitir como antes</translation>
    </message>
</context>
<context>
    <name>StationWords</name>
    <message>
        <source>Check-in</source>
        <translation>Acreditación</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Door check for one product</source>
        <translation>Control de puerta de un producto</translation>
    </message>
    <message>
        <source>Redemption of one product</source>
        <translation>Canje de un producto</translation>
    </message>
    <message>
        <source>Badge printing</source>
        <translation>Impresión de acreditaciones</translation>
    </message>
    <message>
        <source>Door check</source>
        <translation>Control de puerta</translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation>Canje</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Badge print</source>
        <translation>Impresión de acreditación</translation>
    </message>
    <message>
        <source>Refused scan</source>
        <translation>Escaneo rechazado</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Escaneo</translation>
    </message>
    <message>
        <source>The organisers revoked this kiosk: everything it held of the conference has been deleted from it. Pair it again to use it.</source>
        <translation>La organización revocó este quiosco: se ha borrado todo lo que guardaba del congreso. Empareje de nuevo para usarlo.</translation>
    </message>
    <message>
        <source>The conference is over: as the organisers set, everything this kiosk held of it has been deleted. Pair it with another conference to use it again.</source>
        <translation>El congreso ha terminado: como fijó la organización, se ha borrado todo lo que este quiosco guardaba de él. Emparéjelo con otro congreso para volver a usarlo.</translation>
    </message>
    <message>
        <source>This kiosk forgot the conference: everything it held of it has been deleted. Pair it again to use it.</source>
        <translation>Este quiosco olvidó el congreso: se ha borrado todo lo que guardaba de él. Empareje de nuevo para usarlo.</translation>
    </message>
    <message>
        <source>Give the station a name, e.g. &apos;Door B&apos;.</source>
        <translation>Dé un nombre a la estación, p. ej. «Puerta B».</translation>
    </message>
    <message>
        <source>Choose the product for this mode.</source>
        <translation>Elija el producto para este modo.</translation>
    </message>
    <message>
        <source>Choose the zone this station is the door of.</source>
        <translation>Elija la zona de la que esta estación es la puerta.</translation>
    </message>
    <message>
        <source>Choose the zone a transfer leads into.</source>
        <translation>Elija la zona a la que lleva un traslado.</translation>
    </message>
    <message>
        <source>The PIN is 4 to 12 digits.</source>
        <translation>El PIN tiene de 4 a 12 dígitos.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation>No se puede conectar con el servidor en %1.</translation>
    </message>
    <message>
        <source>The server answered %1; try again in a moment.</source>
        <translation>El servidor respondió %1; inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>That pairing code is not valid: it may have been used or have expired. Ask for a new one on the console&apos;s devices page.</source>
        <translation>Ese código de emparejamiento no es válido: puede que ya se haya usado o que haya caducado. Pida uno nuevo en la página de dispositivos de la consola.</translation>
    </message>
    <message>
        <source>Too many wrong pairing codes from this address; try again later.</source>
        <translation>Demasiados códigos de emparejamiento erróneos desde esta dirección; vuelva a intentarlo más tarde.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong pairing codes from this address; try again in %Ln minute(s).</source>
        <translation>
            <numerusform>Demasiados códigos de emparejamiento erróneos desde esta dirección; vuelva a intentarlo dentro de %Ln minuto.</numerusform>
            <numerusform>Demasiados códigos de emparejamiento erróneos desde esta dirección; vuelva a intentarlo dentro de %Ln minutos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The conference is over: this kiosk forgets it once its %Ln waiting scan(s) reach the server.</source>
        <translation>
            <numerusform>La conferencia ha terminado: este quiosco la olvidará en cuanto su %Ln escaneo pendiente llegue al servidor.</numerusform>
            <numerusform>La conferencia ha terminado: este quiosco la olvidará en cuanto sus %Ln escaneos pendientes lleguen al servidor.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scans for the previous server are still waiting: upload, export or discard them first.</source>
        <translation>Aún hay escaneos pendientes para el servidor anterior: súbalos, expórtelos o descártelos primero.</translation>
    </message>
    <message>
        <source>Took back the check-in of %1.</source>
        <translation>Se deshizo la acreditación de %1.</translation>
    </message>
    <message>
        <source>Took back the exit of %1.</source>
        <translation>Se deshizo la salida de %1.</translation>
    </message>
    <message>
        <source>Took back the door check of %1.</source>
        <translation>Se deshizo el control de puerta de %1.</translation>
    </message>
    <message>
        <source>Took back the redemption of %1.</source>
        <translation>Se deshizo el canje de %1.</translation>
    </message>
    <message>
        <source>Took back the last scan of %1.</source>
        <translation>Se deshizo el último escaneo de %1.</translation>
    </message>
    <message>
        <source>There is no admitted scan to undo at this station.</source>
        <translation>No hay ningún escaneo admitido que deshacer en esta estación.</translation>
    </message>
    <message>
        <source>This kiosk has been revoked by the organisers; pair it again.</source>
        <translation>Los organizadores han revocado este quiosco; vuelva a emparejarlo.</translation>
    </message>
    <message>
        <source>Server unreachable (%1); retrying.</source>
        <translation>Servidor inaccesible (%1); se reintentará.</translation>
    </message>
    <message numerus="yes">
        <source>Server busy; retrying in %Ln second(s).</source>
        <translation>
            <numerusform>Servidor ocupado; se reintentará dentro de %Ln segundo.</numerusform>
            <numerusform>Servidor ocupado; se reintentará dentro de %Ln segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server error %1; retrying.</source>
        <translation>Error del servidor %1; se reintentará.</translation>
    </message>
    <message>
        <source>The server does not recognise this kiosk (401): a different or reset server? Retrying; pair again if it lasts.</source>
        <translation>El servidor no reconoce este quiosco (401): ¿un servidor distinto o restablecido? Se reintentará; vuelva a emparejarlo si persiste.</translation>
    </message>
    <message>
        <source>The server refused the sync (%1): %2</source>
        <translation>El servidor rechazó la sincronización (%1): %2</translation>
    </message>
    <message>
        <source>Something other than the Doorstation server answered (%1, %2): a Wi-Fi sign-in page or a proxy? Retrying.</source>
        <translation>Respondió algo distinto del servidor de Doorstation (%1, %2): ¿una página de acceso a la wifi o un proxy? Se reintentará.</translation>
    </message>
    <message numerus="yes">
        <source>The server&apos;s change feed is not in the expected form (%Ln problem(s)); is the server a different version?</source>
        <translation>
            <numerusform>El feed de cambios del servidor no tiene la forma esperada (%Ln problema); ¿el servidor es de otra versión?</numerusform>
            <numerusform>El feed de cambios del servidor no tiene la forma esperada (%Ln problemas); ¿el servidor es de otra versión?</numerusform>
        </translation>
    </message>
    <message>
        <source>The server answered for none of the scans sent; retrying.</source>
        <translation>El servidor no respondió por ninguno de los escaneos enviados; se reintentará.</translation>
    </message>
    <message>
        <source>This kiosk was not paired before: there is no previous server to upload to.</source>
        <translation>Este quiosco no estaba emparejado antes: no hay un servidor anterior al que subir.</translation>
    </message>
    <message>
        <source>The previous server at %1 cannot be reached.</source>
        <translation>No se puede conectar con el servidor anterior en %1.</translation>
    </message>
    <message>
        <source>The previous server at %1 answered %2; try again in a moment.</source>
        <translation>El servidor anterior en %1 respondió %2; vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>The previous server at %1 no longer knows this kiosk (a reset server?): export the scans to a file instead.</source>
        <translation>El servidor anterior en %1 ya no conoce este quiosco (¿un servidor restablecido?): exporte los escaneos a un archivo en su lugar.</translation>
    </message>
    <message>
        <source>Sync failed (%1); retrying.</source>
        <translation>Falló la sincronización (%1); se reintentará.</translation>
    </message>
    <message>
        <source>The server&apos;s records went back (version %1, this kiosk had %2): restored from a backup? Downloaded everything again.</source>
        <translation>Los registros del servidor retrocedieron (versión %1, este quiosco tenía %2): ¿restaurado desde una copia de seguridad? Se ha vuelto a descargar todo.</translation>
    </message>
    <message>
        <source>The server is not the one this kiosk was paired with: downloaded everything again.</source>
        <translation>Este no es el servidor con el que se emparejó este quiosco: se ha vuelto a descargar todo.</translation>
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
<context>
    <name>WaitingScansScreen</name>
    <message>
        <source>Export them to a file</source>
        <translation>Exportarlos a un archivo</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN del operador</translation>
    </message>
    <message>
        <source>Scans waiting for the previous server</source>
        <translation>Escaneos pendientes para el servidor anterior</translation>
    </message>
    <message>
        <source>Upload them to the previous server first</source>
        <translation>Subirlos primero al servidor anterior</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>Descartarlos</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting for the previous server</source>
        <translation>
            <numerusform>%Ln escaneo pendiente para el servidor anterior</numerusform>
            <numerusform>%Ln escaneos pendientes para el servidor anterior</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</source>
        <translation>
            <numerusform>Este quiosco aún tiene %Ln escaneo de %1 que %2 no ha recibido. Ahora está emparejado con %3 (%4), que empieza con una caché nueva. Elija primero qué pasa con el escaneo pendiente:</numerusform>
            <numerusform>Este quiosco aún tiene %Ln escaneos de %1 que %2 no ha recibido. Ahora está emparejado con %3 (%4), que empieza con una caché nueva. Elija primero qué pasa con los escaneos pendientes:</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload them to %1 first</source>
        <translation>Subirlos primero a %1</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %Ln scan(s) (PIN)</source>
        <translation>
            <numerusform>Descartar el escaneo (%Ln) (PIN)</numerusform>
            <numerusform>Descartar los %Ln escaneos (PIN)</numerusform>
        </translation>
    </message>
</context>
</TS>
