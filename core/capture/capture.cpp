#include "capture.h"

#include "capturereader.h"
#include "capturewriter.h"
#include "membertracker.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace daffi {

namespace {

void widen(Capture &c, qint64 ms)
{
    if (ms <= 0)
        return;
    c.firstMs = c.firstMs ? std::min(c.firstMs, ms) : ms;
    c.lastMs = std::max(c.lastMs, ms);
}

// Takes one record into the capture; `index` finds a call by seq for its answer.
struct Assembler
{
    Capture &c;
    QHash<quint64, size_t> index;
    bool sorted = true;

    void operator()(CaptureInfo &&i) { c.info = std::move(i); }
    void operator()(MemberInfo &&m) { c.members.push_back(std::move(m)); }
    void operator()(EventLog::Event &&e)
    {
        widen(c, e.timeMs);
        c.events.push_back(std::move(e));
    }
    void operator()(Monitor::CallRecord &&r)
    {
        widen(c, r.timeMs);
        if (r.latencyUs)
            widen(c, r.timeMs + *r.latencyUs / 1000);
        sorted = sorted && (c.calls.empty() || c.calls.back().seq < r.seq);
        index.insert(r.seq, c.calls.size());
        c.calls.push_back(std::move(r));
    }
    void operator()(CaptureAnswer &&a)
    {
        const auto it = index.constFind(a.answer.callSeq);
        if (it == index.cend()) {
            ++c.unpairedAnswers;
            return;
        }
        Monitor::CallRecord &r = c.calls[*it];
        r.status = a.answer.status;
        r.latencyUs = a.answer.latencyUs;
        r.replySize = a.answer.replySize;
        r.detail = a.answer.detail;
        r.reply = std::move(a.reply);
        if (r.latencyUs)
            widen(c, r.timeMs + *r.latencyUs / 1000);
    }
    void operator()(CaptureStats &&s)
    {
        widen(c, s.timeMs);
        c.stats = std::move(s);
    }
    void operator()(CaptureLoss &&l)
    {
        widen(c, l.timeMs);
        c.dropped += l;
    }
    void operator()(CaptureEnd &&e)
    {
        widen(c, e.timeMs);
        c.end = std::move(e);
    }
};

} // namespace

Result<Capture> Capture::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("CannotOpen"), QStringLiteral("Cannot open %1: %2.").arg(path, file.errorString())};
    return read(&file, QFileInfo(path).fileName());
}

Result<Capture> Capture::read(QIODevice *device, const QString &name)
{
    CaptureReader reader(device, name);
    if (!reader.start())
        return Error{QStringLiteral("NotACapture"), reader.error()};
    Capture c;
    Assembler assemble{c, {}};
    while (auto record = reader.next())
        std::visit(assemble, std::move(record->data));
    if (!assemble.sorted)
        std::stable_sort(c.calls.begin(), c.calls.end(),
                         [](const Monitor::CallRecord &a, const Monitor::CallRecord &b) { return a.seq < b.seq; });
    c.records = reader.recordsRead();
    c.stopped = reader.stopped();
    if (c.records == 0)
        return Error{QStringLiteral("NoRecords"), QStringLiteral("%1 holds no readable records: %2").arg(name, c.stopped)};
    return c;
}

bool Capture::save(const QString &path, const CaptureInfo &info, const std::vector<MemberInfo> &members,
                   const std::vector<Monitor::CallRecord> &calls, QString *error)
{
    CaptureWriter writer;
    bool ok = writer.open(path) && writer.append(CaptureRecord{info});
    for (auto it = members.cbegin(); ok && it != members.cend(); ++it)
        ok = writer.append(CaptureRecord{*it});
    for (auto it = calls.cbegin(); ok && it != calls.cend(); ++it)
        ok = writer.append(CaptureRecord{*it});
    CaptureEnd end;
    end.timeMs = QDateTime::currentMSecsSinceEpoch();
    end.reason = QStringLiteral("saved");
    ok = ok && writer.close(end);
    if (!ok && error)
        *error = writer.error();
    return ok;
}

std::vector<MemberInfo> Capture::membersAtEnd() const
{
    MemberTracker tracker;
    for (const MemberInfo &m : members)
        tracker.add(m);
    for (const EventLog::Event &e : events)
        tracker.apply(e);
    return tracker.members();
}

} // namespace daffi
