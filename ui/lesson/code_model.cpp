#include "ui/lesson/code_model.h"

#include "core/channel/event_store.h"
#include "core/lesson/code_anchors.h"
#include "core/lesson/program_texts.h"
#include "ui/base/palette.h"

namespace interleave::ui {

CodeModel::CodeModel() = default;
CodeModel::~CodeModel() = default;

bool CodeModel::setScenario(const QString& scenario) {
    m_scenario = scenario;
    const char* text = programText(scenario.toStdString());
    m_anchors = std::make_unique<CodeAnchors>(text ? text : "");
    m_lines = text ? QString::fromUtf8(text).split(QLatin1Char('\n')) : QStringList();
    while (!m_lines.isEmpty() && m_lines.back().isEmpty())
        m_lines.removeLast();
    // The anchors are for the program, not for the reader: shown without them, lines are
    // shorter in a narrow panel.
    for (auto& line : m_lines) {
        if (const auto at = line.indexOf(QLatin1String("# step:")); at >= 0) line.truncate(at);
        while (!line.isEmpty() && line.back().isSpace())
            line.chop(1);
    }
    return hasProgram();
}

std::vector<CodeMarker> CodeModel::markersAt(const EventStore* store, std::int64_t t) const {
    std::vector<CodeMarker> out;
    if (!store || !m_anchors || !hasProgram()) return out;
    const auto lines = m_anchors->currentLines(*store, t);
    const auto actors = store->actors();
    for (std::size_t i = 0; i < actors.size(); ++i) {
        const auto it = lines.find(actors[i].id);
        if (it == lines.end()) continue;
        out.push_back(CodeMarker{it->second, actors[i].id, QString::fromStdString(actors[i].name),
                                 Palette::series(i)});
    }
    return out;
}

}  // namespace interleave::ui
