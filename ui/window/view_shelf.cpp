#include "ui/window/view_shelf.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "core/scenarios/scenario.h"
#include "ui/charts/distribution_model.h"
#include "ui/charts/distribution_view.h"
#include "ui/charts/speedup_model.h"
#include "ui/charts/speedup_view.h"
#include "ui/views/buffer_model.h"
#include "ui/views/buffer_view.h"
#include "ui/views/caption_model.h"
#include "ui/views/memory_model.h"
#include "ui/views/pipe_model.h"
#include "ui/views/pipe_view.h"
#include "ui/views/process_tree_view.h"
#include "ui/views/shared_variable_view.h"
#include "ui/views/signal_model.h"
#include "ui/views/wait_for_model.h"
#include "ui/views/wait_for_view.h"
#include "ui/window/run_models.h"

namespace interleave::ui {

ViewShelf::ViewShelf(RunModels* models, TimeCursor* cursor, QWidget* parent)
    : QSplitter(Qt::Horizontal, parent), m_models(models) {
    auto* const timeline = models->timeline();
    // Every queue of the run, one under the other; scrolls when they need more height.
    m_bufferView = new BufferView(models->buffers(), timeline, cursor, this);
    auto* bufferScroll = new QScrollArea(this);
    bufferScroll->setWidget(m_bufferView);
    bufferScroll->setWidgetResizable(true);
    bufferScroll->setFrameShape(QFrame::NoFrame);
    bufferScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_bufferBox = titled(tr("Bounded buffers and shared memory"), bufferScroll);
    auto* pipeScroll = new QScrollArea(this);
    pipeScroll->setWidget(new PipeView(models->pipes(), timeline, cursor, this));
    pipeScroll->setWidgetResizable(true);
    pipeScroll->setFrameShape(QFrame::NoFrame);
    pipeScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pipeBox =
        titled(tr("Pipes, sockets, queues: what the kernel holds between processes"), pipeScroll);
    m_pipeBox->hide();
    auto* signalTable = table(models->posixSignals());
    m_signalBox = titled(tr("Signals: sent, pending, handled, lost"), signalTable);
    m_signalBox->hide();
    m_memoryBox = titled(tr("Each process's memory: the same address, a copy of its own"),
                         table(models->memory()));
    m_memoryBox->hide();
    m_waitsBox = titled(tr("Who waits for whom (solid arrow: holds · dashed: waits for)"),
                        new WaitForView(models->waitFor(), this));
    m_waitsBox->hide();
    m_sharedBox = titled(tr("Shared counter, and each thread's copy"),
                         new SharedVariableView(models->sharedVariables(), timeline, cursor, this));
    m_sharedBox->hide();
    m_speedupView = new SpeedupView(models->speedup(), this);
    m_speedupBox = titled(tr("Speedup against doing the same tasks sequentially, on this machine"),
                          m_speedupView);
    m_speedupBox->hide();
    m_distributionView = new DistributionView(models->distributions(), this);
    m_distributionBox = titled(tr("How long each took, measured here"), m_distributionView);
    m_distributionBox->hide();
    m_treeView = new ProcessTreeView(models->processTree(), this);
    m_treeBox = titled(tr("Processes and threads"), m_treeView);
    auto* captionView = new QListView(this);
    captionView->setModel(models->captions());
    captionView->setSelectionMode(QAbstractItemView::NoSelection);
    captionView->setWordWrap(true);
    auto* captionBox = titled(tr("What just happened"), captionView);
    const std::pair<QWidget*, QString> views[] = {
        {m_bufferBox, tr("Bounded buffers and shared memory")},
        {m_pipeBox, tr("Pipes, sockets, queues")},
        {m_signalBox, tr("Signals")},
        {m_memoryBox, tr("Each process's memory")},
        {m_waitsBox, tr("Who waits for whom")},
        {m_sharedBox, tr("Shared counter")},
        {m_speedupBox, tr("Speedup")},
        {m_distributionBox, tr("How long each took")},
        {m_treeBox, tr("Processes and threads")},
        {captionBox, tr("What just happened")}};
    for (const auto& [box, name] : views) {
        auto* action = new QAction(name, this);
        action->setCheckable(true);
        action->setChecked(!box->isHidden());
        // Triggered (by the user), not toggled: the scenario's own picks only update the mark.
        connect(action, &QAction::triggered, this, [this, box = box](bool on) {
            m_chosenByHand[box] = on;
            box->setVisible(on);
        });
        m_viewActions.push_back(action);
        action->setData(QVariant::fromValue(static_cast<QObject*>(box)));
    }
    setSizes({420, 560, 460, 560, 620, 560, 760, 760, 420, 420});
}

void ViewShelf::setUnfolding(bool on) {
    m_treeView->setUnfolding(on);
}

QTableView* ViewShelf::table(QAbstractItemModel* model) {
    auto* view = new QTableView(this);
    view->setModel(model);
    view->setSelectionMode(QAbstractItemView::NoSelection);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

QWidget* ViewShelf::titled(const QString& title, QWidget* content) {
    auto* box = new QWidget(this);
    auto* l = new QVBoxLayout(box);
    l->setContentsMargins(4, 2, 4, 2);
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title), box);
    label->setWordWrap(true);  // large text on a narrow screen: two lines, not a wider window
    l->addWidget(label);
    l->addWidget(content, 1);
    addWidget(box);
    return box;
}

