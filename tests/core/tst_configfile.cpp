// The config file in which every command-line option is a key (ConfigFile), and the parser that
// puts it beneath the command line (ConfigFileParser).
#include <configfile.h>
#include <configfileparser.h>

#include <QTemporaryDir>
#include <QTest>

using namespace daffi;

namespace {

// Options shaped like daffi-router's: values with and without defaults, a short name, an alias,
// flags, and a repeatable one.
QList<QCommandLineOption> options()
{
    return {
        {QStringLiteral("listen"), QStringLiteral("where"), QStringLiteral("url")},
        {{QStringLiteral("p"), QStringLiteral("port")}, QStringLiteral("port"), QStringLiteral("port"), QStringLiteral("6000")},
        {QStringLiteral("host"), QStringLiteral("host"), QStringLiteral("address"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("no-tcp"), QStringLiteral("flag")},
        {QStringLiteral("tls-key"), QStringLiteral("key"), QStringLiteral("file")},
        {{QStringLiteral("monitor-port"), QStringLiteral("metrics-port")}, QStringLiteral("monitor"), QStringLiteral("port")},
        {QStringLiteral("monitor-payloads"), QStringLiteral("flag")},
    };
}

ConfigFile::Rules rules()
{
    return {options(), {QStringLiteral("listen")}, {QStringLiteral("config")}};
}

ConfigFile parse(const QByteArray &text)
{
    return ConfigFile::parse(text, QStringLiteral("router.conf"), rules());
}

bool write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

std::unique_ptr<ConfigFileParser> parser()
{
    auto p = std::make_unique<ConfigFileParser>();
    p->addOptions(options());
    p->setRepeatable(options().constFirst());
    return p;
}

} // namespace

class TestConfigFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysValuesAndComments();
    void quotedValues_data();
    void quotedValues();
    void badLines_data();
    void badLines();
    void everyProblemWithItsLine();
    void unreadableFile();
    void commandLineOverridesTheFile();
    void wrongValuesNameTheirLine();
    void rereadSeesTheFileAsItIsNow();
    void printedConfigReadsBackTheSame();
};

void TestConfigFile::keysValuesAndComments()
{
    const ConfigFile file = parse("\xEF\xBB\xBF# daffi-router\n"
                                  "\n"
                                  "   # indented comment\n"
                                  "port = 7000   # a comment behind a space\n"
                                  "host=0.0.0.0\r\n"
                                  "listen = tcp://0.0.0.0:7000\n"
                                  "listen = unix:///run/a#b.sock\n"
                                  "no-tcp = Off\n"
                                  "monitor-payloads = yes\n"
                                  "metrics-port = 9100\n");
    QVERIFY2(file.problems().isEmpty(), qPrintable(file.problems().join(u'\n')));
    QCOMPARE(file.arguments(), (QStringList{QStringLiteral("--port=7000"), QStringLiteral("--host=0.0.0.0"),
                                            QStringLiteral("--listen=tcp://0.0.0.0:7000"),
                                            QStringLiteral("--listen=unix:///run/a#b.sock"),
                                            QStringLiteral("--monitor-payloads"), QStringLiteral("--monitor-port=9100")}));
    QCOMPARE(file.line(QStringLiteral("port")), 4);
    QCOMPARE(file.line(QStringLiteral("host")), 5);
    QCOMPARE(file.line(QStringLiteral("listen")), 6);   // the first of its lines
    QCOMPARE(file.line(QStringLiteral("no-tcp")), 8);
    QCOMPARE(file.line(QStringLiteral("monitor-port")), 10);   // an alias is the same option
    QCOMPARE(file.line(QStringLiteral("tls-key")), 0);
    QCOMPARE(file.arguments({QStringLiteral("listen"), QStringLiteral("port")}),
             (QStringList{QStringLiteral("--host=0.0.0.0"), QStringLiteral("--monitor-payloads"),
                          QStringLiteral("--monitor-port=9100")}));
}

void TestConfigFile::quotedValues_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("value");
    QTest::newRow("spaces and #") << QByteArray(R"(tls-key = "/etc/daffi/my key #2.pem"  # comment)")
                                  << QStringLiteral("/etc/daffi/my key #2.pem");
    QTest::newRow("escapes") << QByteArray(R"(tls-key = "a \"b\" c\\d")") << QStringLiteral(R"(a "b" c\d)");
    QTest::newRow("empty") << QByteArray(R"(tls-key = "")") << QString();
    QTest::newRow("leading space") << QByteArray(R"(tls-key = "  x")") << QStringLiteral("  x");
    QTest::newRow("# without a space is the value's") << QByteArray("tls-key = a#b") << QStringLiteral("a#b");
    QTest::newRow("= in the value") << QByteArray("tls-key = a=b") << QStringLiteral("a=b");
}

