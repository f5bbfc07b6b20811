#pragma once

#include <QHash>
#include <QString>

namespace alpes::console {

// Names of campaigns and partners by id, so tables of commissions, sagas and interactions can
// show "Summer sale" instead of an id. Filled as lists load. GUI thread only.
class NameDirectory {
public:
    void set(const QString& id, const QString& name) { m_names.insert(id, name); }
    // The name, or a short form of the id while the name is not known yet.
    QString nameOf(const QString& id) const
    {
        const auto it = m_names.constFind(id);
        return it != m_names.cend() ? *it : id.left(8);
    }

private:
    QHash<QString, QString> m_names;
};

}  // namespace alpes::console
