#ifndef GEMBA_CSQLITE_SHIM_H
#define GEMBA_CSQLITE_SHIM_H
// The system's SQLite (Debian's libsqlite3-dev): the embedded register and `load sql sqlite:`.
#include <sqlite3.h>
#endif