void ViewShelf::place(QWidget* box, bool picked) {
    const auto byHand = m_chosenByHand.find(box);
    box->setVisible(byHand != m_chosenByHand.end() ? byHand->second : picked);
    for (auto* action : m_viewActions)
        if (action->data().value<QObject*>() == box) action->setChecked(box->isVisibleTo(this));
}

void ViewShelf::choose(const Scenario* scenario, bool run, bool presenter,
                       bool presenterShowsProcesses) {
    // Another scenario picks its own views again.
    if (scenario != m_scenario) m_chosenByHand.clear();
    m_scenario = scenario;
    auto uses = [scenario](ObjectKind k) {
        return scenario && std::find(scenario->shows.begin(), scenario->shows.end(), k) !=
                               scenario->shows.end();
    };
    const bool buffers = run ? m_models->buffers()->hasBuffer()
                             : uses(ObjectKind::Queue) || uses(ObjectKind::SharedSegment);
    // From the start of a run: its pipes are made a moment after it starts.
    const bool pipes = m_models->pipes()->pipeCount() > 0 || uses(ObjectKind::Pipe) ||
                       uses(ObjectKind::Fifo) || uses(ObjectKind::Socket) ||
                       uses(ObjectKind::MessageQueue);
    // The wait-for graph for a scenario about locks, or a trace of an unknown scenario with
    // several locks and no buffer; it then stands in for the process tree, which says less
    // about such a run (it would also leave the graph too little room at 1280x720). A known
    // scenario's lesson decides: fork-tree's children each take a lock of their own, and its
    // lesson is the tree.
    const bool waits = uses(ObjectKind::Mutex) ||
                       (run && !scenario && !buffers && m_models->waitFor()->locks().size() >= 2);
    // The shared counter likewise stands in for the tree, in the scenario about it (not where a
    // counter is copied into forked processes: one value for all would be wrong there).
    // A shared segment, its slots and its bytes, likewise: the lanes carry the pids.
    const bool shared = uses(ObjectKind::Variable) || uses(ObjectKind::SharedSegment);
    const bool memory = m_models->memory()->measuresMemory() || uses(ObjectKind::Memory);
    const bool showSignals =
        m_models->posixSignals()->signalCount() > 0 || uses(ObjectKind::Signal);
    const bool speedup = uses(ObjectKind::Gil) || m_models->speedup()->hasResults();
    const bool distributions = uses(ObjectKind::Series) || m_models->distributions()->hasSeries();
    const bool chosen = !presenter || !presenterShowsProcesses;
    place(m_bufferBox, chosen && buffers);
    // A measurement's pipes only hand out its tasks: the chart is what it is about.
    place(m_pipeBox, chosen && pipes && !speedup);
    place(m_signalBox, chosen && showSignals);
    place(m_memoryBox, chosen && memory);
    place(m_waitsBox, chosen && waits);
    place(m_sharedBox, chosen && uses(ObjectKind::Variable));
    place(m_speedupBox, chosen && speedup);
    place(m_distributionBox, chosen && distributions);
    // The memory table names each process too, and needs the room.
    // The chart needs the room more than a tree of pools.
    place(m_treeBox, presenter ? presenterShowsProcesses
                               : !waits && !shared && !memory && !speedup && !distributions);
}

}  // namespace interleave::ui