void TestConfigFile::quotedValues()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, value);
    const ConfigFile file = parse(line);
    QVERIFY2(file.problems().isEmpty(), qPrintable(file.problems().join(u'\n')));
    QCOMPARE(file.arguments(), QStringList{QStringLiteral("--tls-key=") + value});
    // and what quoted() writes reads back as the same value
    const ConfigFile again = parse("tls-key = " + ConfigFile::quoted(value).toUtf8());
    QCOMPARE(again.arguments(), file.arguments());
}

void TestConfigFile::badLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("problem");
    QTest::newRow("typo") << QByteArray("\n# x\nprot = 6000") << R"(router.conf:3: unknown key "prot"; did you mean "port"?)";
    QTest::newRow("typo in a long key") << QByteArray("monitor-prot = 1")
                                        << R"(router.conf:1: unknown key "monitor-prot"; did you mean "monitor-port"?)";
    QTest::newRow("dashes") << QByteArray("--port = 6000") << R"(router.conf:1: unknown key "--port"; did you mean "port"?)";
    QTest::newRow("unknown") << QByteArray("frobnicate = 1")
                             << R"(router.conf:1: unknown key "frobnicate"; the keys are the long options that --help lists)";
    QTest::newRow("one-letter name") << QByteArray("p = 6000")
                                     << R"(router.conf:1: unknown key "p"; the keys are the long options that --help lists)";
    QTest::newRow("command line only") << QByteArray("config = /x")
                                       << R"(router.conf:1: "config" belongs on the command line (--config), not in a config file)";
    QTest::newRow("no =") << QByteArray("port 6000") << R"(router.conf:1: expected "key = value", not "port 6000")";
    QTest::newRow("no key") << QByteArray(" = 6000") << R"(router.conf:1: a key is missing before "=")";
    QTest::newRow("no value") << QByteArray("port =   # later")
                              << R"(router.conf:1: "port" has no value; give one, or comment the line out for the default)";
    QTest::newRow("not a boolean") << QByteArray("no-tcp = maybe") << R"(router.conf:1: "no-tcp" is true or false, not "maybe")";
    QTest::newRow("flag without value") << QByteArray("no-tcp =") << R"(router.conf:1: "no-tcp" is true or false, not "")";
    QTest::newRow("twice") << QByteArray("port = 1\nhost = a\nport = 2")
                           << R"(router.conf:3: "port" is set twice (also on line 1); give it once)";
    QTest::newRow("twice by alias") << QByteArray("monitor-port = 1\nmetrics-port = 2")
                                    << R"(router.conf:2: "metrics-port" is set twice (also on line 1); give it once)";
    QTest::newRow("open quote") << QByteArray(R"(tls-key = "/a)") << R"(router.conf:1: "tls-key": the quoted value has no closing quote)";
    QTest::newRow("after the quote") << QByteArray(R"(tls-key = "/a" b)")
                                     << R"(router.conf:1: "tls-key": "b" follows the closing quote; only a comment may)";
    QTest::newRow("bad escape") << QByteArray(R"(tls-key = "\n")")
                                << R"(router.conf:1: "tls-key": a backslash in quotes comes before " or \ only; write \\ for a backslash)";
}

void TestConfigFile::badLines()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, problem);
    const ConfigFile file = parse(text);
    QCOMPARE(file.problems(), QStringList{problem});
}

void TestConfigFile::everyProblemWithItsLine()
{
    const ConfigFile file = parse("port = 1\nhots = x\n\nno-tcp = 2\nlisten = a\nlisten = b\n# end\nport = 3\n");
    QCOMPARE(file.problems(), (QStringList{
                                  QStringLiteral(R"(router.conf:2: unknown key "hots"; did you mean "host"?)"),
                                  QStringLiteral(R"(router.conf:4: "no-tcp" is true or false, not "2")"),
                                  QStringLiteral(R"(router.conf:8: "port" is set twice (also on line 1); give it once)"),
                              }));
    // A wrong line gives nothing: the good ones are as they were.
    QCOMPARE(file.arguments(), (QStringList{QStringLiteral("--port=1"), QStringLiteral("--listen=a"), QStringLiteral("--listen=b")}));
}

void TestConfigFile::unreadableFile()
{
    const ConfigFile file = ConfigFile::read(QStringLiteral("/nonexistent/router.conf"), rules());
    QCOMPARE(file.problems().size(), 1);
    QVERIFY2(file.problems().first().startsWith(u"cannot read the config file /nonexistent/router.conf: "),
             qPrintable(file.problems().first()));
}

