#include "composerpane.h"

#include "callhistory.h"
#include "codesnippet.h"

#include <ui/common/format.h>
#include <ui/members/membersmodel.h>
#include <ui/traffic/payloaddecoder.h>

#include <core/protocol/json.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

namespace daffi::ui {

ComposerPane::ComposerPane(CallRunner *runner, CallHistory *history, MembersModel *members, QWidget *parent)
    : QWidget(parent), m_runner(runner), m_history(history), m_members(members), m_function(new QComboBox),
      m_receiver(new QComboBox), m_style(new QComboBox), m_serde(new QComboBox), m_timeout(new QDoubleSpinBox),
      m_args(new QPlainTextEdit), m_kwargs(new QLineEdit), m_send(new QPushButton(tr("Send"))), m_summary(new QLabel),
      m_result(new QPlainTextEdit), m_historyView(new QListView), m_recordedBar(new QWidget), m_recordedNote(new QLabel)
{
    setObjectName(QStringLiteral("composerPane"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_function->setObjectName(QStringLiteral("function"));
    m_function->setEditable(true);
    m_function->setInsertPolicy(QComboBox::NoInsert);
    m_function->lineEdit()->setPlaceholderText(tr("function name"));
    m_receiver->setObjectName(QStringLiteral("receiver"));
    m_receiver->setEditable(true);
    m_receiver->setInsertPolicy(QComboBox::NoInsert);
    m_receiver->lineEdit()->setPlaceholderText(tr("round-robin (cast: every member exposing it)"));
    m_receiver->setToolTip(tr("Leave empty for round-robin (rpc) or every member exposing the function (cast). "
                              "For cast, several names may be separated by commas."));
    m_style->setObjectName(QStringLiteral("style"));
    for (auto s : {CallSpec::Style::Rpc, CallSpec::Style::RpcNowait, CallSpec::Style::Cast, CallSpec::Style::CastNowait})
        m_style->addItem(CallSpec::styleName(s), int(s));
    m_serde->setObjectName(QStringLiteral("serde"));
    for (auto s : {Serde::Json, Serde::Msgpack, Serde::Opaque})
        m_serde->addItem(serdeName(s), int(s));
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(0, 3600);
    m_timeout->setDecimals(1);
    m_timeout->setValue(10);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("none"));
    m_args->setObjectName(QStringLiteral("args"));
    m_args->setFont(mono);
    m_args->setPlaceholderText(tr("[1, 2]"));
    m_args->setPlainText(QStringLiteral("[]"));
    m_args->setMaximumHeight(m_args->fontMetrics().height() * 4 + 12);
    m_args->setTabChangesFocus(true);
    m_kwargs->setObjectName(QStringLiteral("kwargs"));
    m_kwargs->setFont(mono);
    m_kwargs->setPlaceholderText(tr("{\"name\": \"value\"} (optional)"));

    // Shown while the composer holds a recorded payload it sends as it is.
    m_recordedBar->setObjectName(QStringLiteral("recordedPayload"));
    m_recordedNote->setWordWrap(true);
    auto *editAsNew = new QPushButton(tr("Edit as a new call"));
    editAsNew->setObjectName(QStringLiteral("editAsNew"));
    editAsNew->setToolTip(tr("Forget the recorded bytes and write the arguments as JSON"));
    auto *recordedLayout = new QHBoxLayout(m_recordedBar);
    recordedLayout->setContentsMargins(0, 0, 0, 0);
    recordedLayout->addWidget(m_recordedNote, 1);
    recordedLayout->addWidget(editAsNew);
    m_recordedBar->hide();
    connect(editAsNew, &QPushButton::clicked, this, [this] {
        setRecorded(std::nullopt, false);
        m_serde->setCurrentIndex(m_serde->findData(int(Serde::Json)));
        m_args->setPlainText(QStringLiteral("[]"));
    });

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Function"), m_function);
    form->addRow(tr("&Receiver"), m_receiver);
    auto *styleRow = new QHBoxLayout;
    styleRow->addWidget(m_style, 1);
    styleRow->addWidget(new QLabel(tr("Serde")));
    styleRow->addWidget(m_serde, 1);
    form->addRow(tr("St&yle"), styleRow);
    form->addRow(tr("&Arguments"), m_args);
    form->addRow(tr("&Keyword args"), m_kwargs);
    form->addRow(tr("&Timeout"), m_timeout);

    m_send->setObjectName(QStringLiteral("send"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the call (Ctrl+Return)"));
    auto *copyPython = new QPushButton(tr("Copy as Python"));
    auto *copyJs = new QPushButton(tr("Copy as JavaScript"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addStretch(1);
    buttons->addWidget(copyPython);
    buttons->addWidget(copyJs);

    m_summary->setObjectName(QStringLiteral("resultSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setReadOnly(true);
    m_result->setFont(mono);
    m_result->setPlaceholderText(tr("The result or error appears here."));

    m_historyView->setObjectName(QStringLiteral("history"));
    m_historyView->setModel(history);
    m_historyView->setUniformItemSizes(true);
    m_historyView->setAlternatingRowColors(true);
    auto *clearHistory = new QPushButton(tr("Clear history"));

    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_recordedBar);
    topLayout->addLayout(form);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_result, 1);
    auto *bottom = new QWidget;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *historyBar = new QHBoxLayout;
    historyBar->addWidget(new QLabel(tr("History")), 1);
    historyBar->addWidget(clearHistory);
    bottomLayout->addLayout(historyBar);
    bottomLayout->addWidget(m_historyView, 1);
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_send, &QPushButton::clicked, this, &ComposerPane::send);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &ComposerPane::send);
    connect(copyPython, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(pythonCode()); });
    connect(copyJs, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(javascriptCode()); });
    connect(clearHistory, &QPushButton::clicked, history, &CallHistory::clear);
    connect(m_historyView, &QListView::activated, this, [this](const QModelIndex &index) {
        setSpec(m_history->entry(index.row()).spec);
    });
    connect(m_function, &QComboBox::currentTextChanged, this, &ComposerPane::refreshReceivers);
    connect(m_runner, &CallRunner::finished, this, &ComposerPane::showOutcome);
    connect(members, &QAbstractItemModel::dataChanged, this, &ComposerPane::refreshFunctions);
    connect(members, &QAbstractItemModel::rowsInserted, this, &ComposerPane::refreshFunctions);
    connect(members, &QAbstractItemModel::rowsRemoved, this, &ComposerPane::refreshFunctions);
    refreshFunctions();
}

void ComposerPane::refreshFunctions()
{
    const QByteArrayList functions = m_members->functionNames();
    if (functions == m_knownFunctions)
        return;
    m_knownFunctions = functions;
    const QString current = m_function->currentText();
    const QSignalBlocker block(m_function);
    m_function->clear();
    for (const QByteArray &f : functions)
        m_function->addItem(QString::fromUtf8(f));
    m_function->setEditText(current);
    refreshReceivers();
}

void ComposerPane::refreshReceivers()
{
    const QString current = m_receiver->currentText();
    const QSignalBlocker block(m_receiver);
    m_receiver->clear();
    m_receiver->addItem(QString());
    for (const QByteArray &m : m_members->membersExposing(m_function->currentText().toUtf8()))
        m_receiver->addItem(QString::fromUtf8(m));
    m_receiver->setEditText(current);
}

CallSpec ComposerPane::spec() const
{
    CallSpec s;
    s.function = m_function->currentText().trimmed();
    s.receivers = m_receiver->currentText().trimmed();
    s.style = CallSpec::Style(m_style->currentData().toInt());
    s.serde = Serde(m_serde->currentData().toInt());
    s.args = m_args->toPlainText();
    s.kwargs = m_kwargs->text();
    s.timeout = m_timeout->value();
    s.recordedData = m_recorded;
    s.recordedIsBytes = m_recordedIsBytes;
    return s;
}

void ComposerPane::setSpec(const CallSpec &s)
{
    m_function->setEditText(s.function);
    m_receiver->setEditText(s.receivers);
    m_style->setCurrentIndex(m_style->findData(int(s.style)));
    if (s.recordedData && m_serde->findData(int(s.serde)) < 0)
        m_serde->addItem(serdeName(s.serde), int(s.serde));   // PICKLE: only ever as recorded bytes
    m_serde->setCurrentIndex(std::max(0, m_serde->findData(int(s.serde))));
    setRecorded(s.recordedData, s.recordedIsBytes);
    m_args->setPlainText(s.args);
    m_kwargs->setText(s.kwargs);
    m_timeout->setValue(s.timeout);
}

void ComposerPane::setRecorded(std::optional<QByteArray> bytes, bool isBytes)
{
    m_recorded = std::move(bytes);
    m_recordedIsBytes = isBytes;
    const bool recorded = m_recorded.has_value();
    m_args->setReadOnly(recorded);
    m_kwargs->setReadOnly(recorded);
    m_serde->setEnabled(!recorded);
    m_recordedBar->setVisible(recorded);
    if (recorded) {
        m_kwargs->clear();
        m_recordedNote->setText(tr("Recorded %1 payload (%2): it is sent again byte for byte; the arguments below "
                                   "are shown, not edited.")
                                    .arg(serdeName(Serde(m_serde->currentData().toInt())),
                                         format::bytes(double(m_recorded->size()))));
    } else if (int pickle = m_serde->findData(int(Serde::Pickle)); pickle >= 0) {
        m_serde->removeItem(pickle);
    }
}

void ComposerPane::loadCall(const Monitor::CallRecord &r, const QByteArray &receiver)
{
    if (!r.request.isValid())
        return;
    CallSpec s;
    s.function = QString::fromUtf8(r.function);
    s.receivers = QString::fromUtf8(receiver.isEmpty() ? r.receiver : receiver);
    s.style = r.request.header().returnResult ? CallSpec::Style::Rpc : CallSpec::Style::RpcNowait;
    s.serde = r.request.serde();
    s.timeout = m_timeout->value();
    // What the composer can write again exactly: JSON and MSGPACK arguments, OPAQUE text.
    const bool editable = s.serde == Serde::Json || s.serde == Serde::Msgpack
        || (s.serde == Serde::Opaque && !r.request.header().isBytes);
    auto call = editable ? envelope::decodeCall(s.serde, r.request.data()) : Result<CallArgs>(Error{});
    if (call && s.serde == Serde::Opaque)
        call->args = QCborArray{QString::fromUtf8(r.request.data())};   // the text itself, as JSON
    if (call) {
        s.args = QString::fromUtf8(json::write(call->args));
        s.kwargs = call->kwargs.isEmpty() ? QString() : QString::fromUtf8(json::write(call->kwargs));
    } else {
        s.recordedData = r.request.dataBytes();
        s.recordedIsBytes = r.request.header().isBytes;
        s.args = PayloadDecoder::decode(r.request);
    }
    setSpec(s);
    m_summary->setText(tr("Loaded call %1 (%2 → %3): press Send to call it again.")
                           .arg(r.seq)
                           .arg(QString::fromUtf8(r.caller), s.receivers));
    m_summary->setStyleSheet({});
    m_result->clear();
}

void ComposerPane::setEndpoint(const QString &host, quint16 port)
{
    m_host = host == u"0.0.0.0" || host.isEmpty() ? QStringLiteral("127.0.0.1") : host;
    m_port = port;
}

void ComposerPane::send()
{
    m_summary->setText(tr("Calling…"));
    m_summary->setStyleSheet({});
    m_result->clear();
    m_runner->run(spec());
}

void ComposerPane::showOutcome(const CallOutcome &o)
{
    QString line = o.summary;
    if (o.latencyUs)
        line += QStringLiteral(" · ") + tr("%1 round trip").arg(format::latency(o.latencyUs));
    m_summary->setText(line);
    m_summary->setStyleSheet(o.status == CallOutcome::Status::Failed ? QStringLiteral("color: #c62828; font-weight: bold")
                                                                     : QStringLiteral("color: #2e7d32; font-weight: bold"));
    m_result->setPlainText(o.text);
    m_history->add(o);
}

QString ComposerPane::pythonCode() const
{
    return pythonSnippet(spec(), m_host, m_port);
}

QString ComposerPane::javascriptCode() const
{
    return javascriptSnippet(spec(), m_host, m_port);
}

QString ComposerPane::resultText() const
{
    return m_result->toPlainText();
}

QString ComposerPane::resultSummary() const
{
    return m_summary->text();
}

void ComposerPane::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("composer/current"), spec().toVariant());
}

void ComposerPane::restoreState(const QSettings &settings)
{
    const QVariant v = settings.value(QStringLiteral("composer/current"));
    if (v.isValid())
        setSpec(CallSpec::fromVariant(v.toMap()));
}

} // namespace daffi::ui
