<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>CacheWorker</name>
    <message>
        <source>Could not set up the station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record this scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count the scans waiting to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the printed badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the badges sent from the console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not undo the last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count this station&apos;s scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the products</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Could not protect the data with the new PIN: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading to the previous server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) the previous server refused remain: export or discard them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Uploaded to the previous server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) exported to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export them: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN: the scans are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) discarded.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Call the organisers if it happens again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not scanning yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the station set-up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN: nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete everything this kiosk holds (%1); call the organisers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>Operator panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admitted here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admitted with a warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in (conference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendees cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint last badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair with another server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Doorstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN, to forget the conference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this conference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts (from the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts: asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts: not available (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts (from the server): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %Ln resolved</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>None. Every scan agreed with the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>a scan at a station</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(code %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved by %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 at %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans the server refused, kept here: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>from `doorstation devices add`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair this kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair this kiosk with the Doorstation server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the pairing code the organisers gave you, or scan the pairing QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address starts with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the pairing code (at least 4 characters).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conference data locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no key store (Secret Service, Windows Credential Manager, macOS Keychain), so the conference data on this kiosk stays locked after each start until the operator enters the PIN. With a key store, the kiosk opens by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open operator panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %Ln time(s). Try again in %1 s.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintStation</name>
    <message>
        <source>Badge printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The badge is kept: reprint it from the operator panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already printed at %1, %2 — print again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already printed at %1 — print again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter: print again. Any other key, or wait: no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to reprint yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Operator</source>
        <translation>المشغّل</translation>
    </message>
    <message>
        <source>Scan your badge</source>
        <translation>امسح شارتك</translation>
    </message>
    <message>
        <source>Hold the QR code on your badge to the scanner or the camera.</source>
        <translation>قرّب رمز QR على شارتك من الماسح أو الكاميرا.</translation>
    </message>
    <message>
        <source>No badge? Search by name, email or code</source>
        <translation>لا شارة؟ ابحث بالاسم أو البريد أو الرمز</translation>
    </message>
    <message>
        <source>Checked in at %1</source>
        <translation>سُجّل دخوله الساعة %1</translation>
    </message>
    <message>
        <source>No one found. Check the spelling, or try the email.</source>
        <translation>لم يُعثر على أحد. تحقق من الكتابة أو جرّب البريد الإلكتروني.</translation>
    </message>
</context>
<context>
    <name>StationScreen</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badge size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Door B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 to 12 digits, to leave kiosk mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no way out without the PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing a badge also checks the attendee in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files in the kiosk&apos;s data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Landscape badges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only add-ons (meals, T-shirts) can be redeemed; choose an add-on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image files (--camera-file): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (ticket)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (add-on)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No list names this station: admit as before</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationWords</name>
    <message>
        <source>Check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Door check for one product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redemption of one product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badge printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Door check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badge print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisers revoked this kiosk: everything it held of the conference has been deleted from it. Pair it again to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conference is over: as the organisers set, everything this kiosk held of it has been deleted. Pair it with another conference to use it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk forgot the conference: everything it held of it has been deleted. Pair it again to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the station a name, e.g. &apos;Door B&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the product for this mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the zone this station is the door of.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the zone a transfer leads into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN is 4 to 12 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered %1; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans for the previous server are still waiting: upload, export or discard them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took back the check-in of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took back the exit of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took back the door check of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took back the redemption of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took back the last scan of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no admitted scan to undo at this station.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>● Connecting…</source>
        <translation>● جارٍ الاتصال…</translation>
    </message>
    <message>
        <source>● Revoked: pair this kiosk again</source>
        <translation>● أُلغي: اربط هذا الكشك من جديد</translation>
    </message>
    <message>
        <source>● Offline: scanning goes on</source>
        <translation>● غير متصل: المسح مستمر</translation>
    </message>
    <message>
        <source>● Sync problem: scanning goes on</source>
        <translation>● مشكلة في المزامنة: المسح مستمر</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● متصل</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>آخر مزامنة %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>لم تتم المزامنة بعد</translation>
    </message>
    <message numerus="yes">
        <source>%Ln attendee(s) cached</source>
        <translation>
            <numerusform>لا أحد محفوظ (%Ln)</numerusform>
            <numerusform>شخص واحد محفوظ (%Ln)</numerusform>
            <numerusform>شخصان محفوظان (%Ln)</numerusform>
            <numerusform>%Ln أشخاص محفوظون</numerusform>
            <numerusform>%Ln شخصًا محفوظًا</numerusform>
            <numerusform>%Ln شخص محفوظ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting to upload</source>
        <translation>
            <numerusform>لا مسح ينتظر الرفع (%Ln)</numerusform>
            <numerusform>مسح واحد ينتظر الرفع (%Ln)</numerusform>
            <numerusform>مسحان ينتظران الرفع (%Ln)</numerusform>
            <numerusform>%Ln عمليات مسح تنتظر الرفع</numerusform>
            <numerusform>%Ln عملية مسح تنتظر الرفع</numerusform>
            <numerusform>%Ln عملية مسح تنتظر الرفع</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 set aside (see the operator panel)</source>
        <translation>%1، و%2 جانبًا (انظر لوحة المشغّل)</translation>
    </message>
</context>
<context>
    <name>WaitingScansScreen</name>
    <message>
        <source>Export them to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans waiting for the previous server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload them to the previous server first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting for the previous server</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Upload them to %1 first</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Discard the %Ln scan(s) (PIN)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
