#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// Runs the real daffi-console binary with --screenshot (offscreen) and checks the PNG.
class TestScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesANonTrivialPng()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("console.png"));
        QProcess console;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        console.setProcessEnvironment(env);
        console.start(QStringLiteral(DAFFI_CONSOLE_BINARY),
                      {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--settings"), dir.filePath(QStringLiteral("s.ini")),
                       QStringLiteral("--screenshot"), png, QStringLiteral("--screenshot-delay"), QStringLiteral("800"),
                       QStringLiteral("--tab"), QStringLiteral("rates")});
        QVERIFY(console.waitForFinished(60000));
        QCOMPARE(console.exitStatus(), QProcess::NormalExit);
        QVERIFY2(console.exitCode() == 0, console.readAllStandardError().constData());
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
