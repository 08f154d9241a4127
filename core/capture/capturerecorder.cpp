#include "capturerecorder.h"

#include "capturewriter.h"
#include "membertracker.h"

#include <QDateTime>
#include <QFile>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <pthread.h>

namespace daffi {

namespace {

// What a queued record costs besides its frames (the CallRecord, its names, the vector slot).
constexpr qint64 RecordOverhead = 256;
constexpr auto WriteEvery = std::chrono::milliseconds(20);

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

// The writing side: a bounded queue the router's thread fills and a thread that empties it into
// the file, one batch at a time (swap the queue, then encode, compress and write unlocked).
class CaptureRecorder::Writer
{
public:
    Writer(CaptureRecorder *owner, const Options &options) : m_owner(owner), m_options(options) {}

    ~Writer() { join(); }

    void join()
    {
        finish();
        if (m_thread.joinable())
            m_thread.join();
    }

    QString summary() const
    {
        std::lock_guard lock(m_mutex);
        return m_summary;
    }

    bool open(const std::vector<MemberInfo> &members, CaptureStats stats, QString *error)
    {
        for (const MemberInfo &m : members)
            m_members.add(m);
        m_lastStats = std::move(stats);
        if (!beginFile()) {
            *error = m_file.error();
            return false;
        }
        m_thread = std::thread([this] { run(); });
        return true;
    }

    // Router's thread: queue a record, or count it as dropped when the queue is full.
    void push(CaptureRecord &&record, quint64 CaptureLoss::*kind, qint64 frameBytes)
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return;
        const qint64 bytes = RecordOverhead + frameBytes;
        if (qsizetype(m_queue.size()) >= m_options.queueRecords || m_queueBytes + bytes > m_options.queueBytes) {
            ++(m_lost.*kind);
            ++(m_status.dropped.*kind);
            return;
        }
        m_queue.push_back(std::move(record));
        m_queueBytes += bytes;
        // The writer wakes on its own every WriteEvery; a queue half full wakes it at once.
        if (!m_woken && halfFull()) {
            m_woken = true;
            m_wake.notify_one();
        }
    }

    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finishing = true;
        m_wake.notify_one();
    }

    Status status() const
    {
        std::lock_guard lock(m_mutex);
        return m_status;
    }

private:
    bool halfFull() const
    {
        return qsizetype(m_queue.size()) >= m_options.queueRecords / 2 || m_queueBytes >= m_options.queueBytes / 2;
    }

