// The programs that host the engine link alpes::memory_allocator (as this test does) to run on
// mimalloc: it must really have replaced malloc(), operator new included, not merely be linked.
#include "bff/app/memory_allocator.h"

#include <QtTest>

#include <mimalloc.h>

#include <memory>
#include <string>

class MemoryAllocatorTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mallocIsMimallocsInAProgramThatLinksTheLibrary()
    {
        const std::string name = alpes::app::memoryAllocator();
        QVERIFY2(name.starts_with("mimalloc 2."), name.c_str());
        QVERIFY2(name.find("C library") == std::string::npos, name.c_str());
    }

    void operatorNewAllocatesFromMimallocToo()
    {
        const auto block = std::make_unique<char[]>(100);
        QVERIFY(mi_is_in_heap_region(block.get()));
    }
};

QTEST_APPLESS_MAIN(MemoryAllocatorTest)
#include "tst_memory_allocator.moc"
