<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>CacheWorker</name>
    <message>
        <source>Could not set up the station</source>
        <translation>Impossible de configurer la station</translation>
    </message>
    <message>
        <source>Could not record this scan</source>
        <translation>Impossible d’enregistrer ce scan</translation>
    </message>
    <message>
        <source>Could not count the scans waiting to upload</source>
        <translation>Impossible de compter les scans en attente d’envoi</translation>
    </message>
    <message>
        <source>Could not record the printed badge</source>
        <translation>Impossible d’enregistrer le badge imprimé</translation>
    </message>
    <message>
        <source>Could not read the badges sent from the console</source>
        <translation>Impossible de lire les badges envoyés depuis la console</translation>
    </message>
    <message>
        <source>Could not search</source>
        <translation>Recherche impossible</translation>
    </message>
    <message>
        <source>Could not undo the last scan</source>
        <translation>Impossible d’annuler le dernier scan</translation>
    </message>
    <message>
        <source>Could not count this station&apos;s scans</source>
        <translation>Impossible de compter les scans de cette station</translation>
    </message>
    <message>
        <source>Could not list the products</source>
        <translation>Impossible de lister les produits</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Could not protect the data with the new PIN: %1</source>
        <translation>Impossible de protéger les données avec le nouveau PIN : %1</translation>
    </message>
    <message>
        <source>Uploading to the previous server…</source>
        <translation>Envoi au serveur précédent…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) the previous server refused remain: export or discard them.</source>
        <translation>
            <numerusform>%Ln scan refusé par le serveur précédent reste : exportez-le ou supprimez-le.</numerusform>
            <numerusform>%Ln scans refusés par le serveur précédent restent : exportez-les ou supprimez-les.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploaded to the previous server.</source>
        <translation>Envoyé au serveur précédent.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportation…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln scan exporté vers %1.</numerusform>
            <numerusform>%Ln scans exportés vers %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export them: %1</source>
        <translation>Exportation impossible : %1</translation>
    </message>
    <message>
        <source>Wrong PIN: the scans are kept.</source>
        <translation>PIN erroné : les scans sont conservés.</translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation>Suppression…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) discarded.</source>
        <translation>
            <numerusform>%Ln scan supprimé.</numerusform>
            <numerusform>%Ln scans supprimés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk error</source>
        <translation>Erreur du kiosque</translation>
    </message>
    <message>
        <source>%1. Call the organisers if it happens again.</source>
        <translation>%1. Appelez les organisateurs si cela se reproduit.</translation>
    </message>
    <message>
        <source>Not scanning yet</source>
        <translation>Pas encore de scan</translation>
    </message>
    <message>
        <source>Finish the station set-up first.</source>
        <translation>Terminez d’abord la configuration de la station.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Impression du badge…</translation>
    </message>
    <message>
        <source>Wrong PIN: nothing was deleted.</source>
        <translation>PIN erroné : rien n’a été supprimé.</translation>
    </message>
    <message>
        <source>Could not delete everything this kiosk holds (%1); call the organisers.</source>
        <translation>Impossible de supprimer tout ce que contient ce kiosque (%1) ; appelez les organisateurs.</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>Operator panel</source>
        <translation>Panneau opérateur</translation>
    </message>
    <message>
        <source>Admitted here</source>
        <translation>Admis ici</translation>
    </message>
    <message>
        <source>Admitted with a warning</source>
        <translation>Admis avec un avertissement</translation>
    </message>
    <message>
        <source>Refused here</source>
        <translation>Refusés ici</translation>
    </message>
    <message>
        <source>Checked in (conference)</source>
        <translation>Enregistrés (conférence)</translation>
    </message>
    <message>
        <source>Attendees cached</source>
        <translation>Participants en cache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Celle du système (%1)</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>Annuler le dernier scan</translation>
    </message>
    <message>
        <source>Reprint last badge</source>
        <translation>Réimprimer le dernier badge</translation>
    </message>
    <message>
        <source>Change station</source>
        <translation>Changer de station</translation>
    </message>
    <message>
        <source>Pair with another server</source>
        <translation>Associer à un autre serveur</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Retour au scan</translation>
    </message>
    <message>
        <source>Quit Doorstation</source>
        <translation>Quitter Doorstation</translation>
    </message>
    <message>
        <source>PIN, to forget the conference</source>
        <translation>PIN, pour oublier la conférence</translation>
    </message>
    <message>
        <source>Forget this conference</source>
        <translation>Oublier cette conférence</translation>
    </message>
    <message>
        <source>Conflicts (from the server)</source>
        <translation>Conflits (du serveur)</translation>
    </message>
    <message>
        <source>Conflicts: asking the server…</source>
        <translation>Conflits : demande au serveur…</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>Conflicts: not available (%1)</source>
        <translation>Conflits : indisponibles (%1)</translation>
    </message>
    <message>
        <source>Conflicts (from the server): %1</source>
        <translation>Conflits (du serveur) : %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %Ln resolved</source>
        <translation>
            <numerusform>%1, %Ln résolu</numerusform>
            <numerusform>%1, %Ln résolus</numerusform>
        </translation>
    </message>
    <message>
        <source>None. Every scan agreed with the server.</source>
        <translation>Aucun. Chaque scan concordait avec le serveur.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>a scan at a station</comment>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>(code %1)</source>
        <translation>(code %1)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a conflict: where and when, then what happened</comment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Resolved by %1 at %2</source>
        <translation>Résolu par %1 à %2</translation>
    </message>
    <message>
        <source>Resolved at %2</source>
        <translation>Résolu à %2</translation>
    </message>
    <message>
        <source>%1 of %2 at %3: %4</source>
        <translation>%1 de %2 à %3 : %4</translation>
    </message>
    <message>
        <source>Scans the server refused, kept here: %1</source>
        <translation>Scans refusés par le serveur, gardés ici : %1</translation>
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
        <translation>Associer ce kiosque</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Code d’association</translation>
    </message>
    <message>
        <source>Pair this kiosk with the Doorstation server</source>
        <translation>Associer ce kiosque au serveur Doorstation</translation>
    </message>
    <message>
        <source>Type the pairing code the organisers gave you, or scan the pairing QR code.</source>
        <translation>Saisissez le code d’association donné par les organisateurs, ou scannez le QR code d’association.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Association…</translation>
    </message>
    <message>
        <source>The server address starts with http:// or https://.</source>
        <translation>L’adresse du serveur commence par http:// ou https://.</translation>
    </message>
    <message>
        <source>Type the pairing code (at least 4 characters).</source>
        <translation>Saisissez le code d’association (au moins 4 caractères).</translation>
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
        <translation>Retour au scan</translation>
    </message>
    <message>
        <source>Conference data locked</source>
        <translation>Données de la conférence verrouillées</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>This computer has no key store (Secret Service, Windows Credential Manager, macOS Keychain), so the conference data on this kiosk stays locked after each start until the operator enters the PIN. With a key store, the kiosk opens by itself.</source>
        <translation>Cet ordinateur n’a pas de trousseau de clés (Secret Service, Gestionnaire d’identification Windows, Trousseau macOS) : les données de la conférence restent verrouillées après chaque démarrage jusqu’à ce que l’opérateur saisisse le PIN. Avec un trousseau, le kiosque s’ouvre tout seul.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN opérateur</translation>
    </message>
    <message>
        <source>Open operator panel</source>
        <translation>Ouvrir le panneau opérateur</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN erroné.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %Ln time(s). Try again in %1 s.</source>
        <translation>
            <numerusform>PIN erroné %Ln fois. Réessayez dans %1 s.</numerusform>
            <numerusform>PIN erroné %Ln fois. Réessayez dans %1 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintStation</name>
    <message>
        <source>Badge printed</source>
        <translation>Badge imprimé</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Échec de l’impression : %1</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>Erreur d’imprimante</translation>
    </message>
    <message>
        <source>%1 The badge is kept: reprint it from the operator panel.</source>
        <translation>%1 Le badge est conservé : réimprimez-le depuis le panneau opérateur.</translation>
    </message>
    <message>
        <source>Already printed at %1, %2 — print again?</source>
        <translation>Déjà imprimé à %1, %2 — réimprimer ?</translation>
    </message>
    <message>
        <source>Already printed at %1 — print again?</source>
        <translation>Déjà imprimé à %1 — réimprimer ?</translation>
    </message>
    <message>
        <source>Enter: print again. Any other key, or wait: no.</source>
        <translation>Entrée : réimprimer. Autre touche, ou attendre : non.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>Impression du badge…</translation>
    </message>
    <message>
        <source>Nothing to reprint yet.</source>
        <translation>Rien à réimprimer pour l’instant.</translation>
    </message>
