#pragma once

#include <QWidget>

class QLineEdit;

namespace daffi::ui {

// A file's path with a Browse… button beside it.
class FileField : public QWidget
{
    Q_OBJECT

public:
    // `filter` as QFileDialog takes it, e.g. "PEM files (*.pem);;All files (*)".
    FileField(const QString &path, const QString &title, const QString &filter, QWidget *parent = nullptr);

    QString path() const;
    void setPlaceholderText(const QString &text);
    QLineEdit *edit() const { return m_edit; }

private:
    QLineEdit *m_edit;
};

} // namespace daffi::ui
