#include <ui/traffic/payloaddecoder.h>
#include <ui/traffic/pickledisassembler.h>
#include <ui/composer/codesnippet.h>

#include <core/protocol/envelope.h>
#include <core/protocol/msgpackcodec.h>

#include <QCborMap>
#include <QTest>

using namespace daffi;
using namespace daffi::ui;

class TestPayloadDecoder : public QObject
{
    Q_OBJECT

private:
    static Frame frame(Flag flag, Serde serde, const QByteArray &data, bool isBytes = true)
    {
        return *Frame::make({7, flag, serde, isBytes, flag == Flag::Request}, "caller", "worker", "fn", data);
    }

private Q_SLOTS:
    void pickleOpcodes()
    {
        // pickle.dumps(((1, 'two', [3.5, None, True]), {'k': b'\x00\x01'}), protocol=4)
        const QByteArray p = QByteArray::fromHex("80049528000000000000004b018c0374776f945d942847400c0000000000004e886587947d948c016b9443020001947386942e");
        const QString text = disassemblePickle(p);
        QVERIFY2(text.contains(u"PROTO") && text.contains(u"FRAME            40"), qPrintable(text));
        QVERIFY(text.contains(u"SHORT_BINUNICODE 'two'"));
        QVERIFY(text.contains(u"BINFLOAT         3.5"));
        QVERIFY(text.contains(u"SHORT_BINBYTES   b'\\x00\\x01'"));
        QVERIFY(text.contains(u"STOP"));
        QVERIFY(!text.contains(u"**"));
    }

    void pickleGlobalIsListedNotRun()
    {
        // pickle.dumps(os.system, protocol=0): shown as a GLOBAL, never imported or called.
        const QString text = disassemblePickle("cposix\nsystem\np0\n.");
        QVERIFY2(text.contains(u"GLOBAL           'posix' 'system'"), qPrintable(text));
    }

    void pickleMalformed()
    {
        QVERIFY(disassemblePickle(QByteArray::fromHex("8004950a")).contains(u"needs 8 more bytes"));
        QVERIFY(disassemblePickle(QByteArray::fromHex("58ffffff7f")).contains(u"more than the whole pickle"));
        QVERIFY(disassemblePickle(QByteArray::fromHex("ff")).contains(u"unknown opcode 0xff"));
        QVERIFY(disassemblePickle(QByteArray::fromHex("4b01")).contains(u"without STOP"));
        // Deep MARK nesting and long inputs stay bounded.
        QVERIFY(disassemblePickle(QByteArray(100000, '('), 100).contains(u"listing stopped after 100"));
    }

    void jsonPretty()
    {
        const QString text = PayloadDecoder::decode(frame(Flag::Request, Serde::Json, R"({"args":[1,{"a":[true,null]}],"kwargs":{}})", false));
        QCOMPARE(text, QStringLiteral("{\n  \"args\": [\n    1,\n    {\n      \"a\": [\n        true,\n        null\n      ]\n    }\n  ],\n  \"kwargs\": {}\n}"));
        QVERIFY(PayloadDecoder::decode(frame(Flag::Request, Serde::Json, "{oops", false)).startsWith(u"Not valid JSON"));
    }

    void msgpackPretty()
    {
        const QByteArray data = msgpack::encode(QCborArray{QCborArray{5, QStringLiteral("x")}, QCborMap{{QStringLiteral("k"), QByteArray("\x01\x02", 2)}}});
        const QString text = PayloadDecoder::decode(frame(Flag::Request, Serde::Msgpack, data));
        QVERIFY2(text.contains(u"\"x\"") && text.contains(u"<2 bytes: 01 02>"), qPrintable(text));
    }

    void opaqueTextAndHex()
    {
        const QString text = PayloadDecoder::decode(frame(Flag::Request, Serde::Opaque, "hello world"));
        QVERIFY(text.startsWith(u"Text:\nhello world"));
        QVERIFY(text.contains(u"00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64"));
        const QString binary = PayloadDecoder::decode(frame(Flag::Request, Serde::Opaque, QByteArray("\x00\xff\x10", 3)));
        QVERIFY(!binary.contains(u"Text:"));
        QVERIFY(binary.contains(u"00 ff 10"));
    }

