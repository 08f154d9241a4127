#include "trafficpane.h"

#include "filteredit.h"
#include "payloaddecoder.h"
#include "trafficmodel.h"

#include <ui/common/format.h>
#include <ui/session/session.h>

#include <QAction>
#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace daffi::ui {

TrafficPane::TrafficPane(TrafficModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_filter(new TrafficFilter(this)), m_view(new QTableView),
      m_detail(new QPlainTextEdit), m_splitter(new QSplitter(Qt::Vertical)), m_filterEdit(new FilterEdit),
      m_sendAgain(new QAction(tr("Send &again"), this)),
      m_problemsOnly(new QCheckBox(tr("Problems only"))), m_pause(new QToolButton), m_follow(new QToolButton),
      m_status(new QLabel)
{
    setObjectName(QStringLiteral("trafficPane"));
    m_filter->setSourceModel(model);

    connect(m_filterEdit, &FilterEdit::filterChanged, this, &TrafficPane::applyFilter);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &TrafficPane::refreshStatus);
    connect(m_problemsOnly, &QCheckBox::toggled, m_filter, &TrafficFilter::setProblemsOnly);

    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop taking new rows so the table holds still (the router keeps counting)"));
    m_pause->setObjectName(QStringLiteral("pauseTraffic"));
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_model->setPaused(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        refreshStatus();
    });
    m_follow->setText(tr("Follow"));
    m_follow->setObjectName(QStringLiteral("followTraffic"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest call in view"));
    auto *clear = new QToolButton;
    clear->setText(tr("Clear"));
    connect(clear, &QToolButton::clicked, m_model, &TrafficModel::clear);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_problemsOnly);
    bar->addWidget(m_pause);
    bar->addWidget(m_follow);
    bar->addWidget(clear);

    m_view->setModel(m_filter);
    m_view->setObjectName(QStringLiteral("trafficView"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    const QFontMetrics fm = m_view->fontMetrics();
    const char *const samples[] = {"07:34:21.123", "web-frontend-1", "inventory-2", "reserve_item", "nowait", "MSGPACK",
                                   "104 B → 1.02 kB", "12.34 ms", "refused"};
    for (int c = 0; c < TrafficModel::ColumnCount; ++c) {
        const int header = fm.horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 26;
        m_view->setColumnWidth(c, std::max(header, fm.horizontalAdvance(QString::fromUtf8(samples[c])) + 16));
    }

    m_detail->setReadOnly(true);
    m_detail->setObjectName(QStringLiteral("payloadView"));
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a call to see its payloads decoded."));
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({330, 220});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_status);

    // Send again: the row's call into the composer (context menu, or Ctrl+R on the table).
    m_sendAgain->setObjectName(QStringLiteral("sendAgain"));
    m_sendAgain->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_sendAgain->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_sendAgain->setToolTip(tr("Load this call into the composer: function, receiver, serde and arguments"));
    m_view->addAction(m_sendAgain);
    connect(m_sendAgain, &QAction::triggered, this, [this] { sendAgain(); });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TrafficPane::showRowMenu);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TrafficPane::showDetail);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TrafficPane::rowsArrived);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_detail->clear(); refreshStatus(); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        // Re-decode only when the answer for the call on display has just arrived.
        const int row = m_shownSeq ? m_model->rowForSeq(m_shownSeq) : -1;
        if (row >= from.row() && row <= to.row())
            showDetail();
    });
}

void TrafficPane::rowsArrived()
{
    if (m_follow->isChecked())
        m_view->scrollToBottom();
    refreshStatus();
}

void TrafficPane::applyFilter()
{
    const bool word = m_filterEdit->state() == FilterEdit::State::Word;
    m_filter->setText(word ? m_filterEdit->text() : QString());
    m_filter->setExpression(m_filterEdit->filter());
    refreshStatus();
}

std::vector<Monitor::CallRecord> TrafficPane::shownRecords() const
{
    std::vector<Monitor::CallRecord> out;
    out.reserve(size_t(m_filter->rowCount()));
    for (int row = 0; row < m_filter->rowCount(); ++row)
        out.push_back(m_model->record(m_filter->mapToSource(m_filter->index(row, 0)).row()));
    std::sort(out.begin(), out.end(), [](const Monitor::CallRecord &a, const Monitor::CallRecord &b) { return a.seq < b.seq; });
    return out;
}

QString TrafficPane::shownBy() const
{
    QStringList parts;
    if (m_filterEdit->state() == FilterEdit::State::Word)
        parts << tr("the calls containing \"%1\"").arg(m_filterEdit->text().trimmed());
    else if (!m_filterEdit->filter().isEmpty())
        parts << tr("filter: %1").arg(m_filterEdit->text().trimmed());
    if (m_problemsOnly->isChecked())
        parts << tr("problems only");
    return parts.join(QStringLiteral("; "));
}

void TrafficPane::setProviders(std::function<QByteArrayList(const QByteArray &)> providers)
{
    m_providers = std::move(providers);
    m_filterEdit->setValuesOf([this](const QString &field) {
        // The names in the table, for completing text fields.
        QSet<QString> names;
        const int rows = std::min(m_model->rowCount(), 5000);
        for (int row = m_model->rowCount() - rows; row < m_model->rowCount(); ++row) {
            const Monitor::CallRecord &r = m_model->record(row);
            if (field == u"function")
                names.insert(QString::fromUtf8(r.function));
            else if (field == u"caller" || field == u"member")
                names.insert(QString::fromUtf8(r.caller));
            if (field == u"receiver" || field == u"member")
                names.insert(QString::fromUtf8(r.receiver));
        }
        QStringList out(names.cbegin(), names.cend());
        out.sort();
        return out;
    });
}

