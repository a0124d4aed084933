#ifndef GEMBA_CLIBPQ_SHIM_H
#define GEMBA_CLIBPQ_SHIM_H
// PostgreSQL's C client library (Debian's libpq-dev): the shared register and `load sql postgresql:`.
#include <postgresql/libpq-fe.h>
#endif
