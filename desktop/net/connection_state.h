#pragma once

#include <QCoreApplication>
#include <QString>

namespace alpes::console {

// Where the live stream stands; the status bar and the banner show it.
enum class ConnectionState { Disconnected, Connecting, Connected, Reconnecting };

QString connectionStateText(ConnectionState state);

}  // namespace alpes::console
