<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>CacheWorker</name>
    <message>
        <source>Could not set up the station</source>
        <translation>تعذّر إعداد المحطة</translation>
    </message>
    <message>
        <source>Could not record this scan</source>
        <translation>تعذّر تسجيل عملية المسح هذه</translation>
    </message>
    <message>
        <source>Could not count the scans waiting to upload</source>
        <translation>تعذّر عدّ عمليات المسح التي تنتظر الرفع</translation>
    </message>
    <message>
        <source>Could not record the printed badge</source>
        <translation>تعذّر تسجيل الشارة المطبوعة</translation>
    </message>
    <message>
        <source>Could not read the badges sent from the console</source>
        <translation>تعذّرت قراءة الشارات المرسلة من لوحة الإدارة</translation>
    </message>
    <message>
        <source>Could not search</source>
        <translation>تعذّر البحث</translation>
    </message>
    <message>
        <source>Could not undo the last scan</source>
        <translation>تعذّر التراجع عن آخر عملية مسح</translation>
    </message>
    <message>
        <source>Could not count this station&apos;s scans</source>
        <translation>تعذّر عدّ عمليات المسح في هذه المحطة</translation>
    </message>
    <message>
        <source>Could not list the products</source>
        <translation>تعذّر عرض المنتجات</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Could not protect the data with the new PIN: %1</source>
        <translation>تعذّرت حماية البيانات برمز PIN الجديد: %1</translation>
    </message>
    <message>
        <source>Uploading to the previous server…</source>
        <translation>جارٍ الرفع إلى الخادم السابق…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) the previous server refused remain: export or discard them.</source>
        <translation>
            <numerusform>لا توجد عمليات مسح رفضها الخادم السابق (%Ln).</numerusform>
            <numerusform>بقيت عملية مسح واحدة رفضها الخادم السابق (%Ln): صدّرها أو احذفها.</numerusform>
            <numerusform>بقيت عمليتا مسح رفضهما الخادم السابق (%Ln): صدّرهما أو احذفهما.</numerusform>
            <numerusform>بقيت %Ln عمليات مسح رفضها الخادم السابق: صدّرها أو احذفها.</numerusform>
            <numerusform>بقيت %Ln عملية مسح رفضها الخادم السابق: صدّرها أو احذفها.</numerusform>
            <numerusform>بقيت %Ln عملية مسح رفضها الخادم السابق: صدّرها أو احذفها.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploaded to the previous server.</source>
        <translation>رُفعت إلى الخادم السابق.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) exported to %1.</source>
        <translation>
            <numerusform>لم تُصدَّر أي عملية مسح (%Ln) إلى %1.</numerusform>
            <numerusform>صُدّرت عملية مسح واحدة (%Ln) إلى %1.</numerusform>
            <numerusform>صُدّرت عمليتا مسح (%Ln) إلى %1.</numerusform>
            <numerusform>صُدّرت %Ln عمليات مسح إلى %1.</numerusform>
            <numerusform>صُدّرت %Ln عملية مسح إلى %1.</numerusform>
            <numerusform>صُدّرت %Ln عملية مسح إلى %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export them: %1</source>
        <translation>تعذّر تصديرها: %1</translation>
    </message>
    <message>
        <source>Wrong PIN: the scans are kept.</source>
        <translation>رمز PIN خاطئ: احتُفظ بعمليات المسح.</translation>
    </message>
    <message>
        <source>Discarding…</source>
        <translation>جارٍ الحذف…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) discarded.</source>
        <translation>
            <numerusform>لم تُحذف أي عملية مسح (%Ln).</numerusform>
            <numerusform>حُذفت عملية مسح واحدة (%Ln).</numerusform>
            <numerusform>حُذفت عمليتا مسح (%Ln).</numerusform>
            <numerusform>حُذفت %Ln عمليات مسح.</numerusform>
            <numerusform>حُذفت %Ln عملية مسح.</numerusform>
            <numerusform>حُذفت %Ln عملية مسح.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk error</source>
        <translation>خطأ في الكشك</translation>
    </message>
    <message>
        <source>%1. Call the organisers if it happens again.</source>
        <translation>%1. اتصل بالمنظمين إذا تكرر ذلك.</translation>
    </message>
    <message>
        <source>Not scanning yet</source>
        <translation>المسح غير متاح بعد</translation>
    </message>
    <message>
        <source>Finish the station set-up first.</source>
        <translation>أكمل إعداد المحطة أولًا.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>جارٍ طباعة الشارة…</translation>
    </message>
    <message>
        <source>Wrong PIN: nothing was deleted.</source>
        <translation>رمز PIN خاطئ: لم يُحذف شيء.</translation>
    </message>
    <message>
        <source>Could not delete everything this kiosk holds (%1); call the organisers.</source>
        <translation>تعذّر حذف كل ما يحتفظ به هذا الكشك (%1)؛ اتصل بالمنظمين.</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>Operator panel</source>
        <translation>لوحة المشغّل</translation>
    </message>
    <message>
        <source>Admitted here</source>
        <translation>سُمح بدخولهم هنا</translation>
    </message>
    <message>
        <source>Admitted with a warning</source>
        <translation>سُمح بدخولهم مع تحذير</translation>
    </message>
    <message>
        <source>Refused here</source>
        <translation>رُفضوا هنا</translation>
    </message>
    <message>
        <source>Checked in (conference)</source>
        <translation>سُجّل دخولهم (المؤتمر)</translation>
    </message>
    <message>
        <source>Attendees cached</source>
        <translation>الحضور المحفوظون</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>لغة النظام (%1)</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>التراجع عن آخر مسح</translation>
    </message>
    <message>
        <source>Reprint last badge</source>
        <translation>إعادة طباعة آخر شارة</translation>
    </message>
    <message>
        <source>Change station</source>
        <translation>تغيير المحطة</translation>
    </message>
    <message>
        <source>Pair with another server</source>
        <translation>الربط بخادم آخر</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>العودة إلى المسح</translation>
    </message>
    <message>
        <source>Quit Doorstation</source>
        <translation>إنهاء Doorstation</translation>
    </message>
    <message>
        <source>PIN, to forget the conference</source>
        <translation>رمز PIN لنسيان المؤتمر</translation>
    </message>
    <message>
        <source>Forget this conference</source>
        <translation>نسيان هذا المؤتمر</translation>
    </message>
    <message>
        <source>Conflicts (from the server)</source>
        <translation>التعارضات (من الخادم)</translation>
    </message>
    <message>
        <source>Conflicts: asking the server…</source>
        <translation>التعارضات: جارٍ سؤال الخادم…</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>Conflicts: not available (%1)</source>
        <translation>التعارضات: غير متاحة (%1)</translation>
    </message>
    <message>
        <source>Conflicts (from the server): %1</source>
        <translation>التعارضات (من الخادم): %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %Ln resolved</source>
        <translation>
            <numerusform>%1، لم يُحل أي منها (%Ln)</numerusform>
            <numerusform>%1، حُل واحد (%Ln)</numerusform>
            <numerusform>%1، حُل اثنان (%Ln)</numerusform>
            <numerusform>%1، حُلت %Ln</numerusform>
            <numerusform>%1، حُل %Ln</numerusform>
            <numerusform>%1، حُل %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>None. Every scan agreed with the server.</source>
        <translation>لا شيء. كل عمليات المسح توافقت مع الخادم.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>a scan at a station</comment>
        <translation>%1 في %2</translation>
    </message>
    <message>
        <source>(code %1)</source>
        <translation>(الرمز %1)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a conflict: where and when, then what happened</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Resolved by %1 at %2</source>
        <translation>حلّه %1 الساعة %2</translation>
    </message>
    <message>
        <source>Resolved at %2</source>
        <translation>حُلّ الساعة %2</translation>
    </message>
    <message>
        <source>%1 of %2 at %3: %4</source>
        <translation>%1 لـ %2 الساعة %3: %4</translation>
    </message>
    <message>
        <source>Scans the server refused, kept here: %1</source>
        <translation>عمليات مسح رفضها الخادم، محفوظة هنا: %1</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>from `doorstation devices add`</source>
        <translation>من `doorstation devices add`</translation>
    </message>
    <message>
        <source>Pair this kiosk</source>
        <translation>اربط هذا الكشك</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>رمز الربط</translation>
    </message>
    <message>
        <source>Pair this kiosk with the Doorstation server</source>
        <translation>اربط هذا الكشك بخادم Doorstation</translation>
    </message>
    <message>
        <source>Type the pairing code the organisers gave you, or scan the pairing QR code.</source>
        <translation>اكتب رمز الربط الذي أعطاك إياه المنظمون، أو امسح رمز QR الخاص بالربط.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>جارٍ الربط…</translation>
    </message>
    <message>
        <source>The server address starts with http:// or https://.</source>
        <translation>يبدأ عنوان الخادم بـ http:// أو https://.</translation>
    </message>
    <message>
        <source>Type the pairing code (at least 4 characters).</source>
        <translation>اكتب رمز الربط (4 أحرف على الأقل).</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>PIN</source>
        <translation>رمز PIN</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>العودة إلى المسح</translation>
    </message>
    <message>
        <source>Conference data locked</source>
        <translation>بيانات المؤتمر مقفلة</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>This computer has no key store (Secret Service, Windows Credential Manager, macOS Keychain), so the conference data on this kiosk stays locked after each start until the operator enters the PIN. With a key store, the kiosk opens by itself.</source>
        <translation>لا يوجد في هذا الحاسوب مخزن مفاتيح (Secret Service أو مدير بيانات الاعتماد في Windows أو سلسلة مفاتيح macOS)، لذا تبقى بيانات المؤتمر على هذا الكشك مقفلة بعد كل تشغيل إلى أن يُدخل المشغّل رمز PIN. مع مخزن مفاتيح، يفتح الكشك من تلقاء نفسه.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>رمز PIN للمشغّل</translation>
    </message>
    <message>
        <source>Open operator panel</source>
        <translation>فتح لوحة المشغّل</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>رمز PIN خاطئ.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %Ln time(s). Try again in %1 s.</source>
        <translation>
            <numerusform>رمز PIN خاطئ (%Ln). حاول مجددًا بعد %1 ث.</numerusform>
            <numerusform>رمز PIN خاطئ مرة واحدة (%Ln). حاول مجددًا بعد %1 ث.</numerusform>
            <numerusform>رمز PIN خاطئ مرتين (%Ln). حاول مجددًا بعد %1 ث.</numerusform>
            <numerusform>رمز PIN خاطئ %Ln مرات. حاول مجددًا بعد %1 ث.</numerusform>
            <numerusform>رمز PIN خاطئ %Ln مرة. حاول مجددًا بعد %1 ث.</numerusform>
            <numerusform>رمز PIN خاطئ %Ln مرة. حاول مجددًا بعد %1 ث.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintStation</name>
    <message>
        <source>Badge printed</source>
        <translation>طُبعت الشارة</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>فشلت الطباعة: %1</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>خطأ في الطابعة</translation>
    </message>
    <message>
        <source>%1 The badge is kept: reprint it from the operator panel.</source>
        <translation>%1 الشارة محفوظة: أعد طباعتها من لوحة المشغّل.</translation>
    </message>
    <message>
        <source>Already printed at %1, %2 — print again?</source>
        <translation>طُبعت بالفعل الساعة %1، %2 — هل تُطبع مجددًا؟</translation>
    </message>
    <message>
        <source>Already printed at %1 — print again?</source>
        <translation>طُبعت بالفعل الساعة %1 — هل تُطبع مجددًا؟</translation>
    </message>
    <message>
        <source>Enter: print again. Any other key, or wait: no.</source>
        <translation>Enter: اطبع مجددًا. أي مفتاح آخر، أو الانتظار: لا.</translation>
    </message>
    <message>
        <source>Printing badge…</source>
        <translation>جارٍ طباعة الشارة…</translation>
    </message>
    <message>
        <source>Nothing to reprint yet.</source>
        <translation>لا شيء لإعادة طباعته بعد.</translation>
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
        <source>Checked in at %1, %2</source>
        <translation>سُجّل دخوله الساعة %1، %2</translation>
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
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>اسم المحطة</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>المنتج</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>قائمة التسجيل</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>رمز PIN للمشغّل</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>الطابعة</translation>
    </message>
    <message>
        <source>Badge size</source>
        <translation>مقاس الشارة</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>إعداد هذه المحطة</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>لغة النظام (%1)</translation>
    </message>
    <message>
        <source>e.g. Door B</source>
        <translation>مثلًا: الباب B</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>بلا منطقة</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>اتركه فارغًا للإبقاء على رمز PIN الحالي</translation>
    </message>
    <message>
        <source>4 to 12 digits, to leave kiosk mode</source>
        <translation>من 4 إلى 12 رقمًا، للخروج من وضع الكشك</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>بلا كاميرا</translation>
    </message>
    <message>
        <source>Kiosk mode: full screen, no way out without the PIN</source>
        <translation>وضع الكشك: ملء الشاشة، لا خروج دون رمز PIN</translation>
    </message>
    <message>
        <source>Printing a badge also checks the attendee in</source>
        <translation>طباعة الشارة تسجّل دخول الحاضر أيضًا</translation>
    </message>
    <message>
        <source>PDF files in the kiosk&apos;s data folder</source>
        <translation>ملفات PDF في مجلد بيانات الكشك</translation>
    </message>
    <message>
        <source>Landscape badges</source>
        <translation>شارات بالعرض</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>ابدأ المسح</translation>
    </message>
    <message>
        <source>Only add-ons (meals, T-shirts) can be redeemed; choose an add-on.</source>
        <translation>لا يمكن صرف إلا الإضافات (الوجبات، القمصان)؛ اختر إضافة.</translation>
    </message>
    <message>
        <source>Image files (--camera-file): %1</source>
        <translation>ملفات صور (--camera-file): %1</translation>
    </message>
    <message>
        <source>Entry of %1</source>
        <translation>مدخل %1</translation>
    </message>
    <message>
        <source>Exit of %1</source>
        <translation>مخرج %1</translation>
    </message>
    <message>
        <source>Transfer from %1 into %2</source>
        <translation>انتقال من %1 إلى %2</translation>
    </message>
    <message>
        <source>%1 (ticket)</source>
        <translation>%1 (تذكرة)</translation>
    </message>
    <message>
        <source>%1 (add-on)</source>
        <translation>%1 (إضافة)</translation>
    </message>
    <message>
        <source>No list names this station: admit as before</source>
        <translation>لا قائمة تسمّي هذه المحطة: السماح بالدخول كما من قبل</translation>
    </message>