void TestConfigFile::commandLineOverridesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("router.conf"));
    QVERIFY(write(path, "port = 7000\nhost = 0.0.0.0\nlisten = tcp://a:1\nlisten = unix:///b\nmonitor-payloads = true\n"));
    auto p = parser();
    QStringList problems;
    QVERIFY(p->parseWithConfig({QStringLiteral("prog"), QStringLiteral("--config"), path, QStringLiteral("-p"),
                                QStringLiteral("8000"), QStringLiteral("--listen"), QStringLiteral("tcp://c:2")},
                               &problems));
    QCOMPARE(p->value(QStringLiteral("port")), QStringLiteral("8000"));
    QCOMPARE(p->value(QStringLiteral("host")), QStringLiteral("0.0.0.0"));
    QCOMPARE(p->values(QStringLiteral("listen")), QStringList{QStringLiteral("tcp://c:2")});   // replaced, not added to
    QVERIFY(p->isSet(QStringLiteral("monitor-payloads")));
    QVERIFY(!p->isSet(QStringLiteral("no-tcp")));
    QCOMPARE(p->configPath(), path);
    QVERIFY(!p->checkOnly());

    // Without --config the file is not read.
    auto plain = parser();
    QVERIFY(plain->parseWithConfig({QStringLiteral("prog")}, &problems));
    QCOMPARE(plain->value(QStringLiteral("port")), QStringLiteral("6000"));
    QVERIFY(problems.isEmpty());
}

void TestConfigFile::wrongValuesNameTheirLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("router.conf"));
    QVERIFY(write(path, "# x\nport = 70000\nhost = nowhere\n"));
    auto p = parser();
    QStringList problems;
    QVERIFY(p->parseWithConfig({QStringLiteral("prog"), QStringLiteral("--config"), path, QStringLiteral("--host=x")},
                               &problems));
    const QList<QCommandLineOption> o = options();
    QCOMPARE(p->locate({o[1]}, QStringLiteral("bad port")), path + QStringLiteral(":2: bad port"));
    QCOMPARE(p->locate({o[2]}, QStringLiteral("bad host")), QStringLiteral("bad host"));   // the command line's
    QCOMPARE(p->locate({o[2], o[1]}, QStringLiteral("either")), path + QStringLiteral(":2: either"));
    QCOMPARE(p->locate({o[4]}, QStringLiteral("not given")), QStringLiteral("not given"));

    QVERIFY(write(path, "port = 1\nprot = 2\nno-tcp = 3\n"));
    auto broken = parser();
    QVERIFY(!broken->parseWithConfig({QStringLiteral("prog"), QStringLiteral("--config"), path}, &problems));
    QCOMPARE(problems.size(), 2);
    QVERIFY(problems[0].startsWith(path + QStringLiteral(":2: unknown key \"prot\"")));
    QVERIFY(problems[1].startsWith(path + QStringLiteral(":3: ")));
    problems.clear();
    QVERIFY(!broken->parseWithConfig({QStringLiteral("prog"), QStringLiteral("--nope")}, &problems));
    QCOMPARE(problems, QStringList{QStringLiteral("Unknown option 'nope'.")});
}

void TestConfigFile::rereadSeesTheFileAsItIsNow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("router.conf"));
    QVERIFY(write(path, "tls-key = /old.key\nport = 1\n"));
    auto p = parser();
    QStringList problems;
    QVERIFY(p->parseWithConfig({QStringLiteral("prog"), QStringLiteral("--config"), path, QStringLiteral("--port=5")},
                               &problems));

    QVERIFY(write(path, "tls-key = /new.key\nport = 2\nlisten = a\nlisten = b\n"));
    const auto fresh = p->reread(&problems);
    QVERIFY2(fresh, qPrintable(problems.join(u'\n')));
    QCOMPARE(fresh->value(QStringLiteral("tls-key")), QStringLiteral("/new.key"));
    QCOMPARE(fresh->value(QStringLiteral("port")), QStringLiteral("5"));   // the command line still wins
    QCOMPARE(fresh->values(QStringLiteral("listen")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(p->value(QStringLiteral("tls-key")), QStringLiteral("/old.key"));   // the running one is untouched

    QVERIFY(write(path, "tls-kee = /x\n"));
    QVERIFY(!p->reread(&problems));
    QCOMPARE(problems, QStringList{path + QStringLiteral(R"(:1: unknown key "tls-kee"; did you mean "tls-key"?)")});
}

void TestConfigFile::printedConfigReadsBackTheSame()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("router.conf"));
    QVERIFY(write(path, "listen = tcp://a:1\nlisten = \"unix:///b c#d\"\nno-tcp = true\ntls-key = \" k\\\\ \"\n"));
    auto p = parser();
    QStringList problems;
    QVERIFY(p->parseWithConfig({QStringLiteral("prog"), QStringLiteral("--config"), path, QStringLiteral("--port=9")},
                               &problems));
    const QString printed = p->printable();
    QVERIFY2(printed.contains(u"\nport = 9\n") && printed.contains(u"\nhost = 127.0.0.1\n")
                 && printed.contains(u"\n# monitor-port =\n") && printed.contains(u"\nmonitor-payloads = false\n"),
             qPrintable(printed));

    const QString again = dir.filePath(QStringLiteral("printed.conf"));
    QVERIFY(write(again, printed.toUtf8()));
    auto q = parser();
    QVERIFY2(q->parseWithConfig({QStringLiteral("prog"), QStringLiteral("--config"), again}, &problems),
             qPrintable(problems.join(u'\n')));
    QCOMPARE(q->settings(), p->settings());
}

QTEST_GUILESS_MAIN(TestConfigFile)
#include "tst_configfile.moc"
