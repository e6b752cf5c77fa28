/*-------------------------------------------------------------------------
 *
 * journey.c
 *	  Module entry point of the journey extension.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
