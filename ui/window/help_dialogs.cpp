#include "ui/window/help_dialogs.h"

#include <QAction>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QHash>
#include <QImageReader>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QShortcut>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

// The guide and its screenshots live in a static library's resource file (guide.qrc, made by
// ui/CMakeLists.txt from the images the guide names), which must be registered by hand.
static void initGuideResources() {
    Q_INIT_RESOURCE(guide);
}

namespace interleave::ui {

namespace {

// A menu's text as a sentence: no mnemonic, no "…".
QString plain(QString text) {
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QChar(0x2026))) text.chop(1);
    return text.trimmed();
}

QDialogButtonBox* closeButton(QDialog* dialog) {
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

}  // namespace

GuideDialog::GuideDialog(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser(this)) {
    initGuideResources();
    setWindowTitle(tr("Interleave user guide"));
    setSizeGripEnabled(true);
    // Links leave the window only for the web; the guide itself needs no network.
    m_browser->setOpenLinks(false);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme().startsWith(QLatin1String("http")))
            QDesktopServices::openUrl(url);
        else if (url.hasFragment())
            m_browser->scrollToAnchor(url.fragment());
    });
    m_browser->setSource(QUrl(guideUrl()), QTextDocument::MarkdownResource);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(closeButton(this));
    resize(parent ? parent->size() * 0.8 : QSize(1000, 750));
}

QString GuideDialog::guideUrl() {
    return QStringLiteral("qrc:/guide/user-guide.md");
}

void GuideDialog::resizeEvent(QResizeEvent* event) {
    QDialog::resizeEvent(event);
    // The browser's viewport takes its new width once the layout has run.
    QTimer::singleShot(0, this, &GuideDialog::fitImages);
}

void GuideDialog::fitImages() {
    auto* doc = m_browser->document();
    const double room = m_browser->viewport()->width() - 2 * doc->documentMargin() - 8;
    if (room < 100) return;
    static QHash<QString, QSize> natural;  // read from the file's header once
    std::vector<std::pair<int, QTextImageFormat>> images;
    for (auto block = doc->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const auto fragment = it.fragment();
            if (!fragment.charFormat().isImageFormat()) continue;
            auto image = fragment.charFormat().toImageFormat();
            auto& size = natural[image.name()];
            if (size.isEmpty())
                size = QImageReader(QStringLiteral(":/guide/") + image.name()).size();
            if (size.isEmpty()) continue;
            const double width = std::min<double>(size.width(), room);
            image.setWidth(width);
            image.setHeight(size.height() * width / size.width());
            images.emplace_back(fragment.position(), image);
        }
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (const auto& [position, image] : images) {
        cursor.setPosition(position);
        cursor.setPosition(position + 1, QTextCursor::KeepAnchor);
        cursor.setCharFormat(image);
    }
    cursor.endEditBlock();
}

ShortcutSheet::Rows ShortcutSheet::collect(const QWidget* window) {
    Rows rows;
    const auto add = [&rows](const QString& key, const QString& what) {
        for (auto& [keys, doing] : rows)
            if (doing == what) {  // 1 to 9 choose a card: one row
                if (!keys.split(QStringLiteral(", ")).contains(key))
                    keys += QStringLiteral(", ") + key;
                return;
            }
        rows.emplace_back(key, what);
    };
    // The tool bar's first (the transport), then the menus in their order, then the rest
    // (keys of no menu, as Left and the card numbers).
    QList<QAction*> ordered;
    const std::function<void(const QList<QAction*>&)> take = [&](const QList<QAction*>& actions) {
        for (auto* action : actions)
            if (action->menu())
                take(action->menu()->actions());
            else if (!ordered.contains(action))
                ordered << action;
    };
    for (const auto* bar : window->findChildren<QToolBar*>())
        take(bar->actions());
    if (const auto* menus = window->findChild<QMenuBar*>()) take(menus->actions());
    take(window->findChildren<QAction*>());
    for (const auto* action : std::as_const(ordered)) {
        auto what = plain(action->text());
        if (what.isEmpty()) what = plain(action->toolTip());
        for (const auto& key : action->shortcuts())
            add(key.toString(QKeySequence::NativeText), what);
    }
    for (const auto* shortcut : window->findChildren<QShortcut*>())
        for (const auto& key : shortcut->keys())
            add(key.toString(QKeySequence::NativeText), shortcut->whatsThis());
    return rows;
}

ShortcutSheet::ShortcutSheet(const QWidget* window, QWidget* parent)
    : QDialog(parent), m_browser(new QTextBrowser(this)) {
    setWindowTitle(tr("Keyboard shortcuts"));
    setSizeGripEnabled(true);
    QString html = QStringLiteral("<h3>") + tr("Every key of the window") +
                   QStringLiteral("</h3><table cellpadding='4'>");
    for (const auto& [key, what] : collect(window))
        html += QStringLiteral("<tr><td align='right'><b>%1</b></td><td>%2</td></tr>")
                    .arg(key.toHtmlEscaped(), what.toHtmlEscaped());
    html += QStringLiteral("</table><p>") +
            tr("Space and Right work even while a parameter field has the keyboard; Enter in a "
               "field applies it. On the timeline, a click places the time cursor and a "
               "right-click on a lane pins a note.") +
            QStringLiteral("</p>");
    m_browser->setHtml(html);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(closeButton(this));
    // Tall enough for every row and the note under them at the usual text size, if there is room.
    resize(640, parent ? std::min(700, parent->height() * 9 / 10) : 700);
}

QString ShortcutSheet::text() const {
    return m_browser->toPlainText();
}

WelcomeDialog::WelcomeDialog(const QString& run, const QString& pause, const QString& presenter,
                             QWidget* parent)
    : QDialog(parent), m_label(new QLabel(this)) {
    setWindowTitle(tr("Welcome to Interleave"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setText(
        tr("<h2>Welcome to Interleave</h2>"
           "<p>Interleave runs small concurrent programs on real threads and real processes, "
           "and draws every synchronisation step as it happens, with a lesson beside each.</p>"
           "<p><b>Where to begin:</b> <i>hello-threads-and-processes</i> (what a thread and a "
           "process are), then <i>race-condition</i> (an update lost on a shared counter).</p>"
           "<p><b>Three keys to teach with:</b></p><table cellpadding='3'>"
           "<tr><td><b>%1</b></td><td>run the scenario (restart it while it runs)</td></tr>"
           "<tr><td><b>%2</b></td><td>pause and resume</td></tr>"
           "<tr><td><b>%3</b></td><td>presenter mode (Esc leaves it)</td></tr></table>"
           "<p>Every key: press <b>?</b>. The user guide and this welcome are in the "
           "<i>Help</i> menu.</p>")
            .arg(run.toHtmlEscaped(), pause.toHtmlEscaped(), presenter.toHtmlEscaped()));
    auto* buttons = closeButton(this);
    auto* begin = buttons->addButton(tr("Begin with hello-threads-and-processes"),
                                     QDialogButtonBox::AcceptRole);
    connect(begin, &QPushButton::clicked, this, [this] {
        emit scenarioRequested(QStringLiteral("hello-threads-and-processes"));
        accept();
    });
    auto* guide = buttons->addButton(tr("User guide"), QDialogButtonBox::HelpRole);
    connect(guide, &QPushButton::clicked, this, [this] {
        accept();
        emit guideRequested();
    });
    begin->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

QString WelcomeDialog::text() const {
    return m_label->text();
}

}  // namespace interleave::ui
