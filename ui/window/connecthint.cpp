#include "connecthint.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace daffi::ui {

ConnectHint::ConnectHint(QWidget *parent) : QWidget(parent), m_intro(new QLabel)
{
    setObjectName(QStringLiteral("connectHint"));
    m_intro->setObjectName(QStringLiteral("connectHintIntro"));
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    m_pythonWorker = addSnippet(QStringLiteral("hintPythonWorker"), tr("A worker in Python (pip install daffi):"));
    m_pythonCaller = addSnippet(QStringLiteral("hintPythonCaller"), tr("Then call it from Python:"));
    m_javascriptCaller = addSnippet(QStringLiteral("hintJavascriptCaller"), tr("Or from a browser page with daffi.js:"));
    layout->addStretch(1);
}

QPlainTextEdit *ConnectHint::addSnippet(const QString &objectName, const QString &title)
{
    auto *text = new QPlainTextEdit;
    text->setObjectName(objectName);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(tr("Copy"));
    copy->setObjectName(objectName + QStringLiteral("Copy"));
    connect(copy, &QPushButton::clicked, text, [text] { QApplication::clipboard()->setText(text->toPlainText()); });
    auto *heading = new QHBoxLayout;
    heading->addWidget(new QLabel(title), 1);
    heading->addWidget(copy);
    auto *box = qobject_cast<QVBoxLayout *>(layout());
    box->addLayout(heading);
    box->addWidget(text);
    return text;
}

void ConnectHint::setAddress(const RouterAddress &address, const QString &listening)
{
    m_intro->setText(tr("The router is listening on %1 and nothing has joined it yet. Start a worker and it "
                        "appears here; these programs connect to this router as they are.")
                         .arg(listening));
    const std::pair<QPlainTextEdit *, QString> snippets[] = {{m_pythonWorker, pythonWorkerSnippet(address)},
                                                             {m_pythonCaller, pythonCallerSnippet(address)},
                                                             {m_javascriptCaller, javascriptCallerSnippet(address)}};
    for (const auto &[edit, code] : snippets) {
        if (edit->toPlainText() == code)
            continue;
        edit->setPlainText(code);
        const int lines = int(code.count(u'\n')) + 1;
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 2 * edit->frameWidth()
                             + int(edit->document()->documentMargin() * 2) + 4);
    }
}

QString ConnectHint::pythonWorker() const
{
    return m_pythonWorker->toPlainText();
}

QString ConnectHint::pythonCaller() const
{
    return m_pythonCaller->toPlainText();
}

QString ConnectHint::javascriptCaller() const
{
    return m_javascriptCaller->toPlainText();
}

} // namespace daffi::ui
