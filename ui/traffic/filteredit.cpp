#include "filteredit.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QStringListModel>

namespace daffi::ui {

FilterEdit::FilterEdit(QWidget *parent)
    : QLineEdit(parent), m_completer(new QCompleter(this)), m_words(new QStringListModel(this))
{
    setObjectName(QStringLiteral("trafficFilter"));
    setClearButtonEnabled(true);
    setPlaceholderText(tr("Filter: a word, or an expression such as function == \"add\" and latency > 5ms"));
    m_completer->setModel(m_words);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &FilterEdit::insertCompletion);
    connect(this, &QLineEdit::textChanged, this, &FilterEdit::evaluate);
    connect(this, &QLineEdit::textEdited, this, &FilterEdit::showCompletions);
}

void FilterEdit::evaluate()
{
    const QString text = this->text().trimmed();
    State state = State::Empty;
    m_error.clear();
    if (!text.isEmpty() && !CallFilter::looksLikeExpression(text)) {
        state = State::Word;
    } else if (!text.isEmpty()) {
        auto parsed = CallFilter::parse(text);
        if (parsed) {
            state = State::Valid;
            m_filter = *parsed;
        } else {
            state = State::Invalid;
            m_error = parsed.error().message;
        }
    }
    m_state = state;
    if (state != State::Valid && state != State::Invalid)
        m_filter = CallFilter();
    // Light green and light red, as Wireshark's display filter; text stays dark on both.
    setStyleSheet(state == State::Valid     ? QStringLiteral("QLineEdit { background: #d4f7d4; color: #102810; }")
                  : state == State::Invalid ? QStringLiteral("QLineEdit { background: #fbd5d5; color: #3a0d0d; }")
                                            : QString());
    setToolTip(state == State::Invalid ? m_error
               : state == State::Word  ? tr("Rows whose caller, receiver, function or status contain this text")
               : state == State::Valid ? tr("A filter expression: only the calls it matches are shown")
                                       : tr("Fields: %1. Join comparisons with and, or, not and parentheses.")
                                             .arg(CallFilter::fieldNames().join(QStringLiteral(", "))));
    if (state != State::Invalid)
        Q_EMIT filterChanged();
}

QStringList FilterEdit::completions() const
{
    return m_words->stringList();
}

void FilterEdit::showCompletions()
{
    const auto c = CallFilter::complete(text(), cursorPosition(), m_valuesOf);
    m_wordStart = c.start;
    m_words->setStringList(c.words);
    if (c.words.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    // A single plain word is a search, not the start of an expression: offer nothing.
    if (m_state == State::Word && !text().contains(u' ')) {
        bool isField = false;
        for (const QString &f : CallFilter::fieldNames())
            isField = isField || f.startsWith(text().trimmed(), Qt::CaseInsensitive);
        if (!isField) {
            m_completer->popup()->hide();
            return;
        }
    }
    QRect at = cursorRect();
    at.setWidth(m_completer->popup()->sizeHintForColumn(0) + 24);
    m_completer->complete(at);
}

void FilterEdit::insertCompletion(const QString &word)
{
    QString t = text();
    const qsizetype cursor = cursorPosition();
    t.replace(m_wordStart, cursor - m_wordStart, word + u' ');
    setText(t);
    setCursorPosition(int(m_wordStart + word.size() + 1));
    showCompletions();
}

void FilterEdit::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore();   // the popup takes these
            return;
        default:
            break;
        }
    }
    if (event->key() == Qt::Key_Space && event->modifiers() & Qt::ControlModifier) {
        showCompletions();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace daffi::ui
