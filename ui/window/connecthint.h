#pragma once

#include <ui/composer/codesnippet.h>

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace daffi::ui {

// What an empty hosted router shows in place of its members: how to connect to it, with its
// real address, as programs to copy (a Python worker, then callers in Python and JavaScript).
class ConnectHint : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectHint(QWidget *parent = nullptr);

    void setAddress(const RouterAddress &address, const QString &listening);
    QString pythonWorker() const;
    QString pythonCaller() const;
    QString javascriptCaller() const;

private:
    QPlainTextEdit *addSnippet(const QString &objectName, const QString &title);

    QLabel *m_intro;
    QPlainTextEdit *m_pythonWorker;
    QPlainTextEdit *m_pythonCaller;
    QPlainTextEdit *m_javascriptCaller;
};

} // namespace daffi::ui
