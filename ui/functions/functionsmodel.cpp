#include "functionsmodel.h"

#include <ui/common/format.h>

#include <QBrush>
#include <QFont>

namespace daffi::ui {

namespace {

const QColor ErrorColour(0xc6, 0x28, 0x28);

QByteArray providerKey(const QByteArray &function, const QByteArray &provider)
{
    return function + '\x1f' + provider;
}

QString latencyText(const Monitor::Latency &l, qint64 value)
{
    return l.count ? format::latency(value) : QStringLiteral("—");
}

QString latencyTip(const Monitor::Latency &minute, const Monitor::Latency &quarter)
{
    auto line = [](const QString &window, const Monitor::Latency &l) {
        if (!l.count)
            return FunctionsModel::tr("%1: no answers").arg(window);
        return FunctionsModel::tr("%1: %2 answers, p50 %3, p90 %4, p99 %5, max %6")
            .arg(window, format::count(l.count), format::latency(l.p50), format::latency(l.p90),
                 format::latency(l.p99), format::latency(l.max));
    };
    return line(FunctionsModel::tr("last minute"), minute) + u'\n' + line(FunctionsModel::tr("last 15 minutes"), quarter);
}

} // namespace

FunctionsModel::FunctionsModel(QObject *parent) : QAbstractItemModel(parent) {}

QModelIndex FunctionsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_functions.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= int(m_functions.size()))
        return {};
    const FunctionRow &f = m_functions[size_t(parent.row())];
    return row < int(f.providers.size()) ? createIndex(row, column, f.id) : QModelIndex();
}

QModelIndex FunctionsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int row = m_rowOfId.value(child.internalId(), -1);
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(0));
}

int FunctionsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_functions.size());
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= int(m_functions.size()))
        return 0;
    return int(m_functions[size_t(parent.row())].providers.size());
}

int FunctionsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FunctionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && (section == P50 || section == P99))
        return tr("Request forwarded to answer forwarded, as the router sees it, over the last minute "
                  "(a percentile is the top of its histogram bucket: at most 6.25 % above the true value)");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Function / provider");
    case Providers: return tr("Providers");
    case CallsPerSecond: return tr("Calls/s");
    case Calls: return tr("Calls");
    case Errors: return tr("Errors");
    case Timeouts: return tr("Timeouts");
    case InFlight: return tr("In flight");
    case P50: return tr("p50 (1 min)");
    case P99: return tr("p99 (1 min)");
    }
    return {};
}

const FunctionsModel::FunctionRow *FunctionsModel::functionOf(const QModelIndex &index) const
{
    const int row = index.internalId() == 0 ? index.row() : m_rowOfId.value(index.internalId(), -1);
    return row >= 0 && row < int(m_functions.size()) ? &m_functions[size_t(row)] : nullptr;
}

