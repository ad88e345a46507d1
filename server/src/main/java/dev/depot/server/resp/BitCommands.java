package dev.depot.server.resp;

import dev.depot.storage.keyspace.Slot;

import java.util.Arrays;
import java.util.Locale;

/** Strings as bit arrays and byte ranges: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, SETRANGE. */
final class BitCommands {
    /** Redis's proto-max-bulk-len: no string may grow beyond it. */
    private static final long MAX_STRING = 512L * 1024 * 1024;
    /** SETBIT's outcome flag beside the previous bit: the string was created, grown or changed. */
    private static final int CHANGED = 2;
    /** BITOP's outcome when an empty result deleted the destination. */
    private static final int DELETED = -1;

    private BitCommands() {
    }

    static void register(CommandTable table) {
        table.add("setbit", 4, BitCommands::setBit);
        table.add("getbit", 3, BitCommands::getBit);
        table.add("bitcount", -2, BitCommands::bitCount);
        table.add("bitpos", -3, BitCommands::bitPos);
        table.add("bitop", -4, BitCommands::bitOp);
        table.add("setrange", 4, BitCommands::setRange);
    }

    private static long bitOffset(Call call, int i) {
        Long offset = RespNumbers.parseLong(call.arg(i));
        if (offset == null || offset < 0 || offset >= MAX_STRING * 8) {
            throw new RespException("ERR bit offset is not an integer or out of range");
        }
        return offset;
    }

    private static void setBit(Call call) {
        long offset = bitOffset(call, 2);
        Long bit = RespNumbers.parseLong(call.arg(3));
        if (bit == null || (bit != 0 && bit != 1)) {
            throw new RespException("ERR bit is not an integer or out of range");
        }
        // the previous bit, plus CHANGED when the string was written
        int outcome = call.db().execute(call.arg(1), slot -> {
            if (slot.exists() && !slot.isString()) {
                throw RespException.wrongType();
            }
            byte[] value = slot.exists() ? slot.bytes() : new byte[0];
            int index = (int) (offset >>> 3);
            boolean grows = !slot.exists() || index >= value.length;
            if (index >= value.length) {
                value = Arrays.copyOf(value, index + 1);
            }
            int mask = 0x80 >>> (int) (offset & 7);
            int previous = (value[index] & mask) != 0 ? 1 : 0;
            if (grows || previous != bit) { // like Redis, setting a bit to what it is changes nothing (WATCH, events)
                value[index] = (byte) (bit == 1 ? value[index] | mask : value[index] & ~mask);
                slot.put(value, 0, slot.exists() ? slot.expiresAt() : 0);
                return previous | CHANGED;
            }
            return previous;
        });
        if ((outcome & CHANGED) != 0) {
            call.keyspaceEvent(KeyspaceEventClass.STRING, "setbit", call.arg(1));
        }
        call.reply().integer(outcome & 1);
    }

    private static void getBit(Call call) {
        long offset = bitOffset(call, 2);
        byte[] value = StringCommands.read(call, call.arg(1));
        int index = (int) (offset >>> 3);
        boolean set = value != null && index < value.length && (value[index] & (0x80 >>> (int) (offset & 7))) != 0;
        call.reply().integer(set ? 1 : 0);
    }

    /** [start end [BYTE|BIT]] clamped like Redis; returns {firstBit, lastBit} or null when empty. */
    private static long[] bitRange(Call call, int from, int length) {
        long bits = length * 8L;
        if (call.argc() <= from) {
            return bits == 0 ? null : new long[] {0, bits - 1};
        }
        if (call.argc() == from + 1 || call.argc() > from + 3) {
            throw RespException.syntax(); // a count of arguments Redis refuses before reading any
        }
        long start = call.longArg(from);
        long end = call.longArg(from + 1);
        boolean byBit = call.argc() == from + 3 && isBitUnit(call, from + 2);
        long total = byBit ? bits : length;
        if (start < 0) {
            start = Math.max(0, total + start);
        }
        if (end < 0) {
            end = Math.max(0, total + end);
        }
        end = Math.min(end, total - 1);
        if (start > end || total == 0) {
            return null;
        }
        return byBit ? new long[] {start, end} : new long[] {start * 8, end * 8 + 7};
    }

    /** The unit argument: true for BIT, false for BYTE, a syntax error for anything else. */
    private static boolean isBitUnit(Call call, int i) {
        String unit = call.text(i).toUpperCase(Locale.ROOT);
        if (!unit.equals("BIT") && !unit.equals("BYTE")) {
            throw RespException.syntax();
        }
        return unit.equals("BIT");
    }

    private static void bitCount(Call call) {
        byte[] value = StringCommands.read(call, call.arg(1));
        if (value == null) {
            call.reply().integer(0); // Redis looks the key up first: a missing one is 0 whatever the range says
            return;
        }
        if (call.argc() > 5) {
            throw RespException.syntax();
        }
        if (call.argc() == 4 || call.argc() == 5) {
            long start = call.longArg(2);
            long end = call.longArg(3);
            if (start < 0 && end < 0 && start > end) {
                call.reply().integer(0); // BITCOUNT only (not BITPOS), and before the unit is read
                return;
            }
        }
        long[] range = bitRange(call, 2, value.length);
        long count = 0;
        if (range != null) {
            for (long bit = range[0]; bit <= range[1]; bit++) {
                if ((value[(int) (bit >>> 3)] & (0x80 >>> (int) (bit & 7))) != 0) {
                    count++;
                }
            }
        }
        call.reply().integer(count);
    }

