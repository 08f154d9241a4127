#pragma once

#include <core/capture/callfilter.h>

#include <QLineEdit>

class QCompleter;
class QStringListModel;

namespace daffi::ui {

// The traffic pane's filter field, after Wireshark's display filter: an expression
// (CallFilter: `function == "add" and latency > 5ms`) turns the field green when it parses and
// red, with the reason in its tooltip, when it does not (the last good filter stays applied
// meanwhile); a plain word searches as before. Completion offers the fields, then the
// operators that fit the field, then its values (the known names, for text fields), then
// and/or; Ctrl+Space asks for it.
class FilterEdit : public QLineEdit
{
    Q_OBJECT

public:
    enum class State { Empty, Word, Valid, Invalid };
    Q_ENUM(State)

    explicit FilterEdit(QWidget *parent = nullptr);

    State state() const { return m_state; }
    const CallFilter &filter() const { return m_filter; }   // the last valid expression
    QString error() const { return m_error; }
    QStringList completions() const;                         // what the popup offers now
    QCompleter *completer() const { return m_completer; }
    void setValuesOf(CallFilter::ValuesOf valuesOf) { m_valuesOf = std::move(valuesOf); }
    void showCompletions();

Q_SIGNALS:
    // A new word to search for, or a new valid expression (not while the text is invalid).
    void filterChanged();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void evaluate();
    void insertCompletion(const QString &word);

    State m_state = State::Empty;
    CallFilter m_filter;
    QString m_error;
    QCompleter *m_completer;
    QStringListModel *m_words;
    qsizetype m_wordStart = 0;
    CallFilter::ValuesOf m_valuesOf;
};

} // namespace daffi::ui