</context>
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
        <source>Checked in at %1, %2</source>
        <translation>Enregistré à %1, %2</translation>
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
    <name>StationScreen</name>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Nom de la station</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>Liste d’enregistrement</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN opérateur</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimante</translation>
    </message>
    <message>
        <source>Badge size</source>
        <translation>Taille du badge</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Configurer cette station</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Celle du système (%1)</translation>
    </message>
    <message>
        <source>e.g. Door B</source>
        <translation>p. ex. Porte B</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>Aucune zone</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>laisser vide pour garder le PIN actuel</translation>
    </message>
    <message>
        <source>4 to 12 digits, to leave kiosk mode</source>
        <translation>4 à 12 chiffres, pour quitter le mode kiosque</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Pas de caméra</translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no way out without the PIN</source>
        <translation>Mode kiosque : plein écran, aucune sortie sans le PIN</translation>
    </message>
    <message>
        <source>Printing a badge also checks the attendee in</source>
        <translation>Imprimer un badge enregistre aussi le participant</translation>
    </message>
    <message>
        <source>PDF files in the kiosk&apos;s data folder</source>
        <translation>Fichiers PDF dans le dossier de données du kiosque</translation>
    </message>
    <message>
        <source>Landscape badges</source>
        <translation>Badges au format paysage</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>Commencer à scanner</translation>
    </message>
    <message>
        <source>Only add-ons (meals, T-shirts) can be redeemed; choose an add-on.</source>
        <translation>Seules les options (repas, T-shirts) peuvent être utilisées ; choisissez une option.</translation>
    </message>
    <message>
        <source>Image files (--camera-file): %1</source>
        <translation>Fichiers image (--camera-file) : %1</translation>
    </message>
    <message>
        <source>Entry of %1</source>
        <translation>Entrée de %1</translation>
    </message>
    <message>
        <source>Exit of %1</source>
        <translation>Sortie de %1</translation>
    </message>
    <message>
        <source>Transfer from %1 into %2</source>
        <translation>Transfert de %1 vers %2</translation>
    </message>
    <message>
        <source>%1 (ticket)</source>
        <translation>%1 (billet)</translation>
    </message>
    <message>
        <source>%1 (add-on)</source>
        <translation>%1 (option)</translation>
    </message>
    <message>
        <source>No list names this station: admit as before</source>
        <translation>Aucune liste ne nomme cette station : admettre comme avant</translation>
    </message>
