#pragma once
// Every order of a small run's steps (core/supervise/order_explorer), from the window: how many
// orders there can be, shown before the walk goes far, a progress bar while each order runs on
// the real threads, and a bar per outcome (a final value, a deadlock) with how many orders reach
// it. Clicking a bar asks for one of its orders to be replayed (replayOrder), step by step.

#include <QDialog>
#include <QStringList>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "core/analysis/schedule.h"
#include "core/supervise/order_explorer.h"

class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;

namespace interleave::ui {

class AllOrdersDialog : public QDialog {
    Q_OBJECT
  public:
    AllOrdersDialog(const QString& scenario, const QStringList& assignments, std::size_t maxOrders,
                    QWidget* parent = nullptr);
    ~AllOrdersDialog() override;  // stops the walk and waits for the order being run

    void start();
    bool running() const { return m_thread.joinable() && !m_finished; }
    const OrderExploration& result() const { return m_result; }
    QCustomPlot* chart() const { return m_chart; }
    QString statusText() const;
    // The outcome of bar `index` (in the chart's order), and one order that reaches it.
    QString outcomeOfBar(int index) const;
    std::vector<ScheduledActor> orderOfBar(int index) const;

  signals:
    void replayOrder(const std::vector<ScheduledActor>& steps);
    void finished();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void onProgress(std::size_t done, std::size_t known, double atMost);
    void onFinished();
    void drawBars();
    void stop();

    QString m_scenario;
    QStringList m_assignments;
    std::size_t m_max;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_startButton;
    QCustomPlot* m_chart;
    std::vector<QString> m_barOutcomes;  // by bar, left to right
    std::atomic<bool> m_stop{false};
    bool m_finished = false;
    OrderExploration m_result;  // written by the walk's thread, read once it has ended
    std::thread m_thread;
};

}  // namespace interleave::ui
