package dev.depot.server.resp;

/** Redis's expiry arguments (EX, PX, EXAT, PXAT and the EXPIRE family) as absolute epoch milliseconds. */
final class Expiry {
    private Expiry() {
    }

    /** {@code unit} is EX, PX, EXAT or PXAT; refuses what Redis calls an invalid expire time. */
    static long absolute(String unit, long amount, long nowMillis, String command) {
        if (amount <= 0) {
            throw invalid(command);
        }
        long at;
        try {
            at = switch (unit) {
                case "EX" -> Math.addExact(nowMillis, Math.multiplyExact(amount, 1000L));
                case "PX" -> Math.addExact(nowMillis, amount);
                case "EXAT" -> Math.multiplyExact(amount, 1000L);
                default -> amount;
            };
        } catch (ArithmeticException e) {
            throw invalid(command);
        }
        return at;
    }

    static RespException invalid(String command) {
        return new RespException("ERR invalid expire time in '" + command + "' command");
    }
}
