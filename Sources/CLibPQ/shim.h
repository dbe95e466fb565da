#ifndef REKAP_CLIBPQ_SHIM_H
#define REKAP_CLIBPQ_SHIM_H
// The include path comes from pkg-config (libpq.pc), never hard-coded.
#include <libpq-fe.h>
#endif
