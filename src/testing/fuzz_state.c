/*-------------------------------------------------------------------------
 *
 * fuzz_state.c
 *	  Test-only entry point for fuzzing serialized aggregate states.
 *
 * Compiled into the module only when the Makefile gets JOURNEY_TEST=1
 * (test/run.sh does that); a normal build and the packages never contain
 * it, and it is not part of the extension script: test/fuzz/state_fuzz.sql
 * declares it, as a superuser, in the fuzz database only.
 *
 *	journey_fuzz.check_state(aggregate regprocedure, state bytea,
 *							  argtypes regtype[], via_text boolean)
 *		RETURNS TABLE (result text, reserialized bytea)
 *
 * does with the bytes what the leader of a parallel aggregate does with a
 * worker's partial state: the aggregate's deserialize function reads them
 * (twice, into two states), its combine function merges the second state
 * into the first, the serialize function writes the combined state (so it
 * can be checked to deserialize again) and the final function computes the
 * result, which is returned in its text form.  An aggregate whose state has
 * a type of its own (attribution_state) has no serialize functions: the
 * type's binary input reads the bytes, or with via_text its text input
 * reads their base64 (what Citus does with a worker's partial state), and
 * its send function writes the combined state.  The support functions are
 * called in a stand-in aggregate context: an AggState node whose current
 * aggregate context is a memory context of our own, which is all
 * AggCheckCallContext looks at.  Final functions get the same expression
 * tree nodeAgg.c builds for them (build_aggregate_finalfn_expr), with the
 * aggregate's input types, or argtypes when given (to resolve polymorphic
 * inputs such as the stage aggregates' anyenum); FINALFUNC_EXTRA arguments
 * are NULL, as in nodeAgg.c.
 *
 * Errors are not caught: every call either returns or raises the error the
 * aggregate's own code raised, which the fuzz client classifies by SQLSTATE.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_aggregate.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "nodes/execnodes.h"
#include "parser/parse_agg.h"
#include "parser/parse_coerce.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "journey.h"

PG_FUNCTION_INFO_V1(journey_fuzz_check_state);

#define FUZZ_MAX_ARGS 16

/*
 * A state of type transtype read from bytes by the type's binary input, or
 * (via_text) by its text input from the base64 of bytes.
 */
