#pragma once

#include <ui/session/hostedsession.h>

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace daffi::ui {

class FileField;

// Where the embedded router listens: address, port, optional Unix socket, TLS files, metrics port.
class ListenDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ListenDialog(const HostOptions &options, QWidget *parent = nullptr);
    HostOptions options() const;
    // The file dialog filter for certificates and keys.
    static QString pemFiles();

private:
    HostOptions m_base;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_unix;
    FileField *m_cert;
    FileField *m_key;
    QSpinBox *m_metrics;
};

} // namespace daffi::ui
