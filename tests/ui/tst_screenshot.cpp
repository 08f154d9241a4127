#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// Runs the real daffi-console binary (and the console bench, with members) with --screenshot
// (offscreen) and checks the PNG.
class TestScreenshot : public QObject
{
    Q_OBJECT

private:
    // Runs a program offscreen until it ends; "" when it ended well, else what it said.
    static QByteArray runOffscreen(const QString &program, const QStringList &arguments, int timeoutMs)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(program, arguments);
        if (!process.waitForFinished(timeoutMs))
            return "did not finish in time";
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return "failed: " + process.readAllStandardError();
        return {};
    }

    // A window-sized PNG with more than a few colours in it: something was drawn.
    static void verifyPicture(const QString &png)
    {
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    }

private Q_SLOTS:
    // Without a display the console says what to do instead of aborting in Qt's plugin loader.
    void noDisplayIsASentence()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DAFFI_CONSOLE_BINARY), {QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        const QByteArray said = process.readAllStandardError();
        QVERIFY2(said.contains("no display") && said.contains("daffi-router"), said.constData());
    }

    void writesANonTrivialPng()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("console.png"));
        const QByteArray failure = runOffscreen(
            QStringLiteral(DAFFI_CONSOLE_BINARY),
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--settings"), dir.filePath(QStringLiteral("s.ini")),
             QStringLiteral("--screenshot"), png, QStringLiteral("--screenshot-delay"), QStringLiteral("800"),
             QStringLiteral("--tab"), QStringLiteral("rates")},
            60000);
        QVERIFY2(failure.isEmpty(), failure.constData());
        verifyPicture(png);
    }

    // The picture in docs/console.md, at a size for the suite: members beyond the grouping
    // threshold, one of them found (its group expanded).
    void writesTheGroupedTopology()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("topology.png"));
        const QByteArray failure = runOffscreen(
            QStringLiteral(DAFFI_CONSOLE_BENCH_BINARY),
            {QStringLiteral("--members"), QStringLiteral("300"), QStringLiteral("--rate"), QStringLiteral("200"),
             QStringLiteral("--seconds"), QStringLiteral("1"), QStringLiteral("--tab"), QStringLiteral("topology"),
             QStringLiteral("--find"), QStringLiteral("payments-7"), QStringLiteral("--screenshot"), png},
            120000);
        QVERIFY2(failure.isEmpty(), failure.constData());
        verifyPicture(png);
    }

    void badArgumentsFailInWords()
    {
        QProcess console;
        console.start(QStringLiteral(DAFFI_CONSOLE_BINARY), {QStringLiteral("--port"), QStringLiteral("99999")});
        QVERIFY(console.waitForFinished(30000));
        QCOMPARE(console.exitCode(), 2);
        QVERIFY(console.readAllStandardError().contains("--port must be a number from 0 to 65535"));
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
