#pragma once

#include "callrunner.h"

#include <core/monitor/monitor.h>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QSettings;

namespace daffi::ui {

class CallHistory;
class MembersModel;

// Fires a call by hand: function from the live registry, receiver(s) or round-robin, style,
// serde, JSON arguments and a timeout; shows the result or error with its latency, keeps a
// history, and copies the call as Python or JavaScript.
class ComposerPane : public QWidget
{
    Q_OBJECT

public:
    ComposerPane(CallRunner *runner, CallHistory *history, MembersModel *members, QWidget *parent = nullptr);

    CallSpec spec() const;
    void setSpec(const CallSpec &spec);
    // A recorded call, ready to send again to its receiver or to `receiver`: JSON and MSGPACK
    // arguments become editable text; other payloads are sent as their recorded bytes.
    void loadCall(const Monitor::CallRecord &record, const QByteArray &receiver = {});
    bool sendsRecordedBytes() const { return m_recorded.has_value(); }
    void setEndpoint(const QString &host, quint16 port);
    void send();
    QString pythonCode() const;
    QString javascriptCode() const;
    QString resultText() const;
    QString resultSummary() const;
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

private:
    void setRecorded(std::optional<QByteArray> bytes, bool isBytes);
    void refreshFunctions();
    void refreshReceivers();
    void showOutcome(const CallOutcome &outcome);

    CallRunner *m_runner;
    CallHistory *m_history;
    MembersModel *m_members;
    QComboBox *m_function;
    QComboBox *m_receiver;
    QComboBox *m_style;
    QComboBox *m_serde;
    QDoubleSpinBox *m_timeout;
    QPlainTextEdit *m_args;
    QLineEdit *m_kwargs;
    QPushButton *m_send;
    QLabel *m_summary;
    QPlainTextEdit *m_result;
    QListView *m_historyView;
    QWidget *m_recordedBar;
    QLabel *m_recordedNote;
    std::optional<QByteArray> m_recorded;
    bool m_recordedIsBytes = false;
    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 6000;
    QByteArrayList m_knownFunctions;
};

} // namespace daffi::ui