const Monitor::CallRecord *TrafficPane::currentRecord() const
{
    const QModelIndex current = m_filter->mapToSource(m_view->currentIndex());
    return current.isValid() ? &m_model->record(current.row()) : nullptr;
}

void TrafficPane::sendAgain(const QByteArray &receiver)
{
    if (const Monitor::CallRecord *r = currentRecord(); r && r->request.isValid())
        Q_EMIT sendAgainRequested(*r, receiver);
}

void TrafficPane::showRowMenu(const QPoint &at)
{
    const Monitor::CallRecord *r = currentRecord();
    if (!r)
        return;
    QMenu menu(this);
    const bool kept = r->request.isValid();
    m_sendAgain->setEnabled(kept);
    menu.addAction(m_sendAgain);
    QMenu *to = menu.addMenu(tr("Send again &to"));
    to->setEnabled(kept);
    const QByteArray function = r->function;
    const QByteArrayList providers = m_providers ? m_providers(function) : QByteArrayList{};
    for (const QByteArray &p : providers) {
        if (p == r->receiver)
            continue;
        to->addAction(QString::fromUtf8(p), this, [this, p] { sendAgain(p); });
    }
    if (to->isEmpty())
        to->addAction(tr("(no other member exposes %1)").arg(QString::fromUtf8(function)))->setEnabled(false);
    if (!kept)
        menu.addAction(tr("(the request's bytes were not kept: it cannot be sent again)"))->setEnabled(false);
    menu.exec(m_view->viewport()->mapToGlobal(at));
    m_sendAgain->setEnabled(true);
}

void TrafficPane::refreshStatus()
{
    QString text = tr("%1 calls shown (newest %2 kept)").arg(format::count(quint64(m_filter->rowCount())),
                                                              format::count(quint64(m_model->capacity())));
    if (m_model->skipped())
        text += tr(" · %1 passed by too fast to list (all are counted in Rates)").arg(format::count(m_model->skipped()));
    if (m_model->isPaused())
        text += tr(" · paused");
    if (m_filterEdit->state() == FilterEdit::State::Invalid)
        text += tr(" · the filter is not applied: %1").arg(m_filterEdit->error());
    m_status->setText(text);
}

QString TrafficPane::detailText() const
{
    return m_detail->toPlainText();
}

void TrafficPane::showDetail()
{
    const QModelIndex current = m_filter->mapToSource(m_view->currentIndex());
    if (!current.isValid()) {
        m_shownSeq = 0;
        m_detail->clear();
        return;
    }
    const Monitor::CallRecord &r = m_model->record(current.row());
    m_shownSeq = r.seq;
    QString text = tr("%1 → %2   %3   %4 · %5 · uuid %6")
                       .arg(QString::fromUtf8(r.caller), QString::fromUtf8(r.receiver), QString::fromUtf8(r.function),
                            TrafficModel::styleName(r), serdeName(r.serde))
                       .arg(r.uuid);
    text += u'\n' + tr("%1 at %2").arg(TrafficModel::statusName(r.status), format::clockTime(r.timeMs));
    if (r.latencyUs)
        text += tr(", answered in %1").arg(format::latency(r.latencyUs));
    if (!r.detail.isEmpty())
        text += QStringLiteral(": ") + r.detail;
    text += QStringLiteral("\n\n") + tr("── Request (%1) ──").arg(format::bytes(double(r.requestSize))) + u'\n';
    text += payloadText(r, r.request);
    if (r.replySize || r.reply.isValid()) {
        text += QStringLiteral("\n\n")
            + (r.status == Monitor::Status::Error ? tr("── Error (%1) ──") : tr("── Reply (%1) ──"))
                  .arg(format::bytes(double(r.replySize)))
            + u'\n' + payloadText(r, r.reply);
    }
    m_detail->setPlainText(text);
}

void TrafficPane::setSession(Session *session)
{
    m_session = session;
    m_fetch = {};
}

QString TrafficPane::payloadText(const Monitor::CallRecord &r, const Frame &frame)
{
    if (frame.isValid() || !m_session || !m_session->fetchesPayloads())
        return PayloadDecoder::decode(frame);
    // Asked once per row and state: an answer that arrives later brings its reply with it.
    if (m_fetch.seq != r.seq || m_fetch.status != r.status)
        fetch(r);
    if (m_fetch.pending)
        return tr("(fetching it from the router's monitor…)");
    return m_fetch.problem.isEmpty() ? PayloadDecoder::decode(frame) : m_fetch.problem;
}

void TrafficPane::fetch(const Monitor::CallRecord &r)
{
    m_fetch = {r.seq, r.status, true, {}};
    const quint64 seq = r.seq;
    const Monitor::Status status = r.status;
    m_session->fetchPayload(seq, [pane = QPointer<TrafficPane>(this), seq, status](PayloadFetch &&fetched) {
        if (!pane)
            return;
        const bool current = pane->m_fetch.seq == seq && pane->m_fetch.status == status;
        if (current) {
            pane->m_fetch.pending = false;
            pane->m_fetch.problem = fetched.problem;
        }
        if (fetched.request.isValid() || fetched.reply.isValid())
            pane->m_model->setPayload(seq, fetched.request, fetched.reply);   // re-shows the row if it is on display
        else if (current && seq == pane->m_shownSeq)
            pane->showDetail();
    });
}

void TrafficPane::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("traffic/header"), m_view->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("traffic/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("traffic/filter"), m_filterEdit->text());
}

void TrafficPane::restoreState(const QSettings &settings)
{
    m_view->horizontalHeader()->restoreState(settings.value(QStringLiteral("traffic/header")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("traffic/splitter")).toByteArray());
    m_filterEdit->setText(settings.value(QStringLiteral("traffic/filter")).toString());
}

} // namespace daffi::ui
