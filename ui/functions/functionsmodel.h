#pragma once

#include <ui/session/snapshot.h>

#include <QAbstractItemModel>

namespace daffi::ui {

// Per function, and below it per provider: calls/s, calls, errors, timeouts, in flight and the
// latency (request to answer, as the router sees it) over the last minute. The figures come from
// the Snapshots' functions (about once a second) and their rates (a function's own series; a
// provider's is the sum of the flows into it for that function), so hosted and remote sessions
// show the same numbers. Of a function that more than one provider served in the last minute,
// the provider with the highest p99 is marked slowest.
//
// Rows are inserted and removed in place, never reset, so a view keeps what a person expanded
// and selected.
class FunctionsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Name, Providers, CallsPerSecond, Calls, Errors, Timeouts, InFlight, P50, P99, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, SlowestRole, NameRole };

    explicit FunctionsModel(QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void apply(const Snapshot &snapshot);
    void clear();

    // The function's row (a top-level index), or an invalid index.
    QModelIndex functionIndex(const QByteArray &name) const;
    const Monitor::FunctionView *function(const QByteArray &name) const;
    // The slowest provider of a function, or empty (see above).
    QByteArray slowestProvider(const QByteArray &function) const;
    // Each provider's highest p99 over the last minute across the functions it served (for the
    // topology's spokes).
    QHash<QByteArray, qint64> p99ByProvider() const;

Q_SIGNALS:
    void updated();

private:
    struct ProviderRow
    {
        Monitor::ProviderView view;
        const QByteArray &name() const { return view.name; }
    };
    struct FunctionRow
    {
        quintptr id = 0;                        // stable while the row exists: its children's internalId
        Monitor::FunctionView view;             // perProvider moved into `providers`
        std::vector<ProviderRow> providers;     // by name
        int slowest = -1;
        const QByteArray &name() const { return view.name; }
    };

    void takeFunctions(std::vector<Monitor::FunctionView> &&functions);
    template <typename Row, typename View, typename Update>
    void sync(std::vector<Row> &rows, std::vector<View> &&views, const QModelIndex &parent, Update update);
    void structureChanged(const QModelIndex &parent);
    void reindex();
    float rateOf(const FunctionRow &f, const ProviderRow *p) const;
    static int findSlowest(const FunctionRow &f);
    const FunctionRow *functionOf(const QModelIndex &index) const;

    std::vector<FunctionRow> m_functions;       // by name
    QHash<quintptr, int> m_rowOfId;
    quintptr m_nextId = 1;
    QHash<QByteArray, float> m_rates;           // function, or function \x1f provider -> calls/s
};

} // namespace daffi::ui
