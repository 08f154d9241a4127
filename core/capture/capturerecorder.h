#pragma once

#include "capturerecord.h"

#include <QObject>

#include <memory>

namespace daffi {

// Records what a router's Monitor sees into capture files (docs/capture-format.md) without
// slowing routing: the Monitor hands each call, answer and event to this object on the router's
// thread (Monitor::Sink), which only puts it into a bounded queue; a thread of its own encodes,
// compresses and writes. When the queue is full a record is dropped and counted, never waited
// for; the file says how many were dropped and when (loss records). Every 10 monitor samples
// (and at the start and the end) it also writes the router's counters and function statistics.
//
// With maxBytes, a file ends with the record that takes it past that many bytes: recording
// stops there, or, with rotate = K, goes on in the next of a ring of K files (PATH-00001.dcap,
// PATH-00002.dcap, ...; the oldest is deleted), each complete in itself: it begins with the
// members present and the latest counters.
//
// Lives on the router's thread; status() may be asked from any thread.
class CaptureRecorder : public QObject, private Monitor::Sink
{
    Q_OBJECT

public:
    struct Options
    {
        QString path;
        qint64 maxBytes = 0;                  // 0: no limit
        int rotate = 0;                       // with maxBytes: files in the ring; 0: stop at maxBytes
        qsizetype queueRecords = 100'000;     // records waiting to be written, at most...
        qint64 queueBytes = 64 * 1024 * 1024; // ...and their frames' bytes
        int statsEverySamples = 10;
        CaptureInfo info;                     // source, version, listen URLs, ...
    };

    struct Status
    {
        bool recording = false;
        QString file;                         // being written now
        quint64 records = 0;                  // written, in every file
        CaptureLoss dropped;                  // not kept because the queue was full
        qint64 bytes = 0;                     // in the current file
        int files = 0;                        // begun so far
        QString error;                        // why recording stopped, if it failed
    };

    CaptureRecorder(Monitor *monitor, Options options, QObject *parent = nullptr);
    ~CaptureRecorder() override;   // stops, and waits until the last record is written

    // Opens the first file and starts taking records; false and a sentence if it cannot. A
    // recorder records once. (A FIFO opens once its reader has: start the reader first.)
    bool start(QString *error);
    // Takes no more records; the writer finishes its queue and closes the file, then finished().
    void stop();
    // stop(), then waits for the writer (it blocks: for the end of a program) and returns what
    // finished() says.
    QString finish();
    bool isRecording() const { return m_recording; }
    Status status() const;
    const Options &options() const { return m_options; }

    // The name of file `part` of a ring: PATH with "-00001" (and so on) before its suffix.
    static QString partPath(const QString &path, int part);

Q_SIGNALS:
    // The writer closed its last file: a sentence with what was written and dropped, and why it
    // stopped (stop(), the size limit, or a failure to write).
    void finished(const QString &summary);

private:
    class Writer;

    void callRecorded(const Monitor::CallRecord &record, const Frame &request) override;
    void callAnswered(const Monitor::Answer &answer, const Frame *reply) override;
    void eventRecorded(const EventLog::Event &event) override;
    void sampled();
    CaptureStats currentStats() const;
    void pushStats();
    void writerStopped(const QString &summary);

    Monitor *m_monitor;
    Options m_options;
    std::unique_ptr<Writer> m_writer;
    bool m_recording = false;
    int m_samples = 0;
};

} // namespace daffi
