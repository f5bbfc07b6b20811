#include "desktop/net/connection_state.h"

namespace alpes::console {

QString connectionStateText(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected:
        return QCoreApplication::translate("ConnectionState", "Disconnected");
    case ConnectionState::Connecting:
        return QCoreApplication::translate("ConnectionState", "Connecting…");
    case ConnectionState::Connected:
        return QCoreApplication::translate("ConnectionState", "Connected");
    case ConnectionState::Reconnecting:
        return QCoreApplication::translate("ConnectionState", "Reconnecting…");
    }
    return {};
}

}  // namespace alpes::console
