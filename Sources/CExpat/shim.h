#ifndef MLSGATE_CEXPAT_SHIM_H
#define MLSGATE_CEXPAT_SHIM_H

#include <expat.h>

#endif