</context>
<context>
    <name>StationWords</name>
    <message>
        <source>Check-in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>الخروج</translation>
    </message>
    <message>
        <source>Door check for one product</source>
        <translation>فحص عند الباب لمنتج واحد</translation>
    </message>
    <message>
        <source>Redemption of one product</source>
        <translation>صرف منتج واحد</translation>
    </message>
    <message>
        <source>Badge printing</source>
        <translation>طباعة الشارات</translation>
    </message>
    <message>
        <source>Door check</source>
        <translation>فحص عند الباب</translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation>صرف</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Badge print</source>
        <translation>طباعة شارة</translation>
    </message>
    <message>
        <source>Refused scan</source>
        <translation>مسح مرفوض</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>مسح</translation>
    </message>
    <message>
        <source>The organisers revoked this kiosk: everything it held of the conference has been deleted from it. Pair it again to use it.</source>
        <translation>ألغى المنظمون هذا الكشك: حُذف منه كل ما كان يحتفظ به من المؤتمر. اربطه من جديد لاستخدامه.</translation>
    </message>
    <message>
        <source>The conference is over: as the organisers set, everything this kiosk held of it has been deleted. Pair it with another conference to use it again.</source>
        <translation>انتهى المؤتمر: كما حدّد المنظمون، حُذف كل ما كان هذا الكشك يحتفظ به منه. اربطه بمؤتمر آخر لاستخدامه مجددًا.</translation>
    </message>
    <message>
        <source>This kiosk forgot the conference: everything it held of it has been deleted. Pair it again to use it.</source>
        <translation>نسي هذا الكشك المؤتمر: حُذف كل ما كان يحتفظ به منه. اربطه من جديد لاستخدامه.</translation>
    </message>
    <message>
        <source>Give the station a name, e.g. &apos;Door B&apos;.</source>
        <translation>أعطِ المحطة اسمًا، مثلًا «الباب B».</translation>
    </message>
    <message>
        <source>Choose the product for this mode.</source>
        <translation>اختر المنتج لهذا الوضع.</translation>
    </message>
    <message>
        <source>Choose the zone this station is the door of.</source>
        <translation>اختر المنطقة التي تكون هذه المحطة بابها.</translation>
    </message>
    <message>
        <source>Choose the zone a transfer leads into.</source>
        <translation>اختر المنطقة التي يؤدي إليها الانتقال.</translation>
    </message>
    <message>
        <source>The PIN is 4 to 12 digits.</source>
        <translation>رمز PIN من 4 إلى 12 رقمًا.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation>تعذّر الوصول إلى الخادم على %1.</translation>
    </message>
    <message>
        <source>The server answered %1; try again in a moment.</source>
        <translation>أجاب الخادم بـ %1؛ حاول مجددًا بعد لحظة.</translation>
    </message>
    <message>
        <source>That pairing code is not valid: it may have been used or have expired. Ask for a new one on the console&apos;s devices page.</source>
        <translation>رمز الربط هذا غير صالح: ربما استُخدم من قبل أو انتهت صلاحيته. اطلب رمزًا جديدًا من صفحة الأجهزة في لوحة التحكم.</translation>
    </message>
    <message>
        <source>Too many wrong pairing codes from this address; try again later.</source>
        <translation>رموز ربط خاطئة كثيرة من هذا العنوان؛ حاول مرة أخرى لاحقًا.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong pairing codes from this address; try again in %Ln minute(s).</source>
        <translation>
            <numerusform>رموز ربط خاطئة كثيرة من هذا العنوان؛ حاول مرة أخرى الآن (%Ln).</numerusform>
            <numerusform>رموز ربط خاطئة كثيرة من هذا العنوان؛ حاول مرة أخرى بعد دقيقة واحدة (%Ln).</numerusform>
            <numerusform>رموز ربط خاطئة كثيرة من هذا العنوان؛ حاول مرة أخرى بعد دقيقتين (%Ln).</numerusform>
            <numerusform>رموز ربط خاطئة كثيرة من هذا العنوان؛ حاول مرة أخرى بعد %Ln دقائق.</numerusform>
            <numerusform>رموز ربط خاطئة كثيرة من هذا العنوان؛ حاول مرة أخرى بعد %Ln دقيقة.</numerusform>
            <numerusform>رموز ربط خاطئة كثيرة من هذا العنوان؛ حاول مرة أخرى بعد %Ln دقيقة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The conference is over: this kiosk forgets it once its %Ln waiting scan(s) reach the server.</source>
        <translation>
            <numerusform>انتهى المؤتمر: سينساه هذا الكشك (%Ln).</numerusform>
            <numerusform>انتهى المؤتمر: سينساه هذا الكشك حين تصل عملية المسح المنتظرة الوحيدة (%Ln) إلى الخادم.</numerusform>
            <numerusform>انتهى المؤتمر: سينساه هذا الكشك حين تصل عمليتا المسح المنتظرتان (%Ln) إلى الخادم.</numerusform>
            <numerusform>انتهى المؤتمر: سينساه هذا الكشك حين تصل %Ln عمليات مسح منتظرة إلى الخادم.</numerusform>
            <numerusform>انتهى المؤتمر: سينساه هذا الكشك حين تصل %Ln عملية مسح منتظرة إلى الخادم.</numerusform>
            <numerusform>انتهى المؤتمر: سينساه هذا الكشك حين تصل %Ln عملية مسح منتظرة إلى الخادم.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scans for the previous server are still waiting: upload, export or discard them first.</source>
        <translation>لا تزال عمليات مسح للخادم السابق في الانتظار: ارفعها أو صدّرها أو احذفها أولًا.</translation>
    </message>
    <message>
        <source>Took back the check-in of %1.</source>
        <translation>أُلغي تسجيل دخول %1.</translation>
    </message>
    <message>
        <source>Took back the exit of %1.</source>
        <translation>أُلغي خروج %1.</translation>
    </message>
    <message>
        <source>Took back the door check of %1.</source>
        <translation>أُلغي فحص %1 عند الباب.</translation>
    </message>
    <message>
        <source>Took back the redemption of %1.</source>
        <translation>أُلغي صرف %1.</translation>
    </message>
    <message>
        <source>Took back the last scan of %1.</source>
        <translation>أُلغي آخر مسح لـ %1.</translation>
    </message>
    <message>
        <source>There is no admitted scan to undo at this station.</source>
        <translation>لا توجد عملية مسح مقبولة للتراجع عنها في هذه المحطة.</translation>
    </message>
    <message>
        <source>This kiosk has been revoked by the organisers; pair it again.</source>
        <translation>ألغى المنظمون هذا الكشك؛ اربطه من جديد.</translation>
    </message>
    <message>
        <source>Server unreachable (%1); retrying.</source>
        <translation>تعذّر الوصول إلى الخادم (%1)؛ ستُعاد المحاولة.</translation>
    </message>
    <message numerus="yes">
        <source>Server busy; retrying in %Ln second(s).</source>
        <translation>
            <numerusform>الخادم مشغول؛ ستُعاد المحاولة الآن (%Ln).</numerusform>
            <numerusform>الخادم مشغول؛ ستُعاد المحاولة بعد ثانية واحدة (%Ln).</numerusform>
            <numerusform>الخادم مشغول؛ ستُعاد المحاولة بعد ثانيتين (%Ln).</numerusform>
            <numerusform>الخادم مشغول؛ ستُعاد المحاولة بعد %Ln ثوانٍ.</numerusform>
            <numerusform>الخادم مشغول؛ ستُعاد المحاولة بعد %Ln ثانية.</numerusform>
            <numerusform>الخادم مشغول؛ ستُعاد المحاولة بعد %Ln ثانية.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server error %1; retrying.</source>
        <translation>خطأ في الخادم %1؛ ستُعاد المحاولة.</translation>
    </message>
    <message>
        <source>The server does not recognise this kiosk (401): a different or reset server? Retrying; pair again if it lasts.</source>
        <translation>لا يتعرّف الخادم على هذا الكشك (401): خادم آخر أو خادم أُعيد ضبطه؟ ستُعاد المحاولة؛ اربطه من جديد إن استمر ذلك.</translation>
    </message>
    <message>
        <source>The server refused the sync (%1): %2</source>
        <translation>رفض الخادم المزامنة (%1): %2</translation>
    </message>
    <message>
        <source>Something other than the Doorstation server answered (%1, %2): a Wi-Fi sign-in page or a proxy? Retrying.</source>
        <translation>أجاب شيء غير خادم Doorstation (%1، %2): صفحة تسجيل دخول Wi-Fi أو وكيل؟ ستُعاد المحاولة.</translation>
    </message>
    <message numerus="yes">
        <source>The server&apos;s change feed is not in the expected form (%Ln problem(s)); is the server a different version?</source>
        <translation>
            <numerusform>موجز التغييرات من الخادم ليس بالشكل المتوقع (%Ln)؛ هل الخادم بإصدار مختلف؟</numerusform>
            <numerusform>موجز التغييرات من الخادم ليس بالشكل المتوقع (مشكلة واحدة، %Ln)؛ هل الخادم بإصدار مختلف؟</numerusform>
            <numerusform>موجز التغييرات من الخادم ليس بالشكل المتوقع (مشكلتان، %Ln)؛ هل الخادم بإصدار مختلف؟</numerusform>
            <numerusform>موجز التغييرات من الخادم ليس بالشكل المتوقع (%Ln مشكلات)؛ هل الخادم بإصدار مختلف؟</numerusform>
            <numerusform>موجز التغييرات من الخادم ليس بالشكل المتوقع (%Ln مشكلة)؛ هل الخادم بإصدار مختلف؟</numerusform>
            <numerusform>موجز التغييرات من الخادم ليس بالشكل المتوقع (%Ln مشكلة)؛ هل الخادم بإصدار مختلف؟</numerusform>
        </translation>
    </message>
    <message>
        <source>The server answered for none of the scans sent; retrying.</source>
        <translation>لم يُجب الخادم عن أيٍّ من عمليات المسح المرسلة؛ ستُعاد المحاولة.</translation>
    </message>
    <message>
        <source>This kiosk was not paired before: there is no previous server to upload to.</source>
        <translation>لم يكن هذا الكشك مربوطًا من قبل: لا يوجد خادم سابق للرفع إليه.</translation>
    </message>
    <message>
        <source>The previous server at %1 cannot be reached.</source>
        <translation>تعذّر الوصول إلى الخادم السابق على %1.</translation>
    </message>
    <message>
        <source>The previous server at %1 answered %2; try again in a moment.</source>
        <translation>أجاب الخادم السابق على %1 بـ %2؛ حاول مرة أخرى بعد لحظة.</translation>
    </message>
    <message>
        <source>The previous server at %1 no longer knows this kiosk (a reset server?): export the scans to a file instead.</source>
        <translation>لم يعد الخادم السابق على %1 يعرف هذا الكشك (خادم أُعيد ضبطه؟): صدّر عمليات المسح إلى ملف بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>Sync failed (%1); retrying.</source>
        <translation>فشلت المزامنة (%1)؛ ستُعاد المحاولة.</translation>
    </message>
    <message>
        <source>The server&apos;s records went back (version %1, this kiosk had %2): restored from a backup? Downloaded everything again.</source>
        <translation>عادت سجلات الخادم إلى الوراء (الإصدار %1، وكان لدى هذا الكشك %2): استُعيدت من نسخة احتياطية؟ نُزّل كل شيء من جديد.</translation>
    </message>
    <message>
        <source>The server is not the one this kiosk was paired with: downloaded everything again.</source>
        <translation>هذا ليس الخادم الذي رُبط به هذا الكشك: نُزّل كل شيء من جديد.</translation>
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
        <translation>صدّرها إلى ملف</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>رمز PIN للمشغّل</translation>
    </message>
    <message>
        <source>Scans waiting for the previous server</source>
        <translation>عمليات مسح تنتظر الخادم السابق</translation>
    </message>
    <message>
        <source>Upload them to the previous server first</source>
        <translation>ارفعها أولًا إلى الخادم السابق</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>احذفها</translation>
    </message>
    <message numerus="yes">
        <source>%Ln scan(s) waiting for the previous server</source>
        <translation>
            <numerusform>لا عمليات مسح تنتظر الخادم السابق (%Ln)</numerusform>
            <numerusform>عملية مسح واحدة تنتظر الخادم السابق (%Ln)</numerusform>
            <numerusform>عمليتا مسح تنتظران الخادم السابق (%Ln)</numerusform>
            <numerusform>%Ln عمليات مسح تنتظر الخادم السابق</numerusform>
            <numerusform>%Ln عملية مسح تنتظر الخادم السابق</numerusform>
            <numerusform>%Ln عملية مسح تنتظر الخادم السابق</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which starts from a fresh cache. Choose what happens to the waiting scans first:</source>
        <translation>
            <numerusform>لا توجد لدى هذا الكشك عمليات مسح من %1 لم يستلمها %2 (%Ln). أصبح الآن مرتبطًا بـ %3 (%4)، الذي يبدأ بذاكرة جديدة. اختر أولًا ما يحدث لعمليات المسح المنتظرة:</numerusform>
            <numerusform>لا تزال لدى هذا الكشك عملية مسح واحدة (%Ln) من %1 لم يستلمها %2. أصبح الآن مرتبطًا بـ %3 (%4)، الذي يبدأ بذاكرة جديدة. اختر أولًا ما يحدث لعملية المسح المنتظرة:</numerusform>
            <numerusform>لا تزال لدى هذا الكشك عمليتا مسح (%Ln) من %1 لم يستلمهما %2. أصبح الآن مرتبطًا بـ %3 (%4)، الذي يبدأ بذاكرة جديدة. اختر أولًا ما يحدث لعمليتي المسح المنتظرتين:</numerusform>
            <numerusform>لا تزال لدى هذا الكشك %Ln عمليات مسح من %1 لم يستلمها %2. أصبح الآن مرتبطًا بـ %3 (%4)، الذي يبدأ بذاكرة جديدة. اختر أولًا ما يحدث لعمليات المسح المنتظرة:</numerusform>
            <numerusform>لا تزال لدى هذا الكشك %Ln عملية مسح من %1 لم يستلمها %2. أصبح الآن مرتبطًا بـ %3 (%4)، الذي يبدأ بذاكرة جديدة. اختر أولًا ما يحدث لعمليات المسح المنتظرة:</numerusform>
            <numerusform>لا تزال لدى هذا الكشك %Ln عملية مسح من %1 لم يستلمها %2. أصبح الآن مرتبطًا بـ %3 (%4)، الذي يبدأ بذاكرة جديدة. اختر أولًا ما يحدث لعمليات المسح المنتظرة:</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload them to %1 first</source>
        <translation>ارفعها أولًا إلى %1</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %Ln scan(s) (PIN)</source>
        <translation>
            <numerusform>احذف عمليات المسح (%Ln) (رمز PIN)</numerusform>
            <numerusform>احذف عملية المسح الواحدة (%Ln) (رمز PIN)</numerusform>
            <numerusform>احذف عمليتي المسح (%Ln) (رمز PIN)</numerusform>
            <numerusform>احذف عمليات المسح الـ %Ln (رمز PIN)</numerusform>
            <numerusform>احذف عمليات المسح الـ %Ln (رمز PIN)</numerusform>
            <numerusform>احذف عمليات المسح الـ %Ln (رمز PIN)</numerusform>
        </translation>
    </message>
</context>
</TS>