    private static void bitPos(Call call) {
        long wanted = call.longArg(2);
        if (wanted != 0 && wanted != 1) {
            throw new RespException("ERR The bit argument must be 1 or 0.");
        }
        byte[] value = StringCommands.read(call, call.arg(1));
        if (value == null) {
            call.reply().integer(wanted == 1 ? -1 : 0);
            return;
        }
        if (call.argc() == 6) { // BITPOS reads start, then the unit, then end
            call.longArg(3);
            isBitUnit(call, 5);
        }
        boolean endGiven = call.argc() >= 5;
        long[] range = call.argc() == 4
                ? rangeFromStart(call, value.length) : bitRange(call, 3, value.length);
        if (range == null) {
            call.reply().integer(-1);
            return;
        }
        for (long bit = range[0]; bit <= range[1]; bit++) {
            boolean set = (value[(int) (bit >>> 3)] & (0x80 >>> (int) (bit & 7))) != 0;
            if (set == (wanted == 1)) {
                call.reply().integer(bit);
                return;
            }
        }
        // looking for a clear bit without an explicit end: the string is padded with zeros
        call.reply().integer(wanted == 0 && !endGiven ? range[1] + 1 : -1);
    }

    private static long[] rangeFromStart(Call call, int length) {
        long start = call.longArg(3);
        if (start < 0) {
            start = Math.max(0, length + start);
        }
        return start >= length ? null : new long[] {start * 8, length * 8L - 1};
    }

    private static void bitOp(Call call) {
        String op = call.text(1).toUpperCase(Locale.ROOT);
        if (!Arrays.asList("AND", "OR", "XOR", "NOT").contains(op)) {
            throw RespException.syntax();
        }
        if (op.equals("NOT") && call.argc() != 4) {
            throw new RespException("ERR BITOP NOT must be called with a single source key.");
        }
        // the destination and every source locked together: no writer shows half its work
        int length = call.db().executeAll(call.args().subList(2, call.argc()), slots -> {
            byte[][] sources = new byte[slots.size() - 1][];
            for (int s = 0; s < sources.length; s++) {
                byte[] value = StringCommands.read(slots.get(s + 1));
                sources[s] = value == null ? new byte[0] : value;
            }
            byte[] result = combine(op, sources);
            Slot destination = slots.get(0);
            if (result.length > 0) {
                destination.put(result, 0, 0);
            } else if (destination.exists()) {
                destination.delete();
                return DELETED;
            }
            return result.length;
        });
        // Redis's events: set for a stored result, del when an empty one removed the destination
        if (length == DELETED) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "del", call.arg(2));
        } else if (length > 0) {
            call.keyspaceEvent(KeyspaceEventClass.STRING, "set", call.arg(2));
        }
        call.reply().integer(Math.max(length, 0));
    }

    /** AND, OR, XOR of the sources byte by byte (shorter ones padded with zeros), or NOT of the one source. */
    private static byte[] combine(String op, byte[][] sources) {
        int longest = 0;
        for (byte[] source : sources) {
            longest = Math.max(longest, source.length);
        }
        byte[] result = new byte[longest];
        for (int i = 0; i < longest; i++) {
            int acc = i < sources[0].length ? sources[0][i] & 0xff : 0;
            if (op.equals("NOT")) {
                acc = ~acc & 0xff;
            }
            for (int s = 1; s < sources.length; s++) {
                int b = i < sources[s].length ? sources[s][i] & 0xff : 0;
                acc = switch (op) {
                    case "AND" -> acc & b;
                    case "OR" -> acc | b;
                    default -> acc ^ b;
                };
            }
            result[i] = (byte) acc;
        }
        return result;
    }

    private static void setRange(Call call) {
        long offset = call.longArg(2);
        if (offset < 0) {
            throw new RespException("ERR offset is out of range");
        }
        byte[] patch = call.arg(3);
        int length = call.db().execute(call.arg(1), slot -> {
            if (slot.exists() && !slot.isString()) {
                throw RespException.wrongType();
            }
            byte[] value = slot.exists() ? slot.bytes() : new byte[0];
            if (patch.length == 0) {
                return value.length; // nothing to write: not even a missing key is created, nor the size checked
            }
            if (offset > MAX_STRING - patch.length) { // written so that a huge offset cannot overflow
                throw new RespException("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
            }
            int end = (int) offset + patch.length;
            if (end > value.length) {
                value = Arrays.copyOf(value, end);
            }
            System.arraycopy(patch, 0, value, (int) offset, patch.length);
            slot.put(value, 0, slot.exists() ? slot.expiresAt() : 0);
            return value.length;
        });
        if (patch.length > 0) {
            call.keyspaceEvent(KeyspaceEventClass.STRING, "setrange", call.arg(1));
        }
        call.reply().integer(length);
    }
}
