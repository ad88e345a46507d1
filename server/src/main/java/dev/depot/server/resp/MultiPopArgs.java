package dev.depot.server.resp;

import java.util.List;

/**
 * The arguments of LMPOP, BLMPOP, ZMPOP and BZMPOP: {@code numkeys key [key ...] end [COUNT n]},
 * where the end is LEFT or RIGHT for lists, MIN or MAX for sorted sets.
 *
 * @param fromFirst whether to pop from the first end (LEFT, MIN)
 */
record MultiPopArgs(List<byte[]> keys, boolean fromFirst, long count) {

    /** Reads numkeys at {@code numKeysArg}; checks in Redis's order: numkeys, the end, COUNT. */
    static MultiPopArgs parse(Call call, int numKeysArg, String firstEnd, String lastEnd) {
        Long numKeys = RespNumbers.parseLong(call.arg(numKeysArg));
        if (numKeys == null || numKeys < 1) {
            throw new RespException("ERR numkeys should be greater than 0");
        }
        int endArg = numKeysArg + 1;
        if (numKeys > call.argc() - endArg - 1) {
            throw RespException.syntax();
        }
        endArg += numKeys.intValue();
        boolean fromFirst;
        if (call.is(endArg, firstEnd)) {
            fromFirst = true;
        } else if (call.is(endArg, lastEnd)) {
            fromFirst = false;
        } else {
            throw RespException.syntax();
        }
        long count = 1;
        boolean counted = false;
        for (int i = endArg + 1; i < call.argc(); i++) {
            if (!counted && call.is(i, "COUNT") && i + 1 < call.argc()) {
                Long value = RespNumbers.parseLong(call.arg(++i));
                if (value == null || value < 1) {
                    throw new RespException("ERR count should be greater than 0");
                }
                count = value;
                counted = true;
            } else {
                throw RespException.syntax();
            }
        }
        return new MultiPopArgs(call.args().subList(numKeysArg + 1, endArg), fromFirst, count);
    }
}
