#include "ratesmodel.h"

#include "ratestore.h"

#include <ui/common/format.h>

#include <QPainter>
#include <QPainterPath>
#include <QSet>

namespace daffi::ui {

namespace {
constexpr int TrendSeconds = 120;
}

RatesModel::RatesModel(RateStore *store, QObject *parent) : QAbstractTableModel(parent), m_store(store)
{
    connect(store, &RateStore::updated, this, &RatesModel::sync);
    sync();
}

int RatesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int RatesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RatesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Kind: return tr("Kind");
    case Name: return tr("Name");
    case Messages: return tr("Requests/s");
    case Bytes: return tr("Bytes/s");
    case Peak: return tr("Peak");
    case Trend: return tr("Last 2 minutes");
    }
    return {};
}

QVariant RatesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_ids.size()))
        return {};
    const RateStore::Series *s = m_store->series(m_ids[index.row()]);
    if (!s)
        return {};
    const RateStore::Point last = s->points.empty() ? RateStore::Point{} : s->points.back();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Kind: return RateStore::kindName(s->kind);
        case Name: return s->label;
        case Messages: return format::rate(double(last.messages));
        case Bytes: return format::byteRate(double(last.bytes));
        case Peak: return format::rate(double(s->peakMessages));
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Messages: return last.messages;
        case Bytes: return last.bytes;
        case Peak: return s->peakMessages;
        case Trend: return last.messages;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() >= Messages && index.column() <= Peak)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case IdRole:
        return m_ids[index.row()];
    case KindRole:
        return int(s->kind);
    case TrendRole: {
        QList<float> values;
        const size_t n = std::min(s->points.size(), size_t(TrendSeconds));
        for (size_t i = s->points.size() - n; i < s->points.size(); ++i)
            values << s->points[i].messages;
        return QVariant::fromValue(values);
    }
    default:
        break;
    }
    return {};
}

void RatesModel::sync()
{
    const QList<QByteArray> &ids = m_store->seriesIds();
    const QSet<QByteArray> wanted(ids.cbegin(), ids.cend());
    for (int i = int(m_ids.size()) - 1; i >= 0; --i) {
        if (!wanted.contains(m_ids[i])) {
            beginRemoveRows({}, i, i);
            m_ids.removeAt(i);
            endRemoveRows();
        }
    }
    const QSet<QByteArray> have(m_ids.cbegin(), m_ids.cend());
    QList<QByteArray> added;
    for (const QByteArray &id : ids) {
        if (!have.contains(id))
            added << id;
    }
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, ColumnCount - 1));
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_ids.size()), int(m_ids.size() + added.size()) - 1);
        m_ids += added;
        endInsertRows();
    }
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QList<float> values = index.data(RatesModel::TrendRole).value<QList<float>>();
    if (values.size() < 2)
        return;
    const float max = std::max(1.0f, *std::max_element(values.cbegin(), values.cend()));
    const QRectF r = QRectF(option.rect).adjusted(4, 3, -4, -3);
    QPainterPath path;
    for (int i = 0; i < values.size(); ++i) {
        const QPointF pt(r.left() + r.width() * double(TrendSeconds - values.size() + i) / (TrendSeconds - 1),
                         r.bottom() - r.height() * double(values[i] / max));
        if (i == 0)
            path.moveTo(pt);
        else
            path.lineTo(pt);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(option.state & QStyle::State_Selected ? option.palette.highlightedText().color()
                                                               : QColor(0x1f, 0x77, 0xb4), 1.2));
    painter->drawPath(path);
    painter->restore();
}

} // namespace daffi::ui
