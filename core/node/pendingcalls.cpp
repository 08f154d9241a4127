#include "pendingcalls.h"

#include <QTimer>

#include <algorithm>

namespace daffi {

PendingCalls::PendingCalls(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &PendingCalls::expire);
}

std::optional<quint16> PendingCalls::allocate()
{
    if (m_calls.size() >= 65535) {
        // Every uuid is taken. Those held only for late answers (of calls that timed out to a
        // member that never answers nor leaves) must not stop this connection for good: give one
        // back; its late answer, should it still come, is the only one that could be misread.
        const auto held = std::find_if(m_calls.begin(), m_calls.end(), [](const auto &c) { return c.second.timedOut; });
        if (held == m_calls.end())
            return std::nullopt;
        m_calls.erase(held);
    }
    do {
        m_counter = quint16(m_counter == 65535 ? 1 : m_counter + 1);
    } while (m_calls.count(m_counter));
    return m_counter;
}

void PendingCalls::add(quint16 uuid, QByteArray receiver, std::optional<Clock::time_point> deadline,
                       CallCompletion completion)
{
    Call call{std::move(receiver), std::move(completion), std::nullopt};
    if (deadline) {
        call.deadline = m_deadlines.emplace(*deadline, uuid);
        if (call.deadline == m_deadlines.begin())
            schedule();
    }
    m_calls.emplace(uuid, std::move(call));
}

bool PendingCalls::complete(quint16 uuid, CallResult &&result)
{
    auto it = m_calls.find(uuid);
    if (it == m_calls.end())
        return false;
    Call call = std::move(it->second);
    m_calls.erase(it);
    if (call.timedOut)
        return false;   // the late answer (or the receiver leaving) frees the uuid, nothing more
    if (call.deadline) {
        const bool wasFirst = *call.deadline == m_deadlines.begin();
        m_deadlines.erase(*call.deadline);
        if (wasFirst)
            schedule();
    }
    if (result.receiver.isEmpty())
        result.receiver = call.receiver;
    call.completion(std::move(result));
    return true;
}

bool PendingCalls::answer(quint16 uuid, CallResult &&result)
{
    auto it = m_calls.find(uuid);
    if (it == m_calls.end() || (!it->second.receiver.isEmpty() && it->second.receiver != result.receiver))
        return false;
    return complete(uuid, std::move(result));
}

void PendingCalls::failAll(CallResult::Status status, CallResult::Reason reason, const QString &message,
                           QByteArrayView receiver)
{
    std::vector<quint16> victims;
    for (const auto &[uuid, call] : m_calls) {
        if (receiver.isEmpty() || call.receiver == receiver)
            victims.push_back(uuid);
    }
    for (quint16 uuid : victims)
        complete(uuid, CallResult::failure(status, reason, message));
}

void PendingCalls::expire()
{
    const auto now = Clock::now();
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        const quint16 uuid = m_deadlines.begin()->second;
        m_deadlines.erase(m_deadlines.begin());
        Call &call = m_calls.at(uuid);
        call.deadline.reset();
        call.timedOut = true;
        CallResult result = CallResult::failure(CallResult::Status::Timeout, CallResult::Reason::Unspecified,
                                                QStringLiteral("no answer before the call's deadline"), call.receiver);
        std::exchange(call.completion, {})(std::move(result));
    }
    schedule();
}

void PendingCalls::schedule()
{
    if (m_deadlines.empty()) {
        m_timer->stop();
        return;
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(m_deadlines.begin()->first - Clock::now());
    m_timer->start(std::max<std::chrono::milliseconds>(wait, std::chrono::milliseconds(0)));
}

} // namespace daffi
