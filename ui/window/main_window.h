#pragma once
// The main window: scenario picker and parameters on the left, timeline in the middle, buffer,
// process tree and captions below it, the lesson on the right; transport in the tool bar and
// the run's numbers in the status bar.

#include <QElapsedTimer>
#include <QMainWindow>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/analysis/schedule.h"
#include "core/analysis/wait_for.h"
#include "core/supervise/lab_log.h"
#include "ui/base/palette.h"

class QAction;
class QLabel;
class QSlider;
class QSplitter;
class QTimer;

class QDockWidget;
class QMenu;
class QToolBar;

namespace interleave::ui {

class BufferView;
class LessonPanel;
class LogPanel;
class ParameterPanel;
class ViewShelf;
class TransportBar;
class RunModels;
class RunSession;
class ScenarioPicker;
class TimeCursor;
class TimelineView;

struct LaunchOptions {
    QString scenario;
    QStringList assignments;
    bool run = false;
    bool byHand = false;  // start in scheduler mode
    double speed = 1.0;
    QString trace;             // a native trace to replay
    bool timings = false;      // print start-up and first-event timings to stderr
    std::int64_t startNs = 0;  // CLOCK_MONOTONIC when the process started
    std::optional<Theme> theme;
    LogLevel logLevel = LogLevel::warn;  // what each run's lab logs into the log panel
    // A plain interactive start (not tests, scripts or screenshots): the welcome may show, once.
    bool welcome = false;
    QString showHelp;  // "guide", "shortcuts" or "welcome": opened at start (for screenshots)
};

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    // Opens a saved run as a replay, shown with its own scenario, lesson and (read-only)
    // parameters; a file that cannot be opened is explained in a message box.
    void openTraceFile(const QString& path);
    // The same without the message box; returns why the file cannot be opened (empty: opened).
    QString loadReplay(const QString& path);
    QAction* saveAction() const { return m_saveAction; }
    QAction* exportVideoAction() const { return m_exportVideoAction; }
    // Pins a note to `actor`'s lane at `ns` (a right-click on the lane asks for the text).
    void pinNote(std::uint32_t actor, std::int64_t ns, const QString& text);
    class ReplayPlayer* player() const {
        return m_player;
    }
    explicit MainWindow(const LaunchOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // For tests and tools.
    RunSession* session() const { return m_session; }
    // The run's models (timeline, views, charts), in one place.
    RunModels* models() const { return m_models; }
    TimelineView* timelineView() const { return m_timelineView; }
    BufferView* bufferView() const;
    LogPanel* logPanel() const { return m_log; }
    QDockWidget* logDock() const { return m_logDock; }
    QWidget* waitForBox() const;
    QWidget* pipesBox() const;
    QWidget* processTreeBox() const;
    QWidget* sharedVariableBox() const;
    class SpeedupView* speedupView() const;
    class DistributionView* distributionView() const;
    TimeCursor* cursor() const { return m_cursor; }
    bool presenterMode() const { return m_presenter; }
    // A first start's size (no saved geometry): the screen's room for windows, less the frame.
    static QSize initialSize(const QRect& available);
    QString stateLine() const;  // what the status bar says the run is doing
    class PointerHighlight* pointerHighlight() const {
        return m_pointer;
    }

    class SchedulerPanel* schedulerPanel() const {
        return m_schedulerPanel;
    }
    class CodePanel* codePanel() const {
        return m_code;
    }
    class PredictionBox* predictionBox() const {
        return m_prediction;
    }
    QAction* manualAction() const { return m_manualAction; }
    QMenu* recentMenu() const { return m_recentMenu; }  // File > Recent runs
    // The welcome is due: a plain interactive start, and it has never been shown.
    static bool welcomeDue(const LaunchOptions& options);
    // View > Show the whole run: a finished run that is not playing shows all of it (for stills
    // and scrubbing). A replay that plays unfolds as the run did, and stays unfolded when paused
    // until the cursor is put somewhere by hand; unchecked, a fixed cursor always unfolds.
    QAction* wholeRunAction() const { return m_wholeRunAction; }
    void setShowWholeRun(bool on);  // for this window only, not remembered
    bool unfolding() const;         // the lanes and the tree show the run up to the cursor only
    // A video frame carries the run, not the controls: no menus, tool bars, status line or
    // side panels (scenario list, parameters, lesson, log), the timeline over the views in
    // 16:9; each frame shows the run up to its time unless `wholeRun`.
    void layOutForVideo(bool wholeRun);
    QAction* replayScheduleAction() const { return m_replayScheduleAction; }
    // Run > Every order: the chosen scenario with the parameters as set, every order of its
    // steps (a dialog), and a chosen order replayed here step by step.
    class AllOrdersDialog* showAllOrders();

  public slots:
    void runScenario();
    void togglePause();
    void step();
    void stopRun();
    // Presenter mode (F5): full screen, large text, the timeline with one chosen view (the
    // buffers, or the processes) and the captions; keys drive the run; a ring marks the
    // pointer for recordings. Esc leaves it.
    void setPresenterMode(bool on);
    // Help (main_window_help.cpp): the bundled user guide, every key (`?`), the welcome.
    void showUserGuide();
    void showShortcuts();
    void showWelcome();

  protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    // Menus and transport (main_window_actions.cpp).
    void buildActions();
    void buildFileMenu();
    void buildTransport();   // the transport bar, and the replay player it drives
    void buildViewMenu();    // the window's look (main_window_display.cpp)
    void buildHelpMenu();    // main_window_help.cpp, with Recent runs
    void showHelpAsAsked();  // once shown: --show-help's page, or a first start's welcome
    void refreshRecentRuns();
    void rememberRun(const QString& path);  // saved or opened: to the top of Recent runs
    void openRecentRun(const QString& path);
    // The timeline, the views and the docks around them (main_window_layout.cpp).
    void buildLayout();
    void buildScenarioDock();  // the scenario list over its parameters
    void buildLogDock();
    void buildCodeDock();
    // What the constructor wires up once the window is built.
    void buildKeys();       // Esc, the transport's keys, the pointer ring, the chart's Stop
    void followSession();   // a new store, the run starting and ending, new rows taken
    void followCursor();    // the views and the scrub bar to the time cursor
    void followTimeline();  // placing the cursor or a note on the timeline
    void restoreWindow();   // size, docks, text size and theme as they were left
    void startAsAsked();    // the scenario, parameters and run or trace of the command line
    void chooseScenario(const QString& name);
    void onStoreReset();
    // File → Export: the run in another format (by `suffix`), or the timeline as a picture.
    void exportRun(const QString& filter, const QString& suffix);
    void exportPicture();
    // File → Export → Video: asks what to show, then makes it in the background with a
    // progress dialog that can cancel it.
    void exportVideo();
    void followCaptions();    // captions and process tree to the cursor
    void offerStepChoices();  // the finished run's actors and kinds, to step through
    void showNotes();         // the run's notes on the timeline
    void holdSidePanels();    // side panels at most a quarter of the width
    void tick();
    void pace();  // the frame rate: full while a run moves, low while it is paused
    void updateStatus();
    void updateActions();
    // Which of the views under the timeline show: those the run has something for (before a
    // run, the buffers with their hint); in presenter mode, only the chosen one.
    void updateViewBoxes();
    void updateUnfolding();  // after the replay plays or stops, the cursor is placed, a new run
    // `remember`: kept for the next start (presenter mode's own scale is not).
    void setFontScale(double scale, bool remember = true);
    void setTheme(Theme theme);
    void openTrace();
    void saveTrace();
    // Scheduler mode and predictions (main_window_scheduler.cpp).
    void buildScheduler();
    void buildLessonDock();       // the question to predict above the lesson
    void checkTryItem(int item);  // a Try this item's Check, pressed
    void buildSchedulerDock();    // the cards, the By hand toggle, the schedule replayed
    void buildDigitKeys();        // 1..9 choose the scheduler's cards
    void replaySchedule();        // the run's schedule again, on a new run, then by hand
    void replayOrder(const std::vector<ScheduledActor>& steps);  // a new run, these steps
    void lessonChanged(bool schedulable);  // the chosen scenario's goals and questions
    void runEnded();

    LaunchOptions m_options;
    RunSession* m_session;
    TimeCursor* m_cursor;
    RunModels* m_models;  // every model of the run, in the order they follow it

    ScenarioPicker* m_picker = nullptr;
    ParameterPanel* m_params = nullptr;
    LessonPanel* m_lesson = nullptr;
    LogPanel* m_log = nullptr;
    QMenu* m_panelsMenu = nullptr;
    QMenu* m_recentMenu = nullptr;  // View > Panels: every dock comes back from here
    QDockWidget* m_logDock = nullptr;
    QDockWidget* m_scenarioDock = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    QDockWidget* m_codeDock = nullptr;  // the scenario's Python program, each actor's line
    class CodePanel* m_code = nullptr;
    TimelineView* m_timelineView = nullptr;
    ViewShelf* m_shelf = nullptr;
    bool m_wasActive = false;
    bool m_deadlockShown = false;  // the state line says "deadlock" (checked every frame)

    class SchedulerPanel* m_schedulerPanel = nullptr;
    QDockWidget* m_schedulerDock = nullptr;
    class PredictionBox* m_prediction = nullptr;
    QAction* m_manualAction = nullptr;
    QAction* m_replayScheduleAction = nullptr;
    QAction* m_allOrdersAction = nullptr;
    std::vector<QAction*> m_digitActions;  // 1..9: the scheduler's cards

    QAction* m_runAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_saveAction = nullptr;
    bool m_shownOnce = false;
    class ReplayPlayer* m_player = nullptr;
    QAction* m_exportPictureAction = nullptr;
    QAction* m_exportVideoAction = nullptr;
    class VideoExportJob* m_videoJob = nullptr;
    QAction* m_exportCsvAction = nullptr;
    QAction* m_exportChromeAction = nullptr;
    QAction* m_exportPerfettoAction = nullptr;
    QAction* m_liveAction = nullptr;
    QAction* m_wholeRunAction = nullptr;
    bool m_unfoldedByPlay = false;  // played since the cursor was last placed by hand
    class StatusLine* m_status = nullptr;
    QTimer* m_frameTimer = nullptr;

    double m_fontScale = 1.0;
    bool m_presenter = false;
    QSplitter* m_center = nullptr;  // the timeline over the bottom views
    QList<int> m_centerSizesPresenterLeft;
    QByteArray m_statePresenterLeft;  // docks and bars as they were before presenter mode
    double m_fontScalePresenterLeft = 1.0;
    bool m_presenterShowsProcesses = false;
    std::vector<QAction*> m_themeActions;  // the View menu's, one checked
    TransportBar* m_transportBar = nullptr;
    class PointerHighlight* m_pointer = nullptr;
    QAction* m_presenterAction = nullptr;
    double m_baseFontPt = 11.0;
    // Who waits for whom at the end of what has come in: the state line says "deadlock" as soon
    // as a cycle closes, wherever the cursor is.
    WaitForTracker m_waitsNow;
    QString deadlockNow();  // the cycle in one sentence; empty: none
    void pointAtLostUpdate();
    bool m_lostUpdateFound = false;  // searched for the last time (the run has ended)
    std::size_t m_lostUpdatesSearched = 0, m_lostUpdateCount = 0;  // store size, updates found
    QElapsedTimer m_captionClock;  // since the captions last followed the cursor
    QElapsedTimer m_settleClock;   // since the last pause, resume or step
    bool m_captionDue = false;     // the cursor moved since the captions last followed it
    QElapsedTimer m_runClick;
    bool m_firstFramePrinted = false;
};

}  // namespace interleave::ui
