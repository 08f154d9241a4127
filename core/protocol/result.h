#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace daffi {

// A value or an error message. Small on purpose: C++20 has no std::expected, and the protocol
// layer only ever needs "what went wrong" as a sentence plus an optional machine-readable code.
struct Error
{
    QString code;     // stable identifier, e.g. "UnknownField" (reference error names where they exist)
    QString message;  // sentence for a log or a person
};

template <typename T>
class Result
{
public:
    Result(T value) : m_v(std::move(value)) {}          // NOLINT(google-explicit-constructor)
    Result(Error error) : m_v(std::move(error)) {}      // NOLINT(google-explicit-constructor)

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

} // namespace daffi
