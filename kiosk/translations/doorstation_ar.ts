<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
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
</TS>
