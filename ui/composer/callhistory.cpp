#include "callhistory.h"

#include <ui/common/format.h>

#include <QBrush>
#include <QDateTime>
#include <QSettings>

namespace daffi::ui {

CallHistory::CallHistory(QObject *parent) : QAbstractListModel(parent) {}

int CallHistory::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant CallHistory::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_entries.size()))
        return {};
    const Entry &e = m_entries[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: {
        QString args = e.spec.args.simplified();
        if (args.startsWith(u'[') && args.endsWith(u']'))
            args = args.mid(1, args.size() - 2);
        if (args.size() > 40)
            args = args.left(39) + QStringLiteral("…");
        QString line = QStringLiteral("%1  %2 %3(%4)  →  %5")
                           .arg(QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("MM-dd HH:mm:ss")),
                                CallSpec::styleName(e.spec.style), e.spec.function, args, e.summary.left(60));
        if (e.latencyUs)
            line += QStringLiteral("  (%1)").arg(format::latency(e.latencyUs));
        return line;
    }
    case Qt::ToolTipRole:
        return tr("Double-click to load this call into the composer");
    case Qt::ForegroundRole:
        if (e.status == CallOutcome::Status::Failed)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        break;
    default:
        break;
    }
    return {};
}

void CallHistory::add(const CallOutcome &o)
{
    beginInsertRows({}, 0, 0);
    m_entries.insert(m_entries.begin(), Entry{o.spec, o.timeMs, o.status, o.summary, o.latencyUs});
    endInsertRows();
    if (int(m_entries.size()) > MaxEntries) {
        beginRemoveRows({}, MaxEntries, int(m_entries.size()) - 1);
        m_entries.resize(MaxEntries);
        endRemoveRows();
    }
}

void CallHistory::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

void CallHistory::load(const QSettings &settings)
{
    beginResetModel();
    m_entries.clear();
    const QVariantList list = settings.value(QStringLiteral("composer/history")).toList();
    for (const QVariant &v : list) {
        const QVariantMap m = v.toMap();
        Entry e;
        e.spec = CallSpec::fromVariant(m.value(QStringLiteral("spec")).toMap());
        e.timeMs = m.value(QStringLiteral("time")).toLongLong();
        e.status = CallOutcome::Status(std::clamp(m.value(QStringLiteral("status")).toInt(), 0, 2));
        e.summary = m.value(QStringLiteral("summary")).toString();
        if (m.contains(QStringLiteral("latencyUs")))
            e.latencyUs = m.value(QStringLiteral("latencyUs")).toLongLong();
        if (!e.spec.function.isEmpty() && int(m_entries.size()) < MaxEntries)
            m_entries.push_back(std::move(e));
    }
    endResetModel();
}

void CallHistory::save(QSettings &settings) const
{
    QVariantList list;
    for (const Entry &e : m_entries) {
        QVariantMap m{{QStringLiteral("spec"), e.spec.toVariant()},
                      {QStringLiteral("time"), e.timeMs},
                      {QStringLiteral("status"), int(e.status)},
                      {QStringLiteral("summary"), e.summary}};
        if (e.latencyUs)
            m.insert(QStringLiteral("latencyUs"), *e.latencyUs);
        list << m;
    }
    settings.setValue(QStringLiteral("composer/history"), list);
}

} // namespace daffi::ui
