#pragma once

#include "callrunner.h"

#include <QAbstractListModel>

class QSettings;

namespace daffi::ui {

// The composer's past calls, newest first, kept across restarts (in the console's settings).
class CallHistory : public QAbstractListModel
{
    Q_OBJECT

public:
    struct Entry
    {
        CallSpec spec;
        qint64 timeMs = 0;
        CallOutcome::Status status = CallOutcome::Status::Ok;
        QString summary;
        std::optional<qint64> latencyUs;
    };

    explicit CallHistory(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void add(const CallOutcome &outcome);
    void clear();
    const Entry &entry(int row) const { return m_entries[size_t(row)]; }
    void load(const QSettings &settings);
    void save(QSettings &settings) const;
    static constexpr int MaxEntries = 200;

private:
    std::vector<Entry> m_entries;
};

} // namespace daffi::ui
