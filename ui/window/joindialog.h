#pragma once

#include <ui/session/remotesession.h>

#include <QDialog>

class QLineEdit;

namespace daffi::ui {

class FileField;

// Whom to join as an observer, and the router's monitor API with the credentials it asks for.
class JoinDialog : public QDialog
{
    Q_OBJECT

public:
    explicit JoinDialog(const RemoteOptions &options, QWidget *parent = nullptr);
    RemoteOptions options() const;

private:
    QLineEdit *m_url;
    QLineEdit *m_monitor;
    FileField *m_token;
    FileField *m_ca;
    FileField *m_certificate;
    FileField *m_key;
};

} // namespace daffi::ui