QVariant FunctionsModel::data(const QModelIndex &index, int role) const
{
    const FunctionRow *f = index.isValid() ? functionOf(index) : nullptr;
    if (!f)
        return {};
    const bool isProvider = index.internalId() != 0;
    if (isProvider && index.row() >= int(f->providers.size()))
        return {};
    const ProviderRow *p = isProvider ? &f->providers[size_t(index.row())] : nullptr;
    const bool slowest = p && index.row() == f->slowest;
    const quint64 calls = p ? p->view.calls : f->view.stats.calls;
    const quint64 errors = p ? p->view.errors : f->view.stats.errors;
    const quint64 timeouts = p ? p->view.timeouts : f->view.stats.timeouts;
    const qint64 inFlight = p ? p->view.inFlight : f->view.inFlight;
    const Monitor::Latency &minute = p ? p->view.lastMinute : f->view.lastMinute;
    const Monitor::Latency &quarter = p ? p->view.lastQuarterHour : f->view.lastQuarterHour;
    const float perSecond = rateOf(*f, p);

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            if (!p)
                return QString::fromUtf8(f->name());
            if (slowest)
                return tr("%1 (slowest)").arg(QString::fromUtf8(p->name()));
            return p->view.connected ? QString::fromUtf8(p->name()) : tr("%1 (gone)").arg(QString::fromUtf8(p->name()));
        case Providers: return p ? QVariant() : QVariant(f->view.providers);
        case CallsPerSecond: return format::rate(double(perSecond));
        case Calls: return format::count(calls);
        case Errors: return format::count(errors);
        case Timeouts: return format::count(timeouts);
        case InFlight: return format::count(quint64(std::max<qint64>(0, inFlight)));
        case P50: return latencyText(minute, minute.p50);
        case P99: return latencyText(minute, minute.p99);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Name: return QString::fromUtf8(p ? p->name() : f->name());
        case Providers: return p ? 0 : f->view.providers;
        case CallsPerSecond: return perSecond;
        case Calls: return calls;
        case Errors: return errors;
        case Timeouts: return timeouts;
        case InFlight: return inFlight;
        case P50: return minute.count ? minute.p50 : -1;
        case P99: return minute.count ? minute.p99 : -1;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == P50 || index.column() == P99)
            return latencyTip(minute, quarter);
        if (slowest)
            return tr("The slowest of the providers of %1 in the last minute (highest p99)").arg(QString::fromUtf8(f->name()));
        break;
    case Qt::ForegroundRole:
        if ((index.column() == Errors && errors) || (index.column() == Timeouts && timeouts)
            || (slowest && index.column() == P99))
            return QBrush(ErrorColour);
        break;
    case Qt::FontRole:
        if (slowest && (index.column() == Name || index.column() == P99)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != Name)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SlowestRole:
        return slowest;
    case NameRole:
        return p ? p->name() : f->name();
    default:
        break;
    }
    return {};
}

void FunctionsModel::apply(const Snapshot &s)
{
    if (!s.functions && s.rateSamples.empty())
        return;
    if (!s.rateSamples.empty()) {
        m_rates.clear();
        for (const RatePoint &r : s.rateSamples.back().points) {
            if (r.kind == RateHistory::Kind::Function)
                m_rates[r.key] += r.messagesPerSecond;
            else if (r.kind == RateHistory::Kind::Flow)
                m_rates[providerKey(r.function, r.receiver)] += r.messagesPerSecond;
        }
    }
    if (s.functions)
        takeFunctions(std::vector<Monitor::FunctionView>(*s.functions));
    for (size_t i = 0; i < m_functions.size(); ++i) {
        const QModelIndex parent = index(int(i), 0);
        if (!m_functions[i].providers.empty())
            Q_EMIT dataChanged(index(0, 0, parent), index(int(m_functions[i].providers.size()) - 1, ColumnCount - 1, parent));
    }
    if (!m_functions.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_functions.size()) - 1, ColumnCount - 1));
    Q_EMIT updated();
}

template <typename Row, typename View, typename Update>
void FunctionsModel::sync(std::vector<Row> &rows, std::vector<View> &&views, const QModelIndex &parent, Update update)
{
    // Both sides by name; a name the network sent twice counts once.
    std::stable_sort(views.begin(), views.end(), [](const View &a, const View &b) { return a.name < b.name; });
    views.erase(std::unique(views.begin(), views.end(), [](const View &a, const View &b) { return a.name == b.name; }),
                views.end());
    size_t i = 0;
    for (View &v : views) {
        size_t stale = i;
        while (stale < rows.size() && rows[stale].name() < v.name)
            ++stale;
        if (stale > i) {
            beginRemoveRows(parent, int(i), int(stale) - 1);
            rows.erase(rows.begin() + qsizetype(i), rows.begin() + qsizetype(stale));
            structureChanged(parent);
            endRemoveRows();
        }
        if (i < rows.size() && rows[i].name() == v.name) {
            update(rows[i], std::move(v), false);
        } else {
            beginInsertRows(parent, int(i), int(i));
            Row row;
            update(row, std::move(v), true);
            rows.insert(rows.begin() + qsizetype(i), std::move(row));
            structureChanged(parent);
            endInsertRows();
        }
        ++i;
    }
    if (i < rows.size()) {
        beginRemoveRows(parent, int(i), int(rows.size()) - 1);
        rows.erase(rows.begin() + qsizetype(i), rows.end());
        structureChanged(parent);
        endRemoveRows();
    }
}