    void run()
    {
        pthread_setname_np(pthread_self(), "daffi-capture");   // as top -H and perf show it
        std::vector<CaptureRecord> batch;
        QString stoppedBecause;
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait_for(lock, WriteEvery, [this] { return m_finishing || halfFull(); });
            batch.swap(m_queue);
            m_queueBytes = 0;
            m_woken = false;
            CaptureLoss lost = std::exchange(m_lost, CaptureLoss{});
            const bool finishing = m_finishing;
            lock.unlock();

            bool ok = true;
            for (size_t i = 0; i < batch.size(); ++i) {
                track(batch[i]);
                // The last one of all ends the file anyway: no next file for it.
                const bool more = !finishing || i + 1 < batch.size();
                if (!(ok = m_file.append(batch[i])) || (more && !(ok = endFileAtLimit(&stoppedBecause)))
                    || !stoppedBecause.isEmpty())
                    break;
            }
            if (ok && lost.total()) {
                lost.timeMs = nowMs();
                m_fileDropped += lost;
                ok = m_file.append(CaptureRecord{lost});
            }
            ok = ok && m_file.flush();
            batch.clear();
            if (!ok && stoppedBecause.isEmpty())
                stoppedBecause = QStringLiteral("Recording stopped: %1.").arg(m_file.error());
            else if (ok && stoppedBecause.isEmpty() && !finishing)
                ok = endFileAtLimit(&stoppedBecause);

            lock.lock();
            m_status.records = m_recordsBefore + m_file.records();
            m_status.bytes = m_file.bytesWritten();
            if (!ok || !stoppedBecause.isEmpty() || finishing) {
                m_closed = true;
                m_queue.clear();
                m_status.recording = false;
                if (!ok)
                    m_status.error = stoppedBecause;
                break;
            }
        }
        lock.unlock();
        if (m_file.isOpen()) {
            CaptureEnd end;
            end.timeMs = nowMs();
            end.dropped = m_fileDropped;
            end.reason = stoppedBecause.isEmpty() ? QStringLiteral("recording stopped") : stoppedBecause;
            if (!m_file.close(end) && stoppedBecause.isEmpty())
                stoppedBecause = QStringLiteral("Recording stopped: %1.").arg(m_file.error());
        }
        const Status s = status();
        QString summary = stoppedBecause.isEmpty() ? QStringLiteral("Recording stopped.") : stoppedBecause;
        summary += QStringLiteral(" %1 records were written to %2").arg(s.records).arg(s.file);
        summary += s.files > 1 ? QStringLiteral(" (the last of %1 files).").arg(s.files) : QStringLiteral(".");
        if (s.dropped.total())
            summary += QStringLiteral(" %1 records were dropped because writing could not keep up.").arg(s.dropped.total());
        lock.lock();
        m_summary = summary;
        lock.unlock();
        QMetaObject::invokeMethod(m_owner, [owner = m_owner, summary] { owner->writerStopped(summary); },
                                  Qt::QueuedConnection);
    }

    // Keeps what a later file of the ring must begin with.
    void track(const CaptureRecord &r)
    {
        if (const auto *e = std::get_if<EventLog::Event>(&r.data))
            m_members.apply(*e);
        else if (const auto *s = std::get_if<CaptureStats>(&r.data))
            m_lastStats = *s;
        }

    bool beginFile()
    {
        const QString path = m_options.rotate > 0 ? partPath(m_options.path, m_part) : m_options.path;
        CaptureInfo info = m_options.info;
        info.createdMs = nowMs();
        info.part = m_part;
        m_fileDropped = {};
        if (!m_file.open(path) || !m_file.append(CaptureRecord{info}))
            return false;
        for (const MemberInfo &m : m_members.members()) {
            if (!m_file.append(CaptureRecord{m}))
                return false;
        }
        if (m_lastStats && !m_file.append(CaptureRecord{*m_lastStats}))
            return false;
        if (!m_file.flush())
            return false;
        std::lock_guard lock(m_mutex);
        m_status.recording = true;
        m_status.file = path;
        m_status.files = m_part;
        m_status.bytes = m_file.bytesWritten();
        return true;
    }

    // Asked after every record: a file ends with the record that brings it to maxBytes, whatever
    // the size of the batch it came in. What is not compressed yet counts at its own size (at
    // most what it will take), and is compressed to learn its true size once that reaches the limit.
    bool endFileAtLimit(QString *stoppedBecause)
    {
        const qint64 limit = m_options.maxBytes;
        if (limit <= 0 || m_file.bytesWritten() + m_file.pendingBytes() < limit)
            return true;
        if (m_file.pendingBytes() && !m_file.flush()) {
            *stoppedBecause = QStringLiteral("Recording stopped: %1.").arg(m_file.error());
            return false;
        }
        return m_file.bytesWritten() < limit || nextFile(stoppedBecause);
    }

    // The current file is full: on to the next of the ring, or stop.
    bool nextFile(QString *stoppedBecause)
    {
        if (m_options.rotate <= 0) {
            *stoppedBecause = QStringLiteral("Recording stopped: %1 reached its size limit of %2 bytes.")
                                  .arg(m_file.path())
                                  .arg(m_options.maxBytes);
            return true;
        }
        CaptureEnd end;
        end.timeMs = nowMs();
        end.dropped = m_fileDropped;
        end.reason = QStringLiteral("continued in %1").arg(partPath(m_options.path, m_part + 1));
        m_recordsBefore += m_file.records() + 1;
        if (!m_file.close(end)) {
            *stoppedBecause = QStringLiteral("Recording stopped: %1.").arg(m_file.error());
            return false;
        }
        ++m_part;
        if (m_part > m_options.rotate)
            QFile::remove(partPath(m_options.path, m_part - m_options.rotate));
        if (!beginFile()) {
            *stoppedBecause = QStringLiteral("Recording stopped: %1.").arg(m_file.error());
            return false;
        }
        return true;
    }

    CaptureRecorder *m_owner;
    const Options m_options;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    // Under m_mutex:
    std::vector<CaptureRecord> m_queue;
    qint64 m_queueBytes = 0;
    CaptureLoss m_lost;                  // dropped since the last loss record
    bool m_finishing = false;
    bool m_woken = false;
    bool m_closed = false;
    Status m_status;
    QString m_summary;
    // The writer thread's own (before it starts: the thread that opened the first file):
    CaptureWriter m_file;
    MemberTracker m_members;
    std::optional<CaptureStats> m_lastStats;
    CaptureLoss m_fileDropped;
    quint64 m_recordsBefore = 0;         // in the files of the ring before this one
    int m_part = 1;
};