    void errorFrame()
    {
        auto error = envelope::encodeError(Serde::Json, {QStringLiteral("ValueError"), QStringLiteral("builtins"), QStringLiteral("boom"), QCborValue(nullptr)});
        QVERIFY(error);
        const QString text = PayloadDecoder::decode(frame(Flag::Error, error->serde, error->data, error->isBytes));
        QVERIFY2(text.startsWith(u"builtins.ValueError: boom"), qPrintable(text));
    }

    void notRetained()
    {
        QVERIFY(PayloadDecoder::decode(Frame()).contains(u"not kept"));
    }

    void snippets()
    {
        CallSpec spec;
        spec.function = QStringLiteral("add");
        spec.args = QStringLiteral("[2, 3, true, null]");
        spec.kwargs = QStringLiteral("{\"scale\": 1.5}");
        spec.receivers = QStringLiteral("worker-1");
        spec.timeout = 10;
        const QString py = pythonSnippet(spec, QStringLiteral("127.0.0.1"), 6000);
        QVERIFY2(py.contains(u"conn = Client(host=\"127.0.0.1\", port=6000).connect()"), qPrintable(py));
        QVERIFY2(py.contains(u"conn.rpc(timeout=10, receiver=\"worker-1\", serde=SerdeFormat.JSON).add(2, 3, True, None, scale=1.5)"), qPrintable(py));
        spec.style = CallSpec::Style::CastNowait;
        spec.serde = Serde::Msgpack;
        spec.receivers.clear();
        const QString js = javascriptSnippet(spec, QStringLiteral("127.0.0.1"), 6000);
        QVERIFY2(js.contains(u"new DaffiClient({ wsUrl: \"ws://127.0.0.1:6000\" })"), qPrintable(js));
        QVERIFY2(js.contains(u"await conn.cast_nowait({ serde: \"msgpack\" }).add(2, 3, true, null);"), qPrintable(js));
        QVERIFY(js.contains(u"keyword arguments are left out"));
    }

    // The connect hint's programs name the router as a program elsewhere reaches it.
    void connectSnippets()
    {
        RouterAddress wildcard{QStringLiteral("0.0.0.0"), 6000, {}, false};
        QVERIFY(pythonWorkerSnippet(wildcard).contains(u"Client(app_name=\"worker-1\", host=\"127.0.0.1\", port=6000)"));
        QVERIFY(pythonWorkerSnippet(wildcard).contains(u"From another machine"));
        QVERIFY(pythonWorkerSnippet(wildcard).contains(u"@callback\ndef hello(name: str) -> str:"));
        QVERIFY(!pythonCallerSnippet({QStringLiteral("10.1.2.3"), 6000, {}, false}).contains(u"another machine"));

        RouterAddress tls{QStringLiteral("router.example"), 6443, {}, true};
        QVERIFY(pythonCallerSnippet(tls).contains(u"Client(host=\"router.example\", port=6443, tls=True, ca_file=\"ca.crt\")"));
        QVERIFY(javascriptCallerSnippet(tls).contains(u"wsUrl: \"wss://router.example:6443\""));
        QVERIFY(javascriptCallerSnippet({QStringLiteral("::1"), 6000, {}, false}).contains(u"\"ws://[::1]:6000\""));

        RouterAddress unixOnly{{}, 0, QStringLiteral("/run/daffi/router.sock"), false};
        QVERIFY(pythonWorkerSnippet(unixOnly).contains(u"Client(app_name=\"worker-1\", unix_sock_path=\"/run/daffi/router.sock\")"));
        QVERIFY(javascriptCallerSnippet(unixOnly).contains(u"listen on a TCP port too"));
        // TCP wins over the socket when the router has both.
        RouterAddress both{QStringLiteral("127.0.0.1"), 6000, QStringLiteral("/tmp/d.sock"), false};
        QVERIFY(!pythonWorkerSnippet(both).contains(u"unix_sock_path"));
    }
};

QTEST_GUILESS_MAIN(TestPayloadDecoder)
#include "tst_payloaddecoder.moc"