</context>
<context>
    <name>StationWords</name>
    <message>
        <source>Check-in</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Door check for one product</source>
        <translation>Contrôle à la porte pour un produit</translation>
    </message>
    <message>
        <source>Redemption of one product</source>
        <translation>Utilisation d’un produit</translation>
    </message>
    <message>
        <source>Badge printing</source>
        <translation>Impression de badges</translation>
    </message>
    <message>
        <source>Door check</source>
        <translation>Contrôle à la porte</translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <source>Badge print</source>
        <translation>Impression de badge</translation>
    </message>
    <message>
        <source>Refused scan</source>
        <translation>Scan refusé</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>The organisers revoked this kiosk: everything it held of the conference has been deleted from it. Pair it again to use it.</source>
        <translation>Les organisateurs ont révoqué ce kiosque : tout ce qu’il contenait de la conférence a été supprimé. Associez-le à nouveau pour l’utiliser.</translation>
    </message>
    <message>
        <source>The conference is over: as the organisers set, everything this kiosk held of it has been deleted. Pair it with another conference to use it again.</source>
        <translation>La conférence est terminée : comme l’ont réglé les organisateurs, tout ce que ce kiosque en contenait a été supprimé. Associez-le à une autre conférence pour le réutiliser.</translation>
    </message>
    <message>
        <source>This kiosk forgot the conference: everything it held of it has been deleted. Pair it again to use it.</source>
        <translation>Ce kiosque a oublié la conférence : tout ce qu’il en contenait a été supprimé. Associez-le à nouveau pour l’utiliser.</translation>
    </message>
    <message>
        <source>Give the station a name, e.g. &apos;Door B&apos;.</source>
        <translation>Donnez un nom à la station, p. ex. « Porte B ».</translation>
    </message>
    <message>
        <source>Choose the product for this mode.</source>
        <translation>Choisissez le produit pour ce mode.</translation>
    </message>
    <message>
        <source>Choose the zone this station is the door of.</source>
        <translation>Choisissez la zone dont cette station est la porte.</translation>
    </message>
    <message>
        <source>Choose the zone a transfer leads into.</source>
        <translation>Choisissez la zone vers laquelle mène un transfert.</translation>
    </message>
    <message>
        <source>The PIN is 4 to 12 digits.</source>
        <translation>Le PIN compte 4 à 12 chiffres.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation>Impossible de joindre le serveur à %1.</translation>
    </message>
    <message>
        <source>The server answered %1; try again in a moment.</source>
        <translation>Le serveur a répondu %1 ; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>That pairing code is not valid: it may have been used or have expired. Ask for a new one on the console&apos;s devices page.</source>
        <translation>Ce code d&apos;association n&apos;est pas valide : il a peut-être déjà servi ou expiré. Demandez-en un nouveau sur la page des appareils de la console.</translation>
    </message>
    <message>
        <source>Too many wrong pairing codes from this address; try again later.</source>
        <translation>Trop de codes d&apos;association erronés depuis cette adresse ; réessayez plus tard.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong pairing codes from this address; try again in %Ln minute(s).</source>
        <translation>
            <numerusform>Trop de codes d&apos;association erronés depuis cette adresse ; réessayez dans %Ln minute.</numerusform>
            <numerusform>Trop de codes d&apos;association erronés depuis cette adresse ; réessayez dans %Ln minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The conference is over: this kiosk forgets it once its %Ln waiting scan(s) reach the server.</source>
        <translation>
            <numerusform>La conférence est terminée : ce kiosque l&apos;oubliera dès que son %Ln scan en attente aura atteint le serveur.</numerusform>
            <numerusform>La conférence est terminée : ce kiosque l&apos;oubliera dès que ses %Ln scans en attente auront atteint le serveur.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scans for the previous server are still waiting: upload, export or discard them first.</source>
        <translation>Des scans pour le serveur précédent attendent encore : envoyez-les, exportez-les ou supprimez-les d’abord.</translation>
    </message>
    <message>
        <source>Took back the check-in of %1.</source>
        <translation>Enregistrement de %1 annulé.</translation>
    </message>
    <message>
        <source>Took back the exit of %1.</source>
        <translation>Sortie de %1 annulée.</translation>
    </message>
    <message>
        <source>Took back the door check of %1.</source>
        <translation>Contrôle à la porte de %1 annulé.</translation>
    </message>
    <message>
        <source>Took back the redemption of %1.</source>
        <translation>Utilisation de %1 annulée.</translation>
    </message>
    <message>
        <source>Took back the last scan of %1.</source>
        <translation>Dernier scan de %1 annulé.</translation>
    </message>
    <message>
        <source>There is no admitted scan to undo at this station.</source>
        <translation>Aucun scan admis à annuler à cette station.</translation>
    </message>
    <message>
        <source>This kiosk has been revoked by the organisers; pair it again.</source>
        <translation>Ce kiosque a été révoqué par les organisateurs ; associez-le à nouveau.</translation>
    </message>
    <message>
        <source>Server unreachable (%1); retrying.</source>
        <translation>Serveur injoignable (%1) ; nouvel essai en cours.</translation>
    </message>
    <message numerus="yes">
        <source>Server busy; retrying in %Ln second(s).</source>
        <translation>
            <numerusform>Serveur occupé ; nouvel essai dans %Ln seconde.</numerusform>
            <numerusform>Serveur occupé ; nouvel essai dans %Ln secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server error %1; retrying.</source>
        <translation>Erreur du serveur %1 ; nouvel essai en cours.</translation>
    </message>
    <message>
        <source>The server does not recognise this kiosk (401): a different or reset server? Retrying; pair again if it lasts.</source>
        <translation>Le serveur ne reconnaît pas ce kiosque (401) : un autre serveur, ou un serveur réinitialisé ? Nouvel essai en cours ; associez-le à nouveau si cela dure.</translation>
    </message>
    <message>
        <source>The server refused the sync (%1): %2</source>
        <translation>Le serveur a refusé la synchronisation (%1) : %2</translation>
    </message>
    <message>
        <source>Something other than the Doorstation server answered (%1, %2): a Wi-Fi sign-in page or a proxy? Retrying.</source>
        <translation>Autre chose que le serveur Doorstation a répondu (%1, %2) : une page de connexion Wi-Fi ou un proxy ? Nouvel essai en cours.</translation>
    </message>
    <message numerus="yes">
        <source>The server&apos;s change feed is not in the expected form (%Ln problem(s)); is the server a different version?</source>
        <translation>
            <numerusform>Le flux de modifications du serveur n&apos;a pas la forme attendue (%Ln problème) ; le serveur est-il d&apos;une autre version ?</numerusform>
            <numerusform>Le flux de modifications du serveur n&apos;a pas la forme attendue (%Ln problèmes) ; le serveur est-il d&apos;une autre version ?</numerusform>
        </translation>
    </message>
    <message>
        <source>The server answered for none of the scans sent; retrying.</source>
        <translation>Le serveur n&apos;a répondu pour aucun des scans envoyés ; nouvel essai en cours.</translation>
    </message>
    <message>
        <source>This kiosk was not paired before: there is no previous server to upload to.</source>
        <translation>Ce kiosque n&apos;était pas associé auparavant : il n&apos;y a pas de serveur précédent vers lequel envoyer.</translation>
    </message>
    <message>
        <source>The previous server at %1 cannot be reached.</source>
        <translation>Le serveur précédent à %1 est injoignable.</translation>
    </message>
    <message>
        <source>The previous server at %1 answered %2; try again in a moment.</source>
        <translation>Le serveur précédent à %1 a répondu %2 ; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The previous server at %1 no longer knows this kiosk (a reset server?): export the scans to a file instead.</source>
        <translation>Le serveur précédent à %1 ne connaît plus ce kiosque (un serveur réinitialisé ?) : exportez plutôt les scans dans un fichier.</translation>
    </message>
    <message>
        <source>Sync failed (%1); retrying.</source>
        <translation>Échec de la synchronisation (%1) ; nouvel essai en cours.</translation>
    </message>
    <message>
        <source>The server&apos;s records went back (version %1, this kiosk had %2): restored from a backup? Downloaded everything again.</source>
        <translation>Les données du serveur sont revenues en arrière (version %1, ce kiosque avait %2) : restauré depuis une sauvegarde ? Tout a été retéléchargé.</translation>
    </message>
    <message>
        <source>The server is not the one this kiosk was paired with: downloaded everything again.</source>
        <translation>Ce n&apos;est pas le serveur auquel ce kiosque a été associé : tout a été retéléchargé.</translation>
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
<context>
    <name>WaitingScansScreen</name>
    <message>
        <source>Export them to a file</source>
        <translation>Les exporter dans un fichier</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN opérateur</translation>
    </message>
    <message>
        <source>Scans waiting for the previous server</source>
        <translation>Scans en attente pour le serveur précédent</translation>
    </message>
    <message>
        <source>Upload them to the previous server first</source>
        <translation>D’abord les envoyer au serveur précédent</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>Les supprimer</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting for the previous server</source>
        <translation>
            <numerusform>%Ln scan en attente pour le serveur précédent</numerusform>
            <numerusform>%Ln scans en attente pour le serveur précédent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</source>
        <translation>
            <numerusform>Ce kiosque a encore %Ln scan de %1 que %2 n’a pas reçu. Il est maintenant associé à %3 (%4), qui part d’un cache vierge. Choisissez d’abord le sort du scan en attente :</numerusform>
            <numerusform>Ce kiosque a encore %Ln scans de %1 que %2 n’a pas reçus. Il est maintenant associé à %3 (%4), qui part d’un cache vierge. Choisissez d’abord le sort des scans en attente :</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload them to %1 first</source>
        <translation>D’abord les envoyer à %1</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %Ln scan(s) (PIN)</source>
        <translation>
            <numerusform>Supprimer le %Ln scan (PIN)</numerusform>
            <numerusform>Supprimer les %Ln scans (PIN)</numerusform>
        </translation>
    </message>
</context>
</TS>
