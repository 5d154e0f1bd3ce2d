#pragma once
// A form generated from a scenario's parameter schema: spin boxes and combo boxes with the
// declared ranges, the range shown beside each field, an explanation next to a field whose
// value was refused, and a reset to the defaults.

#include <QStringList>
#include <QWidget>
#include <map>

#include "core/scenarios/scenario.h"

class QFormLayout;
class QLabel;

class QPushButton;

namespace interleave::ui {

class ParameterPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ParameterPanel(QWidget* parent = nullptr);

    void setScenario(const Scenario* scenario);
    // Applies "name=value" assignments (from the command line); refused ones are explained next
    // to their field (or in the panel, for unknown names). Returns false if any was refused.
    bool apply(const QStringList& assignments);
    QStringList assignments() const;  // every parameter as "name=value"
    void resetToDefaults();
    // A replay's parameters are the ones it was recorded with: shown, not edited, until Run
    // starts a new run or another scenario is chosen.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  signals:
    void changed();

  private:
    struct Field {
        const ParamSpec* spec;
        QWidget* editor;
        QLabel* error;
    };
    void showError(const QString& name, const QString& message);

    const Scenario* m_scenario = nullptr;
    QFormLayout* m_form;
    QLabel* m_general;
    std::map<QString, Field> m_fields;
    QPushButton* m_reset;
    QLabel* m_readOnlyNote;
    bool m_readOnly = false;
};

}  // namespace interleave::ui
