#pragma once

#include <QString>

#include <functional>

class QObject;
class QWidget;

namespace alpes::console {

// Asks for one line of text (a suspension or fraud reason) without a nested event loop: the
// answer goes to `accepted`, bound to `context`; cancelling calls nothing.
void promptText(QWidget* parent, const QString& title, const QString& label, const QObject* context,
                std::function<void(const QString&)> accepted);

}  // namespace alpes::console