static Datum
typed_input(Oid transtype, bytea *bytes, bool via_text)
{
	static const char digits[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *src = (const unsigned char *) VARDATA_ANY(bytes);
	int			n = VARSIZE_ANY_EXHDR(bytes);
	Oid			func;
	Oid			ioparam;

	if (!via_text)
	{
		StringInfoData buf;

		getTypeBinaryInputInfo(transtype, &func, &ioparam);
		initStringInfo(&buf);
		appendBinaryStringInfo(&buf, (const char *) src, n);
		return OidReceiveFunctionCall(func, &buf, ioparam, -1);
	}
	else
	{
		char	   *text = palloc((n + 2) / 3 * 4 + 1);
		char	   *p = text;
		int			i;

		for (i = 0; i < n; i += 3)
		{
			uint32		w = (uint32) src[i] << 16;

			if (i + 1 < n)
				w |= (uint32) src[i + 1] << 8;
			if (i + 2 < n)
				w |= src[i + 2];
			*p++ = digits[(w >> 18) & 0x3f];
			*p++ = digits[(w >> 12) & 0x3f];
			*p++ = i + 1 < n ? digits[(w >> 6) & 0x3f] : '=';
			*p++ = i + 2 < n ? digits[w & 0x3f] : '=';
		}
		*p = '\0';
		getTypeInputInfo(transtype, &func, &ioparam);
		return OidInputFunctionCall(func, text, ioparam, -1);
	}
}

/* Call fn(args) in the stand-in aggregate context; *isnull gets the result. */
static Datum
call_support(FmgrInfo *fn, AggState *agg, int nargs, Datum *args, bool *nulls,
			 bool *isnull)
{
	LOCAL_FCINFO(fcinfo, FUZZ_MAX_ARGS);
	Datum		result;
	int			i;

	InitFunctionCallInfoData(*fcinfo, fn, nargs, InvalidOid, (Node *) agg, NULL);
	for (i = 0; i < nargs; i++)
	{
		fcinfo->args[i].value = args[i];
		fcinfo->args[i].isnull = nulls[i];
	}
	if (fn->fn_strict)
		for (i = 0; i < nargs; i++)
			if (nulls[i])
			{
				*isnull = true;
				return (Datum) 0;
			}
	result = FunctionCallInvoke(fcinfo);
	*isnull = fcinfo->isnull;
	return result;
}

Datum
journey_fuzz_check_state(PG_FUNCTION_ARGS)
{
	Oid			aggfn = PG_GETARG_OID(0);
	bytea	   *state = PG_GETARG_BYTEA_PP(1);
	HeapTuple	tup;
	Form_pg_aggregate agg;
	Oid			finalfn,
				combinefn,
				serialfn,
				deserialfn,
				transtype;
	bool		finalextra;
	bool		via_text = !PG_ARGISNULL(3) && PG_GETARG_BOOL(3);
	bool		typed;
	Oid		   *declared;
	Oid			inputs[FUZZ_MAX_ARGS];
	int			ninputs;
	Oid			rettype;
	Expr	   *expr;
	FmgrInfo	deser_fn,
				comb_fn,
				ser_fn,
				final_fn;
	AggState   *aggstate;
	ExprContext *econtext;
	MemoryContext aggcxt;
	MemoryContext caller = CurrentMemoryContext;
	Datum		args[FUZZ_MAX_ARGS];
	bool		nulls[FUZZ_MAX_ARGS];
	Datum		s1,
				s2,
				combined,
				ser,
				res;
	bool		s1null,
				s2null,
				cnull,
				sernull,
				resnull;
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		outnulls[2] = {false, false};
	int			i;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	tup = SearchSysCache1(AGGFNOID, ObjectIdGetDatum(aggfn));
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("function %u is not an aggregate", aggfn)));
	agg = (Form_pg_aggregate) GETSTRUCT(tup);
	finalfn = agg->aggfinalfn;
	combinefn = agg->aggcombinefn;
	serialfn = agg->aggserialfn;
	deserialfn = agg->aggdeserialfn;
	transtype = agg->aggtranstype;
	finalextra = agg->aggfinalextra;
	ReleaseSysCache(tup);
	typed = transtype != INTERNALOID;
	if (typed ? !OidIsValid(combinefn) :
		(!OidIsValid(deserialfn) || !OidIsValid(serialfn) || !OidIsValid(combinefn)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("aggregate %u has no serialized state", aggfn)));

	rettype = get_func_signature(aggfn, &declared, &ninputs);
	if (ninputs > FUZZ_MAX_ARGS - 1)
		elog(ERROR, "too many aggregate arguments");
	memcpy(inputs, declared, ninputs * sizeof(Oid));
	if (!PG_ARGISNULL(2))
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(2);
		Datum	   *elems;
		bool	   *enulls;
		int			n;

		deconstruct_array(arr, REGTYPEOID, sizeof(Oid), true, TYPALIGN_INT,
						  &elems, &enulls, &n);
		if (n != ninputs)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argtypes must have one type per aggregate argument")));
		for (i = 0; i < n; i++)
			inputs[i] = DatumGetObjectId(elems[i]);
		rettype = enforce_generic_type_consistency(inputs, declared, ninputs,
												   rettype, false);
	}

	/* the stand-in aggregate context */
	aggcxt = AllocSetContextCreate(CurrentMemoryContext, "journey fuzz aggcontext",
								   ALLOCSET_DEFAULT_SIZES);
	econtext = makeNode(ExprContext);
	econtext->ecxt_per_tuple_memory = aggcxt;
	aggstate = makeNode(AggState);
	aggstate->curaggcontext = econtext;

	fmgr_info(combinefn, &comb_fn);
	if (typed)
	{
		/* read twice by the type's input function */
		s1 = typed_input(transtype, state, via_text);
		s2 = typed_input(transtype, state, via_text);
		s1null = s2null = false;
	}
	else
	{
		fmgr_info(deserialfn, &deser_fn);
		build_aggregate_deserialfn_expr(deserialfn, &expr);
		fmgr_info_set_expr((Node *) expr, &deser_fn);
		fmgr_info(serialfn, &ser_fn);
		build_aggregate_serialfn_expr(serialfn, &expr);
		fmgr_info_set_expr((Node *) expr, &ser_fn);

		/* deserialize twice (the second argument is a dummy, as in nodeAgg.c) */
		args[0] = PointerGetDatum(state);
		nulls[0] = false;
		args[1] = (Datum) 0;
		nulls[1] = false;
		s1 = call_support(&deser_fn, aggstate, 2, args, nulls, &s1null);
		s2 = call_support(&deser_fn, aggstate, 2, args, nulls, &s2null);
	}

	/* combine the second into the first */
	args[0] = s1;
	nulls[0] = s1null;
	args[1] = s2;
	nulls[1] = s2null;
	combined = call_support(&comb_fn, aggstate, 2, args, nulls, &cnull);

	/* serialize the combined state */
	if (typed)
	{
		Oid			typsend;
		bool		typisvarlena;

		sernull = cnull;
		if (!cnull)
		{
			getTypeBinaryOutputInfo(transtype, &typsend, &typisvarlena);
			ser = PointerGetDatum(OidSendFunctionCall(typsend, combined));
		}
	}
	else
	{
		args[0] = combined;
		nulls[0] = cnull;
		ser = call_support(&ser_fn, aggstate, 1, args, nulls, &sernull);
	}
	if (!sernull)
	{
		MemoryContext old = MemoryContextSwitchTo(caller);

		values[1] = PointerGetDatum(DatumGetByteaPCopy(ser));
		MemoryContextSwitchTo(old);
	}
	outnulls[1] = sernull;

	/* the final function, as nodeAgg.c calls it */
	if (OidIsValid(finalfn))
	{
		int			nfinal = 1 + (finalextra ? ninputs : 0);

		fmgr_info(finalfn, &final_fn);
		build_aggregate_finalfn_expr(inputs, nfinal, transtype, rettype,
									 PG_GET_COLLATION(), finalfn, &expr);
		fmgr_info_set_expr((Node *) expr, &final_fn);
		/* nodeAgg.c hands final functions a read-only pointer */
		args[0] = MakeExpandedObjectReadOnly(combined, cnull, typed ? -1 : sizeof(void *));
		nulls[0] = cnull;
		for (i = 1; i < nfinal; i++)
		{
			args[i] = (Datum) 0;
			nulls[i] = true;
		}
		res = call_support(&final_fn, aggstate, nfinal, args, nulls, &resnull);
	}
	else
	{
		res = combined;
		resnull = cnull;
	}
	if (resnull)
		outnulls[0] = true;
	else
	{
		Oid			typoutput;
		bool		typisvarlena;

		getTypeOutputInfo(rettype, &typoutput, &typisvarlena);
		values[0] = CStringGetTextDatum(OidOutputFunctionCall(typoutput, res));
	}

	MemoryContextSwitchTo(caller);
	MemoryContextDelete(aggcxt);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, outnulls)));
}