CaptureRecorder::CaptureRecorder(Monitor *monitor, Options options, QObject *parent)
    : QObject(parent), m_monitor(monitor), m_options(std::move(options))
{
    connect(monitor, &Monitor::sampled, this, &CaptureRecorder::sampled);
}

CaptureRecorder::~CaptureRecorder()
{
    finish();
}

QString CaptureRecorder::finish()
{
    stop();
    if (!m_writer)
        return {};
    m_writer->join();
    return m_writer->summary();
}

QString CaptureRecorder::partPath(const QString &path, int part)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    qsizetype dot = path.lastIndexOf(u'.');
    if (dot <= slash + 1)
        dot = path.size();
    return path.left(dot) + QStringLiteral("-%1").arg(part, 5, 10, QChar(u'0')) + path.mid(dot);
}

bool CaptureRecorder::start(QString *error)
{
    if (m_writer) {
        if (error)
            *error = QStringLiteral("This recorder has recorded already; start another.");
        return false;
    }
    std::vector<MemberInfo> members;
    for (const Monitor::MemberView &m : m_monitor->members())
        members.push_back(m.info);
    auto writer = std::make_unique<Writer>(this, m_options);
    QString why;
    if (!writer->open(members, currentStats(), &why)) {
        if (error)
            *error = QStringLiteral("Cannot record: %1.").arg(why);
        return false;
    }
    m_writer = std::move(writer);
    m_recording = true;
    m_monitor->setSink(this);
    return true;
}

void CaptureRecorder::stop()
{
    if (!m_recording)
        return;
    pushStats();
    m_recording = false;
    if (m_monitor->sink() == this)
        m_monitor->setSink(nullptr);
    m_writer->finish();
}

CaptureRecorder::Status CaptureRecorder::status() const
{
    return m_writer ? m_writer->status() : Status{};
}

void CaptureRecorder::writerStopped(const QString &summary)
{
    if (m_recording) {   // the writer stopped by itself (size limit or a failed write)
        m_recording = false;
        if (m_monitor->sink() == this)
            m_monitor->setSink(nullptr);
    }
    Q_EMIT finished(summary);
}

void CaptureRecorder::callRecorded(const Monitor::CallRecord &record, const Frame &request)
{
    Monitor::CallRecord r = record;
    r.request = request;
    m_writer->push(CaptureRecord{std::move(r)}, &CaptureLoss::calls, request.size());
}

void CaptureRecorder::callAnswered(const Monitor::Answer &answer, const Frame *reply)
{
    m_writer->push(CaptureRecord{CaptureAnswer{answer, reply ? *reply : Frame{}}}, &CaptureLoss::answers,
                   reply ? reply->size() : 0);
}

void CaptureRecorder::eventRecorded(const EventLog::Event &event)
{
    m_writer->push(CaptureRecord{event}, &CaptureLoss::events, 0);
}

void CaptureRecorder::sampled()
{
    if (m_recording && ++m_samples % std::max(1, m_options.statsEverySamples) == 0)
        pushStats();
}

CaptureStats CaptureRecorder::currentStats() const
{
    CaptureStats stats;
    stats.timeMs = nowMs();
    stats.totals = m_monitor->totals();
    const auto members = m_monitor->memberStats();
    stats.members.reserve(size_t(members.size()));
    for (auto it = members.cbegin(); it != members.cend(); ++it)
        stats.members.emplace_back(it.key(), *it);
    stats.functions = m_monitor->functions();
    return stats;
}

void CaptureRecorder::pushStats()
{
    m_writer->push(CaptureRecord{currentStats()}, &CaptureLoss::stats, 0);
}

} // namespace daffi