void FunctionsModel::takeFunctions(std::vector<Monitor::FunctionView> &&functions)
{
    // Functions first; providers of functions that stay are synced once the rows are known again.
    std::vector<std::pair<quintptr, std::vector<Monitor::ProviderView>>> providers;
    sync(m_functions, std::move(functions), {}, [&](FunctionRow &row, Monitor::FunctionView &&view, bool fresh) {
        if (fresh) {
            row.id = m_nextId++;
            for (Monitor::ProviderView &p : view.perProvider)
                row.providers.push_back({std::move(p)});
            std::sort(row.providers.begin(), row.providers.end(),
                      [](const ProviderRow &a, const ProviderRow &b) { return a.name() < b.name(); });
        } else {
            providers.emplace_back(row.id, std::move(view.perProvider));
        }
        view.perProvider.clear();
        row.view = std::move(view);
    });
    for (auto &[id, list] : providers) {
        const int r = m_rowOfId.value(id, -1);
        if (r < 0)
            continue;
        sync(m_functions[size_t(r)].providers, std::move(list), index(r, 0),
             [](ProviderRow &row, Monitor::ProviderView &&view, bool) { row.view = std::move(view); });
    }
    for (FunctionRow &f : m_functions)
        f.slowest = findSlowest(f);
}

void FunctionsModel::structureChanged(const QModelIndex &parent)
{
    // Children name their function by id; views ask for their parent as soon as rows move.
    if (!parent.isValid())
        reindex();
}

void FunctionsModel::reindex()
{
    m_rowOfId.clear();
    for (size_t i = 0; i < m_functions.size(); ++i)
        m_rowOfId.insert(m_functions[i].id, int(i));
}

int FunctionsModel::findSlowest(const FunctionRow &f)
{
    int slowest = -1;
    int busy = 0;
    bool tied = false;
    for (size_t i = 0; i < f.providers.size(); ++i) {
        const Monitor::Latency &l = f.providers[i].view.lastMinute;
        if (!l.count)
            continue;
        ++busy;
        if (slowest < 0) {
            slowest = int(i);
            continue;
        }
        const Monitor::Latency &worst = f.providers[size_t(slowest)].view.lastMinute;
        if (std::tie(l.p99, l.p50) > std::tie(worst.p99, worst.p50)) {
            slowest = int(i);
            tied = false;
        } else if (std::tie(l.p99, l.p50) == std::tie(worst.p99, worst.p50)) {
            tied = true;
        }
    }
    return busy >= 2 && !tied ? slowest : -1;
}

float FunctionsModel::rateOf(const FunctionRow &f, const ProviderRow *p) const
{
    return m_rates.value(p ? providerKey(f.name(), p->name()) : f.name(), 0.0f);
}

void FunctionsModel::clear()
{
    beginResetModel();
    m_functions.clear();
    m_rowOfId.clear();
    m_rates.clear();
    endResetModel();
    Q_EMIT updated();
}

QModelIndex FunctionsModel::functionIndex(const QByteArray &name) const
{
    const auto it = std::lower_bound(m_functions.cbegin(), m_functions.cend(), name,
                                     [](const FunctionRow &f, const QByteArray &n) { return f.name() < n; });
    return it != m_functions.cend() && it->name() == name ? index(int(it - m_functions.cbegin()), 0) : QModelIndex();
}

const Monitor::FunctionView *FunctionsModel::function(const QByteArray &name) const
{
    const QModelIndex i = functionIndex(name);
    return i.isValid() ? &m_functions[size_t(i.row())].view : nullptr;
}

QByteArray FunctionsModel::slowestProvider(const QByteArray &function) const
{
    const QModelIndex i = functionIndex(function);
    if (!i.isValid())
        return {};
    const FunctionRow &f = m_functions[size_t(i.row())];
    return f.slowest >= 0 ? f.providers[size_t(f.slowest)].name() : QByteArray();
}

QHash<QByteArray, qint64> FunctionsModel::p99ByProvider() const
{
    QHash<QByteArray, qint64> out;
    for (const FunctionRow &f : m_functions) {
        for (const ProviderRow &p : f.providers) {
            if (p.view.lastMinute.count) {
                qint64 &worst = out[p.name()];
                worst = std::max(worst, p.view.lastMinute.p99);
            }
        }
    }
    return out;
}

} // namespace daffi::ui
